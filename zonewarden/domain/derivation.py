"""Risk results per zone and conduit, and the rule that derives SL-T from threat scenarios.

IEC 62443-3-2: initial risk (ZCR 2.1) and its comparison with tolerable risk, which decides the
zones and conduits that need a detailed assessment (ZCR 4.1); unmitigated risk of each threat
scenario (ZCR 5.5) and its comparison with tolerable risk (ZCR 5.7); SL-T (ZCR 5.6); residual
risk (ZCR 5.10) and its comparison with tolerable risk (ZCR 5.11).

The derivation rule (documented in ``docs/concepts/risk.md``; numbers configurable in
:class:`~zonewarden.domain.risk.DerivationRule`): for each FR of a zone or conduit, the derived
SL-T is the highest level called for by a threat scenario that targets it, affects that FR and
whose unmitigated risk exceeds the tolerable risk; a scenario calls for the SL of its actor
profile (casual 1, simple 2, moderate 3, extended 4), bounded by the cap of its worst
unmitigated consequence; no FR goes below the baseline (1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from zonewarden.domain.levels import FR, SLVector
from zonewarden.domain.projects import Project
from zonewarden.domain.risk import (
    RiskAssessment,
    RiskMatrix,
    SLTargetDecision,
    consequence_caps,
    initial_risk,
    worst_consequence,
)
from zonewarden.domain.threats import ThreatScenario
from zonewarden.domain.zones import Target

#: typical SL-T bands of the methodology, by zone function: (lowest, highest) of the zone's
#: highest FR level; a recorded SL-T outside its band needs a justification
TYPICAL_BANDS = {"safety": (3, 4), "monitoring": (1, 2)}


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    """A threat scenario through the matrix and the derivation rule."""

    scenario: ThreatScenario
    risk: str  # unmitigated risk level (ZCR 5.5)
    consequence: str  # worst unmitigated consequence level
    category: str | None  # the impact category where it occurs
    exceeds: bool  # unmitigated risk above tolerable (ZCR 5.7): the scenario counts
    actor_sl: int  # the SL its actor profile calls for
    cap: int  # the highest SL its consequence may call for
    residual: str | None  # residual risk level (ZCR 5.10); None: not assessed yet
    residual_exceeds: bool | None  # residual above tolerable (ZCR 5.11)

    @property
    def required(self) -> int:
        """The SL the scenario calls for in each FR it affects (0 when it does not count)."""
        return min(self.actor_sl, self.cap) if self.exceeds else 0


@dataclass(frozen=True, slots=True)
class Contribution:
    scenario: str
    level: int


@dataclass(frozen=True, slots=True)
class FRDerivation:
    """The derived SL-T of one FR and the counted scenarios behind it (strongest first)."""

    fr: FR
    level: int
    baseline: int
    contributions: tuple[Contribution, ...]

    @property
    def decisive(self) -> Contribution | None:
        """The scenario that sets the level, or None when the baseline does."""
        if self.contributions and self.contributions[0].level == self.level:
            return self.contributions[0]
        return None


@dataclass(frozen=True, slots=True)
class TargetRiskResult:
    """Initial, derived and residual figures of one zone or conduit."""

    target: Target
    function: str
    initial: str | None  # initial risk level; None: no initial assessment recorded
    initial_likelihood: str | None
    initial_consequence: str | None
    initial_category: str | None
    needs_detailed: bool | None  # initial risk above tolerable (ZCR 4.1); None: unknown
    scenarios: tuple[ScenarioResult, ...]
    derived: SLVector
    frs: tuple[FRDerivation, ...]
    recorded: SLVector
    agreement: str  # matches | above | below (recorded against derived)
    residual: str | None  # None: not assessed
    residual_exceeds: bool | None
    decision: SLTargetDecision | None

    @property
    def below(self) -> tuple[int, ...]:
        """FRs (1..7) whose recorded SL-T is below the derived one."""
        return tuple(f for f in range(1, 8) if self.recorded[f - 1] < self.derived[f - 1])

    @property
    def above(self) -> tuple[int, ...]:
        return tuple(f for f in range(1, 8) if self.recorded[f - 1] > self.derived[f - 1])

    @property
    def explained(self) -> bool:
        """Recorded and derived agree, or the difference is explained by the decision."""
        decision = self.decision
        if self.agreement == "matches":
            return True
        if self.agreement == "below":
            return bool(decision and (decision.override_rationale or "").strip())
        return bool(decision and (decision.justification or decision.override_rationale))


@dataclass(frozen=True, slots=True)
class RiskWarning:
    """Something in the risk assessment that needs the assessor's attention."""

    code: str
    subject: str  # a zone, conduit or scenario id
    message: str


@dataclass(frozen=True, slots=True)
class RiskResult:
    assessment: RiskAssessment
    as_of: date
    targets: tuple[TargetRiskResult, ...]
    scenarios: tuple[ScenarioResult, ...]
    warnings: tuple[RiskWarning, ...]

    def target(self, target_id: str) -> TargetRiskResult | None:
        return next((t for t in self.targets if t.target.id == target_id), None)


def score_scenario(
    scenario: ThreatScenario, assessment: RiskAssessment, caps: Sequence[int]
) -> ScenarioResult:
    """Unmitigated and residual risk of a scenario, and the SL it calls for (ZCR 5.5-5.11)."""
    matrix, tolerable = assessment.matrix, assessment.tolerable
    consequence, category = worst_consequence(matrix, scenario.consequence)
    risk = matrix.risk(scenario.likelihood, consequence)
    residual = None
    residual_consequence = scenario.residual_consequence()
    residual_likelihood = scenario.residual_likelihood()
    if residual_likelihood is not None and residual_consequence is not None:
        worst, _ = worst_consequence(matrix, residual_consequence)
        residual = matrix.risk(residual_likelihood, worst)
    return ScenarioResult(
        scenario=scenario,
        risk=risk,
        consequence=consequence,
        category=category,
        exceeds=matrix.exceeds(risk, tolerable),
        actor_sl=assessment.derivation.actor_sl[scenario.actor_rank],
        cap=caps[matrix.consequence_index(consequence)],
        residual=residual,
        residual_exceeds=None if residual is None else matrix.exceeds(residual, tolerable),
    )


def derive_frs(
    scenarios: Sequence[ScenarioResult], baseline: int
) -> tuple[SLVector, tuple[FRDerivation, ...]]:
    """The derived SL-T vector from the scenarios against one zone or conduit (ZCR 5.6)."""
    frs = []
    for fr in FR:
        counted = sorted(
            (
                Contribution(s.scenario.id, s.required)
                for s in scenarios
                if s.exceeds and int(fr) in s.scenario.frs
            ),
            key=lambda c: -c.level,  # stable: file order among equals
        )
        level = max([baseline, *(c.level for c in counted)])
        frs.append(FRDerivation(fr, level, baseline, tuple(counted)))
    return SLVector(f.level for f in frs), tuple(frs)


def infer_function(project: Project, target: Target, assessment: RiskAssessment) -> str:
    """The recorded function, else ``safety`` for a safety zone, ``process_control`` for a zone
    of kind control, ``other`` otherwise (conduits: ``other``)."""
    recorded = assessment.zone(target.id).function
    if recorded:
        return recorded
    zone = project.zone(target.id) if target.type == "zone" else None
    if zone is None:
        return "other"
    if zone.is_safety:
        return "safety"
    return "process_control" if zone.kind == "control" else "other"


def _agreement(recorded: SLVector, derived: SLVector) -> str:
    if recorded == derived:
        return "matches"
    if any(r < d for r, d in zip(recorded, derived, strict=True)):
        return "below"
    return "above"


def _target(
    project: Project,
    target: Target,
    assessment: RiskAssessment,
    scenarios: Sequence[ScenarioResult],
) -> TargetRiskResult:
    matrix = assessment.matrix
    data = assessment.zone(target.id)
    initial = likelihood = consequence = category = None
    needs = None
    if data.initial is not None:
        initial, likelihood, consequence, category = initial_risk(matrix, data.initial)
        needs = matrix.exceeds(initial, assessment.tolerable)
    derived, frs = derive_frs(scenarios, assessment.derivation.baseline)
    residual, residual_exceeds = _residual(matrix, assessment.tolerable, initial, needs, scenarios)
    return TargetRiskResult(
        target=target,
        function=infer_function(project, target, assessment),
        initial=initial,
        initial_likelihood=likelihood,
        initial_consequence=consequence,
        initial_category=category,
        needs_detailed=needs,
        scenarios=tuple(scenarios),
        derived=derived,
        frs=frs,
        recorded=target.sl_target,
        agreement=_agreement(target.sl_target, derived),
        residual=residual,
        residual_exceeds=residual_exceeds,
        decision=data.decision,
    )


def _residual(
    matrix: RiskMatrix,
    tolerable: str,
    initial: str | None,
    needs: bool | None,
    scenarios: Sequence[ScenarioResult],
) -> tuple[str | None, bool | None]:
    """Residual risk of a zone: the worst residual risk of its scenarios (ZCR 5.10); unknown
    while a scenario has none. Without scenarios, a zone whose initial risk is tolerable keeps
    it; one that needs a detailed assessment has no residual risk yet."""
    if not scenarios:
        if needs is False:
            return initial, False
        return None, None
    levels = [s.residual for s in scenarios]
    if any(level is None for level in levels):
        return None, None
    worst = max((level for level in levels if level is not None), key=matrix.rank)
    return worst, matrix.exceeds(worst, tolerable)


def assess_risk(project: Project, assessment: RiskAssessment, as_of: date) -> RiskResult:
    """Every zone and conduit (zones then conduits, file order) and every scenario through the
    matrix and the derivation rule, with the warnings."""
    caps = consequence_caps(assessment.derivation, assessment.matrix)
    scored = tuple(score_scenario(s, assessment, caps) for s in assessment.scenarios)
    against: dict[str, list[ScenarioResult]] = {}
    for result in scored:
        for target_id in result.scenario.targets:
            against.setdefault(target_id, []).append(result)
    targets = tuple(
        _target(project, target, assessment, against.get(target.id, ()))
        for target in project.targets()
    )
    warnings = [w for t in targets for w in target_warnings(t)]
    warnings += [w for s in scored for w in scenario_warnings(s, assessment)]
    return RiskResult(assessment, as_of, targets, scored, tuple(warnings))


def _frs(frs: Sequence[int]) -> str:
    return ", ".join(f"FR {f}" for f in frs)


def target_warnings(result: TargetRiskResult) -> list[RiskWarning]:
    """Recorded SL-T below the derived one without an override rationale; outside the typical
    band of the zone's function without a justification; the derivation changed since the
    decision (ZCR 5.6)."""
    found = []
    subject = result.target.id
    decision = result.decision or SLTargetDecision()
    below = result.below
    if below and not (decision.override_rationale or "").strip():
        recorded = ", ".join(str(result.recorded[f - 1]) for f in below)
        derived = ", ".join(str(result.derived[f - 1]) for f in below)
        found.append(
            RiskWarning(
                "below-derived",
                subject,
                f"{subject}: recorded SL-T of {_frs(below)} ({recorded}) is below the derived "
                f"{derived} and no override rationale is recorded",
            )
        )
    band = TYPICAL_BANDS.get(result.function)
    justified = bool((decision.justification or "").strip())
    if band is not None and not justified:
        highest = result.recorded.maximum
        if highest < band[0]:
            found.append(
                RiskWarning(
                    f"{result.function}-below-typical",
                    subject,
                    f"{subject}: a {result.function.replace('_', ' ')} zone typically has "
                    f"SL-T {band[0]}-{band[1]}; its highest level is {highest} and no "
                    "justification is recorded",
                )
            )
        elif highest > band[1]:
            found.append(
                RiskWarning(
                    f"{result.function}-above-typical",
                    subject,
                    f"{subject}: a {result.function.replace('_', ' ')} zone typically has "
                    f"SL-T {band[0]}-{band[1]}; its highest level is {highest} and no "
                    "justification is recorded",
                )
            )
    if decision.derived is not None and decision.derived != result.derived:
        found.append(
            RiskWarning(
                "derivation-changed",
                subject,
                f"{subject}: the decision recorded a derived SL-T of "
                f"{' '.join(map(str, decision.derived))}; the scenarios now give "
                f"{' '.join(map(str, result.derived))}: review the decision",
            )
        )
    return found


def scenario_warnings(result: ScenarioResult, assessment: RiskAssessment) -> list[RiskWarning]:
    """Residual risk that stays above the tolerable risk (ZCR 5.11, 5.12)."""
    if not result.residual_exceeds:
        return []
    scenario = result.scenario
    matrix = assessment.matrix
    count = len(scenario.planned_countermeasures)
    planned = {0: "no additional countermeasure planned", 1: "1 additional countermeasure planned"}
    planned_text = planned.get(count, f"{count} additional countermeasures planned")
    return [
        RiskWarning(
            "residual-above-tolerable",
            scenario.id,
            f"{scenario.id}: residual risk {matrix.label('levels', result.residual or '')} "
            f"stays above the tolerable {matrix.label('levels', assessment.tolerable)} "
            f"({', '.join(scenario.targets)}); {planned_text}",
        )
    ]


def _vector(vector: Sequence[int]) -> str:
    return " ".join(map(str, vector))


def rule_sentence(assessment: RiskAssessment) -> str:
    """The derivation rule in force, with its numbers (ZCR 5.6)."""
    matrix, rule = assessment.matrix, assessment.derivation
    caps = consequence_caps(rule, matrix)
    actors = ", ".join(
        f"{name} {level}"
        for name, level in zip(
            ("casual", "simple", "moderate", "extended"), rule.actor_sl, strict=True
        )
    )
    capped = ", ".join(f"{c.label} {cap}" for c, cap in zip(matrix.consequence, caps, strict=True))
    return (
        "Rule: per FR, the highest SL called for by a threat scenario that targets this zone or "
        "conduit, affects the FR and whose unmitigated risk is above the tolerable risk "
        f"({matrix.label('levels', assessment.tolerable)}); a scenario calls for the SL of its "
        f"actor profile ({actors}), at most the cap of its worst consequence ({capped}); no FR "
        f"goes below the baseline {rule.baseline}."
    )


def _scenario_sentence(s: ScenarioResult, assessment: RiskAssessment) -> str:
    matrix = assessment.matrix
    tolerable = matrix.label("levels", assessment.tolerable)
    where = f" in {assessment.category_label(s.category)}" if s.category else ""
    head = (
        f"{s.scenario.id} {s.scenario.title}: unmitigated risk {matrix.label('levels', s.risk)} "
        f"({matrix.label('likelihood', s.scenario.likelihood)} x "
        f"{matrix.label('consequence', s.consequence)}{where})"
    )
    if not s.exceeds:
        return f"{head}, not above {tolerable}: does not count."
    bound = (
        f"; consequence {matrix.label('consequence', s.consequence)} caps it at {s.cap}"
        if s.cap < s.actor_sl
        else f"; consequence {matrix.label('consequence', s.consequence)} allows up to {s.cap}"
    )
    return (
        f"{head}, above {tolerable}: counts. Actor {s.scenario.actor} calls for SL "
        f"{s.actor_sl}{bound}: SL {s.required} for {_frs(s.scenario.frs)}."
    )


def _fr_sentence(f: FRDerivation, recorded: int) -> str:
    head = f"FR {int(f.fr)} {f.fr.title}: derived {f.level}"
    decisive = f.decisive
    if decisive is None:
        why = f", the baseline (no counted scenario affects FR {int(f.fr)})"
        if f.contributions:
            others = ", ".join(f"{c.scenario} {c.level}" for c in f.contributions)
            why = f", the baseline (counted scenarios call for less: {others})"
    else:
        why = f" from {decisive.scenario}"
        rest = f.contributions[1:]
        if rest:
            why += " (also " + ", ".join(f"{c.scenario} {c.level}" for c in rest) + ")"
    verdict = "" if recorded == f.level else (" (above)" if recorded > f.level else " (below)")
    return f"{head}{why}; recorded {recorded}{verdict}."


def sl_target_reasoning(result: RiskResult, target: TargetRiskResult) -> tuple[str, ...]:
    """From the scenarios to the number: every step of the derivation of one zone's SL-T."""
    assessment = result.assessment
    matrix = assessment.matrix
    tolerable = matrix.label("levels", assessment.tolerable)
    t = target.target
    verdict = {
        "matches": "matches",
        "below": "below, explained by the override rationale"
        if target.explained
        else "below, not explained: record an override rationale",
        "above": "above, explained by the decision"
        if target.explained
        else "above, not explained: record a justification",
    }[target.agreement]
    lines = [
        f"Derived SL-T {_vector(target.derived)}; recorded SL-T {_vector(target.recorded)} "
        f"({verdict}).",
        rule_sentence(assessment),
    ]
    if target.initial is None:
        lines.append("Initial risk: not assessed (no risk.zones entry with an initial risk).")
    else:
        where = (
            f" in {assessment.category_label(target.initial_category)}"
            if target.initial_category
            else ""
        )
        verdict = (
            "above the tolerable {0}: a detailed assessment is needed"
            if target.needs_detailed
            else "within the tolerable {0}: no detailed assessment is needed"
        ).format(tolerable)
        lines.append(
            f"Initial risk: {matrix.label('levels', target.initial)} "
            f"({matrix.label('likelihood', target.initial_likelihood or '')} x "
            f"{matrix.label('consequence', target.initial_consequence or '')}{where}), {verdict}."
        )
    if target.scenarios:
        lines.append(f"Threat scenarios against this {t.type}:")
        lines += [f"  {_scenario_sentence(s, assessment)}" for s in target.scenarios]
    else:
        lines.append(f"No threat scenario targets this {t.type}.")
    lines.append("Per FR:")
    lines += [f"  {_fr_sentence(f, target.recorded[int(f.fr) - 1])}" for f in target.frs]
    decision = target.decision
    if decision is None:
        lines.append("Decision: none recorded.")
    else:
        who = " ".join(
            part
            for part in (
                f"by {decision.decided_by}" if decision.decided_by else "",
                f"on {decision.decided_on}" if decision.decided_on else "",
            )
            if part
        )
        lines.append(f"Decision{' ' + who if who else ''}.")
        if decision.justification:
            lines.append(f"  Justification: {decision.justification}")
        if decision.override_rationale:
            lines.append(f"  Override rationale: {decision.override_rationale}")
    if target.residual is not None:
        verdict = "above" if target.residual_exceeds else "within"
        lines.append(
            f"Residual risk: {matrix.label('levels', target.residual)}, {verdict} the "
            f"tolerable {tolerable}."
        )
    elif target.scenarios:
        lines.append("Residual risk: not known until every scenario has a residual assessment.")
    for warning in result.warnings:
        if warning.subject == t.id or (
            warning.code == "residual-above-tolerable"
            and any(warning.subject == s.scenario.id for s in target.scenarios)
        ):
            lines.append(f"Warning: {warning.message}.")
    return tuple(lines)
