"""Threat scenarios of the detailed risk assessment (IEC 62443-3-2 ZCR 5.1 to 5.12).

A scenario names a threat source, the capability of its actor (mapped to the SL definitions of
IEC 62443-3-3), the vector, the zones and conduits it targets, the FRs whose countermeasures it
defeats, the vulnerability it exploits, the unmitigated likelihood and consequence, the existing
and planned countermeasures, and the residual likelihood and consequence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: actor profiles, weakest first, each matching one SL definition of IEC 62443-3-3
ACTOR_PROFILES: Final = ("casual", "simple", "moderate", "extended")
ACTOR_DESCRIPTIONS: Final = {
    "casual": "casual or coincidental violation (no intent: mistakes, stray malware)",
    "simple": "intentional violation with simple means and low resources",
    "moderate": "sophisticated attack with moderate resources and IACS-specific knowledge",
    "extended": "sophisticated attack with extended resources and IACS-specific knowledge",
}


@dataclass(frozen=True, slots=True)
class Residual:
    """Likelihood and consequence after the countermeasures (ZCR 5.9); a value left out is the
    unmitigated one."""

    likelihood: str | None = None
    consequence: tuple[tuple[str, str], ...] | None = None


@dataclass(frozen=True, slots=True)
class ThreatScenario:
    """One threat scenario against one or more zones and conduits (ZCR 5.1 to 5.12).

    ``consequence`` is per impact category: ``((category, consequence level), ...)``; ``frs``
    are FR numbers 1..7 in ascending order.
    """

    id: str
    title: str
    source: str
    actor: str
    targets: tuple[str, ...]
    frs: tuple[int, ...]
    likelihood: str
    consequence: tuple[tuple[str, str], ...]
    description: str | None = None
    vector: str | None = None
    vulnerability: str | None = None
    existing_countermeasures: tuple[str, ...] = ()
    planned_countermeasures: tuple[str, ...] = ()
    residual: Residual | None = None

    @property
    def actor_rank(self) -> int:
        """0 for casual .. 3 for extended."""
        return ACTOR_PROFILES.index(self.actor)

    def residual_likelihood(self) -> str | None:
        if self.residual is None:
            return None
        return self.residual.likelihood or self.likelihood

    def residual_consequence(self) -> tuple[tuple[str, str], ...] | None:
        if self.residual is None:
            return None
        return self.residual.consequence or self.consequence
