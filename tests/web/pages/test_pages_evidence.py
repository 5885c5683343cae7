"""Evidence: list, create and edit its metadata, upload a file (multipart), download it as an
attachment that the browser never renders."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.pages.browser import csrf_token, post, text_of
from zonewarden.web.repositories.documents import domain_of

PDF = b"%PDF-1.4\n% a tiny test file\n"


def url(name: str, project: Any, *args: str) -> str:
    return reverse(name, args=[project.pk, *args])


def upload(client: Any, project: Any, key: str, name: str, content: bytes, version: int = 1) -> Any:
    return client.post(
        url("evidence-upload", project, key),
        {
            "file": SimpleUploadedFile(name, content),
            "version": str(version),
            "csrfmiddlewaretoken": csrf_token(client),
        },
    )


def test_evidence_list_shows_kind_dates_and_what_cites_each_item(small_project, client_as):
    html = client_as("viewer").get(url("evidence-list", small_project)).content
    row = text_of(html, "ev-ev-fw-config")
    assert "Firewall configuration export" in row and "configuration" in row
    assert "scada SR 5.2 RE 1" in row and "scada-sis SR 5.2" in row
    assert "2027-10-20" in text_of(html, "ev-ev-ad")


def test_creating_and_editing_evidence_metadata(small_project, client_as):
    client = client_as("assessor")
    data = {
        "id": "ev-pentest",
        "title": "Penetration test report",
        "kind": "test_record",
        "collected_on": "2026-09-01",
        "expires_on": "2027-09-01",
    }
    assert post(client, url("evidence-create", small_project), data).status_code == 302
    data.update(title="Penetration test report (final)", version="1")
    assert post(client, url("evidence-edit", small_project, "ev-pentest"), data).status_code == 302
    small_project.refresh_from_db()
    item = next(e for e in domain_of(small_project).evidence if e.id == "ev-pentest")
    assert item.title == "Penetration test report (final)"
    assert item.kind == "test_record"


def test_bad_evidence_date_is_refused_next_to_its_field(small_project, client_as):
    data = {"id": "ev-x", "title": "X", "kind": "document", "collected_on": "01/09/2026"}
    response = post(client_as("assessor"), url("evidence-create", small_project), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_collected_on_error"' in html and "expected a date YYYY-MM-DD" in html


def test_upload_then_download_gives_the_same_bytes_as_a_sandboxed_attachment(
    small_project, client_as
):
    response = upload(client_as("assessor"), small_project, "ev-ad", "AD policy.pdf", PDF)
    assert response.status_code == 302
    download = client_as("auditor").get(url("evidence-download", small_project, "ev-ad"))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="AD policy.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == "sandbox"


def test_edit_page_shows_the_uploaded_file_with_its_hash(small_project, client_as):
    client = client_as("assessor")
    upload(client, small_project, "ev-ad", "ad.pdf", PDF)
    html = client.get(url("evidence-edit", small_project, "ev-ad")).content.decode()
    assert hashlib.sha256(PDF).hexdigest() in html
    assert "ad.pdf" in html


def test_files_other_than_pdf_images_and_text_download_as_octet_stream(small_project, client_as):
    upload(client_as("assessor"), small_project, "ev-ad", "rules.csv", b"a,b\n1,2\n")
    download = client_as("olivia").get(url("evidence-download", small_project, "ev-ad"))
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment;")


def test_viewer_may_not_download_evidence_files(small_project, client_as):
    upload(client_as("assessor"), small_project, "ev-ad", "ad.pdf", PDF)
    assert (
        client_as("viewer").get(url("evidence-download", small_project, "ev-ad")).status_code == 403
    )
    html = client_as("viewer").get(url("evidence-list", small_project)).content
    assert b"/download/" not in html  # no link for a role that may not download


def test_refused_file_type_shows_the_message_with_400(small_project, client_as):
    response = upload(client_as("assessor"), small_project, "ev-ad", "tool.exe", b"MZ\x90\x00")
    assert response.status_code == 400
    assert "type .exe is not allowed" in response.content.decode()


def test_file_whose_content_is_not_its_type_is_refused(small_project, client_as):
    response = upload(client_as("assessor"), small_project, "ev-ad", "fake.pdf", b"<html>")
    assert response.status_code == 400
    assert "its content is not a .pdf file" in response.content.decode()


def test_too_large_file_is_refused_with_413(small_project, client_as, settings):
    settings.ZONEWARDEN_MAX_UPLOAD_BYTES = 10
    response = upload(client_as("assessor"), small_project, "ev-ad", "big.txt", b"x" * 100)
    assert response.status_code == 413
    assert "larger than the limit of 10 bytes" in response.content.decode()


def test_upload_without_a_file_is_refused_with_400(small_project, client_as):
    response = post(client_as("assessor"), url("evidence-upload", small_project, "ev-ad"), {})
    assert response.status_code == 400
    assert b"choose a file to upload" in response.content


def test_deleting_cited_evidence_is_refused_and_the_page_says_why(small_project, client_as):
    client = client_as("assessor")
    html = client.get(url("evidence-delete", small_project, "ev-fw-config")).content.decode()
    assert "assessment of SR 5.2 RE 1 in scada" in html
    response = post(client, url("evidence-delete", small_project, "ev-fw-config"), {"version": "1"})
    assert response.status_code == 400
    assert b"Not deleted" in response.content
