"""Attaching a file to an evidence item and reading it back (content-addressed, verified)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from django.db import transaction
from django.db.models import F

from zonewarden.web import audit
from zonewarden.web.models import Evidence, Project
from zonewarden.web.repositories.blobs import CorruptBlob, storage, store_upload
from zonewarden.web.repositories.edits import Conflict, EditError, NotFound

MAX_FILE_NAME = 200


def _safe_name(name: str) -> str:
    """The last path part of an uploaded file's name, without control characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable() and c not in '"<>')
    if not base or base in (".", ".."):
        raise EditError("file: the uploaded file has no usable name")
    return base[:MAX_FILE_NAME]


def attach_file(
    project_id: int, actor: str, key: str, upload: IO[bytes], file_name: str, version: int | None
) -> dict[str, Any]:
    """Store ``upload`` and attach it to evidence item ``key`` (replacing any earlier file)."""
    name = _safe_name(file_name)
    if not Evidence.objects.filter(project_id=project_id, key=key).exists():
        raise NotFound(f"evidence {key!r}: not found")  # before storing anything
    blob = store_upload(upload, name)
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project_id)
        row = Evidence.objects.filter(project=project, key=key).first()
        if row is None:
            raise NotFound(f"evidence {key!r}: not found")
        if version is not None and row.version != version:
            raise Conflict(
                f"evidence {key!r}", row.version, {"version": row.version, "data": row.data}
            )
        before = {"file": row.file_name, "sha256": row.blob_id} if row.blob_id else None
        old_blob = row.blob_id
        Evidence.objects.filter(pk=row.pk).update(
            blob=blob, file_name=name, version=F("version") + 1
        )
        audit.append(
            project_id=project.pk,
            actor=actor,
            action="attach",
            object_type="evidence",
            object_key=key,
            before=before,
            after={"file": name, "sha256": blob.sha256, "size": blob.size},
        )
        if old_blob and old_blob != blob.sha256:
            transaction.on_commit(lambda: storage().delete_unused([old_blob]))
    return {
        "id": key,
        "file": name,
        "sha256": blob.sha256,
        "size": blob.size,
        "version": row.version + 1,
    }


def open_file(project: Project, key: str) -> tuple[Evidence, Iterator[bytes]]:
    """The evidence row and its verified bytes; :class:`NotFound` if it has no file."""
    row = Evidence.objects.filter(project=project, key=key).select_related("blob").first()
    if row is None:
        raise NotFound(f"evidence {key!r}: not found")
    if row.blob_id is None:
        raise NotFound(f"evidence {key!r}: no file was uploaded for it")
    return row, storage().open(row.blob_id)


__all__ = ["CorruptBlob", "attach_file", "open_file"]
