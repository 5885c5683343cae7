"""Snapshot files: a project's dated results stored next to it (issue 7 item 6).

Format ``zonewarden-snapshot/v1``: canonical JSON (keys in a fixed order, indent 2, a trailing
newline, no time of day anywhere), so the same project and ``as_of`` give the same bytes. The
default place is ``<folder of the project file>/snapshots/<project-id>-<YYYY-MM-DD>.json``.
Reading is bounded in size like a project file and validated strictly; any problem names the
file, the line and the key path, and raises :class:`~zonewarden.project.errors.ProjectError`.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, PlainValidator, StrictBool, StrictInt, ValidationError

from zonewarden.domain.requirements import Catalog, RequirementIdError, canonical_id
from zonewarden.domain.snapshots import EvidenceState, OverallState, Snapshot, TargetState
from zonewarden.project.dump import write_atomic
from zonewarden.project.errors import Problem, ProjectError
from zonewarden.project.fields import FORMAT, Date, ShortText, Slug, Strict
from zonewarden.project.load import kind_of, located, parse_text, read_text, validate_data
from zonewarden.project.messages import describe

SNAPSHOT_FORMAT = "zonewarden-snapshot/v1"
FOLDER = "snapshots"


# ---- writing -------------------------------------------------------------------------------


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def to_document(snapshot: Snapshot) -> dict[str, Any]:
    """The canonical document (plain data) of a snapshot; every key is always present."""
    o = snapshot.overall
    return {
        "format": SNAPSHOT_FORMAT,
        "project": {"id": snapshot.project_id, "name": snapshot.project_name},
        "as_of": snapshot.as_of.isoformat(),
        "overall": {
            "score": o.score,
            "srs_in_score": o.srs_in_score,
            "srs_meeting_target": o.srs_meeting_target,
            "targets_met": o.targets_met,
            "targets": o.targets,
            "gaps": o.gaps,
        },
        "zones": [
            {
                "id": t.id,
                "type": t.type,
                "name": t.name,
                "sl_target": list(t.sl_target),
                "sl_achieved": list(t.sl_achieved),
                "score": t.score,
                "meets_target": t.meets_target,
                "gaps": list(t.gaps),
                "evidence": list(t.evidence),
            }
            for t in snapshot.targets
        ],
        "evidence": [
            {
                "id": e.id,
                "collected_on": _day(e.collected_on),
                "expires_on": _day(e.expires_on),
                "expired": e.expired,
            }
            for e in snapshot.evidence
        ],
    }


def dumps_snapshot(snapshot: Snapshot) -> str:
    """The canonical text of a snapshot file."""
    return json.dumps(to_document(snapshot), indent=2, ensure_ascii=False) + "\n"


def file_name(project_id: str, as_of: date) -> str:
    """``<project-id>-<YYYY-MM-DD>.json``."""
    return f"{project_id}-{as_of.isoformat()}.json"


def default_folder(project_file: str | Path) -> Path:
    """Where the snapshots of a project file live: ``snapshots/`` beside it."""
    return Path(project_file).parent / FOLDER


def write_snapshot(snapshot: Snapshot, path: str | Path) -> Path:
    """Write a snapshot file atomically (a second write on the same day replaces the first)."""
    path = Path(path)
    write_atomic(path, dumps_snapshot(snapshot))
    return path


# ---- reading -------------------------------------------------------------------------------


def _requirement_id(value: object) -> str:
    try:
        canonical = canonical_id(value)
    except RequirementIdError:
        canonical = None
    if canonical is None or canonical != value:
        raise ValueError(f"expected a requirement id written like 'SR 1.1 RE 1'; got {value!r}")
    return canonical


RequirementId = Annotated[str, PlainValidator(_requirement_id)]
Level = Annotated[StrictInt, Field(ge=0, le=4)]
Vector = Annotated[list[Level], Field(min_length=7, max_length=7)]
Count = Annotated[StrictInt, Field(ge=0)]
Score = Annotated[float, Field(strict=True, ge=0, le=100)]


class ProjectRef(Strict):
    id: Slug
    name: ShortText


class OverallModel(Strict):
    score: Score | None
    srs_in_score: Count
    srs_meeting_target: Count
    targets_met: Count
    targets: Count
    gaps: Count


class TargetModel(Strict):
    id: Slug
    type: Literal["zone", "conduit"]
    name: ShortText
    sl_target: Vector
    sl_achieved: Vector
    score: Score | None
    meets_target: StrictBool
    gaps: list[RequirementId]
    evidence: list[Slug]


class EvidenceModel(Strict):
    id: Slug
    collected_on: Date | None
    expires_on: Date | None
    expired: StrictBool


class SnapshotFileModel(Strict):
    """The schema of a snapshot file: every key required, nothing else allowed."""

    format: Literal["zonewarden-snapshot/v1"]
    project: ProjectRef
    as_of: Date
    overall: OverallModel
    zones: list[TargetModel]
    evidence: list[EvidenceModel]


def _model_at(path: tuple[str | int, ...]) -> type[BaseModel] | None:
    current: Any = SnapshotFileModel
    for part in path:
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            current = None if field is None else field.annotation
        elif typing.get_origin(current) is list:
            current = typing.get_args(current)[0]
        else:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _message(error: Any) -> str:
    if error["type"] == "extra_forbidden":
        model = _model_at(tuple(error["loc"][:-1]))
        allowed = ", ".join(sorted(model.model_fields)) if model else ""
        return f"unknown key {str(error['loc'][-1])!r}" + (
            f"; allowed keys: {allowed}" if allowed else ""
        )
    if error["type"] in ("float_type", "float_parsing") and error["loc"][-1] == "score":
        return f"expected a score, a number 0-100, or null; got {error.get('input')!r}"
    return describe(error)


def _duplicates(model: SnapshotFileModel) -> list[tuple[str, tuple[str | int, ...]]]:
    found: list[tuple[str, tuple[str | int, ...]]] = []
    sections: tuple[tuple[str, list[str]], ...] = (
        ("zones", [t.id for t in model.zones]),
        ("evidence", [e.id for e in model.evidence]),
    )
    for section, ids in sections:
        seen: set[str] = set()
        for index, item in enumerate(ids):
            if item in seen:
                found.append((f"duplicate id {item!r}", (section, index, "id")))
            seen.add(item)
    return found


def snapshot_from_data(data: Any, name: str, text: str | None = None) -> Snapshot:
    """Validate parsed data as a snapshot file and build the :class:`Snapshot`."""
    if not isinstance(data, Mapping):
        raise ProjectError(
            [Problem(f"a snapshot file is a JSON object; got {type(data).__name__}", (), name)]
        )
    if data.get("format") != SNAPSHOT_FORMAT:
        got = data.get("format")
        message = (
            f"missing 'format: {SNAPSHOT_FORMAT}' at the top"
            if got is None
            else f"unsupported format {got!r}; a snapshot file has {SNAPSHOT_FORMAT!r}"
        )
        raise located(text, name, [(message, ("format",) if got is not None else ())])
    try:
        model = SnapshotFileModel.model_validate(data)
    except ValidationError as error:
        raise located(
            text, name, [(_message(e), tuple(e["loc"])) for e in error.errors()]
        ) from None
    duplicates = _duplicates(model)
    if duplicates:
        raise located(text, name, duplicates)
    o = model.overall
    return Snapshot(
        project_id=model.project.id,
        project_name=model.project.name,
        as_of=model.as_of,
        overall=OverallState(
            o.score, o.srs_in_score, o.srs_meeting_target, o.targets_met, o.targets, o.gaps
        ),
        targets=tuple(
            TargetState(
                t.id,
                t.type,
                t.name,
                tuple(t.sl_target),
                tuple(t.sl_achieved),
                t.score,
                t.meets_target,
                tuple(t.gaps),
                tuple(t.evidence),
            )
            for t in model.zones
        ),
        evidence=tuple(
            EvidenceState(e.id, e.collected_on, e.expires_on, e.expired) for e in model.evidence
        ),
    )


def _parse(path: Path) -> tuple[Any, str]:
    kind = kind_of(path)
    text = read_text(path)  # bounded by max_bytes(), like a project file
    return parse_text(text, str(path), kind), text


def read_snapshot(path: str | Path) -> Snapshot:
    """Read and validate one snapshot file. Raises :class:`ProjectError` on any bad input."""
    path = Path(path)
    data, text = _parse(path)
    return snapshot_from_data(data, str(path), text)


def read_results(path: str | Path, as_of: date, catalog: Catalog | None = None) -> Snapshot:
    """A snapshot from either kind of file, told apart by its ``format`` key: a project file
    (``zonewarden/v1``) is evaluated on ``as_of``; a snapshot file is read as it is."""
    path = Path(path)
    data, text = _parse(path)
    name = str(path)
    got = data.get("format") if isinstance(data, Mapping) else None
    if got == SNAPSHOT_FORMAT:
        return snapshot_from_data(data, name, text)
    if got == FORMAT:
        from zonewarden.catalog import default_catalog

        requirements = catalog or default_catalog()
        project = validate_data(data, name, requirements, text)
        return Snapshot.of(project, requirements, as_of)
    if got is None:
        found = (
            "no 'format' key at the top"
            if isinstance(data, Mapping)
            else (f"expected a mapping with a 'format' key; got {type(data).__name__}")
        )
        message = (
            f"neither a project file ('format: {FORMAT}') nor a snapshot "
            f"('format: {SNAPSHOT_FORMAT}'): {found}"
        )
        raise located(text, name, [(message, ())])
    message = (
        f"unsupported format {got!r}: expected {FORMAT!r} (a project file) "
        f"or {SNAPSHOT_FORMAT!r} (a snapshot)"
    )
    raise located(text, name, [(message, ("format",))])


_DATED = re.compile(r"-(\d{4}-\d{2}-\d{2})\.json")


def snapshot_files(project_id: str, folder: str | Path) -> list[tuple[date, Path]]:
    """The snapshot files of one project in ``folder`` (``<project-id>-<YYYY-MM-DD>.json``),
    oldest first; other projects' files and other names are ignored; a folder that does not
    exist holds none. A file named with an impossible date is an error naming it."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    prefix = project_id
    for path in folder.iterdir():
        name = path.name
        if not name.startswith(prefix):
            continue
        match = _DATED.fullmatch(name, len(prefix))
        if match is None or not path.is_file():
            continue
        try:
            day = date.fromisoformat(match[1])
        except ValueError:
            raise ProjectError(
                [Problem(f"the file name holds an impossible date {match[1]!r}", (), str(path))]
            ) from None
        found.append((day, path))
    return sorted(found)


def load_snapshots(project_id: str, folder: str | Path) -> tuple[Snapshot, ...]:
    """Every snapshot of one project in ``folder``, oldest first; a malformed file, or one whose
    project or date does not match its name, is an error naming it."""
    snapshots = []
    for day, path in snapshot_files(project_id, folder):
        snapshot = read_snapshot(path)
        if snapshot.project_id != project_id:
            raise ProjectError(
                [
                    Problem(
                        f"holds project {snapshot.project_id!r}, but its name says {project_id!r}",
                        ("project", "id"),
                        str(path),
                    )
                ]
            )
        if snapshot.as_of != day:
            raise ProjectError(
                [
                    Problem(
                        f"holds results as of {snapshot.as_of.isoformat()}, but its name says "
                        f"{day.isoformat()}",
                        ("as_of",),
                        str(path),
                    )
                ]
            )
        snapshots.append(snapshot)
    return tuple(snapshots)
