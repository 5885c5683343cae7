"""The endpoints shared by the project file's list sections (zones, conduits, assets,
evidence): list, create, read, replace and delete one object, each a short adapter over
:mod:`zonewarden.web.repositories.edits`.

A write sends the object's fields and the ``version`` it read (PUT body, DELETE ``?version=``);
a stale version gets 409 with the object as it is now.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from zonewarden.web.api import inputs, records, schemas
from zonewarden.web.api.auth import actor, user_of
from zonewarden.web.permissions import Right, project_for
from zonewarden.web.repositories import edits

#: fields shown by the API that a write does not set
READ_ONLY = {"evidence": ("file",)}


def item_router(section: str) -> Router:
    """A router with the five endpoints of one section, under /projects/{project_id}/SECTION."""
    noun = edits.SINGULAR[section]
    router = Router(tags=[section])
    base = f"/projects/{{project_id}}/{section}"
    one = base + "/{key}"
    read_only = READ_ONLY.get(section, ())

    def conflict(error: edits.Conflict, project: Any, key: str) -> edits.Conflict:
        error.current = records.item_or_none(project, section, key)
        return error

    @router.get(
        base,
        response={200: list[dict[str, Any]], **schemas.ERRORS},
        operation_id=f"list_{section}",
        url_name=f"api-{section}",
        summary=f"List the {section} (file order)",
    )
    def list_items(request: HttpRequest, project_id: str) -> Any:
        project, _ = project_for(user_of(request), project_id, Right.READ)
        return records.items(project, section)

    @router.post(
        base,
        response={201: dict[str, Any], **schemas.ERRORS},
        operation_id=f"create_{noun}",
        summary=f"Add a {noun} at the end of its section",
        openapi_extra=schemas.item_body(section, required=False),
    )
    def create_item(request: HttpRequest, project_id: str) -> Any:
        project, _ = project_for(user_of(request), project_id, Right.EDIT)
        body = inputs.json_object(request)
        inputs.take_version(body, *read_only)
        created = edits.create_item(project.pk, actor(request), section, body)
        return Status(201, records.item(project, section, created["data"]["id"]))

    @router.get(
        one,
        response={200: dict[str, Any], **schemas.ERRORS},
        operation_id=f"get_{noun}",
        url_name=f"api-{noun}",
        summary=f"One {noun}: its fields and version",
    )
    def get_item(request: HttpRequest, project_id: str, key: str) -> Any:
        project, _ = project_for(user_of(request), project_id, Right.READ)
        return records.item(project, section, inputs.object_key(key, noun))

    @router.put(
        one,
        response={200: dict[str, Any], **schemas.WRITE_ERRORS},
        operation_id=f"update_{noun}",
        summary=f"Replace a {noun}'s fields (send the version you read)",
        openapi_extra=schemas.item_body(section, required=True),
    )
    def update_item(request: HttpRequest, project_id: str, key: str) -> Any:
        project, _ = project_for(user_of(request), project_id, Right.EDIT)
        key = inputs.object_key(key, noun)
        body = inputs.json_object(request)
        version = inputs.take_version(body, *read_only)
        try:
            edits.update_item(project.pk, actor(request), section, key, body, version)
        except edits.Conflict as error:
            raise conflict(error, project, key) from None
        return records.item(project, section, key)

    @router.delete(
        one,
        response={204: None, **schemas.WRITE_ERRORS},
        operation_id=f"delete_{noun}",
        summary=f"Delete a {noun} (?version= the version you read)",
    )
    def delete_item(
        request: HttpRequest, project_id: str, key: str, version: int | None = None
    ) -> Any:
        project, _ = project_for(user_of(request), project_id, Right.EDIT)
        key = inputs.object_key(key, noun)
        try:
            edits.delete_item(project.pk, actor(request), section, key, inputs.version_of(version))
        except edits.Conflict as error:
            raise conflict(error, project, key) from None
        return Status(204, None)

    return router
