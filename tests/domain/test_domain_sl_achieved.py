"""Spec section 3: SL-A per FR, the largest L whose requirements (min_sl <= L) are satisfied."""

from __future__ import annotations

from datetime import date

from zonewarden.domain.assessment import Assessment, Compensating, Status
from zonewarden.domain.evaluation import evaluate

AS_OF = date(2024, 6, 1)
NA = Assessment(Status.NOT_APPLICABLE, justification="No human users in this zone")


def sl_a(project, catalog):
    return evaluate(project, catalog, AS_OF).result("z").sl_achieved.as_list()


def test_zone_with_unsatisfied_sl3_re_and_all_of_fr1_up_to_sl2_has_sl_achieved_2(
    zone_project, catalog, ids, implemented
):
    # Everything of FR 1 implemented (levels 1..4) except one SL-3 RE.
    assessments = implemented(ids(1, 1, 2, 3, 4))
    assessments["SR 1.5 RE 1"] = Assessment(Status.NOT_IMPLEMENTED)

    assert sl_a(zone_project(2, assessments), catalog) == [2, 0, 0, 0, 0, 0, 0]


def test_zone_with_unsatisfied_sl2_re_has_sl_achieved_1(zone_project, catalog, ids, implemented):
    assessments = implemented(ids(1, 1, 2, 3, 4))
    assessments["SR 1.13 RE 1"] = Assessment(Status.PARTIAL)

    assert sl_a(zone_project(2, assessments), catalog) == [1, 0, 0, 0, 0, 0, 0]


def test_one_unsatisfied_sl1_requirement_caps_sl_achieved_at_0_whatever_is_above(
    zone_project, catalog, ids, implemented
):
    assessments = implemented(ids(3, 1, 2, 3, 4))
    assessments["SR 3.6"] = Assessment(Status.NOT_ASSESSED)

    assert sl_a(zone_project(3, assessments), catalog) == [0, 0, 0, 0, 0, 0, 0]


def test_zone_with_every_requirement_satisfied_has_sl_achieved_4_everywhere(
    zone_project, catalog, all_ids, implemented
):
    assert sl_a(zone_project(1, implemented(all_ids)), catalog) == [4] * 7


def test_zone_with_nothing_recorded_has_sl_achieved_0_everywhere(zone_project, catalog):
    assert sl_a(zone_project(4, {}), catalog) == [0] * 7


def test_fr6_has_no_sl4_requirement_so_satisfying_its_levels_1_to_3_gives_sl_achieved_4(
    zone_project, catalog, implemented
):
    assessments = implemented(["SR 6.1", "SR 6.2", "SR 6.1 RE 1"])

    assert sl_a(zone_project(0, assessments), catalog) == [0, 0, 0, 0, 0, 4, 0]


def test_fr6_without_its_sl3_re_has_sl_achieved_2(zone_project, catalog, implemented):
    assert sl_a(zone_project(0, implemented(["SR 6.1", "SR 6.2"])), catalog) == [
        0,
        0,
        0,
        0,
        0,
        2,
        0,
    ]


def test_fr7_has_no_sl4_requirement_so_satisfying_its_levels_1_to_3_gives_sl_achieved_4(
    zone_project, catalog, ids, implemented
):
    assert sl_a(zone_project(2, implemented(ids(7, 1, 2, 3))), catalog) == [0, 0, 0, 0, 0, 0, 4]


def test_sl_achieved_counts_requirements_beyond_sl_target_and_can_exceed_it(
    zone_project, catalog, ids, implemented
):
    project = zone_project([0, 0, 0, 0, 1, 0, 0], implemented(ids(5, 1, 2, 3, 4)))

    result = evaluate(project, catalog, AS_OF).result("z")

    assert result.sl_achieved.as_list() == [0, 0, 0, 0, 4, 0, 0]
    assert result.meets_target is True


def test_res_of_an_sr_whose_base_is_justified_not_applicable_are_satisfied_by_inheritance(
    zone_project, catalog, ids, implemented
):
    # SR 1.1 is not applicable; its REs (SL 2, 3, 4) are not recorded at all.
    others = [rid for rid in ids(1, 1, 2, 3, 4) if rid.split(" RE ")[0] != "SR 1.1"]
    assessments = {**implemented(others), "SR 1.1": NA}

    assert sl_a(zone_project(4, assessments), catalog) == [4, 0, 0, 0, 0, 0, 0]


def test_inherited_not_applicable_overrides_a_recorded_re_status(
    zone_project, catalog, ids, implemented
):
    others = [rid for rid in ids(1, 1, 2, 3, 4) if rid.split(" RE ")[0] != "SR 1.1"]
    assessments = {
        **implemented(others),
        "SR 1.1": NA,
        "SR 1.1 RE 1": Assessment(Status.NOT_IMPLEMENTED),
        "SR 1.1 RE 3": Assessment(Status.PARTIAL),
    }

    assert sl_a(zone_project(4, assessments), catalog) == [4, 0, 0, 0, 0, 0, 0]


def test_not_applicable_without_justification_does_not_satisfy(
    zone_project, catalog, ids, implemented
):
    assessments = implemented(ids(4, 1, 2, 3, 4))
    assessments["SR 4.2"] = Assessment(Status.NOT_APPLICABLE)

    assert sl_a(zone_project(4, assessments), catalog) == [0, 0, 0, 1, 0, 0, 0]


def test_valid_compensating_countermeasure_on_the_only_sl2_blocker_lifts_sl_achieved(
    zone_project, catalog, ids, implemented
):
    assessments = implemented(ids(4, 1, 3))
    assessments["SR 4.1 RE 1"] = Assessment(Status.IMPLEMENTED)
    assessments["SR 4.2"] = Assessment(
        Status.NOT_IMPLEMENTED,
        compensating=Compensating("Encrypted disks", "Bob", date(2024, 1, 1), None),
    )

    assert sl_a(zone_project(2, assessments), catalog) == [0, 0, 0, 3, 0, 0, 0]


def test_sl_achieved_is_independent_for_each_fr(zone_project, catalog, ids, implemented):
    assessments = {
        **implemented(ids(1, 1)),
        **implemented(ids(2, 1, 2)),
        **implemented(ids(3, 1, 2, 3)),
        **implemented(ids(4, 1, 2, 3, 4)),
        **implemented(ids(5, 2, 3, 4)),  # FR 5 level 1 missing
        **implemented(ids(7, 1, 2)),
    }

    assert sl_a(zone_project(4, assessments), catalog) == [1, 2, 3, 4, 0, 0, 2]


def test_meets_target_compares_sl_achieved_with_sl_target_per_fr(
    zone_project, catalog, ids, implemented
):
    assessments = {**implemented(ids(1, 1, 2)), **implemented(ids(2, 1))}

    met = evaluate(zone_project([2, 1, 0, 0, 0, 0, 0], assessments), catalog, AS_OF)
    missed = evaluate(zone_project([2, 2, 0, 0, 0, 0, 0], assessments), catalog, AS_OF)

    assert met.result("z").meets_target is True
    assert met.targets_met == 1
    assert missed.result("z").meets_target is False
    assert missed.targets_met == 0
