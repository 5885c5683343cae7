"""Importing a project file into an existing project (owner only): upload, preview what would
be added, removed and changed, then apply. The preview carries the project's revision: if the
project changed in between, applying is refused (HTTP 409) and a fresh preview is shown."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from zonewarden.web.errors import REFUSALS, status_of
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.forms import UploadForm
from zonewarden.web.pages.projects import read_upload
from zonewarden.web.pages.responses import page_context, plural
from zonewarden.web.permissions import Right
from zonewarden.web.repositories.edits import Conflict, EditError
from zonewarden.web.repositories.projects import (
    Changes,
    apply_import,
    parse_upload,
    preview_import,
)

SECTION_TITLES = {
    "zones": "Zones",
    "conduits": "Conduits",
    "assets": "Assets",
    "evidence": "Evidence",
    "assessments": "Assessments",
    "actions": "Remediation actions",
}


def _upload_page(
    request: HttpRequest, here: Here, form: UploadForm, status: int = 200
) -> HttpResponse:
    context = page_context(here, "import", form=form)
    return render(request, "zonewarden/import_form.html", context, status=status)


def _sections(changes: Changes) -> list[dict[str, Any]]:
    return [
        {
            "title": title,
            "added": changes.added.get(key, []),
            "removed": changes.removed.get(key, []),
            "changed": changes.changed.get(key, []),
        }
        for key, title in SECTION_TITLES.items()
        if key in changes.added or key in changes.removed or key in changes.changed
    ]


def _preview_page(
    request: HttpRequest,
    here: Here,
    text: str,
    name: str,
    status: int = 200,
    error: str | None = None,
) -> HttpResponse:
    changes = preview_import(here.project, parse_upload(text, name))
    counts = {
        "added": sum(len(v) for v in changes.added.values()),
        "removed": sum(len(v) for v in changes.removed.values()),
        "changed": sum(len(v) for v in changes.changed.values()),
    }
    context = page_context(
        here,
        "import",
        changes=changes,
        sections=_sections(changes),
        counts=counts,
        text=text,
        name=name,
        revision=here.project.revision,
        error=error,
    )
    return render(request, "zonewarden/import_preview.html", context, status=status)


@project_page(Right.MANAGE, methods=("GET", "POST"))
def project_import(request: HttpRequest, here: Here) -> HttpResponse:
    """GET: the upload form; POST: the preview of what the file would change."""
    if request.method == "GET":
        return _upload_page(request, here, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    try:
        content, name = read_upload(form, request)
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise EditError(f"{name}: not UTF-8 text (byte {error.start})") from None
        return _preview_page(request, here, text, name)
    except REFUSALS as error:
        form.add_error("file", str(error))
        return _upload_page(request, here, form, status_of(error))


@project_page(Right.MANAGE, methods=("POST",))
def project_import_apply(request: HttpRequest, here: Here) -> HttpResponse:
    """Replace the project's content by the previewed file, if the project did not change."""
    text, name = request.POST.get("text", ""), request.POST.get("name", "") or "project.yaml"
    revision_text = request.POST.get("revision", "")
    revision = int(revision_text) if revision_text.isdigit() else None
    if revision is None:
        return _preview_page(
            request, here, text, name, 400, "revision: missing; upload the file again"
        )
    try:
        changes = apply_import(here.project.pk, here.actor, parse_upload(text, name), revision)
    except Conflict as error:
        here.reload()
        return _preview_page(request, here, text, name, 409, str(error))
    except REFUSALS as error:
        form = UploadForm()
        form.add_error("file", str(error))
        return _upload_page(request, here, form, status_of(error))
    done = ", ".join(
        plural(sum(len(v) for v in getattr(changes, part).values()), "item") + f" {part}"
        for part in ("added", "removed", "changed")
    )
    messages.success(request, f"Imported {name}: {done}.")
    return redirect("project-overview", pk=here.project.pk)
