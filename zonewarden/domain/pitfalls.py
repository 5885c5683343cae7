"""Common certification pitfalls, detected in the data (methodology Phase 4, "Common
certification pitfalls"), each a warning with the objects concerned.

- ``insufficient-evidence``: a met requirement with no evidence, or whose evidence has expired,
  is older than the configured freshness, or expires before the planned audit.
- ``procedure-vs-practice``: a procedure or plan that no record from the last twelve months
  shows being followed (``follows`` on a record): written, never shown in practice.
- ``scope-creep``: zones in scope with open high or critical gaps (not risk-accepted); the
  warning suggests the smaller scope without them (and the conduits that touch them).
- ``management-commitment``: no management review in the last twelve months, or corrective
  actions of non-conformities past their due date.
"""

from __future__ import annotations

from dataclasses import dataclass

from zonewarden.domain.audit_scope import AuditView
from zonewarden.domain.periods import TWELVE_MONTHS
from zonewarden.domain.readiness import listed

SERIOUS = ("high", "critical")


@dataclass(frozen=True, slots=True)
class Pitfall:
    id: str
    title: str
    message: str
    objects: tuple[str, ...] = ()
    suggested_scope: tuple[str, ...] | None = None


def insufficient_evidence(view: AuditView) -> list[Pitfall]:
    out = []
    without = [c for c in view.controls if not c.evidence]
    if without:
        out.append(
            Pitfall(
                "insufficient-evidence",
                "Controls without evidence",
                f"{len(without)} met requirement(s) rest on verbal assurance only: "
                + listed([f"{c.target} {c.requirement}" for c in without]),
                tuple(dict.fromkeys(c.target for c in without)),
            )
        )
    cited: dict[str, list[str]] = {}
    for control in view.controls:
        for evidence_id in control.evidence:
            cited.setdefault(evidence_id, []).append(f"{control.target} {control.requirement}")
    for evidence_id, controls in cited.items():
        item = view.evidence.get(evidence_id)
        why = view.stale(item) if item is not None else None
        if why:
            out.append(
                Pitfall(
                    "insufficient-evidence",
                    "Evidence expired or stale",
                    f"{evidence_id} ({item.title if item else ''}): {why}; it supports "
                    f"{len(controls)} control(s): {listed(controls, 4)}",
                    (evidence_id,),
                )
            )
    return out


def procedure_vs_practice(view: AuditView) -> list[Pitfall]:
    documents = view.project.documents
    followed = {f for d in documents if d.is_record and view.recent(d) for f in d.follows}
    out = []
    for document in documents:
        if document.kind not in ("procedure", "plan") or document.id in followed:
            continue
        out.append(
            Pitfall(
                "procedure-vs-practice",
                "Procedure without implementation records",
                f"{document.id} ({document.title}) has no record from the last 12 months "
                "showing it followed; auditors check practice, not just the text",
                (document.id,),
            )
        )
    return out


def scope_creep(view: AuditView) -> list[Pitfall]:
    accepted = {
        (a.target, r)
        for a in view.project.acceptances
        if a.valid_on(view.as_of)
        for r in a.requirements
    }
    serious: dict[str, int] = {}
    for gap in view.gaps():
        if gap.ranking.severity in SERIOUS and (gap.zone, gap.definition.id) not in accepted:
            serious[gap.zone] = serious.get(gap.zone, 0) + 1
    zones = [z for z in view.zones if z in serious]
    if not zones:
        return []
    dropped = set(zones)
    conduits = {c.id: c.zones for c in view.project.conduits}
    smaller = tuple(
        t
        for t in view.scope
        if t not in dropped and not (t in conduits and dropped.intersection(conduits[t]))
    )
    counts = ", ".join(f"{z} ({serious[z]})" for z in zones)
    return [
        Pitfall(
            "scope-creep",
            "Scope includes zones with open high or critical gaps",
            f"zones with open high/critical gaps: {counts}. A smaller, well-controlled scope "
            f"passes where a large one with gaps fails; suggested scope: "
            f"{listed([t for t in smaller if t not in conduits], 12) or 'none'}",
            tuple(zones),
            smaller,
        )
    ]


def management_commitment(view: AuditView) -> list[Pitfall]:
    out = []
    project = view.project
    reviews = [
        o
        for o in project.obligations
        if o.kind == "management_review" and o.done_within(view.as_of, TWELVE_MONTHS)
    ]
    records = [d for d in view.documents("management_review", "record") if view.recent(d)]
    if not reviews and not records:
        last = [
            o.last_done
            for o in project.obligations
            if o.kind == "management_review" and o.last_done
        ]
        since = f" (last on {max(last)})" if last else ""
        out.append(
            Pitfall(
                "management-commitment",
                "No management review in the last 12 months",
                "auditors judge leadership commitment by management reviews; none is recorded "
                f"in the last 12 months{since}",
                tuple(o.id for o in project.obligations if o.kind == "management_review"),
            )
        )
    overdue = [n for n in project.nonconformities if n.overdue(view.as_of)]
    if overdue:
        out.append(
            Pitfall(
                "management-commitment",
                "Corrective actions overdue",
                f"{len(overdue)} corrective action(s) past their due date: "
                + listed(
                    [
                        f"{n.id} (due {n.corrective_action.due_on})"
                        for n in overdue
                        if n.corrective_action
                    ]
                ),
                tuple(n.id for n in overdue),
            )
        )
    return out


def pitfalls(view: AuditView) -> tuple[Pitfall, ...]:
    """Every pitfall found, in the methodology's order."""
    found: list[Pitfall] = []
    if view.scheme in ("csms", "ssa"):
        found += insufficient_evidence(view)
    found += procedure_vs_practice(view)
    if view.scheme in ("csms", "ssa"):
        found += scope_creep(view)
    found += management_commitment(view)
    return tuple(found)
