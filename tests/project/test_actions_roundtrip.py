"""The ``actions`` and ``acceptances`` sections survive ``convert`` losslessly (issue 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zonewarden.catalog import default_catalog
from zonewarden.project.dump import dumps
from zonewarden.project.load import load_project, load_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "riverside-wtp.yaml"


@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_the_example_actions_round_trip(kind: str) -> None:
    project = load_project(EXAMPLE).project
    assert 15 <= len(project.actions) <= 30 and project.acceptances
    assert any(a.changes for a in project.actions)
    text = dumps(project, default_catalog(), kind)
    again = load_text(text, f"dump.{kind}", kind)
    assert again == project
    assert dumps(again, default_catalog(), kind) == text


def test_a_project_without_actions_dumps_without_the_sections() -> None:
    text = (
        "format: zonewarden/v1\nproject: {id: p, name: P}\n"
        "zones:\n  - {id: a, name: A, sl_target: 1}\n"
    )
    dumped = dumps(load_text(text, "p.yaml", "yaml"), default_catalog(), "yaml")
    assert "actions" not in dumped and "acceptances" not in dumped and "planning" not in dumped


def test_every_field_of_an_action_round_trips() -> None:
    text = """\
format: zonewarden/v1
project: {id: p, name: P}
zones:
  - {id: a, name: A, sl_target: 2}
evidence:
  - {id: ev, title: E}
rules:
  planning: {capacity: 12, quick_win_weight: 3}
actions:
  - id: x
    title: X
    finding: no-remote-mfa
    description: D
    addresses: [{zone: a, requirements: [sr1.1re1, SR 1.13]}]
    owner: O
    effort: 1.5
    cost: 100
    procurement: true
    process_change: true
    downtime: true
    vendor: true
    status: in_progress
    phase: 2
    evidence: [ev]
    changes:
      - id: c
        title: T
        lab_test: {result: failed, environment: lab, tested_on: 2026-01-02, evidence: [ev]}
        maintenance_window: {start: 2026-02-01, end: 2026-02-02}
        rollback: {documented: true, verified: true, verified_on: 2026-01-03, procedure: P}
        vendor: {needed: true, notified: true, approved: false, support_impact: S}
        approval: {approved_by: A, approved_on: 2026-01-04}
        evidence: [ev]
        waive: [{gate: lab_test, reason: R, approved_by: B, approved_on: 2026-01-05}]
        notes: N
  - {id: y, title: Y, addresses: [{zone: a, requirements: [SR 1.1]}], depends_on: [x],
     status: verified, verified_by: V, verified_on: 2026-03-01}
acceptances:
  - {zone: a, requirements: [SR 2.1], approved_by: Z, approved_on: 2026-01-01, rationale: R,
     expires_on: 2027-01-01}
"""
    project = load_text(text, "p.yaml", "yaml")
    assert project.rules.planning.capacity == 12
    assert project.actions[0].addresses[0].requirements == ("SR 1.1 RE 1", "SR 1.13")
    for kind in ("yaml", "json"):
        dumped = dumps(project, default_catalog(), kind)
        assert load_text(dumped, f"d.{kind}", kind) == project
