"""The documents register: policies, procedures, plans and records of the security program.

Auditors ask for documented proof (methodology, Phase 4 "Audit preparation checklist"):
policies and procedures, training records, a tested incident response plan, change and vendor
management, internal audit results. Each entry says what it is (``kind``), what part of the
program it belongs to (``topic``), who owns it, when it was approved (for a record: the day it
was made and signed off) and when it is due for review.

A ``record`` may name the procedure or plan it shows being followed (``follows``). A procedure
with no such record is the "procedure versus practice" pitfall: written, never shown in use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DOCUMENT_KINDS = ("policy", "procedure", "plan", "record")
TOPICS = (
    "security_policy",
    "risk_assessment",
    "access_control",
    "change_management",
    "incident_response",
    "backup_recovery",
    "vendor_management",
    "training",
    "internal_audit",
    "management_review",
    "other",
)
TOPIC_TITLES = {
    "security_policy": "security policy",
    "risk_assessment": "risk assessment",
    "access_control": "access control",
    "change_management": "change management",
    "incident_response": "incident response",
    "backup_recovery": "backup and recovery",
    "vendor_management": "vendor management",
    "training": "staff training",
    "internal_audit": "internal audit",
    "management_review": "management review",
    "other": "other",
}


@dataclass(frozen=True, slots=True)
class Document:
    """One entry of the ``documents`` register."""

    id: str
    title: str
    kind: str
    topic: str = "other"
    owner: str | None = None
    approved_on: date | None = None
    review_due: date | None = None
    uri: str | None = None
    follows: tuple[str, ...] = ()  # records: the procedures/plans they show in practice
    sha256: str | None = None

    @property
    def is_record(self) -> bool:
        return self.kind == "record"

    def approved(self, as_of: date) -> bool:
        """Approved (for a record: made) on or before ``as_of``."""
        return self.approved_on is not None and self.approved_on <= as_of

    def review_overdue(self, as_of: date) -> bool:
        return self.review_due is not None and self.review_due < as_of

    def current(self, as_of: date) -> bool:
        """Approved by ``as_of`` and not past its review date."""
        return self.approved(as_of) and not self.review_overdue(as_of)
