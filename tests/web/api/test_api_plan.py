"""Remediation planning through the API is that of the CLI: ``actions``, ``plan`` and
``actions/{action}/change`` give the documents ``zonewarden actions``, ``plan`` and ``change``
print with ``--format json`` for the same file and options, and ``plan.svg`` / ``plan.xlsx``
are the files ``plan --format svg|xlsx`` writes."""

from __future__ import annotations

import io
import subprocess

import pytest

from tests.web.api.test_api_risk import AS_OF, CLI, cli_json, imported
from tests.web.conftest import EXAMPLE

OPTIONS = [
    (),
    ("--start", "2027-01-04"),
    ("--capacity", "30"),
    ("--start", "2027-01-04", "--capacity", "5"),
]


def query(options: tuple[str, ...]) -> str:
    pairs = dict(zip(options[::2], options[1::2], strict=True))
    return "".join(f"&{k.removeprefix('--')}={v}" for k, v in pairs.items())


def test_actions_is_the_document_the_cli_prints(owner) -> None:
    pid = imported(owner, EXAMPLE)
    response = owner.get(f"/projects/{pid}/actions?as_of={AS_OF}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    expected = cli_json("actions", str(EXAMPLE), "--format", "json", "--as-of", AS_OF)
    assert response.json() == expected
    assert len(expected["actions"]) == 18 and "priority_terms" in expected["actions"][0]


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: " ".join(o) or "defaults")
def test_plan_is_the_document_the_cli_prints(owner, options) -> None:
    pid = imported(owner, EXAMPLE)
    response = owner.get(f"/projects/{pid}/plan?as_of={AS_OF}{query(options)}")
    assert response.status_code == 200
    expected = cli_json("plan", str(EXAMPLE), "--format", "json", "--as-of", AS_OF, *options)
    assert response.json() == expected
    assert list(response.json()) == list(expected)
    assert "over_capacity" in response.json()["phases"][1]["actions"][0]  # nested fields kept


@pytest.mark.parametrize("action", ["ot-segmentation", "asset-inventory", "remote-mfa"])
def test_change_is_the_document_the_cli_prints(owner, action) -> None:
    pid = imported(owner, EXAMPLE)
    response = owner.get(f"/projects/{pid}/actions/{action}/change")
    assert response.status_code == 200
    assert response.json() == cli_json("change", str(EXAMPLE), action, "--format", "json")


@pytest.mark.parametrize("action", ["nowhere", "not%20a%20slug"])
def test_an_unknown_action_is_404_with_a_message(owner, action) -> None:
    pid = imported(owner, EXAMPLE)
    response = owner.get(f"/projects/{pid}/actions/{action}/change")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("action ")
    assert response.json()["detail"].endswith(": not found")


def test_the_gantt_svg_is_the_file_the_cli_writes_as_an_attachment(owner, tmp_path) -> None:
    pid = imported(owner, EXAMPLE)
    response = owner.get(f"/projects/{pid}/plan.svg?as_of={AS_OF}&capacity=30")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="riverside-wtp-plan.svg"'
    assert response["Content-Security-Policy"] == "sandbox"
    done = subprocess.run(
        [CLI, "plan", str(EXAMPLE), "-f", "svg", "--as-of", AS_OF, "--capacity", "30"],
        capture_output=True,
        check=True,
    )
    assert response.content == done.stdout


def test_the_xlsx_holds_the_roadmap_and_the_projection(owner) -> None:
    from openpyxl import load_workbook

    pid = imported(owner, EXAMPLE)
    response = owner.get(f"/projects/{pid}/plan.xlsx?as_of={AS_OF}&start=2027-01-04")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="riverside-wtp-plan.xlsx"'
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["Roadmap", "Projection"]
    rows = list(book["Roadmap"].iter_rows(values_only=True))
    plan = cli_json("plan", str(EXAMPLE), "-f", "json", "--as-of", AS_OF, "--start", "2027-01-04")
    assert [r[1] for r in rows[1:]] == [a["id"] for p in plan["phases"][1:] for a in p["actions"]]


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ("start=soon", "start"),
        ("start=2027-13-01", "start"),
        ("capacity=0", "capacity"),
        ("capacity=-3", "capacity"),
        ("capacity=many", "capacity"),
        ("capacity=1.5", "capacity"),
        ("as_of=tomorrow", "as_of"),
    ],
)
@pytest.mark.parametrize("endpoint", ["plan", "plan.svg", "plan.xlsx"])
def test_a_bad_start_or_capacity_is_400_naming_it(owner, small_project, endpoint, params, name):
    response = owner.get(f"/projects/{small_project.pk}/{endpoint}?{params}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(f"{name}: expected ")


def test_a_project_without_actions_has_an_empty_plan(owner, small_project) -> None:
    plan = owner.get(f"/projects/{small_project.pk}/plan?as_of={AS_OF}").json()
    assert all(p["actions"] == [] for p in plan["phases"]) and plan["not_scheduled"] == []
    assert owner.get(f"/projects/{small_project.pk}/actions").json()["actions"] == []


ENDPOINTS = ["actions", "plan", "plan.svg", "plan.xlsx", "actions/ot-segmentation/change"]


@pytest.fixture
def riverside(small_project, api_as):
    """The example project, owned by olivia, with the small project's viewer as a viewer."""
    from zonewarden.web.repositories import projects

    pid = imported(api_as("olivia"), EXAMPLE)
    projects.set_member(pid, "olivia", "viewer", "viewer")
    return pid


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(("caller", "status"), [(None, 401), ("mallory", 404), ("viewer", 200)])
def test_readers_get_the_plan_and_nobody_else(riverside, api_as, endpoint, caller, status):
    response = api_as(caller).get(f"/projects/{riverside}/{endpoint}?as_of={AS_OF}")
    assert response.status_code == status
    if status == 404:
        assert response.json() == {"detail": f"project {riverside}: not found"}
