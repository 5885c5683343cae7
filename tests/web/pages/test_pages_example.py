"""The overview and the matrix of the realistic example project (examples/riverside-wtp.yaml):
they render with all zones and conduits, in a bounded number of queries (no query per row)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from tests.web.conftest import EXAMPLE
from tests.web.pages.browser import text_of
from zonewarden.catalog import default_catalog
from zonewarden.services.status import project_status
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.projects import create_project, parse_upload

AS_OF = "2026-11-26"


@pytest.fixture
def riverside(make_user):
    owner = make_user("olivia")
    return create_project(owner, parse_upload(EXAMPLE.read_bytes(), EXAMPLE.name))


def keep(name: str, content: bytes) -> None:
    """Write a rendered page where a colleague can look at it (ZONEWARDEN_PAGES_DIR)."""
    folder = os.environ.get("ZONEWARDEN_PAGES_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_bytes(content)


def test_overview_of_the_example_shows_every_zone_and_conduit(
    riverside, client_as, django_assert_max_num_queries
):
    client = client_as("olivia")
    url = reverse("project-overview", args=[riverside.pk]) + f"?as_of={AS_OF}"
    client.get(url)  # warm the session and the domain cache
    with django_assert_max_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200
    keep("overview.html", response.content)
    status = project_status(domain_of(riverside), default_catalog(), date(2026, 11, 26))
    html = response.content.decode()
    for zone in status["zones"]:
        assert f'id="heat-{zone["id"]}"' in html
    assert f"{status['overall']['score']:.1f}%" in html
    assert "<svg" in html


def test_matrix_of_an_example_zone_renders_in_a_bounded_number_of_queries(
    riverside, client_as, django_assert_max_num_queries
):
    client = client_as("olivia")
    url = reverse("matrix", args=[riverside.pk, "bpcs-filtration"]) + f"?as_of={AS_OF}&all=1"
    client.get(url)
    with django_assert_max_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200
    keep("matrix.html", response.content)
    html = response.content.decode()
    assert html.count('<tr id="row-') == 100  # every 3-3 requirement, with the toggle on
    assert text_of(html, "summary-score").endswith("%")
