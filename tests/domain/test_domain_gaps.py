"""Spec section 3 "Gap" and rules.py: the gap register, severity, priority and ordering.

Default rules (rules.py): severity starts from SL-T 1..4 -> low, medium, high, critical; +1 in a
safety zone (or a conduit touching one); +1 for an SR base requirement that is
``not_implemented`` or ``not_assessed``; -1 for ``partial``; clamped at the end.
priority = 10 x severity rank + 5 x SL-T + 10 if safety + 5 if base SR + FR weight
(6, 4, 2, 1, 6, 3, 3) + 2 x (4 - min_sl).
"""

from __future__ import annotations

from datetime import date

import pytest

from zonewarden.domain.assessment import Assessment, Compensating, Status
from zonewarden.domain.evaluation import evaluate
from zonewarden.domain.rules import PriorityRules, Rules, SeverityRules

AS_OF = date(2024, 6, 1)
EXPIRED = Assessment(
    Status.NOT_IMPLEMENTED,
    compensating=Compensating("Manual log review", "Alice", date(2023, 6, 1), date(2024, 5, 31)),
)
FR4_AT_1 = [0, 0, 0, 1, 0, 0, 0]


def gap_of(evaluation, zone_id, requirement_id):
    return next(
        g for g in evaluation.gaps() if g.zone == zone_id and g.requirement == requirement_id
    )


def test_gaps_are_exactly_the_in_scope_unsatisfied_requirements(zone_project, catalog):
    # FR 5 at 2: SR 5.1, SR 5.1 RE 1, SR 5.2, SR 5.2 RE 1, SR 5.3, SR 5.4 are in scope.
    assessments = {
        "SR 5.1": Status.IMPLEMENTED,
        "SR 5.2 RE 1": Status.IMPLEMENTED,  # satisfied even though its base is not
        "SR 5.3": Assessment(
            Status.NOT_IMPLEMENTED,
            compensating=Compensating("Mail gateway filtering", "Bob", date(2024, 1, 1)),
        ),
        "SR 5.4": Status.PARTIAL,
        "SR 5.2 RE 2": Status.NOT_IMPLEMENTED,  # SL 3: out of scope
        "SR 1.1": Status.NOT_IMPLEMENTED,  # FR 1 target 0: out of scope
    }
    project = zone_project([0, 0, 0, 0, 2, 0, 0], assessments)

    result = evaluate(project, catalog, AS_OF).result("z")

    assert [(g.requirement, g.status) for g in result.gaps] == [
        ("SR 5.1 RE 1", "not_assessed"),
        ("SR 5.2", "not_assessed"),
        ("SR 5.4", "partial"),
    ]


@pytest.mark.parametrize(
    ("sl_target", "count"),
    [(0, 0), (1, 37), (2, 60), (3, 90), (4, 100)],
)
def test_zone_with_nothing_recorded_has_one_gap_per_in_scope_requirement(
    zone_project, catalog, sl_target, count
):
    # Per FR and min_sl (CSV): level 1: 37, level 2: 23, level 3: 30, level 4: 10.
    result = evaluate(zone_project(sl_target, {}), catalog, AS_OF).result("z")

    assert len(result.gaps) == count


def test_gap_carries_zone_requirement_fr_min_sl_target_status_severity_and_priority(
    zone_project, catalog
):
    project = zone_project([0, 0, 0, 0, 2, 0, 0], {"SR 5.4": Status.PARTIAL})

    gap = gap_of(evaluate(project, catalog, AS_OF), "z", "SR 5.4")

    assert gap.id == "z:SR 5.4"
    assert gap.zone == "z"
    assert gap.zone_type == "zone"
    assert gap.requirement == "SR 5.4"
    assert gap.title == "Application partitioning"
    assert gap.fr == 5
    assert gap.min_sl == 1
    assert gap.sl_target == 2
    assert gap.status == "partial"
    # medium (SL-T 2) - 1 partial = low; 10 x 1 + 5 x 2 + base 5 + FR 5 weight 6 + 2 x 3 = 37
    assert gap.severity == "low"
    assert gap.priority == 37
    assert gap.severity_reasons == (
        "SL-T 2 for FR 5 gives medium",
        "lowered 1 because it is partially implemented",
    )
    assert gap.priority_terms == (
        ("severity low", 10),
        ("SL-T 2", 10),
        ("base requirement", 5),
        ("FR 5 weight", 6),
        ("applies from SL 1", 6),
    )
    assert gap.zone_order == 0
    assert gap.requirement_order == 83  # line 85 of the CSV, after the header


def test_gap_sl_target_is_the_target_of_the_gaps_own_fr(zone_project, catalog):
    evaluation = evaluate(zone_project([1, 3, 0, 0, 0, 0, 0], {}), catalog, AS_OF)

    assert gap_of(evaluation, "z", "SR 1.1").sl_target == 1
    assert gap_of(evaluation, "z", "SR 2.7").sl_target == 3
    assert gap_of(evaluation, "z", "SR 2.7").severity == "critical"  # high + missing base


@pytest.mark.parametrize(
    ("sl_target", "safety", "requirement", "assessment", "severity", "priority"),
    [
        # 20 + 5 + 5 + 6 + 6
        (1, False, "SR 1.1", Status.NOT_ASSESSED, "medium", 42),
        (1, False, "SR 1.1", Status.NOT_IMPLEMENTED, "medium", 42),
        # low - 1 clamps to low: 10 + 5 + 5 + 6 + 6
        (1, False, "SR 1.1", Status.PARTIAL, "low", 32),
        # an RE gets no missing-base raise: 20 + 10 + 0 + 6 + 4
        (2, False, "SR 1.1 RE 1", Status.NOT_ASSESSED, "medium", 40),
        (2, False, "SR 1.1 RE 1", Status.PARTIAL, "low", 30),
        # high + 1 + 1 clamps to critical: 40 + 15 + 10 + 5 + 6 + 6
        (3, True, "SR 5.1", Status.NOT_ASSESSED, "critical", 82),
        # high + 1 safety: 40 + 15 + 10 + 0 + 6 + 2
        (3, True, "SR 5.1 RE 2", Status.NOT_IMPLEMENTED, "critical", 73),
        # critical - 1; min_sl 4 adds no term: 30 + 20 + 4
        (4, False, "SR 2.1 RE 4", Status.PARTIAL, "high", 54),
        # 4 + 1 - 1 clamped at the end, not after each step: 40 + 20 + 10 + 5 + 4 + 6
        (4, True, "SR 2.1", Status.PARTIAL, "critical", 85),
        # an expired countermeasure: medium + 1 missing base: 30 + 10 + 5 + 3 + 4
        (2, False, "SR 6.2", EXPIRED, "high", 52),
        # low + 1 - 1: 10 + 5 + 10 + 5 + 3 + 6
        (1, True, "SR 7.2", Status.PARTIAL, "low", 39),
        # critical + 1 clamps: 40 + 20 + 10 + 0 + 2 + 0
        (4, True, "SR 3.3 RE 2", Status.NOT_ASSESSED, "critical", 72),
        # medium + 1: 30 + 10 + 5 + 2 + 4
        (2, False, "SR 3.4", Status.NOT_IMPLEMENTED, "high", 51),
        # high - 1: 20 + 15 + 5 + 4 + 2
        (3, False, "SR 2.7", Status.PARTIAL, "medium", 46),
        # 20 + 5 + 5 + 1 + 6
        (1, False, "SR 4.3", Status.NOT_ASSESSED, "medium", 37),
    ],
)
def test_default_severity_and_priority_follow_the_documented_rules(
    zone_project, catalog, sl_target, safety, requirement, assessment, severity, priority
):
    project = zone_project(sl_target, {requirement: assessment}, safety=safety)

    gap = gap_of(evaluate(project, catalog, AS_OF), "z", requirement)

    assert (gap.severity, gap.priority) == (severity, priority)
    assert gap.priority == sum(value for _, value in gap.priority_terms)


def test_severity_reasons_name_every_adjustment(zone_project, catalog):
    project = zone_project(4, {"SR 2.1": Status.NOT_IMPLEMENTED}, safety=True)

    gap = gap_of(evaluate(project, catalog, AS_OF), "z", "SR 2.1")

    assert gap.severity_reasons == (
        "SL-T 4 for FR 2 gives critical",
        "raised 1 for a safety zone or a conduit to one",
        "raised 1 because the base SR is missing",
    )
    assert gap.priority_terms == (
        ("severity critical", 40),
        ("SL-T 4", 20),
        ("safety zone", 10),
        ("base requirement", 5),
        ("FR 2 weight", 4),
        ("applies from SL 1", 6),
    )


CUSTOM = Rules(
    severity=SeverityRules(
        by_sl_target=("high", "high", "critical", "critical"),
        raise_for_safety=0,
        raise_for_missing_base=0,
        lower_for_partial=2,
    ),
    priority=PriorityRules(
        severity_weight=1,
        sl_target_weight=0,
        safety_weight=100,
        base_weight=0,
        fr_weights=(0, 0, 0, 7, 0, 0, 0),
        min_sl_weight=0,
    ),
)


def test_default_rules_rank_a_safety_zone_fr4_at_2(zone_project, catalog):
    project = zone_project([0, 0, 0, 2, 0, 0, 0], {"SR 4.2": Status.PARTIAL}, safety=True)

    gaps = evaluate(project, catalog, AS_OF).gaps()

    # SR 4.1 / SR 4.3: medium + 1 + 1 = critical, 40 + 10 + 10 + 5 + 1 + 6 = 72
    # SR 4.1 RE 1: medium + 1 = high, 30 + 10 + 10 + 1 + 4 = 55
    # SR 4.2 partial (no missing-base raise): medium + 1 - 1 = medium, 20 + 10 + 10 + 5 + 1 + 4
    assert [(g.requirement, g.severity, g.priority) for g in gaps] == [
        ("SR 4.1", "critical", 72),
        ("SR 4.3", "critical", 72),
        ("SR 4.1 RE 1", "high", 55),
        ("SR 4.2", "medium", 50),
    ]


def test_custom_rules_change_severity_priority_and_order(zone_project, catalog):
    project = zone_project(
        [0, 0, 0, 2, 0, 0, 0], {"SR 4.2": Status.PARTIAL}, safety=True, rules=CUSTOM
    )

    gaps = evaluate(project, catalog, AS_OF).gaps()

    # not assessed: high, 3 + 0 + 100 + 7 = 110; SR 4.2 partial: high - 2 = low, 1 + 100 + 7
    assert [(g.requirement, g.severity, g.priority) for g in gaps] == [
        ("SR 4.1", "high", 110),
        ("SR 4.1 RE 1", "high", 110),
        ("SR 4.3", "high", 110),
        ("SR 4.2", "low", 108),
    ]
    sr_4_1, _, _, sr_4_2 = gaps
    assert sr_4_1.severity_reasons == ("SL-T 2 for FR 4 gives high",)
    assert sr_4_1.priority_terms == (
        ("severity high", 3),
        ("SL-T 2", 0),
        ("safety zone", 100),
        ("FR 4 weight", 7),
    )
    assert sr_4_2.severity_reasons == (
        "SL-T 2 for FR 4 gives high",
        "lowered 2 because it is partially implemented",
    )


def test_gaps_are_ordered_by_priority_then_zone_order_then_catalog_order(make_project, catalog):
    # plant: FR 4 at 1, SR 4.1 medium 37, SR 4.3 partial low 27.
    # sis (safety): high 57 each. other: SL-T 0.
    # c1 touches sis -> safety, 57 each; c2 joins plant and other -> medium 37 each.
    project = make_project(
        zones=[("plant", FR4_AT_1), ("sis", FR4_AT_1, True), ("other", 0)],
        conduits=[("c1", ("plant", "sis"), FR4_AT_1), ("c2", ("plant", "other"), FR4_AT_1)],
        assessments={"plant": {"SR 4.3": Status.PARTIAL}},
    )

    gaps = evaluate(project, catalog, AS_OF).gaps()

    assert [(g.id, g.severity, g.priority) for g in gaps] == [
        ("sis:SR 4.1", "high", 57),
        ("sis:SR 4.3", "high", 57),
        ("c1:SR 4.1", "high", 57),
        ("c1:SR 4.3", "high", 57),
        ("plant:SR 4.1", "medium", 37),
        ("c2:SR 4.1", "medium", 37),
        ("c2:SR 4.3", "medium", 37),
        ("plant:SR 4.3", "low", 27),
    ]
    assert [g.zone_type for g in gaps[:4]] == ["zone", "zone", "conduit", "conduit"]


def test_equal_priorities_are_ordered_by_severity_then_zone_then_catalog_order(
    make_project, catalog
):
    flat = Rules(
        priority=PriorityRules(
            severity_weight=0,
            sl_target_weight=0,
            safety_weight=0,
            base_weight=0,
            fr_weights=(0, 0, 0, 0, 0, 0, 0),
            min_sl_weight=0,
        )
    )
    # z3 at FR 4 = 3: base SRs critical (high + missing base), REs high; z1, z2: medium.
    project = make_project(
        zones=[("z1", FR4_AT_1), ("z2", FR4_AT_1), ("z3", [0, 0, 0, 3, 0, 0, 0])],
        rules=flat,
    )

    gaps = evaluate(project, catalog, AS_OF).gaps()

    assert {g.priority for g in gaps} == {0}
    assert [g.id for g in gaps] == [
        "z3:SR 4.1",
        "z3:SR 4.2",
        "z3:SR 4.3",
        "z3:SR 4.1 RE 1",
        "z3:SR 4.2 RE 1",
        "z1:SR 4.1",
        "z1:SR 4.3",
        "z2:SR 4.1",
        "z2:SR 4.3",
    ]


def test_conduit_touching_a_safety_zone_counts_as_safety(make_project, catalog):
    project = make_project(
        zones=[("bpcs", 0), ("sis", 0, True), ("dmz", 0)],
        conduits=[("to-sis", ("bpcs", "sis"), FR4_AT_1), ("to-dmz", ("bpcs", "dmz"), FR4_AT_1)],
    )

    evaluation = evaluate(project, catalog, AS_OF)
    safe = gap_of(evaluation, "to-sis", "SR 4.1")
    plain = gap_of(evaluation, "to-dmz", "SR 4.1")

    assert evaluation.result("to-sis").target.safety is True
    assert evaluation.result("to-dmz").target.safety is False
    # low + 1 safety + 1 missing base = high: 30 + 5 + 10 + 5 + 1 + 6
    assert (safe.severity, safe.priority) == ("high", 57)
    assert ("safety zone", 10) in safe.priority_terms
    # low + 1 missing base = medium: 20 + 5 + 5 + 1 + 6
    assert (plain.severity, plain.priority) == ("medium", 37)
    assert all(name != "safety zone" for name, _ in plain.priority_terms)


def test_satisfied_requirements_and_out_of_scope_requirements_are_never_gaps(
    zone_project, catalog, all_ids, implemented
):
    evaluation = evaluate(zone_project(4, implemented(all_ids)), catalog, AS_OF)

    assert evaluation.gaps() == []
