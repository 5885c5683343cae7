"""Zones, conduits, assets and evidence through the API: the object's fields plus its version,
writes that name the version they read (no lost updates), and bad input refused with a message
naming the place, with nothing changed."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from tests.web.api.conftest import fresh


def test_a_zone_reads_as_its_project_file_fields_plus_its_version(owner, small_project) -> None:
    zone = owner.get(f"/projects/{small_project.pk}/zones/scada").json()
    assert zone == {
        "id": "scada",
        "name": "SCADA",
        "kind": "supervisory",
        "purdue_level": 2,
        "safety": False,
        "networks": ["10.20.2.0/24"],
        "sl_target": [1, 1, 1, 1, 1, 1, 1],
        "owner": "Operations",
        "version": 1,
    }


def test_lists_keep_the_file_order(owner, small_project) -> None:
    pid = small_project.pk
    assert [z["id"] for z in owner.get(f"/projects/{pid}/zones").json()] == ["scada", "sis", "dmz"]
    assets = [a["id"] for a in owner.get(f"/projects/{pid}/assets").json()]
    assert assets == ["hmi-01", "scada-srv", "sis-01", "fw-01"]
    evidence = owner.get(f"/projects/{pid}/evidence").json()
    assert [(e["id"], e["file"]) for e in evidence] == [("ev-ad", None), ("ev-fw-config", None)]


def test_a_zone_is_created_changed_and_deleted(owner, small_project) -> None:
    base = f"/projects/{small_project.pk}/zones"
    created = owner.post(
        base, {"id": "cell-1", "name": "Cell 1", "kind": "control", "sl_target": 2}
    )
    assert created.status_code == 201
    assert created.json()["version"] == 1
    assert created.json()["sl_target"] == [2] * 7
    changed = owner.put(f"{base}/cell-1", {**created.json(), "name": "Cell one"})
    assert changed.status_code == 200
    assert (changed.json()["name"], changed.json()["version"]) == ("Cell one", 2)
    assert owner.delete(f"{base}/cell-1?version=2").status_code == 204
    assert owner.get(f"{base}/cell-1").status_code == 404


def test_evidence_sent_back_with_its_file_field_is_accepted(owner, small_project) -> None:
    path = f"/projects/{small_project.pk}/evidence/ev-ad"
    evidence = owner.get(path).json()
    response = owner.put(path, {**evidence, "title": "AD policy v2"})
    assert response.status_code == 200
    assert response.json()["title"] == "AD policy v2"
    assert response.json()["file"] is None


# ---- no lost updates ---------------------------------------------------------------------------


def test_of_two_writers_of_the_same_version_the_second_gets_409_with_the_current_value(
    small_project, api_as
) -> None:
    path = f"/projects/{small_project.pk}/zones/scada"
    alice, bob = api_as("assessor"), api_as("reviewer")
    read_by_alice, read_by_bob = alice.get(path).json(), bob.get(path).json()
    first = alice.put(path, {**read_by_alice, "owner": "Alice"})
    assert first.status_code == 200
    second = bob.put(path, {**read_by_bob, "owner": "Bob"})
    assert second.status_code == 409
    body = second.json()
    assert "changed by someone else" in body["detail"]
    assert body["current"] == {**read_by_alice, "owner": "Alice", "version": 2}
    assert alice.get(path).json()["owner"] == "Alice"


def test_deleting_with_a_stale_version_is_409_and_deletes_nothing(owner, small_project) -> None:
    path = f"/projects/{small_project.pk}/conduits/scada-sis"
    conduit = owner.get(path).json()
    owner.put(path, {**conduit, "protocols": ["modbus-tcp", "opc-ua"]})
    response = owner.delete(f"{path}?version=1")
    assert response.status_code == 409
    assert response.json()["current"]["version"] == 2
    assert owner.get(path).status_code == 200


def test_a_write_to_an_object_deleted_meanwhile_is_404(owner, small_project) -> None:
    path = f"/projects/{small_project.pk}/assets/fw-01"
    asset = owner.get(path).json()
    assert owner.delete(f"{path}?version=1").status_code == 204
    response = owner.put(path, asset)
    assert response.status_code == 404
    assert response.json() == {"detail": "asset 'fw-01': not found"}


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_puts_with_the_same_version_exactly_one_succeeds(
    small_project, api_with_token
) -> None:
    from django.db import connection

    path = f"/projects/{small_project.pk}/zones/scada"
    writers = [api_with_token("assessor"), api_with_token("reviewer")]
    zone = writers[0].get(path).json()
    start = threading.Barrier(len(writers))
    results: list[Any] = [None] * len(writers)

    def write(i: int) -> None:
        try:
            start.wait()
            results[i] = writers[i].put(path, {**zone, "owner": f"writer {i}"})
        except BaseException as error:  # reported by the assertion below
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(writers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    statuses = sorted(getattr(r, "status_code", 0) for r in results)
    assert statuses == [200, 409], [getattr(r, "content", r) for r in results]
    winner = next(i for i, r in enumerate(results) if r.status_code == 200)
    loser = results[1 - winner].json()
    assert loser["current"]["owner"] == f"writer {winner}"
    assert writers[0].get(path).json()["version"] == 2


# ---- bad input ---------------------------------------------------------------------------------

SCADA = {"id": "scada", "name": "SCADA", "kind": "supervisory", "sl_target": 1, "version": 1}


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ("{not json", 400, "body: not valid JSON"),
        ("", 400, "body: expected a JSON object, got an empty body"),
        ("[1, 2]", 400, "body: expected a JSON object, got a list"),
        ('"scada"', 400, "body: expected a JSON object, got a string"),
        ("[" * 100_000, 400, "body: not valid JSON"),
        ({**SCADA, "sl_target": "high"}, 400, "zone.sl_target"),
        ({**SCADA, "sl_target": [1, 2]}, 400, "zone.sl_target"),
        ({**SCADA, "purdue_level": "two"}, 400, "zone.purdue_level"),
        ({**SCADA, "colour": "red"}, 400, "zone.colour"),
        ({**SCADA, "name": "SCADA\x1b[2J"}, 400, "zone.name"),
        ({**SCADA, "name": "SCADA\u202e"}, 400, "zone.name"),
        ({**SCADA, "name": "nul\x00"}, 400, "zone.name"),
        ({**SCADA, "id": "renamed"}, 400, "zone.id: ids cannot be changed"),
        ({k: v for k, v in SCADA.items() if k != "version"}, 400, "'version' is required"),
        ({**SCADA, "version": "one"}, 400, "version: expected a whole number"),
        ({**SCADA, "version": True}, 400, "version: expected a whole number"),
        ({**SCADA, "version": -1}, 400, "version: expected a whole number"),
    ],
)
def test_a_bad_zone_write_is_refused_naming_the_place_and_changes_nothing(
    owner, small_project, body, status, message
) -> None:
    path = f"/projects/{small_project.pk}/zones/scada"
    before = owner.get(path).json()
    if isinstance(body, str):
        response = owner.put(path, body, content_type="application/json")
    else:
        response = owner.put(path, body)
    assert response.status_code == status, response.content
    assert message in response.json()["detail"]
    assert owner.get(path).json() == before
    assert fresh(small_project).revision == small_project.revision


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "message"),
    [
        ("put", "/zones/nowhere", {**SCADA, "id": "nowhere"}, 404, "zone 'nowhere': not found"),
        ("get", "/zones/%1b%5b2J", None, 404, "zone '\\x1b[2J': not found"),
        ("get", "/zones/a%00b", None, 404, "not found"),
        ("delete", "/zones/scada?version=1", None, 400, "scada"),
        ("delete", "/zones/scada?version=x", None, 400, "version (query)"),
        ("delete", "/zones/scada", None, 400, "'version' is required"),
        ("delete", "/evidence/ev-ad?version=1", None, 400, "ev-ad"),
        ("post", "/zones", {**SCADA}, 400, "zone.id: 'scada' is already used"),
        ("post", "/assets", {"id": "x", "name": "X", "zone": "nowhere", "type": "plc"}, 400,
         "nowhere"),
        ("post", "/assets", {"id": "x", "name": "X", "zone": "dmz", "type": "toaster"}, 400,
         "asset.type"),
        ("post", "/conduits", {"id": "loop", "zones": ["dmz", "dmz"], "sl_target": 1}, 400,
         "conduit.zones"),
        ("post", "/evidence", {"id": "e", "title": "E", "kind": "document",
                               "collected_on": "2026-02-30"}, 400, "evidence.collected_on"),
    ],
)  # fmt: skip
def test_bad_writes_of_any_section_are_refused_and_change_nothing(
    owner, small_project, method, path, body, status, message
) -> None:
    response = owner.call(method, f"/projects/{small_project.pk}{path}", body)
    assert response.status_code == status, response.content
    assert message in response.json()["detail"]
    assert fresh(small_project).revision == small_project.revision
    assert owner.get(f"/projects/{small_project.pk}/zones/scada").json()["version"] == 1
