"""Who reaches which page: every page URL x {anonymous, mallory (no membership), each role}.

Anonymous users are sent to the login page; a user who is not a member gets 404 (as for an id
never used, so ids cannot be probed); a member whose role lacks the right gets 403. Members with
the right get the page (GET) or, posting an empty form, the service's refusal (nothing changes).
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.db.models import F
from django.urls import reverse

from tests.web.pages.browser import post
from zonewarden.web.models import Project
from zonewarden.web.permissions import RIGHTS, Right
from zonewarden.web.repositories.evidence_files import attach_file

PRINCIPALS = [None, "mallory", "olivia", "assessor", "reviewer", "viewer", "auditor"]
ROLE_OF = {
    "olivia": "owner",
    "assessor": "assessor",
    "reviewer": "reviewer",
    "viewer": "viewer",
    "auditor": "auditor",
}

# (URL name, arguments after the project id, query, right needed, status when allowed)
PAGES: list[tuple[str, tuple[str, ...], str, Right, int]] = [
    ("project-overview", (), "", Right.READ, 200),
    ("project-export", ("yaml",), "", Right.READ, 200),
    ("project-export", ("json",), "", Right.READ, 200),
    ("project-report", ("json",), "", Right.READ, 200),
    ("project-report", ("svg",), "", Right.READ, 200),
    ("zone-list", (), "", Right.READ, 200),
    ("zone-create", (), "", Right.EDIT, 200),
    ("zone-edit", ("scada",), "", Right.EDIT, 200),
    ("zone-delete", ("scada",), "", Right.EDIT, 200),
    ("conduit-list", (), "", Right.READ, 200),
    ("conduit-create", (), "", Right.EDIT, 200),
    ("conduit-edit", ("scada-sis",), "", Right.EDIT, 200),
    ("conduit-delete", ("scada-sis",), "", Right.EDIT, 200),
    ("asset-list", (), "", Right.READ, 200),
    ("asset-create", (), "", Right.EDIT, 200),
    ("asset-edit", ("hmi-01",), "", Right.EDIT, 200),
    ("asset-delete", ("hmi-01",), "", Right.EDIT, 200),
    ("matrix", ("scada",), "", Right.READ, 200),
    ("matrix", ("scada",), "?all=1&edit=SR+1.1", Right.READ, 200),
    ("matrix-row", ("scada", "SR 1.1"), "", Right.READ, 302),
    ("matrix-row", ("scada", "SR 1.1"), "?mode=edit", Right.EDIT, 302),
    ("evidence-list", (), "", Right.READ, 200),
    ("evidence-create", (), "", Right.EDIT, 200),
    ("evidence-edit", ("ev-ad",), "", Right.EDIT, 200),
    ("evidence-delete", ("ev-ad",), "", Right.EDIT, 200),
    ("evidence-download", ("ev-ad",), "", Right.DOWNLOAD_EVIDENCE, 200),
    ("gap-list", (), "", Right.READ, 200),
    ("risk", (), "", Right.READ, 200),
    ("risk-target", ("scada",), "", Right.READ, 200),
    ("crs", ("html",), "", Right.READ, 200),
    ("lint", (), "", Right.READ, 200),
    ("lint", (), "?strict=1", Right.READ, 200),
    ("plan", (), "", Right.READ, 200),
    ("plan", (), "?start=2027-01-04&capacity=30", Right.READ, 200),
    ("plan-download", ("svg",), "", Right.READ, 200),
    ("plan-download", ("xlsx",), "", Right.READ, 200),
    ("actions", (), "", Right.READ, 200),
    ("certification", (), "", Right.READ, 200),
    ("certification", (), "?scheme=csms", Right.READ, 200),
    ("certification-calendar", (), "?within=6m", Right.READ, 200),
    ("certification-calendar-ics", (), "", Right.READ, 200),
    ("certification-nonconformities", (), "?open=1", Right.READ, 200),
    ("certification-snapshots", (), "", Right.READ, 200),
    ("certification-trend", (), "", Right.READ, 200),
    ("certification-bundle", (), "", Right.DOWNLOAD_EVIDENCE, 200),
    ("certification-bundle-zip", (), "", Right.DOWNLOAD_EVIDENCE, 200),
    ("project-import", (), "", Right.MANAGE, 200),
    ("member-list", (), "", Right.READ, 200),
    ("audit-list", (), "", Right.AUDIT, 200),
    ("project-settings", (), "", Right.MANAGE, 200),
    ("project-delete", (), "", Right.MANAGE, 200),
]

# (URL name, arguments after the project id, right needed, status of an empty form when allowed)
FORMS: list[tuple[str, tuple[str, ...], Right, int]] = [
    ("zone-create", (), Right.EDIT, 400),
    ("zone-edit", ("scada",), Right.EDIT, 400),
    ("zone-delete", ("scada",), Right.EDIT, 400),
    ("conduit-create", (), Right.EDIT, 400),
    ("conduit-edit", ("scada-sis",), Right.EDIT, 400),
    ("conduit-delete", ("scada-sis",), Right.EDIT, 400),
    ("asset-create", (), Right.EDIT, 400),
    ("asset-edit", ("hmi-01",), Right.EDIT, 400),
    ("asset-delete", ("hmi-01",), Right.EDIT, 400),
    ("matrix-row", ("scada", "SR 1.1"), Right.EDIT, 400),
    ("evidence-create", (), Right.EDIT, 400),
    ("evidence-edit", ("ev-ad",), Right.EDIT, 400),
    ("evidence-delete", ("ev-ad",), Right.EDIT, 400),
    ("evidence-upload", ("ev-ad",), Right.EDIT, 400),
    ("certification-snapshot-take", (), Right.EDIT, 302),
    ("certification-obligation-done", ("restore",), Right.EDIT, 302),
    ("project-import", (), Right.MANAGE, 400),
    ("project-import-apply", (), Right.MANAGE, 400),
    ("member-set", (), Right.MANAGE, 400),
    ("member-remove", (), Right.MANAGE, 404),
    ("project-settings", (), Right.MANAGE, 400),
    ("project-delete", (), Right.MANAGE, 400),
]


@pytest.fixture
def project(small_project: Any) -> Any:
    """The small project with a file uploaded for evidence ev-ad and a snapshot."""
    from django.contrib.auth import get_user_model

    from zonewarden.web.repositories.snapshots import take_snapshot

    attach_file(small_project.pk, "olivia", "ev-ad", io.BytesIO(b"%PDF-1.4 test"), "ad.pdf", None)
    olivia = get_user_model().objects.get(username="olivia")
    take_snapshot(small_project, olivia, date(2026, 11, 1))
    Project.objects.filter(pk=small_project.pk).update(  # an obligation to record as done
        obligations=[{"id": "restore", "kind": "backup_restore_test", "every": "12m"}],
        revision=F("revision") + 1,
    )
    return small_project


def expected(principal: str | None, right: Right, allowed: int) -> int:
    if principal is None:
        return 302
    if principal == "mallory":
        return 404
    return allowed if right in RIGHTS[ROLE_OF[principal]] else 403


def mismatches(rows: list[tuple[str, int, int]]) -> list[str]:
    return [f"{what}: expected {want}, got {got}" for what, want, got in rows if want != got]


@pytest.mark.parametrize("principal", PRINCIPALS, ids=lambda p: p or "anonymous")
def test_every_page_answers_each_principal_with_the_exact_status(principal, project, client_as):
    client = client_as(principal)
    rows = []
    for name, args, query, right, allowed in PAGES:
        url = reverse(name, args=[project.pk, *args]) + query
        response = client.get(url)
        rows.append((f"GET {url}", expected(principal, right, allowed), response.status_code))
        if principal is None:
            assert response["Location"].startswith(reverse("login") + "?next=")
    assert mismatches(rows) == []


@pytest.mark.parametrize("principal", PRINCIPALS, ids=lambda p: p or "anonymous")
def test_every_form_answers_each_principal_with_the_exact_status(principal, project, client_as):
    client = client_as(principal)
    rows = []
    for name, args, right, allowed in FORMS:
        url = reverse(name, args=[project.pk, *args])
        response = post(client, url, {})
        rows.append((f"POST {url}", expected(principal, right, allowed), response.status_code))
    assert mismatches(rows) == []


@pytest.mark.parametrize("principal", PRINCIPALS, ids=lambda p: p or "anonymous")
def test_guessed_project_ids_are_not_found_for_every_signed_in_user(principal, project, client_as):
    client = client_as(principal)
    for pk in (999_999, 0):
        for name, args, query, _, _ in PAGES:
            response = client.get(reverse(name, args=[pk, *args]) + query)
            assert response.status_code == (302 if principal is None else 404), (name, pk)


def test_a_member_of_one_project_cannot_reach_another_by_its_id(project, client_as):
    from zonewarden.web.models import Membership

    mallorys = Membership.objects.get(user__username="mallory").project_id
    for name, args, query, _, _ in PAGES:
        response = client_as("olivia").get(reverse(name, args=[mallorys, *args]) + query)
        assert response.status_code == 404, name


def test_project_list_and_project_creation_need_a_login(db, client_as):
    anonymous = client_as(None)
    for name in ("project-list",):
        assert anonymous.get(reverse(name)).status_code == 302
    for name in ("project-create", "project-import-new"):
        response = post(anonymous, reverse(name), {})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_refused_pages_show_the_message_and_not_a_traceback(project, client_as):
    response = client_as("viewer").get(reverse("zone-create", args=[project.pk]))
    assert response.status_code == 403
    assert b"your role in this project (viewer) does not allow: edit" in response.content
    assert b"Traceback" not in response.content
    response = client_as("mallory").get(reverse("project-overview", args=[project.pk]))
    assert response.status_code == 404
    assert f"project {project.pk}: not found".encode() in response.content


def test_unknown_zone_requirement_and_item_are_not_found(project, client_as):
    client = client_as("olivia")
    for url in (
        reverse("matrix", args=[project.pk, "nowhere"]),
        reverse("matrix-row", args=[project.pk, "scada", "SR 99.9"]),
        reverse("matrix-row", args=[project.pk, "scada", "not an id"]),
        reverse("zone-edit", args=[project.pk, "nowhere"]),
        reverse("evidence-download", args=[project.pk, "ev-fw-config"]),  # no file uploaded
        reverse("project-export", args=[project.pk, "xml"]),
        reverse("project-report", args=[project.pk, "docx"]),
        reverse("risk-target", args=[project.pk, "nowhere"]),
        reverse("crs", args=[project.pk, "md"]),
        reverse("plan-download", args=[project.pk, "pdf"]),
        reverse("action", args=[project.pk, "nowhere"]),
    ):
        assert client.get(url).status_code == 404, url


def test_a_page_that_only_takes_posts_refuses_a_get_with_405(project, client_as):
    response = client_as("olivia").get(reverse("member-set", args=[project.pk]))
    assert response.status_code == 405


def test_an_htmx_request_without_a_session_is_sent_to_the_login_page(project, client_as):
    url = reverse("matrix-row", args=[project.pk, "scada", "SR 1.1"])
    response = client_as(None).get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("login") + "?next=")


def test_an_htmx_request_refused_by_role_puts_the_message_in_the_message_area(project, client_as):
    url = reverse("matrix-row", args=[project.pk, "scada", "SR 1.1"])
    response = post(client_as("viewer"), url, {"SR-1-1-status": "implemented"}, htmx=True)
    assert response.status_code == 403
    assert response["HX-Retarget"] == "#messages"
    assert b"does not allow: edit" in response.content
