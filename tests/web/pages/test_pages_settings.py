"""Project settings (owner only): editing the project section and the system under
consideration (versioned, refusals next to their field), and deleting the whole project
(confirmed by typing its id)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.urls import reverse

from tests.web.pages.browser import post, text_of
from tests.web.pages.test_pages_markup import INLINE
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.edits import update_project_info
from zonewarden.web.repositories.evidence_files import attach_file

SETTINGS = {
    "id": "small-plant",
    "name": "Small Plant (renamed)",
    "organization": "Test Utilities Ltd",
    "role": "system_integrator",
    "description": "The plant's control system.",
    "suc_description": "Supervisory, safety and\r\nremote access systems.",
    "suc_boundary": "Plant firewall and the remote access gateway",
    "suc_access_points": "Plant firewall\r\nRemote access gateway, port 443\r\n\r\n",
    "suc_essential_functions": "Keep the process safe\r\nTreat water",
    "version": "1",
}
PDF = b"%PDF-1.4\n% a tiny test file\n"


def url(name: str, project: Any, *args: str) -> str:
    return reverse(name, args=[project.pk, *args])


def fresh(project: Any) -> Any:
    project.refresh_from_db()
    return project


@pytest.fixture
def blob_dir(settings: Any, tmp_path: Any) -> Any:
    """The test's evidence files in a folder of its own."""
    settings.ZONEWARDEN_BLOB_DIR = tmp_path / "evidence"
    return settings.ZONEWARDEN_BLOB_DIR


def test_settings_form_shows_the_project_section_and_carries_the_version(small_project, client_as):
    html = client_as("olivia").get(url("project-settings", small_project)).content.decode()
    assert 'name="version" value="1"' in html
    assert 'name="id" value="small-plant"' in html
    assert 'name="organization" value="Test Utilities"' in html
    assert '<option value="asset_owner" selected>asset owner</option>' in html
    assert "Supervisory and safety systems of a small plant.</textarea>" in html
    assert "Keep the process safe</textarea>" in html
    assert "System under consideration" in html


def test_owner_edits_name_and_suc_and_sees_them_on_the_overview(small_project, client_as):
    client = client_as("olivia")
    response = post(client, url("project-settings", small_project), SETTINGS)
    assert response.status_code == 302
    assert response["Location"] == url("project-overview", small_project)
    html = client.get(url("project-overview", small_project)).content.decode()
    assert "<h1>Small Plant (renamed)</h1>" in html
    assert "Project settings saved." in html
    assert "Test Utilities Ltd. The plant&#x27;s control system." in html
    suc = text_of(html, "suc")
    assert "Supervisory, safety and remote access systems." in suc
    assert "Plant firewall and the remote access gateway" in suc
    assert "Plant firewall; Remote access gateway, port 443" in suc
    assert "Keep the process safe; Treat water" in suc
    project = domain_of(fresh(small_project))
    assert project.name == "Small Plant (renamed)" and project.role == "system_integrator"
    assert project.suc.description == "Supervisory, safety and\nremote access systems."
    assert project.suc.access_points == ("Plant firewall", "Remote access gateway, port 443")
    assert small_project.version == 2


def test_saving_keeps_the_rules_and_every_other_section(small_project, client_as):
    before = domain_of(fresh(small_project))
    rules = small_project.rules
    post(client_as("olivia"), url("project-settings", small_project), SETTINGS)
    after = domain_of(fresh(small_project))
    assert small_project.rules == rules
    assert after.rules == before.rules
    assert (after.zones, after.conduits, after.assets) == (
        before.zones,
        before.conduits,
        before.assets,
    )
    assert after.assessments == before.assessments


def test_clearing_optional_fields_removes_them(small_project, client_as):
    data = {"id": "small-plant", "name": "Small Plant", "role": "asset_owner", "version": "1"}
    response = post(client_as("olivia"), url("project-settings", small_project), data)
    assert response.status_code == 302
    project = domain_of(fresh(small_project))
    assert project.organization is None
    assert project.suc.boundary is None and project.suc.access_points == ()


def test_settings_link_is_in_the_project_nav_only_for_owners(small_project, client_as):
    link = f'href="{url("project-settings", small_project)}"'
    assert link in client_as("olivia").get(url("project-overview", small_project)).content.decode()
    for role in ("assessor", "reviewer", "viewer", "auditor"):
        html = client_as(role).get(url("project-overview", small_project)).content.decode()
        assert link not in html, role
    html = client_as("olivia").get(url("project-settings", small_project)).content.decode()
    assert re.search(r'aria-current="page">Settings<', html)


@pytest.mark.parametrize("name", ["project-settings", "project-delete"])
def test_other_roles_are_refused_and_strangers_do_not_see_the_project(
    name, small_project, client_as
):
    for role in ("assessor", "reviewer", "viewer", "auditor"):
        client = client_as(role)
        response = client.get(url(name, small_project))
        assert response.status_code == 403, role
        assert b"does not allow: manage" in response.content
        posted = {**SETTINGS, "confirm": "small-plant"}
        assert post(client, url(name, small_project), posted).status_code == 403, role
    assert client_as("mallory").get(url(name, small_project)).status_code == 404
    assert post(client_as("mallory"), url(name, small_project), {}).status_code == 404
    anonymous = client_as(None).get(url(name, small_project))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login") + "?next=")
    assert fresh(small_project).name == "Small Plant"  # neither renamed nor deleted


def test_stale_version_shows_the_current_values_beside_yours_with_409(small_project, client_as):
    info = {**small_project.info, "name": "Small Plant (renamed by Olivia)"}
    update_project_info(small_project.pk, "olivia", info, small_project.rules, 1)
    client = client_as("olivia")
    data = {**SETTINGS, "name": "Small Plant by a second tab"}
    response = post(client, url("project-settings", small_project), data)
    assert response.status_code == 409
    html = response.content.decode()
    conflict = text_of(html, "conflict")
    assert "Changed by someone else" in conflict
    assert "the project was changed by someone else since you loaded it (now version 2)" in conflict
    assert "Current settings (version 2)" in conflict
    assert "Name Small Plant (renamed by Olivia)" in conflict
    assert "Organization Test Utilities" in conflict
    assert 'name="version" value="2"' in html  # saving again replaces the current values
    assert 'value="Small Plant by a second tab"' in html  # the user's values are kept
    assert fresh(small_project).name == "Small Plant (renamed by Olivia)"
    again = post(client, url("project-settings", small_project), {**data, "version": "2"})
    assert again.status_code == 302
    assert fresh(small_project).name == "Small Plant by a second tab"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "must not be empty"),
        ("name", "Small\x1b[31mPlant", "control character"),
        ("id", "bad id", "expected an id"),
        ("organization", "Test\x07Utilities", "control character"),
        ("suc_boundary", "Plant\x00firewall", "Null characters are not allowed."),
        ("suc_essential_functions", "Keep safe\r\nRing\x07bell", "control character"),
        ("role", "regulator", "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_next_to_its_field_with_400_and_changes_nothing(
    field, value, message, small_project, client_as
):
    info = dict(small_project.info)
    response = post(
        client_as("olivia"), url("project-settings", small_project), {**SETTINGS, field: value}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert message in text_of(html, f"id_{field}_error")
    assert fresh(small_project).info == info
    assert small_project.version == 1


def test_delete_page_says_what_goes_what_stays_and_asks_for_the_id(small_project, client_as):
    attach_file(small_project.pk, "olivia", "ev-ad", io.BytesIO(PDF), "ad.pdf", None)
    html = client_as("olivia").get(url("project-delete", small_project)).content.decode()
    goes = text_of(html, "goes")
    for line in (
        "3 zones",
        "1 conduit",
        "4 assets",
        "2 evidence items",
        "24 assessments",
        "5 members (their user accounts stay)",
        "1 uploaded evidence file, except a file that another project also uses",
    ):
        assert line in goes, line
    kept = text_of(html, "kept")
    assert "The audit trail entries of this project stay" in kept
    assert "Evidence files used by other projects" in kept
    assert "Type the project id small-plant to confirm" in html
    assert 'name="confirm"' in html


def test_changing_the_project_id_renames_it_and_deleting_then_asks_for_the_new_id(
    small_project, client_as
):
    client = client_as("olivia")
    data = {**SETTINGS, "id": "small-plant-2"}
    assert post(client, url("project-settings", small_project), data).status_code == 302
    assert fresh(small_project).key == "small-plant-2"
    html = client.get(url("project-delete", small_project)).content.decode()
    assert "Type the project id small-plant-2 to confirm" in html
    assert "uploaded evidence file" not in text_of(html, "goes")  # none uploaded
    response = post(client, url("project-delete", small_project), {"confirm": "small-plant"})
    assert response.status_code == 400


def test_new_pages_need_no_inline_script_or_style_and_label_their_controls(
    small_project, client_as
):
    client = client_as("olivia")
    for name in ("project-settings", "project-delete"):
        response = client.get(url(name, small_project))
        html = response.content.decode()
        assert [what for pattern, what in INLINE if pattern.search(html)] == [], name
        for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", html, flags=re.S):
            assert 'name="csrfmiddlewaretoken"' in form, name
        ids = re.findall(
            r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*\sid="([^"]+)"', html
        )
        assert ids, name
        for control in ids:
            assert f'for="{control}"' in html, (name, control)


@pytest.mark.parametrize("typed", ["", "small-plan", "Small Plant", " small-plant x"])
def test_deleting_with_a_wrong_id_is_refused_with_400_and_deletes_nothing(
    typed, small_project, client_as
):
    client = client_as("olivia")
    response = post(client, url("project-delete", small_project), {"confirm": typed})
    assert response.status_code == 400
    message = text_of(response.content, "id_confirm_error")
    assert "type the project id small-plant exactly to delete it" in message
    assert client.get(url("project-overview", small_project)).status_code == 200
    assert len(domain_of(fresh(small_project)).zones) == 3


@pytest.mark.django_db(transaction=True)
def test_deleting_with_the_right_id_removes_the_project_for_everyone_but_keeps_shared_files(
    small_project, client_as, blob_dir
):
    from zonewarden.web.models import AuditEntry, Blob, Project
    from zonewarden.web.repositories.blobs import storage

    pid = small_project.pk
    other = Project.objects.exclude(pk=pid).get()  # mallory's copy of the small project
    shared = attach_file(pid, "olivia", "ev-ad", io.BytesIO(PDF), "ad.pdf", None)["sha256"]
    attach_file(other.pk, "mallory", "ev-ad", io.BytesIO(PDF), "same.pdf", None)
    own = b"%PDF-1.4\n% only in the small project\n"
    only = attach_file(pid, "olivia", "ev-fw-config", io.BytesIO(own), "fw.pdf", None)["sha256"]

    client = client_as("olivia")
    response = post(client, url("project-delete", small_project), {"confirm": " small-plant "})
    assert response.status_code == 302
    assert response["Location"] == reverse("project-list")
    listing = client.get(reverse("project-list")).content.decode()
    assert "Project Small Plant (small-plant) deleted." in listing

    for name in ("olivia", "viewer", "auditor"):
        assert client_as(name).get(url("project-overview", small_project)).status_code == 404
    assert client.get(f"/api/v1/projects/{pid}").status_code == 404
    assert not Project.objects.filter(pk=pid).exists()

    download = client_as("mallory").get(url("evidence-download", other, "ev-ad"))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert storage().path(shared).exists()
    assert not storage().path(only).exists()
    assert not Blob.objects.filter(sha256=only).exists()
    assert AuditEntry.objects.filter(
        project_id=pid, action="delete", object_type="project", object_key="small-plant"
    ).exists()
