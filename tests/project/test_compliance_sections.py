"""The ``certification``, ``documents``, ``obligations`` and ``nonconformities`` sections:
every cross-reference check of zonewarden/project/compliance.py reports its message at its key
path, and ``convert`` keeps the sections losslessly and canonically."""

from __future__ import annotations

from pathlib import Path

import pytest

from zonewarden.catalog import default_catalog
from zonewarden.project.dump import dumps
from zonewarden.project.errors import ProjectError, format_path
from zonewarden.project.load import load_project, load_text

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "compliance" / "compliance.yaml"
BASE = """\
format: zonewarden/v1
project: {id: p, name: P}
zones:
  - {id: scada, name: SCADA, sl_target: 1}
  - {id: sis, name: SIS, sl_target: 1}
conduits:
  - {id: scada-sis, zones: [scada, sis], sl_target: 1}
"""
NC = "{id: n, finding: F, severity: minor, source: internal_audit, raised_on: 2026-03-01"


def problems(section: str) -> list[tuple[str, str]]:
    with pytest.raises(ProjectError) as caught:
        load_text(BASE + section, "p.yaml", "yaml")
    return [(format_path(p.path), p.message) for p in caught.value.problems]


CASES = [
    (
        "certification:\n  scope: {zones: [scada, scada]}\n",
        "certification.scope.zones[1]",
        "'scada' is listed twice",
    ),
    (
        "certification:\n  scope: {zones: [scdaa]}\n",
        "certification.scope.zones[0]",
        "unknown zone 'scdaa' (did you mean 'scada'?)",
    ),
    (
        "certification:\n  scope: {conduits: [scada-sys]}\n",
        "certification.scope.conduits[0]",
        "unknown conduit 'scada-sys' (did you mean 'scada-sis'?)",
    ),
    (
        "documents:\n  - {id: d, title: D, kind: plan}\n  - {id: d, title: E, kind: policy}\n",
        "documents[1].id",
        "duplicate document id 'd' (first used at documents[0])",
    ),
    (
        "documents:\n  - {id: d, title: D, kind: plan, approved_on: 2026-05-01, "
        "review_due: 2026-04-01}\n",
        "documents[0].review_due",
        "review_due 2026-04-01 is before approved_on 2026-05-01",
    ),
    (
        "documents:\n  - {id: d, title: D, kind: plan}\n"
        "  - {id: p, title: P, kind: procedure, follows: [d]}\n",
        "documents[1].follows",
        "only a record follows a procedure or plan (this is a procedure)",
    ),
    (
        "documents:\n  - {id: plan, title: D, kind: plan}\n"
        "  - {id: r, title: R, kind: record, follows: [plna]}\n",
        "documents[1].follows[0]",
        "unknown document 'plna' (did you mean 'plan'?)",
    ),
    (
        "documents:\n  - {id: r1, title: R, kind: record}\n"
        "  - {id: r2, title: R, kind: record, follows: [r1]}\n",
        "documents[1].follows[0]",
        "'r1' is a record; a record follows a policy, procedure or plan",
    ),
    (
        "obligations:\n  - {id: o, kind: internal_audit, every: 1y}\n"
        "  - {id: o, kind: management_review, every: 1y}\n",
        "obligations[1].id",
        "duplicate obligation id 'o' (first used at obligations[0])",
    ),
    (
        "documents:\n  - {id: review-2026, title: R, kind: record}\n"
        "obligations:\n  - {id: o, kind: management_review, every: 1y, records: [review-2025]}\n",
        "obligations[0].records[0]",
        "unknown document 'review-2025' (did you mean 'review-2026'?)",
    ),
    (
        f"nonconformities:\n  - {NC}}}\n  - {NC}}}\n",
        "nonconformities[1].id",
        "duplicate non-conformity id 'n' (first used at nonconformities[0])",
    ),
    (
        f"nonconformities:\n  - {NC}, zones: [scad]}}\n",
        "nonconformities[0].zones[0]",
        "unknown zone or conduit 'scad' (did you mean 'scada'?)",
    ),
    (
        f"nonconformities:\n  - {NC}, requirements: ['4.3.2.6.3']}}\n",
        "nonconformities[0].requirements[0]",
        "cite other parts' clauses under 'references'",
    ),
    (
        f"nonconformities:\n  - {NC}, requirements: ['SR 9.9']}}\n",
        "nonconformities[0].requirements[0]",
        "unknown requirement 'SR 9.9' (see 'zonewarden catalog')",
    ),
    (
        f"nonconformities:\n  - {NC}, corrective_action: "
        "{description: X, done_on: 2026-02-01}}\n",
        "nonconformities[0].corrective_action.done_on",
        "done_on 2026-02-01 is before the finding was raised (2026-03-01)",
    ),
    (
        f"nonconformities:\n  - {NC}, corrective_action: {{description: X}}, "
        "verification: {verified_on: 2026-04-01, effective: true}}\n",
        "nonconformities[0].verification",
        "a verification needs a corrective action with its done_on date",
    ),
    (
        f"nonconformities:\n  - {NC}, corrective_action: "
        "{description: X, done_on: 2026-04-01}, "
        "verification: {verified_on: 2026-03-15, effective: true}}\n",
        "nonconformities[0].verification.verified_on",
        "verified_on 2026-03-15 is before the action was done (2026-04-01)",
    ),
    (
        f"nonconformities:\n  - {NC}, corrective_action: "
        "{description: X, done_on: 2026-04-01}, "
        "verification: {verified_on: 2026-04-15, effective: false}, closed_on: 2026-05-01}\n",
        "nonconformities[0].closed_on",
        "closed only after a verification found the corrective action effective",
    ),
    (
        f"nonconformities:\n  - {NC}, closed_on: 2026-05-01}}\n",
        "nonconformities[0].closed_on",
        "closed only after a verification found the corrective action effective",
    ),
    (
        f"nonconformities:\n  - {NC}, corrective_action: "
        "{description: X, done_on: 2026-04-01}, "
        "verification: {verified_on: 2026-04-15, effective: true}, closed_on: 2026-04-10}\n",
        "nonconformities[0].closed_on",
        "closed_on 2026-04-10 is before the verification (2026-04-15)",
    ),
]


@pytest.mark.parametrize(("section", "path", "message"), CASES, ids=[c[1] for c in CASES])
def test_each_cross_reference_check_reports_its_message_at_its_key_path(
    section: str, path: str, message: str
) -> None:
    found = problems(section)
    assert any(where == path and message in text for where, text in found), found


def test_the_valid_sections_load_into_the_domain() -> None:
    project = load_project(FIXTURE).project
    assert project.certification is not None and project.certification.scheme == "ssa"
    assert project.certification.scope.zones == ("scada", "sis")
    assert [o.id for o in project.obligations][:2] == ["mgmt-review", "access-recert"]
    assert project.document("restore-test-2026-05") is not None
    assert len(project.nonconformities) == 7
    assert project.nonconformities[1].requirements == ("SR 5.2",)


@pytest.mark.parametrize("kind", ["yaml", "json"])
def test_convert_of_the_fixture_twice_is_byte_identical_and_round_trips(kind: str) -> None:
    catalog = default_catalog()
    project = load_project(FIXTURE).project
    text = dumps(project, catalog, kind)
    again = load_text(text, f"dump.{kind}", kind)
    assert again == project
    assert dumps(again, catalog, kind) == text
    for section in ("certification", "documents", "obligations", "nonconformities"):
        assert section in text
