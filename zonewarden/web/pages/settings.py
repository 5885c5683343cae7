"""A project's settings (owner only): the project section of the file (id, name, organization,
role, description, the system under consideration), and deleting the whole project.

Saving goes through :mod:`zonewarden.web.repositories.edits` with the project version the form
was loaded with: a stale version shows the current values next to the user's (HTTP 409), a
refused value shows the service's message next to its field (HTTP 400). Deleting is confirmed
by typing the project id; a wrong id deletes nothing (HTTP 400).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from zonewarden.web.errors import REFUSALS, status_of
from zonewarden.web.pages import records
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.forms import DeleteProjectForm, ProjectSettingsForm
from zonewarden.web.pages.responses import page_context, plural
from zonewarden.web.permissions import Right
from zonewarden.web.repositories.edits import Conflict, update_project_info
from zonewarden.web.repositories.projects import delete_project, members


def _settings_page(
    request: HttpRequest,
    here: Here,
    form: ProjectSettingsForm,
    status: int = 200,
    conflict: dict[str, Any] | None = None,
) -> HttpResponse:
    context = page_context(
        here,
        "settings",
        form=form,
        conflict=conflict,
        overview_url=reverse("project-overview", args=[here.project.pk]),
    )
    return render(request, "zonewarden/project_settings.html", context, status=status)


def _conflict(form: ProjectSettingsForm, error: Conflict) -> dict[str, Any]:
    """The current project section, field by field, to show beside the user's values."""
    current = error.current or {}
    info = (current.get("data") or {}).get("project") or {}
    values = ProjectSettingsForm.initial_from(info, current.get("version") or 0) if info else {}
    fields = [
        (field.label or name.replace("_", " ").capitalize(), values[name] or "—")
        for name, field in form.fields.items()
        if name != "version" and name in values
    ]
    return {"message": str(error), "fields": fields, "version": error.version}


@project_page(Right.MANAGE, methods=("GET", "POST"))
def project_settings(request: HttpRequest, here: Here) -> HttpResponse:
    """Edit the project section; the rules are kept as they are."""
    if request.method == "GET":
        initial = ProjectSettingsForm.initial_from(here.project.info, here.project.version)
        return _settings_page(request, here, ProjectSettingsForm(initial=initial))
    form = ProjectSettingsForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, here, form, status=400)
    try:
        update_project_info(
            here.project.pk,
            here.actor,
            form.to_data(),
            here.project.rules,
            form.cleaned_data["version"],
        )
    except Conflict as error:
        data = request.POST.copy()  # the user's values, now carrying the current version
        data["version"] = "" if error.version is None else str(error.version)
        form = ProjectSettingsForm(data)
        form.is_valid()
        return _settings_page(request, here, form, 409, _conflict(form, error))
    except REFUSALS as error:
        form.show_refusal(str(error))
        return _settings_page(request, here, form, status_of(error))
    messages.success(request, "Project settings saved.")
    return redirect("project-overview", pk=here.project.pk)


def _delete_page(
    request: HttpRequest, here: Here, form: DeleteProjectForm, status: int = 200
) -> HttpResponse:
    domain = here.domain
    files = records.evidence_files(here.project)
    goes = [
        plural(len(domain.zones), "zone"),
        plural(len(domain.conduits), "conduit"),
        plural(len(domain.assets), "asset"),
        plural(len(domain.evidence), "evidence item"),
        plural(sum(len(entries) for entries in domain.assessments.values()), "assessment"),
        plural(len(members(here.project)), "member") + " (their user accounts stay)",
    ]
    context = page_context(
        here,
        "settings",
        form=form,
        goes=goes,
        files=plural(len(files), "uploaded evidence file"),
        file_count=len(files),
        settings_url=reverse("project-settings", args=[here.project.pk]),
    )
    return render(request, "zonewarden/project_delete.html", context, status=status)


@project_page(Right.MANAGE, methods=("GET", "POST"))
def project_delete(request: HttpRequest, here: Here) -> HttpResponse:
    """Confirm by typing the project id, then delete the project for every member."""
    key, name = here.project.key, here.project.name
    if request.method == "GET":
        return _delete_page(request, here, DeleteProjectForm(key=key))
    form = DeleteProjectForm(request.POST, key=key)
    form.is_valid()
    typed = form.cleaned_data.get("confirm", "")
    if typed != key:
        shown = f"you typed {typed[:80]!r}" if typed else "nothing was typed"
        form.add_error("confirm", f"type the project id {key} exactly to delete it ({shown})")
        return _delete_page(request, here, form, 400)
    try:
        delete_project(here.project.pk, here.actor)
    except REFUSALS as error:
        form.add_error(None, str(error))
        return _delete_page(request, here, form, status_of(error))
    messages.success(request, f"Project {name} ({key}) deleted.")
    return redirect("project-list")
