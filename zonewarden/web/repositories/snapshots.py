"""Snapshots of a stored project's results (issue 7, continuous compliance).

The server keeps the ``zonewarden-snapshot/v1`` document that ``zonewarden snapshot`` writes
next to a project file, one per project and date (a second one on the same date replaces the
first). Taking one evaluates the stored project with the same domain function as the CLI and
appends an audit entry in the same transaction; a snapshot does not change the project, so its
revision stays. Read back, a document is validated by the snapshot file's own schema, so the
trend and the diff read one format whichever store the snapshots live in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from zonewarden.catalog.loader import default_catalog
from zonewarden.domain.snapshots import ProjectMismatch, Snapshot, diff_snapshots
from zonewarden.project.errors import ProjectError
from zonewarden.project.snapshots import snapshot_from_data, to_document
from zonewarden.services.snapshots import diff_document
from zonewarden.web import audit
from zonewarden.web.models import Project
from zonewarden.web.models import Snapshot as StoredSnapshot
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.edits import EditError, NotFound

#: the other side of a diff that is not a stored snapshot: the project as it is now
CURRENT = "current"


@dataclass(frozen=True, slots=True)
class Taken:
    """What :func:`take_snapshot` did: the snapshot and whether it replaced one."""

    snapshot: Snapshot
    replaced: bool


def summary_of(snapshot: Snapshot) -> dict[str, Any]:
    """One line of the snapshot list: date and overall figures."""
    o = snapshot.overall
    return {
        "as_of": snapshot.as_of.isoformat(),
        "score": o.score,
        "gaps": o.gaps,
        "targets_met": o.targets_met,
        "targets": o.targets,
    }


def _loaded(row: StoredSnapshot) -> Snapshot:
    try:
        return snapshot_from_data(row.data, f"snapshot {row.as_of.isoformat()}")
    except ProjectError as error:  # edited in the database by hand: say which and why
        raise EditError(str(error)) from None


def snapshots_of(project: Project) -> tuple[Snapshot, ...]:
    """Every stored snapshot of ``project``, oldest first."""
    rows = StoredSnapshot.objects.filter(project=project).order_by("as_of")
    return tuple(_loaded(row) for row in rows)


def listing(project: Project) -> list[dict[str, Any]]:
    """The snapshots, oldest first: :func:`summary_of` plus who took each and when."""
    rows = (
        StoredSnapshot.objects.filter(project=project)
        .select_related("created_by")
        .order_by("as_of")
    )
    return [
        {
            **summary_of(_loaded(row)),
            "taken_by": row.created_by.get_username() if row.created_by else None,
            "taken_at": row.created_at.isoformat(timespec="seconds"),
        }
        for row in rows
    ]


def stored_snapshot(project: Project, as_of: date) -> Snapshot:
    """The snapshot of ``as_of``, or :class:`NotFound`."""
    row = StoredSnapshot.objects.filter(project=project, as_of=as_of).first()
    if row is None:
        raise NotFound(f"snapshot {as_of.isoformat()}: not found")
    return _loaded(row)


def current_snapshot(project: Project, as_of: date) -> Snapshot:
    """The results of the project as it is now, evaluated on ``as_of`` (not stored)."""
    return Snapshot.of(domain_of(project), default_catalog(), as_of)


def store_snapshot(project_id: int, user: Any, snapshot: Snapshot) -> Taken:
    """Store ``snapshot`` (replacing the one of its date) with its audit entry."""
    actor = str(user.get_username()) if user is not None else "system"
    data = to_document(snapshot)
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project_id)
        if snapshot.project_id != project.key:
            raise EditError(
                f"snapshot: holds project {snapshot.project_id!r}, but this project is "
                f"{project.key!r}"
            )
        row = StoredSnapshot.objects.filter(project=project, as_of=snapshot.as_of).first()
        before = None if row is None else {"overall": row.data.get("overall")}
        if row is None:
            StoredSnapshot.objects.create(
                project=project, as_of=snapshot.as_of, data=data, created_by=user
            )
        else:
            StoredSnapshot.objects.filter(pk=row.pk).update(
                data=data, created_by=user, created_at=timezone.now()
            )
        audit.append(
            project_id=project.pk,
            actor=actor,
            action="create" if row is None else "replace",
            object_type="snapshot",
            object_key=snapshot.as_of.isoformat(),
            before=before,
            after={"overall": data["overall"]},
        )
    return Taken(snapshot, replaced=row is not None)


def take_snapshot(project: Project, user: Any, as_of: date) -> Taken:
    """Evaluate the stored project on ``as_of`` and keep the results (``zonewarden snapshot``)."""
    return store_snapshot(project.pk, user, current_snapshot(project, as_of))


def day_of(value: str, name: str) -> date:
    """A date given as parameter ``name`` (YYYY-MM-DD), or 400 naming it."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise EditError(f"{name}: expected a date YYYY-MM-DD, got {value[:40]!r}") from None


def side_of(project: Project, value: str, name: str, as_of: date) -> Snapshot:
    """One side of a diff: a stored snapshot by date, or ``current`` (the project now,
    evaluated on ``as_of``)."""
    if value == CURRENT:
        return current_snapshot(project, as_of)
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise EditError(
            f"{name}: expected a snapshot's date YYYY-MM-DD or {CURRENT!r}, got {value[:40]!r}"
        ) from None
    return stored_snapshot(project, day)


def diff_of(old: Snapshot, new: Snapshot) -> dict[str, Any]:
    """The ``diff --format json`` document of two snapshots (400 if of different projects)."""
    try:
        return diff_document(diff_snapshots(old, new))
    except ProjectMismatch as error:
        raise EditError(str(error).replace("OLD", "old").replace("NEW", "new")) from None


def charted(project: Project) -> tuple[Snapshot, ...]:
    """The snapshots a trend shows: those of the project's current id (an import may have
    changed it), oldest first."""
    return tuple(s for s in snapshots_of(project) if s.project_id == project.key)
