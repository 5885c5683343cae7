"""Pages rendered once per project revision and reader.

A read-only page (the matrix, the overview, the gap register) is a function of the project's
content (its revision), the URL (date, filters, page), the reader (their name shows in the top
bar, their role decides which controls show) — and of the CSRF token, which differs per
request. The page is kept with the token replaced by a placeholder and served again with the
request's own token, so 16 readers of one zone's matrix cost one rendering per revision.
Pages with pending messages, htmx requests and refusals are never kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from zonewarden.web.models import Project
from zonewarden.web.repositories.results import cached

PLACEHOLDER = "\x00csrf\x00"  # never in a page: the project file refuses control characters
_TOKEN = re.compile(r'"X-CSRFToken": "([A-Za-z0-9]+)"')


def _keepable(request: HttpRequest) -> bool:
    if request.method != "GET" or getattr(request, "htmx", False):
        return False
    return len(messages.get_messages(request)) == 0  # len() does not mark them read


def rendered_once(
    request: HttpRequest, project: Project, role: str, render: Callable[[], HttpResponse]
) -> HttpResponse:
    """``render()``'s response, or the kept copy of it for this revision, URL and reader."""
    if not _keepable(request):
        return render()
    refused: list[HttpResponse] = []

    def keep() -> tuple[str, str] | None:
        response = render()
        found = _TOKEN.search(response.content.decode())
        if response.status_code != 200 or found is None:
            refused.append(response)
            return None
        page = response.content.decode().replace(found.group(1), PLACEHOLDER)
        return response["Content-Type"], page

    key = f"page:{request.get_full_path()}:{request.user.pk}:{role}"
    kept = cached(project, timezone.localdate(), key, keep)  # a page without as_of is today's
    if kept is None:
        return refused[0] if refused else render()
    content_type, page = kept
    return HttpResponse(page.replace(PLACEHOLDER, get_token(request)), content_type=content_type)
