"""What the page tests do as a browser would: CSRF-checked form posts, htmx requests, and
reading an element's text out of a page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from django.urls import reverse

AS_OF = "2026-11-26"  # the date the small project's numbers are derived for (tests/cli)
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


def csrf_token(client: Any) -> str:
    """The CSRF secret of the client's session, taken from a page as a browser would."""
    if "csrftoken" not in client.cookies:
        client.get(reverse("project-list"))
    if "csrftoken" not in client.cookies:
        client.get(reverse("login"))
    return client.cookies["csrftoken"].value


def post(client: Any, url: str, data: dict[str, Any] | None = None, htmx: bool = False) -> Any:
    """A form POST carrying the CSRF token (a plain browser form, or htmx with its header)."""
    fields = dict(data or {})
    headers = {}
    if htmx:
        headers = {"HX-Request": "true", "X-CSRFToken": csrf_token(client)}
    else:
        fields["csrfmiddlewaretoken"] = csrf_token(client)
    return client.post(url, fields, headers=headers)


def hx_get(client: Any, url: str) -> Any:
    return client.get(url, headers={"HX-Request": "true"})


class _Finder(HTMLParser):
    def __init__(self, wanted: str) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted, self.depth, self.parts, self.found = wanted, 0, [], False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.wanted and not self.found:
            self.depth, self.found = 1, True

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def text_of(html: bytes | str, element_id: str) -> str:
    """The text inside the element with this id, whitespace collapsed ('' if absent)."""
    finder = _Finder(element_id)
    finder.feed(html.decode() if isinstance(html, bytes) else html)
    return re.sub(r"\s+", " ", " ".join(finder.parts)).strip()


def has_id(html: bytes | str, element_id: str) -> bool:
    finder = _Finder(element_id)
    finder.feed(html.decode() if isinstance(html, bytes) else html)
    return finder.found
