"""The overview of a large project: the heat map a page of 100 zones and conduits at a time,
and a link to the diagram instead of drawing thousands of boxes."""

from __future__ import annotations

import sys
from pathlib import Path

from django.urls import reverse

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
from portfolio import generate


def test_a_project_of_180_zones_and_conduits_shows_its_heat_map_in_pages_of_100(
    make_user, client_as
):
    from zonewarden.catalog.loader import default_catalog
    from zonewarden.project.load import validate_data
    from zonewarden.web.repositories import projects

    owner = make_user("olivia")
    data = generate(0.03, 7)
    project = projects.create_project(owner, validate_data(data, "big", default_catalog()))
    targets = len(data["zones"]) + len(data["conduits"])
    assert targets == 180
    client = client_as("olivia")
    url = reverse("project-overview", args=[project.pk])
    first = client.get(url).content.decode()
    assert first.count('<tr id="heat-') == 100
    assert "Zones and conduits 1–100 of 180." in first
    assert 'href="?page=2#heat-title" rel="next"' in first
    assert "too many zones and conduits to draw here" in first and "<svg" not in first
    second = client.get(url + "?page=2").content.decode()
    assert second.count('<tr id="heat-') == 80
    assert f'id="heat-{data["conduits"][-1]["id"]}"' in second
    assert 'rel="prev"' in second and 'rel="next"' not in second
