"""The database as a store of project files: assemble the file document from rows, validate and
build the domain project (cached per project revision), and write a whole document as rows.

Import and export go through the same schema and the same canonical dumper as the CLI, so a
project imported and exported again is the canonical form of the file (round-trip tested).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

from django.db import transaction

from zonewarden.catalog.loader import default_catalog
from zonewarden.domain.projects import Project as DomainProject
from zonewarden.project.dump import _json_default, to_document
from zonewarden.project.load import validate_data
from zonewarden.web.models import Assessment, Asset, Conduit, Evidence, Project, Zone
from zonewarden.web.models.projects import WHOLE_SECTIONS

ITEM_MODELS: dict[str, type[Zone] | type[Conduit] | type[Asset] | type[Evidence]] = {
    "zones": Zone,
    "conduits": Conduit,
    "assets": Asset,
    "evidence": Evidence,
}


def plain(document: Any) -> Any:
    """JSON-ready data (dates as text, flow lists as lists) of a canonical document."""
    return json.loads(json.dumps(document, default=_json_default, ensure_ascii=False))


def document_of(project: Project) -> dict[str, Any]:
    """The project file document held in the database for ``project``."""
    document: dict[str, Any] = {"format": "zonewarden/v1", "project": project.info}
    for section, model in ITEM_MODELS.items():
        document[section] = list(
            model.objects.filter(project=project)
            .order_by("position")
            .values_list("data", flat=True)
        )
    assessments: dict[str, dict[str, Any]] = {}
    rows = Assessment.objects.filter(project=project).values_list("target", "requirement", "data")
    for target, requirement, data in rows.iterator(chunk_size=5000):
        assessments.setdefault(target, {})[requirement] = data
    document["assessments"] = assessments
    for section in WHOLE_SECTIONS:
        value = getattr(project, section)
        if value is not None:
            document[section] = value
    return document


def name_of(project: Project) -> str:
    return f"project {project.pk}"


CacheKey = tuple[int, str, int]


def cache_key(project: Project) -> CacheKey:
    """What identifies a project's content: its id, when it was created (a deleted project's id
    can be used again) and its revision (bumped by every write)."""
    return (project.pk, project.created_at.isoformat(), project.revision)


class _Cache:
    """Domain projects by :func:`cache_key`; a few, least recently used first out."""

    def __init__(self, size: int = 16) -> None:
        self._items: OrderedDict[CacheKey, DomainProject] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, key: CacheKey) -> DomainProject | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: CacheKey, value: DomainProject) -> None:
        with self._lock:
            for old in [k for k in self._items if k[0] == key[0]]:
                del self._items[old]
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)


CACHE = _Cache()


def domain_of(project: Project) -> DomainProject:
    """The validated domain project of a database project (cached per revision)."""
    key = cache_key(project)
    found = CACHE.get(key)
    if found is None:
        found = validate_data(document_of(project), name_of(project), default_catalog())
        CACHE.put(key, found)
    return found


def canonical(domain: DomainProject) -> dict[str, Any]:
    """The canonical document of a domain project, as JSON-ready data."""
    return plain(to_document(domain, default_catalog()))  # type: ignore[no-any-return]


def write_document(project: Project, document: dict[str, Any]) -> None:
    """Replace every object of ``project`` by those of a canonical ``document`` (in the caller's
    transaction)."""
    assert transaction.get_connection().in_atomic_block
    files = {
        key: (blob, name)
        for key, blob, name in Evidence.objects.filter(
            project=project, blob__isnull=False
        ).values_list("key", "blob", "file_name")
    }
    for model in (*ITEM_MODELS.values(), Assessment):
        model.objects.filter(project=project).delete()
    project.info = document["project"]
    project.key = document["project"]["id"]
    project.name = document["project"]["name"]
    for section in WHOLE_SECTIONS:
        setattr(project, section, document.get(section))
    for section, model in ITEM_MODELS.items():
        model.objects.bulk_create(
            [
                model(project=project, key=item["id"], position=i, data=item)
                for i, item in enumerate(document.get(section, []))
            ],
            batch_size=2000,
        )
    for key, (blob, name) in files.items():  # an uploaded file stays with its evidence id
        Evidence.objects.filter(project=project, key=key).update(blob=blob, file_name=name)
    Assessment.objects.bulk_create(
        (
            Assessment(project=project, target=target, requirement=rid, data=entry)
            for target, entries in document.get("assessments", {}).items()
            for rid, entry in entries.items()
        ),
        batch_size=2000,
    )
