"""The evidence bundle for the auditor, its pure part: what goes in and where (issue 7).

The bundle is a zip an auditor can check on another machine: an index from every requirement
in scope of every zone and conduit of the certification scope to its evidence, the evidence
files themselves under ``evidence/<evidence-id>/<file name>``, and a manifest of their
SHA-256. This module decides the scope, the index rows, how a ``uri`` is to be read and the
names of the files inside the zip; reading files and writing the zip are done elsewhere
(:mod:`zonewarden.services.bundle`, :mod:`zonewarden.reports.bundle`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from urllib.parse import unquote, urlsplit

from zonewarden.domain.assessment import Status
from zonewarden.domain.audit_scope import scope_of
from zonewarden.domain.evaluation import Evaluation, Scope, effective_assessments
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog
from zonewarden.domain.zones import Target

BUNDLE_FORMAT = "zonewarden-bundle/v1"
EVIDENCE_FOLDER = "evidence"
MAX_NAME = 100  # characters of a file or folder name inside the bundle


class UnknownTargets(ValueError):
    """Scope ids that are neither a zone nor a conduit of the project."""

    def __init__(self, ids: Sequence[str], known: Sequence[str]) -> None:
        self.ids = tuple(ids)
        listed = ", ".join(known[:30]) + (", ..." if len(known) > 30 else "")
        super().__init__(f"unknown zone or conduit: {', '.join(self.ids)} (known: {listed})")


def bundle_targets(project: Project, requested: Sequence[str] | None = None) -> tuple[Target, ...]:
    """The zones and conduits of the bundle, in file order (zones, then conduits).

    ``requested`` names them (exactly those: naming two zones does not bring the conduit
    between them); when None, the certification scope as readiness reads it
    (:func:`~zonewarden.domain.audit_scope.scope_of`: listed zones bring the conduits between
    them; no scope is the whole system).
    """
    every = tuple(project.targets())
    if requested is None:
        requested = scope_of(project)
    known = [t.id for t in every]
    known_set = set(known)
    unknown = sorted({i for i in requested if i not in known_set})
    if unknown:
        raise UnknownTargets(unknown, known)
    wanted = set(requested)
    return tuple(t for t in every if t.id in wanted)


class UriKind(StrEnum):
    """How an evidence ``uri`` is read."""

    RELATIVE = "relative"  # a path relative to the project file's folder
    ABSOLUTE = "absolute"  # an absolute local path
    FILE = "file"  # a file:// URI
    EXTERNAL = "external"  # http(s):// or any other scheme: referenced, not bundled


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def uri_kind(uri: str) -> UriKind:
    """Classify an evidence ``uri``: a one-letter scheme is a Windows drive (``C:\\x``)."""
    match = _SCHEME.match(uri)
    if match and len(match.group(1)) > 1:
        return UriKind.FILE if match.group(1).lower() == "file" else UriKind.EXTERNAL
    if match or uri.startswith(("/", "\\")):
        return UriKind.ABSOLUTE
    return UriKind.RELATIVE


def local_path(uri: str) -> str:
    """The local path text of a relative, absolute or ``file://`` uri (percent-decoded for
    ``file://``; a host other than empty or ``localhost`` is kept as a UNC-style path)."""
    if uri_kind(uri) is not UriKind.FILE:
        return uri
    parts = urlsplit(uri)
    path = unquote(parts.path)
    if parts.netloc and parts.netloc.lower() != "localhost":
        return f"//{parts.netloc}{path}"
    if re.match(r"^/[A-Za-z]:", path):  # file:///C:/x on Windows
        return path[1:]
    return path


def file_name_of(uri: str) -> str:
    """The last component of a uri's path (``evidence/a b.pdf`` -> ``a b.pdf``)."""
    text = local_path(uri) if uri_kind(uri) is not UriKind.EXTERNAL else urlsplit(uri).path
    return re.split(r"[/\\]", text.rstrip("/\\"))[-1]


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str, fallback: str = "file") -> str:
    """A file or folder name that is the same on every system and never leaves its folder:
    letters, digits, ``.``, ``_`` and ``-`` only, no leading dot, at most 100 characters
    (keeping the extension)."""
    cleaned = _UNSAFE.sub("_", name).lstrip(".") or fallback
    if len(cleaned) > MAX_NAME:
        stem, dot, suffix = cleaned.rpartition(".")
        if dot and 0 < len(suffix) <= 10:
            cleaned = f"{stem[: MAX_NAME - len(suffix) - 1]}.{suffix}"
        else:
            cleaned = cleaned[:MAX_NAME]
    return cleaned


def member_path(evidence_id: str, uri: str) -> str:
    """Where an evidence file goes inside the bundle: ``evidence/<id>/<file name>``."""
    return f"{EVIDENCE_FOLDER}/{safe_name(evidence_id, 'evidence')}/{safe_name(file_name_of(uri))}"


def safe_member(name: str) -> bool:
    """True for a zip member name that stays inside the folder it is unzipped in."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    if re.match(r"^[A-Za-z]:", name):
        return False
    parts = name.rstrip("/").split("/")
    return all(part not in ("", ".", "..") for part in parts)


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One requirement in scope of one zone or conduit, and the evidence its assessment cites."""

    target: str
    target_type: str
    requirement: str
    title: str
    fr: int
    min_sl: int
    sl_target: int
    status: str
    satisfied: bool
    satisfied_by: str | None
    evidence: tuple[str, ...]

    @property
    def gap(self) -> bool:
        return not self.satisfied


def index_rows(
    evaluation: Evaluation, catalog: Catalog, targets: Iterable[Target]
) -> tuple[IndexRow, ...]:
    """Every requirement in scope of each target's SL-T, in catalog order, with its status,
    whether it is satisfied or a gap (from the evaluation) and the evidence it cites."""
    project, as_of = evaluation.project, evaluation.as_of
    scope = Scope.of(catalog)
    rows: list[IndexRow] = []
    results = {r.target.id: r for r in evaluation.results}
    for target in targets:
        result = results.get(target.id)
        gaps = {r.id for r, _, _ in result.unsatisfied} if result else set()
        effective = effective_assessments(scope, project.assessments_of(target.id))
        for requirement in scope.requirements:
            fr = int(requirement.fr) if requirement.fr else 0
            t = target.sl_target[fr - 1]
            if not requirement.in_scope(t):
                continue
            assessment = effective[requirement.id]
            satisfied = requirement.id not in gaps
            rows.append(
                IndexRow(
                    target=target.id,
                    target_type=target.type,
                    requirement=requirement.id,
                    title=requirement.title,
                    fr=fr,
                    min_sl=requirement.min_sl,
                    sl_target=t,
                    status=assessment.status.value,
                    satisfied=satisfied,
                    satisfied_by=assessment.how_satisfied(as_of) if satisfied else None,
                    evidence=assessment.evidence,
                )
            )
    return tuple(rows)


def cited_evidence(rows: Iterable[IndexRow]) -> tuple[str, ...]:
    """The evidence ids the rows cite, each once, in order of first citation."""
    return tuple(dict.fromkeys(e for row in rows for e in row.evidence))


class EvidenceState(StrEnum):
    """What became of a cited evidence item in the bundle."""

    BUNDLED = "bundled"
    MISSING = "missing"  # a local file that does not exist
    UNREADABLE = "unreadable"  # exists but cannot be read (permissions, not a regular file)
    MISMATCH = "sha256 mismatch"  # the file differs from the recorded sha256
    EXTERNAL = "external"  # a reference (http(s) or other URI), not bundled
    NO_FILE = "no file"  # the evidence item has no uri
    UNKNOWN = "unknown"  # cited by an assessment but not in the project's evidence list

    @property
    def problem(self) -> bool:
        """A missing, unreadable or mismatching local file: nothing is written unless allowed."""
        return self in (EvidenceState.MISSING, EvidenceState.UNREADABLE, EvidenceState.MISMATCH)

    @property
    def warning(self) -> bool:
        return self in (EvidenceState.NO_FILE, EvidenceState.UNKNOWN)


def status_text(status: str) -> str:
    """``not_implemented`` -> ``not implemented``."""
    return Status(status).value.replace("_", " ")


# -- the manifest and SHA256SUMS ------------------------------------------------------------

MANIFEST, SUMS = "manifest.json", "SHA256SUMS"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_SUM_LINE = re.compile(r"^([0-9a-fA-F]{64}) [ *](.+)$")


class BadManifest(ValueError):
    """A manifest.json that is not a ZoneWarden bundle manifest, or names an unsafe path."""


def sums_text(files: Mapping[str, tuple[int, str]]) -> str:
    """``SHA256SUMS`` as ``sha256sum`` writes it: ``<hash>  <path>`` per line, by path."""
    return "".join(f"{sha}  {path}\n" for path, (_, sha) in sorted(files.items()))


def parse_sums(text: str) -> tuple[dict[str, str], list[int]]:
    """Path -> SHA-256 of a ``SHA256SUMS`` text, and the numbers of lines not in its format."""
    listed: dict[str, str] = {}
    bad: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _SUM_LINE.match(line)
        if match:
            listed[match.group(2)] = match.group(1).lower()
        else:
            bad.append(number)
    return listed, bad


def manifest_files(manifest: object) -> dict[str, tuple[int, str]]:
    """Path -> (size, sha256) of a parsed manifest.json; :class:`BadManifest` when it is not
    one, or names an unsafe or reserved path."""
    if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
        raise BadManifest(f"manifest.json: not a {BUNDLE_FORMAT} manifest")
    entries = manifest.get("files")
    if not isinstance(entries, list):
        raise BadManifest("manifest.json: 'files' is not a list")
    files: dict[str, tuple[int, str]] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            raise BadManifest("manifest.json: an entry of 'files' is not an object")
        name, size, sha = entry.get("path"), entry.get("size"), entry.get("sha256")
        if not isinstance(name, str) or not safe_member(name) or name in (MANIFEST, SUMS):
            raise BadManifest(f"manifest.json: unsafe or reserved path {name!r}")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise BadManifest(f"manifest.json: {name}: size is not a number of bytes")
        if not isinstance(sha, str) or not _HEX64.match(sha):
            raise BadManifest(f"manifest.json: {name}: sha256 is not a SHA-256 digest")
        files[name] = (size, sha)
    return files


def zip_time(as_of: date) -> tuple[int, int, int, int, int, int]:
    """The timestamp of every member: ``as_of`` at midnight, within what zip can record."""
    day = min(max(as_of, date(1980, 1, 1)), date(2107, 12, 31))
    return (day.year, day.month, day.day, 0, 0, 0)
