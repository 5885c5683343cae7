"""Prioritisation of remediation actions (methodology, Phase 2: "Prioritizing Gaps").

Four criteria, each a weighted term of :class:`~zonewarden.domain.rules.PlanningRules` so that
``explain`` can show why an action ranks where it does: risk impact (SL-T and consequence of
the zones and conduits touched, safety first), exploitability (reachable from lower-trust zones
or remote access; weaknesses with common attack tooling), dependency (foundational controls,
and actions others wait for) and quick wins (low effort, no procurement, no process change, no
downtime). Pure: a function of the project only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from zonewarden.domain.actions import Action
from zonewarden.domain.findings import BY_ID as FINDINGS
from zonewarden.domain.findings import FOUNDATIONAL_REQUIREMENTS
from zonewarden.domain.projects import Project
from zonewarden.domain.rules import PlanningRules

# Zone kinds of lower trust, or the way in from outside (remote access).
EXPOSED_KINDS = frozenset({"remote_access", "dmz", "enterprise", "external", "wireless"})


@dataclass(frozen=True, slots=True)
class ActionPriority:
    """The priority of one action, with the weighted terms that make it up."""

    action: Action
    score: int
    terms: tuple[tuple[str, int], ...]
    quick_win: bool
    foundational: bool
    order: int  # position in the file

    def sort_key(self) -> tuple[int, int]:
        return (-self.score, self.order)


def is_quick_win(action: Action, rules: PlanningRules) -> bool:
    """Low effort, and no procurement, process change or downtime."""
    return (
        action.effort <= rules.quick_win_effort
        and not action.procurement
        and not action.process_change
        and not action.downtime
    )


def is_foundational(action: Action) -> bool:
    """Accounts, segmentation or asset inventory: by its finding, or by what it addresses."""
    finding = FINDINGS.get(action.finding or "")
    if finding is not None and finding.foundational:
        return True
    return any(r in FOUNDATIONAL_REQUIREMENTS for a in action.addresses for r in a.requirements)


def exposed_targets(project: Project) -> frozenset[str]:
    """Zones and conduits reachable from lower-trust zones or remote access: exposed kinds,
    zones with a conduit to one, and the conduits touching one."""
    kinds = {z.id: z.kind for z in project.zones}
    exposed = {z for z, kind in kinds.items() if kind in EXPOSED_KINDS}
    reached = set(exposed)
    for conduit in project.conduits:
        if any(z in exposed for z in conduit.zones):
            reached.add(conduit.id)
            reached.update(conduit.zones)
    return frozenset(reached)


def _consequence_ranks(project: Project) -> dict[str, int]:
    """Per zone or conduit, the rank (0 = lowest) of its worst initial consequence."""
    risk = project.risk
    if risk is None:
        return {}
    levels = [level.id for level in risk.matrix.consequence]
    ranks: dict[str, int] = {}
    for target, zone_risk in risk.zones.items():
        if zone_risk.initial is not None:
            found = [levels.index(v) for _, v in zone_risk.initial.consequence if v in levels]
            if found:
                ranks[target] = max(found)
    return ranks


def _dependents(actions: tuple[Action, ...]) -> dict[str, int]:
    """How many actions depend on each action, directly or through others."""
    users: dict[str, list[str]] = {a.id: [] for a in actions}
    for action in actions:
        for dependency in action.depends_on:
            users.setdefault(dependency, []).append(action.id)
    counts: dict[str, int] = {}
    for action in actions:
        if not users.get(action.id):
            counts[action.id] = 0
            continue
        seen: set[str] = set()
        stack = list(users[action.id])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(users.get(node, ()))
        counts[action.id] = len(seen)
    return counts


def prioritise(project: Project) -> dict[str, ActionPriority]:
    """The priority of every action of the project, by action id."""
    rules = project.rules.planning
    targets = {t.id: t for t in project.targets()}
    exposed = exposed_targets(project)
    consequence = _consequence_ranks(project)
    dependents = _dependents(project.actions)
    out: dict[str, ActionPriority] = {}
    for order, action in enumerate(project.actions):
        out[action.id] = rank_action(
            action, order, rules, targets, exposed, consequence, dependents.get(action.id, 0)
        )
    return out


def rank_action(
    action: Action,
    order: int,
    rules: PlanningRules,
    targets: Mapping[str, object],
    exposed: frozenset[str],
    consequence: Mapping[str, int],
    dependents: int,
) -> ActionPriority:
    """One action's priority; the terms say which criterion gave what."""
    touched = [targets[z] for z in action.zones() if z in targets]
    terms: list[tuple[str, int]] = []
    top = max((max(t.sl_target) for t in touched), default=0)  # type: ignore[attr-defined]
    if top and rules.risk_weight:
        terms.append((f"risk: highest SL-T {top}", rules.risk_weight * top))
    worst = max((consequence.get(z, -1) for z in action.zones()), default=-1)
    if worst > 0 and rules.consequence_weight:
        terms.append((f"risk: consequence rank {worst}", rules.consequence_weight * worst))
    if any(t.safety for t in touched) and rules.safety_weight:  # type: ignore[attr-defined]
        terms.append(("risk: safety zone", rules.safety_weight))
    reachable = [z for z in action.zones() if z in exposed]
    if reachable and rules.exposure_weight:
        terms.append(
            (f"exploitability: reachable from lower trust ({reachable[0]})", rules.exposure_weight)
        )
    finding = FINDINGS.get(action.finding or "")
    if finding is not None and finding.tooling and rules.tooling_weight:
        terms.append(("exploitability: common attack tooling", rules.tooling_weight))
    foundational = is_foundational(action)
    if foundational and rules.foundation_weight:
        terms.append(("dependency: foundational control", rules.foundation_weight))
    if dependents and rules.dependents_weight:
        terms.append(
            (f"dependency: {dependents} actions wait for it", rules.dependents_weight * dependents)
        )
    quick = is_quick_win(action, rules)
    if quick and rules.quick_win_weight:
        terms.append(("quick win", rules.quick_win_weight))
    return ActionPriority(
        action, sum(v for _, v in terms), tuple(terms), quick, foundational, order
    )
