"""Shapes of the API's answers (for the OpenAPI document and the answers' validation), and the
request bodies described from the project file's own schema.

Request bodies are read as plain JSON and validated by the services, which use the project
file's pydantic models, so a mistake gets the same message as in a file; here those models only
describe the bodies in ``/api/v1/openapi.json``.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from ninja import Schema
from pydantic import BaseModel, ConfigDict

from zonewarden.project.schema import (
    AssessmentModel,
    ProjectInfoModel,
    RulesModel,
)
from zonewarden.web.repositories.edits import SCHEMAS

#: JSON Schemas of request bodies, merged into the OpenAPI document's components
COMPONENTS: dict[str, Any] = {}
REF = "#/components/schemas/{model}"
VERSION = {"type": "integer", "minimum": 0, "description": "the version you read (no lost updates)"}


def _register(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template=REF)
    for name, definition in schema.pop("$defs", {}).items():
        COMPONENTS.setdefault(name, definition)
    COMPONENTS.setdefault(model.__name__, schema)
    return schema


def json_body(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    """``openapi_extra`` for an operation whose JSON body is ``schema`` (registered as ``name``)."""
    COMPONENTS[name] = schema
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"application/json": {"schema": {"$ref": REF.format(model=name)}}},
        }
    }


def with_version(model: type[BaseModel], name: str, required: bool) -> dict[str, Any]:
    """``openapi_extra`` for a write of one object: its project-file fields plus ``version``."""
    schema = deepcopy(_register(model))
    schema["title"] = name
    schema["properties"] = {**schema.get("properties", {}), "version": VERSION}
    if required:
        schema["required"] = [*schema.get("required", []), "version"]
    schema.pop("additionalProperties", None)  # read-only fields sent back are ignored
    what = "required: the version you read" if required else "ignored"
    return json_body(name, schema, f"The object's fields as in the project file; version {what}.")


def item_body(section: str, required: bool) -> dict[str, Any]:
    noun = section.rstrip("s").capitalize()
    return with_version(SCHEMAS[section], f"{noun}{'Update' if required else 'Create'}", required)


def assessment_body() -> dict[str, Any]:
    return with_version(AssessmentModel, "AssessmentWrite", required=False)


def project_body() -> dict[str, Any]:
    info, rules = _register(ProjectInfoModel), _register(RulesModel)
    return json_body(
        "ProjectUpdate",
        {
            "type": "object",
            "properties": {
                "project": {"$ref": REF.format(model="ProjectInfoModel"), **_doc(info)},
                "rules": {
                    "anyOf": [{"$ref": REF.format(model="RulesModel")}, {"type": "null"}],
                    **_doc(rules),
                },
                "version": VERSION,
            },
            "required": ["project", "version"],
        },
        "The project section and the rules section (absent: unchanged; null: removed).",
    )


def _doc(schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": schema["description"]} if "description" in schema else {}


def small_body(name: str, fields: dict[str, str], description: str) -> dict[str, Any]:
    """``openapi_extra`` for a body of a few required text fields."""
    return json_body(
        name,
        {
            "type": "object",
            "properties": {k: {"type": "string", "description": v} for k, v in fields.items()},
            "required": list(fields),
            "additionalProperties": False,
        },
        description,
    )


def file_body(media_types: tuple[str, ...], description: str) -> dict[str, Any]:
    """``openapi_extra`` for a raw file body (a project file upload)."""
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {t: {"schema": {"type": "string"}} for t in media_types},
        }
    }


def multipart_body() -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "version": VERSION,
                        },
                        "required": ["file"],
                    }
                }
            },
        }
    }


# ---- answers -----------------------------------------------------------------------------------


class Detail(Schema):
    detail: str


class ConflictDetail(Schema):
    detail: str
    current: dict[str, Any] | None


ERRORS: dict[int, type[Schema]] = {
    400: Detail,
    401: Detail,
    403: Detail,
    404: Detail,
    413: Detail,
}
WRITE_ERRORS: dict[int, type[Schema]] = {**ERRORS, 409: ConflictDetail}


class ProjectSummary(Schema):
    id: int
    key: str
    name: str
    role: str
    revision: int
    score: float | None
    targets_met: int
    targets: int
    gaps: int


class ProjectCreated(Schema):
    id: int
    key: str
    name: str
    role: str


class ProjectImported(Schema):
    id: int
    key: str
    name: str


class ProjectDetail(Schema):
    id: int
    key: str
    name: str
    role: str
    revision: int
    version: int
    project: dict[str, Any]
    rules: dict[str, Any] | None


class ImportChanges(Schema):
    changes: dict[str, Any]
    revision: int


class Open(Schema):
    """A document whose fields are listed (spec section 5); more may be added."""

    model_config = ConfigDict(extra="allow")


class StatusOverall(Open):
    score: float | None
    srs_in_score: int
    srs_meeting_target: int
    targets_met: int
    targets: int
    gaps: int


class StatusRow(Open):
    id: str
    type: str
    name: str
    sl_target: list[int]
    sl_achieved: list[int]
    score: float | None
    srs_in_score: int
    srs_meeting_target: int
    gaps: int
    meets_target: bool


class StatusDocument(Open):
    """What ``zonewarden status FILE --format json`` prints."""

    project: str
    as_of: str
    overall: StatusOverall
    zones: list[StatusRow]


class GapRow(Open):
    rank: int
    id: str
    zone: str
    zone_type: str
    requirement: str
    title: str
    fr: int
    min_sl: int
    sl_target: int
    status: str
    severity: str
    priority: int


class GapsDocument(Open):
    """What ``zonewarden gaps FILE --format json`` prints."""

    project: str
    as_of: str
    gaps: list[GapRow]


class RiskStep(Open):
    id: str
    title: str
    state: str
    summary: str
    missing: list[str]


class RiskDocument(Open):
    """What ``zonewarden risk FILE --format json`` prints (``version``, ``tolerable`` null and
    ``scenarios``, ``warnings`` empty without a risk section)."""

    project: str
    as_of: str
    version: str | None
    tolerable: str | None
    steps: list[RiskStep]
    zones: list[dict[str, Any]]
    scenarios: list[dict[str, Any]]
    warnings: list[dict[str, Any]]


class SLTargetDocument(Open):
    """What ``zonewarden explain FILE ZONE --sl-target --format json`` prints."""

    zone: str
    type: str
    as_of: str
    sl_target: list[int]
    derived_sl_target: list[int] | None
    explanation: list[str]


class LintDocument(Open):
    """What ``zonewarden lint FILE --format json`` prints."""

    project: str
    as_of: str
    passed: bool
    strict: bool
    counts: dict[str, int]
    findings: list[dict[str, Any]]
    unused_waivers: list[dict[str, Any]]


class ActionsDocument(Open):
    """What ``zonewarden actions FILE --format json`` prints."""

    project: str
    as_of: str
    actions: list[dict[str, Any]]


class PlanDocument(Open):
    """What ``zonewarden plan FILE --format json`` prints: ``phases[0]`` is today."""

    project: str
    as_of: str
    start: str
    capacity: int
    phases: list[dict[str, Any]]
    not_scheduled: list[dict[str, Any]]


class ChangeDocument(Open):
    """What ``zonewarden change FILE ACTION --format json`` prints."""

    project: str
    action: str
    title: str
    status: str
    finding: dict[str, Any] | None
    changes: list[dict[str, Any]]
    blocking: list[dict[str, Any]]
    can_close: bool


class ReadinessDocument(Open):
    """What ``zonewarden readiness FILE --format json`` prints."""

    project: str
    as_of: str
    certification: dict[str, Any]
    ready: bool
    counts: dict[str, int]
    checklist: list[dict[str, Any]]
    pitfalls: list[dict[str, Any]]


class DueDocument(Open):
    """What ``zonewarden due FILE --format json`` prints: overdue items first."""

    project: str
    as_of: str
    within: str
    until: str
    counts: dict[str, int]
    items: list[dict[str, Any]]


class NonconformitiesDocument(Open):
    """What ``zonewarden nonconformities FILE --format json`` prints."""

    project: str
    as_of: str
    open_only: bool
    counts: dict[str, Any]
    nonconformities: list[dict[str, Any]]


class SnapshotSummary(Schema):
    as_of: str
    score: float | None
    gaps: int
    targets_met: int
    targets: int
    taken_by: str | None
    taken_at: str


class SnapshotTaken(Schema):
    as_of: str
    score: float | None
    gaps: int
    targets_met: int
    targets: int
    replaced: bool


class SnapshotDocument(Open):
    """A ``zonewarden-snapshot/v1`` document, as ``zonewarden snapshot`` writes it."""

    format: str
    project: dict[str, Any]
    as_of: str
    overall: dict[str, Any]
    zones: list[dict[str, Any]]
    evidence: list[dict[str, Any]]


class DiffDocument(Open):
    """What ``zonewarden diff OLD NEW --format json`` prints."""

    project: str
    old: dict[str, Any]
    new: dict[str, Any]
    overall: dict[str, Any]
    added: list[str]
    removed: list[str]
    unchanged: list[str]
    zones: list[dict[str, Any]]


class BundleRefused(Schema):
    detail: str
    problems: list[dict[str, Any]]


class Member(Schema):
    user: str
    role: str


class Attached(Schema):
    id: str
    file: str
    sha256: str
    size: int
    version: int


class AuditRecord(Schema):
    seq: int
    at: str
    actor: str
    action: str
    object_type: str
    object_key: str
    before: Any
    after: Any
    prev_hash: str
    hash: str


class ObligationDone(Schema):
    """An obligation after it was recorded as done: its project-file entry and next due date."""

    obligation: dict[str, Any]
    next_due: str | None
