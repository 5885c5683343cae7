"""Recurring compliance obligations (methodology, "Maintaining compliance").

Certification is not a one-time achievement: management reviews, the annual risk assessment
update, backup restore tests, access recertification, staff training, internal audits and the
certification body's surveillance audits come back on a period. Each obligation records its
period and the last time it was done; the next due date follows. A date fixed by someone else
(the surveillance audit booked by the body) is given as ``due_on`` and wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zonewarden.domain.periods import Period

OBLIGATION_KINDS = (
    "management_review",
    "risk_assessment_update",
    "backup_restore_test",
    "access_recertification",
    "staff_training",
    "internal_audit",
    "surveillance_audit",
    "other",
)
OBLIGATION_TITLES = {
    "management_review": "Management review of the security program",
    "risk_assessment_update": "Risk assessment update",
    "backup_restore_test": "Backup restore test",
    "access_recertification": "Access recertification",
    "staff_training": "Staff security training",
    "internal_audit": "Internal audit",
    "surveillance_audit": "Surveillance audit",
    "other": "Obligation",
}


@dataclass(frozen=True, slots=True)
class Obligation:
    """One entry of the ``obligations`` section."""

    id: str
    kind: str
    every: Period
    title: str | None = None
    last_done: date | None = None
    due_on: date | None = None
    owner: str | None = None
    records: tuple[str, ...] = ()  # documents register ids showing it was done

    @property
    def label(self) -> str:
        return self.title or OBLIGATION_TITLES[self.kind]

    def next_due(self) -> date | None:
        """``due_on`` when given, else one period after ``last_done``; None when never done
        and no date is fixed (then it is due now: see :meth:`due_date`)."""
        if self.due_on is not None:
            return self.due_on
        if self.last_done is not None:
            return self.every.after(self.last_done)
        return None

    def due_date(self, as_of: date) -> date:
        """The date the obligation falls due; one never done and undated is due ``as_of``."""
        due = self.next_due()
        return as_of if due is None else due

    def done_within(self, as_of: date, period: Period) -> bool:
        """Done in the window ``period`` long that ends on ``as_of``."""
        return self.last_done is not None and period.before(as_of) <= self.last_done <= as_of
