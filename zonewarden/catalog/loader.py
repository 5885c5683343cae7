"""Load and validate the catalog data files (ids, titles, SL applicability; no standard text).

The files under ``data/`` are facts cross-checked against public sources (see
``data/README`` in the shared catalog). An organisation holding the licensed standard can point
``ZONEWARDEN_CATALOG_DIR`` at a corrected copy with the same file names and columns; it is
validated exactly like the shipped one.
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from zonewarden.domain.levels import FR
from zonewarden.domain.requirements import Catalog, Requirement, canonical_id

DATA_DIR = Path(__file__).parent / "data"
FILES_3_3 = "iec62443-3-3.csv"
INTENTS_3_3 = "iec62443-3-3-intents.csv"
FILES_4_2 = "iec62443-4-2.csv"
MAX_FILE_BYTES = 2_000_000

EXPECTED_3_3 = {"SR": 51, "RE": 49}
ROW_KINDS_4_2 = ("requirement", "placeholder", "no_component_requirement")


class CatalogError(ValueError):
    """A catalog data file is malformed or inconsistent."""


def catalog_dir() -> Path:
    configured = os.environ.get("ZONEWARDEN_CATALOG_DIR")
    return Path(configured) if configured else DATA_DIR


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise CatalogError(f"{path}: catalog file not found")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise CatalogError(f"{path}: larger than {MAX_FILE_BYTES} bytes")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _levels(path: Path, line: int, row: dict[str, str]) -> int:
    """Check sl1..sl4 are 0/1 and cumulative, and that min_sl is the lowest applicable SL."""
    try:
        flags = [int(row[f"sl{n}"]) for n in range(1, 5)]
        min_sl = int(row["min_sl"])
    except (KeyError, TypeError, ValueError) as error:
        raise CatalogError(f"{path}:{line}: sl1..sl4 and min_sl must be integers") from error
    if any(flag not in (0, 1) for flag in flags):
        raise CatalogError(f"{path}:{line}: sl1..sl4 must be 0 or 1")
    if any(flags[i] > flags[i + 1] for i in range(3)):
        raise CatalogError(f"{path}:{line}: {row['id']}: SL columns are not cumulative")
    lowest = next((n + 1 for n, flag in enumerate(flags) if flag), 0)
    if lowest != min_sl:
        raise CatalogError(
            f"{path}:{line}: {row['id']}: min_sl {min_sl} disagrees with SL columns ({lowest})"
        )
    return min_sl


def _canonical(path: Path, line: int, text: str) -> str:
    try:
        result = canonical_id(text)
    except ValueError as error:
        raise CatalogError(f"{path}:{line}: {error}") from error
    if result != text:
        raise CatalogError(f"{path}:{line}: id {text!r} is not canonical (expected {result!r})")
    return result


def _load_3_3(directory: Path) -> list[Requirement]:
    path = directory / FILES_3_3
    intents_path = directory / INTENTS_3_3
    intents = {}
    if intents_path.is_file():
        intents = {row["id"]: row["intent"] for row in _rows(intents_path)}
    requirements = []
    for line, row in enumerate(_rows(path), start=2):
        rid = _canonical(path, line, row.get("id", ""))
        kind = row.get("type", "")
        if kind not in EXPECTED_3_3:
            raise CatalogError(f"{path}:{line}: {rid}: type must be SR or RE, got {kind!r}")
        try:
            fr = FR(int(row["fr"]))
        except (KeyError, ValueError) as error:
            raise CatalogError(f"{path}:{line}: {rid}: fr must be 1-7") from error
        requirements.append(
            Requirement(
                id=rid,
                part="3-3",
                fr=fr,
                type=kind,
                parent=row.get("parent") or None,
                clause=row.get("clause", ""),
                title=row.get("title", "").strip(),
                min_sl=_levels(path, line, row),
                intent=intents.get(rid, ""),
                confidence=row.get("confidence", "high") or "high",
            )
        )
    counts = {kind: sum(1 for r in requirements if r.type == kind) for kind in EXPECTED_3_3}
    if counts != EXPECTED_3_3 and directory == DATA_DIR:
        raise CatalogError(f"{path}: expected 51 SRs and 49 REs, found {counts}")
    return requirements


def _load_4_2(directory: Path) -> list[Requirement]:
    path = directory / FILES_4_2
    if not path.is_file():
        return []
    requirements = []
    for line, row in enumerate(_rows(path), start=2):
        rid = _canonical(path, line, row.get("id", ""))
        fr_text = row.get("fr", "")
        row_kind = row.get("row_kind", "requirement") or "requirement"
        if row_kind not in ROW_KINDS_4_2:
            raise CatalogError(f"{path}:{line}: {rid}: unknown row_kind {row_kind!r}")
        if row_kind == "requirement":
            min_sl = _levels(path, line, row)
        elif any(row.get(f"sl{n}") for n in range(1, 5)):
            raise CatalogError(f"{path}:{line}: {rid}: a {row_kind} row has no SL columns")
        else:
            min_sl = 0
        requirements.append(
            Requirement(
                id=rid,
                part="4-2",
                fr=FR(int(fr_text)) if fr_text else None,
                type=row.get("type", ""),
                parent=row.get("parent") or None,
                clause=row.get("clause", ""),
                title=row.get("title", "").strip(),
                min_sl=min_sl,
                row_kind=row_kind,
                component_types=tuple(t for t in row.get("component_types", "").split(";") if t),
                confidence=row.get("confidence", "high") or "high",
            )
        )
    return requirements


def validate(requirements: Iterable[Requirement]) -> None:
    """Unique ids, parents that exist, REs of SRs of the same FR, and RE min_sl >= base's."""
    by_id: dict[str, Requirement] = {}
    for requirement in requirements:
        if requirement.id in by_id:
            raise CatalogError(f"duplicate requirement id {requirement.id!r}")
        by_id[requirement.id] = requirement
    for requirement in by_id.values():
        if requirement.part == "3-3" and (requirement.type == "RE") != bool(requirement.parent):
            raise CatalogError(
                f"{requirement.id}: an RE has a parent SR and an SR has none "
                f"(type {requirement.type}, parent {requirement.parent!r})"
            )
        if requirement.parent is None:
            continue
        parent = by_id.get(requirement.parent)
        if parent is None:
            raise CatalogError(f"{requirement.id}: parent {requirement.parent!r} does not exist")
        if parent.type == "RE":
            raise CatalogError(f"{requirement.id}: parent {parent.id} is itself an enhancement")
        if requirement.part == "3-3" and parent.fr != requirement.fr:
            raise CatalogError(f"{requirement.id}: FR differs from its parent {parent.id}")
        if requirement.part == "3-3" and requirement.min_sl < parent.min_sl:
            raise CatalogError(
                f"{requirement.id}: applies from SL {requirement.min_sl}, before its base "
                f"{parent.id} (SL {parent.min_sl})"
            )


def _digest(directory: Path) -> str:
    sha = hashlib.sha256()
    for name in (FILES_3_3, INTENTS_3_3, FILES_4_2):
        path = directory / name
        if path.is_file():
            sha.update(path.read_bytes())
    return sha.hexdigest()[:12]


def load_catalog(directory: Path | None = None) -> Catalog:
    """Load the 3-3 and 4-2 catalog files from ``directory`` and validate them."""
    directory = directory or catalog_dir()
    loaded = _load_3_3(directory) + _load_4_2(directory)
    ordered = [
        Requirement(**{**{s: getattr(r, s) for s in Requirement.__slots__}, "order": n})
        for n, r in enumerate(loaded)
    ]
    validate(ordered)
    return Catalog(tuple(ordered), version=_digest(directory))


@lru_cache(maxsize=4)
def _cached(directory: str) -> Catalog:
    return load_catalog(Path(directory))


def default_catalog() -> Catalog:
    """The catalog in force (``ZONEWARDEN_CATALOG_DIR`` or the shipped data), loaded once."""
    return _cached(str(catalog_dir()))
