"""``status``: per zone and conduit SL-T, SL-A, score, gaps; overall score (spec section 5)."""

from __future__ import annotations

from datetime import date
from typing import Any

from zonewarden.domain.evaluation import Evaluation, evaluate
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog
from zonewarden.runtime import paused_gc


def status_document(evaluation: Evaluation) -> dict[str, Any]:
    """The ``status --format json`` document: fields and order as in spec section 5."""
    with paused_gc():
        return _document(evaluation)


def _document(evaluation: Evaluation) -> dict[str, Any]:
    zones = [
        {
            "id": r.target.id,
            "type": r.target.type,
            "name": r.target.name,
            "sl_target": list(r.target.sl_target),
            "sl_achieved": list(r.sl_achieved),
            "score": r.score,
            "srs_in_score": r.srs_in_score,
            "srs_meeting_target": r.srs_meeting_target,
            "gaps": r.gap_count,
            "meets_target": r.meets_target,
        }
        for r in evaluation.results
    ]
    return {
        "project": evaluation.project.id,
        "as_of": evaluation.as_of.isoformat(),
        "overall": {
            "score": evaluation.score,
            "srs_in_score": evaluation.srs_in_score,
            "srs_meeting_target": evaluation.srs_meeting_target,
            "targets_met": evaluation.targets_met,
            "targets": len(evaluation.results),
            "gaps": evaluation.gap_count,
        },
        "zones": zones,
    }


def project_status(project: Project, catalog: Catalog, as_of: date) -> dict[str, Any]:
    return status_document(evaluate(project, catalog, as_of))
