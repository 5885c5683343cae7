"""The risk assessment (IEC 62443-3-2) of a project: the ZCR steps with their state and what is
missing, per zone and conduit the initial risk, the recorded and derived SL-T and the residual
risk, the warnings and the threat scenarios (``zonewarden risk``); one zone's SL-T reasoning
(``zonewarden explain ZONE --sl-target``); the CRS as a download (``zonewarden crs``).

The documents are those of :mod:`zonewarden.services.risk`; the pages only add the names of the
matrix's levels (``Medium`` for ``medium``), as the CLI's tables do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from zonewarden.services.risk import RiskReport, risk_document, sl_target_document
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.responses import attachment, page_context
from zonewarden.web.permissions import Right
from zonewarden.web.repositories.edits import NotFound
from zonewarden.web.repositories.results import risk_report_of

CRS_TYPES = {"html": ("text/html", "CRS (HTML)"), "pdf": ("application/pdf", "CRS (PDF, A4)")}


def namer(report: RiskReport, scale: str) -> Callable[[str | None], str | None]:
    """The name of a level of ``scale`` (``levels``, ``likelihood``, ``consequence``) in the
    project's matrix: ``medium`` -> ``Medium``; None stays None."""
    matrix = None if report.result is None else report.result.assessment.matrix
    names = {} if matrix is None else {level.id: level.label for level in getattr(matrix, scale)}

    def name(level: str | None) -> str | None:
        return None if level is None else names.get(level, level)

    return name


def summary(here: Here) -> str:
    """``19 of 19 steps done``: the overview's line about the risk assessment."""
    steps = risk_report_of(here.project, here.as_of).steps
    done = sum(1 for step in steps if step.state == "done")
    return f"{done} of {len(steps)} steps done"


@project_page(Right.READ, shared=True)
def risk_page(request: HttpRequest, here: Here) -> HttpResponse:
    """Steps, zones and conduits, warnings and scenarios of the risk assessment."""
    report = risk_report_of(here.project, here.as_of)
    document = risk_document(report)
    level = namer(report, "levels")
    zones = [
        {
            **row,
            "initial_name": level(row["initial_risk"]),
            "residual_name": level(row["residual_risk"]),
        }
        for row in document["zones"]
    ]
    scenarios = [
        {**row, "risk_name": level(row["risk"]), "residual_name": level(row["residual_risk"])}
        for row in document["scenarios"]
    ]
    steps = document["steps"]
    context = page_context(
        here,
        "risk",
        document=document,
        assessed=report.result is not None,
        tolerable=level(document["tolerable"]),
        steps=steps,
        done=sum(1 for step in steps if step["state"] == "done"),
        zones=zones,
        needing=sum(1 for row in zones if row["needs_detailed"]),
        scenarios=scenarios,
        crs=[(fmt, label) for fmt, (_, label) in CRS_TYPES.items()],
    )
    return render(request, "zonewarden/risk.html", context)


def outline(lines: list[str]) -> list[dict[str, Any]]:
    """The explanation's lines as a list; an indented line belongs to the line above it."""
    items: list[dict[str, Any]] = []
    for line in lines:
        if line.startswith("  ") and items:
            items[-1]["sub"].append(line.strip())
        else:
            items.append({"text": line.strip(), "sub": []})
    return items


@project_page(Right.READ, shared=True)
def risk_target(request: HttpRequest, here: Here, target: str) -> HttpResponse:
    """How one zone's or conduit's SL-T follows from the threat scenarios, FR by FR."""
    found = here.domain.target(target)
    if found is None:
        raise NotFound(f"zone or conduit {target[:64]!r}: not found")
    report = risk_report_of(here.project, here.as_of)
    document = sl_target_document(report, target)
    level = namer(report, "levels")
    consequence = namer(report, "consequence")
    scenarios = [
        {
            **row,
            "risk_name": level(row["risk"]),
            "consequence_name": consequence(row["consequence"]),
        }
        for row in document.get("scenarios", [])
    ]
    context = page_context(
        here,
        "risk",
        target=found,
        document=document,
        explanation=outline(document["explanation"]),
        scenarios=scenarios,
        frs=document.get("frs", []),
        decision=document.get("decision"),
    )
    return render(request, "zonewarden/risk_target.html", context)


@project_page(Right.READ)
def crs_download(request: HttpRequest, here: Here, fmt: str) -> HttpResponse:
    """The cybersecurity requirements specification (ZCR 6) as a download: HTML or PDF (the
    Markdown CRS comes with a separate diagram file: ``zonewarden crs`` writes it)."""
    if fmt not in CRS_TYPES:
        raise NotFound(f"CRS format {fmt[:20]!r}: expected html or pdf")
    from zonewarden.reports.crs import build_crs, render_html, render_pdf

    model = build_crs(here.domain, here.catalog, here.as_of)
    content = render_pdf(model) if fmt == "pdf" else render_html(model)
    name = f"{slugify(here.project.key) or 'project'}-crs.{fmt}"
    return attachment(content, name, CRS_TYPES[fmt][0])
