"""Bad input in project files (spec section 4): one clear, located message, exit 2, no traceback.

Every case is a small edit of ``BASE`` (a valid project) and is run through the real command
line (``python -m zonewarden validate FILE``) as YAML and, where meaningful, as JSON, and through
the Python API (``load_project``). The subprocesses run concurrently once per module to keep the
suite fast; each case is still its own test.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from zonewarden.project.errors import ProjectError, format_path
from zonewarden.project.load import load_project

# A valid project; line numbers below refer to this text (line 1 is "format: ...").
BASE = """\
format: zonewarden/v1
project:
  id: bad-case
  name: Bad case
zones:
  - id: control
    name: Control
    sl_target: 1
  - id: safety
    name: Safety
    safety: true
    sl_target: [1, 1, 1, 1, 1, 1, 1]
assets:
  - {id: plc-01, name: PLC, zone: control, type: plc}
conduits:
  - id: control-safety
    zones: [control, safety]
    sl_target: 1
assessments:
  control:
    "SR 1.1": {status: implemented, evidence: [ev-1]}
evidence:
  - {id: ev-1, title: Policy, collected_on: 2026-10-20}
"""

DERIVE = "derive"  # build the JSON variant from the YAML variant's data


def edit(old: str, new: str) -> str:
    """BASE with ``old`` (which must occur exactly once) replaced by ``new``."""
    assert BASE.count(old) == 1, f"{old!r} must occur once in BASE"
    return BASE.replace(old, new)


class _PlainLoader(yaml.SafeLoader):
    """Safe loader that keeps dates as text, so invalid dates survive into the JSON variant."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def derive_json(text: str) -> str:
    return json.dumps(yaml.load(text, Loader=_PlainLoader), indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Case:
    """One bad input.

    ``yaml``/``json``: file content (text or bytes; None = no such variant; DERIVE = JSON built
    from the YAML data). ``path``: expected key path text ("" = the file as a whole).
    ``expect``: phrases saying what was expected. ``line``: exact line of the YAML variant
    (None = no position can be known). ``token``: text on the reported line of the JSON variant.
    """

    id: str
    yaml: str | bytes | None
    path: str
    expect: tuple[str, ...]
    line: int | None
    token: str | None = None
    json: str | bytes | None = DERIVE
    env: dict[str, str] = field(default_factory=dict)
    write: bool = True
    suffix: str | None = None  # replaces .yaml/.json (wrong extension)

    def variants(self) -> list[str]:
        return [kind for kind in ("yaml", "json") if getattr(self, kind) is not None]

    def content(self, kind: str) -> str | bytes:
        if kind == "json" and self.json == DERIVE:
            assert isinstance(self.yaml, str)
            return derive_json(self.yaml)
        value = getattr(self, kind)
        assert value is not None
        return value


BILLION_LAUGHS = edit("  name: Bad case\n", """\
  name: Bad case
  suc:
    access_points: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]
    essential_functions: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    description: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
""")

CASES = [
    # --- malformed text -------------------------------------------------------------------
    Case("malformed-yaml", edit("  name: Bad case\n", "  name: Bad case\n   extra: 1\n"),
         "", ("malformed YAML",), 5, json=None),
    Case("malformed-yaml-tab", edit("    name: Control\n", "\tname: Control\n"),
         "", ("malformed YAML",), 7, json=None),
    Case("malformed-json", None, "", ("malformed JSON",), None, token='"project"', json=(
        '{\n  "format": "zonewarden/v1",\n'
        '  "project": {"id": "bad-case", "name": "Bad case",},\n  "zones": []\n}\n')),
    Case("missing-comma-json", None, "", ("malformed JSON",), None, token='"name"', json=(
        '{\n  "format": "zonewarden/v1",\n  "project": {\n    "id": "bad-case"\n'
        '    "name": "Bad case"\n  }\n}\n')),
    # --- unknown keys ---------------------------------------------------------------------
    Case("unknown-key-top", edit("format: zonewarden/v1\n", "format: zonewarden/v1\nzonse: []\n"),
         "zonse", ("unknown key", "did you mean 'zones'"), 2, token="zonse"),
    Case("unknown-key-nested", edit("    safety: true\n", "    safety: true\n    sl_taget: 2\n"),
         "zones[1].sl_taget", ("unknown key", "did you mean 'sl_target'"), 12, token="sl_taget"),
    Case("unknown-key-assessment",
         edit("evidence: [ev-1]}", "evidence: [ev-1], notse: x}"),
         'assessments.control["SR 1.1"].notse', ("unknown key", "did you mean 'notes'"), 21,
         token="notse"),
    # --- wrong types ----------------------------------------------------------------------
    Case("string-for-int-sl",
         edit("    name: Control\n    sl_target: 1\n", '    name: Control\n    sl_target: "1"\n'),
         "zones[0].sl_target", ("expected an SL vector",), 8, token="sl_target"),
    Case("string-for-int-purdue",
         edit("    name: Control\n", '    name: Control\n    purdue_level: "2"\n'),
         "zones[0].purdue_level", ("expected", "3.5"), 8, token="purdue_level"),
    Case("int-for-string", edit("    name: Control\n", "    name: 7\n"),
         "zones[0].name", ("expected text",), 7, token='"name"'),
    Case("bool-as-string", edit("    safety: true\n", '    safety: "false"\n'),
         "zones[1].safety", ("expected true or false",), 11, token='"safety"'),
    Case("status-not-a-status", edit("{status: implemented, evidence", "{status: done, evidence"),
         'assessments.control["SR 1.1"].status', ("expected one of", "implemented"), 21,
         token='"status"'),
    Case("list-for-mapping",
         edit('  control:\n    "SR 1.1": {status: implemented, evidence: [ev-1]}\n',
              "  control: [1]\n"),
         "assessments.control", ("expected a mapping",), 20, token='"control"'),
    # --- security levels ------------------------------------------------------------------
    Case("sl-5", edit("sl_target: [1, 1, 1, 1, 1, 1, 1]", "sl_target: 5"),
         "zones[1].sl_target", ("0-4",), 12, token="sl_target"),
    Case("sl-minus-1", edit("sl_target: [1, 1, 1, 1, 1, 1, 1]", "sl_target: -1"),
         "zones[1].sl_target", ("0-4",), 12, token="sl_target"),
    Case("sl-6-items", edit("sl_target: [1, 1, 1, 1, 1, 1, 1]", "sl_target: [1, 1, 1, 1, 1, 1]"),
         "zones[1].sl_target", ("7",), 12, token="sl_target"),
    Case("sl-5-in-list", edit("sl_target: [1, 1, 1, 1, 1, 1, 1]",
                              "sl_target: [1, 1, 1, 1, 5, 1, 1]"),
         "zones[1].sl_target", ("FR 5", "0-4"), 12, token="sl_target"),
    Case("sl-5-in-mapping", edit("sl_target: [1, 1, 1, 1, 1, 1, 1]", "sl_target: {FR1: 5}"),
         "zones[1].sl_target", ("0-4",), 12, token="sl_target"),
    Case("sl-conduit-5", edit("    zones: [control, safety]\n    sl_target: 1\n",
                              "    zones: [control, safety]\n    sl_target: 5\n"),
         "conduits[0].sl_target", ("0-4",), 18, token="sl_target"),
    # --- duplicate ids and keys -----------------------------------------------------------
    Case("duplicate-zone-id",
         edit("    sl_target: [1, 1, 1, 1, 1, 1, 1]\n",
              "    sl_target: [1, 1, 1, 1, 1, 1, 1]\n  - id: control\n    name: Again\n"
              "    sl_target: 1\n"),
         "zones[2].id", ("duplicate", "'control'"), 13, token='"control"'),
    Case("zone-id-equals-conduit-id", edit("  - id: control-safety\n", "  - id: safety\n"),
         "conduits[0].id", ("duplicate", "'safety'"), 16, token='"safety"'),
    Case("duplicate-asset-id",
         edit("type: plc}\n", "type: plc}\n  - {id: plc-01, name: PLC 2, zone: control}\n"),
         "assets[1].id", ("duplicate", "'plc-01'"), 15, token='"plc-01"'),
    Case("duplicate-evidence-id", BASE + "  - {id: ev-1, title: Other}\n",
         "evidence[1].id", ("duplicate", "'ev-1'"), 24, token='"ev-1"'),
    Case("duplicate-key-yaml", edit("    name: Control\n", "    name: Control\n    name: Again\n"),
         "zones[0].name", ("duplicate key 'name'",), 8, json=None),
    Case("collection-as-key", edit("zones:\n", "[a, b]: 1\nzones:\n"),
         "", ("key",), 5, json=None),
    Case("duplicate-key-json", None, "project.name", ("duplicate key 'name'",), None,
         token='"Again"', json=(
             '{\n  "format": "zonewarden/v1",\n  "project": {\n    "id": "bad-case",\n'
             '    "name": "Bad case",\n    "name": "Again"\n  }\n}\n')),
    # --- references -----------------------------------------------------------------------
    Case("asset-unknown-zone", edit("zone: control, type: plc", "zone: contrl, type: plc"),
         "assets[0].zone", ("unknown zone 'contrl'", "did you mean 'control'"), 14,
         token='"zone"'),
    Case("conduit-one-zone", edit("zones: [control, safety]", "zones: [control]"),
         "conduits[0].zones", ("two different zones",), 17, token='"zones"'),
    Case("conduit-same-zone-twice", edit("zones: [control, safety]", "zones: [control, control]"),
         "conduits[0].zones", ("two different zones",), 17, token='"zones"'),
    Case("conduit-unknown-zone", edit("zones: [control, safety]", "zones: [control, nowhere]"),
         "conduits[0].zones[1]", ("unknown zone 'nowhere'",), 17, token='"nowhere"'),
    Case("assessments-unknown-zone", edit("  control:\n", "  contrl:\n"),
         "assessments.contrl", ("unknown zone or conduit", "did you mean 'control'"), 20,
         token='"contrl"'),
    Case("unknown-requirement", edit('"SR 1.1"', '"SR 9.9"'),
         'assessments.control["SR 9.9"]', ("unknown requirement 'SR 9.9'", "62443-3-3"), 21,
         token='"SR 9.9"'),
    Case("not-a-requirement-id", edit('"SR 1.1"', '"Firewall"'),
         'assessments.control.Firewall', ("not a requirement id", "SR 1.1"), 21,
         token='"Firewall"'),
    Case("component-requirement-on-zone", edit('"SR 1.1"', '"CR 1.1"'),
         'assessments.control["CR 1.1"]', ("4-2", "62443-3-3"), 21, token='"CR 1.1"'),
    Case("same-requirement-two-spellings",
         edit("evidence: [ev-1]}\n", 'evidence: [ev-1]}\n    "sr1.1": {status: partial}\n'),
         'assessments.control["sr1.1"]', ("already assessed", "SR 1.1"), 22, token='"sr1.1"'),
    Case("unknown-evidence", edit("evidence: [ev-1]}", "evidence: [ev-2]}"),
         'assessments.control["SR 1.1"].evidence[0]', ("unknown evidence 'ev-2'",), 21,
         token='"ev-2"'),
    # --- assessment rules and dates -------------------------------------------------------
    Case("not-applicable-without-justification",
         edit("{status: implemented, evidence: [ev-1]}", "{status: not_applicable}"),
         'assessments.control["SR 1.1"]', ("justification",), 21, token='"SR 1.1"'),
    Case("not-applicable-blank-justification",
         edit("{status: implemented, evidence: [ev-1]}",
              '{status: not_applicable, justification: "  "}'),
         'assessments.control["SR 1.1"]', ("justification",), 21, token='"SR 1.1"'),
    Case("invalid-date-month", edit("2026-10-20", "2026-13-01"),
         "evidence[0].collected_on", ("YYYY-MM-DD",), 23, token='"collected_on"'),
    Case("invalid-date-day",
         edit("{status: implemented, evidence: [ev-1]}",
              "{status: implemented, assessed_on: 2026-02-30}"),
         'assessments.control["SR 1.1"].assessed_on', ("YYYY-MM-DD",), 21,
         token='"assessed_on"'),
    # --- the file as a whole --------------------------------------------------------------
    Case("missing-format", edit("format: zonewarden/v1\n", ""),
         "", ("format: zonewarden/v1",), 1, token=None),
    Case("wrong-format-version", edit("format: zonewarden/v1\n", "format: zonewarden/v2\n"),
         "format", ("zonewarden/v1", "zonewarden/v2"), 1, token='"format"'),
    Case("top-level-list", "- format: zonewarden/v1\n- zones: []\n", "", ("mapping",), 1,
         token="["),
    Case("empty-file", "", "", ("empty", "format: zonewarden/v1"), 1, json=None),
    Case("file-not-found", BASE, "", ("not found",), None, write=False),
    Case("wrong-extension", BASE, "", (".yaml", ".json"), None, json=None, suffix=".txt"),
    Case("anchors-and-aliases", BILLION_LAUGHS, "", ("anchors and aliases",), 6, json=None),
    Case("larger-than-limit", BASE, "", ("larger than the limit", "ZONEWARDEN_MAX_PROJECT_BYTES"),
         None, env={"ZONEWARDEN_MAX_PROJECT_BYTES": "200"}),
    Case("not-utf8", edit("Bad case", "Bad caf\udce9").encode("utf-8", "surrogateescape"),
         "", ("UTF-8",), None,
         json=derive_json(BASE).replace("Bad case", "Bad caf\udce9")
         .encode("utf-8", "surrogateescape")),
    Case("hostile-100kb-name", edit("  name: Bad case\n", f"  name: {'A' * 100_000}\n"),
         "project.name", ("too long",), 4, token='"name"'),
    Case("hostile-100kb-zone-name", edit("    name: Control\n", f"    name: {'Z' * 100_000}\n"),
         "zones[0].name", ("too long",), 7, token='"name"'),
]

# --- the risk section (IEC 62443-3-2; lines 24.. follow BASE) -------------------------------
RISK_BASE = BASE + """\
risk:
  tolerable: medium
  zones:
    control: {initial: {consequence: {production: major}}}
  scenarios:
    - id: ts-1
      title: Malware
      source: Criminals
      actor: simple
      targets: [control, control-safety]
      frs: [FR1, FR3]
      likelihood: likely
      consequence: {production: major}
"""
MATRIX = """\
  matrix:
    likelihood: [{id: low}, {id: high}]
    consequence: [{id: small}, {id: big}]
    levels: [{id: ok}, {id: bad}]
    cells: [[ok, ok], [ok, bad]]
"""


def risk_edit(old: str, new: str) -> str:
    """RISK_BASE with ``old`` (which must occur exactly once) replaced by ``new``."""
    assert RISK_BASE.count(old) == 1, f"{old!r} must occur once in RISK_BASE"
    return RISK_BASE.replace(old, new)


def matrix_edit(old: str, new: str) -> str:
    """Only the matrix section under risk (a custom 2 x 2 matrix) with one change."""
    assert MATRIX.count(old) == 1, f"{old!r} must occur once in MATRIX"
    return BASE + "risk:\n  tolerable: ok\n" + MATRIX.replace(old, new)


CASES += [
    Case("risk-unknown-impact-category",
         risk_edit("{consequence: {production: major}}}", "{consequence: {safety: major}}}"),
         "risk.zones.control.initial.consequence.safety",
         ("unknown impact category 'safety'", "health_safety"), 27, token='"safety"'),
    Case("risk-likelihood-outside-matrix", risk_edit("likelihood: likely", "likelihood: frequent"),
         "risk.scenarios[0].likelihood", ("unknown likelihood 'frequent'", "almost_certain"), 35,
         token='"frequent"'),
    Case("risk-scenario-unknown-zone",
         risk_edit("targets: [control, control-safety]", "targets: [control, contrl-safety]"),
         "risk.scenarios[0].targets[1]",
         ("unknown zone or conduit 'contrl-safety'", "did you mean 'control-safety'"), 33,
         token='"contrl-safety"'),
    Case("risk-matrix-too-few-rows",
         matrix_edit("cells: [[ok, ok], [ok, bad]]", "cells: [[ok, ok]]"),
         "risk.matrix.cells", ("2 likelihood levels", "2 rows", "got 1"), 30, token='"cells"'),
    Case("risk-matrix-short-row",
         matrix_edit("cells: [[ok, ok], [ok, bad]]", "cells: [[ok, ok], [bad]]"),
         "risk.matrix.cells[1]", ("2 consequence levels", "got 1"), 30, token="["),
    Case("risk-matrix-unknown-level",
         matrix_edit("cells: [[ok, ok], [ok, bad]]", "cells: [[ok, ok], [ok, worse]]"),
         "risk.matrix.cells[1][1]", ("unknown risk level 'worse'",), 30, token='"worse"'),
    Case("risk-matrix-risk-falls",
         matrix_edit("cells: [[ok, ok], [ok, bad]]", "cells: [[ok, bad], [ok, ok]]"),
         "risk.matrix.cells[1][1]", ("must not fall",), 30, token='"ok"'),
    Case("risk-tolerable-not-a-level", risk_edit("tolerable: medium", "tolerable: acceptable"),
         "risk.tolerable", ("unknown risk level 'acceptable'", "critical"), 25,
         token='"acceptable"'),
    Case("risk-tolerable-missing", risk_edit("  tolerable: medium\n", ""),
         "risk.tolerable", ("missing required key 'tolerable'",), 24, token='"risk"'),
    Case("risk-unknown-consequence-level",
         risk_edit("consequence: {production: major}\n", "consequence: {production: huge}\n"),
         "risk.scenarios[0].consequence.production", ("unknown consequence level 'huge'",), 36,
         token='"huge"'),
    Case("risk-unknown-fr", risk_edit("frs: [FR1, FR3]", "frs: [FR1, FR9]"),
         "risk.scenarios[0].frs", ("unknown FR 'FR9'",), 34, token='"frs"'),
    Case("risk-unknown-actor", risk_edit("actor: simple", "actor: nation_state"),
         "risk.scenarios[0].actor", ("expected one of", "extended"), 32, token='"actor"'),
    Case("risk-zones-unknown-zone", risk_edit("    control: {initial", "    contrl: {initial"),
         "risk.zones.contrl", ("unknown zone or conduit 'contrl'", "did you mean 'control'"), 27,
         token='"contrl"'),
    Case("risk-duplicate-scenario-id",
         RISK_BASE + "    - {id: ts-1, title: Again, source: x, actor: casual, targets: [control], "
         "frs: [1], likelihood: rare, consequence: {production: minor}}\n",
         "risk.scenarios[1].id", ("duplicate scenario id 'ts-1'",), 37, token='"ts-1"'),
    Case("risk-consequence-sl-wrong-length",
         risk_edit("  tolerable: medium\n",
                   "  tolerable: medium\n  derivation: {consequence_sl: [1, 2]}\n"),
         "risk.derivation.consequence_sl", ("expected 5 levels",), 26, token='"consequence_sl"'),
    Case("risk-approval-bad-hash",
         RISK_BASE + "  approvals:\n    - {version: '1', approved_by: A, approved_on: 2026-11-02, "
         "sha256: abc}\n",
         "risk.approvals[0].sha256", ("SHA-256", "64 hexadecimal"), 38, token='"sha256"'),
]

# --- actions and acceptances (issue 6) -----------------------------------------------------
ACTIONS_BASE = BASE + """\
actions:
  - id: a1
    title: First
    addresses:
      - {zone: control, requirements: ["SR 1.3"]}
    effort: 2
  - id: a2
    title: Second
    addresses: [{zone: safety, requirements: ["SR 1.3"]}]
    depends_on: [a1]
"""


def actions_edit(old: str, new: str) -> str:
    assert ACTIONS_BASE.count(old) == 1, f"{old!r} must occur once in ACTIONS_BASE"
    return ACTIONS_BASE.replace(old, new)


ACTION_CASES = [
    Case("action-unknown-zone", actions_edit("{zone: control,", "{zone: contrl,"),
         "actions[0].addresses[0].zone", ("unknown zone or conduit 'contrl'",), 28,
         token='"contrl"'),
    Case("action-unknown-gap", actions_edit('requirements: ["SR 1.3"]}\n    effort',
                                            'requirements: ["SR 1.1 RE 1"]}\n    effort'),
         "actions[0].addresses[0].requirements[0]", ("unknown gap", "not in scope"), 28,
         token='"SR 1.1 RE 1"'),
    Case("action-unknown-dependency", actions_edit("depends_on: [a1]", "depends_on: [a3]"),
         "actions[1].depends_on[0]", ("unknown action 'a3'",), 33, token='"a3"'),
    Case("action-dependency-cycle",
         actions_edit("    effort: 2\n", "    effort: 2\n    depends_on: [a2]\n"),
         "actions[0].depends_on", ("dependency cycle", "a1 -> a2 -> a1"), 30,
         token='"depends_on"'),
    Case("action-negative-effort", actions_edit("effort: 2", "effort: -2"),
         "actions[0].effort", ("expected a number >= 0",), 29, token='"effort"'),
    Case("action-implemented-with-open-gate",
         actions_edit("    effort: 2\n", "    effort: 2\n    status: implemented\n"
                      "    changes:\n      - id: c1\n        lab_test: {result: passed}\n"
                      "        rollback: {documented: true}\n"
                      "        approval: {approved_by: X, approved_on: 2026-11-01}\n"
                      "        evidence: [ev-1]\n"),
         "actions[0].status", ("cannot be implemented", "rollback", "not verified"), 30,
         token='"status"'),
    Case("acceptance-unknown-zone",
         BASE + "acceptances:\n  - {zone: nowhere, requirements: [SR 1.2], approved_by: X,"
         " approved_on: 2026-01-01, rationale: R}\n",
         "acceptances[0].zone", ("unknown zone or conduit 'nowhere'",), 25, token='"nowhere"'),
]
CASES += ACTION_CASES



PARAMS = [pytest.param(case, kind, id=f"{case.id}-{kind}") for case in CASES
          for kind in case.variants()]


@dataclass(frozen=True)
class Outcome:
    file: Path
    text: str
    returncode: int
    stdout: str
    stderr: str


def cli_env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZONEWARDEN_")}
    env.update(COLUMNS="120", PYTHONIOENCODING="utf-8", **extra)
    return env


def _run(case: Case, kind: str, directory: Path) -> Outcome:
    directory.mkdir(parents=True)
    file = directory / f"project{case.suffix or '.' + kind}"
    content = case.content(kind)
    if case.write:
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, encoding="utf-8")
    text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
    done = subprocess.run(
        [sys.executable, "-m", "zonewarden", "validate", str(file)],
        capture_output=True, text=True, encoding="utf-8", errors="replace",
        env=cli_env(case.env), timeout=60, check=False,
    )
    return Outcome(file, text, done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Outcome]:
    root = tmp_path_factory.mktemp("bad-input")
    jobs = [(case, kind) for case in CASES for kind in case.variants()]
    with ThreadPoolExecutor(max_workers=max(2, (os.cpu_count() or 2) * 2)) as pool:
        futures = {(c.id, k): pool.submit(_run, c, k, root / f"{c.id}-{k}") for c, k in jobs}
        return {key: future.result() for key, future in futures.items()}


@pytest.mark.parametrize(("case", "kind"), PARAMS)
def test_bad_input_is_reported_with_its_place(
    case: Case, kind: str, outcomes: dict[tuple[str, str], Outcome]
) -> None:
    out = outcomes[(case.id, kind)]
    shown = f"exit {out.returncode}\nstdout: {out.stdout[:2000]!r}\nstderr: {out.stderr[:2000]!r}"
    assert "Traceback" not in out.stdout + out.stderr, shown
    assert "internal error" not in out.stderr, shown
    assert out.returncode == 2, shown
    assert out.stdout == "", shown
    message = out.stderr.strip()
    assert len(message.splitlines()) == 1, f"expected a single message\n{shown}"
    name = str(out.file)
    assert message.startswith(name + ":"), f"message must start with the file name\n{shown}"
    position = re.match(re.escape(name) + r":(\d+):(\d+): ", message)
    if kind == "yaml" and case.line is not None:
        assert position is not None, f"expected file:line:column\n{shown}"
        assert int(position[1]) == case.line, shown
    elif kind == "json" and case.token is not None:
        assert position is not None, f"expected file:line:column\n{shown}"
        line = out.text.splitlines()[int(position[1]) - 1]
        assert case.token in line, f"line {position[1]} is {line!r}\n{shown}"
    elif case.line is None:
        assert position is None, f"no position can be known here\n{shown}"
    if case.path:
        assert f": {case.path}: " in message, f"expected key path {case.path}\n{shown}"
    for phrase in case.expect:
        assert phrase in message, f"expected {phrase!r}\n{shown}"


@pytest.mark.parametrize(("case", "kind"), PARAMS)
def test_bad_input_raises_project_error_in_the_api(
    case: Case, kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in [k for k in os.environ if k.startswith("ZONEWARDEN_")]:
        monkeypatch.delenv(key)
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    file = tmp_path / f"project{case.suffix or '.' + kind}"
    if case.write:
        content = case.content(kind)
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, encoding="utf-8")
    with pytest.raises(ProjectError) as raised:
        load_project(file)
    problems = raised.value.problems
    assert problems, "a ProjectError carries at least one problem"
    matching = [p for p in problems if format_path(p.path) == case.path]
    assert matching, [str(p) for p in problems]
    problem = matching[0]
    assert problem.file == str(file)
    if kind == "yaml" and case.line is not None:
        assert problem.line == case.line, str(problem)
    for phrase in case.expect:
        assert phrase in str(problem), str(problem)


def test_alias_expansion_is_refused_quickly(tmp_path: Path) -> None:
    """A classic billion-laughs document must be refused before it is expanded."""
    levels = ["a: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        levels.append(f"a{i}: &a{i} [{refs}]")
    file = tmp_path / "laughs.yaml"
    file.write_text("format: zonewarden/v1\n" + "\n".join(levels) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "zonewarden", "validate", str(file)], capture_output=True,
        text=True, env=cli_env({}), timeout=30, check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "anchors and aliases" in done.stderr
    assert f"{file}:2:" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    text = edit("    name: Control\n", "    name: 7\n").replace(
        "sl_target: [1, 1, 1, 1, 1, 1, 1]", "sl_target: 9")
    file = tmp_path / "two.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(ProjectError) as raised:
        load_project(file)
    paths = {format_path(p.path) for p in raised.value.problems}
    assert {"zones[0].name", "zones[1].sl_target"} <= paths


def test_duplicate_id_message_names_the_first_use_as_a_key_path(tmp_path: Path) -> None:
    """The pointer to the first use should read like every other key path: zones[0].id."""
    file = tmp_path / "dup.yaml"
    file.write_text(edit("  - id: control-safety\n", "  - id: safety\n"), encoding="utf-8")
    with pytest.raises(ProjectError) as raised:
        load_project(file)
    assert "first used at zones[1].id" in str(raised.value), str(raised.value)


# --- hostile strings that are valid input must not crash or reach the terminal raw ---------

HOSTILE = {
    "ansi-escapes": ("Plant \x1b[31mred\x1b[0m", "Zone \x1b]0;pwned\x07 x"),
    "markup-brackets": ("Plant [north] [/old]", "Line [1/2] [bold]x"),
}
COMMANDS = {
    "status": ["status", "{file}", "--as-of", "2026-11-26"],
    "gaps": ["gaps", "{file}", "--as-of", "2026-11-26"],
    "explain": ["explain", "{file}", "z", "--as-of", "2026-11-26"],
}
HOSTILE_PARAMS = [pytest.param(h, c, id=f"{h}-{c}") for h in HOSTILE for c in COMMANDS]
_HOSTILE_RUNS: dict[tuple[str, str], subprocess.CompletedProcess[str]] = {}


def hostile_run(hostile: str, command: str, directory: Path) -> subprocess.CompletedProcess[str]:
    if (hostile, command) not in _HOSTILE_RUNS:
        project_name, zone_name = HOSTILE[hostile]
        file = directory / "hostile.json"
        file.write_text(json.dumps({
            "format": "zonewarden/v1",
            "project": {"id": "hostile", "name": project_name},
            "zones": [{"id": "z", "name": zone_name, "sl_target": 1}],
        }), encoding="utf-8")
        args = [part.format(file=file) for part in COMMANDS[command]]
        _HOSTILE_RUNS[(hostile, command)] = subprocess.run(
            [sys.executable, "-m", "zonewarden", *args], capture_output=True, text=True,
            encoding="utf-8", errors="replace", env=cli_env({}), timeout=60, check=False,
        )
    return _HOSTILE_RUNS[(hostile, command)]


def _shown(done: subprocess.CompletedProcess[str]) -> str:
    return f"exit {done.returncode}\nstdout: {done.stdout[:600]!r}\nstderr: {done.stderr!r}"


@pytest.mark.parametrize(("hostile", "command"), HOSTILE_PARAMS)
def test_hostile_names_are_rejected_or_handled_without_crash(
    hostile: str, command: str, tmp_path: Path
) -> None:
    done = hostile_run(hostile, command, tmp_path)
    assert "Traceback" not in done.stdout + done.stderr, _shown(done)
    assert "internal error" not in done.stderr, _shown(done)
    assert done.returncode in (0, 2), _shown(done)
    if done.returncode == 2:
        assert "hostile.json" in done.stderr, _shown(done)


@pytest.mark.parametrize(("hostile", "command"), HOSTILE_PARAMS)
def test_hostile_names_are_shown_as_plain_text(hostile: str, command: str, tmp_path: Path) -> None:
    """Output for people carries no terminal control sequences taken from the data (stdout is
    not a terminal, so there is no colour either), and brackets are text, not style markup."""
    done = hostile_run(hostile, command, tmp_path)
    if done.returncode == 2 and "internal error" not in done.stderr:
        return  # rejected as bad input: fine
    assert done.returncode == 0, _shown(done)
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout, _shown(done)
    project_name, zone_name = HOSTILE[hostile]
    if hostile == "markup-brackets":
        shown_name = zone_name if command == "explain" else project_name
        assert shown_name in done.stdout, _shown(done)


def test_the_risk_base_of_the_bad_input_cases_is_valid(tmp_path: Path) -> None:
    cases = (("risk.yaml", RISK_BASE), ("matrix.yaml", matrix_edit("ok, ok]", "ok, ok]")))
    for name, text in cases:
        file = tmp_path / name
        file.write_text(text, encoding="utf-8")
        assert load_project(file).project.risk is not None


def test_the_actions_base_of_the_bad_input_cases_is_valid(tmp_path: Path) -> None:
    file = tmp_path / "actions.yaml"
    file.write_text(ACTIONS_BASE, encoding="utf-8")
    assert len(load_project(file).project.actions) == 2
