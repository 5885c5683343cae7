"""The assessment matrix page: editing rows with htmx and without JavaScript, SL-A and score
following the edits, conflicts, refusals and the approval of countermeasures.

The small project's zone scada on 2026-11-26 (tests/cli/test_commands.py): SL-A 0 0 0 1 0 0 0,
6 of 36 SRs meet SL-T (16.7), 30 gaps; SR 6.1's countermeasure expired on 2026-06-30. Marking
SR 6.1 implemented lifts FR 6 to SL-A 1 and the score to 7 of 36 (19.4), leaving 29 gaps.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.web.pages.browser import AS_OF, has_id, hx_get, post, text_of
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.edits import put_assessment

Q = f"?as_of={AS_OF}"
# SR 6.1 of scada as its form shows it: the expired countermeasure approved by J. Doe
SR_6_1 = {"comp_description": "Weekly manual log review", "comp_expires_on": "2026-06-30"}


def page_url(project: Any, target: str = "scada", query: str = Q) -> str:
    return reverse("matrix", args=[project.pk, target]) + query


def row_url(project: Any, requirement: str, target: str = "scada", query: str = Q) -> str:
    return reverse("matrix-row", args=[project.pk, target, requirement]) + query


def form(requirement: str, version: int, **fields: Any) -> dict[str, Any]:
    """A row form as the page posts it (fields prefixed by the row's anchor)."""
    prefix = requirement.replace(" ", "-").replace(".", "-")
    return {f"{prefix}-{k}": v for k, v in {"version": version, **fields}.items()}


def recorded(project: Any, requirement: str, target: str = "scada") -> Any:
    project.refresh_from_db()
    return domain_of(project).assessments_of(target).get(requirement)


def test_matrix_shows_the_zone_summary_and_in_scope_rows_grouped_by_fr(small_project, client_as):
    response = client_as("viewer").get(page_url(small_project))
    assert response.status_code == 200
    html = response.content
    assert text_of(html, "summary-sl-achieved") == "0 0 0 1 0 0 0"
    assert text_of(html, "summary-score") == "16.7%"
    assert text_of(html, "summary-gaps") == "30"
    assert "FR 1 Identification and authentication control" in text_of(html, "fr-1")
    assert "Every person who uses the control system is identified" in text_of(html, "row-SR-1-1")
    assert has_id(html, "row-SR-7-7")  # in scope at SL 1
    assert not has_id(html, "row-SR-1-1-RE-1")  # applies from SL 2: out of scope


def test_out_of_scope_requirements_appear_when_toggled(small_project, client_as):
    html = client_as("viewer").get(page_url(small_project, query=Q + "&all=1")).content
    assert "out of scope" in text_of(html, "row-SR-1-1-RE-1")
    assert b"Hide out-of-scope requirements" in html


def test_viewer_sees_no_edit_control(small_project, client_as):
    html = client_as("viewer").get(page_url(small_project, query=Q + "&edit=SR+6.1")).content
    assert b"hx-post" not in html
    assert b">Edit<" not in html


def test_edit_query_opens_the_row_as_a_form_without_javascript(small_project, client_as):
    html = client_as("assessor").get(page_url(small_project, query=Q + "&edit=SR+6.1")).content
    assert b'<form method="post" action="/projects/' in html
    assert b'name="SR-6-1-status"' in html
    assert b"autofocus" in html
    assert b'name="SR-6-1-version" value="1"' in html


def test_saving_with_a_plain_form_redirects_to_the_row_and_the_page_shows_new_sl_a_and_score(
    small_project, client_as
):
    client = client_as("assessor")
    response = post(
        client, row_url(small_project, "SR 6.1"), form("SR 6.1", 1, status="implemented", **SR_6_1)
    )
    assert response.status_code == 302
    assert response["Location"] == page_url(small_project) + "#row-SR-6-1"
    html = client.get(response["Location"]).content
    assert text_of(html, "summary-sl-achieved") == "0 0 0 1 0 1 0"
    assert text_of(html, "summary-score") == "19.4%"
    assert text_of(html, "summary-gaps") == "29"
    assert "Implemented" in text_of(html, "row-SR-6-1")
    assert b"SR 6.1 saved." in html


def test_htmx_save_returns_the_row_and_an_out_of_band_summary(small_project, client_as):
    client = client_as("assessor")
    response = post(
        client,
        row_url(small_project, "SR 6.1"),
        form("SR 6.1", 1, status="implemented", **SR_6_1),
        htmx=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<tr id="row-SR-6-1"')
    # out-of-band parts come in <template>s: after a <tr> the parser is in table mode
    assert '<template><section id="target-summary" class="summary"' in html
    assert 'hx-swap-oob="true"' in html
    assert text_of(html, "summary-sl-achieved") == "0 0 0 1 0 1 0"
    assert text_of(html, "summary-score") == "19.4%"
    assert "Implemented" in text_of(html, "row-SR-6-1")
    assert "<html" not in html  # a fragment, not a page
    assert '<template><div id="messages"' in html and "SR 6.1 saved." in html


def test_htmx_edit_mode_answers_with_the_row_form(small_project, client_as):
    response = hx_get(
        client_as("assessor"), row_url(small_project, "SR 6.1", query=Q + "&mode=edit")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<tr id="row-SR-6-1" class="req editing"')
    assert 'hx-post="/projects/' in html
    assert 'name="SR-6-1-version" value="1"' in html


def test_htmx_cancel_answers_with_the_row_as_shown(small_project, client_as):
    response = hx_get(client_as("viewer"), row_url(small_project, "SR 6.1"))
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    assert response.content.decode().lstrip().startswith('<tr id="row-SR-6-1" class="req')
    assert b"<form" not in response.content


def test_stale_version_shows_the_conflict_with_the_current_value_and_409(small_project, client_as):
    put_assessment(
        small_project.pk,
        "reviewer",
        "scada",
        "SR 6.1",
        {"status": "partial", "notes": "log review started by the reviewer"},
        1,
        True,
    )
    client = client_as("assessor")
    response = post(
        client, row_url(small_project, "SR 6.1"), form("SR 6.1", 1, status="implemented", **SR_6_1)
    )
    assert response.status_code == 409
    row = text_of(response.content, "row-SR-6-1")
    assert "changed by someone else" in row
    assert "log review started by the reviewer" in row  # the current value
    assert b'name="SR-6-1-version" value="2"' in response.content  # saving again replaces it
    assert recorded(small_project, "SR 6.1").status.value == "partial"  # nothing overwritten


def test_stale_version_with_htmx_answers_the_row_with_the_conflict(small_project, client_as):
    put_assessment(small_project.pk, "reviewer", "scada", "SR 1.4", {"status": "partial"}, 0, True)
    response = post(
        client_as("assessor"),
        row_url(small_project, "SR 1.4"),
        form("SR 1.4", 0, status="implemented"),
        htmx=True,
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert html.lstrip().startswith('<tr id="row-SR-1-4" class="req editing"')
    assert "Current value" in html and "Partial" in text_of(html, "row-SR-1-4")
    assert "target-summary" not in html


def test_bad_input_shows_the_service_message_with_400_and_changes_nothing(small_project, client_as):
    client = client_as("assessor")
    response = post(
        client,
        row_url(small_project, "SR 6.1"),
        form("SR 6.1", 1, status="not_applicable", **SR_6_1),
    )
    assert response.status_code == 400
    assert "not_applicable needs a non-empty justification" in text_of(
        response.content, "row-SR-6-1"
    )
    response = post(
        client,
        row_url(small_project, "SR 6.1"),
        form("SR 6.1", 1, status="implemented", assessed_on="2026-13-01", **SR_6_1),
    )
    assert response.status_code == 400
    assert "expected a date YYYY-MM-DD" in text_of(response.content, "row-SR-6-1")
    assert recorded(small_project, "SR 6.1").status.value == "not_implemented"


def test_unknown_status_is_refused_with_400(small_project, client_as):
    response = post(
        client_as("assessor"),
        row_url(small_project, "SR 6.1"),
        form("SR 6.1", 1, status="done"),
        htmx=True,
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_assessor_sees_the_approval_but_no_approval_fields(small_project, client_as):
    html = client_as("assessor").get(page_url(small_project, query=Q + "&edit=SR+5.2")).content
    assert b"comp_approved_by" not in html
    assert "Approved by J. Doe on 2026-10-01." in text_of(html, "row-SR-5-2")
    assert "Only a reviewer or the owner approves" in text_of(html, "row-SR-5-2")
    html = client_as("reviewer").get(page_url(small_project, query=Q + "&edit=SR+5.2")).content
    assert b'name="SR-5-2-comp_approved_by" value="J. Doe"' in html


def test_assessor_editing_an_approved_row_keeps_its_approval(small_project, client_as):
    data = form(
        "SR 5.2",
        1,
        status="not_implemented",
        notes="gateway in place",
        comp_description="Unidirectional gateway in front of the zone",
        comp_expires_on="2027-10-01",
    )
    response = post(client_as("assessor"), row_url(small_project, "SR 5.2"), data)
    assert response.status_code == 302
    entry = recorded(small_project, "SR 5.2")
    assert entry.notes == "gateway in place"
    assert entry.compensating.approved_by == "J. Doe"


def test_assessor_posting_approval_fields_does_not_approve(small_project, client_as):
    data = form(
        "SR 6.1",
        1,
        status="not_implemented",
        comp_description="Weekly manual log review",
        comp_approved_by="Assessor himself",
        comp_approved_on="2026-11-01",
    )
    post(client_as("assessor"), row_url(small_project, "SR 6.1"), data)
    entry = recorded(small_project, "SR 6.1")
    assert entry.compensating.approved_by == "J. Doe"  # the approval on record, unchanged
    assert entry.compensating.approved_on.isoformat() == "2026-01-01"


def test_assessor_removing_an_approved_countermeasure_is_refused_with_403(small_project, client_as):
    response = post(
        client_as("assessor"), row_url(small_project, "SR 5.2"), form("SR 5.2", 1, status="partial")
    )
    assert response.status_code == 403
    assert "needs the reviewer or owner role" in text_of(response.content, "row-SR-5-2")
    assert recorded(small_project, "SR 5.2").status.value == "not_implemented"


def test_reviewer_approves_a_countermeasure_and_sl_a_follows(small_project, client_as):
    data = form(
        "SR 6.1",
        1,
        status="not_implemented",
        comp_description="Weekly manual log review",
        comp_approved_by="Reviewer",
        comp_approved_on="2026-11-01",
        comp_expires_on="2027-06-30",
    )
    response = post(client_as("reviewer"), row_url(small_project, "SR 6.1"), data, htmx=True)
    assert response.status_code == 200
    assert text_of(response.content, "summary-sl-achieved") == "0 0 0 1 0 1 0"
    assert "counts" in text_of(response.content, "row-SR-6-1")


def test_sr_made_not_applicable_updates_its_enhancement_rows_out_of_band(small_project, client_as):
    data = form("SR 1.1", 1, status="not_applicable", justification="no user accounts here")
    response = post(
        client_as("assessor"), row_url(small_project, "SR 1.1", query=Q + "&all=1"), data, htmx=True
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<template><tr id="row-SR-1-1-RE-1"' in html
    assert "inherited from SR 1.1" in text_of(html, "row-SR-1-1-RE-1")


def test_conduit_matrix_names_the_zones_it_joins(small_project, client_as):
    html = client_as("viewer").get(page_url(small_project, "scada-sis")).content
    assert text_of(html, "summary-score") == "100.0%"
    assert b"Joins" in html and b"/matrix/sis/" in html


def test_bad_as_of_date_is_refused_with_its_message(small_project, client_as):
    response = client_as("viewer").get(page_url(small_project, query="?as_of=yesterday"))
    assert response.status_code == 400
    assert b"as_of: expected a date YYYY-MM-DD" in response.content


def test_a_later_date_expires_a_countermeasure_on_the_page(small_project, client_as):
    html = client_as("viewer").get(page_url(small_project, query="?as_of=2027-10-02")).content
    assert "does not count: expired 2027-10-01" in text_of(html, "row-SR-5-2")
    assert text_of(html, "summary-score") == "13.9%"  # SR 5.2 no longer counts: 5 of 36


def test_notes_typed_on_several_lines_in_a_browser_are_saved_with_plain_line_ends(
    small_project, client_as
):
    client = client_as("assessor")
    notes = "Checked on site.\r\nTwo HMIs still share an account."
    response = post(
        client,
        row_url(small_project, "SR 6.1"),
        form("SR 6.1", 1, status="partial", notes=notes, **SR_6_1),
    )
    assert response.status_code == 302
    assert recorded(small_project, "SR 6.1").notes == notes.replace("\r\n", "\n")
