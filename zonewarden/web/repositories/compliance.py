"""Certification readiness and continuous compliance for the web adapters (pages and API):
the query parameters of ``zonewarden readiness``, ``due`` and ``nonconformities`` read as the
CLI reads its options (a bad one is 400 naming it), and their documents for a stored project,
computed once per revision, date and options."""

from __future__ import annotations

from datetime import date
from typing import Any

from zonewarden.catalog.loader import default_catalog
from zonewarden.domain.certification import SCHEMES
from zonewarden.domain.periods import Period
from zonewarden.services.calendar import due_document, ics_calendar
from zonewarden.services.nonconformities import register_document
from zonewarden.services.readiness import readiness_document
from zonewarden.web.models import Project
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.edits import EditError
from zonewarden.web.repositories.results import cached

DEFAULT_WITHIN = "90d"


def scheme_of(value: str | None) -> str | None:
    """The ``scheme`` query parameter (as ``readiness --target``); None (the file's) if absent."""
    if value is None or value == "":
        return None
    if value not in SCHEMES:
        raise EditError(f"scheme: expected one of {', '.join(SCHEMES)}, got {value[:40]!r}")
    return value


def window_of(value: str | None) -> Period:
    """The ``within`` query parameter (as ``due --within``): 90d, 6w, 12m or 1y."""
    try:
        return Period.parse(DEFAULT_WITHIN if value is None or value == "" else value)
    except ValueError as error:
        raise EditError(f"within: {error}") from None


def readiness_of(project: Project, as_of: date, scheme: str | None) -> dict[str, Any]:
    """The ``readiness --format json`` document (``scheme``: already checked)."""
    return cached(
        project,
        as_of,
        f"readiness:{scheme}",
        lambda: readiness_document(domain_of(project), default_catalog(), as_of, scheme),
    )


def due_of(project: Project, as_of: date, within: Period) -> dict[str, Any]:
    """The ``due --format json`` document."""
    return cached(
        project, as_of, f"due:{within}", lambda: due_document(domain_of(project), as_of, within)
    )


def ics_of(project: Project, as_of: date, within: Period) -> str:
    """The iCalendar text of ``due --format ics``."""
    return ics_calendar(domain_of(project), as_of, within)


def register_of(project: Project, as_of: date, open_only: bool) -> dict[str, Any]:
    """The ``nonconformities --format json`` document (``open_only`` as ``--open``)."""
    return cached(
        project,
        as_of,
        f"nonconformities:{open_only}",
        lambda: register_document(domain_of(project), as_of, open_only),
    )
