"""Assessments of one requirement for one zone or conduit (spec section 3, normative).

A requirement is *satisfied* when its status is ``implemented``; or ``not_applicable`` with a
justification; or a compensating countermeasure is approved and not expired on ``as_of``
(IEC 62443-3-3 clause 4.3 on compensating countermeasures).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Status(StrEnum):
    """Assessment status of one requirement for one zone or conduit."""

    IMPLEMENTED = "implemented"
    PARTIAL = "partial"
    NOT_IMPLEMENTED = "not_implemented"
    NOT_APPLICABLE = "not_applicable"
    NOT_ASSESSED = "not_assessed"


@dataclass(frozen=True, slots=True)
class Compensating:
    """A compensating countermeasure that stands in for a requirement not met directly."""

    description: str
    approved_by: str | None = None
    approved_on: date | None = None
    expires_on: date | None = None

    def approved(self) -> bool:
        return bool(self.approved_by) and self.approved_on is not None

    def valid_on(self, as_of: date) -> bool:
        """Approved by ``as_of``, and without expiry or ``expires_on >= as_of`` (spec section
        3, rule 3; a countermeasure approved after the evaluation date did not count then)."""
        return (
            self.approved()
            and self.approved_on is not None
            and self.approved_on <= as_of
            and (self.expires_on is None or self.expires_on >= as_of)
        )


@dataclass(frozen=True, slots=True)
class Assessment:
    """The recorded judgement for one (zone or conduit, requirement) pair."""

    status: Status = Status.NOT_ASSESSED
    evidence: tuple[str, ...] = ()
    notes: str | None = None
    justification: str | None = None
    compensating: Compensating | None = None
    assessed_by: str | None = None
    assessed_on: date | None = None

    def satisfied(self, as_of: date) -> bool:
        """Spec section 3: implemented; justified not-applicable; or a valid countermeasure."""
        status = self.status
        if status is Status.IMPLEMENTED:
            return True
        if status is Status.NOT_APPLICABLE and self.justification:
            return True
        return self.compensating is not None and self.compensating.valid_on(as_of)

    def how_satisfied(self, as_of: date) -> str | None:
        """Which rule satisfies it, in words, or None when it is not satisfied."""
        if self.status is Status.IMPLEMENTED:
            return "implemented"
        if self.status is Status.NOT_APPLICABLE and self.justification:
            return f"not applicable: {self.justification}"
        if self.compensating is not None and self.compensating.valid_on(as_of):
            until = self.compensating.expires_on
            suffix = f" until {until.isoformat()}" if until else ""
            return (
                f"compensating countermeasure approved by {self.compensating.approved_by} "
                f"on {self.compensating.approved_on}{suffix}"
            )
        return None


NOT_ASSESSED = Assessment()


def inherited_not_applicable(base_id: str, base: Assessment) -> Assessment:
    """The assessment an RE inherits when its SR ``base_id`` is not applicable (spec 3)."""
    justification = (
        f"{base_id} is not applicable ({base.justification})" if base.justification else None
    )
    return Assessment(status=Status.NOT_APPLICABLE, justification=justification)
