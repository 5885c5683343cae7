"""The risk assessment and the zoning rules through the API are those of the CLI: ``risk``,
``risk/{zone}`` and ``lint`` give the documents ``zonewarden risk``, ``explain --sl-target``
and ``lint`` print with ``--format json`` for the same file, and the CRS is the file
``zonewarden crs`` writes."""

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
PATHS = [SMALL, EXAMPLE]  # without and with a risk section


def cli_json(*args: str) -> Any:
    """What the CLI prints as JSON (``lint`` exits 1 when the project fails: still a document)."""
    done = subprocess.run([CLI, *args], capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def imported(api: Any, path: Path) -> int:
    response = api.post(
        f"/projects/import?name={path.name}", path.read_bytes(), content_type="application/yaml"
    )
    assert response.status_code == 201, response.content
    return int(response.json()["id"])


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_risk_is_the_document_the_cli_prints(owner, path: Path) -> None:
    pid = imported(owner, path)
    response = owner.get(f"/projects/{pid}/risk?as_of={AS_OF}")
    assert response.status_code == 200
    expected = cli_json("risk", str(path), "--format", "json", "--as-of", AS_OF)
    assert response.json() == expected
    assert list(response.json()) == list(expected)


def test_a_project_without_risk_section_gets_the_steps_and_recorded_sl_t_not_an_error(
    owner, small_project
) -> None:
    document = owner.get(f"/projects/{small_project.pk}/risk?as_of={AS_OF}").json()
    assert document["tolerable"] is None and document["scenarios"] == []
    assert document["zones"][0]["derived_sl_target"] is None
    assert any(step["missing"] == ["risk"] for step in document["steps"])


@pytest.mark.parametrize(
    ("path", "zone"), [(SMALL, "scada"), (EXAMPLE, "sis"), (EXAMPLE, "ent-idmz")]
)
def test_a_zones_sl_t_reasoning_is_what_explain_sl_target_prints(owner, path, zone) -> None:
    pid = imported(owner, path)
    response = owner.get(f"/projects/{pid}/risk/{zone}?as_of={AS_OF}")
    assert response.status_code == 200
    expected = cli_json(
        "explain", str(path), zone, "--sl-target", "--format", "json", "--as-of", AS_OF
    )
    assert response.json() == expected


@pytest.mark.parametrize("zone", ["nowhere", "not%20a%20slug"])
def test_an_unknown_zone_is_404(owner, small_project, zone) -> None:
    response = owner.get(f"/projects/{small_project.pk}/risk/{zone}")
    assert response.status_code == 404
    assert response.json()["detail"].endswith(": not found")


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_lint_is_the_document_the_cli_prints(owner, path: Path) -> None:
    pid = imported(owner, path)
    response = owner.get(f"/projects/{pid}/lint?as_of={AS_OF}")
    assert response.status_code == 200
    assert response.json() == cli_json("lint", str(path), "--format", "json", "--as-of", AS_OF)


def test_lint_strict_and_show_waived_are_those_of_the_cli(owner) -> None:
    small, example = imported(owner, SMALL), imported(owner, EXAMPLE)
    strict = owner.get(f"/projects/{small}/lint?as_of={AS_OF}&strict=true").json()
    assert strict == cli_json("lint", str(SMALL), "--format", "json", "--as-of", AS_OF, "--strict")
    assert strict["passed"] is False  # a warning fails with --strict: still 200
    waived = owner.get(f"/projects/{example}/lint?as_of={AS_OF}&show_waived=true").json()
    expected = cli_json("lint", str(EXAMPLE), "--format", "json", "--as-of", AS_OF, "--show-waived")
    assert waived == expected
    assert len(waived["findings"]) == waived["counts"]["waived"] == 9


@pytest.mark.parametrize("endpoint", ["risk", "risk/scada", "lint", "crs/html"])
def test_a_bad_as_of_is_400_naming_it(owner, small_project, endpoint) -> None:
    response = owner.get(f"/projects/{small_project.pk}/{endpoint}?as_of=tomorrow")
    assert response.status_code == 400
    assert response.json() == {"detail": "as_of: expected a date YYYY-MM-DD, got 'tomorrow'"}


def test_the_html_crs_is_the_file_the_cli_writes_as_an_attachment(owner, tmp_path) -> None:
    pid = imported(owner, EXAMPLE)
    response = owner.get(f"/projects/{pid}/crs/html?as_of={AS_OF}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="riverside-wtp-crs.html"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    written = tmp_path / "crs.html"
    subprocess.run(
        [CLI, "crs", str(EXAMPLE), "--output", str(written), "--as-of", AS_OF],
        capture_output=True,
        check=True,
    )
    assert response.content == written.read_bytes()


def test_the_pdf_crs_downloads_as_a_pdf(owner, small_project) -> None:
    response = owner.get(f"/projects/{small_project.pk}/crs/pdf?as_of={AS_OF}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == 'attachment; filename="small-plant-crs.pdf"'


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_crs_format_other_than_html_or_pdf_is_404_saying_which_are(owner, small_project, fmt):
    response = owner.get(f"/projects/{small_project.pk}/crs/{fmt}")
    assert response.status_code == 404
    assert "expected html or pdf" in response.json()["detail"]


ENDPOINTS = ["risk", "risk/scada", "lint", "crs/html"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    ("caller", "status"), [(None, 401), ("mallory", 404), ("viewer", 200), ("auditor", 200)]
)
def test_readers_get_the_results_and_nobody_else(
    small_project, api_as, endpoint, caller, status
) -> None:
    response = api_as(caller).get(f"/projects/{small_project.pk}/{endpoint}?as_of={AS_OF}")
    assert response.status_code == status
    if status == 404:
        assert response.json() == {"detail": f"project {small_project.pk}: not found"}


def test_a_token_reads_the_risk_assessment_too(small_project, api_with_token) -> None:
    response = api_with_token("viewer").get(f"/projects/{small_project.pk}/risk")
    assert response.status_code == 200
    assert response.json()["project"] == "small-plant"


def test_the_risk_follows_an_edit_of_the_project(owner, small_project) -> None:
    before = owner.get(f"/projects/{small_project.pk}/risk?as_of={AS_OF}").json()
    zone = owner.get(f"/projects/{small_project.pk}/zones/scada").json()
    saved = owner.put(f"/projects/{small_project.pk}/zones/scada", {**zone, "sl_target": 2})
    assert saved.status_code == 200, saved.content
    after = owner.get(f"/projects/{small_project.pk}/risk?as_of={AS_OF}").json()
    row = next(r for r in after["zones"] if r["id"] == "scada")
    assert row["sl_target"] == [2] * 7 and before != after
