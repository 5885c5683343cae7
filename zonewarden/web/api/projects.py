"""Projects: the user's list, create an empty one, import a project file as a new project or
into an existing one (preview, then apply), read and replace the project section, delete, and
export the project file (canonical YAML or JSON, the same bytes as ``zonewarden convert``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from zonewarden.catalog.loader import default_catalog
from zonewarden.services.status import project_status
from zonewarden.web.api import inputs, records, schemas
from zonewarden.web.api.auth import actor, user_of
from zonewarden.web.api.downloads import download_headers
from zonewarden.web.permissions import Right, project_for, projects_of
from zonewarden.web.repositories import edits, projects
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.results import cached

router = Router(tags=["projects"])
ONE = "/projects/{project_id}"
PROJECT_FILE_TYPES = ("application/yaml", "text/yaml", "application/json")
EXPORT_TYPES = {"yaml": "application/yaml; charset=utf-8", "json": "application/json"}


@router.get(
    "/projects",
    response={200: list[schemas.ProjectSummary], 401: schemas.Detail},
    operation_id="list_projects",
    summary="The projects you are a member of, with your role and today's results",
)
def list_projects(request: HttpRequest) -> Any:
    catalog, day = default_catalog(), inputs.today()
    listed = []
    for project, role in projects_of(user_of(request)):
        overall = cached(
            project, day, "status", lambda p=project: project_status(domain_of(p), catalog, day)
        )["overall"]
        listed.append(
            {
                "id": project.pk,
                "key": project.key,
                "name": project.name,
                "role": role,
                "revision": project.revision,
                "score": overall["score"],
                "targets_met": overall["targets_met"],
                "targets": overall["targets"],
                "gaps": overall["gaps"],
            }
        )
    return listed


@router.post(
    "/projects",
    response={201: schemas.ProjectCreated, **schemas.ERRORS},
    operation_id="create_project",
    summary="Create an empty project; you become its owner",
    openapi_extra=schemas.small_body(
        "ProjectCreate",
        {"id": "the project's id (a slug)", "name": "the project's name"},
        "The new project's id and name.",
    ),
)
def create_project(request: HttpRequest) -> Any:
    body = inputs.json_object(request)
    inputs.only_keys(body, ("id", "name"))
    key, name = inputs.text_field(body, "id"), inputs.text_field(body, "name")
    project = projects.new_project(user_of(request), key, name)
    return Status(
        201, {"id": project.pk, "key": project.key, "name": project.name, "role": "owner"}
    )


@router.post(
    "/projects/import",
    response={201: schemas.ProjectImported, **schemas.ERRORS},
    operation_id="import_project",
    summary="Create a project from a project file (YAML or JSON); you become its owner",
    openapi_extra=schemas.file_body(PROJECT_FILE_TYPES, "A whole project file."),
)
def import_project(request: HttpRequest, name: str | None = None) -> Any:
    data = inputs.upload(request)
    domain = projects.parse_upload(data, inputs.upload_name(request, name))
    project = projects.create_project(user_of(request), domain)
    return Status(201, {"id": project.pk, "key": project.key, "name": project.name})


@router.get(
    ONE,
    response={200: schemas.ProjectDetail, **schemas.ERRORS},
    operation_id="get_project",
    summary="The project section, the rules, your role, the revision and the version",
)
def get_project(request: HttpRequest, project_id: str) -> Any:
    project, role = project_for(user_of(request), project_id, Right.READ)
    return records.project_detail(project, role)


@router.put(
    ONE,
    response={200: schemas.ProjectDetail, **schemas.WRITE_ERRORS},
    operation_id="update_project",
    summary="Replace the project section and the rules (owner; send the version you read)",
    openapi_extra=schemas.project_body(),
)
def update_project(request: HttpRequest, project_id: str) -> Any:
    project, role = project_for(user_of(request), project_id, Right.MANAGE)
    body = inputs.json_object(request)
    inputs.only_keys(body, ("project", "rules", "version"))
    version = inputs.take_version(body)
    if "project" not in body:
        raise edits.EditError("project: required (the project section)")
    rules = body.get("rules", project.rules)  # absent: unchanged; null: removed
    try:
        edits.update_project_info(project.pk, actor(request), body["project"], rules, version)
    except edits.Conflict as error:
        error.current = records.project_detail(records.fresh(project), role)
        raise
    return records.project_detail(records.fresh(project), role)


@router.delete(
    ONE,
    response={204: None, **schemas.ERRORS},
    operation_id="delete_project",
    summary="Delete the project (owner); its files go unless another project uses them",
)
def delete_project(request: HttpRequest, project_id: str) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.MANAGE)
    projects.delete_project(project.pk, actor(request))
    return Status(204, None)


@router.post(
    ONE + "/import",
    response={200: schemas.ImportChanges, **schemas.WRITE_ERRORS},
    operation_id="import_into_project",
    summary="Replace the project's content by a project file: ?apply=false previews the "
    "changes, ?apply=true&revision=N (the previewed revision) applies them (owner)",
    openapi_extra=schemas.file_body(PROJECT_FILE_TYPES, "A whole project file."),
)
def import_into_project(
    request: HttpRequest,
    project_id: str,
    apply: bool = False,
    revision: int | None = None,
    name: str | None = None,
) -> Any:
    project, role = project_for(user_of(request), project_id, Right.MANAGE)
    domain = projects.parse_upload(inputs.upload(request), inputs.upload_name(request, name))
    if not apply:
        changes = projects.preview_import(project, domain)
        return {"changes": changes.as_dict(), "revision": project.revision}
    if revision is None:
        raise edits.EditError(
            "revision: required with apply=true (the revision the preview showed)"
        )
    try:
        changes = projects.apply_import(project.pk, actor(request), domain, revision)
    except edits.Conflict as error:
        error.current = records.project_detail(records.fresh(project), role)
        raise
    return {"changes": changes.as_dict(), "revision": records.fresh(project).revision}


@router.get(
    ONE + "/export",
    response={200: str, **schemas.ERRORS},
    operation_id="export_project",
    summary="The project file, canonical (?format=yaml or json), as `zonewarden convert` writes it",
)
def export_project(request: HttpRequest, project_id: str, format: str = "yaml") -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    text = projects.export_text(project, format)
    response = HttpResponse(text.encode("utf-8"), content_type=EXPORT_TYPES[format])
    return download_headers(response, f"{project.key}.{format}")
