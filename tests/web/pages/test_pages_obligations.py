"""Recording a recurring obligation as done from the compliance calendar (issue 7 item 4):
the obligation's ``last_done`` moves, its next due date with it, the change is audited, and
only members who may edit can do it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.web.conftest import EXAMPLE
from tests.web.pages.browser import post
from tests.web.pages.test_pages_risk import page
from zonewarden.web.models import AuditEntry, Project
from zonewarden.web.repositories.edits import EditError, record_obligation_done
from zonewarden.web.repositories.projects import create_project, parse_upload


def obligations_of(project) -> dict[str, dict]:
    return {o["id"]: o for o in Project.objects.get(pk=project.pk).obligations}


@pytest.fixture
def riverside(small_project):
    """The example (restore-test overdue since 2026-08-20), olivia owner, others by role."""
    from django.contrib.auth import get_user_model

    from zonewarden.web.repositories import projects

    olivia = get_user_model().objects.get(username="olivia")
    project = create_project(olivia, parse_upload(EXAMPLE.read_bytes(), EXAMPLE.name))
    for role in ("viewer", "assessor", "auditor"):
        projects.set_member(project.pk, "olivia", role, role)
    return project


def done_url(project, obligation: str) -> str:
    return reverse("certification-obligation-done", args=[project.pk, obligation])


def test_an_assessor_records_the_overdue_restore_test_and_it_leaves_the_overdue_list(
    riverside, client_as
):
    client = client_as("assessor")
    status, html = page(client, "certification-calendar", riverside)
    assert status == 200 and 'action="' + done_url(riverside, "restore-test") + '"' in html
    response = post(client, done_url(riverside, "restore-test"), {"done_on": "2026-11-20"})
    assert response.status_code == 302
    assert response["Location"] == reverse("certification-calendar", args=[riverside.pk])
    assert obligations_of(riverside)["restore-test"]["last_done"] == "2026-11-20"
    entry = AuditEntry.objects.filter(object_type="obligation").latest("seq")
    assert (entry.actor, entry.object_key) == ("assessor", "restore-test")
    assert entry.before["last_done"] == "2025-08-20" and entry.after["last_done"] == "2026-11-20"
    status, html = page(client, "certification-calendar", riverside)
    overdue = html.split("Due within")[0]
    assert "Backup restore test" not in overdue
    assert "Obligation restore-test recorded as done on 2026-11-20; next due 2027-11-20." in html


def test_viewers_and_auditors_see_no_form_and_are_refused(riverside, client_as):
    for role in ("viewer", "auditor"):
        client = client_as(role)
        status, html = page(client, "certification-calendar", riverside)
        assert status == 200 and "Record done" not in html
        response = post(client, done_url(riverside, "restore-test"), {"done_on": "2026-11-20"})
        assert response.status_code == 403
    assert obligations_of(riverside)["restore-test"]["last_done"] == "2025-08-20"


@pytest.mark.parametrize(
    ("obligation", "done_on", "code", "message"),
    [
        ("restore-test", "2099-01-01", 400, "is in the future"),
        ("restore-test", "2025-01-01", 400, "was last done on 2025-08-20, after 2025-01-01"),
        ("restore-test", "20-11-2026", 400, "done_on: expected a date YYYY-MM-DD"),
        ("no-such-thing", "2026-11-20", 404, "obligation &#x27;no-such-thing&#x27;: not found"),
    ],
)
def test_bad_input_is_refused_with_its_reason_and_nothing_changes(
    riverside, client_as, obligation, done_on, code, message
):
    response = post(client_as("assessor"), done_url(riverside, obligation), {"done_on": done_on})
    assert response.status_code == code
    assert message in response.content.decode()
    assert obligations_of(riverside)["restore-test"]["last_done"] == "2025-08-20"


def test_a_fixed_due_date_that_was_met_gives_way_to_the_period(riverside):
    before = obligations_of(riverside)["ir-exercise"]
    assert before["due_on"] == "2027-02-18" and "last_done" not in before
    record_obligation_done(
        riverside.pk, "olivia", "ir-exercise", date(2027, 2, 20), date(2027, 3, 1)
    )
    after = obligations_of(riverside)["ir-exercise"]
    assert after["last_done"] == "2027-02-20" and "due_on" not in after
    with pytest.raises(EditError, match="in the future"):
        record_obligation_done(
            riverside.pk, "olivia", "ir-exercise", date(2027, 3, 2), date(2027, 3, 1)
        )
