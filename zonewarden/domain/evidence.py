"""Evidence items that support assessments (the documented proof auditors require)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

EVIDENCE_KINDS = (
    "document",
    "configuration",
    "screenshot",
    "test_record",
    "log",
    "interview",
    "observation",
    "other",
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A piece of evidence, optionally dated and with an expiry."""

    id: str
    title: str
    kind: str = "document"
    uri: str | None = None
    collected_on: date | None = None
    expires_on: date | None = None
    description: str | None = None
    sha256: str | None = None  # the file's SHA-256 when recorded; the bundle checks it

    def expired(self, as_of: date) -> bool:
        return self.expires_on is not None and self.expires_on < as_of
