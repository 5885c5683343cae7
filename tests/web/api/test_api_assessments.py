"""Assessments through the API: any spelling of a requirement id, created by a PUT, answered
with the zone's new SL-A and score; approvals need the approve right."""

from __future__ import annotations

import pytest

from tests.web.api.conftest import fresh

AS_OF = "2026-11-26"


@pytest.mark.parametrize(
    "spelling", ["SR%201.1%20RE%201", "SR1.1(1)", "sr%201.1%20re%201", "sr-1.1(1)", "SR-1.1-RE-1"]
)
def test_a_requirement_id_in_any_spelling_answers_with_the_canonical_id(
    owner, small_project, spelling
) -> None:
    path = f"/projects/{small_project.pk}/assessments/scada/{spelling}"
    response = owner.put(path, {"status": "implemented"})
    assert response.status_code == 201, response.content
    assert response.json()["requirement"] == "SR 1.1 RE 1"
    assert owner.get(path).json()["requirement"] == "SR 1.1 RE 1"


def test_all_assessments_of_a_zone_by_canonical_id_in_catalog_order(owner, small_project) -> None:
    assessments = owner.get(f"/projects/{small_project.pk}/assessments/sis").json()
    assert list(assessments) == [
        "SR 1.1", "SR 1.3", "SR 5.1", "SR 5.1 RE 1", "SR 5.2", "SR 5.2 RE 1", "SR 5.3", "SR 5.4",
    ]  # fmt: skip
    assert assessments["SR 5.1 RE 1"] == {
        "status": "not_implemented",
        "notes": "flat network behind the SIS gateway",
        "version": 1,
    }


def test_a_put_answers_with_the_new_sl_achieved_and_score_of_the_zone(owner, small_project):
    pid = small_project.pk
    before = owner.get(f"/projects/{pid}/status?as_of={AS_OF}").json()["zones"]
    sis = next(row for row in before if row["id"] == "sis")
    assert sis["sl_achieved"][4] == 1  # SR 5.1 RE 1 (SL 2) is not implemented
    response = owner.put(
        f"/projects/{pid}/assessments/sis/SR%205.1%20RE%201?as_of={AS_OF}",
        {"status": "implemented", "version": 1},
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["version"] == 2
    assert answer["sl_achieved"][4] == 2
    assert answer["score"] > sis["score"]
    after = owner.get(f"/projects/{pid}/status?as_of={AS_OF}").json()["zones"]
    assert next(r for r in after if r["id"] == "sis")["sl_achieved"] == answer["sl_achieved"]


def test_an_assessment_sent_back_as_read_is_accepted(owner, small_project) -> None:
    path = f"/projects/{small_project.pk}/assessments/scada/SR%203.1"
    read = owner.get(path).json()
    response = owner.put(path, {**read, "notes": "half the hosts"})
    assert response.status_code == 200
    assert response.json()["notes"] == "half the hosts"


def test_creating_over_an_existing_assessment_without_its_version_is_refused(owner, small_project):
    response = owner.put(
        f"/projects/{small_project.pk}/assessments/scada/SR%201.1", {"status": "partial"}
    )
    assert response.status_code == 400
    assert "'version' is required" in response.json()["detail"]


def test_a_stale_assessment_put_gets_409_with_the_current_assessment(owner, small_project):
    path = f"/projects/{small_project.pk}/assessments/scada/SR%203.1"
    owner.put(path, {"status": "implemented", "version": 1})
    stale = owner.put(path, {"status": "not_implemented", "version": 1})
    assert stale.status_code == 409
    current = stale.json()["current"]
    assert (current["zone"], current["requirement"]) == ("scada", "SR 3.1")
    assert (current["status"], current["version"]) == ("implemented", 2)


def test_creating_an_assessment_someone_else_created_meanwhile_is_409(owner, small_project):
    path = f"/projects/{small_project.pk}/assessments/dmz/SR%202.1"
    assert owner.put(path, {"status": "partial"}).status_code == 201
    response = owner.put(path, {"status": "implemented", "version": 0})
    assert response.status_code == 409
    assert response.json()["current"]["status"] == "partial"


def test_changing_an_assessment_deleted_meanwhile_is_409_with_no_current_value(
    owner, small_project
):
    path = f"/projects/{small_project.pk}/assessments/scada/SR%203.1"
    assert owner.delete(f"{path}?version=1").status_code == 204
    response = owner.put(path, {"status": "implemented", "version": 1})
    assert response.status_code == 409
    assert "deleted" in response.json()["detail"]
    assert response.json()["current"] is None


def test_an_assessment_is_deleted_with_its_version(owner, small_project) -> None:
    path = f"/projects/{small_project.pk}/assessments/scada/SR%203.1"
    assert owner.delete(f"{path}?version=1").status_code == 204
    missing = owner.get(path)
    assert missing.status_code == 404
    assert "not assessed" in missing.json()["detail"]


COMPENSATING = {
    "status": "not_implemented",
    "compensating": {
        "description": "Jump host with MFA",
        "approved_by": "R. Viewer",
        "approved_on": "2026-11-01",
    },
}


def test_an_assessor_cannot_approve_a_compensating_countermeasure(api_as, small_project):
    path = f"/projects/{small_project.pk}/assessments/dmz/SR%201.1"
    refused = api_as("assessor").put(path, COMPENSATING)
    assert refused.status_code == 403
    assert "reviewer or owner" in refused.json()["detail"]
    unapproved = {**COMPENSATING, "compensating": {"description": "Jump host with MFA"}}
    assert api_as("assessor").put(path, unapproved).status_code == 201
    approved = api_as("reviewer").put(path, {**COMPENSATING, "version": 1})
    assert approved.status_code == 200


@pytest.mark.parametrize(
    ("path", "body", "status", "message"),
    [
        ("scada/SR%2099.9", {"status": "implemented"}, 404, "not in the catalog"),
        ("scada/bogus", {"status": "implemented"}, 404, "not a requirement id"),
        ("scada/SR%201.1%1b", {"status": "implemented"}, 404, "not a requirement id"),
        ("nowhere/SR%201.1", {"status": "implemented"}, 404, "zone or conduit 'nowhere'"),
        ("%1b%5b2J/SR%201.1", {"status": "implemented"}, 404, "not found"),
        ("dmz/SR%201.1", {"status": "done"}, 400, "assessments.dmz.SR 1.1.status"),
        ("dmz/SR%201.1", {"status": "not_applicable"}, 400, "justification"),
        ("dmz/SR%201.1", {"status": "implemented", "evidence": ["ev-x"]}, 400, "ev-x"),
        ("dmz/SR%201.1", {"status": "implemented", "notes": "\x07"}, 400, "notes"),
        ("dmz/SR%201.1?as_of=someday", {"status": "implemented"}, 400, "as_of"),
    ],
)
def test_bad_assessment_writes_are_refused_and_change_nothing(
    owner, small_project, path, body, status, message
) -> None:
    response = owner.put(f"/projects/{small_project.pk}/assessments/{path}", body)
    assert response.status_code == status, response.content
    assert message in response.json()["detail"]
    assert fresh(small_project).revision == small_project.revision
    assert owner.get(f"/projects/{small_project.pk}/assessments/dmz").json() == {}
