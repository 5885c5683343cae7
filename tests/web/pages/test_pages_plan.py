"""The Plan page (``zonewarden plan``), the Actions page (``zonewarden actions``) and an
action's change page (``zonewarden change``), for the example (18 actions in three phases)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.web.conftest import EXAMPLE
from tests.web.pages.browser import AS_OF, has_id, text_of
from tests.web.pages.test_pages_risk import page
from zonewarden.web.repositories.projects import create_project, parse_upload


@pytest.fixture
def riverside(small_project):
    """The example project, owned by olivia, with the small project's viewer as a viewer."""
    from django.contrib.auth import get_user_model

    from zonewarden.web.repositories import projects

    olivia = get_user_model().objects.get(username="olivia")
    project = create_project(olivia, parse_upload(EXAMPLE.read_bytes(), EXAMPLE.name))
    projects.set_member(project.pk, "olivia", "viewer", "viewer")
    return project


def test_plan_page_shows_today_each_phase_its_actions_and_projection(riverside, client_as):
    status, html = page(client_as("viewer"), "plan", riverside)
    assert status == 200
    assert text_of(html, "plan-today") == (
        "Today: score 72.0%, 5 of 24 zones and conduits meet SL-T."
    )
    assert "Roadmap from 2026-11-26 with 20 person-days per month" in text_of(html, "plan-basis")
    assert "Read-only" in text_of(html, "plan-basis")
    assert text_of(html, "phase-1-summary").startswith("6 actions")
    assert "Projected score 81.8%; 5 of 24 meet SL-T." in text_of(html, "phase-1-summary")
    assert "Projected score 98.4%; 17 of 24 meet SL-T, newly: " in text_of(html, "phase-2-summary")
    assert "Projected score 100.0%; 24 of 24 meet SL-T" in text_of(html, "phase-3-summary")
    rows = re.findall(r'<tr id="plan-([\w-]+)">', html)
    assert len(rows) == 18 and rows[:2] == ["asset-inventory", "default-credentials"]
    assert "remote-mfa" in rows and "phase 1 fixed by hand" in text_of(html, "plan-remote-mfa")
    assert has_id(html, "phase-2-zone-site-ops")
    assert "yes" in text_of(html, "phase-2-zone-site-ops")
    assert '<div class="diagram table-wrap" id="gantt"><svg ' in html
    assert reverse("plan-download", args=[riverside.pk, "xlsx"]) in html


def test_plan_page_takes_start_and_capacity(riverside, client_as):
    query = "&start=2027-01-04&capacity=30"
    status, html = page(client_as("viewer"), "plan", riverside, query=query)
    assert status == 200
    assert "Roadmap from 2027-01-04 with 30 person-days per month" in text_of(html, "plan-basis")
    assert text_of(html, "phase-1-summary").startswith("7 actions")
    assert "start=2027-01-04&amp;capacity=30" in html  # downloads keep the options


@pytest.mark.parametrize("query", ["&capacity=0", "&start=soon"])
def test_a_bad_start_or_capacity_is_refused_naming_it(riverside, client_as, query):
    status, html = page(client_as("viewer"), "plan", riverside, query=query)
    assert status == 400
    assert ("capacity: expected" if "capacity" in query else "start: expected") in html


@pytest.mark.parametrize(("fmt", "start"), [("svg", b"<svg "), ("xlsx", b"PK")])
def test_plan_downloads(riverside, client_as, fmt, start):
    url = reverse("plan-download", args=[riverside.pk, fmt]) + f"?as_of={AS_OF}"
    response = client_as("viewer").get(url)
    assert response.status_code == 200
    assert response.content.startswith(start)
    assert response["Content-Disposition"] == f'attachment; filename="riverside-wtp-plan.{fmt}"'


def test_actions_page_ranks_the_actions_with_status_owner_effort_and_gaps(riverside, client_as):
    status, html = page(client_as("viewer"), "actions", riverside)
    assert status == 200
    assert text_of(html, "actions-basis").startswith("18 actions, highest priority first.")
    rows = re.findall(r'<tr id="action-([\w-]+)">', html)
    assert len(rows) == 18 and rows[:3] == [
        "asset-inventory",
        "default-credentials",
        "ot-segmentation",
    ]
    row = text_of(html, "action-ot-segmentation")
    assert "in_progress" in row and "OT network team" in row and " 20 " in f" {row} "
    assert "Flat OT network without zone boundaries" in row
    assert reverse("action", args=[riverside.pk, "ot-segmentation"]) in html


def test_an_actions_change_page_shows_its_gates_and_what_blocks_closure(riverside, client_as):
    status, html = page(client_as("viewer"), "action", riverside, "ot-segmentation")
    assert status == 200
    assert "open" in text_of(html, "gate-chg-2027-004-rollback")
    assert "closed" in text_of(html, "gate-chg-2027-004-lab_test")
    assert text_of(html, "closure") == (
        "Blocks closure: 4 open gates: chg-2027-004 rollback; chg-2027-004 vendor; "
        "chg-2027-004 approval; chg-2027-004 evidence."
    )
    status, html = page(client_as("viewer"), "action", riverside, "asset-inventory")
    assert "No change records" in html
    assert text_of(html, "closure").startswith("Nothing blocks closure")


def test_an_unknown_action_is_404(riverside, client_as):
    status, html = page(client_as("viewer"), "action", riverside, "nowhere")
    assert status == 404
    assert "action &#x27;nowhere&#x27;: not found" in html


def test_the_nav_has_plan(riverside, client_as):
    _, html = page(client_as("viewer"), "actions", riverside)
    plan = reverse("plan", args=[riverside.pk])
    assert f'<a href="{plan}?as_of={AS_OF}" aria-current="page">Plan</a>' in html


def test_the_example_pages_need_no_inline_script_or_style(riverside, client_as):
    from tests.web.pages.test_pages_markup import INLINE

    client = client_as("viewer")
    for name, args in [("plan", ()), ("actions", ()), ("action", ("ot-segmentation",))]:
        response = client.get(reverse(name, args=[riverside.pk, *args]))
        assert response.status_code == 200, name
        html = response.content.decode()
        assert [what for pattern, what in INLINE if pattern.search(html)] == [], name
