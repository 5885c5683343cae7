"""The evidence bundle (services/bundle.py, reports/bundle.py, domain/bundle.py) on real files.

Each test writes a small project with its evidence files into a temporary folder: a PDF next
to the project file with its sha256 recorded, a text file whose name needs cleaning, an
absolute ``file://`` uri, a web reference, an interview without a file, and an expired item.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from zonewarden.catalog import default_catalog
from zonewarden.domain.bundle import (
    EvidenceState,
    UnknownTargets,
    member_path,
    safe_member,
    uri_kind,
)
from zonewarden.domain.projects import Project
from zonewarden.project.load import load_project
from zonewarden.reports.bundle import BundleWriteError, write_bundle
from zonewarden.reports.bundle_verify import NotABundle, VerifyLimits, verify_bundle
from zonewarden.services.bundle import (
    BundlePlan,
    BundleTooLarge,
    FileResolver,
    parse_size,
    plan_bundle,
)

AS_OF = date(2026, 11, 26)
POLICY = b"%PDF-1.4\n% a policy, for the test\n%%EOF\n"

PROJECT = """\
format: zonewarden/v1
project:
  id: bundle-plant
  name: "Bundle <Plant> & Co"
zones:
  - {{id: scada, name: SCADA, kind: supervisory, purdue_level: 2, sl_target: 1}}
  - {{id: sis, name: SIS, kind: safety, purdue_level: 1, safety: true, sl_target: {{FR1: 1}}}}
  - {{id: dmz, name: DMZ, kind: dmz, purdue_level: 3.5, sl_target: 1}}
conduits:
  - {{id: scada-sis, name: SCADA to SIS, zones: [scada, sis], sl_target: [0, 0, 0, 0, 1, 0, 0]}}
assessments:
  scada:
    "SR 1.1": {{status: implemented, evidence: [ev-policy, ev-wiki]}}
    "SR 1.3": {{status: partial, evidence: [ev-interview]}}
    "SR 2.8": {{status: implemented, evidence: [ev-old]}}
  sis:
    "SR 1.1": {{status: implemented, evidence: [ev-config]}}
  dmz:
    "SR 1.1": {{status: implemented, evidence: [ev-dmz]}}
  scada-sis:
    "SR 5.1": {{status: implemented, evidence: [ev-config]}}
evidence:
  - {{id: ev-policy, title: "Policy <v1>", uri: evidence/policy.pdf{policy_sha}}}
  - {{id: ev-wiki, title: Wiki page, uri: "https://wiki.example.org/ot?page=1"}}
  - {{id: ev-interview, title: Interview of the operators, kind: interview}}
  - {{id: ev-old, title: Old test, uri: "evidence/old test (v1).txt", expires_on: 2026-01-01}}
  - {{id: ev-config, title: Config export, kind: configuration, uri: "{config_uri}"}}
  - {{id: ev-dmz, title: DMZ rules, uri: evidence/dmz.txt}}
{certification}"""
CERTIFICATION = "certification: {scope: {zones: [scada, sis], conduits: [scada-sis]}}\n"


def write_project(
    folder: Path, policy_sha: str | None = "auto", certification: bool = True
) -> Path:
    """The project file and its evidence files under ``folder``; returns the project file."""
    evidence = folder / "evidence"
    evidence.mkdir(parents=True)
    (evidence / "policy.pdf").write_bytes(POLICY)
    (evidence / "old test (v1).txt").write_text("old test record\n", encoding="utf-8")
    (evidence / "dmz.txt").write_text("deny any any\n", encoding="utf-8")
    outside = folder / "elsewhere"
    outside.mkdir()
    (outside / "config export.txt").write_text("hostname sis-gw\n", encoding="utf-8")
    if policy_sha == "auto":
        policy_sha = hashlib.sha256(POLICY).hexdigest()
    text = PROJECT.format(
        policy_sha=f', sha256: "{policy_sha}"' if policy_sha else "",
        config_uri=(outside / "config export.txt").as_uri(),
        certification=CERTIFICATION if certification else "",
    )
    path = folder / "project.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def plan_of(path: Path, scope: list[str] | None = None, **options: int) -> BundlePlan:
    catalog = default_catalog()
    project: Project = load_project(path, catalog).project
    return plan_bundle(project, catalog, AS_OF, scope, FileResolver(path), **options)


def members(zip_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(zip_path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_bundle_of_the_certification_scope_holds_index_manifest_sums_and_files(
    tmp_path: Path,
) -> None:
    plan = plan_of(write_project(tmp_path))
    assert plan.scope == ("scada", "sis", "scada-sis")  # dmz is not in the certification scope
    states = {i.id: i.state for i in plan.items}
    assert states == {
        "ev-policy": EvidenceState.BUNDLED,
        "ev-wiki": EvidenceState.EXTERNAL,
        "ev-interview": EvidenceState.NO_FILE,
        "ev-old": EvidenceState.BUNDLED,
        "ev-config": EvidenceState.BUNDLED,
    }
    assert not plan.problems
    assert plan.item("ev-old") is not None and plan.item("ev-old").expired  # type: ignore[union-attr]
    output = tmp_path / "out" / "evidence.zip"
    output.parent.mkdir()
    digest = write_bundle(plan, output)
    assert digest == hashlib.sha256(output.read_bytes()).hexdigest()
    content = members(output)
    assert sorted(content) == [
        "README.txt",
        "SHA256SUMS",
        "evidence/ev-config/config_export.txt",
        "evidence/ev-old/old_test_v1_.txt",
        "evidence/ev-policy/policy.pdf",
        "index.csv",
        "index.html",
        "manifest.json",
    ]
    assert content["evidence/ev-policy/policy.pdf"] == POLICY
    manifest = json.loads(content["manifest.json"])
    assert manifest["project"]["id"] == "bundle-plant" and manifest["as_of"] == "2026-11-26"
    assert [s["id"] for s in manifest["scope"]] == ["scada", "sis", "scada-sis"]
    assert manifest["evidence"]["ev-policy"]["path"] == "evidence/ev-policy/policy.pdf"
    assert manifest["evidence"]["ev-wiki"]["state"] == "external"
    for entry in manifest["files"]:
        assert hashlib.sha256(content[entry["path"]]).hexdigest() == entry["sha256"]
        assert len(content[entry["path"]]) == entry["size"]
    sums = content["SHA256SUMS"].decode()
    assert f"{hashlib.sha256(content['manifest.json']).hexdigest()}  manifest.json\n" in sums
    assert len(sums.splitlines()) == len(manifest["files"]) + 1
    result = verify_bundle(output)
    assert result.ok and result.checked == len(manifest["files"]) + 1
    assert result.sha256 == digest
    assert sorted(p.name for p in output.parent.iterdir()) == ["evidence.zip"]  # no temp left


def test_index_links_every_requirement_to_its_evidence_and_escapes_text(tmp_path: Path) -> None:
    plan = plan_of(write_project(tmp_path))
    write_bundle(plan, tmp_path / "b.zip")
    content = members(tmp_path / "b.zip")
    html = content["index.html"].decode()
    assert "<script" not in html.lower()
    assert "Bundle &lt;Plant&gt; &amp; Co" in html and "Bundle <Plant>" not in html
    assert '<a href="evidence/ev-policy/policy.pdf">ev-policy</a> Policy &lt;v1&gt;' in html
    assert 'href="https://wiki.example.org/ot?page=1"' in html
    assert "expired 2026-01-01" in html and "no file" in html
    assert 'id="t-scada-sis"' in html and 'id="t-dmz"' not in html
    rows = content["index.csv"].decode().splitlines()
    assert rows[0].startswith("target,target_type,requirement,title,sl_target,status,result")
    assert (
        "scada,zone,SR 1.1,Human user identification and authentication,1,implemented,"
        "satisfied,ev-policy,Policy <v1>,evidence/ev-policy/policy.pdf,bundled,false"
    ) in rows
    assert any(r.startswith("scada,zone,SR 1.3,") and ",gap,ev-interview," in r for r in rows)
    in_scope = {(row.target, row.requirement) for row in plan.rows}
    assert ("scada-sis", "SR 5.1") in in_scope and ("scada", "SR 1.1") in in_scope
    assert all(row.target != "dmz" for row in plan.rows)


def test_scope_names_zones_and_conduits_and_unknown_ids_are_refused(tmp_path: Path) -> None:
    path = write_project(tmp_path)
    plan = plan_of(path, ["dmz"])
    assert plan.scope == ("dmz",) and {r.target for r in plan.rows} == {"dmz"}
    assert [i.id for i in plan.items] == ["ev-dmz"]
    with pytest.raises(UnknownTargets, match="unknown zone or conduit: nope, plc"):
        plan_of(path, ["scada", "plc", "nope"])


def test_without_certification_every_zone_and_conduit_is_in_scope(tmp_path: Path) -> None:
    plan = plan_of(write_project(tmp_path, certification=False))
    assert plan.scope == ("scada", "sis", "dmz", "scada-sis")


def test_missing_and_mismatching_files_are_problems_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    path = write_project(tmp_path, policy_sha="0" * 64)
    (tmp_path / "evidence" / "old test (v1).txt").unlink()
    plan = plan_of(path)
    problems = {i.id: (i.state, i.detail) for i in plan.problems}
    assert problems["ev-old"] == (EvidenceState.MISSING, "file not found")
    state, detail = problems["ev-policy"]
    assert state is EvidenceState.MISMATCH and hashlib.sha256(POLICY).hexdigest() in detail
    output = tmp_path / "b.zip"
    with pytest.raises(ValueError, match="2 evidence files"):
        write_bundle(plan, output)
    assert not output.exists()
    write_bundle(plan, output, allow_missing=True)
    content = members(output)
    assert "evidence/ev-policy/policy.pdf" not in content
    assert "evidence/ev-old/old_test_v1_.txt" not in content
    html = content["index.html"].decode()
    assert "missing" in html and "sha256 mismatch" in html
    assert verify_bundle(output).ok


def test_a_file_that_changes_after_planning_leaves_nothing_behind(tmp_path: Path) -> None:
    path = write_project(tmp_path)
    plan = plan_of(path)
    (tmp_path / "evidence" / "dmz.txt").write_text("changed\n")  # not in scope: no effect
    (tmp_path / "evidence" / "policy.pdf").write_bytes(POLICY + b"tampered")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(BundleWriteError, match=r"ev-policy .* changed while the bundle"):
        write_bundle(plan, out / "b.zip")
    assert list(out.iterdir()) == []


def test_same_input_and_date_give_byte_identical_zips(tmp_path: Path) -> None:
    path = write_project(tmp_path)
    write_bundle(plan_of(path), tmp_path / "one.zip")
    write_bundle(plan_of(path), tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 11, 26, 0, 0, 0)}
        assert archive.namelist() == sorted(archive.namelist())


def test_the_size_limit_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BundleTooLarge, match="limit of 40 bytes at evidence ev-"):
        plan_of(write_project(tmp_path), max_total=40)
    assert parse_size("2G") == 2 << 30 and parse_size("500MiB") == 500 << 20
    with pytest.raises(ValueError):
        parse_size("lots")


@pytest.mark.parametrize(
    ("evidence_id", "uri", "member"),
    [
        ("ev-a", "../../etc/passwd", "evidence/ev-a/passwd"),
        ("ev-a", "file:///tmp/a%20b.pdf", "evidence/ev-a/a_b.pdf"),
        ("ev-a", "C:\\Evidence\\..\\scan.png", "evidence/ev-a/scan.png"),
        ("ev-a", "evidence/..", "evidence/ev-a/file"),
        ("ev-a", ".hidden", "evidence/ev-a/hidden"),
    ],
)
def test_member_names_never_leave_the_evidence_folder(
    evidence_id: str, uri: str, member: str
) -> None:
    assert member_path(evidence_id, uri) == member
    assert safe_member(member)


def test_uri_kinds() -> None:
    assert uri_kind("evidence/a.pdf") == "relative"
    assert uri_kind("/srv/a.pdf") == "absolute" and uri_kind("C:\\a.pdf") == "absolute"
    assert uri_kind("file:///srv/a.pdf") == "file"
    assert uri_kind("https://x.org/a") == "external" and uri_kind("smb://h/a") == "external"


# -- verification of damaged and hostile zips -----------------------------------------------


def rewrite(source: Path, target: Path, change: dict[str, bytes | None]) -> None:
    """Copy a zip, replacing (or with None, dropping) the named members; adds new names."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename in change:
                data = change.pop(info.filename)
                if data is not None:
                    new.writestr(info, data)
            else:
                new.writestr(info, old.read(info))
        for name, data in change.items():
            if data is not None:
                new.writestr(name, data)


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    path = tmp_path / "bundle.zip"
    write_bundle(plan_of(write_project(tmp_path / "project")), path)
    return path


def test_a_changed_member_is_a_mismatch(bundle: Path, tmp_path: Path) -> None:
    changed = tmp_path / "changed.zip"
    rewrite(bundle, changed, {"evidence/ev-policy/policy.pdf": POLICY + b"x"})
    result = verify_bundle(changed)
    assert not result.ok
    assert [(p.member, p.problem) for p in result.problems] == [
        ("evidence/ev-policy/policy.pdf", "mismatch")
    ]


def test_missing_and_extra_members_and_a_changed_sums_file_are_reported(
    bundle: Path, tmp_path: Path
) -> None:
    changed = tmp_path / "changed.zip"
    sums = members(bundle)["SHA256SUMS"].replace(b"  index.csv", b"  other.csv")
    rewrite(
        bundle,
        changed,
        {"index.csv": None, "SHA256SUMS": sums, "evidence/ev-extra/x.txt": b"extra"},
    )
    found = {(p.member, p.problem) for p in verify_bundle(changed).problems}
    assert found == {
        ("index.csv", "missing"),
        ("evidence/ev-extra/x.txt", "extra"),
        ("index.csv", "sums"),
        ("other.csv", "sums"),
    }


def hostile(tmp_path: Path, name: str, data: bytes = b"x") -> Path:
    path = tmp_path / "hostile.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", b"{}")
        archive.writestr(zipfile.ZipInfo(name), data)
    return path


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../x", "unsafe name"),
        ("/etc/cron.d/x", "unsafe name"),
        ("evidence/../../x", "unsafe name"),
        ("C:/x", "unsafe name"),
    ],
)
def test_unsafe_member_names_are_refused(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(NotABundle, match=message):
        verify_bundle(hostile(tmp_path, name))


def test_declared_sizes_bombs_links_duplicates_and_counts_are_refused(
    bundle: Path, tmp_path: Path
) -> None:
    with pytest.raises(NotABundle, match=r"refused: .* declares? .* uncompressed"):
        verify_bundle(bundle, VerifyLimits(max_total=1000))
    with pytest.raises(NotABundle, match="entries"):
        verify_bundle(bundle, VerifyLimits(max_entries=3))
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", b"\0" * (4 << 20))
    with pytest.raises(NotABundle, match="zip bomb"):
        verify_bundle(bomb, VerifyLimits(max_ratio=100))
    link = tmp_path / "link.zip"
    with zipfile.ZipFile(link, "w") as archive:
        info = zipfile.ZipInfo("evidence/a")
        info.create_system = 3
        info.external_attr = 0o120777 << 16
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(NotABundle, match="symbolic link"):
        verify_bundle(link)
    twice = tmp_path / "twice.zip"
    with pytest.warns(UserWarning), zipfile.ZipFile(twice, "w") as archive:
        archive.writestr("manifest.json", "{}")
        archive.writestr("manifest.json", "{}")
    with pytest.raises(NotABundle, match="appears twice"):
        verify_bundle(twice)


def test_a_huge_declared_size_is_refused_before_reading(bundle: Path, tmp_path: Path) -> None:
    data = bytearray(bundle.read_bytes())
    central = data.find(b"PK\x01\x02")  # first central directory entry: README.txt
    data[central + 24 : central + 28] = (0xFFFFFFF0).to_bytes(4, "little")
    huge = tmp_path / "huge.zip"
    huge.write_bytes(bytes(data))
    with pytest.raises(NotABundle, match=re.escape("README.txt")):
        verify_bundle(huge, VerifyLimits(max_total=1 << 30))


def test_files_that_are_not_bundles(tmp_path: Path) -> None:
    text = tmp_path / "notes.zip"
    text.write_text("not a zip")
    with pytest.raises(NotABundle, match="not a zip file"):
        verify_bundle(text)
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("a.txt", "a")
    with pytest.raises(NotABundle, match=re.escape("no manifest.json")):
        verify_bundle(empty)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("manifest.json", json.dumps({"format": "other"}))
    with pytest.raises(NotABundle, match="not a zonewarden-bundle/v1 manifest"):
        verify_bundle(other)
    with pytest.raises(NotABundle, match="not a file"):
        verify_bundle(tmp_path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        manifest = {"format": "zonewarden-bundle/v1", "files": [{"path": "../x", "size": 1}]}
        archive.writestr("manifest.json", json.dumps(manifest))
    (tmp_path / "evil.zip").write_bytes(buffer.getvalue())
    with pytest.raises(NotABundle, match=re.escape("unsafe or reserved path '../x'")):
        verify_bundle(tmp_path / "evil.zip")
