"""Versioned writes to a stored project: every change is checked against the whole project (the
same schema and reference checks as a project file), refused with a clear message if invalid,
refused with the current value if based on a stale version (no lost updates), and appended to
the audit trail in the same transaction. Nothing is half-written: a refused write rolls back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import F, Max
from pydantic import BaseModel, ValidationError

from zonewarden.catalog.loader import default_catalog
from zonewarden.domain.projects import Project as DomainProject
from zonewarden.domain.requirements import RequirementIdError, canonical_id
from zonewarden.project.errors import ProjectError, format_path
from zonewarden.project.load import validate_data
from zonewarden.project.messages import describe
from zonewarden.project.schema import (
    AssessmentModel,
    AssetModel,
    ConduitModel,
    EvidenceModel,
    ProjectInfoModel,
    RulesModel,
    ZoneModel,
)
from zonewarden.web import audit
from zonewarden.web.models import Assessment, Project
from zonewarden.web.repositories.documents import (
    CACHE,
    ITEM_MODELS,
    cache_key,
    document_of,
    name_of,
)

SCHEMAS: dict[str, type[BaseModel]] = {
    "zones": ZoneModel,
    "conduits": ConduitModel,
    "assets": AssetModel,
    "evidence": EvidenceModel,
}
SINGULAR = {"zones": "zone", "conduits": "conduit", "assets": "asset", "evidence": "evidence"}


class EditError(Exception):
    """A write refused because of what it asks (HTTP 400); the message names the place."""


class NotFound(Exception):
    """The object named by a write does not exist (HTTP 404)."""


class Refused(Exception):
    """The write needs a right the user's role lacks (HTTP 403)."""


class Conflict(Exception):
    """The write was based on a stale version (HTTP 409); carries the current value."""

    def __init__(self, what: str, version: int | None, current: Any) -> None:
        self.version = version
        self.current = current
        super().__init__(
            f"{what} was changed by someone else since you loaded it"
            + (f" (now version {version})" if version is not None else " (it was deleted)")
            + ": reload, then apply your change again"
        )


Model = TypeVar("Model", bound=BaseModel)


def parse(schema: type[Model], data: Any, where: str) -> Model:
    """``data`` validated by a section of the project file schema, or :class:`EditError`."""
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        problems = []
        for e in error.errors():
            path = format_path(tuple(e["loc"]))
            problems.append(f"{where}.{path}: {describe(e)}" if path else f"{where}: {describe(e)}")
        raise EditError("\n".join(problems)) from None


def stored(model: BaseModel) -> dict[str, Any]:
    """The JSON form of a validated section, as kept in the database."""
    # dates are real dates; pydantic warns spuriously about the plain-validated Date type
    return _compact(model.model_dump(mode="json", exclude_none=True, warnings=False))


def _compact(value: Any) -> Any:
    """Without empty lists and mappings, as the canonical file writes them (so an object reads
    the same whether it was imported or written through the API)."""
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items() if v != [] and v != {}}
    return value


def _commit(
    project_id: int,
    actor: str,
    change: Callable[[Project], tuple[str, str, str, Any, Any]],
) -> DomainProject:
    """Run ``change`` on the locked project, validate the result, bump the revision and append
    the audit entry; all or nothing. ``change`` returns (action, type, key, before, after)."""
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project_id)
        action, object_type, key, before, after = change(project)
        try:
            domain = validate_data(document_of(project), name_of(project), default_catalog())
        except ProjectError as error:
            raise EditError(_without_file_name(str(error), name_of(project))) from None
        Project.objects.filter(pk=project.pk).update(revision=F("revision") + 1)
        project.refresh_from_db(fields=["revision"])
        audit.append(
            project_id=project.pk,
            actor=actor,
            action=action,
            object_type=object_type,
            object_key=key,
            before=before,
            after=after,
        )
        key = cache_key(project)
        transaction.on_commit(lambda: CACHE.put(key, domain))
    return domain


def _without_file_name(message: str, name: str) -> str:
    return "\n".join(line.removeprefix(f"{name}: ") for line in message.splitlines())


def _check_version(what: str, row: Any, version: int | None) -> None:
    if version is None:
        raise EditError(
            f"{what}: 'version' is required to change or delete it (current: {row.version})"
        )
    if row.version != version:
        data = row.data if hasattr(row, "data") else {"project": row.info, "rules": row.rules}
        raise Conflict(what, row.version, {"version": row.version, "data": data})


# ---- zones, conduits, assets, evidence -------------------------------------------------------


def create_item(project_id: int, actor: str, section: str, data: Any) -> dict[str, Any]:
    """Add a zone, conduit, asset or evidence item at the end of its section."""
    noun = SINGULAR[section]
    item = stored(parse(SCHEMAS[section], data, noun))
    model = ITEM_MODELS[section]

    def change(project: Project) -> tuple[str, str, str, Any, Any]:
        if model.objects.filter(project=project, key=item["id"]).exists():
            raise EditError(f"{noun}.id: {item['id']!r} is already used by another {noun}")
        last = model.objects.filter(project=project).aggregate(m=Max("position"))["m"]
        model.objects.create(
            project=project,
            key=item["id"],
            position=(last + 1 if last is not None else 0),
            data=item,
        )
        return "create", noun, item["id"], None, item

    _commit(project_id, actor, change)
    return {"version": 1, "data": item}


def update_item(
    project_id: int, actor: str, section: str, key: str, data: Any, version: int | None
) -> dict[str, Any]:
    """Replace an object's fields; its id cannot change (other objects refer to it)."""
    noun = SINGULAR[section]
    item = stored(parse(SCHEMAS[section], data, noun))
    model = ITEM_MODELS[section]
    if item["id"] != key:
        raise EditError(
            f"{noun}.id: ids cannot be changed ({key!r} -> {item['id']!r}); "
            f"create a new {noun} and delete this one"
        )
    result: dict[str, Any] = {}

    def change(project: Project) -> tuple[str, str, str, Any, Any]:
        row = model.objects.filter(project=project, key=key).first()
        if row is None:
            raise NotFound(f"{noun} {key!r}: not found")
        _check_version(f"{noun} {key!r}", row, version)
        before = row.data
        updated = model.objects.filter(pk=row.pk, version=version).update(
            data=item, version=F("version") + 1
        )
        if not updated:  # pragma: no cover - the row is locked through the project
            raise Conflict(f"{noun} {key!r}", None, None)
        result.update(version=row.version + 1, data=item)
        return "update", noun, key, before, item

    _commit(project_id, actor, change)
    return result


def delete_item(project_id: int, actor: str, section: str, key: str, version: int | None) -> None:
    """Delete an object; a zone takes its assessments with it, and is refused while assets or
    conduits still refer to it; evidence is refused while assessments cite it."""
    noun = SINGULAR[section]
    model = ITEM_MODELS[section]

    def change(project: Project) -> tuple[str, str, str, Any, Any]:
        row = model.objects.filter(project=project, key=key).first()
        if row is None:
            raise NotFound(f"{noun} {key!r}: not found")
        _check_version(f"{noun} {key!r}", row, version)
        removed: Any = row.data
        if section in ("zones", "conduits"):
            assessments = Assessment.objects.filter(project=project, target=key)
            removed = {
                "data": row.data,
                "assessments": dict(assessments.values_list("requirement", "data")),
            }
            assessments.delete()
        row.delete()
        return "delete", noun, key, removed, None

    _commit(project_id, actor, change)


def update_project_info(
    project_id: int, actor: str, info: Any, rules: Any, version: int | None
) -> dict[str, Any]:
    """Replace the project section (and the rules section)."""
    section = stored(parse(ProjectInfoModel, info, "project"))
    rules_section = None if rules is None else stored(parse(RulesModel, rules, "rules"))
    result: dict[str, Any] = {}

    def change(project: Project) -> tuple[str, str, str, Any, Any]:
        _check_version("the project", project, version)
        before = {"project": project.info, "rules": project.rules}
        project.info, project.rules = section, rules_section
        project.key, project.name = section["id"], section["name"]
        project.version += 1
        project.save(update_fields=["info", "rules", "key", "name", "version"])
        result.update(version=project.version, project=section, rules=rules_section)
        return (
            "update",
            "project",
            section["id"],
            before,
            {"project": section, "rules": rules_section},
        )

    _commit(project_id, actor, change)
    return result


# ---- assessments -------------------------------------------------------------------------------


def requirement_id(text: str) -> str:
    """The canonical id of a requirement named in a URL, or :class:`NotFound`."""
    catalog = default_catalog()
    try:
        rid = canonical_id(text)
    except RequirementIdError as error:
        raise NotFound(f"requirement {text!r}: {error}") from None
    if rid not in catalog.by_id:
        raise NotFound(f"requirement {text!r}: not in the catalog")
    return rid


def put_assessment(
    project_id: int,
    actor: str,
    target: str,
    requirement: str,
    data: Any,
    version: int | None,
    may_approve: bool,
) -> dict[str, Any]:
    """Create or replace one assessment. Setting or changing a compensating countermeasure's
    approval (``approved_by``/``approved_on``) needs the approve right (reviewer, owner)."""
    rid = requirement_id(requirement)
    entry = stored(parse(AssessmentModel, data, f"assessments.{target}.{rid}"))
    what = f"assessment {target} {rid}"
    result: dict[str, Any] = {}

    def change(project: Project) -> tuple[str, str, str, Any, Any]:
        if not any(
            model.objects.filter(project=project, key=target).exists()
            for model in (ITEM_MODELS["zones"], ITEM_MODELS["conduits"])
        ):
            raise NotFound(f"zone or conduit {target!r}: not found in this project")
        row = Assessment.objects.filter(project=project, target=target, requirement=rid).first()
        before = None if row is None else row.data
        if not may_approve and _approval(before) != _approval(entry):
            raise Refused(
                f"{what}: approving a compensating countermeasure, or changing an approved one, "
                "needs the reviewer or owner role"
            )
        if row is None:
            if version not in (None, 0):
                raise Conflict(what, None, None)
            Assessment.objects.create(project=project, target=target, requirement=rid, data=entry)
            result.update(version=1)
        else:
            _check_version(what, row, version)
            Assessment.objects.filter(pk=row.pk).update(data=entry, version=F("version") + 1)
            result.update(version=row.version + 1)
        result.update(zone=target, requirement=rid, data=entry)
        return (
            ("create" if row is None else "update"),
            "assessment",
            f"{target}/{rid}",
            before,
            entry,
        )

    _commit(project_id, actor, change)
    return result


def _approval(entry: dict[str, Any] | None) -> Any:
    """What only a reviewer may change: the approval, and once approved, the whole
    countermeasure (an assessor must not extend or reword what a reviewer approved)."""
    compensating = (entry or {}).get("compensating") or {}
    if compensating.get("approved_by") or compensating.get("approved_on"):
        return compensating
    return None


def delete_assessment(
    project_id: int, actor: str, target: str, requirement: str, version: int | None
) -> None:
    rid = requirement_id(requirement)
    what = f"assessment {target} {rid}"

    def change(project: Project) -> tuple[str, str, str, Any, Any]:
        row = Assessment.objects.filter(project=project, target=target, requirement=rid).first()
        if row is None:
            raise NotFound(f"{what}: not found")
        _check_version(what, row, version)
        row.delete()
        return "delete", "assessment", f"{target}/{rid}", row.data, None

    _commit(project_id, actor, change)


# ---- obligations ------------------------------------------------------------------------------


def record_obligation_done(
    project_id: int, actor: str, obligation_id: str, done_on: date, today: date
) -> dict[str, Any]:
    """Record that an obligation was done on ``done_on``: its ``last_done`` becomes that day
    (so the next due date moves one period on), and a fixed ``due_on`` on or before it is
    consumed. Not in the future, and not before the day it was last done. Returns the
    obligation's stored entry and its next due date (``None``: due now)."""
    if done_on > today:
        raise EditError(f"done_on: {done_on.isoformat()} is in the future (today is {today})")
    day = done_on.isoformat()
    result: dict[str, Any] = {}

    def change(project: Project) -> tuple[str, str, str, Any, Any]:
        obligations = list(project.obligations or [])
        index = next((i for i, o in enumerate(obligations) if o.get("id") == obligation_id), None)
        if index is None:
            raise NotFound(f"obligation {obligation_id!r}: not found")
        before = obligations[index]
        last = before.get("last_done")
        if last is not None and last > day:
            raise EditError(
                f"done_on: obligation {obligation_id!r} was last done on {last}, after {day}"
            )
        after = {**before, "last_done": day}
        if after.get("due_on") is not None and after["due_on"] <= day:
            del after["due_on"]  # the fixed date was met: the period takes over
        obligations[index] = after
        project.obligations = obligations
        project.save(update_fields=["obligations"])
        result.update(obligation=after)
        return "update", "obligation", obligation_id, before, after

    domain = _commit(project_id, actor, change)
    due = next(o for o in domain.obligations if o.id == obligation_id).next_due()
    result.update(next_due=due.isoformat() if due else None)
    return result
