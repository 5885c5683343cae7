"""Fixtures of the web tests: users in each role of a project loaded from a real project file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from zonewarden.web.models.projects import MEMBER_ROLES

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "small.yaml"
EXAMPLE = ROOT / "examples" / "riverside-wtp.yaml"


@pytest.fixture
def make_user(db: Any) -> Any:
    from zonewarden.web.repositories.accounts import create_user

    def make(name: str, admin: bool = False, password: str | None = None) -> Any:
        """Tests log in with ``force_login``: no password (hashing with argon2 for every fixture
        user would dominate the run), unless a test logs in through the form."""
        return create_user(name, password, admin=admin, check=False)

    return make


@pytest.fixture
def small_project(db: Any, make_user: Any) -> Any:
    """The small fixture project; owner ``olivia`` and one member per other role (named after
    the role), plus ``mallory``, who is a member of another project only."""
    from zonewarden.web.repositories import projects

    owner = make_user("olivia")
    project = projects.create_project(owner, projects.parse_upload(SMALL.read_text(), SMALL.name))
    for role in MEMBER_ROLES:
        if role != "owner":
            make_user(role)
            projects.set_member(project.pk, "olivia", role, role)
    mallory = make_user("mallory")
    projects.create_project(mallory, projects.parse_upload(SMALL.read_text(), SMALL.name))
    return project


@pytest.fixture
def client_as(client: Any) -> Any:
    """A Django test client logged in as the named user (``None``: anonymous)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    def login(name: str | None) -> Client:
        c = Client(enforce_csrf_checks=True)
        if name is not None:
            c.force_login(get_user_model().objects.get(username=name))
        return c

    return login
