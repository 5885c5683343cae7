"""``risk``, ``explain --sl-target`` and ``crs`` through the real command line, on the example
project (examples/riverside-wtp.yaml, whose risk section is RA-2026-04) and on a project
without a risk section (tests/fixtures/small.yaml).

Expected figures of the example, worked out by hand from its fourteen scenarios with the default
rule (actor casual 1, simple 2, moderate 3, extended 4; consequence caps 1, 2, 3, 4, 4; baseline
1; tolerable medium): site-ops gets SL 2 in every FR from ts-01 (simple, likely x major: high)
and SL 3 in FR 1, FR 2, FR 5 from ts-02 (moderate, likely x severe: critical) -> [3,3,2,2,3,2,2];
ts-14 (casual, possible x moderate: medium) does not count. The recorded SL-T 2 is below in FR 1,
FR 2 and FR 5 and explained by the override rationale.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "examples" / "riverside-wtp.yaml")
SMALL = str(ROOT / "tests" / "fixtures" / "small.yaml")
AS_OF = ("--as-of", "2026-11-26")

_RESULTS: dict[tuple[str, ...], subprocess.CompletedProcess[str]] = {}


def zw(*args: str | Path, columns: int = 120) -> subprocess.CompletedProcess[str]:
    key = (str(columns), *map(str, args))
    if key not in _RESULTS:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ZONEWARDEN_")}
        env.update(COLUMNS=str(columns), PYTHONIOENCODING="utf-8")
        _RESULTS[key] = subprocess.run(
            [sys.executable, "-m", "zonewarden", *map(str, args)], capture_output=True,
            text=True, encoding="utf-8", env=env, timeout=120, check=False,
        )
    return _RESULTS[key]


def zw_json(*args: str) -> Any:
    done = zw(*args)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


# --- risk ------------------------------------------------------------------------------------

AGREEMENT = {
    "enterprise": "below", "idmz": "matches", "remote-access": "matches", "site-ops": "below",
    "scada": "matches", "bpcs-intake": "below", "bpcs-filtration": "above",
    "bpcs-disinfection": "matches", "bpcs-pumping": "matches", "sis": "above",
    "field-wireless": "matches", "ent-idmz": "matches", "remote-idmz": "above",
    "remote-siteops": "above", "idmz-siteops": "matches", "siteops-scada": "matches",
    "scada-intake": "matches", "scada-filtration": "matches", "intake-filtration": "matches",
    "scada-disinfection": "matches", "scada-pumping": "matches", "sis-scada": "above",
    "field-intake": "above", "field-pumping": "matches",
}


def test_risk_json_on_the_example_has_every_step_done_and_every_sl_target_explained() -> None:
    document = zw_json("risk", EXAMPLE, "--format", "json", *AS_OF)
    assert document["project"] == "riverside-wtp"
    assert document["as_of"] == "2026-11-26"
    assert document["tolerable"] == "medium"
    assert [s["state"] for s in document["steps"]] == ["done"] * 19
    assert document["steps"][0] == {
        "id": "ZCR 1", "title": "Identify the SUC", "state": "done",
        "summary": "SuC described: 7 access points, 6 essential functions", "missing": [],
    }
    zones = {z["id"]: z for z in document["zones"]}
    assert {k: z["agreement"] for k, z in zones.items()} == AGREEMENT
    assert all(z["explained"] for z in zones.values())
    assert zones["site-ops"]["derived_sl_target"] == [3, 3, 2, 2, 3, 2, 2]
    assert zones["site-ops"]["scenarios"] == ["ts-01", "ts-02", "ts-14"]
    assert zones["sis"]["derived_sl_target"] == [3, 3, 3, 2, 3, 2, 3]
    assert zones["sis"]["function"] == "safety"
    assert zones["bpcs-disinfection"]["initial_risk"] == "critical"
    assert len(document["scenarios"]) == 14
    assert [w["code"] for w in document["warnings"]] == ["residual-above-tolerable"]
    assert document["warnings"][0]["subject"] == "ts-02"


def test_risk_table_lists_steps_zones_and_warnings() -> None:
    done = zw("risk", EXAMPLE, *AS_OF)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "tolerable risk: Medium" in out
    for step in ("ZCR 1", "ZCR 5.13", "ZCR 7"):
        assert step in out
    for zone in AGREEMENT:
        assert zone in out
    assert "warning: ts-02: residual risk High stays above the tolerable Medium" in out


def test_risk_table_fits_sixty_columns_without_breaking_ids() -> None:
    done = zw("risk", EXAMPLE, *AS_OF, columns=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 60
    for zone in AGREEMENT:
        assert any(line.split()[:1] == [zone] for line in lines), zone


def test_risk_csv_has_one_row_per_zone_and_conduit() -> None:
    done = zw("risk", EXAMPLE, "--format", "csv", *AS_OF)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["id"] for r in rows] == list(AGREEMENT)
    site_ops = next(r for r in rows if r["id"] == "site-ops")
    assert site_ops["derived_sl_target"] == "3 3 2 2 3 2 2"
    assert site_ops["agreement"] == "below" and site_ops["explained"] == "true"
    assert site_ops["scenarios"] == "3"


def test_risk_without_a_risk_section_reports_what_is_missing() -> None:
    document = zw_json("risk", SMALL, "--format", "json", *AS_OF)
    states = {s["id"]: s["state"] for s in document["steps"]}
    assert states["ZCR 3"] == "done"
    assert states["ZCR 2"] == states["ZCR 7"] == "missing"
    assert document["tolerable"] is None
    assert all(z["derived_sl_target"] is None for z in document["zones"])
    table = zw("risk", SMALL, *AS_OF)
    assert table.returncode == 0
    assert "No risk section" in table.stdout


def test_risk_output_is_deterministic() -> None:
    first = zw("risk", EXAMPLE, *AS_OF)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZONEWARDEN_")}
    env.update(COLUMNS="120", PYTHONIOENCODING="utf-8")
    again = subprocess.run(
        [sys.executable, "-m", "zonewarden", "risk", EXAMPLE, *AS_OF], capture_output=True,
        text=True, encoding="utf-8", env=env, timeout=120, check=False,
    )
    assert again.stdout == first.stdout


# --- explain --sl-target ------------------------------------------------------------------


def test_explain_sl_target_json_walks_from_scenarios_to_the_number() -> None:
    document = zw_json("explain", EXAMPLE, "site-ops", "--sl-target", "--format", "json", *AS_OF)
    assert document["derived_sl_target"] == [3, 3, 2, 2, 3, 2, 2]
    assert document["sl_target"] == [2, 2, 2, 2, 2, 2, 2]
    assert document["agreement"] == "below" and document["explained"] is True
    assert document["rule"]["actor_sl"] == {"casual": 1, "simple": 2, "moderate": 3, "extended": 4}
    assert document["rule"]["consequence_sl"] == {
        "negligible": 1, "minor": 2, "moderate": 3, "major": 4, "severe": 4,
    }
    scenarios = {s["id"]: s for s in document["scenarios"]}
    assert scenarios["ts-01"]["required_sl"] == 2 and scenarios["ts-01"]["risk"] == "high"
    assert scenarios["ts-02"]["required_sl"] == 3 and scenarios["ts-02"]["risk"] == "critical"
    assert scenarios["ts-14"]["above_tolerable"] is False
    assert [f["from_scenario"] for f in document["frs"]] == [
        "ts-02", "ts-02", "ts-01", "ts-01", "ts-02", "ts-01", "ts-01",
    ]
    assert document["decision"]["override_rationale"].startswith("ts-02 calls for SL 3")
    text = "\n".join(document["explanation"])
    assert "below, explained by the override rationale" in text
    assert "ts-14 Commodity malware" in text and "does not count" in text


def test_explain_sl_target_table_for_a_conduit() -> None:
    done = zw("explain", EXAMPLE, "sis-scada", "--sl-target", *AS_OF)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Conduit sis-scada")
    assert "FR 4 Data confidentiality: derived 1, the baseline" in done.stdout
    assert "Justification: Uniform SL 3" in done.stdout


def test_explain_sl_target_without_risk_section_says_so() -> None:
    done = zw("explain", SMALL, "sis", "--sl-target", *AS_OF)
    assert done.returncode == 0, done.stderr
    assert "no risk section" in done.stdout


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (("explain", EXAMPLE, "nowhere", "--sl-target"), "unknown zone or conduit"),
        (("explain", EXAMPLE, "sis", "SR 1.1", "--sl-target"), "--sl-target"),
    ],
)
def test_explain_sl_target_usage_errors_exit_2(args: tuple[str, ...], word: str) -> None:
    done = zw(*args)
    assert done.returncode == 2
    assert word in done.stderr and "Traceback" not in done.stderr


# --- crs -----------------------------------------------------------------------------------


def test_crs_markdown_is_deterministic_and_complete(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "crs.md", tmp_path / "b" / "crs.md"
    for path in (first, second):
        path.parent.mkdir()
        done = zw("crs", EXAMPLE, "--output", path, *AS_OF)
        assert done.returncode == 0, done.stderr
        assert f"Wrote {path} (sha256 " in done.stdout
        assert (path.parent / "crs-diagram.svg").is_file()
    text = first.read_text(encoding="utf-8")
    assert text == second.read_text(encoding="utf-8")
    for heading in (
        "## 1. Status of the risk assessment",
        "## 2. System under consideration (ZCR 6.2)",
        "## 3. Zone and conduit drawing (ZCR 6.3)",
        "## 4. Tolerable risk and risk method (ZCR 6.8)",
        "## 5. Threat environment (ZCR 6.6)",
        "## 6. Assumptions, policies and regulations (ZCR 6.5, 6.7, 6.9)",
        "## 7. Zones and conduits (ZCR 6.4)",
        "## 8. Approval (ZCR 7)",
    ):
        assert heading in text, heading
    assert "![Zone and conduit diagram](crs-diagram.svg)" in text
    assert "| Accountable organisation | OT Security |" in text
    assert "7d1b73889ff90ca37aeac75222bb84976288379a4ddbcc6f2587882f28aaf762" in text
    sis_fr5 = "- FR 5 Restricted data flow, SL 4: SR 5.1, SR 5.1 RE 1, SR 5.1 RE 2, SR 5.1 RE 3"
    assert sis_fr5 in text


def test_crs_html_and_pdf(tmp_path: Path) -> None:
    html, pdf = tmp_path / "crs.html", tmp_path / "crs.pdf"
    assert zw("crs", EXAMPLE, "-o", html, *AS_OF).returncode == 0
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert "Chlorine safety system" in page
    done = zw("crs", EXAMPLE, "--format", "pdf", "-o", pdf, *AS_OF)
    assert done.returncode == 0, done.stderr
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    first = reader.pages[0].extract_text()
    assert "cybersecurity requirements specification" in first.lower()
    assert "RA-2026-04 rev 1" in first
    last = " ".join(page.extract_text() for page in reader.pages[-8:])
    assert "By signing, the asset owner approves" in last
    header = "Cybersecurity requirements specification — IEC 62443-3-2"
    assert header in reader.pages[2].extract_text()


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (("--output", "crs.docx"), "--format"),
        (("--format", "xml", "--output", "crs.md"), "--format"),
        (("--output", "no/such/folder/crs.md"), "existing folder"),
    ],
)
def test_crs_usage_errors_exit_2(args: tuple[str, ...], word: str, tmp_path: Path) -> None:
    fixed = tuple(str(tmp_path / a) if a.startswith(("crs.", "no/")) else a for a in args)
    done = zw("crs", EXAMPLE, *fixed)
    assert done.returncode == 2, done.stdout
    assert word in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["risk", "crs"])
def test_risk_commands_have_help_with_an_example(command: str) -> None:
    done = zw(command, "--help")
    assert done.returncode == 0
    assert f"zonewarden {command}" in done.stdout.split("Example:", 1)[1]
