"""Importing a file into an existing project (owner only): upload, preview what is added,
removed and changed, apply; a project changed in between is a conflict (409)."""

from __future__ import annotations

import html as html_module
import re
from typing import Any

import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.conftest import SMALL
from tests.web.pages.browser import csrf_token, post, text_of
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.edits import update_item


def edited_file() -> bytes:
    """The small project with scada renamed, a zone added and an asset removed."""
    document = yaml.safe_load(SMALL.read_text())
    document["zones"][0]["name"] = "SCADA network"
    document["zones"].append({"id": "lab", "name": "Test lab", "kind": "other", "sl_target": 1})
    document["assets"] = [a for a in document["assets"] if a["id"] != "fw-01"]
    return yaml.safe_dump(document, sort_keys=False).encode()


def upload(client: Any, project: Any, content: bytes, name: str = "edited.yaml") -> Any:
    return client.post(
        reverse("project-import", args=[project.pk]),
        {"file": SimpleUploadedFile(name, content), "csrfmiddlewaretoken": csrf_token(client)},
    )


def hidden(html: str, name: str) -> str:
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)">', html)
    assert match, name
    return html_module.unescape(match[1])


def test_preview_lists_what_would_be_added_removed_and_changed(small_project, client_as):
    response = upload(client_as("olivia"), small_project, edited_file())
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 added, 1 removed, 1 changed" in html
    assert "+ lab" in html and "− fw-01" in html and "~ scada" in html
    assert hidden(html, "revision") == str(small_project.revision)
    small_project.refresh_from_db()
    assert domain_of(small_project).zone("lab") is None  # nothing written yet


def test_applying_the_preview_replaces_the_project(small_project, client_as):
    client = client_as("olivia")
    html = upload(client, small_project, edited_file()).content.decode()
    data = {k: hidden(html, k) for k in ("name", "revision", "text")}
    response = post(client, reverse("project-import-apply", args=[small_project.pk]), data)
    assert response.status_code == 302
    small_project.refresh_from_db()
    domain = domain_of(small_project)
    assert domain.zone("lab") is not None and domain.zone("scada").name == "SCADA network"
    assert b"Imported edited.yaml" in client.get(response["Location"]).content


def test_applying_a_stale_preview_is_a_conflict_and_shows_a_fresh_preview(small_project, client_as):
    client = client_as("olivia")
    html = upload(client, small_project, edited_file()).content.decode()
    data = {k: hidden(html, k) for k in ("name", "revision", "text")}
    update_item(
        small_project.pk,
        "assessor",
        "assets",
        "hmi-01",
        {"id": "hmi-01", "name": "HMI 1", "zone": "scada", "type": "hmi"},
        1,
    )
    response = post(client, reverse("project-import-apply", args=[small_project.pk]), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "changed by someone else" in html
    assert hidden(html, "revision") == str(int(data["revision"]) + 1)
    assert "~ hmi-01" in html  # the fresh preview would undo the concurrent change
    small_project.refresh_from_db()
    assert domain_of(small_project).zone("lab") is None


def test_a_broken_file_shows_the_message_with_400_and_changes_nothing(small_project, client_as):
    response = upload(client_as("olivia"), small_project, b"format: zonewarden/v1\nproject: [\n")
    assert response.status_code == 400
    assert "edited.yaml" in text_of(response.content, "main")
    small_project.refresh_from_db()
    assert len(domain_of(small_project).zones) == 3


def test_the_same_file_changes_nothing(small_project, client_as):
    response = upload(client_as("olivia"), small_project, SMALL.read_bytes(), "small.yaml")
    assert response.status_code == 200
    assert b"Nothing would change" in response.content
    assert b"Apply these changes" not in response.content


def test_only_the_owner_imports(small_project, client_as):
    for name in ("assessor", "reviewer", "viewer", "auditor"):
        assert upload(client_as(name), small_project, edited_file()).status_code == 403, name
