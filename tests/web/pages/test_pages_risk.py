"""The Risk page (``zonewarden risk``), a zone's SL-T reasoning (``explain --sl-target``), the CRS
downloads (``zonewarden crs``) and the Zoning rules page (``zonewarden lint``), for the example
(a risk section with 14 scenarios; lints clean with 9 waived findings) and the small project
(no risk section; one warning, one info)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.web.conftest import EXAMPLE
from tests.web.pages.browser import AS_OF, has_id, text_of
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


def page(client, name: str, project, *args: str, query: str = "") -> tuple[int, str]:
    url = reverse(name, args=[project.pk, *args]) + f"?as_of={AS_OF}" + query
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_risk_page_of_the_example_shows_steps_zones_warnings_and_scenarios(riverside, client_as):
    status, html = page(client_as("viewer"), "risk", riverside)
    assert status == 200
    assert text_of(html, "steps-done") == "19 of 19 steps done."
    assert "version RA-2026-04 rev 1; tolerable risk: Medium." in text_of(html, "risk-basis")
    assert text_of(html, "needing").startswith("24 of 24 zones and conduits have an initial risk")
    rows = re.findall(r'<tr id="zone-([\w-]+)">', html)
    assert len(rows) == 24 and rows[0] == "enterprise" and rows[-1] == "field-pumping"
    marks = re.findall(r'<td class="agreement">(.*?)</td>', html, flags=re.S)
    assert sum(">=<" in m for m in marks) == 15
    assert sum("*" in m for m in marks) == 9  # 6 above, 3 below, each with its reason
    sis = text_of(html, "zone-sis")
    assert "Critical !" in sis and "3 3 3 2 4 2 3" in sis and "3 3 3 2 3 2 3" in sis
    assert "above *" in sis and "Medium" in sis
    assert "ts-02: residual risk High stays above the tolerable Medium" in text_of(html, "warnings")
    assert len(re.findall(r'<tr id="scenario-', html)) == 14
    assert reverse("risk-target", args=[riverside.pk, "sis"]) + f"?as_of={AS_OF}" in html
    for fmt in ("html", "pdf"):
        assert reverse("crs", args=[riverside.pk, fmt]) + f"?as_of={AS_OF}" in html


def test_risk_page_of_a_project_without_risk_section_says_so(small_project, client_as):
    status, html = page(client_as("viewer"), "risk", small_project)
    assert status == 200
    assert "This project has no risk section" in html
    assert text_of(html, "steps-done") == "2 of 19 steps done."
    assert "tolerable risk: not set" in text_of(html, "risk-basis")
    assert text_of(html, "zone-scada").startswith("SCADA zone scada —")
    assert not has_id(html, "scenarios") and not has_id(html, "warnings")


def test_sl_t_reasoning_of_a_zone_shows_each_fr_the_scenarios_and_the_decision(
    riverside, client_as
):
    status, html = page(client_as("viewer"), "risk-target", riverside, "sis")
    assert status == 200
    reasoning = text_of(html, "reasoning")
    assert reasoning.startswith("Derived SL-T 3 3 3 2 3 2 3; recorded SL-T 3 3 3 2 4 2 3")
    assert "FR 5 Restricted data flow: derived 3 from ts-12; recorded 4 (above)." in reasoning
    assert "above, explained by the decision" in text_of(html, "agreement")
    frs = re.findall(r'<th scope="row">FR (\d)', html)
    assert frs == ["1", "2", "3", "4", "5", "6", "7"]
    assert "RA-2026-04 workshop on 2026-10-06" in text_of(html, "decision")


def test_sl_t_reasoning_without_risk_section_says_the_sl_t_is_recorded(small_project, client_as):
    status, html = page(client_as("viewer"), "risk-target", small_project, "scada")
    assert status == 200
    assert "its SL-T is recorded, not derived" in text_of(html, "reasoning")
    status, html = page(client_as("viewer"), "risk-target", small_project, "nowhere")
    assert status == 404
    assert "zone or conduit &#x27;nowhere&#x27;: not found" in html


def test_the_crs_downloads_are_attachments(small_project, client_as):
    client = client_as("viewer")
    url = reverse("crs", args=[small_project.pk, "html"]) + f"?as_of={AS_OF}"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="small-plant-crs.html"'
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"Cybersecurity requirements specification" in response.content
    assert client.get(reverse("crs", args=[small_project.pk, "md"])).status_code == 404


def test_zoning_rules_page_of_the_example_passes_with_nine_waived_findings(riverside, client_as):
    status, html = page(client_as("viewer"), "lint", riverside)
    assert status == 200
    assert text_of(html, "verdict").startswith("PASS: 0 errors, 0 warnings, 0 info; 9 waived.")
    assert text_of(html, "no-findings") == "No open findings."
    waived = text_of(html, "waived")
    assert waived.startswith("Waived findings (9)")
    assert waived.count("zoning/conduit-below-zone-target") == 8
    assert "visiting integrator laptops plug into the SiteManager local port" in waived
    assert "lint.waive[4]" in waived and "until 2027-06-30" in waived


def test_zoning_rules_page_lists_open_findings_with_rule_clause_objects_and_fix(
    small_project, client_as
):
    status, html = page(client_as("assessor"), "lint", small_project)
    assert status == 200
    assert text_of(html, "verdict").startswith("PASS: 0 errors, 1 warning, 1 info.")
    findings = text_of(html, "findings")
    assert "warning zoning/conduit-below-zone-target" in findings
    assert "ZCR 5.6" in findings
    assert "SL-T of conduit 'scada-sis' is below the higher target of its zones" in findings
    assert reverse("conduit-edit", args=[small_project.pk, "scada-sis"]) in html
    assert reverse("zone-edit", args=[small_project.pk, "sis"]) in html
    assert "zoning/conduit-below-zone-target" in text_of(html, "fixes")
    assert not has_id(html, "waived")


def test_readers_get_links_they_may_follow_and_strict_lets_warnings_fail(small_project, client_as):
    status, html = page(client_as("viewer"), "lint", small_project, query="&strict=1")
    assert status == 200
    assert text_of(html, "verdict").startswith("FAIL: 0 errors, 1 warning, 1 info")
    assert "(strict: warnings fail too)" in text_of(html, "verdict")
    assert reverse("conduit-edit", args=[small_project.pk, "scada-sis"]) not in html
    assert reverse("matrix", args=[small_project.pk, "scada-sis"]) in html


def test_overview_and_navigation_lead_to_both_pages(riverside, client_as):
    status, html = page(client_as("viewer"), "project-overview", riverside)
    assert status == 200
    checks = text_of(html, "checks").replace(" :", ":")  # a link, then its colon
    assert "Zoning rules: 0 open findings, 9 waived" in checks
    assert "Risk assessment: 19 of 19 steps done" in checks
    query = f"?as_of={AS_OF}"
    assert f'href="{reverse("lint", args=[riverside.pk])}{query}"' in html
    assert f'href="{reverse("risk", args=[riverside.pk])}{query}"' in html
    status, html = page(client_as("viewer"), "risk", riverside)
    assert f'href="{reverse("risk", args=[riverside.pk])}{query}" aria-current="page"' in html


@pytest.mark.parametrize("name", ["risk", "lint"])
@pytest.mark.parametrize(
    ("principal", "status"), [(None, 302), ("mallory", 404), ("viewer", 200), ("auditor", 200)]
)
def test_who_reaches_the_pages(small_project, client_as, name, principal, status):
    response = client_as(principal).get(reverse(name, args=[small_project.pk]))
    assert response.status_code == status


def test_the_overview_of_a_project_of_many_assets_does_not_run_the_zoning_rules(
    small_project, client_as, monkeypatch
):
    from zonewarden.web.pages import lint

    monkeypatch.setattr(lint, "SUMMARY_ASSET_LIMIT", 3)  # the small project has 4 assets
    status, html = page(client_as("viewer"), "project-overview", small_project)
    assert status == 200
    checks = text_of(html, "checks").replace(" :", ":")
    assert "Zoning rules: not run on the overview of a project of more than 3 assets" in checks
    assert "Risk assessment: 2 of 19 steps done" in checks
