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
class Rules:
    """All configurable engine rules of a project."""

    severity: SeverityRules = field(default_factory=SeverityRules)
    priority: PriorityRules = field(default_factory=PriorityRules)
