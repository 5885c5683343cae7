"""Property tests over the real 3-3 catalog: random SL-T vectors and random assessment maps.

The oracle below restates spec section 3 directly (satisfied, SL-A, in scope, score counts,
gaps) without the engine's helpers, and the engine must agree with it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zonewarden.catalog import default_catalog
from zonewarden.domain.assessment import Assessment, Compensating, Status
from zonewarden.domain.conduits import Conduit
from zonewarden.domain.evaluation import Evaluation, evaluate
from zonewarden.domain.levels import SLVector
from zonewarden.domain.projects import Project
from zonewarden.domain.zones import Zone

CATALOG = default_catalog()
REQUIREMENTS = CATALOG.system_requirements()
IDS = [r.id for r in REQUIREMENTS]
AS_OF = date(2024, 6, 1)
DAY = timedelta(days=1)
IMPLEMENTED = Assessment(Status.IMPLEMENTED)

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

sl_vectors = st.lists(st.integers(0, 4), min_size=7, max_size=7).map(SLVector)

countermeasures = st.one_of(
    st.none(),
    st.builds(
        Compensating,
        st.just("Countermeasure"),
        st.sampled_from([None, "", "Alice"]),
        st.sampled_from([None, date(2024, 1, 1)]),
        st.sampled_from([None, AS_OF - DAY, AS_OF, AS_OF + DAY]),
    ),
)


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    status = draw(st.sampled_from(list(Status)))
    # not_applicable without a justification is an input error (spec section 3): never drawn.
    justification = "Does not apply here" if status is Status.NOT_APPLICABLE else None
    return Assessment(status, justification=justification, compensating=draw(countermeasures))


@st.composite
def recorded_maps(draw: st.DrawFn) -> dict[str, Assessment]:
    """Everything implemented up to a random level per FR, then up to 30 random overrides
    (``None`` removes the entry, leaving the pair not assessed)."""
    floors = draw(st.lists(st.integers(0, 4), min_size=7, max_size=7))
    recorded = {r.id: IMPLEMENTED for r in REQUIREMENTS if r.min_sl <= floors[int(r.fr) - 1]}
    overrides = draw(
        st.dictionaries(st.sampled_from(IDS), st.one_of(st.none(), assessments()), max_size=30)
    )
    for rid, assessment in overrides.items():
        if assessment is None:
            recorded.pop(rid, None)
        else:
            recorded[rid] = assessment
    return recorded


def project_of(zone_target, zone_map, conduit_target, conduit_map) -> Project:
    return Project(
        id="p",
        name="Random plant",
        zones=(
            Zone("z", "Zone", "control", zone_target),
            Zone("s", "Safety", "safety", SLVector.uniform(0), safety=True),
        ),
        conduits=(Conduit("c", ("z", "s"), conduit_target),),
        assessments={"z": zone_map, "c": conduit_map},
    )


projects = st.builds(project_of, sl_vectors, recorded_maps(), sl_vectors, recorded_maps())


# --- the oracle: spec section 3 restated ------------------------------------------------


def own_satisfied(assessment: Assessment) -> bool:
    if assessment.status is Status.IMPLEMENTED:
        return True
    if assessment.status is Status.NOT_APPLICABLE and assessment.justification:
        return True
    c = assessment.compensating
    return (
        c is not None
        and bool(c.approved_by)
        and c.approved_on is not None
        and (c.expires_on is None or c.expires_on >= AS_OF)
    )


def oracle_satisfied(recorded) -> dict[str, bool]:
    result = {}
    for r in REQUIREMENTS:
        base = recorded.get(r.parent) if r.type == "RE" else None
        if base is not None and base.status is Status.NOT_APPLICABLE:
            result[r.id] = bool(base.justification)
        else:
            result[r.id] = own_satisfied(recorded.get(r.id, Assessment()))
    return result


def oracle_sl_achieved(satisfied) -> list[int]:
    levels = []
    for fr in range(1, 8):
        levels.append(
            max(
                level
                for level in range(5)
                if all(satisfied[r.id] for r in REQUIREMENTS if r.fr == fr and r.min_sl <= level)
            )
        )
    return levels


def in_scope(r, target) -> bool:
    return 1 <= r.min_sl <= target[int(r.fr) - 1]


def oracle_counts(recorded, target, satisfied) -> tuple[int, int]:
    in_score = meeting = 0
    for sr in REQUIREMENTS:
        if sr.type != "SR" or not in_scope(sr, target):
            continue
        if recorded.get(sr.id, Assessment()).status is Status.NOT_APPLICABLE:
            continue
        in_score += 1
        res = [r for r in REQUIREMENTS if r.parent == sr.id and in_scope(r, target)]
        meeting += satisfied[sr.id] and all(satisfied[r.id] for r in res)
    return in_score, meeting


def unsatisfied_ids(project: Project, target_id: str) -> list[str]:
    satisfied = oracle_satisfied(project.assessments_of(target_id))
    return [rid for rid in IDS if not satisfied[rid]]


def overall(evaluation: Evaluation):
    return evaluation.score, len(evaluation.gaps())


# --- properties ---------------------------------------------------------------------------


@SETTINGS
@given(projects)
def test_engine_agrees_with_the_spec_oracle_on_sl_a_counts_and_gaps(project):
    evaluation = evaluate(project, CATALOG, AS_OF)

    for result in evaluation.results:
        recorded = project.assessments_of(result.target.id)
        target = result.target.sl_target
        satisfied = oracle_satisfied(recorded)
        assert result.sl_achieved.as_list() == oracle_sl_achieved(satisfied)
        assert (result.srs_in_score, result.srs_meeting_target) == oracle_counts(
            recorded, target, satisfied
        )
        assert {g.requirement for g in result.gaps} == {
            r.id for r in REQUIREMENTS if in_scope(r, target) and not satisfied[r.id]
        }


@SETTINGS
@given(projects)
def test_sl_achieved_entries_are_levels_0_to_4_and_counts_are_consistent(project):
    evaluation = evaluate(project, CATALOG, AS_OF)

    for result in evaluation.results:
        assert all(0 <= level <= 4 for level in result.sl_achieved)
        assert 0 <= result.srs_meeting_target <= result.srs_in_score <= 51
        assert result.score is None or 0.0 <= result.score <= 100.0
    assert evaluation.score is None or 0.0 <= evaluation.score <= 100.0


@SETTINGS
@given(projects, st.sampled_from(["z", "c"]), st.data())
def test_satisfying_one_more_requirement_never_lowers_sl_a_or_score_nor_adds_gaps(
    project, target_id, data
):
    candidates = unsatisfied_ids(project, target_id)
    if not candidates:
        return
    requirement = data.draw(st.sampled_from(candidates), label="requirement")
    improved_map = {**project.assessments_of(target_id), requirement: IMPLEMENTED}
    improved = replace(project, assessments={**project.assessments, target_id: improved_map})

    before = evaluate(project, CATALOG, AS_OF)
    after = evaluate(improved, CATALOG, AS_OF)

    for old, new in zip(before.results, after.results, strict=True):
        assert all(a >= b for a, b in zip(new.sl_achieved, old.sl_achieved, strict=True))
        assert new.srs_in_score == old.srs_in_score
        assert new.srs_meeting_target >= old.srs_meeting_target
        assert old.score is None or new.score >= old.score
        assert len(new.gaps) <= len(old.gaps)
    assert before.score is None or after.score >= before.score
    assert len(after.gaps()) <= len(before.gaps())


@SETTINGS
@given(projects)
def test_meets_target_exactly_when_every_in_scope_requirement_is_satisfied(project):
    evaluation = evaluate(project, CATALOG, AS_OF)

    for result in evaluation.results:
        target = result.target.sl_target
        satisfied = oracle_satisfied(project.assessments_of(result.target.id))
        all_in_scope_satisfied = all(satisfied[r.id] for r in REQUIREMENTS if in_scope(r, target))
        assert result.meets_target is all_in_scope_satisfied
        assert result.meets_target is (len(result.gaps) == 0)


@SETTINGS
@given(projects)
def test_evaluation_is_deterministic(project):
    first = evaluate(project, CATALOG, AS_OF)
    second = evaluate(project, CATALOG, AS_OF)

    assert first.results == second.results
    assert first.gaps() == second.gaps()
    assert [g.id for g in first.gaps()] == [g.id for g in second.gaps()]
    assert overall(first) == overall(second)
