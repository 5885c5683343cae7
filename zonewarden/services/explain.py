"""``explain``: the reasoning behind a zone's SL-A or one requirement's verdict."""

from __future__ import annotations

from datetime import date
from typing import Any

from zonewarden.domain.evaluation import Scope
from zonewarden.domain.explain import (
    RequirementExplanation,
    TargetExplanation,
    explain_requirement,
    explain_target,
)
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog, Requirement
from zonewarden.domain.zones import Target


def find_target(project: Project, target_id: str) -> tuple[Target, int] | None:
    for order, target in enumerate(project.targets()):
        if target.id == target_id:
            return target, order
    return None


def target_explanation(
    project: Project, catalog: Catalog, target: Target, order: int, as_of: date
) -> TargetExplanation:
    return explain_target(Scope.of(catalog), project, target, order, as_of)


def requirement_explanation(
    project: Project,
    catalog: Catalog,
    target: Target,
    order: int,
    requirement: Requirement,
    as_of: date,
) -> RequirementExplanation:
    return explain_requirement(Scope.of(catalog), project, target, order, requirement, as_of)


def target_document(explanation: TargetExplanation, as_of: date) -> dict[str, Any]:
    result = explanation.result
    return {
        "zone": explanation.target.id,
        "type": explanation.target.type,
        "as_of": as_of.isoformat(),
        "sl_target": list(explanation.target.sl_target),
        "sl_achieved": list(result.sl_achieved),
        "meets_target": result.meets_target,
        "score": result.score,
        "srs_in_score": result.srs_in_score,
        "srs_meeting_target": result.srs_meeting_target,
        "frs": [
            {
                "fr": int(fr.fr),
                "title": fr.fr.title,
                "sl_target": fr.sl_target,
                "sl_achieved": fr.sl_achieved,
                "meets_target": fr.meets,
                "capped_by": [
                    {
                        "requirement": b.requirement.id,
                        "min_sl": b.requirement.min_sl,
                        "status": b.status,
                    }
                    for b in fr.blockers
                ],
                "explanation": fr.sentence(),
            }
            for fr in explanation.frs
        ],
    }


def requirement_document(explanation: RequirementExplanation, as_of: date) -> dict[str, Any]:
    gap = explanation.gap
    return {
        "zone": explanation.target.id,
        "type": explanation.target.type,
        "requirement": explanation.requirement.id,
        "title": explanation.requirement.title,
        "intent": explanation.requirement.intent or None,
        "as_of": as_of.isoformat(),
        "fr": int(explanation.requirement.fr) if explanation.requirement.fr else None,
        "min_sl": explanation.requirement.min_sl,
        "sl_target": explanation.sl_target,
        "in_scope": explanation.in_scope,
        "status": explanation.assessment.status.value,
        "recorded": explanation.recorded,
        "satisfied": explanation.satisfied_by is not None,
        "satisfied_by": explanation.satisfied_by,
        "gap": None
        if gap is None
        else {
            "severity": gap.severity,
            "severity_reasons": list(gap.severity_reasons),
            "priority": gap.priority,
            "priority_terms": [{"term": n, "value": v} for n, v in gap.priority_terms],
        },
        "explanation": list(explanation.lines),
    }
