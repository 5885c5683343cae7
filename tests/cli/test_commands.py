"""The command line on a small, hand-checked project (spec sections 3 and 5).

Expected numbers for tests/fixtures/small.yaml on 2026-11-26, derived by hand from spec section 3
and the 3-3 catalog (min_sl column):

- At SL 1 the catalog has 37 SRs and no REs: FR1 10 (SR 1.1, 1.3, 1.4, 1.5, 1.6, 1.7, 1.10,
  1.11, 1.12, 1.13), FR2 8, FR3 5, FR4 2 (SR 4.1, 4.3), FR5 4 (SR 5.1-5.4), FR6 1, FR7 7.
  FR5 at SL 2 adds SR 5.1 RE 1 and SR 5.2 RE 1; FR4 at SL 2 adds SR 4.1 RE 1 and SR 4.2.
- scada (SL-T 1 everywhere): 37 SRs in scope, SR 7.7 not applicable -> 36 in the score.
  Satisfied: SR 1.1, 1.3, 2.8, 4.1, 4.3 (implemented), SR 5.2 (countermeasure valid until
  2027-10-01), SR 7.7 (justified n/a). Meeting SL-T 6 -> 6/36 = 16.7. Gaps 37 - 7 = 30.
  SL-A: FR4 reaches 1 (SR 4.1, 4.3), SL 2 is blocked by SR 4.1 RE 1 -> [0,0,0,1,0,0,0].
  SR 6.1's countermeasure expired on 2026-06-30, so SR 6.1 is a gap.
- sis (safety; SL-T {FR1: 1, FR5: 2} = [1,0,0,0,2,0,0]): FR1 10 SRs, FR5 4 SRs + SR 5.1 RE 1 +
  SR 5.2 RE 1. SR 5.3 n/a -> 13 in the score. Meeting: SR 1.1, SR 5.2 (+RE 1), SR 5.4 = 3
  (SR 5.1 fails on its RE 1) -> 3/13 = 23.1. Gaps: 9 in FR1 + SR 5.1 RE 1 = 10.
  SL-A: FR5 = 1 (all SL-1 FR5 requirements satisfied; SR 5.1 RE 1 blocks 2) -> [0,0,0,0,1,0,0].
- dmz (SL-T 0): nothing in scope -> score null, 0 gaps, meets its target.
- scada-sis conduit (SL-T FR5 = 1): SR 5.1-5.4 implemented -> 4/4 = 100.0, SL-A
  [0,0,0,0,1,0,0], meets its target.
- Overall: (6 + 3 + 0 + 4) / (36 + 13 + 0 + 4) = 13/53 = 24.5; 2 of 4 targets met; 40 gaps.
- Severity (default rules): start from the FR's SL-T (1 low, 2 medium), +1 in a safety zone,
  +1 for a missing base SR, -1 for partial. sis FR1 gaps: low+1+1 = high; sis SR 5.1 RE 1:
  medium+1 = high; scada base gaps: low+1 = medium; scada SR 3.1 (partial): low.
  -> 10 high, 29 medium, 1 low, 0 critical.
- Priority = 10 x severity rank + 5 x SL-T + 10 safety + 5 base SR + FR weight (6,4,2,1,6,3,3)
  + 2 x (4 - min_sl): sis FR1 = 30+5+10+5+6+6 = 62; sis SR 5.1 RE 1 = 30+10+10+0+6+4 = 60;
  scada FR1/FR5 = 20+5+5+6+6 = 42; scada SR 6.1 = 20+5+5+3+6 = 39; scada SR 3.1 = 10+5+5+2+6 = 28.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SMALL = str(FIXTURES / "small.yaml")
SMALL_JSON = str(FIXTURES / "small.json")
AS_OF = ("--as-of", "2026-11-26")

_RESULTS: dict[tuple[str, ...], subprocess.CompletedProcess[str]] = {}


def _execute(args: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZONEWARDEN_")}
    env.update(COLUMNS="120", PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "zonewarden", *args], capture_output=True, text=True,
        encoding="utf-8", env=env, timeout=60, check=False,
    )


def zw(*args: str | Path, fresh: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the CLI (results of read-only commands are shared between tests)."""
    key = tuple(map(str, args))
    if fresh:
        return _execute(key)
    if key not in _RESULTS:
        _RESULTS[key] = _execute(key)
    return _RESULTS[key]


def zw_json(*args: str | Path) -> Any:
    done = zw(*args)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


def no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stdout + done.stderr
    assert "internal error" not in done.stderr


# --- status ---------------------------------------------------------------------------------

STATUS_ROW = {"id", "type", "sl_target", "sl_achieved", "score", "srs_in_score",
              "srs_meeting_target", "gaps", "meets_target"}
OVERALL = {"score", "srs_in_score", "srs_meeting_target", "targets_met", "targets"}


def test_status_json_has_the_spec_fields() -> None:
    doc = zw_json("status", SMALL, "--format", "json", *AS_OF)
    assert {"project", "as_of", "overall", "zones"} <= set(doc)
    assert set(doc["overall"]) >= OVERALL
    for row in doc["zones"]:
        assert set(row) >= STATUS_ROW
        assert len(row["sl_target"]) == len(row["sl_achieved"]) == 7
    assert doc["project"] == "small-plant"
    assert doc["as_of"] == "2026-11-26"


def test_status_json_lists_zones_then_conduits_in_file_order() -> None:
    doc = zw_json("status", SMALL, "--format", "json", *AS_OF)
    assert [(r["id"], r["type"]) for r in doc["zones"]] == [
        ("scada", "zone"), ("sis", "zone"), ("dmz", "zone"), ("scada-sis", "conduit")]


def test_status_json_numbers_match_the_hand_computation() -> None:
    doc = zw_json("status", SMALL, "--format", "json", *AS_OF)
    rows = {r["id"]: {k: r[k] for k in sorted(STATUS_ROW - {"id", "type"})} for r in doc["zones"]}
    assert rows == {
        "scada": {"sl_target": [1] * 7, "sl_achieved": [0, 0, 0, 1, 0, 0, 0], "score": 16.7,
                  "srs_in_score": 36, "srs_meeting_target": 6, "gaps": 30,
                  "meets_target": False},
        "sis": {"sl_target": [1, 0, 0, 0, 2, 0, 0], "sl_achieved": [0, 0, 0, 0, 1, 0, 0],
                "score": 23.1, "srs_in_score": 13, "srs_meeting_target": 3, "gaps": 10,
                "meets_target": False},
        "dmz": {"sl_target": [0] * 7, "sl_achieved": [0] * 7, "score": None,
                "srs_in_score": 0, "srs_meeting_target": 0, "gaps": 0, "meets_target": True},
        "scada-sis": {"sl_target": [0, 0, 0, 0, 1, 0, 0], "sl_achieved": [0, 0, 0, 0, 1, 0, 0],
                      "score": 100.0, "srs_in_score": 4, "srs_meeting_target": 4, "gaps": 0,
                      "meets_target": True},
    }
    overall = {k: doc["overall"][k] for k in sorted(OVERALL)}
    assert overall == {"score": 24.5, "srs_in_score": 53, "srs_meeting_target": 13,
                       "targets_met": 2, "targets": 4}


EXPIRY = [
    ("2027-10-01", 16.7, 24.5),  # expires_on == as_of: the countermeasure still counts
    ("2027-10-02", 13.9, 22.6),  # expired: SR 5.2 no longer meets -> 5/36, 12/53
]


@pytest.mark.parametrize(("as_of", "scada_score", "overall"), EXPIRY)
def test_compensating_countermeasure_expiry_follows_as_of(
    as_of: str, scada_score: float, overall: float
) -> None:
    doc = zw_json("status", SMALL, "--format", "json", "--as-of", as_of)
    scada = doc["zones"][0]
    assert (scada["id"], scada["score"]) == ("scada", scada_score)
    assert doc["overall"]["score"] == overall
    assert doc["as_of"] == as_of


def test_status_of_the_json_twin_is_identical() -> None:
    yaml_out = zw("status", SMALL, "--format", "json", *AS_OF)
    json_out = zw("status", SMALL_JSON, "--format", "json", *AS_OF)
    assert yaml_out.returncode == json_out.returncode == 0
    assert json_out.stdout == yaml_out.stdout


def test_status_csv_parses_with_a_header() -> None:
    done = zw("status", SMALL, "--format", "csv", *AS_OF)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["id"] for r in rows] == ["scada", "sis", "dmz", "scada-sis"]
    assert {"id", "type", "score", "gaps", "meets_target"} <= set(rows[0])
    assert [r["gaps"] for r in rows] == ["30", "10", "0", "0"]


def test_status_table_shows_every_zone_and_the_overall_score() -> None:
    done = zw("status", SMALL, *AS_OF)
    assert done.returncode == 0, done.stderr
    for zone in ("scada", "sis", "dmz", "scada-sis"):
        assert zone in done.stdout
    assert "24.5%" in done.stdout
    assert "\x1b" not in done.stdout  # no colour codes when not on a terminal


# --- gaps -----------------------------------------------------------------------------------

GAP_FIELDS = {"zone", "requirement", "fr", "min_sl", "sl_target", "status", "severity",
              "priority"}


def gap_list(*extra: str) -> list[dict[str, Any]]:
    doc = zw_json("gaps", SMALL, "--format", "json", *AS_OF, *extra)
    assert doc["project"] == "small-plant"
    assert doc["as_of"] == "2026-11-26"
    return doc["gaps"]  # type: ignore[no-any-return]


def test_gaps_json_fields_and_hand_computed_register() -> None:
    gaps = gap_list()
    assert len(gaps) == 40
    for gap in gaps:
        assert set(gap) >= GAP_FIELDS
    brief = [(g["zone"], g["requirement"]) for g in gaps]
    assert brief[:10] == [("sis", f"SR 1.{n}") for n in (3, 4, 5, 6, 7, 10, 11, 12, 13)] + [
        ("sis", "SR 5.1 RE 1")]
    assert brief[10] == ("scada", "SR 1.4")
    assert brief[-1] == ("scada", "SR 3.1")
    pick = {(g["zone"], g["requirement"]): {k: g[k] for k in GAP_FIELDS} for g in gaps}
    assert pick[("sis", "SR 1.3")] == {
        "zone": "sis", "requirement": "SR 1.3", "fr": 1, "min_sl": 1, "sl_target": 1,
        "status": "not_implemented", "severity": "high", "priority": 62}
    assert pick[("sis", "SR 5.1 RE 1")] == {
        "zone": "sis", "requirement": "SR 5.1 RE 1", "fr": 5, "min_sl": 2, "sl_target": 2,
        "status": "not_implemented", "severity": "high", "priority": 60}
    assert pick[("scada", "SR 6.1")] == {
        "zone": "scada", "requirement": "SR 6.1", "fr": 6, "min_sl": 1, "sl_target": 1,
        "status": "not_implemented", "severity": "medium", "priority": 39}
    assert pick[("scada", "SR 3.1")] == {
        "zone": "scada", "requirement": "SR 3.1", "fr": 3, "min_sl": 1, "sl_target": 1,
        "status": "partial", "severity": "low", "priority": 28}
    assert pick[("scada", "SR 1.4")]["status"] == "not_assessed"
    assert ("scada", "SR 5.2") not in pick  # satisfied by a valid countermeasure
    assert ("scada", "SR 7.7") not in pick  # justified not_applicable
    priorities = [g["priority"] for g in gaps]
    assert priorities == sorted(priorities, reverse=True)
    severities = [g["severity"] for g in gaps]
    assert {s: severities.count(s) for s in set(severities)} == {"high": 10, "medium": 29,
                                                                 "low": 1}


GAP_FILTERS = [
    (("--zone", "sis"), {("sis", 10)}),
    (("--zone", "scada", "--fr", "1"), {("scada", 8)}),
    (("--zone", "scada-sis"), set()),
    (("--fr", "5"), {("scada", 3), ("sis", 1)}),
    (("--severity", "high"), {("sis", 10)}),
    (("--severity", "low"), {("scada", 1)}),
    (("--severity", "critical"), set()),
    (("--severity", "medium", "--severity", "low"), {("scada", 30)}),
]


@pytest.mark.parametrize(("extra", "expected"), GAP_FILTERS)
def test_gaps_filters(extra: tuple[str, ...], expected: set[tuple[str, int]]) -> None:
    gaps = gap_list(*extra)
    zones = [g["zone"] for g in gaps]
    assert {(z, zones.count(z)) for z in set(zones)} == expected
    if "--fr" in extra:
        assert {g["fr"] for g in gaps} == {int(extra[extra.index("--fr") + 1])}


def test_gaps_filter_by_unknown_zone_is_bad_input() -> None:
    done = zw("gaps", SMALL, "--zone", "nowhere", *AS_OF)
    no_traceback(done)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "nowhere" in done.stderr


def test_gaps_filter_by_unknown_severity_is_a_usage_error() -> None:
    done = zw("gaps", SMALL, "--severity", "urgent", *AS_OF)
    no_traceback(done)
    assert done.returncode == 2
    assert "urgent" in done.stderr and "--severity" in done.stderr


def test_gaps_csv_parses_with_a_header() -> None:
    done = zw("gaps", SMALL, "--format", "csv", *AS_OF)
    assert done.returncode == 0, done.stderr
    reader = csv.DictReader(io.StringIO(done.stdout))
    rows = list(reader)
    assert set(reader.fieldnames or ()) >= GAP_FIELDS
    assert len(rows) == 40
    assert (rows[0]["zone"], rows[0]["requirement"], rows[0]["priority"]) == ("sis", "SR 1.3",
                                                                              "62")


def test_gaps_table_shows_zone_ids() -> None:
    done = zw("gaps", SMALL, *AS_OF)
    assert done.returncode == 0, done.stderr
    assert "sis" in done.stdout and "scada" in done.stdout
    assert "SR 5.1 RE 1" in done.stdout
    assert "40 gaps" in done.stdout


# --- explain --------------------------------------------------------------------------------


def test_explain_zone_json() -> None:
    doc = zw_json("explain", SMALL, "sis", "--format", "json", *AS_OF)
    assert {"zone", "type", "sl_target", "sl_achieved", "meets_target", "score", "frs"} <= set(doc)
    assert (doc["zone"], doc["type"], doc["score"]) == ("sis", "zone", 23.1)
    assert doc["sl_achieved"] == [0, 0, 0, 0, 1, 0, 0]
    frs = {fr["fr"]: fr for fr in doc["frs"]}
    assert sorted(frs) == [1, 2, 3, 4, 5, 6, 7]
    assert (frs[1]["sl_target"], frs[1]["sl_achieved"], frs[1]["meets_target"]) == (1, 0, False)
    assert frs[1]["capped_by"][0]["requirement"] == "SR 1.3"  # first unsatisfied in FR 1
    assert (frs[5]["sl_target"], frs[5]["sl_achieved"], frs[5]["meets_target"]) == (2, 1, False)
    assert frs[5]["capped_by"][0]["requirement"] == "SR 5.1 RE 1"
    assert all(isinstance(fr["explanation"], str) and fr["explanation"] for fr in doc["frs"])


EXPLAIN_REQUIREMENTS = [
    ("scada", "SR 5.2", {"requirement": "SR 5.2", "in_scope": True, "status": "not_implemented",
                         "satisfied": True, "gap": None}),
    ("scada", "sr6.1", {"requirement": "SR 6.1", "in_scope": True, "status": "not_implemented",
                        "satisfied": False}),
    ("scada", "SR 2.8(1)", {"requirement": "SR 2.8 RE 1", "in_scope": False,
                            "status": "not_implemented", "satisfied": False, "gap": None}),
    ("sis", "SR 5.3", {"requirement": "SR 5.3", "in_scope": True, "status": "not_applicable",
                       "satisfied": True, "gap": None}),
    ("scada-sis", "SR 5.1", {"requirement": "SR 5.1", "in_scope": True, "status": "implemented",
                             "satisfied": True, "gap": None}),
]


@pytest.mark.parametrize(("zone", "requirement", "expected"), EXPLAIN_REQUIREMENTS)
def test_explain_requirement_json(zone: str, requirement: str, expected: dict[str, Any]) -> None:
    doc = zw_json("explain", SMALL, zone, requirement, "--format", "json", *AS_OF)
    assert doc["zone"] == zone
    assert {k: doc[k] for k in expected} == expected
    assert isinstance(doc["explanation"], list) and doc["explanation"]


def test_explain_gap_shows_severity_and_priority_reasoning() -> None:
    doc = zw_json("explain", SMALL, "scada", "SR 6.1", "--format", "json", *AS_OF)
    assert doc["gap"]["severity"] == "medium"
    assert doc["gap"]["priority"] == 39
    assert sum(t["value"] for t in doc["gap"]["priority_terms"]) == 39
    assert any("expired" in line for line in doc["explanation"])
    satisfied_by = zw_json("explain", SMALL, "scada", "SR 5.2", "--format", "json", *AS_OF)
    assert "compensating" in satisfied_by["satisfied_by"]


EXPLAIN_ERRORS = [
    (("nowhere",), "nowhere"),
    (("scada", "SR 9.9"), "SR 9.9"),
    (("scada", "not-an-id"), "not-an-id"),
]


@pytest.mark.parametrize(("args", "word"), EXPLAIN_ERRORS)
def test_explain_unknown_zone_or_requirement_is_bad_input(args: tuple[str, ...], word: str) -> None:
    done = zw("explain", SMALL, *args, *AS_OF)
    no_traceback(done)
    assert done.returncode == 2
    assert done.stdout == ""
    assert word in done.stderr


def test_explain_zone_table_names_what_caps_each_fr() -> None:
    done = zw("explain", SMALL, "sis", *AS_OF)
    assert done.returncode == 0, done.stderr
    assert "sis" in done.stdout
    assert "SR 1.3" in done.stdout and "SR 5.1 RE 1" in done.stdout


# --- check ----------------------------------------------------------------------------------


CHECKS = [
    (("--fail-under", "25"), 1),
    (("--fail-under", "24"), 0),
    (("--fail-under", "24.5"), 0),  # equal is not below
    (("--require-targets",), 1),
    (("--fail-under", "10", "--require-targets"), 1),
    ((), 0),
]


@pytest.mark.parametrize(("args", "status"), CHECKS)
def test_check_exit_status(args: tuple[str, ...], status: int) -> None:
    done = zw("check", SMALL, *args, *AS_OF)
    no_traceback(done)
    assert done.returncode == status, done.stdout + done.stderr
    if "--require-targets" in args:
        assert "scada" in done.stdout and "sis" in done.stdout


def test_check_json_reports_pass_or_fail() -> None:
    failed = zw("check", SMALL, "--fail-under", "25", "--format", "json", *AS_OF)
    assert failed.returncode == 1
    doc = json.loads(failed.stdout)
    assert (doc["passed"], doc["score"]) == (False, 24.5)
    assert doc["failures"]


def test_check_require_targets_passes_when_every_target_is_met(tmp_path: Path) -> None:
    file = tmp_path / "met.yaml"
    file.write_text(
        "format: zonewarden/v1\nproject: {id: met, name: Met}\nzones:\n"
        "  - {id: a, name: A, sl_target: {FR6: 1}}\n  - {id: b, name: B, sl_target: 0}\n"
        "conduits:\n  - {id: ab, zones: [a, b], sl_target: 0}\n"
        "assessments:\n  a:\n    \"SR 6.1\": {status: implemented}\n", encoding="utf-8")
    done = zw("check", file, "--require-targets", "--fail-under", "100", *AS_OF)
    no_traceback(done)
    assert done.returncode == 0, done.stdout + done.stderr


# --- catalog and schema ---------------------------------------------------------------------

CATALOG_FIELDS = {"id", "part", "fr", "type", "parent", "min_sl", "title"}


def test_catalog_json_has_the_100_requirements_of_3_3() -> None:
    rows = zw_json("catalog", "--format", "json")["requirements"]
    assert len(rows) == 100
    for row in rows:
        assert set(row) >= CATALOG_FIELDS
        assert row["part"] == "3-3"
        assert row["type"] in ("SR", "RE")
        assert (row["parent"] is None) == (row["type"] == "SR")
    source = resources.files("zonewarden.catalog").joinpath("data/iec62443-3-3.csv")
    expected = list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8"))))
    assert [(r["id"], r["fr"], r["type"], r["parent"] or None, r["min_sl"], r["title"])
            for r in rows] == [
        (e["id"], int(e["fr"]), e["type"], e["parent"] or None, int(e["min_sl"]), e["title"])
        for e in expected]


CATALOG_FILTERS = [
    ("1", ["SR 5.1", "SR 5.2", "SR 5.3", "SR 5.4"]),
    ("2", ["SR 5.1", "SR 5.1 RE 1", "SR 5.2", "SR 5.2 RE 1", "SR 5.3", "SR 5.4"]),
]


@pytest.mark.parametrize(("sl", "ids"), CATALOG_FILTERS)
def test_catalog_filters_by_fr_and_sl(sl: str, ids: list[str]) -> None:
    rows = zw_json("catalog", "--fr", "5", "--sl", sl, "--format", "json")["requirements"]
    assert [r["id"] for r in rows] == ids


def test_schema_is_json_with_zones_property() -> None:
    doc = zw_json("schema")
    assert "zones" in doc["properties"]
    assert {"format", "project", "assessments"} <= set(doc["properties"])


# --- init -----------------------------------------------------------------------------------


def test_init_writes_a_valid_project_and_refuses_to_overwrite(tmp_path: Path) -> None:
    folder = tmp_path / "plant"
    done = zw("init", folder, fresh=True)
    assert done.returncode == 0, done.stderr
    project = folder / "project.yaml"
    assert project.is_file() and (folder / "evidence").is_dir()
    starter = project.read_bytes()
    valid = zw("validate", project, fresh=True)
    assert valid.returncode == 0, valid.stderr
    assert "valid" in valid.stdout

    project.write_bytes(b"# my edits\n" + starter)
    again = zw("init", folder, fresh=True)
    no_traceback(again)
    assert again.returncode == 2
    assert "--force" in again.stderr and str(project) in again.stderr
    assert project.read_bytes() == b"# my edits\n" + starter

    forced = zw("init", folder, "--force", fresh=True)
    assert forced.returncode == 0, forced.stderr
    assert project.read_bytes() == starter


# --- dates, determinism, help ---------------------------------------------------------------


BAD_DATE = [("status", SMALL), ("gaps", SMALL), ("explain", SMALL, "sis"), ("check", SMALL),
            ("lint", SMALL)]


@pytest.mark.parametrize("command", BAD_DATE)
def test_invalid_as_of_is_a_usage_error_naming_the_option(command: tuple[str, ...]) -> None:
    done = zw(*command, "--as-of", "2026-02-30")
    no_traceback(done)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "2026-02-30" in done.stderr and "YYYY-MM-DD" in done.stderr
    assert "--as-of" in done.stderr, done.stderr


@pytest.mark.parametrize("args", [
    ("status", SMALL, *AS_OF),
    ("gaps", SMALL, "--format", "json", *AS_OF),
    ("gaps", SMALL, "--format", "csv", *AS_OF),
    ("explain", SMALL, "sis", *AS_OF),
], ids=["status-table", "gaps-json", "gaps-csv", "explain-table"])
def test_same_command_twice_gives_identical_bytes(args: tuple[str, ...]) -> None:
    first = zw(*args)
    second = zw(*args, fresh=True)
    assert first.returncode == second.returncode == 0
    assert second.stdout == first.stdout
    assert first.stdout


COMMANDS = ["init", "validate", "status", "gaps", "explain", "check", "lint", "catalog",
            "convert", "schema"]


def test_main_help_lists_every_command_with_an_example() -> None:
    done = zw("--help")
    assert done.returncode == 0
    for command in COMMANDS:
        assert f"  {command} " in done.stdout, command
    assert "Example:" in done.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_shows_an_example(command: str) -> None:
    done = zw(command, "--help")
    assert done.returncode == 0, done.stderr
    assert "Example:" in done.stdout
    assert f"zonewarden {command}" in done.stdout.split("Example:", 1)[1]


# --- run the read-only commands above concurrently, once, to keep the suite fast -------------

PREFETCH = [
    ("status", SMALL, "--format", "json", *AS_OF),
    ("status", SMALL_JSON, "--format", "json", *AS_OF),
    ("status", SMALL, "--format", "csv", *AS_OF),
    ("status", SMALL, *AS_OF),
    *[("status", SMALL, "--format", "json", "--as-of", day) for day, _, _ in EXPIRY],
    ("gaps", SMALL, "--format", "json", *AS_OF),
    *[("gaps", SMALL, "--format", "json", *AS_OF, *extra) for extra, _ in GAP_FILTERS],
    ("gaps", SMALL, "--format", "csv", *AS_OF),
    ("gaps", SMALL, *AS_OF),
    ("gaps", SMALL, "--zone", "nowhere", *AS_OF),
    ("gaps", SMALL, "--severity", "urgent", *AS_OF),
    ("explain", SMALL, "sis", "--format", "json", *AS_OF),
    ("explain", SMALL, "sis", *AS_OF),
    ("explain", SMALL, "scada", "SR 6.1", "--format", "json", *AS_OF),
    *[("explain", SMALL, zone, req, "--format", "json", *AS_OF)
      for zone, req, _ in EXPLAIN_REQUIREMENTS],
    *[("explain", SMALL, *args, *AS_OF) for args, _ in EXPLAIN_ERRORS],
    *[("check", SMALL, *args, *AS_OF) for args, _ in CHECKS],
    ("check", SMALL, "--fail-under", "25", "--format", "json", *AS_OF),
    ("catalog", "--format", "json"),
    *[("catalog", "--fr", "5", "--sl", sl, "--format", "json") for sl, _ in CATALOG_FILTERS],
    ("schema",),
    *[(*command, "--as-of", "2026-02-30") for command in BAD_DATE],
    ("--help",),
    *[(command, "--help") for command in COMMANDS],
]


@pytest.fixture(scope="module", autouse=True)
def _prefetch() -> None:
    todo = [key for key in dict.fromkeys(PREFETCH) if key not in _RESULTS]
    with ThreadPoolExecutor(max_workers=max(2, (os.cpu_count() or 2) * 2)) as pool:
        for key, done in zip(todo, pool.map(_execute, todo), strict=True):
            _RESULTS[key] = done
