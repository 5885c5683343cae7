"""The engine: SL-A per FR, compliance score and gaps for every zone and conduit.

Implements spec section 3 (normative) over IEC 62443-3-3 clause 4 (SL vectors, requirement
applicability by SL) and the methodology's gap assessment deliverables (SL-A vs SL-T per zone,
compliance score per zone and overall, gap register).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from zonewarden.domain.assessment import (
    NOT_ASSESSED,
    Assessment,
    Status,
    inherited_not_applicable,
)
from zonewarden.domain.gaps import Gap, make_gap, ordered
from zonewarden.domain.levels import MAX_SL, SLVector
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog, Requirement
from zonewarden.domain.rules import Rules
from zonewarden.domain.zones import Target


@dataclass(frozen=True, slots=True)
class Scope:
    """The 62443-3-3 requirements arranged for fast evaluation; built once per catalog."""

    requirements: tuple[Requirement, ...]
    by_fr_level: tuple[tuple[tuple[Requirement, ...], ...], ...]  # [fr-1][level] -> reqs
    srs: tuple[tuple[Requirement, tuple[Requirement, ...]], ...]  # (SR, its REs)

    @classmethod
    def of(cls, catalog: Catalog) -> Scope:
        requirements = catalog.system_requirements()
        by_fr_level = tuple(
            tuple(
                tuple(r for r in requirements if r.fr == fr and r.min_sl == level)
                for level in range(MAX_SL + 1)
            )
            for fr in range(1, 8)
        )
        srs = tuple(
            (r, tuple(e for e in requirements if e.parent == r.id))
            for r in requirements
            if not r.is_enhancement
        )
        return cls(requirements, by_fr_level, srs)


def score_of(meeting: int, in_score: int) -> float | None:
    """100 x meeting / in_score rounded half-up to one decimal; None when nothing is scored."""
    if in_score == 0:
        return None
    value = (Decimal(100 * meeting) / Decimal(in_score)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return float(value)


@dataclass(frozen=True, slots=True)
class TargetResult:
    """Results for one zone or conduit."""

    target: Target
    order: int
    sl_achieved: SLVector
    srs_in_score: int
    srs_meeting_target: int
    gaps: tuple[Gap, ...]

    @property
    def score(self) -> float | None:
        return score_of(self.srs_meeting_target, self.srs_in_score)

    @property
    def meets_target(self) -> bool:
        return self.sl_achieved.meets(self.target.sl_target)


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Results for a whole project on one date."""

    project: Project
    as_of: date
    results: tuple[TargetResult, ...]

    @property
    def srs_in_score(self) -> int:
        return sum(r.srs_in_score for r in self.results)

    @property
    def srs_meeting_target(self) -> int:
        return sum(r.srs_meeting_target for r in self.results)

    @property
    def score(self) -> float | None:
        return score_of(self.srs_meeting_target, self.srs_in_score)

    @property
    def targets_met(self) -> int:
        return sum(1 for r in self.results if r.meets_target)

    def gaps(self) -> list[Gap]:
        """The gap register, most important first."""
        return ordered([gap for r in self.results for gap in r.gaps])

    def result(self, target_id: str) -> TargetResult | None:
        return next((r for r in self.results if r.target.id == target_id), None)


def effective_assessments(
    scope: Scope, recorded: Mapping[str, Assessment]
) -> dict[str, Assessment]:
    """Each 3-3 requirement's effective assessment for one target.

    Unrecorded pairs are ``not_assessed``; the REs of an SR whose base is ``not_applicable``
    inherit not-applicable (spec section 3: they enhance a requirement that does not apply).
    """
    get = recorded.get
    effective: dict[str, Assessment] = {}
    for sr, enhancements in scope.srs:
        base = get(sr.id, NOT_ASSESSED)
        effective[sr.id] = base
        if base.status is Status.NOT_APPLICABLE:
            inherited = inherited_not_applicable(sr.id, base)
            for re in enhancements:
                effective[re.id] = inherited
        else:
            for re in enhancements:
                effective[re.id] = get(re.id, NOT_ASSESSED)
    return effective


def satisfied_map(effective: dict[str, Assessment], as_of: date) -> dict[str, bool]:
    return {rid: a.satisfied(as_of) for rid, a in effective.items()}


def sl_achieved(scope: Scope, satisfied: dict[str, bool]) -> SLVector:
    """Spec section 3: per FR, the largest L such that every requirement with min_sl <= L is
    satisfied (L = 0 always qualifies)."""
    levels = []
    for fr_levels in scope.by_fr_level:
        achieved = 0
        for level in range(1, MAX_SL + 1):
            if all(satisfied[r.id] for r in fr_levels[level]):
                achieved = level
            else:
                break
        levels.append(achieved)
    return SLVector(levels)


def evaluate_target(
    scope: Scope,
    target: Target,
    order: int,
    recorded: Mapping[str, Assessment],
    as_of: date,
    rules: Rules,
) -> TargetResult:
    """SL-A, score counts and gaps of one zone or conduit."""
    effective = effective_assessments(scope, recorded)
    satisfied = satisfied_map(effective, as_of)
    sl_t = target.sl_target
    in_score = meeting = 0
    gaps: list[Gap] = []
    for sr, enhancements in scope.srs:
        t = sl_t[sr.fr - 1] if sr.fr else 0
        if not sr.in_scope(t):
            continue
        base = effective[sr.id]
        meets = satisfied[sr.id]
        if not meets:
            gaps.append(make_gap(target, order, sr, base.status, t, rules))
        for re in enhancements:
            if re.in_scope(t) and not satisfied[re.id]:
                meets = False
                gaps.append(make_gap(target, order, re, effective[re.id].status, t, rules))
        if base.status is not Status.NOT_APPLICABLE:
            in_score += 1
            meeting += meets
    return TargetResult(
        target=target,
        order=order,
        sl_achieved=sl_achieved(scope, satisfied),
        srs_in_score=in_score,
        srs_meeting_target=meeting,
        gaps=tuple(gaps),
    )


def evaluate(project: Project, catalog: Catalog, as_of: date) -> Evaluation:
    """Evaluate every zone and conduit of a project on ``as_of``."""
    scope = Scope.of(catalog)
    results = tuple(
        evaluate_target(
            scope, target, order, project.assessments_of(target.id), as_of, project.rules
        )
        for order, target in enumerate(project.targets())
    )
    return Evaluation(project, as_of, results)
