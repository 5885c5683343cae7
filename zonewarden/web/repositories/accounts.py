"""Users and API tokens (``zonewarden user create``, ``zonewarden token create``)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from zonewarden.web.models import ApiToken
from zonewarden.web.repositories.edits import EditError, NotFound

TOKEN_PREFIX = "zw_"
LAST_USED_RESOLUTION = timedelta(minutes=1)  # how exactly a token's last use is kept


def create_user(name: str, password: str | None, admin: bool = False, check: bool = True) -> Any:
    """A new account; ``password=None`` makes one that cannot log in by password."""
    User = get_user_model()
    if not name or len(name) > 150 or not all(c.isalnum() or c in "@.+-_" for c in name):
        raise EditError("NAME: letters, digits and @ . + - _ only, at most 150 characters")
    if User.objects.filter(username=name).exists():
        raise EditError(f"user {name!r} already exists")
    user = User(username=name, is_staff=admin, is_superuser=admin)
    if password is None:
        user.set_unusable_password()
        user.save()
        return user
    if check:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise EditError("password: " + " ".join(error.messages)) from None
    user.set_password(password)
    user.save()
    return user


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(username: str, name: str) -> str:
    """A new API token for ``username``; only its digest is stored, the token is returned once."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NotFound(f"user {username!r}: no such user")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user, name=name[:100] or "token", digest=digest(token), prefix=token[:8]
    )
    return token


def user_for_token(token: str) -> Any | None:
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    found = ApiToken.objects.filter(digest=digest(token)).select_related("user").first()
    if found is None or not found.user.is_active:
        return None
    now = timezone.now()
    if found.last_used_at is None or now - found.last_used_at > LAST_USED_RESOLUTION:
        # a write per request would queue every API call behind SQLite's single writer
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.user
