"""Headers of every download the API sends (evidence files, reports, project files): always an
attachment, never sniffed, never run as a page."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

SERVED_AS_IS = {"application/pdf", "image/png", "image/jpeg"}
SERVED_AS_TEXT = {"application/json", "application/xml", "application/yaml"}


def served_type(media_type: str) -> str:
    """The Content-Type a stored evidence file is served with: PDF and images as such, text as
    ``text/plain`` (never ``text/html``), anything else ``application/octet-stream``."""
    if media_type in SERVED_AS_IS:
        return media_type
    if media_type.startswith("text/") or media_type in SERVED_AS_TEXT:
        return "text/plain; charset=utf-8"
    return "application/octet-stream"


def attachment(file_name: str) -> str:
    """``Content-Disposition`` for ``file_name`` (RFC 6266): a plain ASCII ``filename`` that
    any client understands, and the exact name as ``filename*`` when it differs."""
    fallback = (
        "".join(c if " " <= c <= "~" and c not in '"\\;' else "_" for c in file_name).strip()
        or "download"
    )
    header = f'attachment; filename="{fallback}"'
    if fallback != file_name:
        header += f"; filename*=UTF-8''{quote(file_name, safe='')}"
    return header


def download_headers(response: Any, file_name: str) -> Any:
    """Set the headers of a download on ``response`` and return it."""
    response["Content-Disposition"] = attachment(file_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
