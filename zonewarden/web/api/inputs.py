"""Reading what a request sends: JSON bodies (any object: the services validate the fields and
name the place of a mistake), uploaded project files (bounded in size), the ``version`` of a
write, ``as_of`` dates and ids in the URL.

Anything malformed is refused with :class:`EditError` (400) or :class:`UploadRefused` (413)
before a service is called, so nothing is changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest

from zonewarden.project.fields import SLUG_PATTERN
from zonewarden.web.repositories.blobs import UploadRefused
from zonewarden.web.repositories.edits import EditError, NotFound

SLUG = re.compile(SLUG_PATTERN)
USER_NAME = re.compile(r"^[\w.@+-]{1,150}$", re.ASCII)
UPLOAD_NAME = re.compile(r"^[\w. ()+-]{1,100}$", re.ASCII)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false"}.get(
        type(value), "a number"
    )


def json_object(request: HttpRequest) -> dict[str, Any]:
    """The request body as a JSON object, or 400 saying why it is not one."""
    try:
        raw = request.body
    except RequestDataTooBig:
        raise UploadRefused(
            f"the request body is larger than the limit of "
            f"{int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0):,} bytes",
            status=413,
        ) from None
    if not raw.strip():
        raise EditError("body: expected a JSON object, got an empty body")
    try:
        value = json.loads(raw)
    except UnicodeDecodeError:
        raise EditError("body: not valid JSON (not UTF-8 text)") from None
    except json.JSONDecodeError as error:
        raise EditError(
            f"body: not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except (ValueError, RecursionError):
        raise EditError("body: not valid JSON (nested too deeply)") from None
    if not isinstance(value, dict):
        raise EditError(f"body: expected a JSON object, got {_kind(value)}")
    return value


def only_keys(body: dict[str, Any], allowed: Iterable[str]) -> None:
    """400 for a key of ``body`` outside ``allowed`` (typos must not vanish silently)."""
    allowed = tuple(allowed)
    for key in body:
        if key not in allowed:
            raise EditError(f"body.{key}: unknown key (expected {', '.join(allowed)})")


def text_field(body: dict[str, Any], key: str) -> str:
    """A required string field of a small body."""
    value = body.get(key)
    if not isinstance(value, str):
        raise EditError(f"body.{key}: expected a string, got {_kind(value)}")
    return value


def version_of(value: Any, where: str = "version") -> int | None:
    """A ``version`` sent by a client: a whole number >= 0, or absent (None)."""
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise EditError(f"{where}: expected a whole number (the version you read), got {value!r}")
    return value


def take_version(body: dict[str, Any], *read_only: str) -> int | None:
    """Remove ``version`` (and the other read-only fields) from a body; return the version."""
    version = version_of(body.pop("version", None))
    for key in read_only:
        body.pop(key, None)
    return version


def today() -> date:
    """The evaluation date when none is given: today in UTC."""
    return datetime.now(UTC).date()


def as_of(value: str | None) -> date:
    """The ``as_of`` query parameter (YYYY-MM-DD), today when absent."""
    return date_of(value, "as_of")


def date_of(value: str | None, name: str) -> date:
    """A date query parameter (YYYY-MM-DD) called ``name``, today when absent."""
    if value is None or value == "":
        return today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise EditError(f"{name}: expected a date YYYY-MM-DD, got {value!r}") from None


def object_key(key: str, noun: str) -> str:
    """An id from the URL. Ids are slugs: anything else cannot exist (404), and is never sent
    to the database (a control character would be refused by PostgreSQL)."""
    if not SLUG.fullmatch(key):
        raise NotFound(f"{noun} {key!r}: not found")
    return key


def user_name(name: str) -> str:
    if not USER_NAME.fullmatch(name):
        raise NotFound(f"user {name!r}: no such user")
    return name


def upload(request: HttpRequest) -> bytes:
    """The raw request body of a project file upload, at most ZONEWARDEN_MAX_UPLOAD_BYTES."""
    limit = int(settings.ZONEWARDEN_MAX_UPLOAD_BYTES)
    refused = UploadRefused(f"the file is larger than the limit of {limit:,} bytes", status=413)
    declared = request.META.get("CONTENT_LENGTH") or ""
    if declared.isdigit() and int(declared) > limit:
        raise refused
    try:
        data = request.body
    except RequestDataTooBig:
        raise refused from None
    if len(data) > limit:
        raise refused
    if not data.strip():
        raise EditError("body: expected a project file (YAML or JSON), got an empty body")
    return data


def upload_name(request: HttpRequest, given: str | None) -> str:
    """The name a project file upload is known by in messages (``upload.yaml:3:5: ...``):
    ``?name=``, or from the Content-Type, or ``upload`` (the format is then detected)."""
    if given:
        base = given.replace("\\", "/").rsplit("/", 1)[-1]
        if not UPLOAD_NAME.fullmatch(base) or base.strip(". ") == "":
            raise EditError(
                f"name: expected a file name (letters, digits, . _ - space), got {given!r}"
            )
        return base
    content_type = (request.content_type or "").lower()
    if content_type == "application/json" or content_type.endswith("+json"):
        return "upload.json"
    if content_type in ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"):
        return "upload.yaml"
    return "upload"
