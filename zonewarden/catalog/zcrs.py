"""The zone and conduit requirements (ZCRs) of IEC 62443-3-2 as data: id, clause and title.

Read from ``iec62443-3-2.csv`` of the catalog folder in force (``ZONEWARDEN_CATALOG_DIR``), or
of the shipped data when that folder has no such file. Ids and short titles only.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zonewarden.catalog.loader import DATA_DIR, MAX_FILE_BYTES, CatalogError, catalog_dir

FILE_3_2 = "iec62443-3-2.csv"


@dataclass(frozen=True, slots=True)
class ZoneConduitRequirement:
    id: str  # ZCR 5.6
    parent: str | None
    clause: str
    title: str


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[ZoneConduitRequirement, ...]:
    file = Path(path)
    if file.stat().st_size > MAX_FILE_BYTES:
        raise CatalogError(f"{file}: larger than {MAX_FILE_BYTES} bytes")
    with file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found = []
    for line, row in enumerate(rows, start=2):
        zcr = (row.get("id") or "").strip()
        if not zcr.startswith("ZCR "):
            raise CatalogError(f"{file}:{line}: expected an id like 'ZCR 5.6', got {zcr!r}")
        found.append(
            ZoneConduitRequirement(
                zcr,
                (row.get("parent") or "").strip() or None,
                (row.get("clause") or "").strip(),
                (row.get("title") or "").strip(),
            )
        )
    return tuple(found)


def zone_conduit_requirements() -> tuple[ZoneConduitRequirement, ...]:
    """Every ZCR of the catalog in force, in file order."""
    path = catalog_dir() / FILE_3_2
    if not path.is_file():
        path = DATA_DIR / FILE_3_2
    return _load(str(path))


def zcr_titles() -> dict[str, str]:
    """ZCR id -> short title."""
    return {zcr.id: zcr.title for zcr in zone_conduit_requirements()}
