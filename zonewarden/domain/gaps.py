"""Gaps: in-scope requirements of a zone or conduit that are not satisfied (spec section 3).

Severity and priority follow :mod:`zonewarden.domain.rules` (methodology, Phase 2: prioritise
by risk impact, dependency and foundations) and keep the reasons that set them, so ``explain``
can show why a gap ranks where it does. They depend only on the requirement, its status, the
SL-T of its FR and whether a safety zone is concerned, so a :class:`Ranker` computes each
combination once: a portfolio with 300,000 gaps has a few thousand combinations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from zonewarden.domain.assessment import Status
from zonewarden.domain.requirements import Requirement
from zonewarden.domain.rules import SEVERITIES, Rules
from zonewarden.domain.zones import Target


@dataclass(frozen=True, slots=True)
class Ranking:
    """Severity and priority of one kind of gap, with the reasons behind them."""

    severity: str
    severity_rank: int  # 1 low .. 4 critical
    priority: int
    severity_reasons: tuple[str, ...]
    priority_terms: tuple[tuple[str, int], ...]
    key: int  # sort key: higher priority first, then higher severity

    @property
    def order(self) -> tuple[int, int]:
        """Sort key: higher priority first, then higher severity."""
        return (-self.priority, -self.severity_rank)


def gap_severity(
    requirement: Requirement, status: Status, sl_target: int, safety: bool, rules: Rules
) -> tuple[str, tuple[str, ...]]:
    """Severity of a gap and the reasons, per :class:`~zonewarden.domain.rules.SeverityRules`."""
    config = rules.severity
    start = config.by_sl_target[max(1, min(4, sl_target)) - 1]
    rank = SEVERITIES.index(start) + 1
    fr = int(requirement.fr) if requirement.fr else 0
    reasons = [f"SL-T {sl_target} for FR {fr} gives {start}"]
    if safety and config.raise_for_safety:
        rank += config.raise_for_safety
        reasons.append(f"raised {config.raise_for_safety} for a safety zone or a conduit to one")
    if (
        not requirement.is_enhancement
        and status in (Status.NOT_IMPLEMENTED, Status.NOT_ASSESSED)
        and config.raise_for_missing_base
    ):
        rank += config.raise_for_missing_base
        reasons.append(f"raised {config.raise_for_missing_base} because the base SR is missing")
    if status is Status.PARTIAL and config.lower_for_partial:
        rank -= config.lower_for_partial
        reasons.append(f"lowered {config.lower_for_partial} because it is partially implemented")
    rank = max(1, min(4, rank))
    return SEVERITIES[rank - 1], tuple(reasons)


def gap_priority(
    requirement: Requirement, severity: str, sl_target: int, safety: bool, rules: Rules
) -> tuple[int, tuple[tuple[str, int], ...]]:
    """Priority score of a gap and its terms (see :class:`~.rules.PriorityRules`)."""
    config = rules.priority
    fr = int(requirement.fr) if requirement.fr else 0
    terms = [
        (f"severity {severity}", config.severity_weight * (SEVERITIES.index(severity) + 1)),
        (f"SL-T {sl_target}", config.sl_target_weight * sl_target),
    ]
    if safety and config.safety_weight:
        terms.append(("safety zone", config.safety_weight))
    if not requirement.is_enhancement and config.base_weight:
        terms.append(("base requirement", config.base_weight))
    if fr and config.fr_weights[fr - 1]:
        terms.append((f"FR {fr} weight", config.fr_weights[fr - 1]))
    if config.min_sl_weight and requirement.min_sl < 4:
        weight = config.min_sl_weight * (4 - requirement.min_sl)
        terms.append((f"applies from SL {requirement.min_sl}", weight))
    return sum(value for _, value in terms), tuple(terms)


class Ranker:
    """Computes and remembers the :class:`Ranking` of each (requirement, status, SL-T, safety)."""

    __slots__ = ("_caches", "rules")

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self._caches: tuple[dict[tuple[str, Status, int], Ranking], ...] = ({}, {})

    def cache(self, safety: bool) -> dict[tuple[str, Status, int], Ranking]:
        """The rankings computed so far for safety (True) or other zones, by (requirement id,
        status, SL-T); read directly by the engine's hot loop."""
        return self._caches[safety]

    def rank(
        self, requirement: Requirement, status: Status, sl_target: int, safety: bool
    ) -> Ranking:
        key = (requirement.id, status, sl_target)
        ranking = self._caches[safety].get(key)
        if ranking is None:
            severity, reasons = gap_severity(requirement, status, sl_target, safety, self.rules)
            priority, terms = gap_priority(requirement, severity, sl_target, safety, self.rules)
            rank = SEVERITIES.index(severity) + 1
            ranking = Ranking(severity, rank, priority, reasons, terms, -(priority * 8 + rank))
            self._caches[safety][key] = ranking
        return ranking


class Gap(NamedTuple):
    """One unsatisfied in-scope requirement of one zone or conduit.

    A named tuple rather than a frozen dataclass: a portfolio's register holds hundreds of
    thousands of them, and tuples are several times cheaper to create.
    """

    target: Target
    zone_order: int
    definition: Requirement
    state: Status
    ranking: Ranking

    @property
    def id(self) -> str:
        """Stable id of the gap: ``zone:requirement``."""
        return f"{self.target.id}:{self.definition.id}"

    @property
    def zone(self) -> str:
        return self.target.id

    @property
    def zone_type(self) -> str:
        return self.target.type

    @property
    def requirement(self) -> str:
        return self.definition.id

    @property
    def title(self) -> str:
        return self.definition.title

    @property
    def fr(self) -> int:
        return int(self.definition.fr) if self.definition.fr else 0

    @property
    def min_sl(self) -> int:
        return self.definition.min_sl

    @property
    def sl_target(self) -> int:
        fr = self.fr
        return self.target.sl_target[fr - 1] if fr else 0

    @property
    def status(self) -> str:
        return self.state.value

    @property
    def severity(self) -> str:
        return self.ranking.severity

    @property
    def priority(self) -> int:
        return self.ranking.priority

    @property
    def severity_reasons(self) -> tuple[str, ...]:
        return self.ranking.severity_reasons

    @property
    def priority_terms(self) -> tuple[tuple[str, int], ...]:
        return self.ranking.priority_terms

    @property
    def requirement_order(self) -> int:
        return self.definition.order

    def sort_key(self) -> tuple[int, int, int, int]:
        """Priority (highest first), severity, zone or conduit in file order, catalog order."""
        return (*self.ranking.order, self.zone_order, self.definition.order)


def ordered(gaps: Iterable[Gap]) -> list[Gap]:
    """Most important first (priority, severity, file order, catalog order)."""
    return sorted(gaps, key=Gap.sort_key)
