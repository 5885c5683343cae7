"""Read-only queries the pages need beyond the repositories: the stored rows with their
versions (for the hidden version fields), evidence file names, audit entries.

Writes never happen here; they go through :mod:`zonewarden.web.repositories`. Each function
is one query, so a page costs the same on a 40-zone project as on a 3-zone one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zonewarden.web.models import Assessment, AuditEntry, Evidence, Project
from zonewarden.web.repositories.documents import ITEM_MODELS


@dataclass(frozen=True, slots=True)
class Row:
    """One stored object of a list section: its project-file form and its version."""

    key: str
    version: int
    data: dict[str, Any]


def row(project: Project, section: str, key: str) -> Row | None:
    """The stored zone, conduit, asset or evidence item ``key``, or None."""
    found = (
        ITEM_MODELS[section]
        .objects.filter(project=project, key=key)
        .values_list("key", "version", "data")
        .first()
    )
    return None if found is None else Row(*found)


def assessment_versions(project: Project, target: str) -> dict[str, int]:
    """Requirement id -> version of each assessment recorded for one zone or conduit."""
    return dict(
        Assessment.objects.filter(project=project, target=target).values_list(
            "requirement", "version"
        )
    )


def assessment_version(project: Project, target: str, requirement: str) -> int:
    """The version of one assessment; 0 when none is recorded (creating it)."""
    found = (
        Assessment.objects.filter(project=project, target=target, requirement=requirement)
        .values_list("version", flat=True)
        .first()
    )
    return found or 0


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """The file uploaded for an evidence item."""

    name: str
    size: int
    sha256: str
    media_type: str


def evidence_files(project: Project) -> dict[str, EvidenceFile]:
    """Evidence id -> its uploaded file, for the items that have one."""
    rows = (
        Evidence.objects.filter(project=project, blob__isnull=False)
        .select_related("blob")
        .only("key", "file_name", "blob__size", "blob__sha256", "blob__media_type")
    )
    return {
        r.key: EvidenceFile(r.file_name, r.blob.size, r.blob.sha256, r.blob.media_type)
        for r in rows
        if r.blob is not None
    }


def audit_entries(project: Project, before: int | None, limit: int) -> list[AuditEntry]:
    """The project's audit entries, newest first, older than ``before`` (a sequence number)."""
    entries = AuditEntry.objects.filter(project_id=project.pk)
    if before is not None:
        entries = entries.filter(seq__lt=before)
    return list(entries.order_by("-seq")[:limit])
