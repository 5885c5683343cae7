"""The compliance calendar: everything that falls due on a date (methodology, "Maintaining
compliance").

Certification is kept, not won once: recurring obligations come back on their period, evidence
and decisions expire, documents are due for review, corrective actions have due dates and the
certification body comes on the audit date. :func:`due_items` gathers all of them for one
``as_of`` date and a look-ahead window, so that a scheduled job can say what is due and what is
already overdue.

Dates are read the way the rest of the engine reads them: something that expires on ``D`` is
valid through ``D`` and expired (overdue) from the day after; a review, an obligation or a
corrective action due on ``D`` is overdue from the day after. Everything past is listed however
long ago it was, so that nothing lapses silently; future dates are listed up to the end of the
window.

Not listed: corrective actions already done, or of non-conformities closed or not yet raised on
``as_of``; countermeasures of requirements implemented or justified not applicable (their
expiry changes nothing). A certification audit date that has passed stays listed, as overdue,
until the file records the next one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from zonewarden.domain.assessment import Assessment, Status
from zonewarden.domain.certification import SCHEME_PARTS, SCHEME_TITLES
from zonewarden.domain.periods import Period
from zonewarden.domain.projects import Project

DUE_KINDS = (
    "obligation",
    "evidence_expiry",
    "document_review",
    "acceptance_expiry",
    "countermeasure_expiry",
    "waiver_expiry",
    "corrective_action",
    "audit",
)
KIND_TITLES = {
    "obligation": "recurring obligation",
    "evidence_expiry": "evidence expiry",
    "document_review": "document review",
    "acceptance_expiry": "risk acceptance expiry",
    "countermeasure_expiry": "compensating countermeasure expiry",
    "waiver_expiry": "zoning-rule waiver expiry",
    "corrective_action": "corrective action",
    "audit": "certification audit",
}
DEFAULT_WINDOW = Period(90, "d")
_KIND_ORDER = {kind: index for index, kind in enumerate(DUE_KINDS)}


@dataclass(frozen=True, slots=True)
class DueItem:
    """One thing that falls due on ``day``.

    ``ids`` names the objects concerned: an obligation, evidence, document or non-conformity
    id; for a risk acceptance or a compensating countermeasure the zone or conduit then the
    requirement ids; for a waiver the zoning rule then the objects it covers; for the audit
    ``certification``. ``days`` counts from ``as_of`` (negative: overdue by that many days).
    """

    day: date
    kind: str  # one of DUE_KINDS
    ids: tuple[str, ...]
    title: str
    days: int
    owner: str | None = None
    period: Period | None = None  # obligations: how often
    last_done: date | None = None  # obligations: when last done (None: never)
    note: str | None = None

    @property
    def overdue(self) -> bool:
        """Past its date (for an expiry: expired) on ``as_of``."""
        return self.days < 0

    @property
    def key(self) -> str:
        """The ids as one string, ``/`` between them (stable; used for sorting and UIDs)."""
        return "/".join(self.ids)

    def sort_key(self) -> tuple[date, int, str]:
        return (self.day, _KIND_ORDER[self.kind], self.key)


def window_end(as_of: date, within: Period | None = None) -> date:
    """The last day of the window (``as_of`` + ``within``, default 90 days); the last date of
    the calendar when the window reaches past it (``--within 9999y``)."""
    try:
        return (within or DEFAULT_WINDOW).after(as_of)
    except (OverflowError, ValueError):
        return date.max


def due_items(project: Project, as_of: date, within: Period | None = None) -> list[DueItem]:
    """Everything due on or before ``as_of`` + ``within`` (default 90 days), overdue included,
    sorted by date, then kind (in :data:`DUE_KINDS` order), then ids."""
    horizon = window_end(as_of, within)
    items = [item for item in _all_items(project, as_of) if item.day <= horizon]
    return sorted(items, key=DueItem.sort_key)


def _all_items(project: Project, as_of: date) -> Iterator[DueItem]:
    yield from _obligations(project, as_of)
    yield from _expiries(project, as_of)
    yield from _documents(project, as_of)
    yield from _corrective_actions(project, as_of)
    certification = project.certification
    if certification is not None and certification.audit_on is not None:
        scheme = certification.scheme
        by = f" by {certification.body}" if certification.body else ""
        day = certification.audit_on
        yield DueItem(
            day,
            "audit",
            ("certification",),
            f"Certification audit{by}: {SCHEME_TITLES[scheme]}, {SCHEME_PARTS[scheme]}",
            (day - as_of).days,
            note="the audit date has passed: record the outcome and the next audit date"
            if day < as_of
            else None,
        )


def _obligations(project: Project, as_of: date) -> Iterator[DueItem]:
    for obligation in project.obligations:
        day = obligation.due_date(as_of)
        yield DueItem(
            day,
            "obligation",
            (obligation.id,),
            obligation.label,
            (day - as_of).days,
            owner=obligation.owner,
            period=obligation.every,
            last_done=obligation.last_done,
            note="never done" if obligation.last_done is None else None,
        )


def _expires(day: date, as_of: date) -> str:
    return "expired" if day < as_of else "expires"


def _expiries(project: Project, as_of: date) -> Iterator[DueItem]:
    for evidence in project.evidence:
        if evidence.expires_on is not None:
            day = evidence.expires_on
            yield DueItem(
                day,
                "evidence_expiry",
                (evidence.id,),
                f"Evidence {_expires(day, as_of)}: {evidence.title}",
                (day - as_of).days,
            )
    for acceptance in project.acceptances:
        if acceptance.expires_on is not None:
            day = acceptance.expires_on
            which = ", ".join(acceptance.requirements)
            yield DueItem(
                day,
                "acceptance_expiry",
                (acceptance.target, *acceptance.requirements),
                f"Risk acceptance of {which} in {acceptance.target} {_expires(day, as_of)}",
                (day - as_of).days,
                owner=acceptance.approved_by,
            )
    for target in project.targets():
        for requirement, assessment in project.assessments_of(target.id).items():
            measure = assessment.compensating
            if measure is None or measure.expires_on is None or _met_directly(assessment):
                continue
            day = measure.expires_on
            yield DueItem(
                day,
                "countermeasure_expiry",
                (target.id, requirement),
                f"Compensating countermeasure for {requirement} in {target.id} "
                f"{_expires(day, as_of)}: {measure.description}",
                (day - as_of).days,
                owner=measure.approved_by,
            )
    for waiver in project.waivers:
        if waiver.expires_on is not None:
            day = waiver.expires_on
            covered = f" for {', '.join(waiver.objects)}" if waiver.objects else ""
            yield DueItem(
                day,
                "waiver_expiry",
                (waiver.rule, *waiver.objects),
                f"Waiver of zoning rule {waiver.rule}{covered} {_expires(day, as_of)}",
                (day - as_of).days,
                owner=waiver.approved_by,
            )


def _met_directly(assessment: Assessment) -> bool:
    """Implemented, or justified not applicable: the countermeasure's expiry changes nothing."""
    status = assessment.status
    return status is Status.IMPLEMENTED or (
        status is Status.NOT_APPLICABLE and bool(assessment.justification)
    )


def _documents(project: Project, as_of: date) -> Iterator[DueItem]:
    for document in project.documents:
        if document.review_due is not None:
            day = document.review_due
            yield DueItem(
                day,
                "document_review",
                (document.id,),
                f"Document review: {document.title} ({document.kind})",
                (day - as_of).days,
                owner=document.owner,
            )


def _corrective_actions(project: Project, as_of: date) -> Iterator[DueItem]:
    for nc in project.nonconformities:
        action = nc.corrective_action
        if action is None or action.due_on is None or nc.raised_on > as_of:
            continue
        if not nc.is_open(as_of):
            continue
        if action.done_on is not None and action.done_on <= as_of:
            continue
        day = action.due_on
        yield DueItem(
            day,
            "corrective_action",
            (nc.id,),
            f"Corrective action for {nc.severity} non-conformity {nc.id}: {action.description}",
            (day - as_of).days,
            owner=action.owner,
        )
