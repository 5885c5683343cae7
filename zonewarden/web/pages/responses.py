"""Responses every page module shares: a refusal shown as a page (or, to htmx, as a message
in the page's message area) and file downloads that are never rendered by the browser."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from zonewarden.web.errors import status_of

# media types a download keeps; everything else is served as application/octet-stream
KEPT_MEDIA_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "text/plain"})


def refusal(request: HttpRequest, error: Exception, status: int | None = None) -> HttpResponse:
    """The service's message with its HTTP status (400, 403, 404, 409, 413...)."""
    code = status if status is not None else status_of(error)
    context = {"status": code, "message": str(error)}
    if getattr(request, "htmx", False):
        response = render(request, "zonewarden/_message.html", context, status=code)
        response["HX-Retarget"] = "#messages"
        response["HX-Reswap"] = "innerHTML"
        return response
    return render(request, "zonewarden/error.html", context, status=code)


def _protect(response: HttpResponse | StreamingHttpResponse, file_name: str) -> None:
    response["Content-Disposition"] = content_disposition_header(True, file_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"


def attachment(content: str | bytes, file_name: str, media_type: str) -> HttpResponse:
    """A generated file (export, report) offered for download, never shown inline."""
    if isinstance(content, str):
        content = content.encode("utf-8")
        media_type = f"{media_type}; charset=utf-8"
    response = HttpResponse(content, content_type=media_type)
    _protect(response, file_name)
    return response


def attachment_stream(
    chunks: Iterable[bytes], file_name: str, media_type: str, size: int | None = None
) -> StreamingHttpResponse:
    """An uploaded evidence file: attachment only, sandboxed, and typed as octet-stream unless it
    is a PDF, PNG, JPEG or plain text (so the browser never guesses a type to render)."""
    kept = media_type if media_type in KEPT_MEDIA_TYPES else "application/octet-stream"
    response = StreamingHttpResponse(chunks, content_type=kept)
    if size is not None:
        response["Content-Length"] = str(size)
    _protect(response, file_name)
    return response


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 gap``, ``2 gaps``."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def page_context(here: Any, section: str, **extra: Any) -> dict[str, Any]:
    """What every project page's template needs: project, role, rights, date, active section."""
    return {
        "here": here,
        "project": here.project,
        "role": here.role,
        "rights": here.rights(),
        "as_of": here.as_of,
        "as_of_query": here.query(),
        "section": section,
        **extra,
    }
