"""Evidence files through the API: upload, download as a safe attachment, refusals (type,
size, tampering, rights), and files shared by projects kept while one of them still uses them."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n% evidence\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def upload(api: Any, project: Any, key: str, name: str, content: bytes, **form: Any) -> Any:
    path = f"/projects/{project.pk}/evidence/{key}/file"
    return api.post(path, form={"file": SimpleUploadedFile(name, content), **form})


def download(api: Any, project: Any, key: str = "ev-ad") -> Any:
    return api.get(f"/projects/{project.pk}/evidence/{key}/file")


def body_of(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_an_uploaded_file_downloads_unchanged_as_an_attachment(owner, small_project) -> None:
    content = b"rule 1: deny all\nrule 2: allow opc-ua\n"
    attached = upload(owner, small_project, "ev-ad", "rules.txt", content)
    assert attached.status_code == 200
    sha = hashlib.sha256(content).hexdigest()
    assert attached.json() == {
        "id": "ev-ad", "file": "rules.txt", "sha256": sha, "size": len(content), "version": 2,
    }  # fmt: skip
    item = owner.get(f"/projects/{small_project.pk}/evidence/ev-ad").json()
    assert item["file"] == {
        "name": "rules.txt", "sha256": sha, "size": len(content), "media_type": "text/plain",
    }  # fmt: skip
    assert item["version"] == 2
    response = download(owner, small_project)
    assert response.status_code == 200
    assert body_of(response) == content
    assert response["Content-Disposition"] == 'attachment; filename="rules.txt"'
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Content-Length"] == str(len(content))


@pytest.mark.parametrize(
    ("name", "content", "served_as"),
    [
        ("report.pdf", PDF, "application/pdf"),
        ("diagram.png", PNG, "image/png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0 jpeg", "image/jpeg"),
        ("export.csv", b"a,b\n1,2\n", "text/plain; charset=utf-8"),
        ("config.xml", b"<config/>", "text/plain; charset=utf-8"),
        ("policy.json", b'{"a": 1}', "text/plain; charset=utf-8"),
        ("capture.pcapng", b"\x0a\x0d\x0d\x0a....", "application/octet-stream"),
        ("archive.zip", b"PK\x03\x04....", "application/octet-stream"),
        ("policy.docx", b"PK\x03\x04....", "application/octet-stream"),
    ],
)
def test_files_are_served_with_a_type_a_browser_will_not_run(
    owner, small_project, name, content, served_as
) -> None:
    assert upload(owner, small_project, "ev-ad", name, content).status_code == 200
    response = download(owner, small_project)
    assert response["Content-Type"] == served_as
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    ("name", "fallback", "exact"),
    [
        ('rapport "final".pdf', "rapport final.pdf", None),
        ("Prüfbericht ü.pdf", "Pr_fbericht _.pdf", "Pr%C3%BCfbericht%20%C3%BC.pdf"),
        ("a\tb\x7fc\u202e.pdf", "abc.pdf", None),
        ("../../etc/passwd.pdf", "passwd.pdf", None),
        ("semi;colon.pdf", "semi_colon.pdf", "semi%3Bcolon.pdf"),
    ],
)
def test_odd_file_names_give_a_safe_content_disposition(
    owner, small_project, name, fallback, exact
) -> None:
    assert upload(owner, small_project, "ev-ad", name, PDF).status_code == 200
    header = download(owner, small_project)["Content-Disposition"]
    expected = f'attachment; filename="{fallback}"'
    if exact:
        expected += f"; filename*=UTF-8''{exact}"
    assert header == expected
    assert "\n" not in header and "\r" not in header


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.html", b"<script>alert(1)</script>", "type .html is not allowed"),
        ("tool.exe", b"MZ\x90\x00", "type .exe is not allowed"),
        ("noextension", b"data", "type (none) is not allowed"),
        ("fake.pdf", b"<html>", "not a .pdf file"),
        ("fake.png", PDF, "not a .png file"),
        ("binary.txt", b"ab\x00cd", "must be text"),
    ],
)
def test_disallowed_files_are_refused_and_nothing_is_attached(
    owner, small_project, name, content, message
) -> None:
    response = upload(owner, small_project, "ev-ad", name, content)
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert owner.get(f"/projects/{small_project.pk}/evidence/ev-ad").json()["file"] is None


def test_a_file_larger_than_the_limit_is_413(owner, small_project, settings) -> None:
    settings.ZONEWARDEN_MAX_UPLOAD_BYTES = 1000
    response = upload(owner, small_project, "ev-ad", "big.txt", b"x" * 1001)
    assert response.status_code == 413
    assert "1,000 bytes" in response.json()["detail"]
    huge = upload(owner, small_project, "ev-ad", "huge.txt", b"x" * 200_000)
    assert huge.status_code == 413
    assert owner.get(f"/projects/{small_project.pk}/evidence/ev-ad").json()["file"] is None


def test_a_file_changed_on_disk_is_refused_and_none_of_it_is_sent(
    owner, small_project, blob_dir
) -> None:
    from zonewarden.web.repositories.blobs import storage

    attached = upload(owner, small_project, "ev-ad", "secret.txt", b"the real content\n").json()
    path = storage().path(attached["sha256"])
    path.write_bytes(b"tampered content\n")
    response = download(owner, small_project)
    assert response.status_code == 500
    assert "does not match its SHA-256" in response.json()["detail"]
    assert b"tampered" not in response.content
    path.unlink()
    missing = download(owner, small_project)
    assert missing.status_code == 500
    assert "missing" in missing.json()["detail"]


def test_a_viewer_may_not_download_but_an_auditor_may(owner, small_project, api_as) -> None:
    upload(owner, small_project, "ev-ad", "report.pdf", PDF)
    refused = download(api_as("viewer"), small_project)
    assert refused.status_code == 403
    assert "download evidence" in refused.json()["detail"]
    assert body_of(download(api_as("auditor"), small_project)) == PDF


def test_upload_with_a_stale_version_is_409_and_attaches_nothing(owner, small_project) -> None:
    response = upload(owner, small_project, "ev-ad", "report.pdf", PDF, version="7")
    assert response.status_code == 409
    assert response.json()["current"]["version"] == 1
    assert response.json()["current"]["file"] is None
    assert upload(owner, small_project, "ev-ad", "report.pdf", PDF, version="1").status_code == 200


def test_uploads_without_a_file_or_to_an_unknown_item_are_refused(owner, small_project) -> None:
    pid = small_project.pk
    empty = owner.post(f"/projects/{pid}/evidence/ev-ad/file", form={"version": "1"})
    assert empty.status_code == 400
    assert empty.json()["detail"].startswith("file:")
    assert upload(owner, small_project, "ev-none", "a.pdf", PDF).status_code == 404
    assert download(owner, small_project, "ev-fw-config").status_code == 404
    bad_version = upload(owner, small_project, "ev-ad", "a.pdf", PDF, version="latest")
    assert bad_version.status_code == 400


def test_deleting_a_project_keeps_a_file_another_project_still_uses(
    owner, small_project, api_as, blob_dir
) -> None:
    from zonewarden.web.models import Project
    from zonewarden.web.repositories.blobs import storage

    mallory = api_as("mallory")
    other = Project.objects.exclude(pk=small_project.pk).get()
    sha = upload(owner, small_project, "ev-ad", "shared.pdf", PDF).json()["sha256"]
    assert upload(mallory, other, "ev-ad", "same.pdf", PDF).json()["sha256"] == sha
    assert owner.delete(f"/projects/{small_project.pk}").status_code == 204
    assert storage().path(sha).exists()
    assert body_of(download(mallory, other)) == PDF


@pytest.mark.django_db(transaction=True)
def test_deleting_the_last_project_using_a_file_removes_it(small_project, api_as, blob_dir):
    from zonewarden.web.models import Blob
    from zonewarden.web.repositories.blobs import storage

    owner = api_as("olivia")
    sha = upload(owner, small_project, "ev-ad", "only.pdf", PDF).json()["sha256"]
    assert owner.delete(f"/projects/{small_project.pk}").status_code == 204
    assert not storage().path(sha).exists()
    assert not Blob.objects.filter(sha256=sha).exists()
