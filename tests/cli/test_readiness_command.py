"""``zonewarden readiness`` through the real CLI (issue 7 item 2)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.cli.runner import zonewarden

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "riverside-wtp.yaml"
FIXTURE = ROOT / "tests" / "fixtures" / "readiness" / "plant.yaml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return zonewarden(*args, columns=60)


def test_the_example_says_what_an_auditor_would_find_missing() -> None:
    done = run("readiness", str(EXAMPLE), "--as-of", "2026-11-26")
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert "not ready" in text
    assert "proc-moc" in text  # the change procedure is past its review date
    assert "no record of an incident response test" in text
    assert "ev-ups-test" in text and "expired on 2026-06-30" in text
    assert "nc-2026-01" in text  # overdue corrective action
    assert "suggested scope: idmz" in text


def test_json_and_csv_agree() -> None:
    done = run("readiness", str(FIXTURE), "--as-of", "2026-11-26", "--format", "json")
    document = json.loads(done.stdout)
    csv_done = run("readiness", str(FIXTURE), "--as-of", "2026-11-26", "--format", "csv")
    lines = csv_done.stdout.strip().splitlines()
    assert lines[0] == "id,title,status,missing,objects"
    assert len(lines) == 1 + len(document["checklist"]) == 13
    again = run("readiness", str(FIXTURE), "--as-of", "2026-11-26", "--format", "json")
    assert again.stdout == done.stdout


def test_target_option_overrides_the_file() -> None:
    done = run(
        "readiness", str(FIXTURE), "--as-of", "2026-11-26", "--target", "csms", "--format", "json"
    )
    assert json.loads(done.stdout)["certification"]["standard"] == "IEC 62443-2-1"
    bad = run("readiness", str(FIXTURE), "--target", "iso27001")
    assert bad.returncode == 2
    assert "iso27001" in bad.stderr and "Traceback" not in bad.stderr


def test_bad_section_is_refused_with_its_key_path(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("scheme: ssa", "scheme: iso")
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    done = run("readiness", str(path))
    assert done.returncode == 2
    assert "certification.scheme" in done.stderr and "Traceback" not in done.stderr
