"""The evidence bundle of a stored project (issue 7): the CLI's plan and zip writer
(:mod:`zonewarden.services.bundle`, :mod:`zonewarden.reports.bundle`) reading the evidence files
from the server's content-addressed store instead of the folder of a project file.

An evidence item's file is the one uploaded for it; an item without an upload is missing when
its ``uri`` names a local file (the server never reads its own disk by a path from a project),
a reference when the uri is a web address, and without a file when it has no uri. Every stored
file is checked against its SHA-256 while it is read: a file changed in the store is a problem
of the plan ("cannot read"), never a bundle with altered content.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import tempfile
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import IO

from zonewarden.catalog.loader import default_catalog
from zonewarden.domain.bundle import UnknownTargets, UriKind, uri_kind
from zonewarden.domain.evidence import Evidence as DomainEvidence
from zonewarden.services.bundle import BundlePlan, BundleTooLarge, Source, plan_bundle
from zonewarden.web.models import Evidence, Project
from zonewarden.web.repositories.blobs import CHUNK, storage
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.edits import EditError

MISSING_UPLOAD = "no file uploaded for it"


class _Checked(io.RawIOBase):
    """A stored file read once through, refused at its end if it does not match its SHA-256."""

    def __init__(self, path: Path, sha256: str) -> None:
        super().__init__()
        self._file = path.open("rb")
        self._digest = hashlib.sha256()
        self._sha256 = sha256

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        count = self._file.readinto(buffer)
        if count:
            self._digest.update(memoryview(buffer)[:count])
        elif self._digest.hexdigest() != self._sha256:
            raise OSError(errno.EIO, "the stored file does not match its SHA-256")
        return count or 0

    def close(self) -> None:
        self._file.close()
        super().close()


def _opener(sha256: str) -> IO[bytes]:
    return io.BufferedReader(_Checked(storage().path(sha256), sha256), CHUNK)


def _absent(location: str) -> IO[bytes]:
    raise FileNotFoundError(errno.ENOENT, MISSING_UPLOAD, location)


class StoredFiles:
    """The resolver of a project's evidence files: its uploads by evidence id."""

    def __init__(self, project: Project) -> None:
        rows = Evidence.objects.filter(project=project, blob__isnull=False).values_list(
            "key", "blob_id", "file_name"
        )
        self.uploads = {key: (str(sha), name) for key, sha, name in rows}

    def __call__(self, evidence: DomainEvidence) -> Source:
        found = self.uploads.get(evidence.id)
        if found is not None:
            sha256, name = found
            return Source("file", name, lambda: _opener(sha256), name=name)
        uri = evidence.uri
        if not uri:
            return Source("none", "")
        if uri_kind(uri) is UriKind.EXTERNAL:
            return Source("external", uri)
        return Source("file", uri, lambda: _absent(uri))


def bundle_plan(
    project: Project, as_of: date, scope: Sequence[str] | None = None
) -> tuple[BundlePlan, StoredFiles]:
    """The checked plan of the bundle (every stored file read and hashed once)."""
    files = StoredFiles(project)
    try:
        plan = plan_bundle(domain_of(project), default_catalog(), as_of, scope or None, files)
    except UnknownTargets as error:
        raise EditError(f"scope: {error}") from None
    except BundleTooLarge as error:
        message = str(error).partition("; raise the limit")[0]
        raise EditError(f"{message}; narrow the scope (scope=ZONE)") from None
    return plan, files


class TemporaryZip:
    """A written bundle read back in chunks and deleted once sent (or abandoned): the
    response closes it at its end, whether or not it was read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = path.stat().st_size
        self._handle: IO[bytes] | None = None

    def __iter__(self) -> Iterator[bytes]:
        self._handle = self.path.open("rb")
        while chunk := self._handle.read(CHUNK):
            yield chunk
        self.close()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        self.path.unlink(missing_ok=True)


def write_zip(plan: BundlePlan, allow_missing: bool) -> TemporaryZip:
    """Write the bundle zip into a temporary file (the CLI's writer, the same bytes)."""
    from zonewarden.reports.bundle import BundleWriteError, write_bundle

    handle, name = tempfile.mkstemp(prefix="zonewarden-bundle-", suffix=".zip")
    os.close(handle)
    path = Path(name)
    try:
        write_bundle(plan, path, allow_missing=allow_missing)
    except BundleWriteError as error:
        path.unlink(missing_ok=True)
        raise EditError(f"{error}; no bundle written") from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return TemporaryZip(path)
