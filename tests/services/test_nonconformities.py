"""The non-conformity register (issue 7 item 5): status on a date, overdue corrective
actions, order and counts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zonewarden.domain.nonconformities import CorrectiveAction, Nonconformity, Verification
from zonewarden.domain.projects import Project
from zonewarden.project.load import load_project
from zonewarden.services.nonconformities import register_document

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "compliance" / "compliance.yaml"

# raised 10 Jan, action due 1 Mar and done 20 Feb, verified effective 1 Apr, closed 15 Apr
LIFE = Nonconformity(
    "nc-life",
    "Shared operator accounts on the HMI.",
    "major",
    "external_audit",
    date(2026, 1, 10),
    zones=("scada",),
    requirements=("SR 1.1",),
    corrective_action=CorrectiveAction(
        "Personal accounts for every operator.", "Operations", date(2026, 3, 1), date(2026, 2, 20)
    ),
    verification=Verification(date(2026, 4, 1), True, "Internal audit"),
    closed_on=date(2026, 4, 15),
)


def register(*ncs: Nonconformity, as_of: date, open_only: bool = False) -> dict[str, object]:
    return register_document(Project("p", "P", nonconformities=ncs), as_of, open_only)


def row(nc: Nonconformity, as_of: date) -> dict[str, object]:
    rows = register(nc, as_of=as_of)["nonconformities"]
    assert isinstance(rows, list)
    [only] = rows
    assert isinstance(only, dict)
    return only


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (date(2026, 1, 10), "action_planned"),
        (date(2026, 2, 19), "action_planned"),
        (date(2026, 2, 20), "awaiting_verification"),
        (date(2026, 3, 31), "awaiting_verification"),
        (date(2026, 4, 1), "verified"),
        (date(2026, 4, 14), "verified"),
        (date(2026, 4, 15), "closed"),
    ],
)
def test_a_finding_moves_from_action_planned_to_closed_as_its_dates_pass(
    as_of: date, status: str
) -> None:
    entry = row(LIFE, as_of)
    assert entry["status"] == status
    assert entry["open"] is (status != "closed")
    assert entry["overdue"] is False and entry["days_overdue"] == 0


def test_a_finding_without_corrective_action_is_open() -> None:
    nc = Nonconformity("n", "F", "observation", "self_assessment", date(2026, 1, 1))
    entry = row(nc, date(2026, 6, 1))
    assert entry["status"] == "open" and entry["corrective_action"] is None
    assert entry["owner"] is None and entry["due_on"] is None and not entry["overdue"]


def test_a_verification_that_found_the_action_ineffective_says_ineffective() -> None:
    nc = Nonconformity(
        "n",
        "F",
        "minor",
        "internal_audit",
        date(2026, 1, 1),
        corrective_action=CorrectiveAction(
            "Fix", due_on=date(2026, 2, 1), done_on=date(2026, 1, 20)
        ),
        verification=Verification(date(2026, 3, 1), False, notes="still happens"),
    )
    assert row(nc, date(2026, 2, 28))["status"] == "awaiting_verification"
    entry = row(nc, date(2026, 3, 1))
    assert entry["status"] == "ineffective" and entry["open"]
    assert entry["verification"] == {
        "verified_on": "2026-03-01",
        "effective": False,
        "verified_by": None,
        "notes": "still happens",
    }


def test_a_corrective_action_is_overdue_from_the_day_after_its_due_date_until_done() -> None:
    late = Nonconformity(
        "n",
        "F",
        "major",
        "internal_audit",
        date(2026, 1, 1),
        corrective_action=CorrectiveAction("Fix", "Ann", date(2026, 3, 1), date(2026, 3, 10)),
    )
    on_the_day = row(late, date(2026, 3, 1))
    assert not on_the_day["overdue"] and on_the_day["status"] == "action_planned"
    after = row(late, date(2026, 3, 2))
    assert after["overdue"] and after["days_overdue"] == 1
    assert row(late, date(2026, 3, 9))["days_overdue"] == 8
    done = row(late, date(2026, 3, 10))
    assert not done["overdue"] and done["status"] == "awaiting_verification"
    assert done["owner"] == "Ann" and done["due_on"] == "2026-03-01"


def test_findings_raised_after_as_of_are_not_in_the_register() -> None:
    document = register(LIFE, as_of=date(2026, 1, 9))
    assert document["nonconformities"] == []
    counts = document["counts"]
    assert isinstance(counts, dict) and counts["total"] == 0


def test_the_fixture_register_order_and_counts() -> None:
    project = load_project(FIXTURE).project
    document = register_document(project, date(2027, 1, 15))
    rows = document["nonconformities"]
    # open first; then major, minor, observation; then due date (none last)
    assert [(r["id"], r["status"], r["severity"], r["due_on"]) for r in rows] == [
        ("nc-05", "verified", "major", "2026-08-01"),
        ("nc-01", "action_planned", "major", "2026-12-31"),
        ("nc-04", "ineffective", "minor", "2026-07-01"),
        ("nc-02", "awaiting_verification", "minor", "2026-12-01"),
        ("nc-07", "action_planned", "minor", "2027-02-15"),
        ("nc-03", "open", "observation", None),
        ("nc-06", "closed", "minor", "2026-05-01"),
    ]
    assert document["counts"] == {
        "total": 7,
        "open": 6,
        "overdue": 1,
        "by_status": {
            "open": 1,
            "action_planned": 2,
            "awaiting_verification": 1,
            "ineffective": 1,
            "verified": 1,
            "closed": 1,
        },
        "by_severity": {"major": 2, "minor": 4, "observation": 1},
    }
    nc02 = rows[3]
    assert nc02["source"] == "external_audit" and nc02["auditor"] == "TÜV Example"
    assert nc02["zones"] == ["scada-sis"] and nc02["requirements"] == ["SR 5.2"]
    assert nc02["references"] == ["62443-2-1 change management"]
    assert rows[1]["days_overdue"] == 15  # due 2026-12-31, not done on 2027-01-15


def test_open_only_leaves_closed_findings_out() -> None:
    project = load_project(FIXTURE).project
    document = register_document(project, date(2027, 1, 15), open_only=True)
    assert document["open_only"] is True
    assert [r["id"] for r in document["nonconformities"]][-1] == "nc-03"
    assert document["counts"]["total"] == 6 and document["counts"]["by_status"]["closed"] == 0
