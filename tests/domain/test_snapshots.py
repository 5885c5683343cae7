"""Snapshots and their diff, hand-computed on tests/fixtures/small.yaml (issue 7 item 6).

On 2026-11-26 the SCADA zone (SL-T 1 everywhere) has 36 SRs in score of which 6 meet SL-T
(16.7 %) and 30 gaps; the whole project 13 of 53 (24.5 %) and 40 gaps (tests/cli/test_commands.py
derives these). NEW below changes one assessment (scada SR 3.1 partial -> implemented: SR 3.1
has no RE in scope at SL 1, so one more SR meets SL-T, 7 of 36 = 19.4 %, 14 of 53 = 26.4 %; the
other FR 3 requirements are still missing, so SL-A FR 3 stays 0) and one evidence expiry
(ev-ad, cited by scada SR 1.1, now expires 2026-11-01, before the date). Evidence expiry does not
change whether a requirement is satisfied, only what the diff reports.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from zonewarden.catalog import default_catalog
from zonewarden.domain.assessment import Assessment, Status
from zonewarden.domain.projects import Project
from zonewarden.domain.snapshots import (
    OverallState,
    ProjectMismatch,
    Snapshot,
    TargetState,
    diff_snapshots,
    requirement_order,
)
from zonewarden.project.load import load_project

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "small.yaml"
AS_OF = date(2026, 11, 26)


@pytest.fixture(scope="module")
def old() -> Project:
    return load_project(FIXTURE).project


def changed(project: Project) -> Project:
    scada = dict(project.assessments["scada"])
    scada["SR 3.1"] = Assessment(Status.IMPLEMENTED, evidence=("ev-fw-config",))
    evidence = tuple(
        replace(e, expires_on=date(2026, 11, 1)) if e.id == "ev-ad" else e for e in project.evidence
    )
    return replace(project, assessments={**project.assessments, "scada": scada}, evidence=evidence)


def test_a_snapshot_of_the_small_project_holds_its_status_gaps_and_evidence(old: Project) -> None:
    shot = Snapshot.of(old, default_catalog(), AS_OF)
    assert (shot.project_id, shot.project_name, shot.as_of) == ("small-plant", "Small Plant", AS_OF)
    assert shot.overall == OverallState(24.5, 53, 13, 2, 4, 40)
    assert [t.id for t in shot.targets] == ["scada", "sis", "dmz", "scada-sis"]
    scada = shot.target("scada")
    assert scada is not None
    assert scada.sl_achieved == (0, 0, 0, 1, 0, 0, 0) and scada.score == 16.7
    assert len(scada.gaps) == 30 and scada.gaps == tuple(sorted(scada.gaps, key=requirement_order))
    assert scada.gaps[:3] == ("SR 1.4", "SR 1.5", "SR 1.6") and "SR 1.10" in scada.gaps
    assert scada.evidence == ("ev-ad", "ev-fw-config")
    assert shot.target("scada-sis").evidence == ("ev-fw-config",)  # type: ignore[union-attr]
    assert shot.target("dmz").score is None  # type: ignore[union-attr]
    assert [(e.id, e.expires_on, e.expired) for e in shot.evidence] == [
        ("ev-ad", date(2027, 10, 20), False),
        ("ev-fw-config", None, False),
    ]
    assert [z.id for z in shot.zones()] == ["scada", "sis", "dmz"]


def test_requirement_order_puts_sr_1_2_before_sr_1_10_and_an_sr_before_its_res() -> None:
    ids = ["SR 1.10", "SR 1.2", "SR 1.1 RE 1", "SR 1.1", "SR 2.1"]
    assert sorted(ids, key=requirement_order) == [
        "SR 1.1",
        "SR 1.1 RE 1",
        "SR 1.2",
        "SR 1.10",
        "SR 2.1",
    ]


def test_diff_after_one_assessment_and_one_expiry_changed_is_hand_computed(old: Project) -> None:
    catalog = default_catalog()
    diff = diff_snapshots(
        Snapshot.of(old, catalog, AS_OF), Snapshot.of(changed(old), catalog, AS_OF)
    )
    assert [t.id for t in diff.changed] == ["scada"]
    scada = diff.changed[0]
    assert scada.change == "changed"
    assert (scada.score_before, scada.score_after, scada.score_delta) == (16.7, 19.4, 2.7)
    assert scada.sl_achieved_before == scada.sl_achieved_after == (0, 0, 0, 1, 0, 0, 0)
    assert (scada.gaps_before, scada.gaps_after) == (30, 29)
    assert scada.gaps_closed == ("SR 3.1",) and scada.gaps_opened == ()
    assert scada.evidence_added == scada.evidence_removed == ()  # ev-fw-config was cited already
    assert scada.evidence_expired == ("ev-ad",)
    assert scada.explanation == (
        "score 16.7 -> 19.4 (+2.7): 1 gap closed (SR 3.1); evidence expired: ev-ad"
    )
    assert diff.evidence_expired == ("ev-ad",)
    assert (diff.score_delta, diff.gaps_closed, diff.gaps_opened) == (1.9, 1, 0)
    assert diff.summary == (
        "Overall score 24.5 -> 26.4 (+1.9); gaps 40 -> 39 (1 closed, 0 opened); "
        "2 of 4 zones and conduits meet SL-T"
    )
    assert [t.change for t in diff.targets] == ["changed", "unchanged", "unchanged", "unchanged"]
    assert diff.added == diff.removed == ()


def test_a_diff_the_other_way_round_opens_what_was_closed(old: Project) -> None:
    catalog = default_catalog()
    diff = diff_snapshots(
        Snapshot.of(changed(old), catalog, AS_OF), Snapshot.of(old, catalog, AS_OF)
    )
    scada = diff.changed[0]
    assert scada.gaps_opened == ("SR 3.1",) and scada.score_delta == -2.7
    assert scada.evidence_expired == ()  # not expired in NEW
    assert scada.explanation == "score 19.4 -> 16.7 (-2.7): 1 gap opened (SR 3.1)"


def test_the_same_project_on_two_dates_explains_a_countermeasure_that_expired(
    old: Project,
) -> None:
    catalog = default_catalog()
    june = Snapshot.of(old, catalog, date(2026, 6, 1))
    diff = diff_snapshots(june, Snapshot.of(old, catalog, AS_OF))
    (scada,) = diff.changed
    # SR 5.2's countermeasure was approved on 2026-10-01 (not yet valid in June); SR 6.1's
    # expired on 2026-06-30: one gap closes, one opens, FR 6 falls from 1 to 0.
    assert (scada.gaps_closed, scada.gaps_opened) == (("SR 5.2",), ("SR 6.1",))
    assert scada.explanation == (
        "score unchanged at 16.7: 1 gap closed (SR 5.2), 1 opened (SR 6.1); SL-A FR 6 1->0"
    )


def test_zones_added_and_removed_are_matched_by_id(old: Project) -> None:
    catalog = default_catalog()
    without_dmz = replace(old, zones=tuple(z for z in old.zones if z.id != "dmz"))
    diff = diff_snapshots(
        Snapshot.of(old, catalog, AS_OF), Snapshot.of(without_dmz, catalog, AS_OF)
    )
    assert diff.removed == ("dmz",) and diff.added == ()
    assert diff.targets[-1].explanation == "zone removed (had score -, 0 gaps)"
    back = diff_snapshots(
        Snapshot.of(without_dmz, catalog, AS_OF), Snapshot.of(old, catalog, AS_OF)
    )
    assert back.added == ("dmz",)
    assert next(t for t in back.targets if t.id == "dmz").explanation == (
        "new zone: score -, 0 gaps"
    )


def _state(sl_achieved: tuple[int, ...], score: float, gaps: tuple[str, ...]) -> Snapshot:
    target = TargetState(
        "cell", "zone", "Cell", (2,) * 7, sl_achieved, score, min(sl_achieved) >= 2, gaps, ()
    )
    overall = OverallState(score, 10, 0, int(target.meets_target), 1, len(gaps))
    return Snapshot("p", "P", AS_OF, overall, (target,))


def test_an_explanation_names_sl_a_moves_and_a_target_newly_met_and_shortens_long_lists() -> None:
    before = _state(
        (1, 2, 2, 2, 2, 2, 2), 61.1, ("SR 1.1 RE 1", "SR 1.2", "SR 1.5 RE 1", "SR 1.8", "SR 1.9")
    )
    after = _state((2,) * 7, 100.0, ())
    (change,) = diff_snapshots(before, after).changed
    assert change.explanation == (
        "score 61.1 -> 100.0 (+38.9): 5 gaps closed (SR 1.1 RE 1, SR 1.2, SR 1.5 RE 1, +2 more); "
        "SL-A FR 1 1->2; now meets SL-T"
    )


def test_snapshots_of_different_projects_cannot_be_compared(old: Project) -> None:
    shot = Snapshot.of(old, default_catalog(), AS_OF)
    with pytest.raises(ProjectMismatch, match=r"'small-plant'.*'other'"):
        diff_snapshots(shot, replace(shot, project_id="other"))


def test_a_zone_whose_evidence_alone_changed_is_marked_evidence(old: Project) -> None:
    catalog = default_catalog()
    expired = replace(
        old,
        evidence=tuple(
            replace(e, expires_on=date(2026, 11, 1)) if e.id == "ev-ad" else e for e in old.evidence
        ),
    )
    diff = diff_snapshots(Snapshot.of(old, catalog, AS_OF), Snapshot.of(expired, catalog, AS_OF))
    (scada,) = diff.changed
    assert (scada.id, scada.change, scada.evidence_expired) == ("scada", "evidence", ("ev-ad",))
    assert scada.explanation == "score unchanged at 16.7; evidence expired: ev-ad"
    assert diff.moved == () and diff.score_delta == 0.0
