"""The security risk assessment of IEC 62443-3-2: risk matrix, impact categories, tolerable risk,
initial risk per zone and conduit, SL-T decisions and the asset owner's approval.

Pure data and arithmetic (no I/O). The matrix maps a likelihood level and a consequence level to
a risk level (ZCR 2.1, ZCR 5.5, ZCR 5.10); the tolerable risk is the highest risk level the asset
owner accepts (ZCR 4.1, ZCR 6.8). Threat scenarios (ZCR 5) are in :mod:`.threats`; the rule that
derives SL-T from them is in :mod:`.derivation`; the state of each ZCR step in :mod:`.zcrs`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from zonewarden.domain.levels import SLVector
from zonewarden.domain.threats import ThreatScenario

#: what a zone does, for the typical SL-T bands of the methodology (safety 3-4, process control
#: 2-3, non-critical monitoring 1-2); ``other`` has no typical band
ZONE_FUNCTIONS: Final = ("safety", "process_control", "monitoring", "other")


class RiskMatrixError(ValueError):
    """A likelihood, consequence or risk level that the matrix does not define."""


@dataclass(frozen=True, slots=True)
class Level:
    """One step of a scale (likelihood, consequence, risk) or one impact category."""

    id: str
    name: str | None = None
    description: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.id


def _levels(*items: tuple[str, str, str]) -> tuple[Level, ...]:
    return tuple(Level(i, n, d) for i, n, d in items)


DEFAULT_LIKELIHOOD: Final = _levels(
    ("rare", "Rare", "Not expected in the life of the system."),
    ("unlikely", "Unlikely", "Could happen, but not expected in the next ten years."),
    ("possible", "Possible", "Might happen in the next ten years."),
    ("likely", "Likely", "Expected to happen in the next few years."),
    ("almost_certain", "Almost certain", "Expected within a year, or already seen."),
)
DEFAULT_CONSEQUENCE: Final = _levels(
    ("negligible", "Negligible", "No lasting effect."),
    ("minor", "Minor", "Short, local effect; recovered with normal means."),
    ("moderate", "Moderate", "Noticeable effect; recovery needs extra effort."),
    ("major", "Major", "Serious effect on people, environment, production or the business."),
    ("severe", "Severe", "Fatality, lasting harm or an effect the organisation may not survive."),
)
DEFAULT_RISK_LEVELS: Final = _levels(
    ("low", "Low", "Accept; review with the assessment."),
    ("medium", "Medium", "Tolerable with the countermeasures in place; monitor."),
    ("high", "High", "Not tolerable: reduce."),
    ("critical", "Critical", "Not tolerable: reduce with priority."),
)
#: rows: likelihood, lowest first; columns: consequence, lowest first (likelihood x consequence
#: of 1..5: up to 4 low, 5-9 medium, 10-16 high, 17 and more critical)
DEFAULT_CELLS: Final = (
    ("low", "low", "low", "low", "medium"),
    ("low", "low", "medium", "medium", "high"),
    ("low", "medium", "medium", "high", "high"),
    ("low", "medium", "high", "high", "critical"),
    ("medium", "high", "high", "critical", "critical"),
)
DEFAULT_IMPACT_CATEGORIES: Final = _levels(
    ("health_safety", "Health and safety", "Injury or harm to workers or the public."),
    ("environment", "Environment", "Release to air, water or soil."),
    ("production", "Production", "Loss or degradation of the essential functions."),
    ("financial", "Financial", "Cost of damage, recovery and lost output."),
    ("reputation", "Reputation", "Loss of trust of customers, the public or regulators."),
    ("regulatory", "Regulatory", "Breach of a permit, a law or a regulator's requirement."),
)


@dataclass(frozen=True, slots=True)
class RiskMatrix:
    """Likelihood levels x consequence levels -> risk level (ZCR 2.1, 5.5, 5.10).

    Every scale is ordered lowest first; ``cells[l][c]`` is the id of the risk level of
    likelihood ``l`` and consequence ``c``. Any size is allowed; the default is 5 x 5.
    """

    likelihood: tuple[Level, ...] = DEFAULT_LIKELIHOOD
    consequence: tuple[Level, ...] = DEFAULT_CONSEQUENCE
    levels: tuple[Level, ...] = DEFAULT_RISK_LEVELS
    cells: tuple[tuple[str, ...], ...] = DEFAULT_CELLS

    def likelihood_index(self, likelihood: str) -> int:
        return _index(self.likelihood, likelihood, "likelihood")

    def consequence_index(self, consequence: str) -> int:
        return _index(self.consequence, consequence, "consequence")

    def rank(self, risk_level: str) -> int:
        """0 for the lowest risk level, 1 for the next, ..."""
        return _index(self.levels, risk_level, "risk level")

    def risk(self, likelihood: str, consequence: str) -> str:
        """The risk level of a likelihood and a consequence (ids)."""
        return self.cells[self.likelihood_index(likelihood)][self.consequence_index(consequence)]

    def level(self, risk_level: str) -> Level:
        return self.levels[self.rank(risk_level)]

    def exceeds(self, risk_level: str, tolerable: str) -> bool:
        """True when ``risk_level`` is above the tolerable level (ZCR 4.1, 5.7, 5.11)."""
        return self.rank(risk_level) > self.rank(tolerable)

    @property
    def worst_likelihood(self) -> str:
        return self.likelihood[-1].id

    def label(self, scale: str, level_id: str) -> str:
        """The name of a level of ``scale`` (``likelihood``, ``consequence``, ``levels``)."""
        levels: tuple[Level, ...] = getattr(self, scale)
        return levels[_index(levels, level_id, scale)].label


DEFAULT_MATRIX: Final = RiskMatrix()


def _index(levels: Sequence[Level], level_id: str, what: str) -> int:
    for index, level in enumerate(levels):
        if level.id == level_id:
            return index
    known = ", ".join(level.id for level in levels)
    raise RiskMatrixError(f"unknown {what} {level_id!r} (the matrix has {known})")


Consequence = tuple[tuple[str, str], ...]
"""Consequence per impact category: ``((category id, consequence level id), ...)``."""


def worst_consequence(matrix: RiskMatrix, consequence: Consequence) -> tuple[str, str | None]:
    """The highest consequence level and the first category where it occurs (ZCR 2.1: the
    worst case decides)."""
    if not consequence:
        return matrix.consequence[0].id, None
    category, level = max(consequence, key=lambda item: matrix.consequence_index(item[1]))
    return level, category


@dataclass(frozen=True, slots=True)
class InitialRisk:
    """The initial (unmitigated, worst-case) assessment of one zone or conduit (ZCR 2).

    ``likelihood`` defaults to the matrix's highest level: the initial assessment assumes the
    threat is realised and asks only how bad it would be.
    """

    consequence: Consequence
    likelihood: str | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class SLTargetDecision:
    """How the SL-T of a zone or conduit was decided (ZCR 5.6).

    The recorded value is the zone's ``sl_target``; ``derived`` is the value the derivation gave
    when the decision was taken (so a later change of the scenarios shows); an
    ``override_rationale`` explains a recorded SL-T below the derived one; a ``justification``
    explains the decision itself (and a value outside the typical band of the zone's function).
    """

    derived: SLVector | None = None
    justification: str | None = None
    override_rationale: str | None = None
    decided_by: str | None = None
    decided_on: date | None = None


@dataclass(frozen=True, slots=True)
class ZoneRisk:
    """Risk data of one zone or conduit: its function, initial risk, SL-T decision and the
    characteristics the cybersecurity requirements specification lists (ZCR 6.4)."""

    function: str | None = None
    initial: InitialRisk | None = None
    decision: SLTargetDecision | None = None
    logical_boundary: str | None = None
    physical_boundary: str | None = None
    policies: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()
    dependencies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Approval:
    """The asset owner's approval of one version of the cybersecurity requirements
    specification (ZCR 7.1), identified by the SHA-256 of the approved document."""

    version: str
    approved_by: str
    approved_on: date
    sha256: str
    role: str | None = None
    document: str | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class DerivationRule:
    """The configurable rule that derives SL-T per FR from threat scenarios (ZCR 5.6).

    ``actor_sl``: the SL each actor profile calls for (casual, simple, moderate, extended).
    ``consequence_sl``: the highest SL a consequence level may call for, lowest consequence
    first (``None``: spread 1..4 over the matrix's consequence levels, see
    :func:`consequence_caps`). ``baseline``: the SL every FR of every zone and conduit gets at
    least.
    """

    actor_sl: tuple[int, int, int, int] = (1, 2, 3, 4)
    consequence_sl: tuple[int, ...] | None = None
    baseline: int = 1


def consequence_caps(rule: DerivationRule, matrix: RiskMatrix) -> tuple[int, ...]:
    """The SL cap of each consequence level: the rule's, or ``ceil(4 (i + 1) / n)`` for level
    ``i`` of ``n`` (5 levels: 1, 2, 3, 4, 4; 4 levels: 1, 2, 3, 4; 3 levels: 2, 3, 4)."""
    if rule.consequence_sl is not None:
        return rule.consequence_sl
    n = len(matrix.consequence)
    return tuple(-(-4 * (i + 1) // n) for i in range(n))


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    """The ``risk`` section of a project: method, results and approval of the security risk
    assessment of IEC 62443-3-2 (ZCR 2 to ZCR 7)."""

    tolerable: str
    version: str | None = None
    matrix: RiskMatrix = DEFAULT_MATRIX
    impact_categories: tuple[Level, ...] = DEFAULT_IMPACT_CATEGORIES
    derivation: DerivationRule = field(default_factory=DerivationRule)
    threat_environment: str | None = None
    assumptions: tuple[str, ...] = ()
    policies: tuple[str, ...] = ()
    regulations: tuple[str, ...] = ()
    zones: Mapping[str, ZoneRisk] = field(default_factory=dict)
    scenarios: tuple[ThreatScenario, ...] = ()
    approvals: tuple[Approval, ...] = ()

    def zone(self, target_id: str) -> ZoneRisk:
        return self.zones.get(target_id) or ZoneRisk()

    def category_label(self, category: str) -> str:
        for item in self.impact_categories:
            if item.id == category:
                return item.label
        return category


def initial_risk(matrix: RiskMatrix, initial: InitialRisk) -> tuple[str, str, str, str | None]:
    """(risk level, likelihood, worst consequence, its category) of an initial assessment."""
    likelihood = initial.likelihood or matrix.worst_likelihood
    consequence, category = worst_consequence(matrix, initial.consequence)
    return matrix.risk(likelihood, consequence), likelihood, consequence, category
