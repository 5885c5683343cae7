"""explain: why a zone has its SL-A, and why one requirement is in scope, satisfied, a gap."""

from __future__ import annotations

from datetime import date

import pytest

from zonewarden.domain.assessment import Assessment, Compensating, Status
from zonewarden.domain.evaluation import Scope
from zonewarden.domain.explain import explain_requirement, explain_target
from zonewarden.domain.levels import FR

AS_OF = date(2024, 6, 1)


@pytest.fixture
def project(zone_project, ids, implemented):
    """One zone ``z`` at SL-T 2.

    FR 1: everything implemented (SR 1.1 through a valid countermeasure) except SR 1.2 RE 1
    (not_implemented) and SR 1.9 RE 1 (partial), both SL 3 -> SL-A 2.
    FR 3: SR 3.2 not applicable, nothing else -> SL-A 0.
    FR 4: SR 4.1, SR 4.1 RE 1, SR 4.3 implemented, SR 4.2 countermeasure expired -> SL-A 1.
    FR 5: SR 5.1 countermeasure without approver.
    FR 6: all three requirements -> SL-A 4. FR 2, FR 7: nothing -> SL-A 0.
    """
    assessments: dict[str, Status | Assessment] = dict(implemented(ids(1, 1, 2, 3, 4)))
    assessments.update(
        {
            "SR 1.1": Assessment(
                Status.NOT_IMPLEMENTED,
                compensating=Compensating(
                    "Badge access", "Alice", date(2024, 1, 10), date(2024, 12, 31)
                ),
            ),
            "SR 1.2 RE 1": Status.NOT_IMPLEMENTED,
            "SR 1.9 RE 1": Status.PARTIAL,
            "SR 3.2": Assessment(
                Status.NOT_APPLICABLE, justification="Air-gapped, no malicious code vector"
            ),
            **implemented(["SR 4.1", "SR 4.1 RE 1", "SR 4.3"]),
            "SR 4.2": Assessment(
                Status.NOT_IMPLEMENTED,
                compensating=Compensating(
                    "Disk wipe procedure", "Bob", date(2023, 6, 1), date(2024, 5, 31)
                ),
            ),
            "SR 5.1": Assessment(
                Status.PARTIAL, compensating=Compensating("VLANs", None, date(2024, 1, 1))
            ),
            **implemented(["SR 6.1", "SR 6.2", "SR 6.1 RE 1"]),
        }
    )
    return zone_project(2, assessments)


@pytest.fixture
def scope(catalog):
    return Scope.of(catalog)


@pytest.fixture
def explained(scope, project):
    explanation = explain_target(scope, project, project.target("z"), 0, AS_OF)
    return {fr.fr: fr for fr in explanation.frs}


def test_explain_target_gives_sl_target_and_sl_achieved_per_fr(scope, project):
    explanation = explain_target(scope, project, project.target("z"), 0, AS_OF)

    assert [fr.fr for fr in explanation.frs] == list(FR)
    assert [fr.sl_achieved for fr in explanation.frs] == [2, 0, 0, 1, 0, 4, 0]
    assert [fr.sl_target for fr in explanation.frs] == [2] * 7
    assert explanation.result.sl_achieved.as_list() == [2, 0, 0, 1, 0, 4, 0]


def test_explain_target_names_the_unsatisfied_requirements_of_level_sl_a_plus_1(explained):
    fr1 = explained[FR.IAC]

    assert [(b.requirement.id, b.status) for b in fr1.blockers] == [
        ("SR 1.2 RE 1", "not_implemented"),
        ("SR 1.9 RE 1", "partial"),
    ]
    assert fr1.meets is True
    assert fr1.sentence() == (
        "FR 1 Identification and authentication control: SL-A 2, SL-T 2 (meets its target). "
        "SL 3 is not reached because SR 1.2 RE 1 (not_implemented), SR 1.9 RE 1 (partial) "
        "are not satisfied."
    )


def test_explain_target_with_one_blocker_uses_the_singular(explained):
    fr4 = explained[FR.DC]

    assert [(b.requirement.id, b.status) for b in fr4.blockers] == [("SR 4.2", "not_implemented")]
    assert fr4.meets is False
    assert fr4.sentence() == (
        "FR 4 Data confidentiality: SL-A 1, SL-T 2 (misses its target). "
        "SL 2 is not reached because SR 4.2 (not_implemented) is not satisfied."
    )


def test_explain_target_at_sl_a_0_lists_every_unsatisfied_sl1_requirement(explained, ids):
    assert [b.requirement.id for b in explained[FR.UC].blockers] == list(ids(2, 1))
    assert {b.status for b in explained[FR.UC].blockers} == {"not_assessed"}
    # SR 3.2 is justified not-applicable, so it does not block.
    assert [b.requirement.id for b in explained[FR.SI].blockers] == [
        "SR 3.1",
        "SR 3.3",
        "SR 3.5",
        "SR 3.6",
    ]


def test_explain_target_at_sl_a_4_has_no_blockers(explained):
    fr6 = explained[FR.TRE]

    assert fr6.blockers == ()
    assert fr6.sentence() == (
        "FR 6 Timely response to events: SL-A 4, SL-T 2. Every requirement of this FR is satisfied."
    )


def explain(scope, project, catalog, requirement_id):
    return explain_requirement(
        scope, project, project.target("z"), 0, catalog.get(requirement_id), AS_OF
    )


def test_explain_requirement_satisfied_by_a_compensating_countermeasure(scope, project, catalog):
    explanation = explain(scope, project, catalog, "SR 1.1")

    assert explanation.in_scope is True
    assert explanation.gap is None
    assert explanation.lines == (
        "SR 1.1 Human user identification and authentication (FR 1) applies from SL 1.",
        "In scope: the zone's SL-T for FR 1 is 2 >= 1.",
        "Status: not_implemented.",
        "Satisfied: yes, compensating countermeasure approved by Alice on 2024-01-10 "
        "until 2024-12-31.",
        "No gap: it is in scope and satisfied.",
    )


def test_explain_requirement_with_an_expired_countermeasure_is_a_gap(scope, project, catalog):
    explanation = explain(scope, project, catalog, "SR 4.2")

    assert explanation.gap is not None
    # SL-T 2 -> medium, + 1 missing base -> high; 30 + 10 + 5 + FR 4 weight 1 + 2 x (4 - 2)
    assert explanation.lines == (
        "SR 4.2 Information persistence (FR 4) applies from SL 2.",
        "In scope: the zone's SL-T for FR 4 is 2 >= 2.",
        "Status: not_implemented.",
        "A compensating countermeasure is recorded but does not count: expired on 2024-05-31.",
        "Satisfied: no.",
        "Gap: severity high because SL-T 2 for FR 4 gives medium; "
        "raised 1 because the base SR is missing.",
        "Priority 50 = severity high 30 + SL-T 2 10 + base requirement 5 + FR 4 weight 1 "
        "+ applies from SL 2 4.",
    )


def test_explain_requirement_with_an_unapproved_countermeasure_says_so(scope, project, catalog):
    explanation = explain(scope, project, catalog, "SR 5.1")

    assert (
        "A compensating countermeasure is recorded but does not count: not approved."
        in explanation.lines
    )
    assert "Satisfied: no." in explanation.lines
    assert explanation.gap.severity == "low"  # medium - 1 partial


def test_explain_requirement_not_in_scope(scope, project, catalog):
    explanation = explain(scope, project, catalog, "SR 2.7")

    assert explanation.in_scope is False
    assert explanation.gap is None
    assert explanation.recorded is False
    assert explanation.lines == (
        "SR 2.7 Concurrent session control (FR 2) applies from SL 3.",
        "Not in scope: the zone's SL-T for FR 2 is 2 < 3.",
        "Status: not_assessed (the project records no assessment).",
        "Satisfied: no.",
    )


def test_explain_requirement_satisfied_but_not_in_scope_has_no_gap_line(scope, project, catalog):
    explanation = explain(scope, project, catalog, "SR 1.1 RE 2")

    assert explanation.lines[1:] == (
        "Not in scope: the zone's SL-T for FR 1 is 2 < 3.",
        "Status: implemented.",
        "Satisfied: yes, implemented.",
    )


def test_explain_requirement_of_an_re_inheriting_not_applicable(scope, project, catalog):
    explanation = explain(scope, project, catalog, "SR 3.2 RE 1")

    assert explanation.recorded is False
    assert explanation.satisfied_by == (
        "not applicable: SR 3.2 is not applicable (Air-gapped, no malicious code vector)"
    )
    assert explanation.lines[1:] == (
        "In scope: the zone's SL-T for FR 3 is 2 >= 2.",
        "Status: not_applicable, inherited "
        "(SR 3.2 is not applicable (Air-gapped, no malicious code vector)).",
        "Satisfied: yes, not applicable: "
        "SR 3.2 is not applicable (Air-gapped, no malicious code vector).",
        "No gap: it is in scope and satisfied.",
    )


def test_explain_requirement_for_a_conduit_names_the_conduit(make_project, scope, catalog):
    project = make_project(
        zones=[("a", 0), ("b", 0)], conduits=[("c", ("a", "b"), [0, 0, 0, 1, 0, 0, 0])]
    )

    explanation = explain_requirement(
        scope, project, project.target("c"), 2, catalog.get("SR 4.3"), AS_OF
    )

    assert explanation.lines[1] == "In scope: the conduit's SL-T for FR 4 is 1 >= 1."
    assert explanation.gap.zone == "c"
    assert explanation.gap.zone_type == "conduit"
