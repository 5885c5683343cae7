"""My projects (create an empty one, import a file as a new one) and a project's overview:
overall score, gaps by severity, SL-A against SL-T per zone and FR, the diagram, the report
downloads and the export."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from zonewarden.catalog.loader import default_catalog
from zonewarden.domain.levels import FR
from zonewarden.reports.formats import FILE_NAMES, FORMATS, render_text
from zonewarden.reports.model import build_report
from zonewarden.services.status import project_status, status_document
from zonewarden.web.errors import REFUSALS, status_of
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.forms import NewProjectForm, UploadForm
from zonewarden.web.pages.heatmap import cells
from zonewarden.web.pages.lint import summary as lint_summary
from zonewarden.web.pages.responses import attachment, page_context
from zonewarden.web.pages.risk import summary as risk_summary
from zonewarden.web.permissions import Right, projects_of
from zonewarden.web.repositories.blobs import UploadRefused
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.edits import EditError, NotFound
from zonewarden.web.repositories.projects import (
    create_project,
    export_text,
    new_project,
    parse_upload,
)
from zonewarden.web.repositories.results import cached

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORT_TYPES = {
    "html": ("text/html", "HTML report"),
    "pdf": ("application/pdf", "PDF report (A4)"),
    "xlsx": (XLSX, "Workbook (XLSX)"),
    "svg": ("image/svg+xml", "Diagram (SVG)"),
    "drawio": ("application/xml", "Diagram (draw.io)"),
    "json": ("application/json", "Report data (JSON)"),
}
EXPORT_TYPES = {"yaml": "application/yaml", "json": "application/json"}


def read_upload(form: UploadForm, request: HttpRequest) -> tuple[bytes, str]:
    """The bytes and name of an uploaded project file (bounded in size)."""
    upload = request.FILES.get("file")
    if upload is None:
        raise EditError("file: choose a project file to upload")
    limit = int(settings.ZONEWARDEN_MAX_UPLOAD_BYTES)
    if upload.size is not None and upload.size > limit:
        raise UploadRefused(f"the file is larger than the limit of {limit:,} bytes", 413)
    return upload.read(limit + 1), upload.name or "project.yaml"


def _list_page(
    request: HttpRequest,
    new_form: NewProjectForm | None = None,
    upload_form: UploadForm | None = None,
    status: int = 200,
) -> HttpResponse:
    catalog, as_of = default_catalog(), timezone.localdate()
    rows = []
    for project, role in projects_of(request.user):
        overall = cached(
            project, as_of, "status", lambda p=project: project_status(domain_of(p), catalog, as_of)
        )["overall"]
        rows.append({"project": project, "role": role, "overall": overall})
    context = {
        "rows": rows,
        "as_of": as_of,
        "new_form": new_form or NewProjectForm(),
        "upload_form": upload_form or UploadForm(),
    }
    return render(request, "zonewarden/project_list.html", context, status=status)


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    """The user's projects with their role, overall score and zones meeting their target."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    return _list_page(request)


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    """Create an empty project; its creator becomes its owner."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = NewProjectForm(request.POST)
    form.is_valid()
    try:
        project = new_project(
            request.user, form.cleaned_data.get("key", ""), form.cleaned_data.get("name", "")
        )
    except REFUSALS as error:
        form.show_refusal(_without_prefix(str(error)))
        return _list_page(request, new_form=form, status=status_of(error))
    messages.success(request, f"Project {project.name} created: add its zones next.")
    return redirect("project-overview", pk=project.pk)


def _without_prefix(message: str) -> str:
    """``project:1:47: project.id: ...`` -> ``project.id: ...`` (the user typed no file)."""
    return "\n".join(re.sub(r"^project(?::\d+)*: ", "", line) for line in message.splitlines())


@login_required
def project_import_new(request: HttpRequest) -> HttpResponse:
    """Import a project file (YAML or JSON) as a new project owned by the user."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = UploadForm(request.POST, request.FILES)
    try:
        content, name = read_upload(form, request)
        project = create_project(request.user, parse_upload(content, name))
    except REFUSALS as error:
        form.add_error("file", str(error))
        return _list_page(request, upload_form=form, status=status_of(error))
    messages.success(request, f"Project {project.name} imported from {name}.")
    return redirect("project-overview", pk=project.pk)


# Above this many zones and conduits the overview links to the diagram instead of drawing it
# (laying out a portfolio of thousands of zones takes minutes and is unreadable on a screen).
INLINE_DIAGRAM_LIMIT = 150
# Heat map rows per page: a portfolio of thousands of zones is read a page at a time.
HEAT_MAP_PAGE = 100


@project_page(Right.READ, shared=True)
def project_overview(request: HttpRequest, here: Here) -> HttpResponse:
    """Overall score, gaps by severity, the SL-A/SL-T heat map, the diagram, downloads."""
    from zonewarden.reports.diagram import render_svg

    project, as_of = here.project, here.as_of
    model = cached(project, as_of, "report", lambda: build_report(here.domain, here.catalog, as_of))
    status = cached(project, as_of, "status", lambda: status_document(model.evaluation))
    targets = len(model.zones)  # zones and conduits
    diagram = None
    if model.zones and targets <= INLINE_DIAGRAM_LIMIT:
        # the renderer escapes every text it draws (reports/text.py)
        diagram = mark_safe(cached(project, as_of, "svg", lambda: render_svg(model)))
    gaps_url = reverse("gap-list", args=[here.project.pk])
    heat = Paginator(status["zones"], HEAT_MAP_PAGE).get_page(request.GET.get("page"))
    rows = [{**zone, "cells": cells(zone["sl_achieved"], zone["sl_target"])} for zone in heat]
    context = page_context(
        here,
        "overview",
        status=status,
        overall=model.overall,
        conclusion=model.conclusion,
        rows=rows,
        heat=heat,
        heat_previous=heat.has_previous() and here.query(page=heat.number - 1),
        heat_next=heat.has_next() and here.query(page=heat.number + 1),
        by_severity=[
            (severity, count, gaps_url + here.query(severity=severity))
            for severity, count in model.overall.gaps_by_severity.items()
        ],
        frs=[(int(fr), fr.title) for fr in FR],
        diagram=diagram,
        diagram_too_large=bool(model.zones) and diagram is None,
        reports=[(fmt, REPORT_TYPES[fmt][1]) for fmt in FORMATS],
        info=here.domain,
        lint_summary=lint_summary(here),
        risk_summary=risk_summary(here),
    )
    return render(request, "zonewarden/project_overview.html", context)


def _file_name(here: Here, name: str) -> str:
    return f"{slugify(here.project.key) or 'project'}-{name}"


@project_page(Right.READ)
def project_export(request: HttpRequest, here: Here, fmt: str) -> HttpResponse:
    """The project file (YAML or JSON), canonical and lossless, as a download."""
    if fmt not in EXPORT_TYPES:
        raise NotFound(f"export format {fmt!r}: expected yaml or json")
    text = export_text(here.project, fmt)
    return attachment(text, f"{slugify(here.project.key) or 'project'}.{fmt}", EXPORT_TYPES[fmt])


@project_page(Right.READ)
def project_report(request: HttpRequest, here: Here, fmt: str) -> HttpResponse:
    """A deliverable (HTML, PDF, XLSX, SVG, draw.io, JSON) as a download."""
    if fmt not in FORMATS:
        raise NotFound(f"report format {fmt!r}: expected one of {', '.join(FORMATS)}")
    model = build_report(here.domain, here.catalog, here.as_of)
    content: str | bytes
    if fmt == "pdf":
        from zonewarden.reports.pdf import render_pdf

        content = render_pdf(model)
    elif fmt == "xlsx":
        content = _xlsx(model)
    else:
        content = render_text(model, fmt)
    return attachment(content, _file_name(here, FILE_NAMES[fmt]), REPORT_TYPES[fmt][0])


def _xlsx(model: Any) -> bytes:
    from zonewarden.reports.xlsx import write_xlsx

    with tempfile.TemporaryDirectory(prefix="zonewarden-report-") as folder:
        path = Path(folder) / "report.xlsx"
        write_xlsx(model, path)
        return path.read_bytes()


def project_home(request: HttpRequest) -> HttpResponse:
    """``/``: the project list."""
    return redirect(reverse("project-list"))
