"""The example project's files for ``zonewarden demo``: the evidence files shipped beside it
(``zonewarden/examples/evidence/``) attached to its evidence items as uploads, and its
snapshots (``zonewarden/examples/snapshots/<project-id>-<YYYY-MM-DD>.json``), if any, stored
so that the demo shows a trend. Both go through the same repositories as a user's uploads
and snapshots (audit entries included); files that are absent are skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from importlib.abc import Traversable
from typing import Any

from zonewarden.domain.bundle import UriKind, uri_kind
from zonewarden.project.snapshots import FOLDER, load_snapshots
from zonewarden.web.models import Evidence, Project
from zonewarden.web.repositories.blobs import UploadRefused
from zonewarden.web.repositories.evidence_files import attach_file
from zonewarden.web.repositories.snapshots import store_snapshot

PACKAGE = "zonewarden.examples"


@dataclass
class Attached:
    """What :func:`attach_example_files` did."""

    files: int = 0
    snapshots: int = 0
    skipped: list[str] = field(default_factory=list)  # "evidence-id: why"


def _shipped(root: Traversable, uri: str) -> Traversable | None:
    """The file a relative ``uri`` names inside the examples package, if it is there."""
    if uri_kind(uri) is not UriKind.RELATIVE:
        return None
    parts = [part for part in uri.replace("\\", "/").split("/") if part not in ("", ".")]
    if not parts or ".." in parts:
        return None
    found = root.joinpath(*parts)
    return found if found.is_file() else None


def attach_example_files(project: Project, user: Any) -> Attached:
    """Attach the shipped evidence files and store the shipped snapshots of ``project``."""
    root = resources.files(PACKAGE)
    actor = str(user.get_username())
    done = Attached()
    rows = Evidence.objects.filter(project=project, blob__isnull=True).order_by("position")
    for key, data in rows.values_list("key", "data"):
        uri = data.get("uri") if isinstance(data, dict) else None
        shipped = _shipped(root, uri) if isinstance(uri, str) else None
        if shipped is None:
            continue
        with shipped.open("rb") as stream:
            try:
                attach_file(project.pk, actor, key, stream, shipped.name, None)
            except UploadRefused as error:
                done.skipped.append(f"{key}: {error}")
                continue
        done.files += 1
    folder = root.joinpath(FOLDER)
    if folder.is_dir():
        with resources.as_file(folder) as path:
            for snapshot in load_snapshots(project.key, path):
                store_snapshot(project.pk, user, snapshot)
                done.snapshots += 1
    return done
