"""``readiness``: the audit preparation checklist and the certification pitfalls of a project
on a date, as the JSON document the CLI, the web app and the API share (issue 7)."""

from __future__ import annotations

from datetime import date
from typing import Any

from zonewarden.domain.audit_scope import AuditView
from zonewarden.domain.certification import SCHEME_PARTS, SCHEME_TITLES
from zonewarden.domain.pitfalls import pitfalls
from zonewarden.domain.projects import Project
from zonewarden.domain.readiness import FAIL, MANUAL, PASS, checklist
from zonewarden.domain.requirements import Catalog

CHECKLIST_COLUMNS = ("id", "title", "status", "missing", "objects")


def readiness_document(
    project: Project, catalog: Catalog, as_of: date, scheme: str | None = None
) -> dict[str, Any]:
    """Checklist items (pass / fail / manual with what is missing), pitfalls and a verdict."""
    view = AuditView.of(project, catalog, as_of, scheme)
    items = checklist(view)
    found = pitfalls(view)
    certification = project.certification
    counts = {s: sum(1 for i in items if i.status == s) for s in (PASS, FAIL, MANUAL)}
    audit_on = certification.audit_on if certification else None
    return {
        "project": project.id,
        "as_of": as_of.isoformat(),
        "certification": {
            "scheme": view.scheme,
            "title": SCHEME_TITLES[view.scheme],
            "standard": SCHEME_PARTS[view.scheme],
            "body": certification.body if certification else None,
            "audit_on": audit_on.isoformat() if audit_on else None,
            "days_to_audit": (audit_on - as_of).days if audit_on else None,
            "scope": list(view.scope),
            "scope_rationale": certification.scope.rationale if certification else None,
            "whole_system": certification is None or certification.scope.whole_system,
            "evidence_freshness": str(view.freshness),
        },
        "ready": counts[FAIL] == 0,
        "counts": counts | {"pitfalls": len(found)},
        "checklist": [
            {
                "id": i.id,
                "title": i.title,
                "status": i.status,
                "missing": list(i.missing),
                "objects": list(i.objects),
                "basis": i.basis,
            }
            for i in items
        ],
        "pitfalls": [
            {
                "id": p.id,
                "title": p.title,
                "message": p.message,
                "objects": list(p.objects),
                **({"suggested_scope": list(p.suggested_scope)} if p.suggested_scope else {}),
            }
            for p in found
        ],
    }


def checklist_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """CSV rows: one per checklist item, lists joined with ``; ``."""
    return [
        {
            "id": i["id"],
            "title": i["title"],
            "status": i["status"],
            "missing": "; ".join(i["missing"]),
            "objects": " ".join(i["objects"]),
        }
        for i in document["checklist"]
    ]
