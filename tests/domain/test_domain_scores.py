"""Spec section 3: SRs in the score, SRs meeting SL-T, zone and overall compliance scores.

Counts are hand-computed from the catalog CSV: at SL-T 1 every FR's in-scope requirements are
its SRs with min_sl 1 (no RE applies from SL 1): FR 1: 10, FR 2: 8, FR 3: 5, FR 4: 2, FR 5: 4,
FR 6: 1, FR 7: 7, i.e. 37 SRs. FR 4 at SL-T 2 puts SR 4.1, SR 4.2, SR 4.3 and SR 4.1 RE 1 in
scope.
"""

from __future__ import annotations

from datetime import date

import pytest

from zonewarden.domain.assessment import Assessment, Status
from zonewarden.domain.evaluation import evaluate, score_of

AS_OF = date(2024, 6, 1)
NA = Assessment(Status.NOT_APPLICABLE, justification="No data at rest in this conduit")
FR4_AT_2 = [0, 0, 0, 2, 0, 0, 0]
FR4_AT_1 = [0, 0, 0, 1, 0, 0, 0]


@pytest.mark.parametrize(
    ("meeting", "in_score", "score"),
    [
        (2, 3, 66.7),
        (1, 3, 33.3),
        (1, 6, 16.7),
        (1, 8, 12.5),
        (1, 16, 6.3),  # 6.25 rounds half up, not to even
        (3, 16, 18.8),  # 18.75
        (1, 80, 1.3),  # 1.25
        (1, 400, 0.3),  # 0.25
        (11, 37, 29.7),
        (0, 5, 0.0),
        (5, 5, 100.0),
        (0, 0, None),
    ],
)
def test_score_is_rounded_half_up_to_one_decimal_and_null_without_srs(meeting, in_score, score):
    assert score_of(meeting, in_score) == score


def test_zone_at_sl_target_1_scores_its_37_min_sl_1_srs(zone_project, catalog, ids, implemented):
    assessments = implemented([*ids(1, 1), "SR 7.2"])

    result = evaluate(zone_project(1, assessments), catalog, AS_OF).result("z")

    assert result.srs_in_score == 37
    assert result.srs_meeting_target == 11
    assert result.score == 29.7


def test_two_of_three_srs_meeting_sl_target_scores_66_7(zone_project, catalog, implemented):
    project = zone_project(FR4_AT_2, implemented(["SR 4.1", "SR 4.1 RE 1", "SR 4.3"]))

    result = evaluate(project, catalog, AS_OF).result("z")

    assert (result.srs_in_score, result.srs_meeting_target, result.score) == (3, 2, 66.7)


def test_one_of_eight_srs_meeting_sl_target_scores_12_5(zone_project, catalog, implemented):
    project = zone_project([0, 1, 0, 0, 0, 0, 0], implemented(["SR 2.5"]))

    result = evaluate(project, catalog, AS_OF).result("z")

    assert (result.srs_in_score, result.srs_meeting_target, result.score) == (8, 1, 12.5)


@pytest.mark.parametrize(
    ("implemented_ids", "meeting", "score"),
    [
        (["SR 1.4"], 1, 6.3),
        (["SR 1.4", "SR 1.10", "SR 4.3"], 3, 18.8),
    ],
)
def test_zone_score_rounds_half_up(
    zone_project, catalog, implemented, implemented_ids, meeting, score
):
    # FR 1 at 2: SR 1.1..SR 1.13 (13); FR 4 at 1: SR 4.1, SR 4.3; FR 6 at 1: SR 6.1 -> 16.
    project = zone_project([2, 0, 0, 1, 0, 1, 0], implemented(implemented_ids))

    result = evaluate(project, catalog, AS_OF).result("z")

    assert (result.srs_in_score, result.srs_meeting_target, result.score) == (16, meeting, score)


def test_sr_whose_base_is_not_applicable_leaves_the_score(zone_project, catalog, implemented):
    project = zone_project(FR4_AT_1, {"SR 4.1": NA, **implemented(["SR 4.3"])})

    result = evaluate(project, catalog, AS_OF).result("z")

    assert (result.srs_in_score, result.srs_meeting_target, result.score) == (1, 1, 100.0)
    assert result.gaps == ()


def test_not_applicable_base_takes_its_in_scope_res_out_of_the_score_and_the_gaps(
    zone_project, catalog, implemented
):
    project = zone_project(FR4_AT_2, {"SR 4.1": NA, **implemented(["SR 4.2"])})

    result = evaluate(project, catalog, AS_OF).result("z")

    assert (result.srs_in_score, result.srs_meeting_target, result.score) == (2, 1, 50.0)
    assert [gap.requirement for gap in result.gaps] == ["SR 4.3"]


def test_sr_whose_in_scope_re_is_unsatisfied_does_not_meet_sl_target(
    zone_project, catalog, implemented
):
    project = zone_project(FR4_AT_2, implemented(["SR 4.1", "SR 4.2", "SR 4.3"]))

    result = evaluate(project, catalog, AS_OF).result("z")

    assert (result.srs_in_score, result.srs_meeting_target, result.score) == (3, 2, 66.7)
    assert [gap.requirement for gap in result.gaps] == ["SR 4.1 RE 1"]


def test_sr_with_satisfied_re_but_unsatisfied_base_does_not_meet_sl_target(
    zone_project, catalog, implemented
):
    assessments = {
        **implemented(["SR 4.1 RE 1", "SR 4.2", "SR 4.3"]),
        "SR 4.1": Assessment(Status.PARTIAL),
    }

    result = evaluate(zone_project(FR4_AT_2, assessments), catalog, AS_OF).result("z")

    assert (result.srs_in_score, result.srs_meeting_target) == (3, 2)


def test_unsatisfied_re_beyond_sl_target_does_not_affect_the_score(
    zone_project, catalog, implemented
):
    assessments = {
        **implemented(["SR 4.1", "SR 4.3"]),
        "SR 4.1 RE 1": Assessment(Status.NOT_IMPLEMENTED),
    }

    result = evaluate(zone_project(FR4_AT_1, assessments), catalog, AS_OF).result("z")

    assert (result.srs_in_score, result.srs_meeting_target, result.score) == (2, 2, 100.0)


def test_zone_with_sl_target_0_has_null_score_and_no_gaps(zone_project, catalog, all_ids):
    evaluation = evaluate(zone_project(0, {}), catalog, AS_OF)
    result = evaluation.result("z")

    assert result.srs_in_score == 0
    assert result.score is None
    assert result.gaps == ()
    assert result.meets_target is True
    assert evaluation.score is None


def test_zone_whose_every_in_score_sr_is_not_applicable_has_null_score(zone_project, catalog):
    project = zone_project(FR4_AT_1, {"SR 4.1": NA, "SR 4.3": NA})

    result = evaluate(project, catalog, AS_OF).result("z")

    assert result.srs_in_score == 0
    assert result.score is None


def test_overall_score_pools_sr_counts_over_zones_and_conduits(
    make_project, catalog, ids, implemented
):
    # Zone a: FR 1 at 1, all 10 SRs met (100.0). Zone b: SL-T 0 (null).
    # Conduit c: FR 4 at 2, nothing met (0 of 3). Overall 10 / 13 = 76.9, not a mean of scores.
    project = make_project(
        zones=[("a", [1, 0, 0, 0, 0, 0, 0]), ("b", 0)],
        conduits=[("c", ("a", "b"), FR4_AT_2)],
        assessments={"a": implemented(ids(1, 1))},
    )

    evaluation = evaluate(project, catalog, AS_OF)

    assert [r.score for r in evaluation.results] == [100.0, None, 0.0]
    assert [r.target.type for r in evaluation.results] == ["zone", "zone", "conduit"]
    assert evaluation.srs_in_score == 13
    assert evaluation.srs_meeting_target == 10
    assert evaluation.score == 76.9


def test_overall_score_counts_each_zone_sr_pair_once(make_project, catalog, implemented):
    # Zones a and b share SL-T FR 4 at 1 (SR 4.1, SR 4.3 each): 2 + 2 pairs, 3 of them met.
    project = make_project(
        zones=[("a", FR4_AT_1), ("b", FR4_AT_1)],
        assessments={"a": implemented(["SR 4.1", "SR 4.3"]), "b": implemented(["SR 4.1"])},
    )

    evaluation = evaluate(project, catalog, AS_OF)

    assert (evaluation.srs_in_score, evaluation.srs_meeting_target) == (4, 3)
    assert evaluation.score == 75.0


def test_conduit_is_scored_on_its_own_assessments_not_its_zones(make_project, catalog, implemented):
    project = make_project(
        zones=[("a", FR4_AT_1), ("b", FR4_AT_1)],
        conduits=[("c", ("a", "b"), FR4_AT_1)],
        assessments={
            "a": implemented(["SR 4.1", "SR 4.3"]),
            "b": implemented(["SR 4.1", "SR 4.3"]),
            "c": implemented(["SR 4.3"]),
        },
    )

    evaluation = evaluate(project, catalog, AS_OF)

    assert evaluation.result("c").score == 50.0
    assert evaluation.score == 83.3  # 5 of 6
