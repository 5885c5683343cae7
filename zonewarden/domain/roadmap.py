"""The remediation roadmap: actions in three phases, with the SL-A each phase buys.

Methodology, Phase 2 ("Building the Remediation Roadmap"): Phase 1 (months 0-3) quick wins and
foundations, Phase 2 (3-12) core controls, Phase 3 (12-24) advanced maturity. Rules:

- an action never starts before every action it depends on has ended;
- a phase fixed by hand is honoured (its dependencies are pulled into that phase or earlier);
- the person-days per month (``capacity``) are not exceeded, except by fixed phases, which
  are reported as over capacity; what does not fit in 24 months is listed as ``later``;
- an action's own phase: fixed, else 1 for quick wins and foundational controls, 3 for
  advanced maturity (every requirement it addresses applies from SL 3 up), else 2; then no
  earlier than its dependencies; ready actions are placed by priority.

For each phase the projection evaluates a copy of the project in which the requirements of
the actions of that phase and the earlier ones are implemented (:func:`projection`).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from zonewarden.domain.actions import PHASE_MONTHS, Action
from zonewarden.domain.assessment import Assessment, Status
from zonewarden.domain.evaluation import Scope, TargetResult, evaluate_target, score_of
from zonewarden.domain.gaps import Ranker
from zonewarden.domain.levels import SLVector
from zonewarden.domain.priorities import ActionPriority, prioritise
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog

LATER = 4  # beyond the 24 months of the roadmap (over capacity)
PHASE_NAMES = {
    1: "Phase 1 (0-3 months): quick wins and foundations",
    2: "Phase 2 (3-12 months): core controls",
    3: "Phase 3 (12-24 months): advanced maturity",
    LATER: "Later (after 24 months): over capacity",
}


class CycleError(ValueError):
    """The actions' dependencies form a cycle (the loader refuses such files)."""


@dataclass(frozen=True, slots=True)
class Scheduled:
    """One action placed on the roadmap: phase and months [start, end) from the start date."""

    priority: ActionPriority
    phase: int
    start_month: int
    end_month: int
    reason: str
    over_capacity: float = 0.0  # person-days a fixed phase could not fit

    @property
    def action(self) -> Action:
        return self.priority.action


@dataclass(frozen=True, slots=True)
class TargetProjection:
    id: str
    type: str
    sl_target: SLVector
    sl_achieved: SLVector
    meets_target: bool
    score: float | None


@dataclass(frozen=True, slots=True)
class PhaseProjection:
    """The state of the project once the actions up to this phase are implemented."""

    phase: int  # 0 = today
    actions: tuple[str, ...]  # this phase's actions
    effort: float
    cost: float
    score: float | None
    srs_in_score: int
    srs_meeting_target: int
    targets: tuple[TargetProjection, ...]

    @property
    def targets_met(self) -> int:
        return sum(1 for t in self.targets if t.meets_target)


@dataclass(frozen=True, slots=True)
class Roadmap:
    start: date
    capacity: int
    items: tuple[Scheduled, ...]  # by phase, then start month, then priority
    phases: tuple[PhaseProjection, ...]  # today, then each phase that exists
    done: tuple[Action, ...]  # verified or cancelled: not scheduled

    def phase_items(self, phase: int) -> list[Scheduled]:
        return [item for item in self.items if item.phase == phase]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (clamped to the month's last day)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _desired_phase(item: ActionPriority) -> tuple[int, str]:
    action = item.action
    if action.phase is not None:
        return action.phase, f"phase {action.phase} fixed by hand"
    if action.status == "implemented":
        return 1, "implemented: awaits verification"
    if item.quick_win:
        return 1, "quick win"
    if item.foundational:
        return 1, "foundational control"
    return 2, "core control"


def _advanced(action: Action, catalog: Catalog) -> bool:
    levels = [
        requirement.min_sl
        for a in action.addresses
        for r in a.requirements
        if (requirement := catalog.get(r)) is not None
    ]
    return bool(levels) and min(levels) >= 3


class _Capacity:
    """Person-days left per month; months before ``first`` are full."""

    def __init__(self, per_month: int):
        self.per_month = float(per_month)
        self.used: dict[int, float] = {}
        self.first = 0

    def fill(self, start: int, effort: float, commit: bool, limit: int | None = None) -> int:
        """End month (exclusive) of ``effort`` starting at ``start``; with ``limit``, stops
        there and returns the limit (the rest is over capacity)."""
        if effort <= 0:
            return start
        month, left, last = max(start, self.first), effort, start
        while left > 1e-9:
            if limit is not None and month >= limit:
                return limit
            free = self.per_month - self.used.get(month, 0.0)
            if free > 1e-9:
                take = min(free, left)
                if commit:
                    self.used[month] = self.used.get(month, 0.0) + take
                left -= take
                last = month
            month += 1
        if commit:
            while self.per_month - self.used.get(self.first, 0.0) <= 1e-9:
                self.first += 1
        return last + 1


def schedule(
    project: Project, catalog: Catalog, capacity: int | None = None
) -> tuple[list[Scheduled], list[Action]]:
    """Place the open and implemented actions on the roadmap; verified and cancelled ones are
    returned apart (already done, or dropped)."""
    per_month = capacity or project.rules.planning.capacity
    priorities = prioritise(project)
    scheduled = ("planned", "in_progress", "implemented")
    active = [a for a in project.actions if a.status in scheduled]
    done = [a for a in project.actions if a.status not in scheduled]
    ids = {a.id for a in active}
    deps = {a.id: [d for d in a.depends_on if d in ids] for a in active}
    users: dict[str, list[str]] = {a.id: [] for a in active}
    for a in active:
        for d in deps[a.id]:
            users[d].append(a.id)
    desired: dict[str, tuple[int, str]] = {}
    for a in active:
        phase, reason = _desired_phase(priorities[a.id])
        if a.phase is None and phase == 2 and _advanced(a, catalog):
            phase, reason = 3, "advanced maturity (applies from SL 3)"
        desired[a.id] = (phase, reason)
    deadline = _deadlines(active, users)
    for a in active:
        if deadline[a.id] < desired[a.id][0]:
            desired[a.id] = (deadline[a.id], f"needed by an action fixed to phase {deadline[a.id]}")
    waiting = {a.id: len(deps[a.id]) for a in active}
    ready = [
        (desired[a.id][0], *priorities[a.id].sort_key(), a.id) for a in active if not deps[a.id]
    ]
    heapq.heapify(ready)
    pool = _Capacity(per_month)
    placed: dict[str, Scheduled] = {}
    while ready:
        *_, action_id = heapq.heappop(ready)
        item = priorities[action_id]
        action = item.action
        phase, reason = desired[action_id]
        after = max((placed[d].end_month for d in deps[action_id]), default=0)
        dep_phase = max((placed[d].phase for d in deps[action_id]), default=1)
        if dep_phase > phase:
            phase, reason = (
                dep_phase,
                f"after {max(deps[action_id], key=lambda d: placed[d].phase)}",
            )
        effort = 0.0 if action.status == "implemented" else float(action.effort)
        bound = min(deadline[action_id], LATER)
        while True:
            start = max(after, _phase_start(phase))
            end = pool.fill(start, effort, commit=False)
            if phase >= LATER or end <= _phase_end(phase) or phase >= bound:
                break
            phase += 1
            reason = f"{reason}; moved to phase {phase} by capacity"
        over = 0.0
        if phase < LATER and end > _phase_end(phase):  # fixed by hand (or needed so): squeeze
            limit = _phase_end(phase)
            before = sum(pool.used.values())
            start = min(start, limit - 1)
            pool.fill(start, effort, commit=True, limit=limit)
            over = effort - (sum(pool.used.values()) - before)
            end = limit
        else:
            pool.fill(start, effort, commit=True)
        placed[action_id] = Scheduled(item, phase, start, end, reason, over)
        for user in users[action_id]:
            waiting[user] -= 1
            if not waiting[user]:
                heapq.heappush(ready, (desired[user][0], *priorities[user].sort_key(), user))
    if len(placed) != len(active):
        raise CycleError("the actions' dependencies form a cycle")
    items = sorted(placed.values(), key=lambda s: (s.phase, s.start_month, *s.priority.sort_key()))
    return items, done


def _phase_start(phase: int) -> int:
    return PHASE_MONTHS[phase - 1][0] if phase < LATER else PHASE_MONTHS[-1][1]


def _phase_end(phase: int) -> int:
    return PHASE_MONTHS[phase - 1][1] if phase < LATER else 1 << 30


def _deadlines(active: list[Action], users: dict[str, list[str]]) -> dict[str, int]:
    """The latest phase each action may take: its fixed phase, or that of what needs it."""
    memo: dict[str, int] = {}
    by_id = {a.id: a for a in active}

    def visit(action_id: str, depth: int = 0) -> int:
        if action_id in memo:
            return memo[action_id]
        if depth > len(active):
            raise CycleError("the actions' dependencies form a cycle")
        own = by_id[action_id].phase or LATER
        value = min([own, *(visit(u, depth + 1) for u in users[action_id])])
        memo[action_id] = value
        return value

    order = _reverse_topological(active, users)
    for action_id in order:
        visit(action_id)
    return memo


def _reverse_topological(active: list[Action], users: dict[str, list[str]]) -> list[str]:
    """Ids with every user before the actions it uses (so the recursion stays shallow)."""
    indegree = {a.id: len(users[a.id]) for a in active}
    deps = {a.id: [d for d in a.depends_on if d in indegree] for a in active}
    queue = [i for i, n in indegree.items() if n == 0]
    out: list[str] = []
    while queue:
        node = queue.pop()
        out.append(node)
        for d in deps[node]:
            indegree[d] -= 1
            if indegree[d] == 0:
                queue.append(d)
    if len(out) != len(active):
        raise CycleError("the actions' dependencies form a cycle")
    return out


_IMPLEMENTED = Assessment(Status.IMPLEMENTED, notes="projected: planned action implemented")


def projection(
    project: Project, catalog: Catalog, as_of: date, phases: Iterable[Iterable[Action]]
) -> list[PhaseProjection]:
    """Today, then the project after each group of actions (cumulatively) is implemented.

    A pair an action addresses counts as implemented unless its effective assessment already
    satisfies it (or is not applicable). Only the zones and conduits the actions touch are
    evaluated again; the others keep today's results.
    """
    scope = Scope.of(catalog)
    ranker = Ranker(project.rules)
    targets = list(project.targets())
    current = {
        t.id: evaluate_target(scope, t, n, project.assessments_of(t.id), as_of, ranker)
        for n, t in enumerate(targets)
    }
    out = [_snapshot(0, (), current)]
    overlay: dict[str, dict[str, Assessment]] = {}
    for number, group in enumerate(phases, start=1):
        group = list(group)
        touched: set[str] = set()
        for action in group:
            for target, requirement in action.pairs():
                entry = project.assessments_of(target).get(requirement)
                if entry is not None and (
                    entry.status is Status.NOT_APPLICABLE or entry.satisfied(as_of)
                ):
                    continue
                overlay.setdefault(target, {})[requirement] = _IMPLEMENTED
                touched.add(target)
        for n, t in enumerate(targets):
            if t.id in touched:
                recorded = {**project.assessments_of(t.id), **overlay[t.id]}
                current[t.id] = evaluate_target(scope, t, n, recorded, as_of, ranker)
        out.append(_snapshot(number, group, current))
    return out


def _snapshot(
    number: int, group: Iterable[Action], results: dict[str, TargetResult]
) -> PhaseProjection:
    group = list(group)
    rows = []
    in_score = meeting = 0
    for r in results.values():
        in_score += r.srs_in_score
        meeting += r.srs_meeting_target
        rows.append(
            TargetProjection(
                r.target.id,
                r.target.type,
                r.target.sl_target,
                r.sl_achieved,
                r.meets_target,
                r.score,
            )
        )
    return PhaseProjection(
        number,
        tuple(a.id for a in group),
        sum(a.effort for a in group if a.status != "implemented"),
        sum(a.cost or 0 for a in group),
        score_of(meeting, in_score),
        in_score,
        meeting,
        tuple(rows),
    )


def plan(
    project: Project,
    catalog: Catalog,
    as_of: date,
    start: date | None = None,
    capacity: int | None = None,
) -> Roadmap:
    """The roadmap of a project: the schedule and the projection of each phase."""
    items, done = schedule(project, catalog, capacity)
    present = sorted({item.phase for item in items})
    groups = [[item.action for item in items if item.phase == p] for p in present]
    projected = projection(project, catalog, as_of, groups)
    phases = [projected[0]] + [
        _renumber(p, number) for p, number in zip(projected[1:], present, strict=True)
    ]
    return Roadmap(
        start or as_of,
        capacity or project.rules.planning.capacity,
        tuple(items),
        tuple(phases),
        tuple(done),
    )


def _renumber(projection: PhaseProjection, phase: int) -> PhaseProjection:
    from dataclasses import replace

    return replace(projection, phase=phase)
