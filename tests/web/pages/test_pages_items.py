"""Zones, conduits and assets: lists, create, edit (versioned), delete (confirmed on its own
page, showing what goes with it)."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from tests.web.pages.browser import has_id, post, text_of
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.edits import update_item

ZONE = {
    "id": "historian",
    "name": "Historian",
    "kind": "supervisory",
    "purdue_level": "3",
    "networks": "10.30.0.0/24, 10.31.0.0/24",
    "owner": "IT",
    "fr1": "2",
    "fr5": "1",
}


def domain(project: Any) -> Any:
    project.refresh_from_db()
    return domain_of(project)


def url(name: str, project: Any, *args: str) -> str:
    return reverse(name, args=[project.pk, *args])


def test_zone_list_shows_each_zone_with_sl_t_sl_a_score_and_assets(small_project, client_as):
    html = client_as("viewer").get(url("zone-list", small_project) + "?as_of=2026-11-26").content
    text = html.decode()
    assert "Safety instrumented system" in text and "safety" in text
    assert "16.7%" in text and "23.1%" in text
    assert 'aria-label="FR 1 0, FR 2 0, FR 3 0, FR 4 1, FR 5 0, FR 6 0, FR 7 0"' in text
    assert b"Add zone" not in html  # a viewer does not edit


def test_conduit_and_asset_lists_name_zones(small_project, client_as):
    client = client_as("viewer")
    conduits = client.get(url("conduit-list", small_project)).content.decode()
    assert "SCADA ↔ Safety instrumented system" in re.sub(r"<[^>]+>", "", conduits)
    assert "modbus-tcp" in conduits
    assets = client.get(url("asset-list", small_project)).content.decode()
    assert "Operator HMI" in assets and "10.20.2.20" in assets


def test_creating_a_zone_adds_it_with_its_sl_target(small_project, client_as):
    response = post(client_as("assessor"), url("zone-create", small_project), ZONE)
    assert response.status_code == 302
    assert response["Location"] == url("zone-list", small_project)
    zone = domain(small_project).zone("historian")
    assert list(zone.sl_target) == [2, 0, 0, 0, 1, 0, 0]
    assert zone.networks == ("10.30.0.0/24", "10.31.0.0/24")
    assert zone.purdue_level == 3


def test_bad_zone_shows_the_messages_next_to_the_fields_with_400(small_project, client_as):
    data = {**ZONE, "id": "bad id", "name": "", "networks": "not-a-network"}
    response = post(client_as("assessor"), url("zone-create", small_project), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_id_error"' in html and "expected an id" in html
    assert 'id="id_name_error"' in html and "must not be empty" in html
    assert "&#x27;not-a-network&#x27; is not a network in CIDR form" in html
    assert len(domain(small_project).zones) == 3  # nothing added


def test_duplicate_zone_id_is_refused(small_project, client_as):
    response = post(
        client_as("assessor"), url("zone-create", small_project), {**ZONE, "id": "scada"}
    )
    assert response.status_code == 400
    assert b"&#x27;scada&#x27; is already used by another zone" in response.content


def test_edit_form_carries_the_version_and_saving_changes_the_zone(small_project, client_as):
    client = client_as("assessor")
    html = client.get(url("zone-edit", small_project, "scada")).content.decode()
    assert 'name="version" value="1"' in html
    assert 'name="id" value="scada"' in html and "disabled" in html
    data = {
        "name": "SCADA network",
        "kind": "supervisory",
        "purdue_level": "2",
        "networks": "10.20.2.0/24",
        "version": "1",
        **{f"fr{n}": "1" for n in range(1, 8)},
    }
    response = post(client, url("zone-edit", small_project, "scada"), data)
    assert response.status_code == 302
    assert domain(small_project).zone("scada").name == "SCADA network"


def test_stale_zone_edit_shows_current_values_with_409_and_keeps_them(small_project, client_as):
    update_item(
        small_project.pk,
        "olivia",
        "zones",
        "scada",
        {"id": "scada", "name": "SCADA (renamed by Olivia)", "kind": "supervisory", "sl_target": 1},
        1,
    )
    data = {
        "name": "SCADA by the assessor",
        "kind": "supervisory",
        "version": "1",
        **{f"fr{n}": "1" for n in range(1, 8)},
    }
    response = post(client_as("assessor"), url("zone-edit", small_project, "scada"), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Changed by someone else" in html
    conflict = text_of(html, "conflict")
    assert "Current zone (version 2)" in conflict
    assert "Name SCADA (renamed by Olivia)" in conflict
    assert 'name="version" value="2"' in html  # saving again replaces the current value
    assert 'value="SCADA by the assessor"' in html  # the user's value is kept
    assert domain(small_project).zone("scada").name == "SCADA (renamed by Olivia)"


def test_conduit_and_asset_can_be_created_and_edited(small_project, client_as):
    client = client_as("assessor")
    conduit = {
        "id": "dmz-scada",
        "name": "DMZ to SCADA",
        "zone_a": "dmz",
        "zone_b": "scada",
        "protocols": "opc-ua, https",
        "fr5": "2",
    }
    assert post(client, url("conduit-create", small_project), conduit).status_code == 302
    created = next(c for c in domain(small_project).conduits if c.id == "dmz-scada")
    assert created.zones == ("dmz", "scada") and created.protocols == ("opc-ua", "https")
    asset = {
        "id": "hist-01",
        "name": "Historian server",
        "zone": "dmz",
        "type": "historian",
        "ip": "10.9.0.5",
    }
    assert post(client, url("asset-create", small_project), asset).status_code == 302
    edited = {**asset, "ip": "999.1.1.1", "version": "1"}
    response = post(client, url("asset-edit", small_project, "hist-01"), edited)
    assert response.status_code == 400
    assert "&#x27;999.1.1.1&#x27; is not an IP address" in response.content.decode()


def test_conduit_joining_a_zone_to_itself_is_refused(small_project, client_as):
    data = {"id": "loop", "zone_a": "dmz", "zone_b": "dmz", "fr5": "1"}
    response = post(client_as("assessor"), url("conduit-create", small_project), data)
    assert response.status_code == 400
    assert "a conduit joins exactly two different zones" in response.content.decode()


def test_delete_page_shows_what_goes_with_the_zone_and_what_blocks_it(small_project, client_as):
    html = client_as("assessor").get(url("zone-delete", small_project, "sis")).content.decode()
    assert "8 assessments" in html and "SR 1.1, SR 1.3, SR 5.1" in html
    assert "asset sis-01 (SIS logic solver)" in html
    assert "conduit scada-sis (SCADA to SIS)" in html
    assert 'name="version" value="1"' in html


def test_deleting_a_referenced_zone_is_refused_with_the_message(small_project, client_as):
    response = post(
        client_as("assessor"), url("zone-delete", small_project, "sis"), {"version": "1"}
    )
    assert response.status_code == 400
    assert b"Not deleted" in response.content
    assert domain(small_project).zone("sis") is not None


def test_deleting_a_conduit_takes_its_assessments(small_project, client_as):
    client = client_as("assessor")
    html = client.get(url("conduit-delete", small_project, "scada-sis")).content.decode()
    assert "5 assessments" in html
    response = post(client, url("conduit-delete", small_project, "scada-sis"), {"version": "1"})
    assert response.status_code == 302
    after = domain(small_project)
    assert after.conduits == ()
    assert "scada-sis" not in after.assessments


def test_deleting_with_a_stale_version_is_a_conflict(small_project, client_as):
    response = post(
        client_as("assessor"), url("asset-delete", small_project, "fw-01"), {"version": "7"}
    )
    assert response.status_code == 409
    assert b"changed by someone else" in response.content
    assert any(a.id == "fw-01" for a in domain(small_project).assets)


def test_asset_delete_removes_it(small_project, client_as):
    client = client_as("assessor")
    assert (
        b"Nothing else is deleted with it"
        in client.get(url("asset-delete", small_project, "fw-01")).content
    )
    assert (
        post(client, url("asset-delete", small_project, "fw-01"), {"version": "1"}).status_code
        == 302
    )
    html = client.get(url("asset-list", small_project)).content
    assert b"DMZ firewall" not in html
    assert b"Asset fw-01 deleted." in html
    assert not has_id(html, "row-fw-01")
