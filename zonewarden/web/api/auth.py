"""Who is calling the API: an API token (``Authorization: Bearer TOKEN``) or the browser's
session cookie.

A session must also carry the CSRF token on unsafe methods (another site can make a browser
send its cookie, but not read the token). A token needs none: another site cannot make a
browser send an ``Authorization`` header. Nobody authenticated: 401.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from zonewarden.web.repositories.accounts import user_for_token


class BearerToken(HttpBearer):
    """``Authorization: Bearer zw_...``: a token made with ``zonewarden token create``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        return user_for_token(token)


class Session(APIKeyCookie):
    """The Django session of a logged-in browser, with the CSRF check on unsafe methods.

    Unlike ninja's ``SessionAuth``, the CSRF check runs only once a session user is found, so
    an anonymous request is answered 401 (not 403) whatever its method.
    """

    def __init__(self) -> None:
        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(
                403,
                "CSRF check failed: a browser session must send the X-CSRFToken header on "
                "changes (or use an API token)",
            )
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        return self(request)  # pragma: no cover - __call__ does the work


def user_of(request: HttpRequest) -> Any:
    """The authenticated user of an API request."""
    return request.auth  # type: ignore[attr-defined]


def actor(request: HttpRequest) -> str:
    """The name recorded in the audit trail for this request's changes."""
    return str(user_of(request).get_username())
