"""Verify an evidence bundle (issue 7): ``zonewarden bundle verify`` and the web app.

The zip is untrusted: bounded entry count and sizes, no absolute or ``..`` names, no links, no
encryption; every member's SHA-256 is recomputed against ``manifest.json``, and ``SHA256SUMS``
must agree with the manifest. Missing, extra and changed members are each named.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zonewarden.domain.bundle import (
    MANIFEST,
    SUMS,
    BadManifest,
    manifest_files,
    parse_sums,
    safe_member,
)
from zonewarden.services.bundle import CHUNK, size_text


class NotABundle(Exception):
    """A file that is not a zip, not a ZoneWarden evidence bundle, or an unsafe zip."""


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
            digest = hashlib.file_digest(stream, "sha256").hexdigest()
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
