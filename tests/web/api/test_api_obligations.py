"""``POST /projects/{id}/obligations/{obligation}/done``: record a recurring obligation as done
(issue 7 item 4); the next due date moves one period on."""

from __future__ import annotations

import pytest

from tests.web.conftest import EXAMPLE
from zonewarden.web.models import Project
from zonewarden.web.repositories.projects import create_project, parse_upload


@pytest.fixture
def riverside(small_project):
    from django.contrib.auth import get_user_model

    from zonewarden.web.repositories import projects

    olivia = get_user_model().objects.get(username="olivia")
    project = create_project(olivia, parse_upload(EXAMPLE.read_bytes(), EXAMPLE.name))
    for role in ("viewer", "assessor", "auditor"):
        projects.set_member(project.pk, "olivia", role, role)
    return project


def path(project, obligation: str = "restore-test", done_on: str = "2026-11-20") -> str:
    return f"/projects/{project.pk}/obligations/{obligation}/done?done_on={done_on}"


def test_recording_moves_the_next_due_date_and_the_due_list_follows(riverside, api_as) -> None:
    api = api_as("assessor")
    before = api.get(f"/projects/{riverside.pk}/due?as_of=2026-11-26").json()
    assert any(i["ids"] == ["restore-test"] and i["overdue"] for i in before["items"])
    response = api.post(path(riverside))
    assert response.status_code == 200
    body = response.json()
    assert body["next_due"] == "2027-11-20"
    assert body["obligation"]["last_done"] == "2026-11-20"
    after = api.get(f"/projects/{riverside.pk}/due?as_of=2026-11-26").json()
    assert not any(i["ids"] == ["restore-test"] for i in after["items"])
    assert after["counts"]["overdue"] == before["counts"]["overdue"] - 1


def test_the_project_file_exported_carries_the_new_date(riverside, api_as) -> None:
    api = api_as("assessor")
    assert api.post(path(riverside)).status_code == 200
    exported = api_as("olivia").get(f"/projects/{riverside.pk}/export?format=yaml")
    assert exported.status_code == 200
    text = exported.content.decode()
    assert "id: restore-test" in text and "last_done: 2026-11-20" in text


@pytest.mark.parametrize(
    ("who", "kwargs", "status", "detail"),
    [
        ("viewer", {}, 403, None),
        ("assessor", {"done_on": "2099-01-01"}, 400, "done_on: 2099-01-01 is in the future"),
        ("assessor", {"done_on": "someday"}, 400, "done_on: expected a date YYYY-MM-DD"),
        ("assessor", {"obligation": "nope"}, 404, "obligation 'nope': not found"),
        ("assessor", {"obligation": "bad id!"}, 404, None),
    ],
)
def test_refusals_change_nothing(riverside, api_as, who, kwargs, status, detail) -> None:
    response = api_as(who).post(path(riverside, **kwargs))
    assert response.status_code == status
    if detail:
        assert response.json()["detail"].startswith(detail)
    stored = {o["id"]: o for o in Project.objects.get(pk=riverside.pk).obligations}
    assert stored["restore-test"]["last_done"] == "2025-08-20"
