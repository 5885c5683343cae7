"""My projects (create, import a file as a new project) and the project overview: score, gaps
by severity, the SL-A / SL-T heat map, the diagram, report downloads and the export.

Numbers for the small project on 2026-11-26 are those of tests/cli/test_commands.py: overall
24.5, 2 of 4 targets met (zones 1 of 3, conduits 1 of 1), 40 gaps: 10 high, 29 medium, 1 low.
"""

from __future__ import annotations

import io
import re
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.conftest import SMALL
from tests.web.pages.browser import AS_OF, csrf_token, post, text_of
from zonewarden.web.models import Membership, Project
from zonewarden.web.repositories.projects import parse_upload

Q = f"?as_of={AS_OF}"


def url(name: str, project: Any, *args: str) -> str:
    return reverse(name, args=[project.pk, *args])


def test_home_leads_to_the_project_list(small_project, client_as):
    response = client_as("olivia").get("/")
    assert response.status_code == 302 and response["Location"] == reverse("project-list")


def test_project_list_shows_each_project_with_role_score_and_targets_met(small_project, client_as):
    html = client_as("viewer").get(reverse("project-list")).content.decode()
    assert "Small Plant" in html and ">viewer<" in html
    assert "24.5%" in html
    assert "2 of 4" in html


def test_mallory_sees_only_her_own_project(small_project, client_as):
    html = client_as("mallory").get(reverse("project-list")).content.decode()
    assert len(re.findall(r'href="/projects/\d+/"', html)) == 1
    assert f'href="/projects/{small_project.pk}/"' not in html


def test_creating_an_empty_project_makes_the_user_its_owner(db, make_user, client_as):
    make_user("newbie")
    client = client_as("newbie")
    response = post(
        client, reverse("project-create"), {"key": "north-plant", "name": "North plant"}
    )
    assert response.status_code == 302
    project = Project.objects.get(key="north-plant")
    assert response["Location"] == reverse("project-overview", args=[project.pk])
    assert Membership.objects.get(project=project).role == "owner"
    assert b"No zones yet" in client.get(response["Location"]).content


def test_bad_project_id_is_refused_next_to_its_field(db, make_user, client_as):
    make_user("newbie")
    response = post(
        client_as("newbie"), reverse("project-create"), {"key": "no spaces", "name": "X"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_key_error"' in html and "expected an id" in html
    assert not Project.objects.filter(name="X").exists()


def test_importing_a_file_as_a_new_project(db, make_user, client_as):
    make_user("newbie")
    client = client_as("newbie")
    response = client.post(
        reverse("project-import-new"),
        {
            "file": SimpleUploadedFile("small.yaml", SMALL.read_bytes()),
            "csrfmiddlewaretoken": csrf_token(client),
        },
    )
    assert response.status_code == 302
    project = Project.objects.get(key="small-plant")
    assert Membership.objects.get(project=project, user__username="newbie").role == "owner"


def test_importing_a_broken_file_shows_where_it_is_wrong_with_400(db, make_user, client_as):
    make_user("newbie")
    client = client_as("newbie")
    text = SMALL.read_text().replace("sl_target: 1\n", "sl_target: 9\n", 1)
    response = client.post(
        reverse("project-import-new"),
        {
            "file": SimpleUploadedFile("small.yaml", text.encode()),
            "csrfmiddlewaretoken": csrf_token(client),
        },
    )
    assert response.status_code == 400
    assert "security level must be 0-4, got 9" in response.content.decode()
    assert not Project.objects.exists()


def test_overview_shows_score_targets_and_gaps_by_severity(small_project, client_as):
    html = client_as("viewer").get(url("project-overview", small_project) + Q).content.decode()
    assert "24.5%" in html
    assert "13 of 53 SRs meet SL-T" in html
    assert re.search(r">\s*1 / 3\s*<", html)  # zones meeting their target
    counts = re.findall(r'class="sev sev-(\w+)" href="[^"]+">(\d+) \1<', html)
    assert dict((s, int(n)) for s, n in counts) == {
        "critical": 0,
        "high": 10,
        "medium": 29,
        "low": 1,
    }


def test_overview_heat_map_marks_each_fr_by_text_and_class(small_project, client_as):
    html = client_as("viewer").get(url("project-overview", small_project) + Q).content.decode()
    scada = text_of(html, "heat-scada")
    assert "FR 1 Identification and authentication control: SL-A 0, SL-T 1, short by 1" in scada
    assert "FR 4 Data confidentiality: SL-A 1, SL-T 1, meets its target" in scada
    sis = text_of(html, "heat-sis")
    assert "FR 5 Restricted data flow: SL-A 1, SL-T 2, short by 1" in sis
    assert "FR 2 Use control: SL-A 0, SL-T 0, not targeted" in sis
    assert html.count('class="heat heat-met"') >= 1
    assert "−1" in html and "✓" in html and "·" in html
    assert f'href="/projects/{small_project.pk}/matrix/sis/{Q}"' in html


def test_overview_shows_the_diagram_inline(small_project, client_as):
    html = client_as("viewer").get(url("project-overview", small_project)).content.decode()
    assert '<figure class="diagram"><svg xmlns="http://www.w3.org/2000/svg"' in html


def test_export_yaml_and_json_give_back_the_project(small_project, client_as):
    client = client_as("viewer")
    for fmt, media in (("yaml", "application/yaml"), ("json", "application/json")):
        response = client.get(url("project-export", small_project, fmt))
        assert response["Content-Type"] == f"{media}; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="small-plant.{fmt}"'
        again = parse_upload(response.content, f"small.{fmt}")
        assert [z.id for z in again.zones] == ["scada", "sis", "dmz"]


def test_reports_download_as_attachments_in_every_format(small_project, client_as):
    client = client_as("viewer")
    expected = {
        "html": ("text/html; charset=utf-8", b"<!DOCTYPE html"),
        "json": ("application/json; charset=utf-8", b"{"),
        "svg": ("image/svg+xml; charset=utf-8", b"<svg"),
        "drawio": ("application/xml; charset=utf-8", b"<mxfile"),
        "pdf": ("application/pdf", b"%PDF"),
        "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    }
    for fmt, (media, start) in expected.items():
        response = client.get(url("project-report", small_project, fmt) + Q)
        assert response.status_code == 200, fmt
        assert response["Content-Type"] == media, fmt
        assert response["Content-Disposition"].startswith('attachment; filename="small-plant-')
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response.content.lstrip().upper().startswith(start.upper()), fmt
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(url("project-report", small_project, "xlsx") + Q).content)
    )
    assert len(book.sheetnames) > 1
