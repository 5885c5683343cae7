"""Remediation planning (issue 6): prioritisation, roadmap, projection and the OT gates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zonewarden.catalog import default_catalog
from zonewarden.domain.actions import (
    Action,
    Addressed,
    ChangeRecord,
    GateWaiver,
    LabTest,
    Rollback,
    blocking_gates,
)
from zonewarden.domain.assessment import Assessment, Status
from zonewarden.domain.conduits import Conduit
from zonewarden.domain.evaluation import evaluate
from zonewarden.domain.levels import SLVector
from zonewarden.domain.priorities import prioritise
from zonewarden.domain.projects import Project
from zonewarden.domain.roadmap import LATER, plan, schedule
from zonewarden.domain.zones import Zone

CATALOG = default_catalog()
DAY = date(2026, 11, 26)


def _all_sl1_implemented_but(*missing: str) -> dict[str, Assessment]:
    done = Assessment(Status.IMPLEMENTED)
    return {
        r.id: done for r in CATALOG.system_requirements() if r.min_sl == 1 and r.id not in missing
    }


def _project(*actions: Action, assessments: dict | None = None) -> Project:
    return Project(
        "p",
        "P",
        zones=(
            Zone("ra", "Remote", "remote_access", SLVector([2] * 7)),
            Zone("ctl", "Control", "control", SLVector([1] * 7), safety=True),
        ),
        conduits=(Conduit("ra-ctl", ("ra", "ctl"), SLVector([1] * 7)),),
        assessments=assessments or {},
        actions=actions,
    )


def test_quick_foundational_action_in_a_safety_zone_has_hand_computed_priority() -> None:
    action = Action(
        "a", "A", (Addressed("ctl", ("SR 1.1",)),), finding="default-credentials", effort=2
    )
    item = prioritise(_project(action))["a"]
    # SL-T 1 x 5 + safety 15 + reachable 10 + tooling 5 + foundational 20 + quick win 15
    assert dict(item.terms) == {
        "risk: highest SL-T 1": 5,
        "risk: safety zone": 15,
        "exploitability: reachable from lower trust (ctl)": 10,
        "exploitability: common attack tooling": 5,
        "dependency: foundational control": 20,
        "quick win": 15,
    }
    assert item.score == 70 and item.quick_win and item.foundational


def test_procurement_and_dependents_change_the_priority() -> None:
    base = Action("base", "B", (Addressed("ra", ("SR 6.1",)),), effort=30, procurement=True)
    user = Action("user", "U", (Addressed("ra", ("SR 6.2",)),), depends_on=("base",), effort=1)
    items = prioritise(_project(base, user))
    # SL-T 2 x 5 + reachable 10 + one dependent x 3; no quick win (effort, procurement)
    assert items["base"].score == 10 + 10 + 3
    assert not items["base"].quick_win
    assert items["user"].score == 10 + 10 + 15


def test_projection_of_each_phase_is_hand_computed() -> None:
    ctl = _all_sl1_implemented_but("SR 1.1", "SR 5.1")
    quick = Action("quick", "Q", (Addressed("ctl", ("SR 1.1",)),), effort=1)
    later = Action("later", "L", (Addressed("ctl", ("SR 5.1",)),), effort=1, phase=2)
    project = _project(quick, later, assessments={"ctl": ctl})
    road = plan(project, CATALOG, DAY)
    today, one, two = road.phases
    in_score = today.srs_in_score
    ctl_srs = sum(
        1 for r in CATALOG.system_requirements() if r.min_sl == 1 and not r.is_enhancement
    )
    assert [p.phase for p in road.phases] == [0, 1, 2]
    assert one.actions == ("quick",) and two.actions == ("later",)
    assert today.srs_meeting_target == ctl_srs - 2
    assert one.srs_meeting_target == ctl_srs - 1
    assert two.srs_meeting_target == ctl_srs
    assert one.srs_in_score == in_score
    by_id = {t.id: t for t in two.targets}
    assert list(by_id["ctl"].sl_achieved) == [1] * 7 and by_id["ctl"].meets_target
    assert list({t.id: t for t in one.targets}["ctl"].sl_achieved) == [1, 1, 1, 1, 0, 1, 1]


def test_verified_action_counts_as_implemented_in_the_evaluation() -> None:
    ctl = _all_sl1_implemented_but("SR 1.1")
    open_action = Action("a", "A", (Addressed("ctl", ("SR 1.1",)),), status="in_progress")
    before = evaluate(_project(open_action, assessments={"ctl": ctl}), CATALOG, DAY)
    closed = Action(
        "a",
        "A",
        (Addressed("ctl", ("SR 1.1",)),),
        status="verified",
        evidence=("ev",),
        verified_on=DAY,
    )
    after = evaluate(_project(closed, assessments={"ctl": ctl}), CATALOG, DAY)
    assert before.result("ctl").sl_achieved[0] == 0
    assert after.result("ctl").sl_achieved[0] == 1
    made = _project(closed, assessments={"ctl": ctl}).assessments_of("ctl")["SR 1.1"]
    assert made.evidence == ("ev",) and made.assessed_on == DAY


def test_unverified_rollback_blocks_closure_unless_waived() -> None:
    change = ChangeRecord(
        "c",
        lab_test=LabTest("passed"),
        rollback=Rollback(True, False),
        approved_by="X",
        approved_on=DAY,
        evidence=("ev",),
    )
    action = Action("a", "A", (Addressed("ctl", ("SR 1.1",)),), changes=(change,))
    assert [g.gate for g in blocking_gates(action)] == ["rollback"]
    waived = ChangeRecord(
        "c",
        lab_test=LabTest("passed"),
        rollback=Rollback(True, False),
        approved_by="X",
        approved_on=DAY,
        evidence=("ev",),
        waivers=(GateWaiver("rollback", "tested on twin", "Y"),),
    )
    assert blocking_gates(Action("a", "A", action.addresses, changes=(waived,))) == []


def test_downtime_and_vendor_add_their_gates() -> None:
    action = Action(
        "a",
        "A",
        (Addressed("ctl", ("SR 1.1",)),),
        downtime=True,
        vendor=True,
        changes=(ChangeRecord("c"),),
    )
    gates = [g.gate for g in blocking_gates(action)]
    assert gates == ["lab_test", "maintenance_window", "rollback", "vendor", "approval", "evidence"]


REQUIREMENTS = ["SR 1.1", "SR 1.3", "SR 2.1", "SR 3.1", "SR 5.1", "SR 6.1", "SR 7.3", "SR 7.8"]


@st.composite
def action_lists(draw: st.DrawFn) -> tuple[Action, ...]:
    n = draw(st.integers(1, 14))
    actions = []
    for i in range(n):
        deps = draw(st.lists(st.integers(0, max(0, i - 1)), max_size=min(i, 3), unique=True))
        actions.append(
            Action(
                f"a{i}",
                f"A{i}",
                (
                    Addressed(
                        draw(st.sampled_from(["ra", "ctl", "ra-ctl"])),
                        tuple(
                            draw(
                                st.lists(
                                    st.sampled_from(REQUIREMENTS),
                                    min_size=1,
                                    max_size=3,
                                    unique=True,
                                )
                            )
                        ),
                    ),
                ),
                effort=draw(st.integers(0, 40)),
                procurement=draw(st.booleans()),
                depends_on=tuple(f"a{d}" for d in deps) if i else (),
            )
        )
    return tuple(actions)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(action_lists(), st.integers(1, 40))
def test_no_action_is_scheduled_before_its_dependencies(
    actions: tuple[Action, ...], capacity: int
) -> None:
    project = _project(*actions)
    items, _ = schedule(project, CATALOG, capacity)
    placed = {item.action.id: item for item in items}
    assert len(placed) == len(actions)
    for item in items:
        for dependency in item.action.depends_on:
            assert placed[dependency].end_month <= item.start_month
            assert placed[dependency].phase <= item.phase
    # capacity: what is scheduled within the 24 months never exceeds it
    within = sum(i.action.effort for i in items if i.phase < LATER)
    assert within <= capacity * 24 + 1e-6


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(action_lists(), st.integers(1, 40))
def test_projected_score_never_decreases_from_phase_to_phase(
    actions: tuple[Action, ...], capacity: int
) -> None:
    road = plan(
        _project(*actions, assessments={"ctl": _all_sl1_implemented_but("SR 1.1")}),
        CATALOG,
        DAY,
        capacity=capacity,
    )
    meeting = [p.srs_meeting_target for p in road.phases]
    assert meeting == sorted(meeting)
    for earlier, later in zip(road.phases, road.phases[1:], strict=False):
        for a, b in zip(earlier.targets, later.targets, strict=True):
            assert all(x <= y for x, y in zip(a.sl_achieved, b.sl_achieved, strict=True))


def test_a_phase_fixed_by_hand_pulls_its_dependencies_forward() -> None:
    base = Action("base", "B", (Addressed("ra", ("SR 6.1",)),), effort=10, procurement=True)
    fixed = Action(
        "fixed",
        "F",
        (Addressed("ra", ("SR 6.2",)),),
        effort=1,
        phase=1,
        procurement=True,
        depends_on=("base",),
    )
    items, _ = schedule(_project(base, fixed), CATALOG, 20)
    phases = {i.action.id: i.phase for i in items}
    assert phases == {"base": 1, "fixed": 1}


@pytest.mark.parametrize("capacity", [5, 20])
def test_capacity_pushes_work_into_later_phases(capacity: int) -> None:
    actions = [Action(f"q{i}", "Q", (Addressed("ra", ("SR 1.1",)),), effort=5) for i in range(8)]
    items, _ = schedule(_project(*actions), CATALOG, capacity)
    in_phase_1 = sum(i.action.effort for i in items if i.phase == 1)
    assert in_phase_1 <= capacity * 3
