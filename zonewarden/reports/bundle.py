"""Write the evidence bundle zip, and verify one (issue 7).

The zip holds ``README.txt``, ``index.html`` and ``index.csv`` (every requirement in scope per
zone and conduit, its status and its evidence), ``manifest.json`` (project, as_of, scope, every
file with its size and SHA-256, evidence id -> path), ``SHA256SUMS`` (the same hashes and the
manifest's, in the format ``sha256sum -c`` reads) and the evidence files under
``evidence/<evidence-id>/<file name>``.

Writing is atomic (a temporary file renamed into place; nothing is left behind on failure)
and deterministic: entries in name order, every timestamp ``as_of`` at midnight, fixed
permissions, so the same project, files and date give a byte-identical zip. Verification
treats the zip as untrusted: bounded entry count and sizes, no absolute or ``..`` names, no
links, no encryption, every hash recomputed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from zonewarden import __version__
from zonewarden.domain.bundle import (
    BUNDLE_FORMAT,
    MANIFEST,
    SUMS,
    BadManifest,
    EvidenceState,
    IndexRow,
    manifest_files,
    parse_sums,
    safe_member,
    status_text,
    sums_text,
    zip_time,
)
from zonewarden.domain.zones import Target
from zonewarden.services.bundle import CHUNK, BundleItem, BundlePlan, size_text

# already compressed formats are stored as they are
STORED_SUFFIXES = (".zip", ".png", ".jpg", ".jpeg", ".gif", ".xlsx", ".docx", ".pptx", ".gz")


class BundleWriteError(Exception):
    """The bundle could not be written (an evidence file changed or vanished meanwhile)."""


class NotABundle(Exception):
    """A file that is not a zip, not a ZoneWarden evidence bundle, or an unsafe zip."""


# -- the pages ----------------------------------------------------------------------------

README = """\
Evidence bundle made by ZoneWarden
==================================

This archive gathers the evidence behind an IEC 62443 assessment so that it can be reviewed
away from the assessor's systems.

  index.html    open it in a browser: per zone and conduit, every requirement in scope of
                its target security level, its status, and links to the evidence files
  index.csv     the same index as a table (one row per requirement and evidence item)
  manifest.json the project, the evaluation date, the scope, and every file with its size
                and SHA-256
  SHA256SUMS    the SHA-256 of every file, manifest.json included
  evidence/     the evidence files, one folder per evidence id

Checking that nothing was changed
---------------------------------

Without ZoneWarden, in the folder the archive was unpacked into:

    sha256sum -c SHA256SUMS                      (Linux, or macOS with coreutils)
    shasum -a 256 -c SHA256SUMS                  (macOS)
    Get-FileHash -Algorithm SHA256 <file>        (Windows PowerShell, file by file)

Every line must end in "OK". With ZoneWarden, on the archive itself:

    zonewarden bundle verify evidence.zip

which also reports files added to or missing from the archive.

These checks prove the files are the ones listed in SHA256SUMS. To know that SHA256SUMS is
the one the assessor wrote, compare the SHA-256 of the archive (or of SHA256SUMS) with the
value the assessor sent you by another channel.

Evidence referenced by a web address or kept elsewhere is listed in index.html but is not in
the archive; evidence whose file was missing when the bundle was made is marked as missing.
"""

_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;
max-width:72rem;padding:0 1rem;color:#1c2430}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #d4dae3}
table{border-collapse:collapse;width:100%;margin:.6rem 0}
th,td{border:1px solid #d4dae3;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f5}td.num{text-align:right}
.gap{color:#a4161a;font-weight:600}.ok{color:#1b6e3a}.warn{color:#8a5300;font-weight:600}
ul{margin:0;padding-left:1.1rem}code{font-size:.92em}
.facts th{width:16rem}.index td:first-child{white-space:nowrap}.index td:last-child{width:40%}
"""


def _target_heading(plan: BundlePlan, target: Target) -> str:
    anchor = f'<h2 id="t-{escape(target.id)}">{target.type.capitalize()} {escape(target.id)}: '
    heading = f"{anchor}{escape(target.name)}</h2>"
    result = plan.evaluation.result(target.id)
    if result is None:
        return heading
    score = "-" if result.score is None else f"{result.score:.1f}%"
    verdict = (
        '<span class="ok">meets SL-T</span>'
        if result.meets_target
        else '<span class="gap">misses SL-T</span>'
    )
    sl_t, sl_a = (" ".join(map(str, v)) for v in (target.sl_target, result.sl_achieved))
    return (
        f"{heading}\n<p>SL-T {sl_t}, SL-A {sl_a}: {verdict}; score {score}, "
        f"{result.gap_count} gaps.</p>"
    )


def _evidence_cell(items: dict[str, BundleItem], row: IndexRow) -> str:
    if not row.evidence:
        return ""
    entries = []
    for evidence_id in row.evidence:
        item = items.get(evidence_id)
        label = escape(evidence_id)
        if item is None:
            entries.append(f"<li>{label}</li>")
            continue
        title = escape(item.title)
        if item.member:
            text = f'<a href="{escape(quote(item.member))}">{label}</a> {title}'
        elif item.state is EvidenceState.EXTERNAL and _web(item.uri):
            link = escape(item.uri or "")
            text = (
                f'{label} {title} <a href="{link}" rel="noopener noreferrer">{link}</a> (external)'
            )
        else:
            where = f" <code>{escape(item.uri)}</code>" if item.uri else ""
            text = f'{label} {title}{where} <span class="warn">({escape(item.state.value)})</span>'
        if item.expired:
            text += f' <span class="warn">expired {item.expires_on}</span>'
        entries.append(f"<li>{text}</li>")
    return "<ul>" + "".join(entries) + "</ul>"


def _web(uri: str | None) -> bool:
    return bool(uri) and str(uri).lower().startswith(("http://", "https://"))


def _summary(plan: BundlePlan) -> Iterator[str]:
    project, counts = plan.project, plan.counts()
    facts = [
        ("Project", f"{escape(project.name)} (<code>{escape(project.id)}</code>)"),
        ("Organization", escape(project.organization or "-")),
        ("Evaluated on", plan.as_of.isoformat()),
        (
            "Scope",
            ", ".join(f'<a href="#t-{escape(t.id)}">{escape(t.id)}</a>' for t in plan.targets)
            or "(nothing)",
        ),
        ("Requirements in scope", str(counts["requirements"])),
        ("Satisfied / gaps", f"{counts['satisfied']} / {counts['gaps']}"),
        ("Evidence items cited", str(counts["evidence"])),
        ("Files in this bundle", f"{counts['bundled']} ({size_text(plan.total_size)})"),
        ("External references", str(counts["external"])),
        ("Without a file", str(counts["no file"] + counts["unknown"])),
        ("Missing or not matching", str(len(plan.problems))),
        ("Expired on the evaluation date", str(counts["expired"])),
    ]
    yield '<h2 id="summary">Summary</h2>\n<table class="facts">'
    yield from (f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts)
    yield "</table>"
    others = [i for i in plan.items if i.state is not EvidenceState.BUNDLED or i.expired]
    if others:
        yield "<h3>Evidence not in this bundle, or expired</h3>\n<table>"
        yield "<tr><th>Evidence</th><th>Title</th><th>State</th><th>Where</th></tr>"
        for item in others:
            state = item.state.value + (f", expired {item.expires_on}" if item.expired else "")
            detail = f" ({item.detail})" if item.detail and item.state.problem else ""
            yield (
                f"<tr><td>{escape(item.id)}</td><td>{escape(item.title)}</td>"
                f'<td class="warn">{escape(state + detail)}</td>'
                f"<td><code>{escape(item.member or item.uri or '')}</code></td></tr>"
            )
        yield "</table>"
    yield (
        "<p>To check the files: <code>sha256sum -c SHA256SUMS</code> in the unpacked folder, "
        "or <code>zonewarden bundle verify</code> on the zip (see README.txt).</p>"
    )


def index_html(plan: BundlePlan) -> str:
    """``index.html``: self-contained (inline style, no scripts), every text escaped."""
    title = f"Evidence bundle: {escape(plan.project.name)}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>IEC 62443-3-3 requirements in scope of each zone and conduit on "
        f"{plan.as_of.isoformat()}, with the evidence cited by their assessments. "
        f"Made by zonewarden {escape(__version__)}.</p>",
        *_summary(plan),
    ]
    items = {i.id: i for i in plan.items}
    by_target: dict[str, list[IndexRow]] = {}
    for row in plan.rows:
        by_target.setdefault(row.target, []).append(row)
    for target in plan.targets:
        parts.append(_target_heading(plan, target))
        rows = by_target.get(target.id, [])
        if not rows:
            parts.append("<p>No requirement in scope (SL-T 0 in every FR).</p>")
            continue
        parts.append(
            '<table class="index"><tr><th>Requirement</th><th>Title</th><th>SL-T</th>'
            "<th>Status</th><th>Result</th><th>Evidence</th></tr>"
        )
        for row in rows:
            how = row.satisfied_by if row.satisfied_by != "implemented" else None
            result = (
                '<span class="ok">satisfied</span>' + (f"<br>{escape(how)}" if how else "")
                if row.satisfied
                else '<span class="gap">gap</span>'
            )
            parts.append(
                f"<tr><td>{escape(row.requirement)}</td><td>{escape(row.title)}</td>"
                f'<td class="num">{row.sl_target}</td><td>{escape(status_text(row.status))}</td>'
                f"<td>{result}</td><td>{_evidence_cell(items, row)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


CSV_COLUMNS = (
    "target",
    "target_type",
    "requirement",
    "title",
    "sl_target",
    "status",
    "result",
    "evidence",
    "evidence_title",
    "file",
    "evidence_state",
    "expired",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in _FORMULA_STARTS else text  # never run as a formula


def index_csv(plan: BundlePlan) -> str:
    """``index.csv``: one row per requirement and evidence item (one row without evidence)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    items = {i.id: i for i in plan.items}
    for row in plan.rows:
        base = [
            row.target,
            row.target_type,
            row.requirement,
            row.title,
            row.sl_target,
            row.status,
            "satisfied" if row.satisfied else "gap",
        ]
        for evidence_id in row.evidence or (None,):
            item = items.get(evidence_id) if evidence_id else None
            extra = [
                evidence_id,
                item.title if item else None,
                (item.member or item.uri) if item else None,
                item.state.value if item else None,
                ("true" if item.expired else "false") if item else None,
            ]
            writer.writerow([_csv_cell(v) for v in (*base, *extra)])
    return out.getvalue()


# -- writing ------------------------------------------------------------------------------


def _info(name: str, plan: BundlePlan) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, zip_time(plan.as_of))
    info.create_system = 3  # Unix, so that unzip reads the permissions below
    info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
    if name.lower().endswith(STORED_SUFFIXES):
        info.compress_type = zipfile.ZIP_STORED
    else:
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = 6  # type: ignore[attr-defined]
    return info


def manifest_document(plan: BundlePlan, files: dict[str, tuple[int, str]]) -> dict[str, Any]:
    """``manifest.json``: ``files`` maps each member path to (size, sha256)."""
    project = plan.project
    return {
        "format": BUNDLE_FORMAT,
        "generator": f"zonewarden {__version__}",
        "project": {"id": project.id, "name": project.name, "organization": project.organization},
        "as_of": plan.as_of.isoformat(),
        "scope": [{"id": t.id, "type": t.type, "name": t.name} for t in plan.targets],
        "counts": plan.counts(),
        "files": [{"path": p, "size": n, "sha256": h} for p, (n, h) in sorted(files.items())],
        "evidence": {
            item.id: {
                "title": item.title,
                "state": item.state.value,
                "path": item.member,
                "uri": item.uri,
                "expires_on": item.expires_on.isoformat() if item.expires_on else None,
                "expired": item.expired,
                "detail": item.detail or None,
            }
            for item in sorted(plan.items, key=lambda i: i.id)
        },
    }


def write_bundle(plan: BundlePlan, output: Path, allow_missing: bool = False) -> str:
    """Write the bundle to ``output`` atomically; returns the zip's SHA-256.

    Refuses (ValueError) a plan with missing or mismatching files unless ``allow_missing``;
    then they are listed in the index and left out. Each evidence file is hashed again while
    it is copied: if it changed since planning, :class:`BundleWriteError` and nothing written.
    """
    if plan.problems and not allow_missing:
        raise ValueError(f"{len(plan.problems)} evidence files are missing or do not match")
    output = Path(output)
    texts = {
        "README.txt": README.encode("utf-8"),
        "index.html": index_html(plan).encode("utf-8"),
        "index.csv": index_csv(plan).encode("utf-8"),
    }
    files = {name: (len(data), hashlib.sha256(data).hexdigest()) for name, data in texts.items()}
    members: dict[str, BundleItem] = {}
    for item in plan.bundled:
        assert item.member is not None and item.size is not None and item.sha256 is not None
        files[item.member] = (item.size, item.sha256)
        members[item.member] = item
    manifest = json.dumps(manifest_document(plan, files), indent=2, ensure_ascii=False) + "\n"
    texts[MANIFEST] = manifest.encode("utf-8")
    listed = {**files, MANIFEST: (0, hashlib.sha256(texts[MANIFEST]).hexdigest())}
    texts[SUMS] = sums_text(listed).encode("utf-8")
    directory = output.parent if str(output.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w+b") as stream:
            with zipfile.ZipFile(stream, "w", allowZip64=True) as archive:
                for name in sorted({*texts, *members}):
                    if name in texts:
                        archive.writestr(_info(name, plan), texts[name])
                    else:
                        _copy(archive, _info(name, plan), members[name])
            stream.flush()
            os.fsync(stream.fileno())
            stream.seek(0)
            digest = _digest(stream)
        os.chmod(temporary, _file_mode())
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return digest


def _copy(archive: zipfile.ZipFile, info: zipfile.ZipInfo, item: BundleItem) -> None:
    """Copy one evidence file into the zip, checking it is still the file that was planned."""
    source = item.source
    if source is None or source.open is None or item.size is None:
        raise BundleWriteError(f"evidence {item.id}: no file to read")
    info.file_size = item.size
    digest = hashlib.sha256()
    size = 0
    try:
        with source.open() as stream, archive.open(info, "w") as target:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > item.size:
                    break
                digest.update(chunk)
                target.write(chunk)
    except OSError as error:
        raise BundleWriteError(
            f"evidence {item.id} ({item.location}): cannot read: {error.strerror or error}"
        ) from None
    if size != item.size or digest.hexdigest() != item.sha256:
        raise BundleWriteError(
            f"evidence {item.id} ({item.location}) changed while the bundle was written"
        )


def _digest(stream: Any) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _file_mode() -> int:
    from zonewarden.project.dump import default_file_mode

    return default_file_mode()


# -- verification -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VerifyLimits:
    """Bounds on an untrusted zip: entries, uncompressed bytes, compression ratio, manifest."""

    max_entries: int = 100_000
    max_total: int = 4 << 30
    max_ratio: int = 1000
    max_manifest: int = 64 << 20


@dataclass(frozen=True, slots=True)
class MemberProblem:
    """A member ``missing`` or ``extra``, whose content is a ``mismatch``, or that
    ``SHA256SUMS`` lists differently (``sums``)."""

    member: str
    problem: str
    detail: str


@dataclass(frozen=True, slots=True)
class Verification:
    """The result of :func:`verify_bundle`."""

    path: str
    sha256: str  # of the zip itself, to compare with the value sent by another channel
    manifest: dict[str, Any]
    checked: int
    problems: tuple[MemberProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def document(self) -> dict[str, Any]:
        scope = self.manifest.get("scope")
        return {
            "bundle": self.path,
            "sha256": self.sha256,
            "project": self.manifest.get("project"),
            "as_of": self.manifest.get("as_of"),
            "scope": [s.get("id") for s in scope if isinstance(s, dict)]
            if isinstance(scope, list)
            else [],
            "verified": self.ok,
            "files_checked": self.checked,
            "problems": [
                {"member": p.member, "problem": p.problem, "detail": p.detail}
                for p in self.problems
            ],
        }


def verify_bundle(path: Path, limits: VerifyLimits | None = None) -> Verification:
    """Recompute every hash of a bundle and compare with its manifest and ``SHA256SUMS``.

    Raises :class:`NotABundle` for a file that is not a zip, has no valid manifest, or is
    unsafe (too many entries, too large, absolute or ``..`` names, links, encryption); the
    members that are missing, extra or do not match are :attr:`Verification.problems`.
    """
    limits = limits or VerifyLimits()
    path = Path(path)
    if not path.is_file():
        raise NotABundle(f"{path}: not a file")
    try:
        with zipfile.ZipFile(path) as archive:
            members = _safe_members(archive, limits)
            manifest, files = _manifest(archive, members, limits)
            problems, checked = _check_files(archive, members, files)
            problems += _check_sums(archive, members, files, limits)
        with path.open("rb") as stream:
            digest = _digest(stream)
    except zipfile.BadZipFile as error:
        raise NotABundle(f"{path}: not a zip file ({error})") from None
    except BadManifest as error:
        raise NotABundle(f"{path}: {error}") from None
    except (OSError, EOFError, ValueError) as error:
        raise NotABundle(f"{path}: cannot read the zip: {error}") from None
    return Verification(str(path), digest, manifest, checked, tuple(problems))


def _safe_members(archive: zipfile.ZipFile, limits: VerifyLimits) -> dict[str, zipfile.ZipInfo]:
    """The members by name, after refusing anything that could hurt whoever unzips it."""
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise NotABundle(f"refused: {len(infos):,} entries (the limit is {limits.max_entries:,})")
    members: dict[str, zipfile.ZipInfo] = {}
    declared = 0
    for info in infos:
        name = info.filename
        refusal = _refusal(info, limits)
        if refusal is None and name in members:
            refusal = "appears twice"
        if refusal:
            raise NotABundle(f"refused: member {name!r} {refusal}")
        declared += info.file_size
        if declared > limits.max_total:
            raise NotABundle(
                f"refused: the members declare more than {size_text(limits.max_total)} "
                f"uncompressed (at {name!r})"
            )
        members[name] = info
    return members


def _refusal(info: zipfile.ZipInfo, limits: VerifyLimits) -> str | None:
    """Why one member is refused, or None."""
    if not safe_member(info.filename):
        return "has an unsafe name (absolute, '..' or backslash)"
    if info.create_system == 3 and (info.external_attr >> 16) & 0o170000 == 0o120000:
        return "is a symbolic link"
    if info.flag_bits & 0x1:
        return "is encrypted"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return f"uses compression method {info.compress_type}"
    if info.file_size > limits.max_total:
        return f"declares {size_text(info.file_size)} uncompressed"
    ratio = info.file_size // max(info.compress_size, 1)
    if info.file_size > 1 << 20 and ratio > limits.max_ratio:
        return f"expands {ratio} times (a zip bomb?)"
    return None


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member's bytes in chunks, never more than its declared size."""
    left = info.file_size
    with archive.open(info) as stream:
        while chunk := stream.read(min(CHUNK, left + 1)):
            left -= len(chunk)
            if left < 0:
                raise NotABundle(f"refused: member {info.filename!r} is larger than declared")
            yield chunk


def _manifest(
    archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], limits: VerifyLimits
) -> tuple[dict[str, Any], dict[str, tuple[int, str]]]:
    info = members.get(MANIFEST)
    if info is None:
        raise NotABundle("no manifest.json: not a ZoneWarden evidence bundle")
    if info.file_size > limits.max_manifest:
        raise NotABundle(f"refused: manifest.json is larger than {size_text(limits.max_manifest)}")
    try:
        manifest = json.loads(b"".join(_read(archive, info)))
    except (ValueError, zipfile.BadZipFile, zlib.error) as error:
        raise NotABundle(f"manifest.json cannot be read: {error}") from None
    files = manifest_files(manifest)
    files[MANIFEST] = (info.file_size, "")  # its hash is only in SHA256SUMS
    return manifest, files


def _check_files(
    archive: zipfile.ZipFile,
    members: dict[str, zipfile.ZipInfo],
    files: dict[str, tuple[int, str]],
) -> tuple[list[MemberProblem], int]:
    """Hash every listed member; ``files[MANIFEST]`` gets the manifest's actual hash."""
    problems: list[MemberProblem] = []
    checked = 0
    for name, (size, sha) in sorted(files.items()):
        info = members.get(name)
        if info is None:
            problems.append(MemberProblem(name, "missing", "in manifest.json, not in the zip"))
            continue
        digest, read = hashlib.sha256(), 0
        try:
            for chunk in _read(archive, info):
                read += len(chunk)
                digest.update(chunk)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
            problems.append(MemberProblem(name, "mismatch", f"cannot be read: {error}"))
            continue
        checked += 1
        actual = digest.hexdigest()
        if name == MANIFEST:
            files[name] = (read, actual)
        elif read != size or actual != sha:
            problems.append(
                MemberProblem(
                    name,
                    "mismatch",
                    f"SHA-256 {actual} ({read} bytes); manifest.json says {sha} ({size} bytes)",
                )
            )
    for name in sorted(set(members) - set(files) - {SUMS}):
        if not (name.endswith("/") and members[name].file_size == 0):  # skip folder entries
            problems.append(MemberProblem(name, "extra", "in the zip, not in manifest.json"))
    return problems, checked


def _check_sums(
    archive: zipfile.ZipFile,
    members: dict[str, zipfile.ZipInfo],
    files: dict[str, tuple[int, str]],
    limits: VerifyLimits,
) -> list[MemberProblem]:
    """``SHA256SUMS`` must list exactly the manifest's files and manifest.json with the same
    hashes: what ``sha256sum -c`` checks without ZoneWarden is then what was verified here."""
    info = members.get(SUMS)
    if info is None:
        return [MemberProblem(SUMS, "missing", "not in the zip")]
    if info.file_size > limits.max_manifest:
        return [MemberProblem(SUMS, "mismatch", f"larger than {size_text(limits.max_manifest)}")]
    try:
        listed, bad = parse_sums(b"".join(_read(archive, info)).decode("utf-8"))
    except (UnicodeDecodeError, zipfile.BadZipFile, zlib.error) as error:
        return [MemberProblem(SUMS, "mismatch", f"cannot be read: {error}")]
    problems = [MemberProblem(SUMS, "sums", f"line {n} is not '<sha256>  <file>'") for n in bad]
    for name, (_, sha) in sorted(files.items()):
        if name not in listed:
            problems.append(MemberProblem(name, "sums", "not listed in SHA256SUMS"))
        elif sha and listed[name] != sha:
            problems.append(
                MemberProblem(name, "sums", f"SHA256SUMS says {listed[name]}, it is {sha}")
            )
    for name in sorted(set(listed) - set(files)):
        problems.append(MemberProblem(name, "sums", "in SHA256SUMS, not in manifest.json"))
    return problems
