"""The certification target: which scheme, which body, what is in scope, when the audit is.

The four schemes are the certification options of the methodology's Phase 4: ``csms`` certifies
the security management system (IEC 62443-2-1), ``ssa`` a system or zone at a target security
level (62443-3-3), ``sdla`` a supplier's development lifecycle (62443-4-1) and ``component`` a
product (62443-4-2). Asset owners usually aim at ``csms`` and ``ssa``.

The scope is the set of zones and conduits the certificate will name. A smaller, well
controlled scope passes where a large one with open gaps fails, so the scope carries its
rationale and readiness suggests a smaller one when needed (see :mod:`.pitfalls`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from zonewarden.domain.periods import TWELVE_MONTHS, Period

SCHEMES = ("csms", "ssa", "sdla", "component")
SCHEME_PARTS = {
    "csms": "IEC 62443-2-1",
    "ssa": "IEC 62443-3-3",
    "sdla": "IEC 62443-4-1",
    "component": "IEC 62443-4-2",
}
SCHEME_TITLES = {
    "csms": "Security management system (CSMS)",
    "ssa": "System security assurance (SSA)",
    "sdla": "Secure development lifecycle (SDLA)",
    "component": "Component security assurance",
}


@dataclass(frozen=True, slots=True)
class Scope:
    """Zones and conduits in scope; both empty means the whole system under consideration."""

    zones: tuple[str, ...] = ()
    conduits: tuple[str, ...] = ()
    rationale: str | None = None

    @property
    def whole_system(self) -> bool:
        return not self.zones and not self.conduits


@dataclass(frozen=True, slots=True)
class Certification:
    """The project file's ``certification`` section."""

    scheme: str = "ssa"
    body: str | None = None
    scope: Scope = field(default_factory=Scope)
    audit_on: date | None = None
    # evidence older than this (from collected_on) counts as stale for the audit
    evidence_freshness: Period = TWELVE_MONTHS
