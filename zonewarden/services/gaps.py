"""``gaps``: the gap register, most important first, with filters (spec sections 3 and 5)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from zonewarden.domain.evaluation import Evaluation
from zonewarden.domain.gaps import Gap


def select_gaps(
    evaluation: Evaluation,
    zones: Collection[str] = (),
    frs: Collection[int] = (),
    severities: Collection[str] = (),
) -> list[Gap]:
    """The register filtered by zone/conduit ids, FR numbers and severities (empty = all)."""
    return [
        gap
        for gap in evaluation.gaps()
        if (not zones or gap.zone in zones)
        and (not frs or gap.fr in frs)
        and (not severities or gap.severity in severities)
    ]


Links = dict[tuple[str, str], dict[str, Any]]


def gap_row(gap: Gap, rank: int, links: Links | None = None) -> dict[str, Any]:
    """One row of the register; with ``links`` (projects with actions or acceptances), the
    action addressing the gap, its common finding, and any valid risk acceptance."""
    row = {
        "rank": rank,
        "id": gap.id,
        "zone": gap.zone,
        "zone_type": gap.zone_type,
        "requirement": gap.requirement,
        "title": gap.title,
        "fr": gap.fr,
        "min_sl": gap.min_sl,
        "sl_target": gap.sl_target,
        "status": gap.status,
        "severity": gap.severity,
        "priority": gap.priority,
    }
    if links:
        link = links.get((gap.zone, gap.requirement), {})
        row["action"] = link.get("action")
        row["finding"] = link.get("finding")
        row["accepted_until"] = link.get("accepted_until")
    return row


def gaps_document(
    evaluation: Evaluation, gaps: list[Gap], links: Links | None = None
) -> dict[str, Any]:
    """The ``gaps --format json`` document (spec section 5)."""
    return {
        "project": evaluation.project.id,
        "as_of": evaluation.as_of.isoformat(),
        "gaps": [gap_row(gap, rank, links) for rank, gap in enumerate(gaps, start=1)],
    }
