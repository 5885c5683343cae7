"""The stored objects as the API shows them: an object's project-file fields plus its
``version`` (what a write must send back); evidence also shows its uploaded ``file``.

Read-only queries live here so that the endpoint modules stay adapters; writes go through
:mod:`zonewarden.web.repositories`.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from zonewarden.catalog.loader import default_catalog
from zonewarden.web.models import Assessment, AuditEntry, Evidence, Project
from zonewarden.web.repositories.documents import ITEM_MODELS
from zonewarden.web.repositories.edits import SINGULAR, NotFound


def _file_of(row: Evidence) -> dict[str, Any] | None:
    if row.blob_id is None:
        return None
    return {
        "name": row.file_name,
        "sha256": row.blob.sha256,
        "size": row.blob.size,
        "media_type": row.blob.media_type,
    }


def present(section: str, row: Any) -> dict[str, Any]:
    """One row of a section as ``{...fields, "version"}`` (evidence: also ``"file"``)."""
    shown = {**row.data, "version": row.version}
    if section == "evidence":
        shown["file"] = _file_of(row)
    return shown


def _rows(project: Project, section: str) -> Any:
    rows = ITEM_MODELS[section].objects.filter(project=project)
    return rows.select_related("blob") if section == "evidence" else rows


def items(project: Project, section: str) -> list[dict[str, Any]]:
    """Every object of a section, in file order."""
    return [present(section, row) for row in _rows(project, section).order_by("position")]


def item(project: Project, section: str, key: str) -> dict[str, Any]:
    """One object, or :class:`NotFound`."""
    row = _rows(project, section).filter(key=key).first()
    if row is None:
        raise NotFound(f"{SINGULAR[section]} {key!r}: not found")
    return present(section, row)


def item_or_none(project: Project, section: str, key: str) -> dict[str, Any] | None:
    try:
        return item(project, section, key)
    except NotFound:
        return None


def check_target(project: Project, target: str) -> None:
    """:class:`NotFound` unless ``target`` is a zone or conduit of the project."""
    if not any(
        ITEM_MODELS[section].objects.filter(project=project, key=target).exists()
        for section in ("zones", "conduits")
    ):
        raise NotFound(f"zone or conduit {target!r}: not found in this project")


def assessments_of(project: Project, target: str) -> dict[str, dict[str, Any]]:
    """A zone's or conduit's assessments by canonical requirement id, in catalog order."""
    check_target(project, target)
    order = {rid: i for i, rid in enumerate(default_catalog().by_id)}
    rows = Assessment.objects.filter(project=project, target=target)
    found = {row.requirement: {**row.data, "version": row.version} for row in rows}
    return {rid: found[rid] for rid in sorted(found, key=lambda r: (order.get(r, len(order)), r))}


def assessment(project: Project, target: str, rid: str) -> dict[str, Any]:
    """One assessment as ``{"zone", "requirement", ...fields, "version"}``, or NotFound."""
    row = Assessment.objects.filter(project=project, target=target, requirement=rid).first()
    if row is None:
        check_target(project, target)
        raise NotFound(f"assessment {target} {rid}: not assessed yet (no entry)")
    return {"zone": target, "requirement": rid, **row.data, "version": row.version}


def assessment_or_none(project: Project, target: str, rid: str) -> dict[str, Any] | None:
    try:
        return assessment(project, target, rid)
    except NotFound:
        return None


def project_detail(project: Project, role: str) -> dict[str, Any]:
    """A project's own fields: the project and rules sections, with revision and version."""
    return {
        "id": project.pk,
        "key": project.key,
        "name": project.name,
        "role": role,
        "revision": project.revision,
        "version": project.version,
        "project": project.info,
        "rules": project.rules,
    }


def fresh(project: Project) -> Project:
    """The project row as stored now (after a write)."""
    return Project.objects.get(pk=project.pk)


def audit_entries(project: Project, after_seq: int, limit: int) -> list[dict[str, Any]]:
    """A project's audit entries after ``after_seq``, oldest first; ``at`` is the UTC time as
    hashed, so a client can recompute the chain."""
    rows = AuditEntry.objects.filter(project_id=project.pk, seq__gt=after_seq).order_by("seq")
    return [
        {
            "seq": e.seq,
            "at": e.at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": e.actor,
            "action": e.action,
            "object_type": e.object_type,
            "object_key": e.object_key,
            "before": e.before,
            "after": e.after,
            "prev_hash": e.prev_hash,
            "hash": e.hash,
        }
        for e in rows[:limit]
    ]
