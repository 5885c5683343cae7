"""Whole-project use cases on the database: create, import (preview, then apply), export,
delete, and members."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count

from zonewarden.catalog.loader import default_catalog
from zonewarden.domain.projects import Project as DomainProject
from zonewarden.project.dump import dumps
from zonewarden.project.load import load_text
from zonewarden.web import audit
from zonewarden.web.models import Evidence, Membership, Project
from zonewarden.web.models.projects import MEMBER_ROLES, WHOLE_SECTIONS
from zonewarden.web.repositories.blobs import storage
from zonewarden.web.repositories.documents import (
    CACHE,
    cache_key,
    canonical,
    document_of,
    domain_of,
    write_document,
)
from zonewarden.web.repositories.edits import Conflict, EditError, NotFound

MAX_NAME = 200


def kind_of_name(name: str, text: str) -> str:
    """``json`` or ``yaml`` from a file name, or from the text when the name says neither."""
    lower = name.lower()
    if lower.endswith(".json"):
        return "json"
    if lower.endswith((".yaml", ".yml")):
        return "yaml"
    return "json" if text.lstrip().startswith("{") else "yaml"


def parse_upload(text: str | bytes, name: str) -> DomainProject:
    """A project file's text validated as the CLI does (ProjectError names line and column)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise EditError(f"{name}: not UTF-8 text (byte {error.start})") from None
    return load_text(text, name, kind_of_name(name, text), default_catalog())


def create_project(user: Any, domain: DomainProject, action: str = "import") -> Project:
    """A new project holding ``domain``, with ``user`` as its owner."""
    document = canonical(domain)
    with transaction.atomic():
        project = Project.objects.create(
            key=document["project"]["id"],
            name=document["project"]["name"],
            info=document["project"],
        )
        write_document(project, document)
        project.save()
        Membership.objects.create(project=project, user=user, role="owner")
        audit.append(
            project_id=project.pk,
            actor=user.get_username(),
            action=action,
            object_type="project",
            object_key=project.key,
            after=summary(document),
        )
    project.refresh_from_db(fields=["created_at", "revision"])
    CACHE.put(cache_key(project), domain)
    return project


def new_project(user: Any, key: str, name: str) -> Project:
    """An empty project (no zones yet)."""
    text = (
        f'{{"format": "zonewarden/v1", "project": {{"id": {_json(key)}, "name": {_json(name)}}}}}'
    )
    return create_project(user, load_text(text, "project", "json", default_catalog()), "create")


def _json(value: str) -> str:
    import json

    return json.dumps(value)


def summary(document: dict[str, Any]) -> dict[str, int]:
    return {
        "zones": len(document.get("zones", [])),
        "conduits": len(document.get("conduits", [])),
        "assets": len(document.get("assets", [])),
        "evidence": len(document.get("evidence", [])),
        "assessments": sum(len(v) for v in document.get("assessments", {}).values()),
    }


@dataclass
class Changes:
    """What applying an imported file would change, per section: ids added, removed, changed."""

    added: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    changed: dict[str, list[str]] = field(default_factory=dict)
    project_changed: bool = False

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.project_changed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "project_changed": self.project_changed,
        }


def _keyed(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    sections: dict[str, dict[str, Any]] = {}
    for section in ("zones", "conduits", "assets", "evidence", "actions"):
        sections[section] = {item["id"]: item for item in document.get(section) or []}
    sections["assessments"] = {
        f"{target}/{rid}": entry
        for target, entries in document.get("assessments", {}).items()
        for rid, entry in entries.items()
    }
    return sections


def changes_between(old: dict[str, Any], new: dict[str, Any]) -> Changes:
    changes = Changes(
        project_changed=old.get("project") != new.get("project")
        or any(
            old.get(section) != new.get(section)
            for section in WHOLE_SECTIONS
            if section != "actions"  # compared item by item below
        )
    )
    before, after = _keyed(old), _keyed(new)
    for section in before:
        a, b = before[section], after[section]
        added = [k for k in b if k not in a]
        removed = [k for k in a if k not in b]
        changed = [k for k in b if k in a and a[k] != b[k]]
        if added:
            changes.added[section] = added
        if removed:
            changes.removed[section] = removed
        if changed:
            changes.changed[section] = changed
    return changes


def preview_import(project: Project, domain: DomainProject) -> Changes:
    """What replacing ``project`` by ``domain`` would change (nothing is written)."""
    return changes_between(canonical(domain_of(project)), canonical(domain))


def apply_import(
    project_id: int, actor: str, domain: DomainProject, revision: int | None
) -> Changes:
    """Replace the project's content by ``domain``; refused (409) if the project changed since
    the preview that showed the changes (``revision``)."""
    new = canonical(domain)
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project_id)
        if revision is not None and project.revision != revision:
            raise Conflict("the project", project.revision, None)
        old = canonical(domain_of(project))
        changes = changes_between(old, new)
        write_document(project, new)
        project.revision += 1
        project.version += 1
        project.save()
        audit.append(
            project_id=project.pk,
            actor=actor,
            action="import",
            object_type="project",
            object_key=project.key,
            before=summary(old),
            after={"counts": summary(new), "changes": changes.as_dict()},
        )
        key = cache_key(project)
        transaction.on_commit(lambda: CACHE.put(key, domain))
    return changes


def export_text(project: Project, kind: str) -> str:
    """The project file (``yaml`` or ``json``), canonical and lossless."""
    if kind not in ("yaml", "json"):
        raise EditError(f"format: expected yaml or json, got {kind!r}")
    return dumps(domain_of(project), default_catalog(), kind)


def delete_project(project_id: int, actor: str) -> None:
    """Delete a project; its evidence files are removed only when no other project uses them."""
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project_id)
        blobs = set(
            Evidence.objects.filter(project=project, blob__isnull=False).values_list(
                "blob", flat=True
            )
        )
        counts = summary(document_of(project))
        key = project.key
        project.delete()
        still_used = set(Evidence.objects.filter(blob__in=blobs).values_list("blob", flat=True))
        orphans = blobs - still_used
        audit.append(
            project_id=project_id,
            actor=actor,
            action="delete",
            object_type="project",
            object_key=key,
            before=counts,
        )
        transaction.on_commit(lambda: storage().delete_unused(orphans))


# ---- members -------------------------------------------------------------------------------------


def _user(name: str) -> Any:
    user = get_user_model().objects.filter(username=name).first()
    if user is None:
        raise NotFound(f"user {name!r}: no such user")
    return user


def set_member(project_id: int, actor: str, username: str, role: str) -> dict[str, str]:
    """Add a member or change their role; the last owner cannot be demoted."""
    if role not in MEMBER_ROLES:
        raise EditError(f"role: expected one of {', '.join(MEMBER_ROLES)}, got {role!r}")
    user = _user(username)
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project_id)
        row = Membership.objects.filter(project=project, user=user).first()
        before = None if row is None else row.role
        if before == "owner" and role != "owner":
            _keep_an_owner(project)
        Membership.objects.update_or_create(project=project, user=user, defaults={"role": role})
        audit.append(
            project_id=project.pk,
            actor=actor,
            action="create" if row is None else "update",
            object_type="member",
            object_key=username,
            before=before,
            after=role,
        )
    return {"user": username, "role": role}


def remove_member(project_id: int, actor: str, username: str) -> None:
    user = _user(username)
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project_id)
        row = Membership.objects.filter(project=project, user=user).first()
        if row is None:
            raise NotFound(f"member {username!r}: not a member of this project")
        if row.role == "owner":
            _keep_an_owner(project)
        row.delete()
        audit.append(
            project_id=project.pk,
            actor=actor,
            action="delete",
            object_type="member",
            object_key=username,
            before=row.role,
        )


def _keep_an_owner(project: Project) -> None:
    owners = Membership.objects.filter(project=project, role="owner").aggregate(n=Count("id"))["n"]
    if owners <= 1:
        raise EditError("a project keeps at least one owner: make someone else owner first")


def members(project: Project) -> list[dict[str, str]]:
    rows = (
        Membership.objects.filter(project=project).select_related("user").order_by("user__username")
    )
    return [{"user": m.user.get_username(), "role": m.role} for m in rows]
