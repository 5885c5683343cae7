"""Zones: groupings of assets that share security requirements (IEC 62443-3-2 ZCR 3)."""

from __future__ import annotations

from dataclasses import dataclass, field

from zonewarden.domain.levels import SLVector

ZONE_KINDS = (
    "enterprise",
    "dmz",
    "supervisory",
    "control",
    "safety",
    "field",
    "remote_access",
    "wireless",
    "external",
    "other",
)

PURDUE_LEVELS = (0, 1, 2, 3, 3.5, 4, 5)


@dataclass(frozen=True, slots=True)
class Zone:
    """A security zone with its target vector SL-T (IEC 62443-3-2 ZCR 3, ZCR 5)."""

    id: str
    name: str
    kind: str
    sl_target: SLVector
    purdue_level: float | None = None
    safety: bool = False
    networks: tuple[str, ...] = ()
    owner: str | None = None
    description: str | None = None

    @property
    def type(self) -> str:
        return "zone"

    @property
    def is_safety(self) -> bool:
        """A safety zone: flagged ``safety: true`` or of kind ``safety`` (ZCR 3.3)."""
        return self.safety or self.kind == "safety"

    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True, slots=True)
class Target:
    """What an assessment is made for: a zone or a conduit, with its SL-T.

    The engine treats both alike (spec section 3: conduits carry SL-T and assessments exactly
    like zones). ``safety`` is true for a safety zone and for a conduit touching one.
    """

    id: str
    type: str  # "zone" | "conduit"
    name: str
    sl_target: SLVector
    safety: bool = False
    joins: tuple[str, ...] = field(default=())
