"""Fixtures of the page tests (helpers that act like a browser are in browser.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    """Hashing each fixture user's password with argon2 is the slowest part of these tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def static_root(settings: Any) -> None:
    """WhiteNoise warns when the (empty, never collected) static folder does not exist."""
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
