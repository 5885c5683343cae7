"""Conduits: communication channels joining two zones (IEC 62443-3-2 ZCR 3.1)."""

from __future__ import annotations

from dataclasses import dataclass

from zonewarden.domain.levels import SLVector


@dataclass(frozen=True, slots=True)
class Conduit:
    """A conduit joining exactly two different zones, with its own SL-T."""

    id: str
    zones: tuple[str, str]
    sl_target: SLVector
    name: str | None = None
    protocols: tuple[str, ...] = ()
    description: str | None = None

    @property
    def type(self) -> str:
        return "conduit"

    def label(self) -> str:
        return self.name or self.id
