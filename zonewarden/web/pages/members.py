"""Members of a project: every member sees who has which role; the owner adds members by user
name, changes roles and removes members (a project keeps at least one owner)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from zonewarden.web.errors import REFUSALS, status_of
from zonewarden.web.models.projects import MEMBER_ROLES
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.forms import MemberForm
from zonewarden.web.pages.responses import page_context
from zonewarden.web.permissions import RIGHTS, Right
from zonewarden.web.repositories.projects import members, remove_member, set_member

ROLE_DESCRIPTIONS = {
    "owner": "manages members, imports files, and does everything else",
    "assessor": "edits zones, conduits, assets, assessments and evidence",
    "reviewer": "edits like an assessor and approves compensating countermeasures",
    "viewer": "reads",
    "auditor": "reads, downloads evidence files and reads the audit trail",
}


def _page(
    request: HttpRequest,
    here: Here,
    form: MemberForm | None = None,
    status: int = 200,
    error: str | None = None,
) -> HttpResponse:
    context = page_context(
        here,
        "members",
        members=members(here.project),
        roles=MEMBER_ROLES,
        role_descriptions=[(r, ROLE_DESCRIPTIONS[r], sorted(RIGHTS[r])) for r in MEMBER_ROLES],
        form=form or MemberForm(),
        error=error,
    )
    return render(request, "zonewarden/members.html", context, status=status)


@project_page(Right.READ)
def member_list(request: HttpRequest, here: Here) -> HttpResponse:
    """Who is a member, with which role (forms for the owner)."""
    return _page(request, here)


@project_page(Right.MANAGE, methods=("POST",))
def member_set(request: HttpRequest, here: Here) -> HttpResponse:
    """Add a member, or change a member's role."""
    form = MemberForm(request.POST)
    form.is_valid()
    username = form.cleaned_data.get("username", "")
    role = request.POST.get("role", "")
    try:
        set_member(here.project.pk, here.actor, username, role)
    except REFUSALS as error:
        form.show_refusal(str(error))
        return _page(request, here, form, status_of(error))
    messages.success(request, f"{username} is now {role}.")
    return redirect("member-list", pk=here.project.pk)


@project_page(Right.MANAGE, methods=("POST",))
def member_remove(request: HttpRequest, here: Here) -> HttpResponse:
    """Remove a member (the last owner cannot be removed)."""
    username = request.POST.get("username", "")
    try:
        remove_member(here.project.pk, here.actor, username)
    except REFUSALS as error:
        return _page(request, here, status=status_of(error), error=str(error))
    messages.success(request, f"{username} is no longer a member.")
    if username == here.actor:
        return redirect("project-list")
    return redirect("member-list", pk=here.project.pk)
