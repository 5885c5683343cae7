"""The compliance calendar (issue 7 item 4): what falls due, computed by hand.

The fixture tests/fixtures/compliance/compliance.yaml is read on 2027-01-15 with the default
90-day window, which ends on 2027-04-15. Days are counted by hand: from 2026-06-30 to
2027-01-15 is 184 days to 2026-12-31 (31 + 31 + 30 + 31 + 30 + 31) plus 15, so 199.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zonewarden.domain.actions import Acceptance
from zonewarden.domain.calendar import DueItem, due_items
from zonewarden.domain.certification import Certification
from zonewarden.domain.evidence import Evidence
from zonewarden.domain.nonconformities import CorrectiveAction, Nonconformity, Verification
from zonewarden.domain.obligations import Obligation
from zonewarden.domain.periods import Period
from zonewarden.domain.projects import Project
from zonewarden.project.load import load_project

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "compliance" / "compliance.yaml"
AS_OF = date(2027, 1, 15)


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(FIXTURE).project


def by_key(items: list[DueItem]) -> dict[tuple[str, str], DueItem]:
    return {(item.kind, item.key): item for item in items}


def test_the_fixture_on_15_january_2027_lists_these_items_in_date_kind_id_order(
    project: Project,
) -> None:
    items = due_items(project, AS_OF)
    assert [(item.day.isoformat(), item.days, item.kind, item.key) for item in items] == [
        ("2026-06-30", -199, "acceptance_expiry", "scada/SR 3.1"),
        ("2026-06-30", -199, "countermeasure_expiry", "scada/SR 6.1"),
        ("2026-11-30", -46, "obligation", "backup-restore"),
        ("2026-12-31", -15, "corrective_action", "nc-01"),
        ("2027-01-01", -14, "document_review", "ir-plan"),
        ("2027-01-14", -1, "evidence_expiry", "ev-scan"),
        ("2027-01-15", 0, "obligation", "staff-training"),
        ("2027-01-15", 0, "evidence_expiry", "ev-training"),
        ("2027-01-31", 16, "obligation", "mgmt-review"),
        ("2027-02-10", 26, "countermeasure_expiry", "sis/SR 5.1 RE 1"),
        ("2027-02-15", 31, "corrective_action", "nc-07"),
        ("2027-02-28", 44, "obligation", "access-recert"),
        ("2027-03-01", 45, "evidence_expiry", "ev-pentest"),
        ("2027-03-10", 54, "obligation", "internal-audit"),
        ("2027-03-31", 75, "waiver_expiry", "zoning/zone-without-conduit/dmz"),
        ("2027-04-01", 76, "audit", "certification"),
        ("2027-04-15", 90, "acceptance_expiry", "sis/SR 1.3"),
    ]
    assert sum(item.overdue for item in items) == 6


def test_an_obligation_done_on_the_last_day_of_a_month_falls_due_on_a_shorter_months_last_day(
    project: Project,
) -> None:
    # access-recert: every 3m, last done 2026-11-30 -> 2027-02-30 does not exist -> 02-28
    item = by_key(due_items(project, AS_OF))[("obligation", "access-recert")]
    assert item.day == date(2027, 2, 28)
    assert item.period == Period(3, "m") and item.last_done == date(2026, 11, 30)
    # backup-restore: every 6m, last done 2026-05-31 -> 2026-11-31 -> 11-30, 46 days late
    late = by_key(due_items(project, AS_OF))[("obligation", "backup-restore")]
    assert late.day == date(2026, 11, 30) and late.overdue and late.days == -46


@pytest.mark.parametrize(
    ("last_done", "every", "due"),
    [
        (date(2027, 1, 31), "1m", date(2027, 2, 28)),
        (date(2028, 1, 31), "1m", date(2028, 2, 29)),
        (date(2027, 8, 31), "1m", date(2027, 9, 30)),
        (date(2028, 2, 29), "1y", date(2029, 2, 28)),
        (date(2027, 1, 31), "2w", date(2027, 2, 14)),
        (date(2027, 1, 31), "30d", date(2027, 3, 2)),
    ],
)
def test_month_end_clamping_of_obligation_due_dates(last_done: date, every: str, due: date) -> None:
    obligation = Obligation("o", "other", Period.parse(every), last_done=last_done)
    [item] = due_items(Project("p", "P", obligations=(obligation,)), last_done, Period(1, "y"))
    assert item.day == due


def test_an_obligation_never_done_and_undated_is_due_today_and_says_never_done(
    project: Project,
) -> None:
    item = by_key(due_items(project, AS_OF))[("obligation", "staff-training")]
    assert item.day == AS_OF and item.days == 0 and not item.overdue
    assert item.note == "never done" and item.last_done is None
    assert item.title == "Staff security training" and item.owner == "HR"


def test_due_on_overrides_last_done_plus_period(project: Project) -> None:
    # surveillance: last done 2026-02-01 + 12m would be 2027-02-01, inside 90 days; the date
    # booked with the body, 2027-05-20, is outside 90 days and inside 6 months
    assert ("obligation", "surveillance") not in by_key(due_items(project, AS_OF))
    item = by_key(due_items(project, AS_OF, Period(6, "m")))[("obligation", "surveillance")]
    assert item.day == date(2027, 5, 20) and item.days == 125
    assert item.title == "Surveillance audit by the certification body"


def test_the_window_ends_inclusively_on_as_of_plus_within(project: Project) -> None:
    keys = by_key(due_items(project, AS_OF))
    assert ("acceptance_expiry", "sis/SR 1.3") in keys  # 2027-04-15, day 90
    assert ("acceptance_expiry", "scada/SR 1.4") not in keys  # 2027-04-16, day 91
    wider = by_key(due_items(project, AS_OF, Period(91, "d")))
    assert ("acceptance_expiry", "scada/SR 1.4") in wider
    narrow = due_items(project, AS_OF, Period(1, "d"))
    assert [i.key for i in narrow if not i.overdue] == ["staff-training", "ev-training"]
    assert len(due_items(project, AS_OF, Period(6, "m"))) == 21


def test_evidence_is_valid_through_its_expiry_date_and_expired_the_day_after(
    project: Project,
) -> None:
    keys = by_key(due_items(project, AS_OF))
    today = keys[("evidence_expiry", "ev-training")]
    assert today.days == 0 and not today.overdue
    assert today.title == "Evidence expires: Training attendance list"
    yesterday = keys[("evidence_expiry", "ev-scan")]
    assert yesterday.days == -1 and yesterday.overdue
    assert yesterday.title == "Evidence expired: Vulnerability scan report"


def test_expiries_long_past_the_window_are_still_listed_as_overdue(project: Project) -> None:
    keys = by_key(due_items(project, AS_OF, Period(1, "d")))
    acceptance = keys[("acceptance_expiry", "scada/SR 3.1")]
    assert acceptance.days == -199 and acceptance.owner == "M. Okafor"
    assert acceptance.ids == ("scada", "SR 3.1")
    assert keys[("countermeasure_expiry", "scada/SR 6.1")].days == -199


def test_a_countermeasure_of_an_implemented_requirement_is_not_listed(project: Project) -> None:
    # scada SR 7.6 is implemented; its countermeasure expiring 2027-01-20 changes nothing
    keys = by_key(due_items(project, AS_OF))
    assert ("countermeasure_expiry", "scada/SR 7.6") not in keys
    assert ("countermeasure_expiry", "scada/SR 5.2") not in keys  # 2027-10-01, outside


def test_done_corrective_actions_and_closed_nonconformities_are_not_listed(
    project: Project,
) -> None:
    actions = [
        i for i in due_items(project, AS_OF, Period(1, "y")) if i.kind == "corrective_action"
    ]
    # nc-02 done (awaiting verification), nc-04 done (ineffective), nc-05 verified,
    # nc-06 closed, nc-03 without corrective action
    assert [(i.key, i.days) for i in actions] == [("nc-01", -15), ("nc-07", 31)]
    assert actions[0].owner == "OT Security" and "major non-conformity nc-01" in actions[0].title


def test_an_action_done_after_as_of_is_still_due_on_as_of() -> None:
    nc = Nonconformity(
        "n",
        "F",
        "minor",
        "internal_audit",
        date(2027, 1, 1),
        corrective_action=CorrectiveAction("Fix", "A", date(2027, 2, 1), date(2027, 3, 1)),
    )
    project = Project("p", "P", nonconformities=(nc,))
    [item] = due_items(project, date(2027, 2, 10))
    assert item.days == -9
    assert due_items(project, date(2027, 3, 1)) == []
    assert due_items(project, date(2026, 12, 31)) == []  # not raised yet


def test_a_closed_nonconformity_is_not_listed_even_with_an_action_date() -> None:
    nc = Nonconformity(
        "n",
        "F",
        "minor",
        "internal_audit",
        date(2027, 1, 1),
        corrective_action=CorrectiveAction(
            "Fix", due_on=date(2027, 2, 1), done_on=date(2027, 1, 20)
        ),
        verification=Verification(date(2027, 1, 25), True),
        closed_on=date(2027, 1, 30),
    )
    assert due_items(Project("p", "P", nonconformities=(nc,)), date(2027, 1, 31)) == []


def test_a_passed_audit_date_stays_listed_as_overdue_until_the_next_is_recorded() -> None:
    project = Project(
        "p", "P", certification=Certification("csms", "Body", audit_on=date(2027, 3, 1))
    )
    [item] = due_items(project, date(2027, 3, 2))
    assert item.kind == "audit" and item.overdue and item.days == -1
    assert item.title == (
        "Certification audit by Body: Security management system (CSMS), IEC 62443-2-1"
    )
    assert item.note is not None and "next audit date" in item.note
    [upcoming] = due_items(project, date(2027, 3, 1))
    assert not upcoming.overdue and upcoming.note is None


def test_a_risk_acceptance_without_expiry_and_evidence_without_expiry_are_not_listed() -> None:
    project = Project(
        "p",
        "P",
        evidence=(Evidence("e", "E"),),
        acceptances=(Acceptance("z", ("SR 1.1",), "A", date(2026, 1, 1), "r"),),
    )
    assert due_items(project, date(2027, 1, 1), Period(9999, "y")) == []


def test_the_waiver_expiry_names_the_rule_and_objects(project: Project) -> None:
    item = by_key(due_items(project, AS_OF))[("waiver_expiry", "zoning/zone-without-conduit/dmz")]
    assert item.title == "Waiver of zoning rule zoning/zone-without-conduit for dmz expires"
    assert item.owner == "OT Security" and item.days == 75
