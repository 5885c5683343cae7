"""Waivers: recorded decisions to accept what a zoning rule reports (IEC 62443-3-2 ZCR 3).

A partition can depart from a zoning rule for a good reason: a read-only data diode, a
dual-homed historian, a single-zone pilot. The project records the decision (``lint.waive`` in
the file) with its reason, so the departure stays visible and reviewable instead of being
silenced. Like a compensating countermeasure, a waiver may carry who approved it, when, and the
last day it counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Waiver:
    """Accept the findings of zoning rule ``rule``: all of them when ``objects`` is empty,
    otherwise those concerning at least one of the listed zone, conduit or asset ids."""

    rule: str
    reason: str
    objects: tuple[str, ...] = ()
    approved_by: str | None = None
    approved_on: date | None = None
    expires_on: date | None = None

    def covers(self, rule: str, object_ids: Iterable[str]) -> bool:
        """True when this waiver is about ``rule`` and the objects of a finding."""
        if rule != self.rule:
            return False
        if not self.objects:
            return True
        return any(object_id in self.objects for object_id in object_ids)

    def in_force(self, as_of: date) -> bool:
        """True until the end of ``expires_on`` (inclusive), like a countermeasure."""
        return self.expires_on is None or self.expires_on >= as_of
