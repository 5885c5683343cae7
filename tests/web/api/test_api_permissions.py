"""The permission matrix of the API: every endpoint of a project, called by nobody (401), by a
user of another project (404, the same answer as for an id never used), and by each role of
the project (the expected success status, or 403 when the role lacks the right)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.web.api.conftest import fresh
from tests.web.conftest import SMALL
from zonewarden.web.models.projects import MEMBER_ROLES
from zonewarden.web.permissions import RIGHTS, Right
from zonewarden.web.repositories import edits, evidence_files

NEVER_USED = 987654


def data_of(project: Any, section: str, key: str) -> dict[str, Any]:
    from zonewarden.web.repositories.documents import ITEM_MODELS

    return dict(ITEM_MODELS[section].objects.get(project=project, key=key).data)


def add_zone(project: Any) -> None:
    spare = {"id": "spare", "name": "Spare", "kind": "other", "sl_target": 1}
    edits.create_item(project.pk, "olivia", "zones", spare)


def add_evidence(project: Any) -> None:
    edits.create_item(
        project.pk, "olivia", "evidence", {"id": "ev-spare", "title": "Spare", "kind": "document"}
    )


def attach(project: Any) -> None:
    from io import BytesIO

    evidence_files.attach_file(project.pk, "olivia", "ev-ad", BytesIO(b"%PDF-1.4 x"), "ad.pdf", 1)


def obligation(project: Any) -> None:
    """An obligation on the project (stored as an imported file would store it)."""
    from django.db.models import F

    from zonewarden.web.models import Project

    Project.objects.filter(pk=project.pk).update(
        obligations=[{"id": "restore", "kind": "backup_restore_test", "every": "12m"}],
        revision=F("revision") + 1,
    )


def snapshot(project: Any) -> None:
    from datetime import date

    from django.contrib.auth import get_user_model

    from zonewarden.web.repositories.snapshots import take_snapshot

    olivia = get_user_model().objects.get(username="olivia")
    take_snapshot(project, olivia, date(2026, 11, 26))


def upload(name: str = "notes.txt") -> dict[str, Any]:
    return {"file": SimpleUploadedFile(name, b"firewall rules reviewed\n", "text/plain")}


@dataclass
class Endpoint:
    method: str
    path: str  # {pid} and {rev} are filled in
    right: Right
    ok: int
    body: Callable[[Any], Any] | None = None
    setup: Callable[[Any], None] | None = None
    kwargs: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


YAML = {"content_type": "application/yaml"}
ENDPOINTS = [
    Endpoint("GET", "/projects/{pid}", Right.READ, 200),
    Endpoint(
        "PUT",
        "/projects/{pid}",
        Right.MANAGE,
        200,
        lambda p: {"project": {**fresh(p).info, "name": "Renamed"}, "version": 1},
    ),
    Endpoint("DELETE", "/projects/{pid}", Right.MANAGE, 204),
    Endpoint(
        "POST",
        "/projects/{pid}/import?apply=false",
        Right.MANAGE,
        200,
        lambda p: SMALL.read_text(),
        kwargs=YAML,
    ),
    Endpoint(
        "POST",
        "/projects/{pid}/import?apply=true&revision={rev}",
        Right.MANAGE,
        200,
        lambda p: SMALL.read_text(),
        kwargs=YAML,
    ),
    Endpoint("GET", "/projects/{pid}/export", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/export?format=json", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/status?as_of=2026-11-26", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/gaps?as_of=2026-11-26&zone=scada", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/reports/json?as_of=2026-11-26", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/reports/svg?as_of=2026-11-26", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/risk?as_of=2026-11-26", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/risk/scada?as_of=2026-11-26", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/lint?as_of=2026-11-26&strict=true", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/crs/html?as_of=2026-11-26", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/actions?as_of=2026-11-26", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/plan?as_of=2026-11-26&capacity=30", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/plan.svg?as_of=2026-11-26", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/plan.xlsx?as_of=2026-11-26", Right.READ, 200),
    # certification readiness and continuous compliance
    Endpoint("GET", "/projects/{pid}/readiness?as_of=2026-11-26&scheme=csms", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/due?as_of=2026-11-26&within=6m", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/due.ics?as_of=2026-11-26", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/nonconformities?as_of=2026-11-26", Right.READ, 200),
    Endpoint(
        "POST",
        "/projects/{pid}/obligations/restore/done?done_on=2026-11-20",
        Right.EDIT,
        200,
        setup=obligation,
    ),
    Endpoint("GET", "/projects/{pid}/snapshots", Right.READ, 200),
    Endpoint("POST", "/projects/{pid}/snapshots?as_of=2026-11-26", Right.EDIT, 201),
    Endpoint("GET", "/projects/{pid}/snapshots/2026-11-26", Right.READ, 200, setup=snapshot),
    Endpoint(
        "GET", "/projects/{pid}/snapshots/diff?old=2026-11-26", Right.READ, 200, setup=snapshot
    ),
    Endpoint("GET", "/projects/{pid}/trend.svg", Right.READ, 200, setup=snapshot),
    Endpoint(
        "GET",
        "/projects/{pid}/bundle?as_of=2026-11-26",
        Right.DOWNLOAD_EVIDENCE,
        200,
        setup=attach,
    ),
    # zones
    Endpoint("GET", "/projects/{pid}/zones", Right.READ, 200),
    Endpoint(
        "POST",
        "/projects/{pid}/zones",
        Right.EDIT,
        201,
        lambda p: {"id": "new-zone", "name": "New", "kind": "control", "sl_target": 2},
    ),
    Endpoint("GET", "/projects/{pid}/zones/scada", Right.READ, 200),
    Endpoint(
        "PUT",
        "/projects/{pid}/zones/scada",
        Right.EDIT,
        200,
        lambda p: {**data_of(p, "zones", "scada"), "sl_target": 2, "version": 1},
    ),
    Endpoint("DELETE", "/projects/{pid}/zones/spare?version=1", Right.EDIT, 204, setup=add_zone),
    # conduits
    Endpoint("GET", "/projects/{pid}/conduits", Right.READ, 200),
    Endpoint(
        "POST",
        "/projects/{pid}/conduits",
        Right.EDIT,
        201,
        lambda p: {"id": "dmz-scada", "zones": ["dmz", "scada"], "sl_target": 1},
    ),
    Endpoint("GET", "/projects/{pid}/conduits/scada-sis", Right.READ, 200),
    Endpoint(
        "PUT",
        "/projects/{pid}/conduits/scada-sis",
        Right.EDIT,
        200,
        lambda p: {**data_of(p, "conduits", "scada-sis"), "protocols": [], "version": 1},
    ),
    Endpoint("DELETE", "/projects/{pid}/conduits/scada-sis?version=1", Right.EDIT, 204),
    # assets
    Endpoint("GET", "/projects/{pid}/assets", Right.READ, 200),
    Endpoint(
        "POST",
        "/projects/{pid}/assets",
        Right.EDIT,
        201,
        lambda p: {"id": "plc-9", "name": "PLC 9", "zone": "sis", "type": "plc"},
    ),
    Endpoint("GET", "/projects/{pid}/assets/hmi-01", Right.READ, 200),
    Endpoint(
        "PUT",
        "/projects/{pid}/assets/hmi-01",
        Right.EDIT,
        200,
        lambda p: {**data_of(p, "assets", "hmi-01"), "vendor": "Acme", "version": 1},
    ),
    Endpoint("DELETE", "/projects/{pid}/assets/fw-01?version=1", Right.EDIT, 204),
    # evidence
    Endpoint("GET", "/projects/{pid}/evidence", Right.READ, 200),
    Endpoint(
        "POST",
        "/projects/{pid}/evidence",
        Right.EDIT,
        201,
        lambda p: {"id": "ev-new", "title": "New", "kind": "document"},
    ),
    Endpoint("GET", "/projects/{pid}/evidence/ev-ad", Right.READ, 200),
    Endpoint(
        "PUT",
        "/projects/{pid}/evidence/ev-ad",
        Right.EDIT,
        200,
        lambda p: {**data_of(p, "evidence", "ev-ad"), "title": "AD", "version": 1},
    ),
    Endpoint(
        "DELETE",
        "/projects/{pid}/evidence/ev-spare?version=1",
        Right.EDIT,
        204,
        setup=add_evidence,
    ),
    Endpoint(
        "POST",
        "/projects/{pid}/evidence/ev-fw-config/file",
        Right.EDIT,
        200,
        lambda p: upload(),
        kwargs={"form": True},
    ),
    Endpoint(
        "GET", "/projects/{pid}/evidence/ev-ad/file", Right.DOWNLOAD_EVIDENCE, 200, setup=attach
    ),
    # assessments
    Endpoint("GET", "/projects/{pid}/assessments/scada", Right.READ, 200),
    Endpoint("GET", "/projects/{pid}/assessments/scada/SR%201.1", Right.READ, 200),
    Endpoint(
        "PUT",
        "/projects/{pid}/assessments/scada/SR%201.1",
        Right.EDIT,
        200,
        lambda p: {"status": "partial", "version": 1},
    ),
    Endpoint(
        "PUT",
        "/projects/{pid}/assessments/dmz/SR%201.1",
        Right.EDIT,
        201,
        lambda p: {"status": "implemented"},
    ),
    Endpoint("DELETE", "/projects/{pid}/assessments/scada/SR1.3?version=1", Right.EDIT, 204),
    # members and audit
    Endpoint("GET", "/projects/{pid}/members", Right.READ, 200),
    Endpoint(
        "POST",
        "/projects/{pid}/members",
        Right.MANAGE,
        200,
        lambda p: {"user": "mallory", "role": "viewer"},
    ),
    Endpoint("DELETE", "/projects/{pid}/members/viewer", Right.MANAGE, 204),
    Endpoint("GET", "/projects/{pid}/audit", Right.AUDIT, 200),
]
CALLERS = [None, "mallory", *MEMBER_ROLES]


def expected(endpoint: Endpoint, caller: str | None) -> int:
    if caller is None:
        return 401
    if caller == "mallory":
        return 404
    return endpoint.ok if endpoint.right in RIGHTS[caller] else 403


def call(api: Any, endpoint: Endpoint, project: Any, pid: object) -> Any:
    path = endpoint.path.format(pid=pid, rev=fresh(project).revision)
    body = endpoint.body(project) if endpoint.body else None
    if endpoint.kwargs.get("form"):
        return api.call(endpoint.method, path, form=body)
    return api.call(endpoint.method, path, body, **endpoint.kwargs)


def login(caller: str | None) -> str | None:
    return {"owner": "olivia"}.get(caller or "", caller)


@pytest.mark.parametrize("caller", CALLERS, ids=lambda c: c or "anonymous")
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_each_endpoint_answers_each_caller_with_the_expected_status(
    small_project: Any, api_as: Any, endpoint: Endpoint, caller: str | None
) -> None:
    if endpoint.setup:
        endpoint.setup(small_project)
    response = call(api_as(login(caller)), endpoint, small_project, small_project.pk)
    assert response.status_code == expected(endpoint, caller), response.content
    if caller == "mallory":
        assert response.json() == {"detail": f"project {small_project.pk}: not found"}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_a_project_id_never_used_gets_the_same_404_as_a_project_of_someone_else(
    small_project: Any, api_as: Any, endpoint: Endpoint
) -> None:
    response = call(api_as("olivia"), endpoint, small_project, NEVER_USED)
    assert response.status_code == 404
    assert response.json() == {"detail": f"project {NEVER_USED}: not found"}
    guessed = call(api_as("mallory"), endpoint, small_project, small_project.pk)
    assert (
        guessed.json()["detail"].replace(str(small_project.pk), str(NEVER_USED))
        == (response.json()["detail"])
    )
    assert guessed.headers["Content-Type"] == response.headers["Content-Type"]


@pytest.mark.parametrize("pid", ["abc", "-1", "99999999999999999999999", "1.0", "%00"])
def test_ids_that_are_not_numbers_are_not_found_either(small_project: Any, api_as: Any, pid: str):
    response = api_as("olivia").get(f"/projects/{pid}/zones")
    assert response.status_code == 404
    assert response.json()["detail"].endswith(": not found")


@pytest.mark.parametrize("caller", CALLERS, ids=lambda c: c or "anonymous")
def test_the_project_list_shows_only_the_callers_own_projects(
    small_project: Any, api_as: Any, caller: str | None
) -> None:
    response = api_as(login(caller)).get("/projects")
    if caller is None:
        assert response.status_code == 401
        return
    assert response.status_code == 200
    listed = response.json()
    assert len(listed) == 1
    if caller == "mallory":
        assert listed[0]["id"] != small_project.pk
        assert listed[0]["role"] == "owner"
    else:
        assert listed[0]["id"] == small_project.pk
        assert listed[0]["role"] == caller


@pytest.mark.parametrize("caller", CALLERS, ids=lambda c: c or "anonymous")
def test_any_user_may_create_or_import_a_project_and_nobody_anonymous(
    small_project: Any, api_as: Any, caller: str | None
) -> None:
    api = api_as(login(caller))
    created = api.post("/projects", {"id": "fresh", "name": "Fresh"})
    imported = api.post("/projects/import", SMALL.read_text(), content_type="application/yaml")
    expected = 401 if caller is None else 201
    assert (created.status_code, imported.status_code) == (expected, expected)
