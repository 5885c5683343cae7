"""``snapshot``, ``diff`` and ``trend`` through the real CLI, on real files (issue 7 item 6)."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.cli.runner import zonewarden

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "small.yaml"
AS_OF = "2026-11-26"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return zonewarden(*args, cwd=cwd, columns=60)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "plant" / "small.yaml"
    path.parent.mkdir()
    shutil.copy(SMALL, path)
    return path


def improved(project: Path) -> Path:
    """The project with SCADA's SR 3.1 implemented and ev-ad expiring on 2026-11-01."""
    text = project.read_text(encoding="utf-8")
    text = text.replace('"SR 3.1": {status: partial}', '"SR 3.1": {status: implemented}')
    text = text.replace("expires_on: 2027-10-20}", "expires_on: 2026-11-01}")
    path = project.with_name("small-improved.yaml")
    path.write_text(text, encoding="utf-8")
    return path


def test_a_snapshot_taken_twice_on_one_day_is_byte_identical(project: Path) -> None:
    first = run("snapshot", str(project), "--as-of", AS_OF)
    assert first.returncode == 0, first.stderr
    path = project.parent / "snapshots" / f"small-plant-{AS_OF}.json"
    assert first.stdout == (
        f"Wrote {path}: overall score 24.5%, 40 gaps, 2 of 4 zones and conduits meet SL-T.\n"
    )
    written = path.read_bytes()
    again = run("snapshot", str(project), "--as-of", AS_OF, "--format", "json")
    assert again.returncode == 0, again.stderr
    assert path.read_bytes() == written and again.stdout.encode() == written
    document = json.loads(written)
    assert document["format"] == "zonewarden-snapshot/v1" and document["as_of"] == AS_OF
    assert list(document) == ["format", "project", "as_of", "overall", "zones", "evidence"]
    assert document["overall"]["score"] == 24.5 and document["overall"]["gaps"] == 40
    scada = document["zones"][0]
    assert scada["id"] == "scada" and len(scada["gaps"]) == 30
    assert scada["evidence"] == ["ev-ad", "ev-fw-config"]
    assert written.endswith(b"}\n") and sorted(p.name for p in path.parent.iterdir()) == [
        path.name
    ]  # no temporary file left behind
    other = project.parent / "elsewhere.json"
    assert run("snapshot", str(project), "--as-of", AS_OF, "-o", str(other)).returncode == 0
    assert other.read_bytes() == written


def test_diff_of_two_project_files_explains_the_score_change(project: Path) -> None:
    new = improved(project)
    done = run("diff", str(project), str(new), "--as-of", AS_OF, "--format", "json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["overall"]["score_before"] == 24.5
    assert document["overall"]["score_after"] == 26.4
    assert document["overall"]["score_delta"] == 1.9
    assert document["overall"]["evidence_expired"] == ["ev-ad"]
    assert document["unchanged"] == ["sis", "dmz", "scada-sis"]
    (scada,) = document["zones"]
    assert (scada["id"], scada["gaps_closed"], scada["gaps_opened"]) == ("scada", ["SR 3.1"], [])
    assert scada["explanation"] == (
        "score 16.7 -> 19.4 (+2.7): 1 gap closed (SR 3.1); evidence expired: ev-ad"
    )
    table = run("diff", str(project), str(new), "--as-of", AS_OF)
    assert table.returncode == 0, table.stderr
    assert "16.7→19.4" in table.stdout and "Overall score 24.5 -> 26.4 (+1.9)" in table.stdout
    assert max(len(line) for line in table.stdout.splitlines()) <= 60
    csv = run("diff", str(project), str(new), "--as-of", AS_OF, "--format", "csv")
    assert csv.stdout.splitlines()[0].startswith("id,type,change,sl_achieved_before")
    assert csv.stdout.splitlines()[1].startswith("scada,zone,changed,0 0 0 1 0 0 0,")


def test_diff_of_two_snapshots_and_the_trend_over_them(project: Path, tmp_path: Path) -> None:
    for day in ("2026-06-01", AS_OF):
        assert run("snapshot", str(project), "--as-of", day).returncode == 0
    folder = project.parent / "snapshots"
    done = run(
        "diff",
        str(folder / "small-plant-2026-06-01.json"),
        str(folder / f"small-plant-{AS_OF}.json"),
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    (scada,) = json.loads(done.stdout)["zones"]
    assert scada["explanation"] == (
        "score unchanged at 16.7: 1 gap closed (SR 5.2), 1 opened (SR 6.1); SL-A FR 6 1->0"
    )
    (folder / "other-plant-2026-01-01.json").write_text("not even json", encoding="utf-8")
    (folder / "notes.txt").write_text("ignored", encoding="utf-8")
    table = run("trend", str(project))
    assert table.returncode == 0, table.stderr
    assert "2026-06-01" in table.stdout and "24.5%" in table.stdout
    svg = tmp_path / "trend.svg"
    chart = run("trend", str(project), "--output", str(svg), "--format", "json")
    assert chart.returncode == 0, chart.stderr
    assert [s["as_of"] for s in json.loads(chart.stdout)["snapshots"]] == ["2026-06-01", AS_OF]
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    assert root.get("role") == "img" and len(root.findall("{http://www.w3.org/2000/svg}polyline"))
    report = run("report", str(project), "--as-of", AS_OF, "-o", str(tmp_path / "r.html"))
    assert report.returncode == 0, report.stderr
    assert 'id="trend"' in (tmp_path / "r.html").read_text(encoding="utf-8")


def _snapshot_file(project: Path) -> dict[str, object]:
    assert run("snapshot", str(project), "--as-of", AS_OF).returncode == 0
    path = project.parent / "snapshots" / f"small-plant-{AS_OF}.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_bad_inputs_give_one_message_naming_the_file_and_exit_2(project: Path) -> None:
    document = _snapshot_file(project)
    folder = project.parent
    missing = run("diff", str(folder / "nope.json"), str(project))
    assert missing.returncode == 2 and "nope.json: file not found" in missing.stderr

    broken = dict(document, overall={**document["overall"], "score": "high"})  # type: ignore[dict-item]
    bad = folder / "bad.json"
    bad.write_text(json.dumps(broken, indent=2), encoding="utf-8")
    malformed = run("diff", str(bad), str(project), "--as-of", AS_OF)
    assert malformed.returncode == 2 and "Traceback" not in malformed.stderr
    assert f"{bad}:" in malformed.stderr and "overall.score: expected a score" in malformed.stderr

    unknown = folder / "unknown.json"
    unknown.write_text(json.dumps(dict(document, format="zonewarden-snapshot/v9")), "utf-8")
    done = run("diff", str(unknown), str(project))
    assert done.returncode == 2 and "unsupported format 'zonewarden-snapshot/v9'" in done.stderr

    other = folder / "other.json"
    other.write_text(json.dumps(dict(document, project={"id": "other", "name": "O"})), "utf-8")
    mismatch = run("diff", str(other), str(folder / "snapshots" / f"small-plant-{AS_OF}.json"))
    assert mismatch.returncode == 2
    assert "'other'" in mismatch.stderr and "'small-plant'" in mismatch.stderr

    dates = run("diff", str(project), str(project), "--as-of", "2026-02-30")
    assert dates.returncode == 2 and "expected a date YYYY-MM-DD" in dates.stderr

    stray = folder / "snapshots" / "small-plant-2026-12-01.json"
    stray.write_text(json.dumps(broken), encoding="utf-8")
    trend = run("trend", str(project))
    assert trend.returncode == 2 and str(stray) in trend.stderr and "Traceback" not in trend.stderr
    empty = folder / "empty"
    empty.mkdir()
    nothing = run("trend", str(project), "--snapshots", str(empty), "-o", str(folder / "t.svg"))
    assert nothing.returncode == 2 and "no snapshots of project 'small-plant'" in nothing.stderr


@pytest.mark.parametrize("command", ["snapshot", "diff", "trend"])
def test_command_help_shows_an_example(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0, done.stderr
    assert f"zonewarden {command}" in done.stdout.split("Example:", 1)[1]


def test_diff_on_a_narrow_terminal_puts_the_explanation_under_each_zone() -> None:
    snapshots = ROOT / "examples" / "snapshots"
    old, new = (
        snapshots / "riverside-wtp-2026-08-31.json",
        snapshots / "riverside-wtp-2026-11-26.json",
    )
    done = zonewarden("diff", str(old), str(new), columns=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert all(len(line.rstrip()) <= 60 for line in lines)
    assert "┃" not in done.stdout  # no squeezed table
    first = next(i for i, line in enumerate(lines) if line.startswith("idmz "))
    assert "score 91.3→100.0" in lines[first]
    assert "6 gaps closed" in " ".join(lines[first : first + 4])
    wide = zonewarden("diff", str(old), str(new), columns=120)
    assert "┃" in wide.stdout  # a table when there is room
