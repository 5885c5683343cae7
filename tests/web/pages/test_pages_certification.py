"""The Certification section: the readiness page (``zonewarden readiness``), the compliance
calendar with its iCalendar download (``zonewarden due``), the non-conformity register
(``zonewarden nonconformities``), snapshots with the trend chart and the diff (``zonewarden
snapshot``, ``trend``, ``diff``) and the evidence bundle (``zonewarden bundle``), for the
example (certification target, 3 non-conformities, 31 evidence items cited in scope)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from tests.web.conftest import EXAMPLE, ROOT, SMALL
from tests.web.pages.browser import AS_OF, has_id, post, text_of
from tests.web.pages.test_pages_risk import page
from zonewarden.web.repositories.projects import create_project, parse_upload
from zonewarden.web.repositories.snapshots import current_snapshot, diff_of, stored_snapshot

SNAPSHOTS = ROOT / "zonewarden" / "examples" / "snapshots"


@pytest.fixture(autouse=True)
def blob_dir(settings, tmp_path):
    """Each test stores evidence files in a folder of its own."""
    settings.ZONEWARDEN_BLOB_DIR = tmp_path / "evidence"
    return settings.ZONEWARDEN_BLOB_DIR


def olivia():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="olivia")


@pytest.fixture
def riverside(small_project):
    """The example project, owned by olivia; the small project's members in the same roles."""
    from zonewarden.web.repositories import projects

    project = create_project(olivia(), parse_upload(EXAMPLE.read_bytes(), EXAMPLE.name))
    for role in ("viewer", "assessor", "auditor"):
        projects.set_member(project.pk, "olivia", role, role)
    return project


# ---- readiness -------------------------------------------------------------------------------


def test_the_readiness_page_shows_target_checklist_with_what_is_missing_and_pitfalls(
    riverside, client_as
):
    status, html = page(client_as("viewer"), "certification", riverside)
    assert status == 200
    section = reverse("certification", args=[riverside.pk])
    assert f'<a href="{section}?as_of={AS_OF}" aria-current="page">Certification</a>' in html
    assert text_of(html, "audit-date") == "2027-09-14: 292 days to go"
    assert text_of(html, "scope-rationale").startswith("Disinfection is the public-health")
    assert "bpcs-disinfection" in text_of(html, "scope")
    assert reverse("matrix", args=[riverside.pk, "sis"]) in html  # scope ids are links
    assert text_of(html, "verdict") == "NOT READY: 8 pass, 4 fail, 0 manual; 7 pitfalls."
    evidence = text_of(html, "check-evidence")
    assert evidence.startswith("FAIL Evidence for each implemented control")
    assert "ev-ups-test (expired on 2026-06-30)" in evidence
    assert text_of(html, "check-risk-assessment").startswith("pass Risk assessment")
    assert len(re.findall(r'<span class="check check-fail">FAIL</span>', html)) == 4
    pitfalls = re.findall(r'<li id="pitfall-\d+">', html)
    assert len(pitfalls) == 7
    assert "Corrective actions overdue" in html
    register = reverse("certification-nonconformities", args=[riverside.pk])
    assert f'href="{register}?as_of={AS_OF}#nc-nc-2026-01"' in html


def test_the_scheme_selector_overrides_the_files_target(riverside, client_as):
    status, html = page(client_as("viewer"), "certification", riverside, query="&scheme=csms")
    assert status == 200
    assert "Security management system (CSMS), IEC 62443-2-1 ( csms )" in text_of(html, "target")
    assert '<option value="csms" selected>' in html
    assert "As in the project file (ssa)" in html
    status, html = page(client_as("viewer"), "certification", riverside, query="&scheme=iso")
    assert status == 400
    assert "scheme: expected one of csms, ssa, sdla, component, got &#x27;iso&#x27;" in html


def test_a_project_without_a_certification_section_gets_the_defaults(small_project, client_as):
    status, html = page(client_as("viewer"), "certification", small_project)
    assert status == 200
    assert has_id(html, "no-target")
    assert "System security assurance (SSA)" in text_of(html, "target")
    assert text_of(html, "audit-date") == "no date set"


def test_text_from_the_project_file_is_escaped(db, make_user, client_as):
    make_user("olivia")
    hostile = SMALL.read_text() + (
        "certification:\n"
        "  scheme: ssa\n"
        '  body: "<b>Body</b>"\n'
        '  scope: {zones: [scada], rationale: "<script>alert(1)</script> & co"}\n'
        "nonconformities:\n"
        "  - id: nc-x\n"
        '    finding: "<img src=x onerror=alert(1)>"\n'
        "    severity: major\n"
        "    source: external_audit\n"
        "    raised_on: 2026-10-01\n"
        '    corrective_action: {description: "<i>fix</i>", owner: "<u>Ann</u>", '
        "due_on: 2026-11-01}\n"
    )
    project = create_project(olivia(), parse_upload(hostile, "hostile.yaml"))
    client = client_as("olivia")
    _, html = page(client, "certification", project)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html and "<script>alert" not in html
    assert "&lt;b&gt;Body&lt;/b&gt;" in html
    _, html = page(client, "certification-nonconformities", project)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img src=x" not in html
    assert "&lt;u&gt;Ann&lt;/u&gt;" in html and "<u>" not in html


# ---- calendar --------------------------------------------------------------------------------


def test_the_calendar_lists_overdue_items_first_highlighted_then_what_is_due(riverside, client_as):
    status, html = page(client_as("viewer"), "certification-calendar", riverside)
    assert status == 200
    assert text_of(html, "due-counts") == "5 overdue , 6 due within 90 days."
    overdue = text_of(html, "overdue")
    assert overdue.startswith("Overdue 2026-06-30 149 days overdue Evidence expired: UPS")
    assert len(re.findall(r'<tr id="due-\d+-[\w_]+" class="is-overdue">', html)) == 5
    assert "Due within 90 days" in text_of(html, "upcoming")
    ics = reverse("certification-calendar-ics", args=[riverside.pk])
    assert f'href="{ics}?as_of={AS_OF}"' in html


def test_the_calendar_window_is_chosen_and_a_bad_one_is_refused_with_the_message(
    riverside, client_as
):
    client = client_as("viewer")
    status, html = page(client, "certification-calendar", riverside, query="&within=12m")
    assert status == 200
    assert text_of(html, "due-counts").startswith("5 overdue , ")
    assert "within 12 months" in text_of(html, "due-counts")
    ics = reverse("certification-calendar-ics", args=[riverside.pk])
    assert f'href="{ics}?as_of={AS_OF}&amp;within=12m"' in html
    status, html = page(client, "certification-calendar", riverside, query="&within=soon")
    assert status == 400
    assert "within: expected a period such as 90d, 6w, 12m or 1y" in html


def test_the_calendar_downloads_as_an_icalendar_attachment(riverside, client_as):
    url = reverse("certification-calendar-ics", args=[riverside.pk])
    response = client_as("viewer").get(f"{url}?as_of={AS_OF}&within=6m")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="riverside-wtp-due-2026-11-26.ics"'
    )
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"SUMMARY:OVERDUE: Evidence expired: UPS" in response.content


# ---- non-conformities ------------------------------------------------------------------------


def test_the_register_shows_status_severity_overdue_owner_and_due_date(riverside, client_as):
    status, html = page(client_as("viewer"), "certification-nonconformities", riverside)
    assert status == 200
    assert re.findall(r'<tr id="nc-([\w-]+)"', html) == ["nc-2026-01", "nc-2026-02", "nc-2026-03"]
    assert '<tr id="nc-nc-2026-01" class="is-overdue">' in html
    first = text_of(html, "nc-nc-2026-01")
    for part in ("action planned", "minor", "OT Security", "2026-11-15", "11 days overdue"):
        assert part in first
    assert "closed 2026-10-21" in text_of(html, "nc-nc-2026-03")
    assert "effective" in text_of(html, "nc-nc-2026-03")
    assert text_of(html, "nc-counts") == (
        "3 non-conformities: 2 open, 1 with an overdue corrective action . Hide closed ones"
    )
    status, html = page(
        client_as("viewer"), "certification-nonconformities", riverside, query="&open=1"
    )
    assert re.findall(r'<tr id="nc-([\w-]+)"', html) == ["nc-2026-01", "nc-2026-02"]


# ---- snapshots, trend and diff ---------------------------------------------------------------


def store_shipped(project):
    from zonewarden.project.snapshots import load_snapshots
    from zonewarden.web.repositories.snapshots import store_snapshot

    for snapshot in load_snapshots("riverside-wtp", SNAPSHOTS):
        store_snapshot(project.pk, olivia(), snapshot)


def test_an_assessor_takes_a_snapshot_and_the_same_day_replaces_it(riverside, client_as):
    client = client_as("assessor")
    url = reverse("certification-snapshots", args=[riverside.pk])
    html = client.get(url).content.decode()
    assert has_id(html, "no-trend") and 'aria-label="Take a snapshot"' in html
    take = reverse("certification-snapshot-take", args=[riverside.pk])
    response = post(client, take, {"as_of": AS_OF})
    assert response.status_code == 302 and response["Location"] == url
    html = client.get(url).content.decode()
    assert "Snapshot of 2026-11-26 taken: score 72.0%, 337 gaps, 5 of 24" in html
    assert text_of(html, "snapshot-2026-11-26").startswith("2026-11-26 72.0% 337 5 of 24 assessor")
    post(client, take, {"as_of": AS_OF})
    html = client.get(url).content.decode()
    assert "Snapshot of 2026-11-26 replaced" in html
    assert len(re.findall(r'<tr id="snapshot-', html)) == 1
    from zonewarden.web.models import AuditEntry

    actions = AuditEntry.objects.filter(project_id=riverside.pk, object_type="snapshot")
    assert [(e.action, e.actor, e.object_key) for e in actions.order_by("seq")] == [
        ("create", "assessor", AS_OF),
        ("replace", "assessor", AS_OF),
    ]


def test_a_viewer_sees_snapshots_but_cannot_take_one(riverside, client_as):
    client = client_as("viewer")
    html = client.get(reverse("certification-snapshots", args=[riverside.pk])).content.decode()
    assert "Take snapshot" not in html
    response = post(client, reverse("certification-snapshot-take", args=[riverside.pk]), {})
    assert response.status_code == 403
    assert b"does not allow: edit" in response.content


def test_a_bad_snapshot_date_is_refused_with_the_message(riverside, client_as):
    take = reverse("certification-snapshot-take", args=[riverside.pk])
    response = post(client_as("assessor"), take, {"as_of": "26.11.2026"})
    assert response.status_code == 400
    assert b"as_of: expected a date YYYY-MM-DD, got &#x27;26.11.2026&#x27;" in response.content


def test_the_trend_is_an_svg_image_and_the_diff_explains_each_zone(riverside, client_as):
    store_shipped(riverside)
    client = client_as("viewer")
    url = reverse("certification-snapshots", args=[riverside.pk])
    html = client.get(f"{url}?as_of={AS_OF}").content.decode()
    trend = reverse("certification-trend", args=[riverside.pk])
    image = re.search(r'<img src="([^"]+)" alt="([^"]+)">', html)
    assert image and image.group(1) == trend
    assert image.group(2) == (
        "Compliance score over 2 snapshots from 2026-08-31 to 2026-11-26: 68.4% to 72.0%"
    )
    assert "<svg" not in html  # shown as an image, never inlined
    response = client.get(trend)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg" class="trend"')
    # the default diff: the last snapshot before the page's date, against now
    assert '<option value="2026-08-31" selected>' in html
    summary = text_of(html, "diff-summary")
    assert summary.startswith("2026-08-31 → now, 2026-11-26: Overall score 68.4 -> 72.0")
    rows = re.findall(r'<tr id="diff-([\w-]+)">', html)
    assert rows and "site-ops" in rows
    document = diff_of(
        stored_snapshot(riverside, date(2026, 8, 31)),
        current_snapshot(riverside, date(2026, 11, 26)),
    )
    explained = {z["id"]: z["explanation"] for z in document["zones"]}
    assert explained["site-ops"] in text_of(html, "diff-site-ops")


def test_two_stored_snapshots_are_compared_and_an_unknown_date_is_not_found(riverside, client_as):
    store_shipped(riverside)
    client = client_as("viewer")
    url = reverse("certification-snapshots", args=[riverside.pk])
    html = client.get(f"{url}?old=2026-08-31&new=2026-11-26").content.decode()
    assert text_of(html, "diff-summary").startswith("2026-08-31 → 2026-11-26: ")
    assert client.get(f"{url}?old=2025-01-01").status_code == 404
    assert client.get(f"{url}?old=soon").status_code == 400


# ---- evidence bundle -------------------------------------------------------------------------

POLICY = b"%PDF-1.4\n% the AD policy\n%%EOF\n"


def attach(project) -> None:
    from zonewarden.web.repositories.evidence_files import attach_file

    attach_file(project.pk, "olivia", "ev-ad", io.BytesIO(POLICY), "ad.pdf", None)


def test_the_bundle_page_lists_missing_files_and_offers_only_the_explicit_variant(
    small_project, client_as
):
    client = client_as("olivia")
    status, html = page(client, "certification-bundle", small_project)
    assert status == 200
    assert text_of(html, "missing-title") == "1 evidence file missing or not matching"
    problem = text_of(html, "problem-ev-ad")
    assert "no file uploaded (the project names evidence/ad.pdf )" in problem
    assert reverse("evidence-edit", args=[small_project.pk, "ev-ad"]) in html
    assert not has_id(html, "download-bundle")
    zip_url = reverse("certification-bundle-zip", args=[small_project.pk])
    assert f'href="{zip_url}?as_of={AS_OF}&amp;allow_missing=1"' in html
    refused = client.get(f"{zip_url}?as_of={AS_OF}")
    assert refused.status_code == 409
    assert refused["Content-Type"] == "text/html; charset=utf-8"
    assert b"1 evidence file missing or not matching" in refused.content
    anyway = client.get(f"{zip_url}?as_of={AS_OF}&allow_missing=1")
    assert anyway.status_code == 200 and anyway["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(anyway.streaming_content))) as archive:
        manifest = archive.read("manifest.json").decode()
        assert '"state": "missing"' in manifest


def test_an_auditor_downloads_the_bundle_built_from_the_stored_files(small_project, client_as):
    attach(small_project)
    client = client_as("auditor")
    status, html = page(client, "certification-bundle", small_project)
    assert status == 200 and not has_id(html, "missing")
    assert "1 file to bundle" in text_of(html, "bundle-counts")
    assert "evidence/ev-ad/ad.pdf" in text_of(html, "item-ev-ad")
    assert "upload its file" not in html  # an auditor does not edit evidence
    zip_url = reverse("certification-bundle-zip", args=[small_project.pk])
    assert f'href="{zip_url}?as_of={AS_OF}" id="download-bundle"' in html
    response = client.get(f"{zip_url}?as_of={AS_OF}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="small-plant-evidence-2026-11-26.zip"'
    )
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        assert archive.read("evidence/ev-ad/ad.pdf") == POLICY
        assert {"README.txt", "index.html", "manifest.json", "SHA256SUMS"} <= set(
            archive.namelist()
        )


def test_a_viewer_has_no_bundle_tab_and_is_refused_the_bundle(small_project, client_as):
    client = client_as("viewer")
    _, html = page(client, "certification", small_project)
    assert "Evidence bundle" not in html
    for name in ("certification-bundle", "certification-bundle-zip"):
        assert client.get(reverse(name, args=[small_project.pk])).status_code == 403
