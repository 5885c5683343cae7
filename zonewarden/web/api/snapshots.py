"""Snapshots of a project's results and their trend (issue 7): the documents ``zonewarden
snapshot FILE --format json``, ``zonewarden diff OLD NEW --format json`` and the chart of
``zonewarden trend FILE --output trend.svg``, over the snapshots the server keeps (one per
project and day; taking one again the same day replaces it)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from zonewarden.services.snapshots import snapshot_document
from zonewarden.web.api import inputs, schemas
from zonewarden.web.api.auth import user_of
from zonewarden.web.api.downloads import download_headers
from zonewarden.web.api.risk import encoded
from zonewarden.web.permissions import Right, project_for
from zonewarden.web.repositories.edits import NotFound
from zonewarden.web.repositories.snapshots import (
    CURRENT,
    charted,
    diff_of,
    listing,
    side_of,
    stored_snapshot,
    summary_of,
    take_snapshot,
)

router = Router(tags=["certification"])
SNAPSHOTS = "/projects/{project_id}/snapshots"


@router.get(
    SNAPSHOTS,
    response={200: list[schemas.SnapshotSummary], **schemas.ERRORS},
    operation_id="list_snapshots",
    summary="The project's snapshots, oldest first: date, overall score, gaps, targets met",
)
def snapshots(request: HttpRequest, project_id: str) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    return listing(project)


@router.post(
    SNAPSHOTS,
    response={200: schemas.SnapshotTaken, 201: schemas.SnapshotTaken, **schemas.ERRORS},
    operation_id="take_snapshot",
    summary="Take a snapshot of the results on as_of (default today): 201, or 200 when it "
    "replaces the snapshot of that day",
)
def take(request: HttpRequest, project_id: str, as_of: str | None = None) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.EDIT)
    taken = take_snapshot(project, user_of(request), inputs.as_of(as_of))
    body = {**summary_of(taken.snapshot), "replaced": taken.replaced}
    return Status(200 if taken.replaced else 201, body)


@router.get(
    SNAPSHOTS + "/diff",
    response={200: schemas.DiffDocument, **schemas.ERRORS},
    operation_id="diff_snapshots",
    summary="What changed between two snapshots (dates), or a snapshot and the current state "
    "(new=current, evaluated on as_of): per zone and conduit with the explanation",
)
def diff(
    request: HttpRequest,
    project_id: str,
    old: str,
    new: str = CURRENT,
    as_of: str | None = None,
) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    day = inputs.as_of(as_of)
    return encoded(diff_of(side_of(project, old, "old", day), side_of(project, new, "new", day)))


@router.get(
    SNAPSHOTS + "/{as_of}",
    response={200: schemas.SnapshotDocument, **schemas.ERRORS},
    operation_id="get_snapshot",
    summary="One snapshot: the zonewarden-snapshot/v1 document of that date",
)
def snapshot(request: HttpRequest, project_id: str, as_of: str) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    try:
        day = date.fromisoformat(as_of)
    except ValueError:
        raise NotFound(f"snapshot {as_of[:40]!r}: not found") from None
    return encoded(snapshot_document(stored_snapshot(project, day)))


@router.get(
    "/projects/{project_id}/trend.svg",
    response={200: bytes, **schemas.ERRORS},
    operation_id="download_trend_svg",
    summary="The trend chart of the overall and per-zone score over the snapshots (SVG)",
)
def trend(request: HttpRequest, project_id: str) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    series = charted(project)
    if not series:
        raise NotFound("trend: no snapshots of this project to chart; take one first")
    from zonewarden.reports.trend import trend_svg

    response = HttpResponse(
        trend_svg(series).encode("utf-8"), content_type="image/svg+xml; charset=utf-8"
    )
    return download_headers(response, f"{project.key}-trend.svg")
