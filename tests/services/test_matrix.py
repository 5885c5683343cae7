"""The assessment matrix of one zone or conduit (services/matrix.py).

Numbers for tests/fixtures/small.yaml on 2026-11-26 are the hand-derived ones of
tests/cli/test_commands.py; the two-zone project below is built in memory.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zonewarden.catalog import default_catalog
from zonewarden.domain.assessment import Assessment, Compensating, Status
from zonewarden.domain.levels import SLVector
from zonewarden.domain.projects import Project
from zonewarden.domain.zones import Zone
from zonewarden.project.load import load_project
from zonewarden.services.matrix import TargetNotFound, zone_matrix
from zonewarden.services.status import project_status

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "small.yaml"
AS_OF = date(2026, 11, 26)


@pytest.fixture(scope="module")
def small() -> Project:
    return load_project(SMALL, default_catalog()).project


def two_zones() -> Project:
    """cell (SL-T 2 for FR 5 only) and office (SL-T 0), assessed in memory."""
    cell = Zone("cell", "Packaging cell", "control", SLVector([0, 0, 0, 0, 2, 0, 0]))
    office = Zone("office", "Office", "enterprise", SLVector.uniform(0))
    assessments = {
        "cell": {
            "SR 5.1": Assessment(Status.IMPLEMENTED, evidence=("ev-1",)),
            "SR 5.1 RE 1": Assessment(
                Status.NOT_IMPLEMENTED,
                notes="office VLANs on the cell switch",
                compensating=Compensating(
                    "ACL admits the SCADA servers only",
                    approved_by="Plant manager",
                    approved_on=date(2026, 6, 1),
                    expires_on=date(2026, 12, 31),
                ),
            ),
            "SR 5.2": Assessment(Status.IMPLEMENTED),
            "SR 5.2 RE 1": Assessment(Status.IMPLEMENTED),
            "SR 5.3": Assessment(Status.NOT_APPLICABLE, justification="no e-mail in the cell"),
            "SR 5.4": Assessment(Status.IMPLEMENTED),
        }
    }
    return Project("demo", "Demo", zones=(cell, office), assessments=assessments)


def rows_by_id(matrix: dict) -> dict[str, dict]:
    return {row["id"]: row for row in matrix["requirements"]}


def test_matrix_lists_every_3_3_requirement_in_catalog_order():
    catalog = default_catalog()
    matrix = zone_matrix(two_zones(), catalog, "cell", AS_OF)
    assert [row["id"] for row in matrix["requirements"]] == [
        r.id for r in catalog.system_requirements()
    ]
    assert len(matrix["requirements"]) == 100


def test_rows_carry_type_fr_title_intent_min_sl_and_the_sl_target_of_their_fr():
    row = rows_by_id(zone_matrix(two_zones(), default_catalog(), "cell", AS_OF))["SR 5.1 RE 1"]
    assert row["type"] == "RE"
    assert row["parent"] == "SR 5.1"
    assert row["fr"] == 5
    assert row["title"] == "Physical network segmentation"
    assert row["intent"].startswith("Control system networks are physically separated")
    assert row["min_sl"] == 2
    assert row["sl_target"] == 2


def test_in_scope_means_min_sl_at_most_the_sl_target_of_the_fr():
    rows = rows_by_id(zone_matrix(two_zones(), default_catalog(), "cell", AS_OF))
    assert rows["SR 5.1 RE 1"]["in_scope"] is True
    assert rows["SR 5.2 RE 2"]["in_scope"] is False  # applies from SL 3
    assert rows["SR 1.1"]["in_scope"] is False  # FR 1 not targeted
    matrix = zone_matrix(two_zones(), default_catalog(), "cell", AS_OF)
    assert matrix["in_scope"] == 6  # FR 5 at SL 2: SR 5.1-5.4, SR 5.1 RE 1, SR 5.2 RE 1


def test_unassessed_requirement_has_null_status_and_is_not_satisfied():
    row = rows_by_id(zone_matrix(two_zones(), default_catalog(), "cell", AS_OF))["SR 1.1"]
    assert row["status"] is None
    assert row["recorded"] is False
    assert row["satisfied"] is False
    assert row["evidence"] == []


def test_recorded_assessment_shows_its_status_evidence_notes_and_justification():
    rows = rows_by_id(zone_matrix(two_zones(), default_catalog(), "cell", AS_OF))
    assert rows["SR 5.1"]["status"] == "implemented"
    assert rows["SR 5.1"]["evidence"] == ["ev-1"]
    assert rows["SR 5.1 RE 1"]["notes"] == "office VLANs on the cell switch"
    assert rows["SR 5.3"]["justification"] == "no e-mail in the cell"
    assert rows["SR 5.3"]["satisfied"] is True


def test_re_of_a_not_applicable_sr_inherits_not_applicable():
    rows = rows_by_id(zone_matrix(two_zones(), default_catalog(), "cell", AS_OF))
    re = rows["SR 5.3 RE 1"]
    assert re["status"] == "not_applicable"
    assert re["recorded"] is False
    assert re["inherited_from"] == "SR 5.3"
    assert re["satisfied"] is True


def test_approved_unexpired_countermeasure_is_valid_and_satisfies_the_requirement():
    rows = rows_by_id(zone_matrix(two_zones(), default_catalog(), "cell", date(2026, 12, 31)))
    row = rows["SR 5.1 RE 1"]
    assert row["status"] == "not_implemented"
    assert row["compensating"] == {
        "description": "ACL admits the SCADA servers only",
        "approved_by": "Plant manager",
        "approved_on": "2026-06-01",
        "expires_on": "2026-12-31",
        "approved": True,
        "valid": True,
    }
    assert row["satisfied"] is True
    assert row["gap"] is None


def test_expired_countermeasure_is_not_valid_and_the_requirement_is_a_gap():
    rows = rows_by_id(zone_matrix(two_zones(), default_catalog(), "cell", date(2027, 1, 1)))
    row = rows["SR 5.1 RE 1"]
    assert row["compensating"]["valid"] is False
    assert row["satisfied"] is False
    assert row["gap"] == {"severity": "medium", "priority": 40}


def test_summary_follows_the_countermeasure_expiry():
    catalog = default_catalog()
    before = zone_matrix(two_zones(), catalog, "cell", date(2026, 12, 31))
    after = zone_matrix(two_zones(), catalog, "cell", date(2027, 1, 1))
    assert before["sl_target"] == [0, 0, 0, 0, 2, 0, 0]
    assert before["sl_achieved"][4] == 2
    assert before["score"] == 100.0
    assert before["meets_target"] is True
    assert after["sl_achieved"][4] == 1
    assert after["score"] == 66.7
    assert after["meets_target"] is False
    assert after["gaps"] == 1
    assert after["frs"][4] == {
        "fr": 5,
        "title": "Restricted data flow",
        "sl_target": 2,
        "sl_achieved": 1,
        "meets_target": False,
    }


def test_zone_without_target_has_no_score_and_nothing_in_scope():
    matrix = zone_matrix(two_zones(), default_catalog(), "office", AS_OF)
    assert matrix["score"] is None
    assert matrix["in_scope"] == 0
    assert matrix["meets_target"] is True


def test_matrix_agrees_with_status_for_every_zone_and_conduit_of_the_small_project(small):
    catalog = default_catalog()
    status = project_status(small, catalog, AS_OF)
    for zone in status["zones"]:
        matrix = zone_matrix(small, catalog, zone["id"], AS_OF)
        assert matrix["target"]["type"] == zone["type"]
        assert matrix["sl_target"] == zone["sl_target"]
        assert matrix["sl_achieved"] == zone["sl_achieved"]
        assert matrix["score"] == zone["score"]
        assert matrix["gaps"] == zone["gaps"]
        in_scope_unsatisfied = [
            r for r in matrix["requirements"] if r["in_scope"] and not r["satisfied"]
        ]
        assert len(in_scope_unsatisfied) == zone["gaps"]


def test_small_project_scada_numbers_are_the_hand_derived_ones(small):
    matrix = zone_matrix(small, default_catalog(), "scada", AS_OF)
    assert matrix["sl_achieved"] == [0, 0, 0, 1, 0, 0, 0]
    assert matrix["score"] == 16.7
    assert (matrix["srs_in_score"], matrix["srs_meeting_target"]) == (36, 6)
    rows = rows_by_id(matrix)
    assert rows["SR 6.1"]["compensating"]["approved"] is True
    assert rows["SR 6.1"]["compensating"]["valid"] is False  # expired 2026-06-30
    assert rows["SR 5.2"]["satisfied_by"].startswith("compensating countermeasure approved")


def test_conduit_matrix_names_the_zones_it_joins(small):
    matrix = zone_matrix(small, default_catalog(), "scada-sis", AS_OF)
    assert matrix["target"] == {
        "id": "scada-sis",
        "type": "conduit",
        "name": "SCADA to SIS",
        "safety": True,
        "joins": ["scada", "sis"],
    }
    assert matrix["score"] == 100.0


def test_unknown_target_is_refused_with_its_name(small):
    with pytest.raises(TargetNotFound, match="'nowhere'"):
        zone_matrix(small, default_catalog(), "nowhere", AS_OF)
