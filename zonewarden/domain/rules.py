"""Configurable rules that set a gap's severity and priority (spec section 3, "Gap").

The defaults follow the methodology's remediation guidance: gaps in high-SL-T zones and safety
zones first; foundational controls (identification, segmentation) before advanced ones; a base
requirement that is missing outright before an enhancement. Every number can be changed in the
project file's ``rules`` section, and ``zonewarden explain`` shows how each result was reached.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("low", "medium", "high", "critical")


def severity_rank(severity: str) -> int:
    """1 for low .. 4 for critical."""
    return SEVERITIES.index(severity) + 1


@dataclass(frozen=True, slots=True)
class SeverityRules:
    """Severity of a gap.

    Start from the SL-T of the gap's FR (``by_sl_target[SL-T - 1]``), then move up by
    ``raise_for_safety`` steps in a safety zone (or a conduit touching one), up by
    ``raise_for_missing_base`` when an SR's base requirement is not implemented at all
    (``not_implemented`` or ``not_assessed``), and down by ``lower_for_partial`` when the
    requirement is ``partial``; the result is clamped to low..critical.
    """

    by_sl_target: tuple[str, str, str, str] = ("low", "medium", "high", "critical")
    raise_for_safety: int = 1
    raise_for_missing_base: int = 1
    lower_for_partial: int = 1


@dataclass(frozen=True, slots=True)
class PriorityRules:
    """Priority of a gap: a sum of weighted terms; higher is more urgent.

    priority = severity_weight x severity rank (1..4)
             + sl_target_weight x SL-T of the gap's FR
             + safety_weight if a safety zone (or a conduit touching one)
             + base_weight if the gap is an SR's base requirement rather than an enhancement
             + fr_weights[FR] (foundational FRs first: FR 1 and FR 5 by default)
             + min_sl_weight x (4 - min_sl) (requirements of lower levels first)

    Gaps are listed by priority (highest first), then severity, then zone or conduit in file
    order, then requirement in catalog order.
    """

    severity_weight: int = 10
    sl_target_weight: int = 5
    safety_weight: int = 10
    base_weight: int = 5
    fr_weights: tuple[int, int, int, int, int, int, int] = (6, 4, 2, 1, 6, 3, 3)
    min_sl_weight: int = 2


@dataclass(frozen=True, slots=True)
class PlanningRules:
    """Priority of a remediation action (methodology, Phase 2) and the roadmap's capacity.

    priority = risk_weight x highest SL-T (any FR) of the zones and conduits it touches
             + consequence_weight x rank of their worst initial consequence (risk section)
             + safety_weight if it touches a safety zone (or a conduit to one)
             + exposure_weight if a touched zone is reachable from lower-trust zones or
               remote access (kind remote_access, dmz, enterprise, external or wireless, or a
               conduit to one)
             + tooling_weight if its common finding is exploited with common attack tooling
             + foundation_weight if it is foundational (asset inventory, segmentation,
               accounts: its finding says so, or it addresses SR 1.1-1.5, SR 2.1, SR 5.1 or
               SR 7.8)
             + dependents_weight x number of actions that depend on it (directly or not)
             + quick_win_weight if a quick win: effort <= quick_win_effort person-days, no
               procurement, no process change, no downtime

    ``capacity`` is the person-days per month the roadmap may spend (``plan --capacity``).
    """

    risk_weight: int = 5
    consequence_weight: int = 3
    safety_weight: int = 15
    exposure_weight: int = 10
    tooling_weight: int = 5
    foundation_weight: int = 20
    dependents_weight: int = 3
    quick_win_weight: int = 15
    quick_win_effort: int = 5
    capacity: int = 20


@dataclass(frozen=True, slots=True)
class Rules:
    """All configurable engine rules of a project."""

    severity: SeverityRules = field(default_factory=SeverityRules)
    priority: PriorityRules = field(default_factory=PriorityRules)
    planning: PlanningRules = field(default_factory=PlanningRules)
