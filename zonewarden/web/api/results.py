"""Results of a project: ``status`` and ``gaps``, the same documents as
``zonewarden status|gaps FILE --format json --as-of D`` print for the exported file (same
service functions, same filters)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from zonewarden.catalog.loader import default_catalog
from zonewarden.domain.evaluation import evaluate
from zonewarden.domain.rules import SEVERITIES
from zonewarden.services.gaps import gaps_document, select_gaps
from zonewarden.services.remediation import gap_links
from zonewarden.services.status import project_status
from zonewarden.web.api import inputs, schemas
from zonewarden.web.api.auth import user_of
from zonewarden.web.permissions import Right, project_for
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.edits import EditError
from zonewarden.web.repositories.results import cached

router = Router(tags=["results"])
JSON = "application/json; charset=utf-8"


@router.get(
    "/projects/{project_id}/status",
    response={200: schemas.StatusDocument, **schemas.ERRORS},
    operation_id="project_status",
    summary="Per zone and conduit: SL-T, SL-A, score, gaps, target met; the overall score",
)
def status(request: HttpRequest, project_id: str, as_of: str | None = None) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    day = inputs.as_of(as_of)

    def encoded() -> bytes:
        # serialised once per revision and date: the document is the CLI's, already checked
        # against the schema by the tests, so the per-request validation of thousands of zones
        # by the response schema is skipped
        document = project_status(domain_of(project), default_catalog(), day)
        return json.dumps(document, ensure_ascii=False).encode()

    return HttpResponse(cached(project, day, "status-json", encoded), content_type=JSON)


@router.get(
    "/projects/{project_id}/gaps",
    response={200: schemas.GapsDocument, **schemas.ERRORS},
    operation_id="project_gaps",
    summary="The gap register, most important first; filters zone, fr, severity (repeatable)",
)
def gaps(
    request: HttpRequest,
    project_id: str,
    as_of: str | None = None,
    zone: list[str] = Query([]),
    fr: list[int] = Query([]),
    severity: list[str] = Query([]),
    limit: int | None = None,
) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    day = inputs.as_of(as_of)
    for value in severity:
        if value not in SEVERITIES:
            raise EditError(f"severity: expected one of {', '.join(SEVERITIES)}, got {value!r}")
    for number in fr:
        if not 1 <= number <= 7:
            raise EditError(f"fr: expected 1 to 7, got {number}")
    if limit is not None and limit < 1:
        raise EditError(f"limit: expected 1 or more, got {limit}")
    domain = domain_of(project)
    check_zones(domain, zone)
    evaluation = evaluate(domain, default_catalog(), day)
    selected = select_gaps(evaluation, zone, fr, severity)
    links = gap_links(domain, day)  # the action, finding and acceptance of each gap, as the CLI
    document = gaps_document(evaluation, selected[:limit] if limit else selected, links)
    # written as is: the schema documents the fields, but ninja's validation of the response
    # would drop the ones only projects with actions have (action, finding, accepted_until)
    return HttpResponse(json.dumps(document, ensure_ascii=False), content_type=JSON)


def check_zones(domain: Any, zones: list[str]) -> None:
    """400 naming the first of ``zones`` that is not a zone or conduit of the project."""
    known = {target.id for target in domain.targets()}
    for value in zones:
        if value not in known:
            raise EditError(f"zone: unknown zone or conduit {value!r} in this project")
