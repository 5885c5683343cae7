"""The engine: SL-A per FR, compliance score and gaps for every zone and conduit.

Implements spec section 3 (normative) over IEC 62443-3-3 clause 4 (SL vectors, requirement
applicability by SL) and the methodology's gap assessment deliverables (SL-A vs SL-T per zone,
compliance score per zone and overall, gap register).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from zonewarden.domain.assessment import (
    NOT_ASSESSED,
    Assessment,
    Status,
    inherited_not_applicable,
)
from zonewarden.domain.gaps import Gap, Ranker
from zonewarden.domain.levels import MAX_SL, SLVector
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog, Requirement
from zonewarden.domain.zones import Target
from zonewarden.runtime import paused_gc


@dataclass(frozen=True, slots=True)
class Scope:
    """The 62443-3-3 requirements arranged for fast evaluation; built once per catalog."""

    requirements: tuple[Requirement, ...]
    by_fr_level: tuple[tuple[tuple[Requirement, ...], ...], ...]  # [fr-1][level] -> reqs
    srs: tuple[tuple[Requirement, tuple[Requirement, ...]], ...]  # (SR, its REs)
    # (SR, FR index, SR min_sl, ((RE, RE min_sl), ...)): the engine's hot loop reads this
    layout: tuple[tuple[Requirement, int, int, tuple[tuple[Requirement, int], ...]], ...]

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
        layout = tuple(
            (sr, int(sr.fr) - 1 if sr.fr else 0, sr.min_sl, tuple((e, e.min_sl) for e in res))
            for sr, res in srs
        )
        return cls(requirements, by_fr_level, srs, layout)


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
    unsatisfied: tuple[tuple[Requirement, Status, int], ...]  # in scope, not met; its SL-T
    meets_target: bool
    ranker: Ranker = field(compare=False, repr=False)

    @property
    def score(self) -> float | None:
        return score_of(self.srs_meeting_target, self.srs_in_score)

    @property
    def gap_count(self) -> int:
        return len(self.unsatisfied)

    @property
    def gaps(self) -> tuple[Gap, ...]:
        """This zone's gaps in catalog order (the register orders them by priority)."""
        return tuple(_gaps_of(self))


def _gaps_of(result: TargetResult) -> Iterator[Gap]:
    target, order = result.target, result.order
    cache, rank = result.ranker.cache(target.safety), result.ranker.rank
    for requirement, status, t in result.unsatisfied:
        ranking = cache.get((requirement.id, status, t))
        if ranking is None:
            ranking = rank(requirement, status, t, target.safety)
        yield Gap(target, order, requirement, status, ranking)


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

    @property
    def gap_count(self) -> int:
        return sum(r.gap_count for r in self.results)

    def gaps(self) -> list[Gap]:
        """The gap register, most important first: priority, severity, then zone or conduit
        in file order and requirement in catalog order (the order gaps are found in, kept by
        a stable sort)."""
        with paused_gc():
            register = [gap for result in self.results for gap in _gaps_of(result)]
            register.sort(key=_register_order)
        return register

    def result(self, target_id: str) -> TargetResult | None:
        return next((r for r in self.results if r.target.id == target_id), None)


def _register_order(gap: Gap) -> int:
    return gap.ranking.key


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
    ranker: Ranker,
) -> TargetResult:
    """SL-A, score counts and gaps of one zone or conduit, in one pass over the SRs.

    SL-A per FR is capped at ``min_sl - 1`` by every unsatisfied requirement of that FR,
    which is the spec's "largest L such that every requirement with min_sl <= L is
    satisfied". REs of a not-applicable SR follow their base (spec section 3). This is the
    hot loop of large portfolios, hence the plain locals.
    """
    get = recorded.get
    sl_t = target.sl_target
    cap = [MAX_SL] * 7
    in_score = meeting = 0
    unsatisfied: list[tuple[Requirement, Status, int]] = []
    add = unsatisfied.append
    not_assessed, not_applicable = Status.NOT_ASSESSED, Status.NOT_APPLICABLE
    for sr, f, sr_min, enhancements in scope.layout:
        t = sl_t[f]
        base = get(sr.id)
        if base is None:
            status, satisfied = not_assessed, False
        else:
            status, satisfied = base.status, base.satisfied(as_of)
        if status is not_applicable:
            if not satisfied:  # unjustified (only possible in memory): base and REs fail
                cap[f] = min(cap[f], sr_min - 1)
                unsatisfied.extend(
                    (r, status, t)
                    for r in (sr, *(e for e, _ in enhancements))
                    if 1 <= r.min_sl <= t
                )
            continue  # not in the score
        meets = satisfied
        if not satisfied:
            if sr_min <= cap[f]:
                cap[f] = sr_min - 1
            if sr_min <= t:
                add((sr, status, t))
        for re, re_min in enhancements:
            entry = get(re.id)
            if entry is None:
                re_status, re_satisfied = not_assessed, False
            else:
                re_status, re_satisfied = entry.status, entry.satisfied(as_of)
            if not re_satisfied:
                if re_min <= cap[f]:
                    cap[f] = re_min - 1
                if re_min <= t:
                    add((re, re_status, t))
                    meets = False
        if sr_min <= t:
            in_score += 1
            meeting += meets
    return TargetResult(
        target=target,
        order=order,
        sl_achieved=SLVector(cap),
        srs_in_score=in_score,
        srs_meeting_target=meeting,
        unsatisfied=tuple(unsatisfied),
        meets_target=all(a >= b for a, b in zip(cap, sl_t, strict=True)),
        ranker=ranker,
    )


def evaluate(project: Project, catalog: Catalog, as_of: date) -> Evaluation:
    """Evaluate every zone and conduit of a project on ``as_of``."""
    scope = Scope.of(catalog)
    ranker = Ranker(project.rules)
    with paused_gc():
        results = tuple(
            evaluate_target(scope, target, order, project.assessments_of(target.id), as_of, ranker)
            for order, target in enumerate(project.targets())
        )
    return Evaluation(project, as_of, results)
