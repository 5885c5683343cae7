"""``bundle``: plan the evidence bundle for the auditor and check its files (issue 7).

Planning evaluates the project, lists every requirement in scope per zone and conduit with the
evidence its assessment cites, and reads every cited local file once: to measure it, compute
its SHA-256 and compare it with the ``sha256`` recorded on the evidence item. Nothing is
written here; :func:`zonewarden.reports.bundle.write_bundle` writes the zip from the plan.

Where a ``uri`` is read from is a *resolver* (``Callable[[Evidence], Source]``): the command
line resolves paths against the project file's folder (:class:`FileResolver`); the web app can
pass one that opens its stored files.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import IO, Any

from zonewarden.domain.bundle import (
    EvidenceState,
    IndexRow,
    UriKind,
    bundle_targets,
    cited_evidence,
    index_rows,
    local_path,
    member_path,
    uri_kind,
)
from zonewarden.domain.evaluation import Evaluation, evaluate
from zonewarden.domain.evidence import Evidence
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog
from zonewarden.domain.zones import Target

CHUNK = 1 << 16
DEFAULT_MAX_TOTAL = 2 << 30  # 2 GiB of evidence files


class BundleTooLarge(ValueError):
    """The evidence files add up to more than the configured limit."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where an evidence item's file comes from, as a resolver found it.

    ``kind`` is ``file`` (read it with ``open``), ``external`` (a reference only) or ``none``
    (no uri). ``location`` is what people are shown: a local path or the uri. The file keeps
    the last component of the uri as its name inside the bundle unless ``name`` is given.
    """

    kind: str
    location: str
    open: Callable[[], IO[bytes]] | None = field(default=None, compare=False, repr=False)
    name: str | None = None  # the original file name, when not the end of the uri


Resolver = Callable[[Evidence], Source]


def _open_regular(path: Path) -> IO[bytes]:
    """Open a regular file for reading (a FIFO or device is refused, never read)."""
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        raise IsADirectoryError(0, "not a regular file", str(path))
    return path.open("rb")


class FileResolver:
    """The command line's resolver: relative paths against the project file's folder,
    absolute paths and ``file://`` URIs as local files, ``http(s)://`` and other URIs as
    external."""

    def __init__(self, project_file: Path) -> None:
        self.folder = Path(project_file).parent.absolute()

    def __call__(self, evidence: Evidence) -> Source:
        uri = evidence.uri
        if not uri:
            return Source("none", "")
        kind = uri_kind(uri)
        if kind is UriKind.EXTERNAL:
            return Source("external", uri)
        path = Path(local_path(uri))
        if kind is UriKind.RELATIVE:
            path = self.folder / path
        return Source("file", str(path), lambda: _open_regular(path))


@dataclass(frozen=True, slots=True)
class BundleItem:
    """One cited evidence item and what the bundle does with it."""

    id: str
    title: str
    kind: str
    uri: str | None
    state: EvidenceState
    member: str | None  # its path inside the zip when bundled
    location: str  # local path or uri, as resolved
    size: int | None = None
    sha256: str | None = None  # of the file as read
    recorded_sha256: str | None = None  # from the project
    detail: str = ""  # what is wrong, in words
    expires_on: date | None = None
    expired: bool = False
    source: Source | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class BundlePlan:
    """Everything the bundle will hold, checked; :mod:`zonewarden.reports.bundle` writes it."""

    evaluation: Evaluation
    targets: tuple[Target, ...]
    rows: tuple[IndexRow, ...]
    items: tuple[BundleItem, ...]
    max_total: int

    @property
    def project(self) -> Project:
        return self.evaluation.project

    @property
    def as_of(self) -> date:
        return self.evaluation.as_of

    @property
    def scope(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.targets)

    @property
    def problems(self) -> tuple[BundleItem, ...]:
        """Missing, unreadable or mismatching local files."""
        return tuple(i for i in self.items if i.state.problem)

    @property
    def bundled(self) -> tuple[BundleItem, ...]:
        return tuple(i for i in self.items if i.state is EvidenceState.BUNDLED)

    @property
    def total_size(self) -> int:
        return sum(i.size or 0 for i in self.bundled)

    def item(self, evidence_id: str) -> BundleItem | None:
        return next((i for i in self.items if i.id == evidence_id), None)

    def counts(self) -> dict[str, int]:
        """Figures for the summary: requirements, satisfied, gaps and evidence per state."""
        figures = {
            "targets": len(self.targets),
            "requirements": len(self.rows),
            "satisfied": sum(1 for r in self.rows if r.satisfied),
            "gaps": sum(1 for r in self.rows if r.gap),
            "evidence": len(self.items),
            "expired": sum(1 for i in self.items if i.expired),
        }
        for state in EvidenceState:
            figures[state.value] = sum(1 for i in self.items if i.state is state)
        return figures


def plan_bundle(
    project: Project,
    catalog: Catalog,
    as_of: date,
    scope: Sequence[str] | None = None,
    resolver: Resolver | None = None,
    max_total: int = DEFAULT_MAX_TOTAL,
) -> BundlePlan:
    """Plan and check the bundle: raises :class:`~zonewarden.domain.bundle.UnknownTargets`
    for scope ids that are not zones or conduits, :class:`BundleTooLarge` past ``max_total``
    bytes of files; missing and mismatching files are items in :attr:`BundlePlan.problems`.
    """
    targets = bundle_targets(project, scope)
    evaluation = evaluate(project, catalog, as_of)
    rows = index_rows(evaluation, catalog, targets)
    resolve = resolver or FileResolver(Path("."))
    known = {e.id: e for e in project.evidence}
    items: list[BundleItem] = []
    members: set[str | None] = set()  # member paths taken so far
    total = 0
    for evidence_id in cited_evidence(rows):
        evidence = known.get(evidence_id)
        if evidence is None:
            items.append(
                BundleItem(
                    evidence_id,
                    evidence_id,
                    "",
                    None,
                    EvidenceState.UNKNOWN,
                    None,
                    "",
                    detail="cited by an assessment but not in the project's evidence list",
                )
            )
            continue
        source = resolve(evidence)
        try:
            item = _checked(evidence, source, as_of, max_total - total)
        except BundleTooLarge:
            raise BundleTooLarge(
                f"the evidence files exceed the bundle's limit of {size_text(max_total)} "
                f"at evidence {evidence.id} ({source.location}); raise the limit "
                "(--max-size) or narrow the scope (--scope)"
            ) from None
        if item.state is EvidenceState.BUNDLED and item.size is not None:
            total += item.size
            item = _unique(item, members)
            members.add(item.member)
        items.append(item)
    return BundlePlan(evaluation, targets, rows, tuple(items), max_total)


def _unique(item: BundleItem, taken: set[str | None]) -> BundleItem:
    """The item with a member path no other item has (ids that sanitise alike)."""
    if item.member not in taken or item.member is None:
        return item
    folder, _, name = item.member.rpartition("/")
    n = 2
    while f"{folder}-{n}/{name}" in taken:
        n += 1
    return replace(item, member=f"{folder}-{n}/{name}")


def _checked(evidence: Evidence, source: Source, as_of: date, room: int) -> BundleItem:
    """Read and hash one evidence file (:class:`BundleTooLarge` past ``room`` bytes)."""
    base: dict[str, Any] = {
        "id": evidence.id,
        "title": evidence.title,
        "kind": evidence.kind,
        "uri": evidence.uri,
        "location": source.location,
        "recorded_sha256": evidence.sha256,
        "expires_on": evidence.expires_on,
        "expired": evidence.expired(as_of),
        "source": source,
    }
    if source.kind == "none":
        return BundleItem(state=EvidenceState.NO_FILE, member=None, detail="no uri", **base)
    if source.kind != "file" or source.open is None:
        return BundleItem(state=EvidenceState.EXTERNAL, member=None, **base)
    try:
        size, digest = hash_stream(source.open, room)
    except FileNotFoundError:
        return BundleItem(state=EvidenceState.MISSING, member=None, detail="file not found", **base)
    except OSError as error:
        return BundleItem(
            state=EvidenceState.UNREADABLE,
            member=None,
            detail=f"cannot read: {error.strerror or error}",
            **base,
        )
    recorded = (evidence.sha256 or "").lower()
    if recorded and recorded != digest:
        return BundleItem(
            state=EvidenceState.MISMATCH,
            member=None,
            size=size,
            sha256=digest,
            detail=f"SHA-256 is {digest}, the project records {recorded}",
            **base,
        )
    return BundleItem(
        state=EvidenceState.BUNDLED,
        member=member_path(evidence.id, source.name or evidence.uri or evidence.id),
        size=size,
        sha256=digest,
        **base,
    )


def hash_stream(opener: Callable[[], IO[bytes]], limit: int) -> tuple[int, str]:
    """Size and SHA-256 of what ``opener`` returns; :class:`BundleTooLarge` past ``limit``."""
    digest = hashlib.sha256()
    size = 0
    with opener() as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise BundleTooLarge(f"more than {limit} bytes")
            digest.update(chunk)
    return size, digest.hexdigest()


def size_text(size: int) -> str:
    """``1.5 MiB``, ``312 bytes``."""
    value = float(size)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"  # pragma: no cover


def parse_size(text: str) -> int:
    """``2G``, ``500M``, ``64K``, ``1000`` (binary units) -> bytes; ValueError otherwise."""
    cleaned = text.strip().upper().removesuffix("B").removesuffix("I")
    factor = 1
    for suffix, power in (("K", 1), ("M", 2), ("G", 3), ("T", 4)):
        if cleaned.endswith(suffix):
            cleaned, factor = cleaned[:-1], 1024**power
            break
    number = float(cleaned)  # ValueError for anything else
    if number <= 0 or number != number:
        raise ValueError(text)
    return int(number * factor)


def plan_document(plan: BundlePlan) -> dict[str, Any]:
    """The plan as JSON: the ``bundle --format json`` document (before or after writing)."""
    return {
        "project": plan.project.id,
        "as_of": plan.as_of.isoformat(),
        "scope": list(plan.scope),
        "counts": plan.counts(),
        "total_size": plan.total_size,
        "evidence": [
            {
                "id": i.id,
                "title": i.title,
                "state": i.state.value,
                "path": i.member,
                "location": i.location,
                "size": i.size,
                "sha256": i.sha256,
                "expired": i.expired,
                "detail": i.detail or None,
            }
            for i in plan.items
        ],
        "problems": [
            {"id": i.id, "location": i.location, "problem": i.detail} for i in plan.problems
        ],
    }
