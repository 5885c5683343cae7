"""``snapshot``, ``diff`` and ``trend``: the JSON documents and CSV rows (issue 7 item 6).

The CLI prints these documents with ``--format json``; the web app can serve the same ones.
They take domain objects (:class:`~zonewarden.domain.snapshots.Snapshot`,
:class:`~zonewarden.domain.snapshots.SnapshotDiff`), never paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zonewarden.domain.projects import Project
from zonewarden.domain.snapshots import Snapshot, SnapshotDiff, TargetChange
from zonewarden.project.snapshots import to_document

DIFF_COLUMNS = (
    "id",
    "type",
    "change",
    "sl_achieved_before",
    "sl_achieved_after",
    "score_before",
    "score_after",
    "score_delta",
    "gaps_opened",
    "gaps_closed",
    "evidence_added",
    "evidence_removed",
    "evidence_expired",
    "explanation",
)
TREND_COLUMNS = (
    "as_of",
    "score",
    "srs_in_score",
    "srs_meeting_target",
    "gaps",
    "targets_met",
    "targets",
)


def snapshot_document(snapshot: Snapshot) -> dict[str, Any]:
    """The ``snapshot --format json`` document: exactly the snapshot file's content."""
    return to_document(snapshot)


def _vector(values: tuple[int, ...] | None) -> list[int] | None:
    return None if values is None else list(values)


def _change(t: TargetChange) -> dict[str, Any]:
    return {
        "id": t.id,
        "type": t.type,
        "name": t.name,
        "change": t.change,
        "sl_target_before": _vector(t.sl_target_before),
        "sl_target_after": _vector(t.sl_target_after),
        "sl_achieved_before": _vector(t.sl_achieved_before),
        "sl_achieved_after": _vector(t.sl_achieved_after),
        "score_before": t.score_before,
        "score_after": t.score_after,
        "score_delta": t.score_delta,
        "meets_target_before": t.meets_target_before,
        "meets_target_after": t.meets_target_after,
        "gaps_before": t.gaps_before,
        "gaps_after": t.gaps_after,
        "gaps_opened": list(t.gaps_opened),
        "gaps_closed": list(t.gaps_closed),
        "evidence_added": list(t.evidence_added),
        "evidence_removed": list(t.evidence_removed),
        "evidence_expired": list(t.evidence_expired),
        "explanation": t.explanation,
    }


def _side(snapshot: Snapshot) -> dict[str, Any]:
    o = snapshot.overall
    return {
        "as_of": snapshot.as_of.isoformat(),
        "name": snapshot.project_name,
        "score": o.score,
        "gaps": o.gaps,
        "targets_met": o.targets_met,
        "targets": o.targets,
    }


def diff_document(diff: SnapshotDiff) -> dict[str, Any]:
    """The ``diff --format json`` document: both sides, the overall change, and one entry per
    zone or conduit that changed, was added or was removed (the rest listed by id)."""
    old, new = diff.old.overall, diff.new.overall
    return {
        "project": diff.new.project_id,
        "old": _side(diff.old),
        "new": _side(diff.new),
        "overall": {
            "score_before": old.score,
            "score_after": new.score,
            "score_delta": diff.score_delta,
            "gaps_before": old.gaps,
            "gaps_after": new.gaps,
            "gaps_opened": diff.gaps_opened,
            "gaps_closed": diff.gaps_closed,
            "targets_met_before": old.targets_met,
            "targets_met_after": new.targets_met,
            "evidence_expired": list(diff.evidence_expired),
            "summary": diff.summary,
        },
        "added": list(diff.added),
        "removed": list(diff.removed),
        "unchanged": [t.id for t in diff.targets if t.change == "unchanged"],
        "zones": [_change(t) for t in diff.changed],
    }


_ID_LISTS = ("gaps_opened", "gaps_closed", "evidence_added", "evidence_removed", "evidence_expired")


def diff_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """CSV rows of a diff document: id lists joined with "; " (requirement ids hold spaces)."""
    rows = []
    for zone in document["zones"]:
        row = dict(zone)
        for key in _ID_LISTS:
            row[key] = "; ".join(zone[key])
        rows.append(row)
    return rows


def trend_document(project: Project, snapshots: Sequence[Snapshot]) -> dict[str, Any]:
    """The ``trend --format json`` document: the overall figures and per zone and conduit
    scores of each snapshot, oldest first."""
    return {
        "project": project.id,
        "name": project.name,
        "snapshots": [
            {
                "as_of": s.as_of.isoformat(),
                "score": s.overall.score,
                "srs_in_score": s.overall.srs_in_score,
                "srs_meeting_target": s.overall.srs_meeting_target,
                "gaps": s.overall.gaps,
                "targets_met": s.overall.targets_met,
                "targets": s.overall.targets,
                "zones": [
                    {
                        "id": t.id,
                        "type": t.type,
                        "score": t.score,
                        "gaps": len(t.gaps),
                        "meets_target": t.meets_target,
                    }
                    for t in s.targets
                ],
            }
            for s in snapshots
        ],
    }
