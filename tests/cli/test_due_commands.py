"""``due`` and ``nonconformities`` through the real CLI (issue 7, items 4 and 5).

Expected dates are derived by hand in tests/domain/test_calendar.py for the fixture
tests/fixtures/compliance/compliance.yaml on 2027-01-15: 6 overdue items and 11 due within
90 days (to 2027-04-15).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

from tests.cli.runner import zonewarden

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "compliance" / "compliance.yaml"
AS_OF = ("--as-of", "2027-01-15")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return zonewarden(*args, columns=60)


def test_due_table_fits_60_columns_and_ends_with_the_summary() -> None:
    done = run("due", str(FIXTURE), *AS_OF)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert lines[-1] == "6 overdue, 11 due within 90 days."
    assert "Small Plant — due by 2027-04-15" in done.stdout
    assert "199d late" in done.stdout and "today" in done.stdout and "in 90d" in done.stdout
    assert "(never" in done.stdout  # staff training: never done (folded in the table)


def test_due_json_document() -> None:
    done = run("due", str(FIXTURE), *AS_OF, "--format", "json", "--within", "6m")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["project"] == "small-plant" and document["as_of"] == "2027-01-15"
    assert document["within"] == "6m" and document["until"] == "2027-07-15"
    assert document["counts"] == {"overdue": 6, "due": 15}
    first = document["items"][0]
    assert first == {
        "date": "2026-06-30",
        "days": -199,
        "overdue": True,
        "kind": "acceptance_expiry",
        "ids": ["scada", "SR 3.1"],
        "title": "Risk acceptance of SR 3.1 in scada expired",
        "owner": "M. Okafor",
        "period": None,
        "last_done": None,
        "note": None,
    }
    surveillance = next(i for i in document["items"] if i["ids"] == ["surveillance"])
    assert surveillance["date"] == "2027-05-20" and surveillance["period"] == "12m"
    assert surveillance["last_done"] == "2026-02-01"


def test_due_csv() -> None:
    done = run("due", str(FIXTURE), *AS_OF, "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert list(rows[0]) == [
        "date",
        "days",
        "overdue",
        "kind",
        "ids",
        "title",
        "owner",
        "period",
        "last_done",
        "note",
    ]
    assert len(rows) == 17
    assert rows[2]["ids"] == "backup-restore" and rows[2]["period"] == "6m"
    assert rows[0]["ids"] == "scada; SR 3.1" and rows[0]["overdue"] == "true"


def test_due_ics_parses_back_is_byte_identical_and_has_one_event_per_item(
    tmp_path: Path,
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "zonewarden", "due", str(FIXTURE), *AS_OF, "--format", "ics"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = tmp_path / "due.ics"
    written = run("due", str(FIXTURE), *AS_OF, "--format", "ics", "--output", str(out))
    assert written.returncode == 0, written.stderr
    data = out.read_bytes()
    assert data == done.stdout
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    again = tmp_path / "again.ics"
    run("due", str(FIXTURE), *AS_OF, "--format", "ics", "--output", str(again))
    assert again.read_bytes() == data
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 17
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 17
    assert "obligation-access-recert-2027-02-28@small-plant.zonewarden" in uids
    assert "acceptance_expiry-scada-SR-3.1-2026-06-30@small-plant.zonewarden" in uids
    recert = events[uids.index("obligation-access-recert-2027-02-28@small-plant.zonewarden")]
    assert recert.decoded("DTSTART").isoformat() == "2027-02-28"
    assert recert["RRULE"].to_ical() == b"FREQ=MONTHLY;INTERVAL=3"
    restore = events[uids.index("obligation-backup-restore-2026-11-30@small-plant.zonewarden")]
    assert restore["RRULE"].to_ical() == (
        b"FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=28,29,30;BYSETPOS=-1"
    )
    assert str(recert["SUMMARY"]) == "Access recertification"
    assert all(str(e["DTSTAMP"].to_ical().decode()) == "20270115T000000Z" for e in events)
    assert sum("RRULE" in e for e in events) == 5  # the obligations in the window
    assert str(events[0]["SUMMARY"]).startswith("OVERDUE: ")


def test_fail_on_overdue_exits_1_when_anything_is_overdue_and_0_otherwise() -> None:
    late = run("due", str(FIXTURE), *AS_OF, "--fail-on-overdue")
    assert late.returncode == 1, late.stderr
    assert late.stdout.splitlines()[-1] == "6 overdue, 11 due within 90 days."
    as_json = run("due", str(FIXTURE), *AS_OF, "--fail-on-overdue", "--format", "json")
    assert as_json.returncode == 1 and json.loads(as_json.stdout)["counts"]["overdue"] == 6
    # on 2026-01-01 nothing is past its date yet (staff training is due that very day)
    early = run("due", str(FIXTURE), "--as-of", "2026-01-01", "--fail-on-overdue")
    assert early.returncode == 0, early.stderr
    assert early.stdout.splitlines()[-1] == "0 overdue, 1 due within 90 days."
    assert run("due", str(FIXTURE), *AS_OF).returncode == 0


@pytest.mark.parametrize("within", ["3x", "0d", "90", "-5d", "10000d", "m"])
def test_a_bad_within_is_a_usage_error_naming_the_option(within: str) -> None:
    done = run("due", str(FIXTURE), *AS_OF, "--within", within)
    assert done.returncode == 2
    assert "'--within'" in done.stderr and "expected a period such as 90d" in done.stderr
    assert "Traceback" not in done.stderr


def test_output_with_the_table_format_is_refused() -> None:
    done = run("due", str(FIXTURE), *AS_OF, "--output", "x.txt")
    assert done.returncode == 2 and "--output needs --format" in done.stderr


@pytest.mark.parametrize(
    ("section", "path", "message"),
    [
        (
            "obligations:\n  - {id: o, kind: management_review, every: 12x}\n",
            "obligations[0].every",
            "expected a period such as 90d",
        ),
        (
            "obligations:\n  - {id: o, kind: yearly_party, every: 1y}\n",
            "obligations[0].kind",
            "expected one of",
        ),
        (
            "nonconformities:\n  - {id: n, finding: F, severity: critical, "
            "source: internal_audit, raised_on: 2026-01-01}\n",
            "nonconformities[0].severity",
            "'major', 'minor' or 'observation'",
        ),
        (
            "documents:\n  - {id: d, title: D, kind: plan, review_due: 2026-02-30}\n",
            "documents[0].review_due",
            "",
        ),
        ("certification:\n  audit_on: soon\n", "certification.audit_on", ""),
        (
            "certification:\n  evidence_freshness: 1 year\n",
            "certification.evidence_freshness",
            "expected a period",
        ),
    ],
)
def test_bad_section_values_exit_2_with_the_key_path(
    tmp_path: Path, section: str, path: str, message: str
) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text(
        "format: zonewarden/v1\nproject: {id: p, name: P}\n"
        "zones:\n  - {id: a, name: A, sl_target: 1}\n" + section,
        encoding="utf-8",
    )
    for command in ("due", "nonconformities"):
        done = run(command, str(file))
        assert done.returncode == 2, done.stdout
        assert f": {path}: " in done.stderr and message in done.stderr
        assert "Traceback" not in done.stderr


def test_nonconformities_register_json_table_csv_and_open_filter() -> None:
    done = run("nonconformities", str(FIXTURE), *AS_OF, "--format", "json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert [n["id"] for n in document["nonconformities"]] == [
        "nc-05",
        "nc-01",
        "nc-04",
        "nc-02",
        "nc-07",
        "nc-03",
        "nc-06",
    ]
    assert document["counts"]["by_status"] == {
        "open": 1,
        "action_planned": 2,
        "awaiting_verification": 1,
        "ineffective": 1,
        "verified": 1,
        "closed": 1,
    }
    nc01 = document["nonconformities"][1]
    assert nc01["overdue"] and nc01["days_overdue"] == 15 and nc01["owner"] == "OT Security"
    opened = json.loads(
        run("nonconformities", str(FIXTURE), *AS_OF, "--open", "--format", "json").stdout
    )
    assert "nc-06" not in [n["id"] for n in opened["nonconformities"]]
    assert opened["open_only"] and opened["counts"]["total"] == 6
    table = run("nonconformities", str(FIXTURE), *AS_OF)
    assert table.returncode == 0, table.stderr
    assert max(len(line) for line in table.stdout.splitlines()) <= 60
    assert "15d late" in table.stdout and "7 non-conformities" in table.stdout
    rows = list(
        csv.DictReader(
            io.StringIO(run("nonconformities", str(FIXTURE), *AS_OF, "-f", "csv").stdout)
        )
    )
    assert rows[1]["id"] == "nc-01" and rows[1]["days_overdue"] == "15"
    assert rows[3]["done_on"] == "2026-11-01" and rows[4]["requirements"] == ""


def test_the_commands_help_shows_examples() -> None:
    for command in ("due", "nonconformities"):
        done = run(command, "--help")
        assert done.returncode == 0 and "Example: zonewarden " + command in done.stdout


# --- the iCalendar text itself (in process: the service the command calls) ----------------


def test_hostile_text_is_escaped_and_folded_and_parses_back() -> None:
    from datetime import date

    from zonewarden.domain.nonconformities import CorrectiveAction, Nonconformity
    from zonewarden.domain.projects import Project
    from zonewarden.services.calendar import ics_calendar

    hostile = (
        "Fix it; now, please\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil@example.com\n" + "ünïcödé, " * 40
    )
    nc = Nonconformity(
        "nc-1",
        "F",
        "major",
        "external_audit",
        date(2027, 1, 1),
        corrective_action=CorrectiveAction(hostile, "Owner; Name, Jr.", date(2027, 2, 1)),
    )
    project = Project("p-1", "Plant; A, B\nC", nonconformities=(nc,))
    text = ics_calendar(project, date(2027, 1, 15))
    data = text.encode("utf-8")
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets
    assert lines.count(b"BEGIN:VEVENT") == 1 and lines.count(b"END:VEVENT") == 1
    assert not any(line.startswith(b"UID:evil") for line in lines)
    assert b"Fix it\\; now\\, please\\nEND:VEVENT" in data.replace(b"\r\n ", b"")
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Corrective action for major non-conformity nc-1: {hostile}"
    assert "Owner: Owner; Name, Jr." in str(event["DESCRIPTION"])
    assert str(event["UID"]) == "corrective_action-nc-1-2027-02-01@p-1.zonewarden"
    assert ics_calendar(project, date(2027, 1, 15)) == text


def test_monthly_recurrence_clamps_to_the_last_day_of_shorter_months() -> None:
    from datetime import date, datetime

    from dateutil.rrule import rrulestr

    from zonewarden.domain.obligations import Obligation
    from zonewarden.domain.periods import Period
    from zonewarden.domain.projects import Project
    from zonewarden.services.calendar import ics_calendar

    def occurrences(every: str, due_on: date, n: int = 4) -> list[str]:
        project = Project(
            "p", "P", obligations=(Obligation("o", "other", Period.parse(every), due_on=due_on),)
        )
        [event] = icalendar.Calendar.from_ical(ics_calendar(project, due_on)).walk("VEVENT")
        start = datetime(due_on.year, due_on.month, due_on.day)
        rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
        return [d.date().isoformat() for d in rule[:n]]

    assert occurrences("1m", date(2027, 1, 31)) == [
        "2027-01-31",
        "2027-02-28",
        "2027-03-31",
        "2027-04-30",
    ]
    assert occurrences("1m", date(2027, 1, 30), 3) == ["2027-01-30", "2027-02-28", "2027-03-30"]
    assert occurrences("1y", date(2028, 2, 29), 3) == ["2028-02-29", "2029-02-28", "2030-02-28"]
    assert occurrences("12m", date(2027, 3, 10), 2) == ["2027-03-10", "2028-03-10"]
    assert occurrences("2w", date(2027, 3, 10), 2) == ["2027-03-10", "2027-03-24"]
    assert occurrences("10d", date(2027, 3, 10), 2) == ["2027-03-10", "2027-03-20"]
