"""Lossless, canonical conversion between YAML and JSON (spec sections 4 and 5, ``convert``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from zonewarden.catalog import default_catalog
from zonewarden.domain.projects import Project
from zonewarden.project.dump import dumps
from zonewarden.project.load import load_project, load_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SMALL_YAML = FIXTURES / "small.yaml"
SMALL_JSON = FIXTURES / "small.json"


def zonewarden(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZONEWARDEN_")}
    env.update(COLUMNS="120", PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "zonewarden", *map(str, args)], capture_output=True, text=True,
        encoding="utf-8", env=env, timeout=60, check=False,
    )


def load(path: Path) -> Project:
    return load_project(path).project


def reload(project: Project, kind: str) -> Project:
    return load_text(dumps(project, default_catalog(), kind), f"dump.{kind}", kind)


# --- through the Python API ----------------------------------------------------------------


def test_yaml_and_json_fixtures_are_twins() -> None:
    assert load(SMALL_YAML) == load(SMALL_JSON)


@pytest.mark.parametrize("kind", ["yaml", "json"])
@pytest.mark.parametrize("source", [SMALL_YAML, SMALL_JSON], ids=["from-yaml", "from-json"])
def test_load_dump_load_gives_an_equal_project(source: Path, kind: str) -> None:
    project = load(source)
    assert reload(project, kind) == project


def test_yaml_to_json_to_yaml_gives_the_same_text_and_project() -> None:
    catalog = default_catalog()
    project = load(SMALL_YAML)
    first_yaml = dumps(project, catalog, "yaml")
    via_json = load_text(dumps(project, catalog, "json"), "via.json", "json")
    assert via_json == project
    assert dumps(via_json, catalog, "yaml") == first_yaml


@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_dumping_is_deterministic_and_idempotent(kind: str) -> None:
    catalog = default_catalog()
    project = load(SMALL_YAML)
    once = dumps(project, catalog, kind)
    assert dumps(project, catalog, kind) == once
    assert dumps(reload(project, kind), catalog, kind) == once


def test_dump_is_plain_data_in_the_other_parser() -> None:
    """The YAML dump parses as plain data with the stock safe loader, equal to the JSON dump."""
    catalog = default_catalog()
    project = load(SMALL_YAML)
    as_yaml = yaml.safe_load(dumps(project, catalog, "yaml"))
    as_json = json.loads(dumps(project, catalog, "json"))
    assert json.loads(json.dumps(as_yaml, default=str)) == as_json


TRICKY = """\
format: zonewarden/v1
project:
  id: tricky
  name: "2026-01-01"
  organization: "yes"
  description: "line one\\nline two\\n  indented: yes # not a comment\\n"
  suc:
    access_points: ["null", "~", "1.0", "0x10", "- dash", "#hash", "a: b", "  lead", "trail  ",
                    "Zürich ☃", "on", "'q'", '"dq"', "@at", "*star", "&amp", "[x]", "{y}", "|p",
                    ">g", "? q"]
zones:
  - {id: a, name: "3.5", purdue_level: 3.5, sl_target: 1, networks: ["10.0.0.0/8", "fd00::/8"]}
  - {id: b, name: "true", purdue_level: 0, sl_target: 0, safety: true}
conduits:
  - {id: ab, name: "null", zones: [a, b], sl_target: 0}
assessments:
  a:
    "SR 1.1": {status: implemented, notes: "#1: see 'x' & \\"y\\"", assessed_on: 2026-01-31}
rules:
  severity: {by_sl_target: [medium, high, critical, critical], raise_for_safety: 0}
  priority: {fr_weights: [1, 1, 1, 1, 1, 1, 1], safety_weight: 0}
"""


@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_strings_that_look_like_other_types_survive(kind: str) -> None:
    """Quoting-sensitive text survives; control characters are refused at load (see
    test_bad_input), so they are not part of this round trip."""
    project = load_text(TRICKY, "tricky.yaml", "yaml")
    assert project.name == "2026-01-01"
    assert project.zones[1].name == "true"
    again = reload(project, kind)
    assert again == project
    assert dumps(again, default_catalog(), kind) == dumps(project, default_catalog(), kind)


# --- canonical output ----------------------------------------------------------------------

SPELLINGS = """\
format: zonewarden/v1
project: {id: spell, name: Spellings}
zones:
  - {id: a, name: A, sl_target: 2}
  - {id: b, name: B, sl_target: {FR1: 2, FR5: 1, "FR 3": 3}}
  - {id: c, name: C, sl_target: [1, 2, 3, 4, 0, 1, 2]}
conduits:
  - {id: ab, zones: [a, b], sl_target: {FR7: 4}}
assessments:
  a:
    "sr2.8": {status: implemented}
    "sr1.1(1)": {status: implemented}
    "SR 1.1 RE(2)": {status: partial}
    "sr 1.1 re3": {status: not_implemented}
    "SR1.1": {status: implemented}
"""


@pytest.fixture(scope="module")
def canonical_docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    source = tmp_path_factory.mktemp("spell") / "spellings.yaml"
    source.write_text(SPELLINGS, encoding="utf-8")
    docs = {}
    for kind in ("yaml", "json"):
        done = zonewarden("convert", source, "--to", kind)
        assert done.returncode == 0, done.stderr
        docs[kind] = yaml.safe_load(done.stdout) if kind == "yaml" else json.loads(done.stdout)
    return docs


@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_requirement_ids_come_out_canonical_in_catalog_order(
    canonical_docs: dict[str, Any], kind: str
) -> None:
    entries = canonical_docs[kind]["assessments"]["a"]
    assert list(entries) == ["SR 1.1", "SR 1.1 RE 1", "SR 1.1 RE 2", "SR 1.1 RE 3", "SR 2.8"]
    assert entries["SR 1.1 RE 1"] == {"status": "implemented"}
    assert entries["SR 1.1 RE 2"] == {"status": "partial"}


@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_sl_vectors_come_out_as_lists(
    canonical_docs: dict[str, Any], kind: str
) -> None:
    doc = canonical_docs[kind]
    assert [z["sl_target"] for z in doc["zones"]] == [
        [2, 2, 2, 2, 2, 2, 2],
        [2, 0, 3, 0, 1, 0, 0],
        [1, 2, 3, 4, 0, 1, 2],
    ]
    assert doc["conduits"][0]["sl_target"] == [0, 0, 0, 0, 0, 0, 4]


def test_yaml_output_writes_sl_vectors_on_one_line(tmp_path: Path) -> None:
    project = load_text(SPELLINGS, "s.yaml", "yaml")
    text = dumps(project, default_catalog(), "yaml")
    assert "sl_target: [2, 0, 3, 0, 1, 0, 0]" in text


# --- through the command line --------------------------------------------------------------


def test_convert_round_trip_is_byte_identical_on_the_second_round(tmp_path: Path) -> None:
    outputs = [tmp_path / "1.json", tmp_path / "2.yaml", tmp_path / "3.json", tmp_path / "4.yaml"]
    source = SMALL_YAML
    for out in outputs:
        done = zonewarden("convert", source, "--to", out.suffix[1:], "-o", out)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stdout + done.stderr
        source = out
    first_json, first_yaml, second_json, second_yaml = (p.read_bytes() for p in outputs)
    assert second_json == first_json
    assert second_yaml == first_yaml
    assert load(outputs[3]) == load(SMALL_YAML)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1.json", "2.yaml", "3.json", "4.yaml"]


def test_convert_to_stdout_matches_the_written_file(tmp_path: Path) -> None:
    out = tmp_path / "small.json"
    written = zonewarden("convert", SMALL_YAML, "--to", "json", "-o", out)
    printed = zonewarden("convert", SMALL_YAML, "--to", "json")
    assert written.returncode == printed.returncode == 0
    assert printed.stdout == out.read_text(encoding="utf-8")
    assert printed.stderr == ""
    assert printed.stdout == dumps(load(SMALL_YAML), default_catalog(), "json")


BAD = "format: zonewarden/v1\nproject: {id: bad, name: Bad}\nzones:\n  - {id: z, sl_target: 5}\n"


def test_convert_with_bad_input_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "bad.yaml"
    source.write_text(BAD, encoding="utf-8")
    out = tmp_path / "out.json"
    done = zonewarden("convert", source, "--to", "json", "-o", out)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "zones[0]" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]  # no temporary left


def test_convert_with_bad_input_leaves_the_previous_output_untouched(tmp_path: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(yaml.safe_load(BAD)), encoding="utf-8")
    out = tmp_path / "out.yaml"
    out.write_bytes(b"previous content\n")
    done = zonewarden("convert", source, "--to", "yaml", "-o", out)
    assert done.returncode == 2
    assert out.read_bytes() == b"previous content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "out.yaml"]


def test_convert_to_an_unwritable_place_is_bad_input(tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "out.json"
    done = zonewarden("convert", SMALL_YAML, "--to", "json", "-o", out)
    assert done.returncode == 2
    assert str(out) in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.parent.exists()


def test_convert_to_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "out.xml"
    done = zonewarden("convert", SMALL_YAML, "--to", "xml", "-o", out)
    assert done.returncode == 2
    assert "yaml or json" in done.stderr
    assert not out.exists()
