"""The ``risk`` section survives ``convert`` losslessly and canonically (spec sections 4 and 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from zonewarden.catalog import default_catalog
from zonewarden.domain.risk import DEFAULT_MATRIX, DerivationRule
from zonewarden.project.dump import dumps
from zonewarden.project.load import load_project, load_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "riverside-wtp.yaml"

MINIMAL = """\
format: zonewarden/v1
project: {id: p, name: P}
zones:
  - {id: a, name: A, sl_target: 2}
  - {id: b, name: B, sl_target: 1}
conduits:
  - {id: a-b, zones: [a, b], sl_target: 1}
risk:
  tolerable: high
  derivation: {actor_sl: {extended: 3}, consequence_sl: [1, 1, 2, 3, 4], baseline: 0}
  zones:
    a-b: {function: other}
    b: {}
    a:
      decision: {}
      initial: {likelihood: likely, consequence: {production: major}}
  scenarios:
    - id: s1
      title: T
      source: S
      actor: extended
      targets: [a-b, a]
      frs: [7, fr 1, SI]
      likelihood: likely
      consequence: {production: major}
      residual: {}
  approvals:
    - version: '1'
      approved_by: X
      approved_on: 2026-11-02
      sha256: ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789
"""


@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_the_example_risk_section_round_trips(kind: str) -> None:
    project = load_project(EXAMPLE).project
    assert project.risk is not None and len(project.risk.scenarios) == 14
    text = dumps(project, default_catalog(), kind)
    again = load_text(text, f"dump.{kind}", kind)
    assert again == project
    assert dumps(again, default_catalog(), kind) == text


def test_canonical_risk_normalises_spellings_and_leaves_defaults_out() -> None:
    project = load_text(MINIMAL, "minimal.yaml", "yaml")
    risk = project.risk
    assert risk is not None
    assert risk.matrix == DEFAULT_MATRIX
    assert risk.derivation == DerivationRule((1, 2, 3, 3), (1, 1, 2, 3, 4), 0)
    assert set(risk.zones) == {"a-b", "a"}  # the empty entry of b is dropped
    assert risk.zones["a"].decision is None  # an empty decision is no decision
    assert risk.scenarios[0].frs == (1, 3, 7)
    assert risk.approvals[0].sha256 == "abcdef0123456789" * 4
    document = yaml.safe_load(dumps(project, default_catalog(), "yaml"))["risk"]
    assert list(document) == ["tolerable", "derivation", "zones", "scenarios", "approvals"]
    assert document["derivation"] == {
        "actor_sl": {"extended": 3}, "consequence_sl": [1, 1, 2, 3, 4], "baseline": 0,
    }
    assert list(document["zones"]) == ["a", "a-b"]  # zones, then conduits
    assert document["zones"]["a"] == {
        "initial": {"likelihood": "likely", "consequence": {"production": "major"}},
    }
    scenario = document["scenarios"][0]
    assert scenario["frs"] == ["FR1", "FR3", "FR7"]
    assert scenario["residual"] == {"likelihood": "likely"}
    assert document["approvals"][0]["sha256"] == "abcdef0123456789" * 4
    assert load_text(dumps(project, default_catalog(), "json"), "m.json", "json") == project


def test_a_project_without_risk_dumps_without_a_risk_key() -> None:
    text = MINIMAL.split("risk:")[0]
    project = load_text(text, "plain.yaml", "yaml")
    assert project.risk is None
    assert "risk" not in yaml.safe_load(dumps(project, default_catalog(), "yaml"))
