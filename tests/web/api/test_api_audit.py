"""The audit trail through the API: every change with its actor, before and after, chained by
hashes that ``verify`` checks (and that a client can recompute from the API's answer)."""

from __future__ import annotations

from datetime import datetime

import pytest


def test_an_update_is_recorded_with_its_actor_before_and_after(api_as, small_project) -> None:
    pid = small_project.pk
    assessor = api_as("assessor")
    zone = assessor.get(f"/projects/{pid}/zones/dmz").json()
    changed = assessor.put(f"/projects/{pid}/zones/dmz", {**zone, "owner": "Network team"}).json()
    entries = api_as("auditor").get(f"/projects/{pid}/audit").json()
    last = entries[-1]
    assert (last["actor"], last["action"], last["object_type"], last["object_key"]) == (
        "assessor", "update", "zone", "dmz",
    )  # fmt: skip
    assert last["before"] == {k: v for k, v in zone.items() if k != "version"}
    assert last["after"] == {k: v for k, v in changed.items() if k != "version"}
    assert last["after"]["owner"] == "Network team"
    assert [e["seq"] for e in entries] == sorted(e["seq"] for e in entries)


def test_a_client_can_recompute_the_hash_chain_from_the_answer(api_as, small_project) -> None:
    from zonewarden.web.audit import entry_hash

    for entry in api_as("olivia").get(f"/projects/{small_project.pk}/audit").json():
        assert entry["hash"] == entry_hash(
            entry["prev_hash"], entry["seq"], small_project.pk, entry["actor"],
            datetime.fromisoformat(entry["at"]), entry["action"], entry["object_type"],
            entry["object_key"], entry["before"], entry["after"],
        )  # fmt: skip


def test_verify_finds_the_entry_edited_behind_the_apis_back(owner, small_project) -> None:
    from zonewarden.web import audit
    from zonewarden.web.models import AuditEntry

    pid = small_project.pk
    zone = owner.get(f"/projects/{pid}/zones/dmz").json()
    owner.put(f"/projects/{pid}/zones/dmz", {**zone, "owner": "Network team"})
    assert audit.verify().ok
    seq = owner.get(f"/projects/{pid}/audit").json()[-1]["seq"]
    AuditEntry.objects.filter(seq=seq).update(actor="somebody else")
    result = audit.verify()
    assert not result.ok
    assert result.broken_seq == seq


def test_entries_are_paged_with_after_seq_and_limit(owner, small_project) -> None:
    pid = small_project.pk
    everything = owner.get(f"/projects/{pid}/audit").json()
    assert len(everything) >= 3
    first = owner.get(f"/projects/{pid}/audit?limit=2").json()
    rest = owner.get(f"/projects/{pid}/audit?after_seq={first[-1]['seq']}").json()
    assert first + rest == everything


def test_the_trail_of_a_project_shows_none_of_another_projects_entries(owner, small_project):
    keys = {e["object_key"] for e in owner.get(f"/projects/{small_project.pk}/audit").json()}
    assert "mallory" not in keys
    from zonewarden.web.models import AuditEntry

    assert AuditEntry.objects.exclude(project_id=small_project.pk).exists()


@pytest.mark.parametrize(
    ("query", "named"),
    [("limit=0", "limit"), ("limit=5000", "limit"), ("after_seq=x", "after_seq")],
)
def test_bad_paging_is_400_naming_the_parameter(owner, small_project, query, named) -> None:
    response = owner.get(f"/projects/{small_project.pk}/audit?{query}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(named)
