"""Create, edit and delete pages shared by zones, conduits, assets and evidence items.

Every change goes through :mod:`zonewarden.web.repositories.edits` with the version the form
was loaded with: a stale version shows the current value next to the user's (HTTP 409) instead
of overwriting it; a refused value shows the service's message next to its field (HTTP 400).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from zonewarden.web.errors import REFUSALS, status_of
from zonewarden.web.pages import records
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.forms import ITEM_FORMS, EvidenceFileForm, ItemForm
from zonewarden.web.pages.responses import page_context, plural
from zonewarden.web.permissions import Right
from zonewarden.web.repositories.edits import (
    Conflict,
    NotFound,
    create_item,
    delete_item,
    update_item,
)


@dataclass(frozen=True, slots=True)
class Section:
    """How the pages name one list section of the project file."""

    key: str  # zones | conduits | assets | evidence
    noun: str  # zone | conduit | asset | evidence
    title: str  # Zones ...
    label: str  # "Zone", shown in headings


SECTIONS = {
    "zones": Section("zones", "zone", "Zones", "Zone"),
    "conduits": Section("conduits", "conduit", "Conduits", "Conduit"),
    "assets": Section("assets", "asset", "Assets", "Asset"),
    "evidence": Section("evidence", "evidence", "Evidence", "Evidence item"),
}


def list_url(here: Here, section: str) -> str:
    return reverse(f"{SECTIONS[section].noun}-list", args=[here.project.pk])


def make_form(here: Here, section: str, data: Any = None, **kwargs: Any) -> ItemForm:
    """The form of a section; conduits and assets choose among the project's zones."""
    extra: dict[str, Any] = {}
    if section in ("conduits", "assets"):
        extra["zones"] = [(z.id, z.name) for z in here.domain.zones]
    return ITEM_FORMS[section](data, **extra, **kwargs)


def _stored(here: Here, section: str, key: str) -> records.Row:
    found = records.row(here.project, section, key)
    if found is None:
        raise NotFound(f"{SECTIONS[section].noun} {key!r}: not found")
    return found


def form_page(
    request: HttpRequest,
    here: Here,
    section: str,
    form: ItemForm,
    key: str | None = None,
    status: int = 200,
    conflict: dict[str, Any] | None = None,
    upload_form: EvidenceFileForm | None = None,
) -> HttpResponse:
    """The create or edit page of an item, with any refusal or conflict shown in it."""
    context = page_context(
        here,
        section,
        kind=SECTIONS[section],
        form=form,
        key=key,
        conflict=conflict,
        list_url=list_url(here, section),
    )
    if section == "evidence" and key is not None:
        context["file"] = records.evidence_files(here.project).get(key)
        row = records.row(here.project, section, key)
        context["upload_form"] = upload_form or EvidenceFileForm(
            initial={"version": row.version if row else None}
        )
    return render(request, "zonewarden/item_form.html", context, status=status)


def _conflict(form: ItemForm, error: Conflict) -> dict[str, Any]:
    """The current value of a changed item, field by field, to show beside the user's."""
    if not error.current:
        return {"message": str(error), "deleted": True, "fields": []}
    values = type(form).initial_from(error.current["data"], error.current["version"])
    fields = []
    for name, field in form.fields.items():
        if name == "version" or name not in values:
            continue
        value = values[name]
        if isinstance(value, bool):
            value = "yes" if value else "no"
        fields.append((field.label or name.replace("_", " ").capitalize(), value or "—"))
    return {"message": str(error), "deleted": False, "fields": fields, "version": error.version}


def _rebound(
    here: Here, section: str, request: HttpRequest, version: int | None, **kw: Any
) -> ItemForm:
    """The user's values again, now carrying the current version (saving replaces it)."""
    data = request.POST.copy()
    data["version"] = "" if version is None else str(version)
    form = make_form(here, section, data, **kw)
    form.is_valid()
    return form


@project_page(Right.EDIT, methods=("GET", "POST"))
def item_create(request: HttpRequest, here: Here, section: str) -> HttpResponse:
    """Add a zone, conduit, asset or evidence item."""
    if request.method == "GET":
        return form_page(request, here, section, make_form(here, section))
    form = make_form(here, section, request.POST)
    if not form.is_valid():
        return form_page(request, here, section, form, status=400)
    data = form.to_data()
    try:
        create_item(here.project.pk, here.actor, section, data)
    except REFUSALS as error:
        form.show_refusal(str(error))
        return form_page(request, here, section, form, status=status_of(error))
    messages.success(request, f"{SECTIONS[section].label} {data['id']} created.")
    return redirect(list_url(here, section))


@project_page(Right.EDIT, methods=("GET", "POST"))
def item_edit(request: HttpRequest, here: Here, section: str, key: str) -> HttpResponse:
    """Change an item's fields (not its id); the hidden version guards against lost updates."""
    if request.method == "GET":
        stored = _stored(here, section, key)
        initial = ITEM_FORMS[section].initial_from(stored.data, stored.version)
        form = make_form(here, section, initial=initial, editing=True)
        return form_page(request, here, section, form, key)
    form = make_form(here, section, request.POST, initial={"id": key}, editing=True)
    if not form.is_valid():
        return form_page(request, here, section, form, key, status=400)
    try:
        update_item(
            here.project.pk, here.actor, section, key, form.to_data(), form.cleaned_data["version"]
        )
    except Conflict as error:
        form = _rebound(here, section, request, error.version, initial={"id": key}, editing=True)
        conflict = _conflict(form, error)
        return form_page(request, here, section, form, key, status=409, conflict=conflict)
    except REFUSALS as error:
        form.show_refusal(str(error))
        return form_page(request, here, section, form, key, status=status_of(error))
    messages.success(request, f"{SECTIONS[section].label} {key} saved.")
    return redirect(list_url(here, section))


def consequences(here: Here, section: str, key: str) -> dict[str, Any]:
    """What goes with an item when it is deleted (each line with the ids it covers), and what
    still refers to it (the service refuses the deletion until that is moved or deleted)."""
    domain = here.domain
    goes: list[dict[str, Any]] = []
    blocks: list[str] = []
    if section in ("zones", "conduits"):
        recorded = list(domain.assessments_of(key))
        if recorded:
            goes.append({"text": plural(len(recorded), "assessment"), "ids": recorded})
    if section == "zones":
        blocks += [f"asset {a.id} ({a.name})" for a in domain.assets if a.zone == key]
        blocks += [f"conduit {c.id} ({c.label()})" for c in domain.conduits if key in c.zones]
    if section == "evidence":
        blocks += [
            f"assessment of {rid} in {target}"
            for target, entries in domain.assessments.items()
            for rid, entry in entries.items()
            if key in entry.evidence
        ]
        file = records.evidence_files(here.project).get(key)
        if file is not None:
            goes.append({"text": f"the uploaded file {file.name} ({file.size:,} bytes)"})
    return {"goes": goes, "blocks": blocks}


def _delete_page(
    request: HttpRequest,
    here: Here,
    section: str,
    stored: records.Row,
    status: int = 200,
    error: str | None = None,
) -> HttpResponse:
    context = page_context(
        here,
        section,
        kind=SECTIONS[section],
        item=stored,
        name=stored.data.get("name") or stored.data.get("title") or "",
        error=error,
        list_url=list_url(here, section),
        **consequences(here, section, stored.key),
    )
    return render(request, "zonewarden/item_delete.html", context, status=status)


@project_page(Right.EDIT, methods=("GET", "POST"))
def item_delete(request: HttpRequest, here: Here, section: str, key: str) -> HttpResponse:
    """Confirm, then delete an item (a zone or conduit takes its assessments with it)."""
    stored = _stored(here, section, key)
    if request.method == "GET":
        return _delete_page(request, here, section, stored)
    version_text = request.POST.get("version", "")
    version = int(version_text) if version_text.isdigit() else None
    try:
        delete_item(here.project.pk, here.actor, section, key, version)
    except Conflict as error:
        return _delete_page(request, here, section, _stored(here, section, key), 409, str(error))
    except REFUSALS as error:
        return _delete_page(request, here, section, stored, status_of(error), str(error))
    messages.success(request, f"{SECTIONS[section].label} {key} deleted.")
    return redirect(list_url(here, section))
