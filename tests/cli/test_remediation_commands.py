"""``actions``, ``plan``, ``change`` and action links in ``gaps`` through the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "riverside-wtp.yaml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZONEWARDEN_")}
    env.update(COLUMNS="60", PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "zonewarden", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_the_example_plan_has_three_phases_climbing_to_sl_target(tmp_path: Path) -> None:
    done = run(
        "plan", str(EXAMPLE), "--as-of", "2026-11-26", "--start", "2027-01-04", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    phases = document["phases"]
    assert [p["phase"] for p in phases] == [0, 1, 2, 3]
    scores = [p["score"] for p in phases]
    assert scores == sorted(scores) and scores[-1] == 100.0
    assert phases[-1]["targets_met"] == phases[-1]["targets"]
    where = {a["id"]: a for p in phases[1:] for a in p["actions"]}
    for action in where.values():
        for dependency in action["depends_on"]:
            assert where[dependency]["end_month"] <= action["start_month"]
    assert where["asset-inventory"]["phase"] == 1 and where["remote-mfa"]["phase"] == 1
    assert where["rbac"]["phase"] == 2 and where["advanced-integrity"]["phase"] == 3


def test_plan_in_a_60_column_terminal_and_other_formats(tmp_path: Path) -> None:
    table = run("plan", str(EXAMPLE), "--as-of", "2026-11-26")
    assert table.returncode == 0, table.stderr
    assert "Phase 1 (0-3 months)" in table.stdout and "Projected score 100.0%" in table.stdout
    assert max(len(line) for line in table.stdout.splitlines()) <= 60
    csv = run("plan", str(EXAMPLE), "--as-of", "2026-11-26", "--format", "csv")
    assert csv.stdout.startswith("phase,id,title,status,start,end")
    svg = run("plan", str(EXAMPLE), "--as-of", "2026-11-26", "--format", "svg")
    assert svg.stdout.startswith("<svg") and "ot-segmentation" in svg.stdout
    out = tmp_path / "plan.xlsx"
    xlsx = run("plan", str(EXAMPLE), "--as-of", "2026-11-26", "--format", "xlsx", "-o", str(out))
    assert xlsx.returncode == 0, xlsx.stderr
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["Roadmap", "Projection"]
    assert run("plan", str(EXAMPLE), "--format", "xlsx").returncode == 2


def test_change_shows_what_blocks_closure() -> None:
    done = run("change", str(EXAMPLE), "ot-segmentation", "--format", "json")
    document = json.loads(done.stdout)
    assert not document["can_close"]
    assert {b["gate"] for b in document["blocking"]} == {
        "rollback",
        "vendor",
        "approval",
        "evidence",
    }
    unknown = run("change", str(EXAMPLE), "ot-segmentaton")
    assert unknown.returncode == 2 and "did you mean 'ot-segmentation'" in unknown.stderr


def test_actions_and_gap_links() -> None:
    done = run("actions", str(EXAMPLE), "--format", "json")
    actions = json.loads(done.stdout)["actions"]
    assert 15 <= len(actions) <= 30
    assert [a["priority"] for a in actions] == sorted(
        (a["priority"] for a in actions), reverse=True
    )
    gaps = json.loads(
        run(
            "gaps", str(EXAMPLE), "--as-of", "2026-11-26", "--zone", "sis", "--format", "json"
        ).stdout
    )["gaps"]
    linked = {g["requirement"]: g for g in gaps}
    assert linked["SR 1.5 RE 1"]["action"] == "remote-mfa"
    assert linked["SR 1.5 RE 1"]["finding"] == "no-remote-mfa"
    assert linked["SR 1.5 RE 1"]["accepted_until"] == "2027-06-30"
    expired = json.loads(
        run(
            "gaps", str(EXAMPLE), "--as-of", "2027-07-01", "--zone", "sis", "--format", "json"
        ).stdout
    )["gaps"]
    assert {g["requirement"]: g for g in expired}["SR 1.5 RE 1"]["accepted_until"] is None
    explained = run("explain", str(EXAMPLE), "ot-segmentation")
    assert "foundational control" in explained.stdout


CLOSABLE = """\
format: zonewarden/v1
project: {id: p, name: P}
zones:
  - {id: cell, name: Cell, sl_target: [1, 0, 0, 0, 0, 0, 0]}
evidence:
  - {id: ev, title: Change report}
assessments:
  cell:
    "SR 1.1": {status: not_implemented}
    "SR 1.2": {status: implemented}
    "SR 1.3": {status: implemented}
    "SR 1.4": {status: implemented}
    "SR 1.5": {status: implemented}
    "SR 1.6": {status: implemented}
    "SR 1.7": {status: implemented}
    "SR 1.8": {status: implemented}
    "SR 1.9": {status: implemented}
    "SR 1.10": {status: implemented}
    "SR 1.11": {status: implemented}
    "SR 1.12": {status: implemented}
    "SR 1.13": {status: implemented}
actions:
  - id: accounts
    title: Personal accounts
    addresses: [{zone: cell, requirements: [SR 1.1]}]
    status: STATUS
    verified_on: 2026-11-20
    changes:
      - id: c1
        lab_test: {result: passed}
        rollback: {documented: true, verified: ROLLBACK}
        approval: {approved_by: A, approved_on: 2026-11-10}
        evidence: [ev]
"""


def test_an_unverified_rollback_keeps_an_action_open_and_closing_moves_sl_a(
    tmp_path: Path,
) -> None:
    file = tmp_path / "p.yaml"
    file.write_text(CLOSABLE.replace("STATUS", "verified").replace("ROLLBACK", "false"))
    refused = run("validate", str(file))
    assert refused.returncode == 2 and "rollback" in refused.stderr
    assert "actions[0].status" in refused.stderr
    file.write_text(CLOSABLE.replace("STATUS", "in_progress").replace("ROLLBACK", "false"))
    before = json.loads(run("status", str(file), "--as-of", "2026-11-26", "-f", "json").stdout)
    file.write_text(CLOSABLE.replace("STATUS", "verified").replace("ROLLBACK", "true"))
    after = json.loads(run("status", str(file), "--as-of", "2026-11-26", "-f", "json").stdout)
    assert before["zones"][0]["sl_achieved"][0] == 0
    assert after["zones"][0]["sl_achieved"][0] == 1 and after["zones"][0]["meets_target"]
