"""Assessments of one zone or conduit, one requirement at a time.

Requirement ids may be written in any spelling the CLI accepts (``SR 1.1 RE 1``, ``SR1.1(1)``,
``sr-1.1(1)``; URL-encoded); answers use the canonical id. A PUT creates the assessment when
there is none (version absent or 0) and answers with the zone's new SL-A and score, so a client
sees the effect of its change. Approving a compensating countermeasure needs the approve right
(reviewer, owner), checked by the service.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from zonewarden.catalog.loader import default_catalog
from zonewarden.services.status import project_status
from zonewarden.web.api import inputs, records, schemas
from zonewarden.web.api.auth import actor, user_of
from zonewarden.web.permissions import Right, can, project_for
from zonewarden.web.repositories import edits
from zonewarden.web.repositories.documents import domain_of

router = Router(tags=["assessments"])
BASE = "/projects/{project_id}/assessments/{target}"
ONE = BASE + "/{requirement}"
#: fields of an answer that a PUT body may send back and that are not the assessment's own
READ_ONLY = ("zone", "requirement", "sl_achieved", "score")


def requirement_of(text: str) -> str:
    """The canonical id of a requirement named in the URL: any spelling the CLI accepts, or
    with hyphens for spaces (``sr-1.1(1)``, ``SR-1.1-RE-1``), which read better in a URL."""
    try:
        return edits.requirement_id(text)
    except edits.NotFound:
        if "-" not in text:
            raise
        try:
            return edits.requirement_id(text.replace("-", " "))
        except edits.NotFound:
            pass
        raise


@router.get(
    BASE,
    response={200: dict[str, dict[str, Any]], **schemas.ERRORS},
    operation_id="list_assessments",
    summary="All assessments of a zone or conduit, by canonical requirement id",
)
def list_assessments(request: HttpRequest, project_id: str, target: str) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    target = inputs.object_key(target, "zone or conduit")
    return records.assessments_of(project, target)


@router.get(
    ONE,
    response={200: dict[str, Any], **schemas.ERRORS},
    operation_id="get_assessment",
    summary="One assessment: its fields and version",
)
def get_assessment(request: HttpRequest, project_id: str, target: str, requirement: str) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    target = inputs.object_key(target, "zone or conduit")
    return records.assessment(project, target, requirement_of(requirement))


@router.put(
    ONE,
    response={200: dict[str, Any], 201: dict[str, Any], **schemas.WRITE_ERRORS},
    operation_id="put_assessment",
    summary="Create or replace one assessment (send the version you read; 0 or none to create)",
    openapi_extra=schemas.assessment_body(),
)
def put_assessment(
    request: HttpRequest, project_id: str, target: str, requirement: str, as_of: str | None = None
) -> Any:
    project, role = project_for(user_of(request), project_id, Right.EDIT)
    target = inputs.object_key(target, "zone or conduit")
    rid = requirement_of(requirement)
    day = inputs.as_of(as_of)
    body = inputs.json_object(request)
    version = inputs.take_version(body, *READ_ONLY)
    try:
        result = edits.put_assessment(
            project.pk, actor(request), target, rid, body, version, can(role, Right.APPROVE)
        )
    except edits.Conflict as error:
        error.current = records.assessment_or_none(project, target, rid)
        raise
    status = project_status(domain_of(records.fresh(project)), default_catalog(), day)
    row = next(r for r in status["zones"] if r["id"] == target)
    answer = {
        **records.assessment(project, target, rid),
        "sl_achieved": row["sl_achieved"],
        "score": row["score"],
    }
    return Status(201 if result["version"] == 1 else 200, answer)


@router.delete(
    ONE,
    response={204: None, **schemas.WRITE_ERRORS},
    operation_id="delete_assessment",
    summary="Delete one assessment (?version= the version you read); it becomes not assessed",
)
def delete_assessment(
    request: HttpRequest, project_id: str, target: str, requirement: str, version: int | None = None
) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.EDIT)
    target = inputs.object_key(target, "zone or conduit")
    rid = requirement_of(requirement)
    try:
        edits.delete_assessment(project.pk, actor(request), target, rid, inputs.version_of(version))
    except edits.Conflict as error:
        error.current = records.assessment_or_none(project, target, rid)
        raise
    return Status(204, None)
