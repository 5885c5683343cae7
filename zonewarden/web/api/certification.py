"""Certification readiness and continuous compliance of a project (issue 7): the documents
``zonewarden readiness FILE --format json [--target S]``, ``zonewarden due FILE --format json
[--within P]`` and ``zonewarden nonconformities FILE --format json [--open]`` print for the
exported file (same service functions), and the calendar file of ``due --format ics``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from zonewarden.web.api import inputs, schemas
from zonewarden.web.api.auth import actor, user_of
from zonewarden.web.api.downloads import download_headers
from zonewarden.web.api.risk import encoded
from zonewarden.web.permissions import Right, project_for
from zonewarden.web.repositories import edits
from zonewarden.web.repositories.compliance import (
    due_of,
    ics_of,
    readiness_of,
    register_of,
    scheme_of,
    window_of,
)

router = Router(tags=["certification"])


@router.get(
    "/projects/{project_id}/readiness",
    response={200: schemas.ReadinessDocument, **schemas.ERRORS},
    operation_id="project_readiness",
    summary="Certification readiness: the target, the audit checklist (pass, fail with what is "
    "missing, manual), the pitfalls and the verdict",
)
def readiness(
    request: HttpRequest, project_id: str, as_of: str | None = None, scheme: str | None = None
) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    day = inputs.as_of(as_of)
    return encoded(readiness_of(project, day, scheme_of(scheme)))


@router.get(
    "/projects/{project_id}/due",
    response={200: schemas.DueDocument, **schemas.ERRORS},
    operation_id="project_due",
    summary="The compliance calendar: what is overdue or due within the window (default 90d)",
)
def due(
    request: HttpRequest, project_id: str, as_of: str | None = None, within: str | None = None
) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    day = inputs.as_of(as_of)
    return encoded(due_of(project, day, window_of(within)))


@router.get(
    "/projects/{project_id}/due.ics",
    response={200: bytes, **schemas.ERRORS},
    operation_id="download_due_ics",
    summary="The compliance calendar as an iCalendar file (download)",
)
def due_ics(
    request: HttpRequest, project_id: str, as_of: str | None = None, within: str | None = None
) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    day = inputs.as_of(as_of)
    text = ics_of(project, day, window_of(within))
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    return download_headers(response, f"{project.key}-due-{day.isoformat()}.ics")


@router.get(
    "/projects/{project_id}/nonconformities",
    response={200: schemas.NonconformitiesDocument, **schemas.ERRORS},
    operation_id="project_nonconformities",
    summary="The non-conformity register: status, severity, corrective action, owner, due "
    "date, overdue; open and major first",
)
def nonconformities(
    request: HttpRequest, project_id: str, as_of: str | None = None, open: bool = False
) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    day = inputs.as_of(as_of)
    return encoded(register_of(project, day, open))


@router.post(
    "/projects/{project_id}/obligations/{obligation}/done",
    response={200: schemas.ObligationDone, **schemas.ERRORS},
    operation_id="record_obligation_done",
    summary="Record that a recurring obligation was done on done_on (default today): its "
    "last_done moves and the next due date with it",
)
def obligation_done(
    request: HttpRequest, project_id: str, obligation: str, done_on: str | None = None
) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.EDIT)
    key = inputs.object_key(obligation, "obligation")
    day = inputs.date_of(done_on, "done_on")
    result = edits.record_obligation_done(project.pk, actor(request), key, day, inputs.today())
    return result
