"""``lint``: the zoning rules (IEC 62443-3-2 ZCR 3) run on a project, as plain data.

The CLI (``zonewarden lint``) and the web app show the same document: every finding with its
rule, severity, the clause it rests on, what was found, why it matters, how to fix it, the
objects it concerns with their key paths, and the waiver that accepts it, if any.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog
from zonewarden.domain.zoning import (
    LINT_SEVERITIES,
    ZONING_RULES,
    Finding,
    ZoningReview,
    review_zoning,
)
from zonewarden.project.errors import format_path

_RULES = {rule.id: rule for rule in ZONING_RULES}


def waiver_path(index: int) -> str:
    return format_path(("lint", "waive", index))


def finding_row(review: ZoningReview, finding: Finding) -> dict[str, Any]:
    """One finding as plain data (JSON-ready)."""
    rule = _RULES[finding.rule]
    waiver = None
    if finding.waiver is not None:
        w = review.project.waivers[finding.waiver]
        waiver = {
            "path": waiver_path(finding.waiver),
            "reason": w.reason,
            "approved_by": w.approved_by,
            "approved_on": w.approved_on.isoformat() if w.approved_on else None,
            "expires_on": w.expires_on.isoformat() if w.expires_on else None,
            "expired": not finding.waived,
        }
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "clause": rule.clause,
        "title": rule.title,
        "message": finding.message,
        "objects": [
            {"type": c.type, "id": c.id, "path": format_path(c.path)} for c in finding.objects
        ],
        "path": format_path(finding.path),
        "explanation": rule.explanation,
        "fix": rule.fix,
        "waived": finding.waived,
        "waiver": waiver,
    }


def review_document(
    review: ZoningReview, *, strict: bool = False, show_waived: bool = True
) -> dict[str, Any]:
    """The ``lint --format json`` document. ``counts`` count open findings per severity and
    the waived ones; ``findings`` lists the open ones (and the waived ones with
    ``show_waived``), errors first; ``passed`` applies the exit rule (no open error; with
    ``strict``, no open warning either)."""
    shown = [f for f in review.findings if show_waived or not f.waived]
    counts = {severity: review.count(severity) for severity in LINT_SEVERITIES}
    counts["waived"] = len(review.waived)
    return {
        "project": review.project.id,
        "as_of": review.as_of.isoformat(),
        "passed": review.passed(strict),
        "strict": strict,
        "counts": counts,
        "findings": [finding_row(review, f) for f in shown],
        "unused_waivers": [
            {
                "path": waiver_path(n),
                "rule": review.project.waivers[n].rule,
                "objects": list(review.project.waivers[n].objects),
                "reason": review.project.waivers[n].reason,
            }
            for n in review.unused_waivers
        ],
    }


def lint_document(
    project: Project,
    catalog: Catalog,
    as_of: date | None = None,
    *,
    strict: bool = False,
    show_waived: bool = True,
) -> dict[str, Any]:
    """The zoning review of ``project`` on ``as_of`` (default today) as plain data, waived
    findings included by default (the web app shows them greyed with their reason).

    ``catalog`` is the catalog in force, taken like every other service; the zoning rules do
    not read requirements.
    """
    review = review_zoning(project, as_of or date.today())
    return review_document(review, strict=strict, show_waived=show_waived)
