"""The non-conformity register as a document (``nonconformities --format json``): each
finding with its status on ``as_of``, its corrective action and whether that is overdue
(docs/concepts/nonconformities.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from zonewarden.domain.nonconformities import NC_SEVERITIES, NC_STATUSES, Nonconformity
from zonewarden.domain.projects import Project

NC_COLUMNS = (
    "id",
    "status",
    "severity",
    "source",
    "raised_on",
    "finding",
    "zones",
    "requirements",
    "owner",
    "due_on",
    "done_on",
    "overdue",
    "days_overdue",
    "verified_on",
    "closed_on",
)
_SEVERITY_ORDER = {severity: n for n, severity in enumerate(NC_SEVERITIES)}


def _days_overdue(nc: Nonconformity, as_of: date) -> int:
    action = nc.corrective_action
    if not nc.overdue(as_of) or action is None or action.due_on is None:
        return 0
    return (as_of - action.due_on).days


def nonconformity_row(nc: Nonconformity, as_of: date) -> dict[str, Any]:
    """One entry of the register on ``as_of``."""
    status = nc.status(as_of)
    action, check = nc.corrective_action, nc.verification
    overdue = status != "closed" and nc.overdue(as_of)
    return {
        "id": nc.id,
        "status": status,
        "open": status != "closed",
        "severity": nc.severity,
        "source": nc.source,
        "raised_on": nc.raised_on.isoformat(),
        "auditor": nc.auditor,
        "finding": nc.finding,
        "zones": list(nc.zones),
        "requirements": list(nc.requirements),
        "references": list(nc.references),
        "root_cause": nc.root_cause,
        "corrective_action": None
        if action is None
        else {
            "description": action.description,
            "owner": action.owner,
            "due_on": _iso(action.due_on),
            "done_on": _iso(action.done_on),
        },
        "owner": None if action is None else action.owner,
        "due_on": None if action is None else _iso(action.due_on),
        "overdue": overdue,
        "days_overdue": _days_overdue(nc, as_of) if overdue else 0,
        "verification": None
        if check is None
        else {
            "verified_on": check.verified_on.isoformat(),
            "effective": check.effective,
            "verified_by": check.verified_by,
            "notes": check.notes,
        },
        "closed_on": _iso(nc.closed_on),
    }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _order(row: dict[str, Any]) -> tuple[bool, int, bool, str, str]:
    due = row["due_on"]
    return (not row["open"], _SEVERITY_ORDER[row["severity"]], due is None, due or "", row["id"])


def register_document(project: Project, as_of: date, open_only: bool = False) -> dict[str, Any]:
    """``nonconformities --format json``: the findings raised by ``as_of``, open ones first,
    then major, minor, observation, then by corrective-action due date (none last), with
    counts of what is listed (``open_only`` leaves closed ones out)."""
    rows = [nonconformity_row(nc, as_of) for nc in project.nonconformities if nc.raised_on <= as_of]
    if open_only:
        rows = [row for row in rows if row["open"]]
    rows.sort(key=_order)
    return {
        "project": project.id,
        "as_of": as_of.isoformat(),
        "open_only": open_only,
        "counts": {
            "total": len(rows),
            "open": sum(1 for row in rows if row["open"]),
            "overdue": sum(1 for row in rows if row["overdue"]),
            "by_status": {s: sum(1 for row in rows if row["status"] == s) for s in NC_STATUSES},
            "by_severity": {
                s: sum(1 for row in rows if row["severity"] == s) for s in NC_SEVERITIES
            },
        },
        "nonconformities": rows,
    }


def register_csv_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The register as CSV rows (:data:`NC_COLUMNS`)."""
    out = []
    for row in document["nonconformities"]:
        action, check = row["corrective_action"], row["verification"]
        out.append(
            {
                **row,
                "requirements": "; ".join(row["requirements"]),
                "done_on": None if action is None else action["done_on"],
                "verified_on": None if check is None else check["verified_on"],
            }
        )
    return out
