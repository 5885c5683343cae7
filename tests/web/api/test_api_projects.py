"""Projects through the API: create, import (new project, or into one: preview then apply),
export (lossless: the bytes of ``zonewarden convert``), the project section, delete, members."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.web.api.conftest import fresh
from tests.web.api.test_api_results import CLI
from tests.web.conftest import EXAMPLE, SMALL

BAD_YAML = (
    "format: zonewarden/v1\n"
    "project: {id: p, name: P}\n"
    "zones:\n"
    "  - {id: a, name: A, kind: control, sl_target: 9}\n"
)


def convert(path: Path, to: str) -> str:
    done = subprocess.run([CLI, "convert", str(path), "--to", to], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize("path", [SMALL, EXAMPLE], ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_import_then_export_gives_the_bytes_of_zonewarden_convert(owner, path, fmt) -> None:
    response = owner.post("/projects/import", path.read_bytes(), content_type="application/yaml")
    assert response.status_code == 201, response.content
    pid = response.json()["id"]
    exported = owner.get(f"/projects/{pid}/export?format={fmt}")
    assert exported.status_code == 200
    assert exported.content.decode("utf-8") == convert(path, fmt)
    key = response.json()["key"]
    assert exported["Content-Disposition"] == f'attachment; filename="{key}.{fmt}"'
    assert exported["Content-Type"].startswith(f"application/{fmt}")


def test_an_exported_json_file_imports_again_to_the_same_file(owner) -> None:
    first = owner.post("/projects/import", EXAMPLE.read_bytes(), content_type="text/yaml").json()
    text = owner.get(f"/projects/{first['id']}/export?format=json").content
    second = owner.post("/projects/import", text, content_type="application/json").json()
    again = owner.get(f"/projects/{second['id']}/export?format=json").content
    assert again == text


def test_an_unknown_export_format_is_400(owner, small_project) -> None:
    response = owner.get(f"/projects/{small_project.pk}/export?format=xml")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("format:")


def test_a_bad_project_file_is_refused_with_the_cli_message_and_nothing_is_created(owner) -> None:
    from zonewarden.web.models import Project

    before = Project.objects.count()
    response = owner.post("/projects/import", BAD_YAML, content_type="application/yaml")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "upload.yaml:4:48: zones[0].sl_target: security level must be 0-4, got 9"
    }
    named = owner.post("/projects/import?name=plant.yml", BAD_YAML, content_type="text/plain")
    assert named.json()["detail"].startswith("plant.yml:4:48: zones[0].sl_target")
    assert Project.objects.count() == before


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"", "application/yaml", "body: expected a project file"),
        (b"\xff\xfe\x00bad", "application/yaml", "upload.yaml: not UTF-8 text"),
        (b"{not json", "application/json", "upload.json:1:2"),
        (b"- a\n- b\n", "application/yaml", "upload.yaml"),
        (b'format: zonewarden/v1\nproject: {id: p, name: "a\\x1b[31m"}\n', "text/yaml", "name"),
    ],
)
def test_malformed_uploads_are_400_naming_the_place(owner, body, content_type, message) -> None:
    response = owner.post("/projects/import", body, content_type=content_type)
    assert response.status_code == 400, response.content
    assert message in response.json()["detail"]


def test_an_import_larger_than_the_limit_is_413_and_creates_nothing(owner, settings) -> None:
    from zonewarden.web.models import Project

    settings.ZONEWARDEN_MAX_UPLOAD_BYTES = 200
    before = Project.objects.count()
    response = owner.post("/projects/import", SMALL.read_bytes(), content_type="application/yaml")
    assert response.status_code == 413
    assert "200 bytes" in response.json()["detail"]
    assert Project.objects.count() == before


def test_a_bad_upload_name_is_refused(owner) -> None:
    response = owner.post(
        "/projects/import?name=..%2F..%2Fetc%0a", BAD_YAML, content_type="text/yaml"
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("name:")


def test_creating_an_empty_project_makes_the_caller_its_owner(api_as, small_project) -> None:
    api = api_as("viewer")
    response = api.post("/projects", {"id": "new-plant", "name": "New plant"})
    assert response.status_code == 201
    created = response.json()
    assert created == {
        "id": created["id"],
        "key": "new-plant",
        "name": "New plant",
        "role": "owner",
    }
    assert api.get(f"/projects/{created['id']}/zones").json() == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"id": "not a slug", "name": "X"}, "project.id"),
        ({"id": "x", "name": 3}, "body.name: expected a string"),
        ({"id": "x", "name": "X", "owner": "me"}, "body.owner: unknown key"),
        ([1, 2], "body: expected a JSON object, got a list"),
    ],
)
def test_a_bad_new_project_is_400_naming_the_field(owner, body, message) -> None:
    response = owner.post("/projects", body)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_the_project_section_is_read_and_replaced_with_its_version(owner, small_project) -> None:
    pid = small_project.pk
    read = owner.get(f"/projects/{pid}").json()
    assert (read["key"], read["version"], read["role"]) == ("small-plant", 1, "owner")
    changed = {**read["project"], "name": "Small Plant (renamed)"}
    response = owner.put(f"/projects/{pid}", {"project": changed, "version": read["version"]})
    assert response.status_code == 200
    assert response.json()["name"] == "Small Plant (renamed)"
    assert response.json()["version"] == 2
    stale = owner.put(f"/projects/{pid}", {"project": read["project"], "version": read["version"]})
    assert stale.status_code == 409
    assert stale.json()["current"]["name"] == "Small Plant (renamed)"
    assert stale.json()["current"]["version"] == 2


def test_a_project_put_without_version_or_with_an_unknown_key_changes_nothing(
    owner, small_project
) -> None:
    pid = small_project.pk
    info = owner.get(f"/projects/{pid}").json()["project"]
    missing = owner.put(f"/projects/{pid}", {"project": {**info, "name": "X"}})
    assert missing.status_code == 400
    assert "'version' is required" in missing.json()["detail"]
    typo = owner.put(f"/projects/{pid}", {"project": info, "rulez": {}, "version": 1})
    assert typo.status_code == 400
    assert typo.json()["detail"].startswith("body.rulez: unknown key")
    assert fresh(small_project).revision == small_project.revision


def test_import_into_a_project_previews_then_applies_the_changes(owner, small_project) -> None:
    pid = small_project.pk
    text = SMALL.read_text().replace("name: SCADA\n", "name: SCADA (new)\n")
    preview = owner.post(f"/projects/{pid}/import", text, content_type="application/yaml")
    assert preview.status_code == 200
    assert preview.json()["changes"]["changed"] == {"zones": ["scada"]}
    revision = preview.json()["revision"]
    assert owner.get(f"/projects/{pid}/zones/scada").json()["name"] == "SCADA"
    applied = owner.post(
        f"/projects/{pid}/import?apply=true&revision={revision}", text, content_type="text/yaml"
    )
    assert applied.status_code == 200
    assert applied.json()["revision"] == revision + 1
    assert owner.get(f"/projects/{pid}/zones/scada").json()["name"] == "SCADA (new)"


def test_applying_an_import_on_a_project_changed_since_the_preview_is_409(owner, small_project):
    pid = small_project.pk
    preview = owner.post(f"/projects/{pid}/import", SMALL.read_text(), content_type="text/yaml")
    revision = preview.json()["revision"]
    owner.put(f"/projects/{pid}/assessments/dmz/SR%201.1", {"status": "implemented"})
    stale = owner.post(
        f"/projects/{pid}/import?apply=true&revision={revision}",
        SMALL.read_text(),
        content_type="text/yaml",
    )
    assert stale.status_code == 409
    assert stale.json()["current"]["revision"] == revision + 1
    assert "SR 1.1" in owner.get(f"/projects/{pid}/assessments/dmz").json()
    unversioned = owner.post(
        f"/projects/{pid}/import?apply=true", SMALL.read_text(), content_type="text/yaml"
    )
    assert unversioned.status_code == 400
    assert unversioned.json()["detail"].startswith("revision:")


def test_deleting_a_project_makes_it_not_found(owner, small_project) -> None:
    pid = small_project.pk
    assert owner.delete(f"/projects/{pid}").status_code == 204
    assert owner.get(f"/projects/{pid}").json() == {"detail": f"project {pid}: not found"}


def test_members_are_added_changed_and_removed_by_the_owner(owner, small_project, api_as):
    pid = small_project.pk
    added = owner.post(f"/projects/{pid}/members", {"user": "mallory", "role": "viewer"})
    assert added.json() == {"user": "mallory", "role": "viewer"}
    assert api_as("mallory").get(f"/projects/{pid}").json()["role"] == "viewer"
    owner.post(f"/projects/{pid}/members", {"user": "mallory", "role": "auditor"})
    assert {"user": "mallory", "role": "auditor"} in owner.get(f"/projects/{pid}/members").json()
    assert owner.delete(f"/projects/{pid}/members/mallory").status_code == 204
    assert api_as("mallory").get(f"/projects/{pid}").status_code == 404


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"user": "nobody", "role": "viewer"}, 404, "user 'nobody': no such user"),
        ({"user": "viewer", "role": "admin"}, 400, "role: expected one of"),
        ({"user": "olivia", "role": "viewer"}, 400, "at least one owner"),
        ({"user": "bad\x00name", "role": "viewer"}, 404, "no such user"),
        ({"user": ["viewer"], "role": "viewer"}, 400, "body.user: expected a string"),
    ],
)
def test_bad_member_changes_are_refused(owner, small_project, body, status, message) -> None:
    response = owner.post(f"/projects/{small_project.pk}/members", body)
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_the_last_owner_cannot_be_removed(owner, small_project) -> None:
    response = owner.delete(f"/projects/{small_project.pk}/members/olivia")
    assert response.status_code == 400
    assert "at least one owner" in response.json()["detail"]
