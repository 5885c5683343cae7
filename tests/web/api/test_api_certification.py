"""Certification readiness and continuous compliance through the API are those of the CLI:
``readiness``, ``due`` and ``nonconformities`` give the documents the commands print with
``--format json`` for the same file and options, ``due.ics`` is the file of ``due --format ics``,
a stored snapshot is the document of ``zonewarden snapshot``, a diff that of ``zonewarden diff``,
the trend chart the file of ``zonewarden trend --output``, and the evidence bundle the zip of
``zonewarden bundle`` — built from the uploaded files instead of the project file's folder."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.web.api.test_api_risk import AS_OF, CLI, cli_json, imported
from tests.web.conftest import EXAMPLE, ROOT, SMALL

SNAPSHOTS = ROOT / "zonewarden" / "examples" / "snapshots"
AUGUST = "2026-08-31"


def cli_bytes(*args: str) -> bytes:
    return subprocess.run([CLI, *args], capture_output=True, check=True).stdout


@pytest.mark.parametrize(
    ("path", "options"),
    [(SMALL, ()), (EXAMPLE, ()), (EXAMPLE, ("--target", "csms"))],
    ids=["small", "example", "example-csms"],
)
def test_readiness_is_the_document_the_cli_prints(owner, path: Path, options) -> None:
    pid = imported(owner, path)
    query = f"&scheme={options[1]}" if options else ""
    response = owner.get(f"/projects/{pid}/readiness?as_of={AS_OF}{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    expected = cli_json("readiness", str(path), "--format", "json", "--as-of", AS_OF, *options)
    assert response.json() == expected
    assert list(response.json()) == list(expected)


def test_readiness_of_the_example_names_what_is_missing_under_a_failing_item(owner) -> None:
    pid = imported(owner, EXAMPLE)
    document = owner.get(f"/projects/{pid}/readiness?as_of={AS_OF}").json()
    assert document["ready"] is False
    evidence = next(item for item in document["checklist"] if item["id"] == "evidence")
    assert evidence["status"] == "fail"
    assert "ev-ups-test (expired on 2026-06-30)" in evidence["missing"][0]


@pytest.mark.parametrize("within", [None, "6m", "2w"])
def test_due_is_the_document_the_cli_prints(owner, within) -> None:
    pid = imported(owner, EXAMPLE)
    query = f"&within={within}" if within else ""
    response = owner.get(f"/projects/{pid}/due?as_of={AS_OF}{query}")
    assert response.status_code == 200
    options = ("--within", within) if within else ()
    expected = cli_json("due", str(EXAMPLE), "--format", "json", "--as-of", AS_OF, *options)
    assert response.json() == expected
    assert expected["counts"]["overdue"] > 0


def test_due_ics_is_the_calendar_file_the_cli_writes_as_an_attachment(owner) -> None:
    pid = imported(owner, EXAMPLE)
    response = owner.get(f"/projects/{pid}/due.ics?as_of={AS_OF}&within=6m")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="riverside-wtp-due-2026-11-26.ics"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    expected = cli_bytes("due", str(EXAMPLE), "-f", "ics", "--as-of", AS_OF, "--within", "6m")
    assert response.content == expected
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")


@pytest.mark.parametrize("open_only", [False, True])
def test_nonconformities_is_the_register_the_cli_prints(owner, open_only: bool) -> None:
    pid = imported(owner, EXAMPLE)
    query = "&open=true" if open_only else ""
    response = owner.get(f"/projects/{pid}/nonconformities?as_of={AS_OF}{query}")
    assert response.status_code == 200
    options = ("--open",) if open_only else ()
    expected = cli_json(
        "nonconformities", str(EXAMPLE), "--format", "json", "--as-of", AS_OF, *options
    )
    assert response.json() == expected
    assert expected["counts"]["total"] == (2 if open_only else 3)


@pytest.mark.parametrize(
    ("path", "named"),
    [
        ("readiness?scheme=iso27001", "scheme: expected one of csms, ssa, sdla, component"),
        ("readiness?as_of=tomorrow", "as_of: expected a date YYYY-MM-DD"),
        ("due?within=3 fortnights", "within: expected a period such as 90d, 6w, 12m or 1y"),
        ("due?within=0d", "within: expected a period"),
        ("due.ics?within=soon", "within: expected a period"),
        ("nonconformities?as_of=2026-02-30", "as_of: expected a date"),
        ("snapshots/diff?old=yesterday", "old: expected a snapshot's date YYYY-MM-DD or"),
        ("snapshots/diff?old=current&new=someday", "new: expected a snapshot's date"),
    ],
)
def test_a_bad_parameter_is_400_naming_it(owner, small_project, path: str, named: str) -> None:
    response = owner.get(f"/projects/{small_project.pk}/{path}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(named)


def store_shipped_snapshots(pid: int) -> None:
    """The example's snapshot files, stored as the demo stores them."""
    from django.contrib.auth import get_user_model

    from zonewarden.project.snapshots import load_snapshots
    from zonewarden.web.repositories.snapshots import store_snapshot

    olivia = get_user_model().objects.get(username="olivia")
    for snapshot in load_snapshots("riverside-wtp", SNAPSHOTS):
        store_snapshot(pid, olivia, snapshot)


def test_a_snapshot_taken_is_the_document_the_cli_writes_and_same_day_replaces_it(
    owner, tmp_path
) -> None:
    pid = imported(owner, EXAMPLE)
    first = owner.post(f"/projects/{pid}/snapshots?as_of={AS_OF}")
    assert first.status_code == 201
    assert first.json() == {
        "as_of": AS_OF,
        "score": 72.0,
        "gaps": 337,
        "targets_met": 5,
        "targets": 24,
        "replaced": False,
    }
    again = owner.post(f"/projects/{pid}/snapshots?as_of={AS_OF}")
    assert again.status_code == 200 and again.json()["replaced"] is True
    listed = owner.get(f"/projects/{pid}/snapshots").json()
    assert [(row["as_of"], row["taken_by"]) for row in listed] == [(AS_OF, "olivia")]
    stored = owner.get(f"/projects/{pid}/snapshots/{AS_OF}")
    assert stored.status_code == 200
    written = tmp_path / "snapshot.json"
    expected = cli_json(
        "snapshot", str(EXAMPLE), "-f", "json", "--as-of", AS_OF, "-o", str(written)
    )
    assert stored.json() == expected
    assert list(stored.json()["zones"][0]) == list(expected["zones"][0])
    trail = owner.get(f"/projects/{pid}/audit").json()
    snapshots = [e for e in trail if e["object_type"] == "snapshot"]
    assert [(e["action"], e["object_key"], e["actor"]) for e in snapshots] == [
        ("create", AS_OF, "olivia"),
        ("replace", AS_OF, "olivia"),
    ]
    assert snapshots[1]["before"]["overall"]["score"] == 72.0


def test_a_snapshot_of_a_date_never_taken_is_404(owner, small_project) -> None:
    pid = small_project.pk
    never = owner.get(f"/projects/{pid}/snapshots/2026-01-01")
    assert never.status_code == 404
    assert never.json() == {"detail": "snapshot 2026-01-01: not found"}
    not_a_date = owner.get(f"/projects/{pid}/snapshots/someday")
    assert not_a_date.status_code == 404
    assert not_a_date.json() == {"detail": "snapshot 'someday': not found"}


def test_the_diff_with_the_current_state_is_the_document_the_cli_prints(owner) -> None:
    pid = imported(owner, EXAMPLE)
    store_shipped_snapshots(pid)
    response = owner.get(f"/projects/{pid}/snapshots/diff?old={AUGUST}&new=current&as_of={AS_OF}")
    assert response.status_code == 200
    old = SNAPSHOTS / f"riverside-wtp-{AUGUST}.json"
    expected = cli_json("diff", str(old), str(EXAMPLE), "--format", "json", "--as-of", AS_OF)
    assert response.json() == expected
    assert expected["zones"] and expected["zones"][0]["explanation"]
    between = owner.get(f"/projects/{pid}/snapshots/diff?old={AUGUST}&new={AS_OF}").json()
    assert between["old"]["as_of"] == AUGUST and between["new"]["as_of"] == AS_OF
    missing = owner.get(f"/projects/{pid}/snapshots/diff?old=2025-01-01")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "snapshot 2025-01-01: not found"}


def test_the_trend_chart_is_the_file_the_cli_writes(owner, tmp_path) -> None:
    pid = imported(owner, EXAMPLE)
    none = owner.get(f"/projects/{pid}/trend.svg")
    assert none.status_code == 404
    assert none.json()["detail"].startswith("trend: no snapshots")
    store_shipped_snapshots(pid)
    response = owner.get(f"/projects/{pid}/trend.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Security-Policy"] == "sandbox"
    chart = tmp_path / "trend.svg"
    subprocess.run(
        [CLI, "trend", str(EXAMPLE), "--snapshots", str(SNAPSHOTS), "-o", str(chart)],
        capture_output=True,
        check=True,
    )
    assert response.content == chart.read_bytes()


# ---- the evidence bundle --------------------------------------------------------------------

POLICY = b"%PDF-1.4\n% the AD policy, for the test\n%%EOF\n"


@pytest.fixture
def folder(tmp_path) -> Path:
    """The small project file with its one local evidence file beside it."""
    shutil.copy(SMALL, tmp_path / SMALL.name)
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "ad.pdf").write_bytes(POLICY)
    return tmp_path


def cli_zip(folder: Path, *options: str) -> bytes:
    output = folder / "cli.zip"
    subprocess.run(
        [CLI, "bundle", str(folder / SMALL.name), "-o", str(output), "--as-of", AS_OF, *options],
        capture_output=True,
        check=False,
    )
    return output.read_bytes()


def upload(pid: int, content: bytes = POLICY) -> None:
    from zonewarden.web.repositories.evidence_files import attach_file

    attach_file(pid, "olivia", "ev-ad", io.BytesIO(content), "ad.pdf", None)


def test_the_bundle_is_the_zip_the_cli_writes_from_the_uploaded_files(owner, folder) -> None:
    pid = imported(owner, SMALL)
    upload(pid)
    response = owner.get(f"/projects/{pid}/bundle?as_of={AS_OF}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="small-plant-evidence-2026-11-26.zip"'
    )
    content = b"".join(response.streaming_content)
    assert content == cli_zip(folder)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.read("evidence/ev-ad/ad.pdf") == POLICY


def test_missing_files_are_listed_with_409_and_allow_missing_writes_the_cli_zip(
    owner, folder
) -> None:
    pid = imported(owner, SMALL)
    refused = owner.get(f"/projects/{pid}/bundle?as_of={AS_OF}")
    assert refused.status_code == 409
    body = refused.json()
    assert body["detail"].startswith("1 evidence file missing or not matching")
    assert body["problems"] == [
        {"id": "ev-ad", "location": "evidence/ad.pdf", "problem": "file not found"}
    ]
    (folder / "evidence" / "ad.pdf").unlink()
    anyway = owner.get(f"/projects/{pid}/bundle?as_of={AS_OF}&allow_missing=true")
    assert anyway.status_code == 200
    assert b"".join(anyway.streaming_content) == cli_zip(folder, "--allow-missing")


def test_a_stored_file_changed_on_disk_is_a_problem_not_a_zip_with_altered_content(
    owner, blob_dir
) -> None:
    import hashlib

    pid = imported(owner, SMALL)
    upload(pid)
    sha = hashlib.sha256(POLICY).hexdigest()
    (blob_dir / sha[:2] / sha[2:4] / sha).write_bytes(POLICY.replace(b"AD", b"XX"))
    response = owner.get(f"/projects/{pid}/bundle?as_of={AS_OF}")
    assert response.status_code == 409
    assert response.json()["problems"] == [
        {
            "id": "ev-ad",
            "location": "ad.pdf",
            "problem": "cannot read: the stored file does not match its SHA-256",
        }
    ]


def test_the_bundle_scope_is_that_of_the_cli_and_an_unknown_zone_is_400(owner, folder) -> None:
    pid = imported(owner, SMALL)
    upload(pid)
    response = owner.get(f"/projects/{pid}/bundle?as_of={AS_OF}&scope=scada,sis")
    assert b"".join(response.streaming_content) == cli_zip(folder, "--scope", "scada,sis")
    unknown = owner.get(f"/projects/{pid}/bundle?scope=nowhere")
    assert unknown.status_code == 400
    assert unknown.json()["detail"].startswith("scope: ")
