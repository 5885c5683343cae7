"""Evidence: the list (with what cites each item and its uploaded file), uploading a file, and
downloading it (roles with the download right only; always as an attachment)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from zonewarden.web.errors import REFUSALS, status_of
from zonewarden.web.pages import records
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.assessments import anchor_of
from zonewarden.web.pages.forms import EvidenceFileForm, EvidenceForm
from zonewarden.web.pages.items import form_page, make_form
from zonewarden.web.pages.responses import attachment_stream, page_context
from zonewarden.web.permissions import Right
from zonewarden.web.repositories.blobs import UploadRefused
from zonewarden.web.repositories.edits import Conflict, EditError, NotFound
from zonewarden.web.repositories.evidence_files import attach_file, open_file


@project_page(Right.READ)
def evidence_list(request: HttpRequest, here: Here) -> HttpResponse:
    """Every evidence item: kind, dates (expired ones marked), file, and the assessments citing
    it."""
    cited: dict[str, list[tuple[str, str, str]]] = {}
    for target, entries in here.domain.assessments.items():
        for rid, entry in entries.items():
            for eid in entry.evidence:
                cited.setdefault(eid, []).append((target, rid, anchor_of(rid)))
    files = records.evidence_files(here.project)
    rows = [
        {
            "item": e,
            "expired": e.expired(here.as_of),
            "file": files.get(e.id),
            "cited": cited.get(e.id, []),
        }
        for e in here.domain.evidence
    ]
    context = page_context(here, "evidence", rows=rows)
    return render(request, "zonewarden/evidence_list.html", context)


def _edit_page(
    request: HttpRequest, here: Here, key: str, upload_form: EvidenceFileForm, status: int
) -> HttpResponse:
    stored = records.row(here.project, "evidence", key)
    if stored is None:
        raise NotFound(f"evidence {key!r}: not found")
    initial = EvidenceForm.initial_from(stored.data, stored.version)
    form = make_form(here, "evidence", initial=initial, editing=True)
    return form_page(request, here, "evidence", form, key, status, upload_form=upload_form)


@project_page(Right.EDIT, methods=("POST",))
def evidence_upload(request: HttpRequest, here: Here, key: str) -> HttpResponse:
    """Attach an uploaded file to an evidence item (replacing an earlier one)."""
    form = EvidenceFileForm(request.POST, request.FILES)
    form.is_valid()
    upload = request.FILES.get("file")
    version = form.cleaned_data.get("version")
    try:
        if upload is None:
            raise EditError("file: choose a file to upload")
        limit = int(settings.ZONEWARDEN_MAX_UPLOAD_BYTES)
        if upload.size is not None and upload.size > limit:
            raise UploadRefused(f"the file is larger than the limit of {limit:,} bytes", 413)
        result = attach_file(here.project.pk, here.actor, key, upload, upload.name or "", version)
    except Conflict as error:
        form = EvidenceFileForm(initial={"version": error.version})
        form.add_error(None, str(error))
        return _edit_page(request, here, key, form, 409)
    except REFUSALS as error:
        form.add_error("file", str(error))
        return _edit_page(request, here, key, form, status_of(error))
    size = f"{result['size']:,} bytes"
    messages.success(request, f"File {result['file']} ({size}) attached to {key}.")
    return redirect(reverse("evidence-list", args=[here.project.pk]))


@project_page(Right.DOWNLOAD_EVIDENCE)
def evidence_download(request: HttpRequest, here: Here, key: str) -> HttpResponse:
    """The evidence file, checked against its SHA-256, as an attachment."""
    row, chunks = open_file(here.project, key)
    blob = row.blob
    return attachment_stream(  # type: ignore[return-value]
        chunks, row.file_name or key, blob.media_type if blob else "", blob.size if blob else None
    )
