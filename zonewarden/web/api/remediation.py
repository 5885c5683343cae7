"""Remediation planning of a project, read-only (actions are edited in the project file and
imported): the documents ``zonewarden actions FILE --format json``, ``zonewarden plan FILE
--format json [--start D] [--capacity N]`` and ``zonewarden change FILE ACTION --format json``
print for the exported file (same service functions), and the roadmap as the Gantt SVG and
XLSX files ``plan --format svg|xlsx`` writes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from zonewarden.services.remediation import (
    actions_document,
    change_document,
)
from zonewarden.web.api import inputs, schemas
from zonewarden.web.api.auth import user_of
from zonewarden.web.api.downloads import download_headers
from zonewarden.web.api.risk import encoded
from zonewarden.web.permissions import Right, project_for
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.edits import NotFound
from zonewarden.web.repositories.plans import plan_of, xlsx_of

router = Router(tags=["remediation"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get(
    "/projects/{project_id}/actions",
    response={200: schemas.ActionsDocument, **schemas.ERRORS},
    operation_id="project_actions",
    summary="Remediation actions, highest priority first: status, owner, effort, flags, gaps "
    "addressed, priority terms, open gates",
)
def actions(request: HttpRequest, project_id: str, as_of: str | None = None) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    day = inputs.as_of(as_of)
    return encoded(actions_document(domain_of(project), day))


@router.get(
    "/projects/{project_id}/plan",
    response={200: schemas.PlanDocument, **schemas.ERRORS},
    operation_id="project_plan",
    summary="Remediation roadmap: actions in three phases with the projected SL-A per zone and "
    "score after each phase",
)
def plan(
    request: HttpRequest,
    project_id: str,
    as_of: str | None = None,
    start: str | None = None,
    capacity: str | None = None,
) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    return encoded(plan_of(domain_of(project), inputs.as_of(as_of), start, capacity))


@router.get(
    "/projects/{project_id}/plan.svg",
    response={200: bytes, **schemas.ERRORS},
    operation_id="download_plan_svg",
    summary="The remediation roadmap as a Gantt chart (SVG download)",
)
def plan_svg(
    request: HttpRequest,
    project_id: str,
    as_of: str | None = None,
    start: str | None = None,
    capacity: str | None = None,
) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    from zonewarden.reports.roadmap import plan_svg as render

    document = plan_of(domain_of(project), inputs.as_of(as_of), start, capacity)
    response = HttpResponse(render(document).encode(), content_type="image/svg+xml; charset=utf-8")
    return download_headers(response, f"{project.key}-plan.svg")


@router.get(
    "/projects/{project_id}/plan.xlsx",
    response={200: bytes, **schemas.ERRORS},
    operation_id="download_plan_xlsx",
    summary="The remediation roadmap and the projection per phase as a workbook (XLSX download)",
)
def plan_xlsx(
    request: HttpRequest,
    project_id: str,
    as_of: str | None = None,
    start: str | None = None,
    capacity: str | None = None,
) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    document = plan_of(domain_of(project), inputs.as_of(as_of), start, capacity)
    response = HttpResponse(xlsx_of(document), content_type=XLSX)
    return download_headers(response, f"{project.key}-plan.xlsx")


@router.get(
    "/projects/{project_id}/actions/{action}/change",
    response={200: schemas.ChangeDocument, **schemas.ERRORS},
    operation_id="action_change",
    summary="The OT gates of an action's change records (open, closed, waived) and what blocks "
    "its closure",
)
def change(request: HttpRequest, project_id: str, action: str) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    key = inputs.object_key(action, "action")
    domain = domain_of(project)
    found = domain.action(key)
    if found is None:
        raise NotFound(f"action {key!r}: not found")
    return encoded(change_document(domain, found))
