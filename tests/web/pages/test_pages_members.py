"""Members (the owner adds, changes roles, removes; a project keeps an owner) and the audit
trail (owner and auditor, newest first, with before and after)."""

from __future__ import annotations

from django.urls import reverse

from tests.web.pages.browser import post
from zonewarden.web.repositories.projects import members


def roles(project) -> dict[str, str]:
    return {m["user"]: m["role"] for m in members(project)}


def test_every_member_sees_the_members_and_only_the_owner_gets_forms(small_project, client_as):
    url = reverse("member-list", args=[small_project.pk])
    viewer = client_as("viewer").get(url).content.decode()
    assert "reviewer" in viewer and "auditor" in viewer
    assert "Add a member" not in viewer
    owner = client_as("olivia").get(url).content.decode()
    assert "Add a member" in owner and "Remove" in owner


def test_owner_adds_a_member_changes_the_role_and_removes_them(small_project, make_user, client_as):
    make_user("carol")
    client = client_as("olivia")
    set_url = reverse("member-set", args=[small_project.pk])
    assert post(client, set_url, {"username": "carol", "role": "viewer"}).status_code == 302
    assert roles(small_project)["carol"] == "viewer"
    assert post(client, set_url, {"username": "carol", "role": "assessor"}).status_code == 302
    assert roles(small_project)["carol"] == "assessor"
    remove = reverse("member-remove", args=[small_project.pk])
    assert post(client, remove, {"username": "carol"}).status_code == 302
    assert "carol" not in roles(small_project)


def test_unknown_user_is_not_found_and_shown_next_to_the_field(small_project, client_as):
    response = post(
        client_as("olivia"),
        reverse("member-set", args=[small_project.pk]),
        {"username": "nobody", "role": "viewer"},
    )
    assert response.status_code == 404
    html = response.content.decode()
    assert "user &#x27;nobody&#x27;: no such user" in html
    assert 'id="id_username_error"' in html


def test_the_last_owner_cannot_be_removed_or_demoted(small_project, client_as):
    client = client_as("olivia")
    response = post(
        client, reverse("member-remove", args=[small_project.pk]), {"username": "olivia"}
    )
    assert response.status_code == 400
    assert b"a project keeps at least one owner" in response.content
    response = post(
        client,
        reverse("member-set", args=[small_project.pk]),
        {"username": "olivia", "role": "viewer"},
    )
    assert response.status_code == 400
    assert roles(small_project)["olivia"] == "owner"


def test_audit_trail_lists_changes_newest_first_with_before_and_after(small_project, client_as):
    client = client_as("olivia")
    post(
        client,
        reverse("member-set", args=[small_project.pk]),
        {"username": "viewer", "role": "auditor"},
    )
    html = client_as("auditor").get(reverse("audit-list", args=[small_project.pk])).content.decode()
    first = html.index("member <code>viewer</code>")
    assert first < html.index("project <code>small-plant</code>")  # newest first
    assert "&quot;viewer&quot;" in html and "&quot;auditor&quot;" in html  # before and after
    assert "olivia" in html
