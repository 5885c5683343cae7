"""Report downloads: the gap assessment deliverables of ``zonewarden report`` (HTML, PDF, XLSX,
SVG and draw.io diagrams, JSON report model), built from the stored project."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from zonewarden.catalog.loader import default_catalog
from zonewarden.reports.formats import (
    BINARY_FORMATS,
    FILE_NAMES,
    FORMATS,
    render_text,
    write_report,
)
from zonewarden.reports.model import build_report
from zonewarden.web.api import inputs, schemas
from zonewarden.web.api.auth import user_of
from zonewarden.web.api.downloads import download_headers
from zonewarden.web.api.results import check_zones
from zonewarden.web.permissions import Right, project_for
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.edits import NotFound

router = Router(tags=["reports"])

MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "svg": "image/svg+xml",
    "drawio": "application/vnd.jgraph.mxfile",
    "json": "application/json",
}


def rendered(model: Any, fmt: str) -> bytes:
    """The report in ``fmt`` as bytes (binary formats go through a temporary file)."""
    if fmt not in BINARY_FORMATS:
        return render_text(model, fmt).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="zonewarden-report-") as folder:
        path = write_report(model, fmt, Path(folder) / FILE_NAMES[fmt])
        return path.read_bytes()


@router.get(
    "/projects/{project_id}/reports/{format}",
    response={200: bytes, **schemas.ERRORS},
    operation_id="download_report",
    summary="A report download: html, pdf, xlsx, svg, drawio or json (?as_of=, ?zone=)",
)
def report(
    request: HttpRequest,
    project_id: str,
    format: str,
    as_of: str | None = None,
    zone: list[str] = Query([]),
) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    if format not in FORMATS:
        raise NotFound(f"report format {format!r}: not found (expected {', '.join(FORMATS)})")
    day = inputs.as_of(as_of)
    domain = domain_of(project)
    check_zones(domain, zone)
    model = build_report(domain, default_catalog(), day, zone)
    response = HttpResponse(rendered(model, format), content_type=MEDIA_TYPES[format])
    return download_headers(response, f"{project.key}-{FILE_NAMES[format]}")
