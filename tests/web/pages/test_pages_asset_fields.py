"""The asset form carries the optional fields the zoning rules read (``purdue_level``,
``safety_related``, ``wireless``, ``remote_access``): editing an asset in the browser keeps
them, and sets or clears them."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from tests.web.pages.browser import post
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.edits import update_item

HMI = {
    "id": "hmi-01",
    "name": "Operator HMI",
    "zone": "scada",
    "type": "hmi",
    "ip": "10.20.2.20",
    "purdue_level": 3,
    "safety_related": True,
    "wireless": True,
}


def asset(project: Any, key: str = "hmi-01") -> Any:
    project.refresh_from_db()
    return next(a for a in domain_of(project).assets if a.id == key)


def form_values(html: str) -> dict[str, str]:
    """What a browser sends for the form as shown: text inputs, selected options, checked
    boxes (as ``on``); unchecked boxes are not sent."""
    values = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or "disabled" in tag or name[1] == "csrfmiddlewaretoken":
            continue
        if 'type="checkbox"' in tag:
            if "checked" in tag:
                values[name[1]] = "on"
            continue
        value = re.search(r'value="([^"]*)"', tag)
        values[name[1]] = value[1] if value else ""
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', options)
        values[name] = chosen[1] if chosen else ""
    return values


def test_editing_an_asset_keeps_its_purdue_level_and_flags(small_project, client_as):
    update_item(small_project.pk, "olivia", "assets", "hmi-01", HMI, 1)
    client = client_as("assessor")
    edit = reverse("asset-edit", args=[small_project.pk, "hmi-01"])
    html = client.get(edit).content.decode()
    values = form_values(html)
    assert values["safety_related"] == values["wireless"] == "on"
    assert "remote_access" not in values
    assert values["purdue_level"] == "3"
    response = post(client, edit, {**values, "vendor": "Acme"})
    assert response.status_code == 302, response.content.decode()
    saved = asset(small_project)
    assert saved.vendor == "Acme"
    assert (saved.safety_related, saved.wireless, saved.remote_access) == (True, True, False)
    assert saved.purdue_level == 3


def test_the_flags_can_be_set_and_cleared_through_the_page(small_project, client_as):
    client = client_as("assessor")
    edit = reverse("asset-edit", args=[small_project.pk, "hmi-01"])
    values = form_values(client.get(edit).content.decode())
    assert "safety_related" not in values and values["purdue_level"] == ""
    chosen = {**values, "safety_related": "on", "remote_access": "on", "purdue_level": "3.5"}
    assert post(client, edit, chosen).status_code == 302
    saved = asset(small_project)
    assert (saved.safety_related, saved.wireless, saved.remote_access) == (True, False, True)
    assert saved.purdue_level == 3.5
    values = form_values(client.get(edit).content.decode())
    del values["safety_related"]  # the box unticked: a browser sends nothing for it
    values["purdue_level"] = ""
    assert post(client, edit, values).status_code == 302
    saved = asset(small_project)
    assert (saved.safety_related, saved.remote_access, saved.purdue_level) == (False, True, None)


def test_a_new_asset_can_be_created_with_the_flags(small_project, client_as):
    data = {"id": "modem-01", "name": "Vendor modem", "zone": "scada", "type": "other"}
    response = post(
        client_as("assessor"),
        reverse("asset-create", args=[small_project.pk]),
        {
            **data,
            "remote_access": "on",
        },
    )
    assert response.status_code == 302
    assert asset(small_project, "modem-01").remote_access is True
