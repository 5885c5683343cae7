"""The risk assessment (IEC 62443-3-2) of a project: ``risk``, one zone's SL-T reasoning and
the cybersecurity requirements specification, the same documents and files as
``zonewarden risk FILE --format json``, ``zonewarden explain FILE ZONE --sl-target --format
json`` and ``zonewarden crs FILE`` give for the exported file (same service functions)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from zonewarden.catalog.loader import default_catalog
from zonewarden.services.risk import risk_document, sl_target_document
from zonewarden.web.api import inputs, schemas
from zonewarden.web.api.auth import user_of
from zonewarden.web.api.downloads import download_headers
from zonewarden.web.permissions import Right, project_for
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.edits import NotFound
from zonewarden.web.repositories.results import risk_report_of

router = Router(tags=["risk"])
JSON = "application/json; charset=utf-8"
#: CRS formats offered for download; Markdown is not, as it comes with a separate diagram file
CRS_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


def encoded(document: dict[str, Any]) -> HttpResponse:
    """A CLI document as JSON, keys in the CLI's order (not re-serialised by a schema)."""
    return HttpResponse(json.dumps(document, ensure_ascii=False).encode(), content_type=JSON)


@router.get(
    "/projects/{project_id}/risk",
    response={200: schemas.RiskDocument, **schemas.ERRORS},
    operation_id="project_risk",
    summary="Risk assessment: ZCR steps, per zone and conduit initial risk, derived and "
    "recorded SL-T, residual risk; scenarios, warnings",
)
def risk(request: HttpRequest, project_id: str, as_of: str | None = None) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    day = inputs.as_of(as_of)
    return encoded(risk_document(risk_report_of(project, day)))


@router.get(
    "/projects/{project_id}/risk/{target}",
    response={200: schemas.SLTargetDocument, **schemas.ERRORS},
    operation_id="project_sl_target",
    summary="How one zone's or conduit's SL-T follows from the threat scenarios, FR by FR",
)
def sl_target(request: HttpRequest, project_id: str, target: str, as_of: str | None = None) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    key = inputs.object_key(target, "zone or conduit")
    day = inputs.as_of(as_of)
    report = risk_report_of(project, day)
    if report.project.target(key) is None:
        raise NotFound(f"zone or conduit {key!r}: not found")
    return encoded(sl_target_document(report, key))


@router.get(
    "/projects/{project_id}/crs/{format}",
    response={200: bytes, **schemas.ERRORS},
    operation_id="download_crs",
    summary="The cybersecurity requirements specification (ZCR 6) as a download: html or pdf",
)
def crs(request: HttpRequest, project_id: str, format: str, as_of: str | None = None) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    if format not in CRS_TYPES:
        raise NotFound(
            f"CRS format {format!r}: not found (expected html or pdf; the Markdown CRS comes "
            "with a separate diagram file: write it with 'zonewarden crs')"
        )
    day = inputs.as_of(as_of)
    from zonewarden.reports.crs import build_crs, render_html, render_pdf

    model = build_crs(domain_of(project), default_catalog(), day)
    content = render_pdf(model) if format == "pdf" else render_html(model).encode("utf-8")
    response = HttpResponse(content, content_type=CRS_TYPES[format])
    return download_headers(response, f"{project.key}-crs.{format}")
