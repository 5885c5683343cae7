"""The evidence bundle for the auditor (issue 7; DOWNLOAD_EVIDENCE right): what the zip will
hold, and the zip itself, written by the CLI's writer from the stored evidence files
(:mod:`zonewarden.web.repositories.bundle`). When files are missing or do not match, the page
lists them instead of serving a bundle that lacks them; the download without them is offered
as a separate, explicit choice (``allow_missing``, as ``bundle --allow-missing``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify

from zonewarden.services.bundle import BundlePlan, size_text
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.certification import TRUE, Linker, context
from zonewarden.web.pages.responses import attachment_stream
from zonewarden.web.permissions import Right
from zonewarden.web.repositories.bundle import StoredFiles, bundle_plan, write_zip


def zip_name(here: Here) -> str:
    return f"{slugify(here.project.key) or 'project'}-evidence-{here.as_of.isoformat()}.zip"


def _page(here: Here, plan: BundlePlan, files: StoredFiles, status: int = 200) -> HttpResponse:
    link = Linker(here)
    can_edit = here.can(Right.EDIT)

    def row(item: Any) -> dict[str, Any]:
        fix = None
        if can_edit and item.state.problem:
            fix = reverse("evidence-edit", args=[here.project.pk, item.id])
        return {
            "id": item.id,
            "title": item.title,
            "state": item.state.value,
            "location": item.location,
            "detail": item.detail,
            "uploaded": item.id in files.uploads,
            "size": None if item.size is None else size_text(item.size),
            "expired": item.expired,
            "expires_on": item.expires_on,
            "member": item.member,
            "fix_url": fix,
        }

    counts = plan.counts()
    context_ = context(
        here,
        "bundle",
        counts=counts,
        scope=link(list(plan.scope)),
        problems=[row(item) for item in plan.problems],
        items=[row(item) for item in plan.items],
        total=size_text(plan.total_size),
        without_file=counts["no file"] + counts["unknown"],
        zip_name=zip_name(here),
        download_query=here.query(),
        anyway_query=here.query(allow_missing=1),
    )
    return render(here.request, "zonewarden/certification_bundle.html", context_, status=status)


@project_page(Right.DOWNLOAD_EVIDENCE)
def bundle_page(request: HttpRequest, here: Here) -> HttpResponse:
    """The scope, the evidence files with their state, what is missing, the download."""
    plan, files = bundle_plan(here.project, here.as_of)
    return _page(here, plan, files)


@project_page(Right.DOWNLOAD_EVIDENCE)
def bundle_zip(request: HttpRequest, here: Here) -> HttpResponse:
    """The bundle zip; with missing files, the page listing them (409) unless ``allow_missing``."""
    allow_missing = request.GET.get("allow_missing", "").lower() in TRUE
    plan, files = bundle_plan(here.project, here.as_of)
    if plan.problems and not allow_missing:
        return _page(here, plan, files, status=409)
    written = write_zip(plan, allow_missing)
    response = attachment_stream(written, zip_name(here), "application/zip", written.size)
    response["Content-Type"] = "application/zip"  # our own archive, not a stored upload
    return response  # type: ignore[return-value]
