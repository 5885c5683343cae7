"""Non-conformities raised by internal or external audits, and their corrective actions.

The life of a finding: raised (with severity major, minor or observation), root cause found,
corrective action planned with an owner and a due date, done, verified effective, closed. A
corrective action past its due date and not done is overdue; auditors read overdue actions as
weak management commitment (methodology, "Common certification pitfalls").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

NC_SEVERITIES = ("major", "minor", "observation")
NC_SOURCES = ("internal_audit", "external_audit", "surveillance_audit", "self_assessment")
NC_STATUSES = (
    "open",
    "action_planned",
    "awaiting_verification",
    "ineffective",
    "verified",
    "closed",
)


@dataclass(frozen=True, slots=True)
class CorrectiveAction:
    description: str
    owner: str | None = None
    due_on: date | None = None
    done_on: date | None = None


@dataclass(frozen=True, slots=True)
class Verification:
    """The check, after the corrective action, that it removed the cause."""

    verified_on: date
    effective: bool
    verified_by: str | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Nonconformity:
    """One entry of the ``nonconformities`` section."""

    id: str
    finding: str
    severity: str
    source: str
    raised_on: date
    zones: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()  # catalog ids (62443-3-3, 4-2)
    references: tuple[str, ...] = ()  # other clauses, free text (e.g. 2-1 elements)
    auditor: str | None = None
    root_cause: str | None = None
    corrective_action: CorrectiveAction | None = None
    verification: Verification | None = None
    closed_on: date | None = None

    def status(self, as_of: date) -> str:
        """Where the finding stands on ``as_of`` (dates after ``as_of`` have not happened)."""
        if self.closed_on is not None and self.closed_on <= as_of:
            return "closed"
        verification = self.verification
        if verification is not None and verification.verified_on <= as_of:
            return "verified" if verification.effective else "ineffective"
        action = self.corrective_action
        if action is not None and action.done_on is not None and action.done_on <= as_of:
            return "awaiting_verification"
        if action is not None:
            return "action_planned"
        return "open"

    def is_open(self, as_of: date) -> bool:
        return self.status(as_of) != "closed"

    def overdue(self, as_of: date) -> bool:
        """The corrective action is past its due date and not done by ``as_of``."""
        action = self.corrective_action
        if action is None or action.due_on is None or action.due_on >= as_of:
            return False
        return action.done_on is None or action.done_on > as_of
