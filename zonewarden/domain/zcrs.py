"""The state of each step of the IEC 62443-3-2 risk assessment workflow (ZCR 1 to ZCR 7).

For every step: ``done``, ``partial`` or ``missing``, a one-line summary, and what is missing
(zone, conduit or scenario ids, or the item of the specification that is absent). Pure: reads
the project and the :class:`~zonewarden.domain.derivation.RiskResult` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from zonewarden.domain.derivation import RiskResult
from zonewarden.domain.projects import Project

STEP_IDS: Final = (
    "ZCR 1",
    "ZCR 2",
    "ZCR 3",
    "ZCR 4",
    "ZCR 5.1",
    "ZCR 5.2",
    "ZCR 5.3",
    "ZCR 5.4",
    "ZCR 5.5",
    "ZCR 5.6",
    "ZCR 5.7",
    "ZCR 5.8",
    "ZCR 5.9",
    "ZCR 5.10",
    "ZCR 5.11",
    "ZCR 5.12",
    "ZCR 5.13",
    "ZCR 6",
    "ZCR 7",
)
STATES: Final = ("done", "partial", "missing")
#: approvals older than this are due for the periodic review of the risk assessment
REVIEW_DAYS: Final = 365


@dataclass(frozen=True, slots=True)
class ZCRStep:
    id: str
    state: str  # done | partial | missing
    summary: str
    missing: tuple[str, ...] = ()


def _state(missing: Sequence[str], total: int) -> str:
    if not missing:
        return "done"
    return "missing" if len(missing) >= total else "partial"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def suc_step(project: Project) -> ZCRStep:
    """ZCR 1: the SuC, its boundary, access points and essential functions."""
    suc = project.suc
    parts = {
        "description": suc.description,
        "boundary": suc.boundary,
        "access points": suc.access_points,
        "essential functions": suc.essential_functions,
    }
    missing = tuple(name for name, value in parts.items() if not value)
    summary = (
        f"SuC described: {_plural(len(suc.access_points), 'access point')}, "
        f"{_plural(len(suc.essential_functions), 'essential function')}"
        if not missing
        else "the SuC is not fully described"
    )
    return ZCRStep("ZCR 1", _state(missing, len(parts)), summary, missing)


def zoning_step(project: Project) -> ZCRStep:
    """ZCR 3: zones and conduits (the zoning rules themselves are checked by the linter)."""
    zones, conduits = len(project.zones), len(project.conduits)
    if not zones:
        return ZCRStep("ZCR 3", "missing", "no zones defined", ("zones",))
    if zones > 1 and not conduits:
        return ZCRStep("ZCR 3", "partial", f"{zones} zones but no conduits", ("conduits",))
    return ZCRStep(
        "ZCR 3",
        "done",
        f"{_plural(zones, 'zone')}, {_plural(conduits, 'conduit')}, "
        f"{_plural(len(project.assets), 'asset')}",
    )


def zcr_steps(project: Project, result: RiskResult | None) -> tuple[ZCRStep, ...]:
    """Every step of :data:`STEP_IDS`, in that order. ``result`` is None without a risk
    section: then only ZCR 1 and ZCR 3 can be done."""
    if result is None:
        absent = "no risk section in the project"
        return tuple(
            suc_step(project)
            if step == "ZCR 1"
            else zoning_step(project)
            if step == "ZCR 3"
            else ZCRStep(step, "missing", absent, ("risk",))
            for step in STEP_IDS
        )
    initial, comparison = _initial_steps(result)
    crs = _crs_step(project, result)
    return (
        suc_step(project),
        initial,
        zoning_step(project),
        comparison,
        *_detailed_steps(result),
        ZCRStep("ZCR 5.13", crs.state, "results documented in the CRS (ZCR 6)"),
        crs,
        _approval_step(result),
    )


def _initial_steps(result: RiskResult) -> tuple[ZCRStep, ZCRStep]:
    targets = result.targets
    total = len(targets)
    missing = tuple(t.target.id for t in targets if t.initial is None)
    assessed = total - len(missing)
    initial = ZCRStep(
        "ZCR 2",
        _state(missing, total) if total else "missing",
        f"initial risk of {assessed} of {total} zones and conduits",
        missing,
    )
    above = [t.target.id for t in targets if t.needs_detailed]
    tolerable = result.assessment.matrix.label("levels", result.assessment.tolerable)
    comparison = ZCRStep(
        "ZCR 4",
        initial.state,
        f"tolerable risk {tolerable}; {len(above)} of {assessed} above it need a detailed "
        "assessment",
        missing,
    )
    return initial, comparison


def _detailed_steps(result: RiskResult) -> list[ZCRStep]:
    """ZCR 5.1 to 5.12 from the scenarios against the zones that need a detailed assessment."""
    needing = [t for t in result.targets if t.needs_detailed]
    scenarios = result.scenarios
    count = len(scenarios)
    steps = []
    no_threats = tuple(t.target.id for t in needing if not t.scenarios)
    steps.append(
        ZCRStep(
            "ZCR 5.1",
            _state(no_threats, len(needing)) if needing else "done",
            f"{_plural(count, 'threat scenario')}; "
            f"{len(needing) - len(no_threats)} of {len(needing)} zones and conduits that "
            "need a detailed assessment are covered",
            no_threats,
        )
    )
    no_vulnerability = tuple(s.scenario.id for s in scenarios if not s.scenario.vulnerability)
    steps.append(
        ZCRStep(
            "ZCR 5.2",
            _state(no_vulnerability, count) if count else _empty(needing),
            f"vulnerability named for {count - len(no_vulnerability)} of {count} scenarios",
            no_vulnerability,
        )
    )
    recorded = _empty(needing) if not count else "done"
    scenarios_text = _plural(count, "scenario")
    steps += [
        ZCRStep("ZCR 5.3", recorded, f"consequence per impact category of {scenarios_text}"),
        ZCRStep("ZCR 5.4", recorded, f"unmitigated likelihood of {scenarios_text}"),
        ZCRStep("ZCR 5.5", recorded, f"unmitigated risk from the matrix for {scenarios_text}"),
    ]
    steps.append(_sl_target_step(result))
    exceeding = [s for s in scenarios if s.exceeds]
    steps.append(
        ZCRStep(
            "ZCR 5.7",
            recorded,
            f"{len(exceeding)} of {count} scenarios above the tolerable risk count towards SL-T",
        )
    )
    no_existing = tuple(s.scenario.id for s in scenarios if not s.scenario.existing_countermeasures)
    steps.append(
        ZCRStep(
            "ZCR 5.8",
            _state(no_existing, count) if count else _empty(needing),
            f"existing countermeasures recorded for {count - len(no_existing)} of {count} "
            "scenarios",
            no_existing,
        )
    )
    no_residual = tuple(s.scenario.id for s in scenarios if s.residual is None)
    residual_state = _state(no_residual, count) if count else _empty(needing)
    steps += [
        ZCRStep(
            "ZCR 5.9",
            residual_state,
            f"likelihood and consequence re-evaluated for {count - len(no_residual)} of "
            f"{count} scenarios",
            no_residual,
        ),
        ZCRStep(
            "ZCR 5.10",
            residual_state,
            f"residual risk of {count - len(no_residual)} of {count} scenarios",
            no_residual,
        ),
    ]
    above = [s for s in scenarios if s.residual_exceeds]
    steps.append(
        ZCRStep(
            "ZCR 5.11",
            residual_state,
            f"{len(above)} of {count - len(no_residual)} residual risks stay above the "
            "tolerable risk",
            no_residual,
        )
    )
    unplanned = tuple(s.scenario.id for s in above if not s.scenario.planned_countermeasures)
    steps.append(
        ZCRStep(
            "ZCR 5.12",
            _state(unplanned, len(above)) if above else residual_state,
            f"additional countermeasures planned for {len(above) - len(unplanned)} of "
            f"{len(above)} scenarios above the tolerable risk",
            unplanned,
        )
    )
    return steps


def _empty(needing: Sequence[object]) -> str:
    """The state of a per-scenario step when there are no scenarios."""
    return "missing" if needing else "done"


def _sl_target_step(result: RiskResult) -> ZCRStep:
    """ZCR 5.6: a recorded decision for every zone and conduit that needs a detailed
    assessment, and every recorded SL-T below the derived one explained."""
    needing = [t for t in result.targets if t.needs_detailed]
    missing = [f"decision for {t.target.id}" for t in needing if t.decision is None]
    missing += [
        f"override rationale for {t.target.id}"
        for t in result.targets
        if t.agreement == "below" and not t.explained
    ]
    matches = sum(1 for t in result.targets if t.agreement == "matches")
    explained = sum(1 for t in result.targets if t.agreement != "matches" and t.explained)
    total = len(result.targets)
    state = "done" if not missing else ("missing" if len(missing) >= max(total, 1) else "partial")
    return ZCRStep(
        "ZCR 5.6",
        state,
        f"derived SL-T matches the recorded one for {matches} of {total} zones and conduits, "
        f"{explained} differ with a recorded reason",
        tuple(missing),
    )


def _crs_step(project: Project, result: RiskResult) -> ZCRStep:
    """ZCR 6: what the cybersecurity requirements specification needs beyond the results."""
    risk = result.assessment
    missing = []
    if not project.suc.description or not project.suc.boundary:
        missing.append("SuC description (ZCR 6.2)")
    missing += [f"owner of {z.id} (ZCR 6.4)" for z in project.zones if not z.owner]
    if not risk.assumptions:
        missing.append("operating environment assumptions (ZCR 6.5)")
    if not risk.threat_environment:
        missing.append("threat environment (ZCR 6.6)")
    if not risk.policies:
        missing.append("organizational security policies (ZCR 6.7)")
    if not risk.regulations:
        missing.append("regulatory requirements (ZCR 6.9)")
    state = "done" if not missing else "partial"
    summary = (
        "every item of the CRS is recorded ('zonewarden crs' writes it)"
        if not missing
        else f"the CRS lacks {_plural(len(missing), 'item')}"
    )
    return ZCRStep("ZCR 6", state, summary, tuple(missing))


def _approval_step(result: RiskResult) -> ZCRStep:
    """ZCR 7: an approval of the current version, made on or before the evaluation date."""
    risk = result.assessment
    as_of = result.as_of
    approvals = [a for a in risk.approvals if a.approved_on <= as_of]
    if not approvals:
        return ZCRStep("ZCR 7", "missing", "no asset owner approval recorded", ("approval",))
    current = [a for a in approvals if risk.version is None or a.version == risk.version]
    if not current:
        latest = max(approvals, key=lambda a: a.approved_on)
        return ZCRStep(
            "ZCR 7",
            "partial",
            f"version {latest.version} was approved; the current version {risk.version} is not",
            (f"approval of version {risk.version}",),
        )
    latest = max(current, key=lambda a: a.approved_on)
    summary = f"version {latest.version} approved by {latest.approved_by} on {latest.approved_on}"
    if _age(latest.approved_on, as_of) > REVIEW_DAYS:
        return ZCRStep(
            "ZCR 7",
            "partial",
            summary + f", more than {REVIEW_DAYS} days ago",
            ("periodic review and new approval",),
        )
    return ZCRStep("ZCR 7", "done", summary)


def _age(day: date, as_of: date) -> int:
    return (as_of - day).days
