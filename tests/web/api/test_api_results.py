"""Results through the API are those of the CLI: ``status`` and ``gaps`` give the documents
``zonewarden status|gaps FILE --format json --as-of D`` print, and reports are the files
``zonewarden report`` writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import EXAMPLE, SMALL

AS_OF = "2026-11-26"
CLI = str(Path(sys.executable).parent / "zonewarden")


def cli_json(*args: str) -> Any:
    done = subprocess.run([CLI, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def imported(api: Any, path: Path) -> int:
    response = api.post(
        f"/projects/import?name={path.name}", path.read_bytes(), content_type="application/yaml"
    )
    assert response.status_code == 201, response.content
    return int(response.json()["id"])


@pytest.mark.parametrize("path", [SMALL, EXAMPLE], ids=lambda p: p.name)
def test_status_is_the_document_the_cli_prints(owner, path: Path) -> None:
    pid = imported(owner, path)
    response = owner.get(f"/projects/{pid}/status?as_of={AS_OF}")
    assert response.status_code == 200
    expected = cli_json("status", str(path), "--format", "json", "--as-of", AS_OF)
    assert response.json() == expected
    assert list(response.json()) == list(expected)
    assert list(response.json()["zones"][0]) == list(expected["zones"][0])


@pytest.mark.parametrize("path", [SMALL, EXAMPLE], ids=lambda p: p.name)
def test_gaps_is_the_document_the_cli_prints(owner, path: Path) -> None:
    pid = imported(owner, path)
    response = owner.get(f"/projects/{pid}/gaps?as_of={AS_OF}")
    assert response.status_code == 200
    assert response.json() == cli_json("gaps", str(path), "--format", "json", "--as-of", AS_OF)


def test_gap_filters_are_those_of_the_cli(owner) -> None:
    pid = imported(owner, SMALL)
    query = "zone=scada&zone=sis&fr=1&fr=5&severity=high&severity=medium&severity=low"
    response = owner.get(f"/projects/{pid}/gaps?as_of={AS_OF}&{query}")
    expected = cli_json(
        "gaps", str(SMALL), "--format", "json", "--as-of", AS_OF,
        "--zone", "scada", "--zone", "sis", "--fr", "1", "--fr", "5",
        "--severity", "high", "--severity", "medium", "--severity", "low",
    )  # fmt: skip
    assert response.json() == expected
    assert expected["gaps"]


def test_as_of_defaults_to_today_in_utc(owner, small_project) -> None:
    from zonewarden.web.api.inputs import today

    document = owner.get(f"/projects/{small_project.pk}/status").json()
    assert document["as_of"] == today().isoformat()


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("as_of=26.11.2026", "as_of"),
        ("as_of=2026-02-30", "as_of"),
        ("severity=urgent", "severity"),
        ("fr=8", "fr"),
        ("fr=one", "fr"),
        ("zone=nowhere", "zone"),
        ("zone=%1b%5b31m", "zone"),
        ("limit=0", "limit"),
    ],
)
def test_a_bad_filter_is_400_naming_the_parameter(owner, small_project, query, named) -> None:
    response = owner.get(f"/projects/{small_project.pk}/gaps?{query}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(named)


def test_a_bad_as_of_on_status_is_400_naming_it(owner, small_project) -> None:
    response = owner.get(f"/projects/{small_project.pk}/status?as_of=tomorrow")
    assert response.status_code == 400
    assert response.json() == {"detail": "as_of: expected a date YYYY-MM-DD, got 'tomorrow'"}


REPORTS = {
    "html": ("text/html; charset=utf-8", b"<!DOCTYPE html>"),
    "pdf": ("application/pdf", b"%PDF-"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    "svg": ("image/svg+xml", b"<svg"),
    "drawio": ("application/vnd.jgraph.mxfile", b"<mxfile"),
    "json": ("application/json", b"{"),
}


@pytest.mark.parametrize("fmt", list(REPORTS))
def test_each_report_format_downloads_as_an_attachment(owner, small_project, fmt) -> None:
    response = owner.get(f"/projects/{small_project.pk}/reports/{fmt}?as_of={AS_OF}")
    assert response.status_code == 200
    media_type, start = REPORTS[fmt]
    assert response["Content-Type"] == media_type
    assert response.content.lstrip().startswith(start) or start in response.content[:200]
    assert response["Content-Disposition"].startswith('attachment; filename="small-plant-')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"


def test_the_json_report_is_the_file_the_cli_writes(owner, tmp_path) -> None:
    pid = imported(owner, SMALL)
    response = owner.get(f"/projects/{pid}/reports/json?as_of={AS_OF}&zone=scada")
    out = tmp_path / "report.json"
    subprocess.run(
        [CLI, "report", str(SMALL), "--format", "json", "-o", str(out), "--as-of", AS_OF,
         "--zone", "scada"],
        check=True, capture_output=True,
    )  # fmt: skip
    assert response.content == out.read_bytes()


def test_an_unknown_report_format_or_zone_is_refused(owner, small_project) -> None:
    pid = small_project.pk
    assert owner.get(f"/projects/{pid}/reports/docx").status_code == 404
    unknown = owner.get(f"/projects/{pid}/reports/html?zone=nowhere")
    assert unknown.status_code == 400
    assert "nowhere" in unknown.json()["detail"]


def test_the_project_list_shows_todays_results(owner, small_project) -> None:
    from zonewarden.web.api.inputs import today

    listed = owner.get("/projects").json()[0]
    status = owner.get(f"/projects/{small_project.pk}/status?as_of={today()}").json()["overall"]
    assert {k: listed[k] for k in ("score", "targets_met", "targets", "gaps")} == {
        k: status[k] for k in ("score", "targets_met", "targets", "gaps")
    }
    assert listed["key"] == "small-plant"
