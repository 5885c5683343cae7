"""Fixtures of the page tests (helpers that act like a browser are in browser.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def static_root(settings: Any) -> None:
    """WhiteNoise warns when the (empty, never collected) static folder does not exist."""
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
