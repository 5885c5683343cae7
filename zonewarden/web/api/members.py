"""Members of a project and their roles: everybody in the project sees the list; only an owner
(the manage right) adds, changes or removes members. A project keeps at least one owner."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from zonewarden.web.api import inputs, schemas
from zonewarden.web.api.auth import actor, user_of
from zonewarden.web.models.projects import MEMBER_ROLES
from zonewarden.web.permissions import Right, project_for
from zonewarden.web.repositories import projects

router = Router(tags=["members"])
BASE = "/projects/{project_id}/members"


@router.get(
    BASE,
    response={200: list[schemas.Member], **schemas.ERRORS},
    operation_id="list_members",
    summary="The project's members and their roles",
)
def list_members(request: HttpRequest, project_id: str) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    return projects.members(project)


@router.post(
    BASE,
    response={200: schemas.Member, **schemas.ERRORS},
    operation_id="set_member",
    summary="Add a member, or change a member's role",
    openapi_extra=schemas.small_body(
        "MemberWrite",
        {"user": "user name", "role": f"one of {', '.join(MEMBER_ROLES)}"},
        "Who, and in which role.",
    ),
)
def set_member(request: HttpRequest, project_id: str) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.MANAGE)
    body = inputs.json_object(request)
    inputs.only_keys(body, ("user", "role"))
    name = inputs.user_name(inputs.text_field(body, "user"))
    return projects.set_member(project.pk, actor(request), name, inputs.text_field(body, "role"))


@router.delete(
    BASE + "/{user}",
    response={204: None, **schemas.ERRORS},
    operation_id="remove_member",
    summary="Remove a member from the project",
)
def remove_member(request: HttpRequest, project_id: str, user: str) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.MANAGE)
    projects.remove_member(project.pk, actor(request), inputs.user_name(user))
    return Status(204, None)
