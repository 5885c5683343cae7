"""Gaps: in-scope requirements of a zone or conduit that are not satisfied (spec section 3).

Severity and priority follow :mod:`zonewarden.domain.rules`; both keep the reasons that set
them, so ``explain`` can show why a gap ranks where it does (methodology, Phase 2:
prioritise by risk impact, dependency and foundations).
"""

from __future__ import annotations

from dataclasses import dataclass

from zonewarden.domain.assessment import Status
from zonewarden.domain.requirements import Requirement
from zonewarden.domain.rules import SEVERITIES, Rules, severity_rank
from zonewarden.domain.zones import Target


@dataclass(frozen=True, slots=True)
class Gap:
    """One unsatisfied in-scope requirement of one zone or conduit."""

    zone: str
    zone_type: str
    requirement: str
    fr: int
    min_sl: int
    sl_target: int
    status: str
    severity: str
    priority: int
    severity_reasons: tuple[str, ...]
    priority_terms: tuple[tuple[str, int], ...]
    zone_order: int
    requirement_order: int
    title: str = ""

    @property
    def id(self) -> str:
        """Stable id of the gap: ``zone:requirement``."""
        return f"{self.zone}:{self.requirement}"

    def sort_key(self) -> tuple[int, int, int, int]:
        return (
            -self.priority,
            -severity_rank(self.severity),
            self.zone_order,
            self.requirement_order,
        )


def gap_severity(
    requirement: Requirement, status: Status, sl_target: int, safety: bool, rules: Rules
) -> tuple[str, tuple[str, ...]]:
    """Severity of a gap and the reasons, per :class:`~zonewarden.domain.rules.SeverityRules`."""
    config = rules.severity
    start = config.by_sl_target[max(1, min(4, sl_target)) - 1]
    rank = severity_rank(start)
    reasons = [f"SL-T {sl_target} for FR {requirement.fr and int(requirement.fr)} gives {start}"]
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
        (f"severity {severity}", config.severity_weight * severity_rank(severity)),
        (f"SL-T {sl_target}", config.sl_target_weight * sl_target),
    ]
    if safety and config.safety_weight:
        terms.append(("safety zone", config.safety_weight))
    if not requirement.is_enhancement and config.base_weight:
        terms.append(("base requirement", config.base_weight))
    if fr and config.fr_weights[fr - 1]:
        terms.append((f"FR {fr} weight", config.fr_weights[fr - 1]))
    if config.min_sl_weight and requirement.min_sl < 4:
        terms.append(
            (
                f"applies from SL {requirement.min_sl}",
                config.min_sl_weight * (4 - requirement.min_sl),
            )
        )
    return sum(value for _, value in terms), tuple(terms)


def make_gap(
    target: Target,
    target_order: int,
    requirement: Requirement,
    status: Status,
    sl_target: int,
    rules: Rules,
) -> Gap:
    severity, reasons = gap_severity(requirement, status, sl_target, target.safety, rules)
    priority, terms = gap_priority(requirement, severity, sl_target, target.safety, rules)
    return Gap(
        zone=target.id,
        zone_type=target.type,
        requirement=requirement.id,
        fr=int(requirement.fr) if requirement.fr else 0,
        min_sl=requirement.min_sl,
        sl_target=sl_target,
        status=status.value,
        severity=severity,
        priority=priority,
        severity_reasons=reasons,
        priority_terms=terms,
        zone_order=target_order,
        requirement_order=requirement.order,
        title=requirement.title,
    )


def ordered(gaps: list[Gap]) -> list[Gap]:
    """Most important first (priority, severity, file order, catalog order)."""
    return sorted(gaps, key=Gap.sort_key)
