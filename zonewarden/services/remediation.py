"""Remediation use cases shared by the CLI (and later the web app): the action list, the
roadmap (``plan``) and the change gates of one action, as plain documents."""

from __future__ import annotations

from datetime import date
from typing import Any

from zonewarden.domain.actions import Action, blocking_gates, gate_states
from zonewarden.domain.findings import BY_ID as FINDINGS
from zonewarden.domain.priorities import ActionPriority, prioritise
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog
from zonewarden.domain.roadmap import PHASE_NAMES, Roadmap, add_months, plan

ACTION_COLUMNS = (
    "rank",
    "id",
    "title",
    "status",
    "finding",
    "zones",
    "gaps",
    "owner",
    "effort",
    "cost",
    "procurement",
    "process_change",
    "downtime",
    "vendor",
    "depends_on",
    "priority",
    "quick_win",
    "foundational",
)
PLAN_COLUMNS = (
    "phase",
    "id",
    "title",
    "status",
    "start",
    "end",
    "effort",
    "cost",
    "priority",
    "reason",
    "depends_on",
)


def action_row(item: ActionPriority, rank: int) -> dict[str, Any]:
    a = item.action
    return {
        "rank": rank,
        "id": a.id,
        "title": a.title,
        "status": a.status,
        "finding": a.finding,
        "zones": list(a.zones()),
        "gaps": len(a.pairs()),
        "owner": a.owner,
        "effort": a.effort,
        "cost": a.cost,
        "procurement": a.procurement,
        "process_change": a.process_change,
        "downtime": a.downtime,
        "vendor": a.vendor,
        "depends_on": list(a.depends_on),
        "priority": item.score,
        "quick_win": item.quick_win,
        "foundational": item.foundational,
    }


def actions_document(project: Project, as_of: date) -> dict[str, Any]:
    """``actions --format json``: every action, highest priority first, with its terms."""
    ranked = sorted(prioritise(project).values(), key=ActionPriority.sort_key)
    return {
        "project": project.id,
        "as_of": as_of.isoformat(),
        "actions": [
            {
                **action_row(item, rank),
                "priority_terms": [{"term": t, "value": v} for t, v in item.terms],
                "blocking_gates": len(blocking_gates(item.action)),
            }
            for rank, item in enumerate(ranked, start=1)
        ],
    }


def roadmap(
    project: Project, catalog: Catalog, as_of: date, start: date | None, capacity: int | None
) -> Roadmap:
    return plan(project, catalog, as_of, start, capacity)


def plan_document(project: Project, road: Roadmap, as_of: date) -> dict[str, Any]:
    """``plan --format json``: phases with their actions and projected SL-A and score."""
    phases = []
    for projection in road.phases:
        items = road.phase_items(projection.phase) if projection.phase else []
        phases.append(
            {
                "phase": projection.phase,
                "name": "Today" if projection.phase == 0 else PHASE_NAMES[projection.phase],
                "actions": [plan_row(road, item) for item in items],
                "effort": projection.effort,
                "cost": projection.cost,
                "score": projection.score,
                "srs_in_score": projection.srs_in_score,
                "srs_meeting_target": projection.srs_meeting_target,
                "targets_met": projection.targets_met,
                "targets": len(projection.targets),
                "zones": [
                    {
                        "id": t.id,
                        "type": t.type,
                        "sl_target": list(t.sl_target),
                        "sl_achieved": list(t.sl_achieved),
                        "meets_target": t.meets_target,
                        "score": t.score,
                    }
                    for t in projection.targets
                ],
            }
        )
    return {
        "project": project.id,
        "as_of": as_of.isoformat(),
        "start": road.start.isoformat(),
        "capacity": road.capacity,
        "phases": phases,
        "not_scheduled": [{"id": a.id, "status": a.status} for a in road.done],
    }


def plan_row(road: Roadmap, item: Any) -> dict[str, Any]:
    a = item.action
    return {
        "phase": item.phase,
        "id": a.id,
        "title": a.title,
        "status": a.status,
        "start": add_months(road.start, item.start_month).isoformat(),
        "end": add_months(road.start, max(item.end_month, item.start_month)).isoformat(),
        "start_month": item.start_month,
        "end_month": item.end_month,
        "effort": a.effort,
        "cost": a.cost,
        "priority": item.priority.score,
        "reason": item.reason,
        "depends_on": list(a.depends_on),
        "over_capacity": item.over_capacity,
    }


def change_document(project: Project, action: Action) -> dict[str, Any]:
    """``change FILE ACTION --format json``: the gates of each change record and what blocks
    closure."""
    finding = FINDINGS.get(action.finding or "")
    return {
        "project": project.id,
        "action": action.id,
        "title": action.title,
        "status": action.status,
        "finding": None if finding is None else {"id": finding.id, "title": finding.title},
        "changes": [
            {
                "id": change.id,
                "title": change.title,
                "gates": [
                    {
                        "gate": s.gate,
                        "closed": s.closed,
                        "detail": s.detail,
                        "waived": None
                        if s.waiver is None
                        else {"reason": s.waiver.reason, "approved_by": s.waiver.approved_by},
                    }
                    for s in gate_states(action, change)
                ],
            }
            for change in action.changes
        ],
        "blocking": [
            {"change": s.change, "gate": s.gate, "detail": s.detail} for s in blocking_gates(action)
        ],
        "can_close": not blocking_gates(action),
    }


def gap_links(project: Project, as_of: date) -> dict[tuple[str, str], dict[str, Any]]:
    """Per (zone, requirement): the action addressing it, its common finding, and a valid
    risk acceptance (expired acceptances are left out: the gap is open again)."""
    links: dict[tuple[str, str], dict[str, Any]] = {}
    for action in project.actions:
        if action.status == "cancelled":
            continue
        for pair in action.pairs():
            links.setdefault(pair, {"action": action.id, "finding": action.finding})
    for acceptance in project.acceptances:
        if not acceptance.valid_on(as_of):
            continue
        for requirement in acceptance.requirements:
            entry = links.setdefault((acceptance.target, requirement), {})
            entry["accepted_until"] = (
                acceptance.expires_on.isoformat() if acceptance.expires_on else "no expiry"
            )
    return links
