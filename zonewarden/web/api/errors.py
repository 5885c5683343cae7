"""Error answers of the API: every refusal is ``{"detail": "<message>"}`` with the status that
:func:`zonewarden.web.errors.status_of` gives the pages too; a stale write (409) also carries
``"current"``, the object as it is now (or ``null`` when it was deleted)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja.errors import AuthenticationError, ValidationError

from zonewarden.web.errors import REFUSALS, status_of
from zonewarden.web.repositories.edits import Conflict

if TYPE_CHECKING:
    from ninja import NinjaAPI

UNAUTHENTICATED = (
    "authentication required: send 'Authorization: Bearer TOKEN' (zonewarden token create) "
    "or log in"
)


def current_of(error: Conflict) -> Any:
    """The representation carried by a conflict: the services give ``{"version", "data"}``,
    the API answers with the object's fields plus ``"version"``."""
    current = error.current
    if isinstance(current, dict) and set(current) == {"version", "data"}:
        data = current["data"] if isinstance(current["data"], dict) else {}
        return {**data, "version": current["version"]}
    return current


def install(api: NinjaAPI) -> None:
    """Register the API's error answers on ``api``."""

    def refusal(request: HttpRequest, error: Exception) -> HttpResponse:
        body: dict[str, Any] = {"detail": str(error)}
        if isinstance(error, Conflict):
            body["current"] = current_of(error)
        return api.create_response(request, body, status=status_of(error))

    def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
        return api.create_response(
            request, {"detail": "\n".join(_parameter_message(e) for e in error.errors)}, status=400
        )

    def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
        response = api.create_response(request, {"detail": UNAUTHENTICATED}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="zonewarden"'
        return response

    def too_big(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
        limit = int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0)
        return api.create_response(
            request,
            {"detail": f"the request body is larger than the limit of {limit:,} bytes"},
            status=413,
        )

    for refused in REFUSALS:
        api.add_exception_handler(refused, refusal)
    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(RequestDataTooBig, too_big)


def _parameter_message(error: dict[str, Any]) -> str:
    """``version (query): Input should be a valid integer``: the parameter named first."""
    location = [str(part) for part in error.get("loc", ())]
    where, names = (location[0], location[1:]) if location else ("request", [])
    name = ".".join(names) or where
    message = str(error.get("msg", "invalid value"))
    given = error.get("input")
    if isinstance(given, str | int | float) and not isinstance(given, bool):
        message += f", got {given!r}"
    return f"{name} ({where}): {message}"
