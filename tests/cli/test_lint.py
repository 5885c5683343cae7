"""``zonewarden lint``: zoning rules (IEC 62443-3-2 ZCR 3) on the command line.

tests/fixtures/lint/seeded.yaml holds one mistake per rule (listed at its top); the shipped
example must lint clean, every accepted finding waived with its reason.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from zonewarden.catalog import default_catalog
from zonewarden.domain.zoning import ZONING_RULE_IDS
from zonewarden.project.dump import dumps
from zonewarden.project.errors import ProjectError
from zonewarden.project.load import load_project, load_text

ROOT = Path(__file__).resolve().parents[2]
SEEDED = ROOT / "tests" / "fixtures" / "lint" / "seeded.yaml"
EXAMPLE = ROOT / "zonewarden" / "examples" / "riverside-wtp.yaml"
AS_OF = ("--as-of", "2026-11-26")


def zw(*args: str | Path, columns: int = 120) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZONEWARDEN_")}
    env.update(COLUMNS=str(columns), PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "zonewarden", *map(str, args)], capture_output=True, text=True,
        encoding="utf-8", env=env, timeout=60, check=False,
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert "internal error" not in done.stderr
    return done


def lint_json(*args: str | Path, status: int) -> Any:
    done = zw("lint", *args, "--format", "json", *AS_OF)
    assert done.returncode == status, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


def with_lint(tmp_path: Path, section: str, source: Path = SEEDED) -> Path:
    file = tmp_path / "plant.yaml"
    file.write_text(source.read_text("utf-8") + section, encoding="utf-8")
    return file


# --- the seeded fixture and the example ----------------------------------------------------


def test_seeded_fixture_gives_one_finding_per_rule_and_fails() -> None:
    document = lint_json(SEEDED, status=1)
    assert sorted(f["rule"] for f in document["findings"]) == sorted(ZONING_RULE_IDS)
    assert document["passed"] is False
    assert document["counts"] == {"error": 9, "warning": 2, "info": 1, "waived": 0}
    assert [f["severity"] for f in document["findings"]] == ["error"] * 9 + ["warning"] * 2 + [
        "info"]


def test_json_names_rule_clause_objects_paths_explanation_and_fix() -> None:
    document = lint_json(SEEDED, status=1)
    assert set(document) == {"project", "as_of", "passed", "strict", "counts", "findings",
                             "unused_waivers"}
    assert (document["project"], document["as_of"]) == ("seeded-plant", "2026-11-26")
    by_rule = {f["rule"]: f for f in document["findings"]}
    wireless = by_rule["zoning/wireless-in-wired-zone"]
    assert wireless == {
        "rule": "zoning/wireless-in-wired-zone",
        "severity": "error",
        "clause": "ZCR 3.5",
        "title": "wireless device in a wired zone",
        "message": "wireless asset 'wap-01' (type wireless_ap) is in wired zone 'control' "
                   "(control, Purdue 1)",
        "objects": [{"type": "asset", "id": "wap-01", "path": "assets[9]"},
                    {"type": "zone", "id": "control", "path": "zones[2]"}],
        "path": "assets[9].zone",
        "explanation": wireless["explanation"],
        "fix": wireless["fix"],
        "waived": False,
        "waiver": None,
    }
    assert wireless["explanation"] and wireless["fix"]
    overlap = by_rule["zoning/overlapping-networks"]
    assert overlap["path"] == "zones[4].networks[0]"
    assert [o["id"] for o in overlap["objects"]] == ["control", "lab"]


def test_example_lints_clean_and_every_waived_finding_has_its_reason() -> None:
    document = lint_json(EXAMPLE, status=0)
    assert document["passed"] is True
    assert document["counts"] == {"error": 0, "warning": 0, "info": 0, "waived": 9}
    assert document["findings"] == [] and document["unused_waivers"] == []
    shown = lint_json(EXAMPLE, "--show-waived", status=0)["findings"]
    assert len(shown) == 9
    for finding in shown:
        assert finding["waived"] is True
        assert finding["waiver"]["reason"].strip()
        assert finding["waiver"]["approved_by"] and finding["waiver"]["approved_on"]
        assert re.fullmatch(r"lint\.waive\[\d\]", finding["waiver"]["path"])


def test_example_waiver_with_an_expiry_stops_counting_after_it() -> None:
    done = zw("lint", EXAMPLE, "--format", "json", "--as-of", "2027-07-01")
    assert done.returncode == 0, done.stderr  # a warning does not fail ...
    document = json.loads(done.stdout)
    assert document["counts"]["warning"] == 1
    (laptop,) = document["findings"]
    assert laptop["rule"] == "zoning/temporary-in-permanent-zone"
    assert laptop["waiver"]["expired"] is True and laptop["waiver"]["expires_on"] == "2027-06-30"
    strict = zw("lint", EXAMPLE, "--strict", "--as-of", "2027-07-01")
    assert strict.returncode == 1  # ... unless --strict
    assert "FAIL" in strict.stdout and "--strict" in strict.stdout


# --- waivers ---------------------------------------------------------------------------------

ERRORS_WAIVED = """\
lint:
  waive:
    - {rule: zoning/asset-without-zone, reason: inventory import in progress}
    - rule: zoning/address-outside-zone
      objects: [plc-02]
      reason: dual-homed
      approved_by: J. Doe
      approved_on: 2026-10-01
      expires_on: 2027-10-01
    - {rule: zoning/overlapping-networks, objects: [lab], reason: lab moves in Q1}
    - {rule: zoning/business-with-control, objects: [control], reason: PC removed next outage}
    - {rule: zoning/conduit-bypasses-dmz, reason: "read-only, via firewall"}
    - {rule: zoning/safety-outside-safety-zone, reason: "spare solver, not connected"}
    - {rule: zoning/safety-zone-with-control, reason: "panel is SIS-rated"}
    - {rule: zoning/wireless-in-wired-zone, reason: access point disabled}
    - {rule: zoning/remote-access-in-control-zone, reason: gateway powered off}
"""


def test_waived_errors_pass_and_strict_still_fails_on_warnings(tmp_path: Path) -> None:
    file = with_lint(tmp_path, ERRORS_WAIVED)
    document = lint_json(file, status=0)
    assert document["counts"] == {"error": 0, "warning": 2, "info": 1, "waived": 9}
    assert [f["rule"] for f in document["findings"]] == [
        "zoning/temporary-in-permanent-zone", "zoning/conduit-below-zone-target",
        "zoning/zone-without-conduit"]
    assert zw("lint", file, "--strict", *AS_OF).returncode == 1
    shown = lint_json(file, "--show-waived", status=0)["findings"]
    address = next(f for f in shown if f["rule"] == "zoning/address-outside-zone")
    assert address["waiver"] == {
        "path": "lint.waive[1]", "reason": "dual-homed", "approved_by": "J. Doe",
        "approved_on": "2026-10-01", "expires_on": "2027-10-01", "expired": False}


def test_table_lists_waived_findings_with_their_reason_only_when_asked(tmp_path: Path) -> None:
    file = with_lint(tmp_path, ERRORS_WAIVED)
    plain = zw("lint", file, *AS_OF)
    assert plain.returncode == 0
    assert "dual-homed" not in plain.stdout
    summary = "PASS: 0 errors, 2 warnings, 1 info; 9 waived (--show-waived lists them)."
    assert summary in plain.stdout
    shown = zw("lint", file, "--show-waived", *AS_OF)
    assert "Waived findings" in shown.stdout
    assert "dual-homed" in shown.stdout and "until 2027-10-01" in shown.stdout


def test_a_waiver_that_matches_nothing_is_noted(tmp_path: Path) -> None:
    file = with_lint(tmp_path, "lint:\n  waive:\n    - {rule: zoning/wireless-in-wired-zone, "
                     "objects: [plc-01], reason: stale}\n")
    document = lint_json(file, status=1)
    assert document["unused_waivers"] == [{"path": "lint.waive[0]",
                                           "rule": "zoning/wireless-in-wired-zone",
                                           "objects": ["plc-01"], "reason": "stale"}]
    assert "Note: lint.waive[0] (zoning/wireless-in-wired-zone) matches no finding" in zw(
        "lint", file, *AS_OF).stdout


BAD_WAIVERS = [
    ("unknown-rule", "    - {rule: zoning/wifi, reason: x}\n", "lint.waive[0].rule",
     "expected one of"),
    ("unknown-object", "    - {rule: zoning/wireless-in-wired-zone, objects: [wap-1], "
     "reason: x}\n", "lint.waive[0].objects[0]", "did you mean 'wap-01'"),
    ("blank-reason", '    - {rule: zoning/wireless-in-wired-zone, reason: "  "}\n',
     "lint.waive[0].reason", "needs a reason"),
    ("missing-reason", "    - {rule: zoning/wireless-in-wired-zone}\n", "lint.waive[0].reason",
     "missing required key 'reason'"),
    ("empty-objects", "    - {rule: zoning/wireless-in-wired-zone, objects: [], reason: x}\n",
     "lint.waive[0].objects", "at least 1"),
    ("expires-before-approval", "    - {rule: zoning/wireless-in-wired-zone, reason: x, "
     "approved_on: 2026-10-01, expires_on: 2026-09-30}\n", "lint.waive[0].expires_on",
     "before approved_on"),
    ("unknown-key", "    - {rule: zoning/wireless-in-wired-zone, reason: x, by: me}\n",
     "lint.waive[0].by", "unknown key"),
]


def problem(file: Path) -> str:
    """The bad-input message of ``file``, as the CLI prints it (one line per problem)."""
    with pytest.raises(ProjectError) as raised:
        load_project(file)
    return str(raised.value)


@pytest.mark.parametrize(("entry", "path", "phrase"),
                         [pytest.param(e, p, w, id=i) for i, e, p, w in BAD_WAIVERS])
def test_a_bad_waiver_is_bad_input_with_its_place(
    tmp_path: Path, entry: str, path: str, phrase: str
) -> None:
    file = with_lint(tmp_path, "lint:\n  waive:\n" + entry)
    message = problem(file)
    line = len(SEEDED.read_text("utf-8").splitlines()) + 3
    assert message.startswith(f"{file}:{line}:"), message
    assert f": {path}: " in message and phrase in message, message


def test_lint_of_a_bad_waiver_exits_2_with_one_located_message(tmp_path: Path) -> None:
    file = with_lint(tmp_path, "lint:\n  waive:\n" + BAD_WAIVERS[1][1])
    done = zw("lint", file, *AS_OF)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    assert done.stderr.strip() == problem(file)
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("old", "new", "path", "phrase"), [
    ("type: wireless_ap}", 'type: wireless_ap, wireless: "yes"}', "assets[9].wireless",
     "true or false"),
    ("type: workstation, purdue_level: 4,", "type: workstation, purdue_level: 6,",
     "assets[4].purdue_level", "Purdue level"),
    ("zone: control, type: sis,", "zone: contrl, type: sis,", "assets[6].zone",
     "did you mean 'control'"),
])
def test_bad_asset_fields_are_bad_input(
    tmp_path: Path, old: str, new: str, path: str, phrase: str
) -> None:
    text = SEEDED.read_text("utf-8")
    assert text.count(old) == 1
    file = tmp_path / "plant.yaml"
    file.write_text(text.replace(old, new), encoding="utf-8")
    message = problem(file)
    assert f": {path}: " in message and phrase in message, message


# --- formats -----------------------------------------------------------------------------------


def test_csv_has_a_header_and_one_row_per_finding() -> None:
    done = zw("lint", SEEDED, "--format", "csv", *AS_OF)
    assert done.returncode == 1
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 12
    assert list(rows[0]) == ["severity", "rule", "clause", "objects", "path", "message",
                             "waived", "waiver_reason"]
    assert rows[0]["objects"] == "loose-01" and rows[0]["waived"] == "false"


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_table_fits_the_terminal_and_keeps_rule_ids_whole(columns: int) -> None:
    done = zw("lint", SEEDED, *AS_OF, columns=columns)
    assert done.returncode == 1
    assert max(len(line) for line in done.stdout.splitlines()) <= columns
    for rule in ZONING_RULE_IDS:
        assert rule in done.stdout, rule
    assert done.stdout.rstrip().endswith("FAIL: 9 errors, 2 warnings, 1 info.")


def test_same_lint_twice_gives_identical_bytes() -> None:
    first, second = zw("lint", SEEDED, *AS_OF), zw("lint", SEEDED, *AS_OF)
    assert first.stdout == second.stdout and first.stdout


# --- the new fields round-trip through convert -------------------------------------------------


def test_asset_fields_and_waivers_round_trip_losslessly(tmp_path: Path) -> None:
    file = with_lint(tmp_path, ERRORS_WAIVED)
    text = file.read_text("utf-8").replace(
        "type: laptop}", "type: laptop, safety_related: true, wireless: true, "
        "remote_access: true, purdue_level: 3.5}")
    file.write_text(text, encoding="utf-8")
    project = load_project(file).project
    laptop = next(a for a in project.assets if a.id == "laptop-01")
    assert (laptop.safety_related, laptop.wireless, laptop.remote_access, laptop.purdue_level) == (
        True, True, True, 3.5)
    assert len(project.waivers) == 9
    catalog = default_catalog()
    for kind in ("yaml", "json"):
        dumped = dumps(project, catalog, kind)
        again = load_text(dumped, f"dump.{kind}", kind)
        assert again == project
        assert dumps(again, catalog, kind) == dumped
    assert "loose-01" in dumps(project, catalog, "yaml")  # the asset without a zone is kept


def test_files_without_the_new_fields_convert_unchanged() -> None:
    dumped = dumps(load_project(ROOT / "tests" / "fixtures" / "small.yaml").project,
                   default_catalog(), "yaml")
    for key in ("safety_related", "wireless", "remote_access", "lint:"):
        assert key not in dumped
