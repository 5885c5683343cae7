"""``bundle`` and ``bundle verify`` through the real CLI, on real files in a temporary folder."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.cli.runner import zonewarden
from tests.services.test_bundle import POLICY, rewrite, write_project

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "riverside-wtp.yaml"
AS_OF = "2026-11-26"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return zonewarden(*args, cwd=cwd, columns=100)


def no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout


def test_bundle_then_verify_and_sha256sum_on_the_unzipped_folder(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project")
    output = tmp_path / "evidence.zip"
    done = run("bundle", str(project), "--output", str(output), "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    assert "Wrote" in done.stdout and "3 zones and conduits" in done.stdout
    assert "warning: ev-interview: no file" in done.stdout
    digest = hashlib.sha256(output.read_bytes()).hexdigest()
    assert f"SHA-256 of the bundle: {digest}" in done.stdout
    verified = run("bundle", "verify", str(output))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "OK: 7 files match manifest.json and SHA256SUMS" in verified.stdout
    document = json.loads(run("bundle", "verify", str(output), "--format", "json").stdout)
    assert document["verified"] and document["project"]["id"] == "bundle-plant"
    assert document["sha256"] == digest and document["scope"] == ["scada", "sis", "scada-sis"]
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum is not installed")
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(output) as archive:
        archive.extractall(unpacked)
    checked = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=unpacked, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(": OK") == 7
    (unpacked / "evidence" / "ev-policy" / "policy.pdf").write_bytes(POLICY + b"x")
    failed = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=unpacked, capture_output=True, text=True
    )
    assert failed.returncode == 1 and "policy.pdf: FAILED" in failed.stdout


def test_verify_names_a_member_changed_inside_the_zip(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project")
    output = tmp_path / "evidence.zip"
    assert run("bundle", str(project), "-o", str(output), "--as-of", AS_OF).returncode == 0
    changed = tmp_path / "changed.zip"
    rewrite(output, changed, {"evidence/ev-old/old_test_v1_.txt": b"rewritten\n"})
    done = run("bundle", "verify", str(changed))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "evidence/ev-old/old_test_v1_.txt" in done.stdout and "mismatch" in done.stdout
    assert "FAIL: 1 problem" in done.stdout


def test_missing_file_and_sha256_mismatch_are_reported_and_no_zip_is_written(
    tmp_path: Path,
) -> None:
    project = write_project(tmp_path / "project", policy_sha="a" * 64)
    (tmp_path / "project" / "evidence" / "old test (v1).txt").unlink()
    output = tmp_path / "evidence.zip"
    done = run("bundle", str(project), "--output", str(output), "--as-of", AS_OF)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "ev-policy" in done.stdout and "the project records " + "a" * 64 in done.stdout
    assert "ev-old" in done.stdout and "old test (v1).txt: file not found" in done.stdout
    assert "No bundle written: 2 evidence files missing or not matching" in done.stdout
    assert not output.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["project"]
    allowed = run("bundle", str(project), "-o", str(output), "--as-of", AS_OF, "--allow-missing")
    assert allowed.returncode == 0, allowed.stderr
    with zipfile.ZipFile(output) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        html = archive.read("index.html").decode()
    assert manifest["evidence"]["ev-old"]["state"] == "missing"
    assert manifest["evidence"]["ev-policy"]["state"] == "sha256 mismatch"
    assert "Missing or not matching</th><td>2" in html
    assert run("bundle", "verify", str(output)).returncode == 0


def test_two_runs_give_byte_identical_bundles(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project")
    one, two = tmp_path / "one.zip", tmp_path / "two.zip"
    assert run("bundle", str(project), "-o", str(one), "--as-of", AS_OF).returncode == 0
    assert run("bundle", str(project), "-o", str(two), "--as-of", AS_OF).returncode == 0
    assert one.read_bytes() == two.read_bytes()


def test_scope_limits_the_index_and_unknown_ids_are_one_message(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project")
    output = tmp_path / "dmz.zip"
    done = run(
        "bundle", str(project), "-o", str(output), "--scope", "dmz", "--as-of", AS_OF,
        "--format", "json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["scope"] == ["dmz"]
    with zipfile.ZipFile(output) as archive:
        rows = archive.read("index.csv").decode().splitlines()[1:]
        names = archive.namelist()
    assert rows and all(row.startswith("dmz,zone,") for row in rows)
    assert [n for n in names if n.startswith("evidence/")] == ["evidence/ev-dmz/dmz.txt"]
    unknown = run("bundle", str(project), "-o", str(output), "--scope", "dmz,plc")
    assert unknown.returncode == 2 and unknown.stderr.startswith("error: --scope: ")
    assert "unknown zone or conduit: plc" in unknown.stderr
    no_traceback(unknown)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("../x", "unsafe name"), ("/etc/x", "unsafe name"), ("evidence/a", "declares")],
)
def test_hostile_zips_are_refused_with_a_clear_message(
    tmp_path: Path, name: str, expected: str
) -> None:
    path = tmp_path / "hostile.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", "{}")
        archive.writestr(zipfile.ZipInfo(name), b"x" * 64)
    if expected == "declares":  # claim 4 GiB for the second member in the central directory
        data = bytearray(path.read_bytes())
        central = data.rfind(b"PK\x01\x02")
        data[central + 24 : central + 28] = (0xFFFFFFF0).to_bytes(4, "little")
        path.write_bytes(bytes(data))
    done = run("bundle", "verify", str(path), "--max-size", "1G")
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith("error: refused: member") and expected in done.stderr
    no_traceback(done)


def test_bad_input_is_one_message_with_exit_2(tmp_path: Path) -> None:
    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("hello")
    cases = [
        (("bundle", "verify", str(not_zip)), "not a zip file"),
        (("bundle", "verify", str(tmp_path / "nowhere.zip")), "not a file"),
        (("bundle", "verify"), "bundle verify needs the bundle"),
        (("bundle", str(EXAMPLE)), "bundle needs --output"),
        (("bundle", str(EXAMPLE), "-o", "x.zip", "--max-size", "lots"), "--max-size"),
        (("bundle", str(tmp_path / "missing.yaml"), "-o", "x.zip"), "missing.yaml"),
        (("bundle", "verify", "x.zip", "--scope", "a"), "--scope does not apply"),
    ]
    for args, message in cases:
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert message in done.stderr, (args, done.stderr)
        no_traceback(done)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.zip"]


def test_the_example_project_bundles_with_every_file_present(tmp_path: Path) -> None:
    output = tmp_path / "riverside.zip"
    done = run("bundle", str(EXAMPLE), "-o", str(output), "--as-of", AS_OF, "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    document = json.loads(done.stdout)
    counts = document["counts"]
    assert document["problems"] == [] and counts["missing"] == 0
    assert counts["bundled"] == counts["evidence"] > 20
    assert counts["expired"] == 1  # ev-ups-test expired on 2026-06-30
    verified = run("bundle", "verify", str(output))
    assert verified.returncode == 0, verified.stdout
    everything = run(
        "bundle", str(EXAMPLE), "-o", str(tmp_path / "all.zip"), "--as-of", AS_OF,
        "--scope", "enterprise,idmz,remote-access,site-ops,scada,bpcs-intake,bpcs-filtration,"
        "bpcs-disinfection,bpcs-pumping,sis,field-wireless", "--format", "json",
    )  # fmt: skip
    assert everything.returncode == 0, everything.stderr
    assert json.loads(everything.stdout)["counts"]["missing"] == 0
