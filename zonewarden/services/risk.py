"""``risk`` and ``explain --sl-target``: the risk assessment of a project as documents.

Called by the CLI (and usable by the web app): the engine runs in
:mod:`zonewarden.domain.derivation` and :mod:`zonewarden.domain.zcrs`; this module arranges the
results as plain data (JSON, CSV rows) with the ZCR titles of the catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from zonewarden.catalog.zcrs import zcr_titles
from zonewarden.domain.derivation import (
    RiskResult,
    ScenarioResult,
    TargetRiskResult,
    assess_risk,
    consequence_caps,
    rule_sentence,
    sl_target_reasoning,
)
from zonewarden.domain.levels import FR
from zonewarden.domain.projects import Project
from zonewarden.domain.threats import ACTOR_PROFILES
from zonewarden.domain.zcrs import ZCRStep, zcr_steps

ZONE_COLUMNS = (
    "id",
    "type",
    "name",
    "function",
    "initial_risk",
    "needs_detailed",
    "scenarios",
    "derived_sl_target",
    "sl_target",
    "agreement",
    "explained",
    "residual_risk",
    "residual_above_tolerable",
)


@dataclass(frozen=True, slots=True)
class RiskReport:
    """The risk results of a project on a date (``result`` is None without a risk section)."""

    project: Project
    as_of: date
    result: RiskResult | None
    steps: tuple[ZCRStep, ...]


def risk_report(project: Project, as_of: date) -> RiskReport:
    result = None if project.risk is None else assess_risk(project, project.risk, as_of)
    return RiskReport(project, as_of, result, zcr_steps(project, result))


def step_rows(report: RiskReport) -> list[dict[str, Any]]:
    titles = zcr_titles()
    return [
        {
            "id": step.id,
            "title": titles.get(step.id, ""),
            "state": step.state,
            "summary": step.summary,
            "missing": list(step.missing),
        }
        for step in report.steps
    ]


def zone_row(t: TargetRiskResult) -> dict[str, Any]:
    return {
        "id": t.target.id,
        "type": t.target.type,
        "name": t.target.name,
        "function": t.function,
        "initial_risk": t.initial,
        "initial_likelihood": t.initial_likelihood,
        "initial_consequence": t.initial_consequence,
        "initial_category": t.initial_category,
        "needs_detailed": t.needs_detailed,
        "scenarios": [s.scenario.id for s in t.scenarios],
        "derived_sl_target": list(t.derived),
        "sl_target": list(t.recorded),
        "agreement": t.agreement,
        "explained": t.explained,
        "residual_risk": t.residual,
        "residual_above_tolerable": t.residual_exceeds,
    }


def _plain_zone(project: Project, target_id: str) -> dict[str, Any]:
    target = project.target(target_id)
    assert target is not None
    return {
        "id": target.id,
        "type": target.type,
        "name": target.name,
        "function": None,
        "initial_risk": None,
        "initial_likelihood": None,
        "initial_consequence": None,
        "initial_category": None,
        "needs_detailed": None,
        "scenarios": [],
        "derived_sl_target": None,
        "sl_target": list(target.sl_target),
        "agreement": None,
        "explained": None,
        "residual_risk": None,
        "residual_above_tolerable": None,
    }


def zone_rows(report: RiskReport) -> list[dict[str, Any]]:
    if report.result is None:
        return [_plain_zone(report.project, t.id) for t in report.project.targets()]
    return [zone_row(t) for t in report.result.targets]


def scenario_row(s: ScenarioResult) -> dict[str, Any]:
    scenario = s.scenario
    return {
        "id": scenario.id,
        "title": scenario.title,
        "source": scenario.source,
        "actor": scenario.actor,
        "targets": list(scenario.targets),
        "frs": list(scenario.frs),
        "likelihood": scenario.likelihood,
        "consequence": dict(scenario.consequence),
        "risk": s.risk,
        "above_tolerable": s.exceeds,
        "required_sl": s.required,
        "residual_likelihood": scenario.residual_likelihood(),
        "residual_consequence": None
        if scenario.residual is None
        else dict(scenario.residual_consequence() or ()),
        "residual_risk": s.residual,
        "residual_above_tolerable": s.residual_exceeds,
        "existing_countermeasures": list(scenario.existing_countermeasures),
        "planned_countermeasures": list(scenario.planned_countermeasures),
    }


def risk_document(report: RiskReport) -> dict[str, Any]:
    """``zonewarden risk --format json``."""
    result = report.result
    return {
        "project": report.project.id,
        "as_of": report.as_of.isoformat(),
        "version": None if result is None else result.assessment.version,
        "tolerable": None if result is None else result.assessment.tolerable,
        "steps": step_rows(report),
        "zones": zone_rows(report),
        "scenarios": [] if result is None else [scenario_row(s) for s in result.scenarios],
        "warnings": []
        if result is None
        else [
            {"code": w.code, "subject": w.subject, "message": w.message} for w in result.warnings
        ],
    }


def sl_target_document(report: RiskReport, target_id: str) -> dict[str, Any]:
    """``zonewarden explain FILE ZONE --sl-target --format json``: from scenarios to the number."""
    target = report.project.target(target_id)
    assert target is not None
    base: dict[str, Any] = {
        "zone": target.id,
        "type": target.type,
        "as_of": report.as_of.isoformat(),
        "sl_target": list(target.sl_target),
    }
    result = report.result
    found = None if result is None else result.target(target_id)
    if result is None or found is None:
        return {
            **base,
            "derived_sl_target": None,
            "explanation": [
                "The project has no risk section: its SL-T is recorded, not derived "
                "(see docs/concepts/risk.md)."
            ],
        }
    assessment = result.assessment
    caps = consequence_caps(assessment.derivation, assessment.matrix)
    decision = found.decision
    return {
        **base,
        "derived_sl_target": list(found.derived),
        "agreement": found.agreement,
        "explained": found.explained,
        "tolerable": assessment.tolerable,
        "rule": {
            "actor_sl": dict(zip(ACTOR_PROFILES, assessment.derivation.actor_sl, strict=True)),
            "consequence_sl": {
                c.id: cap for c, cap in zip(assessment.matrix.consequence, caps, strict=True)
            },
            "baseline": assessment.derivation.baseline,
            "text": rule_sentence(assessment),
        },
        "initial": {
            "risk": found.initial,
            "likelihood": found.initial_likelihood,
            "consequence": found.initial_consequence,
            "category": found.initial_category,
            "needs_detailed": found.needs_detailed,
        },
        "scenarios": [
            {
                "id": s.scenario.id,
                "title": s.scenario.title,
                "actor": s.scenario.actor,
                "risk": s.risk,
                "above_tolerable": s.exceeds,
                "consequence": s.consequence,
                "category": s.category,
                "actor_sl": s.actor_sl,
                "consequence_cap": s.cap,
                "required_sl": s.required,
                "frs": list(s.scenario.frs),
            }
            for s in found.scenarios
        ],
        "frs": [
            {
                "fr": int(f.fr),
                "title": FR(f.fr).title,
                "derived": f.level,
                "recorded": found.recorded[int(f.fr) - 1],
                "from_scenario": None if f.decisive is None else f.decisive.scenario,
                "contributions": [{"scenario": c.scenario, "sl": c.level} for c in f.contributions],
            }
            for f in found.frs
        ],
        "decision": None
        if decision is None
        else {
            "derived": None if decision.derived is None else list(decision.derived),
            "justification": decision.justification,
            "override_rationale": decision.override_rationale,
            "decided_by": decision.decided_by,
            "decided_on": None if decision.decided_on is None else decision.decided_on.isoformat(),
        },
        "residual_risk": found.residual,
        "residual_above_tolerable": found.residual_exceeds,
        "explanation": list(sl_target_reasoning(result, found)),
    }
