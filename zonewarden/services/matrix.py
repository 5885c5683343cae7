"""``matrix``: the control assessment matrix of one zone or conduit, for editing it.

Every 62443-3-3 requirement in catalog order with its intent, whether the target's SL-T brings
it into scope, the recorded assessment and whether it is satisfied on ``as_of``; plus the
target's SL-T, SL-A and score. The web page and the API (``/api/v1/projects/{id}/matrix/{target}``)
show this same document. Pure: plain data in and out, no I/O.

The arithmetic is the engine's (:mod:`zonewarden.domain.evaluation`): SL-A, score and gaps come
from :func:`evaluate_target`, satisfaction from :meth:`Assessment.satisfied` over the effective
assessments (REs of a not-applicable SR inherit it).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from zonewarden.domain.assessment import Assessment, Compensating
from zonewarden.domain.evaluation import Scope, effective_assessments, evaluate_target
from zonewarden.domain.gaps import Ranker
from zonewarden.domain.levels import FR
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog, Requirement


class TargetNotFound(LookupError):
    """The project has no zone or conduit with this id."""

    def __init__(self, target_id: str) -> None:
        super().__init__(f"zone or conduit {target_id!r}: not found in this project")
        self.target_id = target_id


def _compensating(c: Compensating | None, as_of: date) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "description": c.description,
        "approved_by": c.approved_by,
        "approved_on": c.approved_on.isoformat() if c.approved_on else None,
        "expires_on": c.expires_on.isoformat() if c.expires_on else None,
        "approved": c.approved(),
        "valid": c.valid_on(as_of),
    }


def _row(
    requirement: Requirement,
    sl_target: int,
    recorded: Assessment | None,
    effective: Assessment,
    gap: tuple[str, int] | None,
    as_of: date,
) -> dict[str, Any]:
    """One requirement of the matrix. ``status`` is the recorded status, the inherited
    ``not_applicable`` of an RE whose SR does not apply, or None when nobody assessed it."""
    inherited = recorded is None and effective.status.value == "not_applicable"
    shown = recorded if recorded is not None else effective
    return {
        "id": requirement.id,
        "type": requirement.type,
        "parent": requirement.parent,
        "fr": int(requirement.fr) if requirement.fr else None,
        "title": requirement.title,
        "intent": requirement.intent or None,
        "min_sl": requirement.min_sl,
        "sl_target": sl_target,
        "in_scope": requirement.in_scope(sl_target),
        "status": shown.status.value if (recorded is not None or inherited) else None,
        "recorded": recorded is not None,
        "inherited_from": requirement.parent if inherited else None,
        "evidence": list(shown.evidence),
        "notes": shown.notes,
        "justification": shown.justification,
        "compensating": _compensating(shown.compensating, as_of),
        "assessed_by": shown.assessed_by,
        "assessed_on": shown.assessed_on.isoformat() if shown.assessed_on else None,
        "satisfied": effective.satisfied(as_of),
        "satisfied_by": effective.how_satisfied(as_of),
        "gap": None if gap is None else {"severity": gap[0], "priority": gap[1]},
    }


def zone_matrix(project: Project, catalog: Catalog, target_id: str, as_of: date) -> dict[str, Any]:
    """The assessment matrix of zone or conduit ``target_id`` on ``as_of``.

    Raises :class:`TargetNotFound` when the project has no such zone or conduit.
    """
    found = next(
        ((order, t) for order, t in enumerate(project.targets()) if t.id == target_id), None
    )
    if found is None:
        raise TargetNotFound(target_id)
    order, target = found
    scope = Scope.of(catalog)
    recorded = project.assessments_of(target.id)
    result = evaluate_target(scope, target, order, recorded, as_of, Ranker(project.rules))
    effective = effective_assessments(scope, recorded)
    gaps = {g.requirement: (g.severity, g.priority) for g in result.gaps}
    sl_t, sl_a = target.sl_target, result.sl_achieved
    rows = [
        _row(
            r,
            sl_t[int(r.fr) - 1] if r.fr else 0,
            recorded.get(r.id),
            effective[r.id],
            gaps.get(r.id),
            as_of,
        )
        for r in scope.requirements
    ]
    return {
        "project": project.id,
        "as_of": as_of.isoformat(),
        "target": {
            "id": target.id,
            "type": target.type,
            "name": target.name,
            "safety": target.safety,
            "joins": list(target.joins),
        },
        "sl_target": list(sl_t),
        "sl_achieved": list(sl_a),
        "meets_target": result.meets_target,
        "score": result.score,
        "srs_in_score": result.srs_in_score,
        "srs_meeting_target": result.srs_meeting_target,
        "gaps": result.gap_count,
        "in_scope": sum(1 for row in rows if row["in_scope"]),
        "frs": [
            {
                "fr": int(fr),
                "title": fr.title,
                "sl_target": sl_t[fr - 1],
                "sl_achieved": sl_a[fr - 1],
                "meets_target": sl_a[fr - 1] >= sl_t[fr - 1],
            }
            for fr in FR
        ],
        "requirements": rows,
    }
