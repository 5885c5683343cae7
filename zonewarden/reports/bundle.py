"""Write the evidence bundle zip (issue 7); its pages are in :mod:`.bundle_pages`, its
verification in :mod:`.bundle_verify`.

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

import hashlib
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from zonewarden import __version__
from zonewarden.domain.bundle import (
    BUNDLE_FORMAT,
    MANIFEST,
    SUMS,
    sums_text,
    zip_time,
)
from zonewarden.reports.bundle_pages import README, index_csv, index_html
from zonewarden.services.bundle import CHUNK, BundleItem, BundlePlan

# already compressed formats are stored as they are
STORED_SUFFIXES = (".zip", ".png", ".jpg", ".jpeg", ".gif", ".xlsx", ".docx", ".pptx", ".gz")


class BundleWriteError(Exception):
    """The bundle could not be written (an evidence file changed or vanished meanwhile)."""


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
            digest = hashlib.file_digest(stream, "sha256").hexdigest()
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


def _file_mode() -> int:
    from zonewarden.project.dump import default_file_mode

    return default_file_mode()
