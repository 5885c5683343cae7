"""Fixtures of the API tests: clients logged in by session (with the CSRF token, as a browser
sends it) or by API token, and helpers to call the API with JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

CSRF_SECRET = "abcdefghijklmnopqrstuvwxyz012345"  # 32 characters, like Django's own secrets


@pytest.fixture(autouse=True)
def blob_dir(settings: Any, tmp_path: Any) -> Any:
    """Each test stores evidence files in a folder of its own."""
    settings.ZONEWARDEN_BLOB_DIR = tmp_path / "evidence"
    return settings.ZONEWARDEN_BLOB_DIR


class Api:
    """A Django test client with the API's base path and JSON helpers."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def call(self, method: str, path: str, body: Any = None, **kwargs: Any) -> Any:
        """``body``: JSON unless ``content_type`` is given; ``form=``: a multipart form."""
        if "form" in kwargs:
            kwargs["data"] = kwargs.pop("form")
        elif body is not None and "content_type" not in kwargs:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        elif body is not None:
            kwargs.update(data=body)
        return getattr(self.client, method.lower())("/api/v1" + path, **kwargs)

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.call("get", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.call("post", path, body, **kwargs)

    def put(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.call("put", path, body, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Any:
        return self.call("delete", path, **kwargs)


@pytest.fixture
def api_as(client_as: Any) -> Any:
    """An :class:`Api` for the named user's browser session, sending the CSRF token as the
    pages do (``None``: anonymous, also with the token)."""
    from django.conf import settings

    def make(name: str | None) -> Api:
        client = client_as(name)
        client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
        client.defaults["HTTP_X_CSRFTOKEN"] = CSRF_SECRET
        return Api(client)

    return make


@pytest.fixture
def api_with_token(db: Any) -> Any:
    """An :class:`Api` that sends ``Authorization: Bearer TOKEN`` for a new token of the user."""
    from django.test import Client

    from zonewarden.web.repositories.accounts import create_token

    def make(name: str) -> Api:
        token = create_token(name, "tests")
        return Api(Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {token}"))

    return make


@pytest.fixture
def owner(small_project: Any, api_as: Any) -> Api:
    """The owner of the small project (``olivia``), by session."""
    return api_as("olivia")


def fresh(project: Any) -> Any:
    from zonewarden.web.models import Project

    return Project.objects.get(pk=project.pk)
