"""``zonewarden report``, run as users run it (``python -m zonewarden report ...``)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from zonewarden.catalog import default_catalog
from zonewarden.project.load import load_project
from zonewarden.reports.formats import FILE_NAMES, FORMATS
from zonewarden.reports.model import build_report, to_document

TESTS = Path(__file__).resolve().parents[1]
FIXTURE = TESTS / "fixtures" / "report-small.yaml"
AS_OF = "2026-11-26"

#: how each format's file starts
MAGIC = {
    "html": b"<!DOCTYPE html>",
    "pdf": b"%PDF-",
    "xlsx": b"PK\x03\x04",
    "svg": b"<svg",
    "drawio": b"<",
    "json": b"{",
}


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zonewarden", "report", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def expected_document(zones: tuple[str, ...] = ()) -> dict:  # type: ignore[type-arg]
    model = build_report(
        load_project(FIXTURE).project, default_catalog(), date.fromisoformat(AS_OF), zones
    )
    return json.loads(json.dumps(to_document(model)))


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "pdf"])
def test_each_format_writes_its_file(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    done = run(FIXTURE, "--format", fmt, "--output", target, "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote {target}"
    assert target.read_bytes().lstrip().startswith(MAGIC[fmt])
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


def test_json_output_equals_the_report_model_document(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    done = run(FIXTURE, "--output", target, "--as-of", AS_OF)  # format from the suffix
    assert done.returncode == 0, done.stderr
    assert json.loads(target.read_text(encoding="utf-8")) == expected_document()


def test_zone_option_restricts_the_report(tmp_path: Path) -> None:
    target = tmp_path / "some.json"
    done = run(
        FIXTURE, "-f", "json", "-o", target, "--as-of", AS_OF, "--zone", "scada", "--zone", "sis"
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document == expected_document(("scada", "sis"))
    assert {z["id"] for z in document["zones"]} >= {"scada", "sis"}


def test_unknown_zone_exits_2_without_traceback(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    done = run(FIXTURE, "--format", "html", "--output", target, "--zone", "no-such-zone")
    assert done.returncode == 2
    assert "no-such-zone" in done.stderr
    assert "Traceback" not in done.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    "args",
    [
        ("--format", "docx", "--output", "out.docx"),
        ("--output", "report.txt"),  # no format, and none to infer
    ],
)
def test_unknown_format_exits_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    done = run(
        FIXTURE,
        *(str(tmp_path / a) if a.startswith("out") or a.startswith("report") else a for a in args),
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_exits_2_without_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    for fmt in ("json", "xlsx"):
        done = run(FIXTURE, "--format", fmt, "--output", blocker / f"report.{fmt}")
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert str(blocker) in done.stderr
    done = run(FIXTURE, "--format", "all", "--output", blocker)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_bad_project_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: zonewarden/v1\nproject: {id: x}\nzones: 3\n", encoding="utf-8")
    done = run(bad, "--format", "json", "--output", tmp_path / "out.json")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out.json").exists()


def test_format_all_writes_every_deliverable_into_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "deliverables"
    done = run(FIXTURE, "--format", "all", "--output", folder, "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    written = [line.removeprefix("Wrote ") for line in done.stdout.splitlines()]
    assert written == [str(folder / FILE_NAMES[f]) for f in FORMATS]
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILE_NAMES.values())
    for fmt in FORMATS:
        assert (folder / FILE_NAMES[fmt]).read_bytes().lstrip().startswith(MAGIC[fmt])
    assert json.loads((folder / "report.json").read_text(encoding="utf-8")) == (expected_document())


def test_single_format_into_a_folder_uses_the_standard_name(tmp_path: Path) -> None:
    done = run(FIXTURE, "--format", "svg", "--output", tmp_path, "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "diagram.svg").exists()


def test_output_is_identical_across_runs(tmp_path: Path) -> None:
    for name in ("a", "b"):
        done = run(
            FIXTURE, "--format", "xlsx", "--output", tmp_path / f"{name}.xlsx", "--as-of", AS_OF
        )
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_help_shows_an_example() -> None:
    done = run("--help")
    assert done.returncode == 0
    assert "Example: zonewarden report" in done.stdout
