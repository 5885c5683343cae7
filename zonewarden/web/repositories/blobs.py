"""Evidence files stored by content (issue 4, deliverable 6).

A file is kept once under its SHA-256, in a two-level fan-out of folders, written to a temporary
name and renamed into place (never half-written); its hash is checked again on every read. The
:class:`BlobStorage` protocol is what an object-storage backend would implement.
Uploads are bounded in size and must be of an allowed type (by extension and leading bytes);
they are served as attachments, never inline, so a stored file is never rendered or executed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Protocol

from django.conf import settings
from django.db import IntegrityError, transaction

from zonewarden.web.models import Blob

CHUNK = 1 << 16

# extension -> media type served; what assessors attach: documents, exports, captures, images
ALLOWED_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".log": "text/plain",
    ".csv": "text/csv",
    ".json": "application/json",
    ".xml": "application/xml",
    ".yaml": "application/yaml",
    ".yml": "application/yaml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".zip": "application/zip",
    ".pcap": "application/vnd.tcpdump.pcap",
    ".pcapng": "application/vnd.tcpdump.pcap",
}
# leading bytes a file of the type must start with (types without a signature are not sniffed)
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".xlsx": (b"PK\x03\x04",),
    ".docx": (b"PK\x03\x04",),
    ".zip": (b"PK\x03\x04", b"PK\x05\x06"),
    ".pcap": (b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4", b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d"),
    ".pcapng": (b"\x0a\x0d\x0d\x0a",),
}
TEXT_TYPES = {".txt", ".log", ".csv", ".json", ".xml", ".yaml", ".yml"}


class UploadRefused(Exception):
    """An upload that is too large or of a type not allowed (HTTP 400/413)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class CorruptBlob(Exception):
    """A stored file whose content no longer matches its hash."""


class BlobStorage(Protocol):
    def put(self, stream: IO[bytes], limit: int) -> tuple[str, int, bytes]: ...
    def open(self, sha256: str) -> Iterator[bytes]: ...
    def delete_unused(self, digests: Iterable[str]) -> None: ...


def media_type_for(file_name: str, head: bytes) -> str:
    """The media type of an allowed upload, or :class:`UploadRefused` naming what is allowed."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in ALLOWED_TYPES:
        allowed = ", ".join(sorted(ALLOWED_TYPES))
        raise UploadRefused(
            f"file {file_name!r}: type {suffix or '(none)'} is not allowed; allowed: {allowed}"
        )
    signatures = SIGNATURES.get(suffix)
    if signatures and not head.startswith(signatures):
        raise UploadRefused(f"file {file_name!r}: its content is not a {suffix} file")
    if suffix in TEXT_TYPES and b"\x00" in head:
        raise UploadRefused(f"file {file_name!r}: a {suffix} file must be text")
    return ALLOWED_TYPES[suffix]


class FileSystemBlobStorage:
    """Files under ``root/ab/cd/<sha256>``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise CorruptBlob(f"{sha256!r} is not a SHA-256 digest")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, stream: IO[bytes], limit: int) -> tuple[str, int, bytes]:
        """Store the stream (at most ``limit`` bytes); returns digest, size and the first bytes."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        head = b""
        handle, temporary = tempfile.mkstemp(prefix=".upload-", dir=self.root)
        try:
            with os.fdopen(handle, "wb") as out:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise UploadRefused(
                            f"the file is larger than the limit of {limit:,} bytes", status=413
                        )
                    if len(head) < 16:
                        head = (head + chunk)[:16]
                    digest.update(chunk)
                    out.write(chunk)
            sha = digest.hexdigest()
            target = self.path(sha)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                os.unlink(temporary)
            else:
                os.chmod(temporary, 0o640)
                os.replace(temporary, target)
            return sha, size, head
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def open(self, sha256: str) -> Iterator[bytes]:
        """The file's bytes, checked against the digest: reads it whole once to verify, then
        yields it (a corrupted file is refused before any byte is sent)."""
        path = self.path(sha256)
        digest = hashlib.sha256()
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
        except FileNotFoundError:
            raise CorruptBlob(f"evidence file {sha256[:12]}… is missing from the store") from None
        if digest.hexdigest() != sha256:
            raise CorruptBlob(f"evidence file {sha256[:12]}… does not match its SHA-256: refused")
        return self._chunks(path)

    @staticmethod
    def _chunks(path: Path) -> Iterator[bytes]:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk

    def delete_unused(self, digests: Iterable[str]) -> None:
        """Delete the files of ``digests`` that no evidence item refers to any more."""
        from zonewarden.web.models import Evidence

        for sha in digests:
            if Evidence.objects.filter(blob_id=sha).exists():
                continue
            Blob.objects.filter(sha256=sha).delete()
            self.path(sha).unlink(missing_ok=True)


def storage() -> FileSystemBlobStorage:
    return FileSystemBlobStorage(Path(settings.ZONEWARDEN_BLOB_DIR))


def store_upload(stream: IO[bytes], file_name: str) -> Blob:
    """Store an upload and return its :class:`Blob` row (one row per content)."""
    sha, size, head = storage().put(stream, int(settings.ZONEWARDEN_MAX_UPLOAD_BYTES))
    try:
        media_type = media_type_for(file_name, head)
    except UploadRefused:
        if not Blob.objects.filter(sha256=sha).exists():  # not kept for another upload
            storage().path(sha).unlink(missing_ok=True)
        raise
    try:
        with transaction.atomic():
            blob, _ = Blob.objects.get_or_create(
                sha256=sha, defaults={"size": size, "media_type": media_type}
            )
    except IntegrityError:
        blob = Blob.objects.get(sha256=sha)
    return blob
