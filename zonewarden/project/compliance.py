"""The ``certification``, ``documents``, ``obligations`` and ``nonconformities`` sections of a
project file: cross-reference checks, building the domain objects, and their canonical form
for ``convert`` (docs/concepts/certification.md).

Checks (each with its key path): the scope names existing zones (under ``zones``) and conduits
(under ``conduits``), each once; unique document, obligation and non-conformity ids; a record's
``follows`` names a policy, procedure or plan of the register; an obligation's ``records`` name
documents; a document is not due for review before it was approved; a non-conformity names
existing zones or conduits and catalog requirement ids, its corrective action is not done
before the finding was raised, a verification needs a corrective action that was done, and
closing needs a verification that found the action effective.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zonewarden.domain.certification import Certification, Scope
from zonewarden.domain.documents import Document
from zonewarden.domain.nonconformities import CorrectiveAction, Nonconformity, Verification
from zonewarden.domain.obligations import Obligation
from zonewarden.domain.requirements import Catalog, RequirementIdError, canonical_id
from zonewarden.project.actions import _compact, _unknown
from zonewarden.project.compliance_schema import (
    CertificationModel,
    DocumentModel,
    NonconformityModel,
    ObligationModel,
)
from zonewarden.project.schema import ProjectFileModel

Path = tuple[str | int, ...]
Found = list[tuple[str, Path]]


def _unique(items: Sequence[Any], section: str, what: str) -> Found:
    seen: dict[str, int] = {}
    found: Found = []
    for i, item in enumerate(items):
        if item.id in seen:
            found.append(
                (
                    f"duplicate {what} id {item.id!r} (first used at {section}[{seen[item.id]}])",
                    (section, i, "id"),
                )
            )
        seen.setdefault(item.id, i)
    return found


def _check_scope(model: ProjectFileModel) -> Found:
    if model.certification is None:
        return []
    found: Found = []
    zones = {z.id for z in model.zones}
    conduits = {c.id for c in model.conduits}
    scope = model.certification.scope
    for key, known, what in (("zones", zones, "zone"), ("conduits", conduits, "conduit")):
        listed: set[str] = set()
        for i, value in enumerate(getattr(scope, key)):
            where: Path = ("certification", "scope", key, i)
            if value in listed:
                found.append((f"{value!r} is listed twice", where))
            elif value not in known:
                found.append((_unknown(what, value, known), where))
            listed.add(value)
    return found


def _check_documents(model: ProjectFileModel) -> Found:
    documents = model.documents or []
    found = _unique(documents, "documents", "document")
    kinds = {d.id: d.kind for d in documents}
    for i, document in enumerate(documents):
        path: Path = ("documents", i)
        if (
            document.review_due is not None
            and document.approved_on is not None
            and document.review_due < document.approved_on
        ):
            found.append(
                (
                    f"review_due {document.review_due} is before approved_on "
                    f"{document.approved_on}",
                    (*path, "review_due"),
                )
            )
        if document.follows and document.kind != "record":
            found.append(
                (
                    "only a record follows a procedure or plan (this is a "
                    f"{document.kind}); leave 'follows' out or make it a record",
                    (*path, "follows"),
                )
            )
            continue
        for j, followed in enumerate(document.follows):
            where: Path = (*path, "follows", j)
            if followed not in kinds:
                found.append((_unknown("document", followed, kinds), where))
            elif kinds[followed] == "record":
                found.append(
                    (
                        f"{followed!r} is a record; a record follows a policy, procedure or plan",
                        where,
                    )
                )
    return found


def _check_obligations(model: ProjectFileModel) -> Found:
    obligations = model.obligations or []
    found = _unique(obligations, "obligations", "obligation")
    documents = {d.id for d in model.documents or []}
    for i, obligation in enumerate(obligations):
        for j, record in enumerate(obligation.records):
            if record not in documents:
                found.append(
                    (_unknown("document", record, documents), ("obligations", i, "records", j))
                )
    return found


def _check_nonconformity(
    nc: NonconformityModel, path: Path, catalog: Catalog, targets: set[str]
) -> Found:
    found: Found = []
    for j, zone in enumerate(nc.zones):
        if zone not in targets:
            found.append((_unknown("zone or conduit", zone, targets), (*path, "zones", j)))
    for j, value in enumerate(nc.requirements):
        where: Path = (*path, "requirements", j)
        try:
            rid = canonical_id(value)
        except RequirementIdError as error:
            found.append((f"{error}; cite other parts' clauses under 'references'", where))
            continue
        if rid not in catalog:
            found.append((f"unknown requirement {rid!r} (see 'zonewarden catalog')", where))
    action, check = nc.corrective_action, nc.verification
    if action is not None and action.done_on is not None and action.done_on < nc.raised_on:
        found.append(
            (
                f"done_on {action.done_on} is before the finding was raised ({nc.raised_on})",
                (*path, "corrective_action", "done_on"),
            )
        )
    if check is not None and (action is None or action.done_on is None):
        found.append(
            (
                "a verification needs a corrective action with its done_on date",
                (*path, "verification"),
            )
        )
    elif (
        check is not None
        and action is not None
        and action.done_on is not None
        and check.verified_on < action.done_on
    ):
        found.append(
            (
                f"verified_on {check.verified_on} is before the action was done ({action.done_on})",
                (*path, "verification", "verified_on"),
            )
        )
    if nc.closed_on is not None:
        if check is None or not check.effective:
            found.append(
                (
                    "a non-conformity is closed only after a verification found the corrective "
                    "action effective (verification.effective: true)",
                    (*path, "closed_on"),
                )
            )
        elif nc.closed_on < check.verified_on:
            found.append(
                (
                    f"closed_on {nc.closed_on} is before the verification ({check.verified_on})",
                    (*path, "closed_on"),
                )
            )
    return found


def check_compliance(model: ProjectFileModel, catalog: Catalog) -> Found:
    """Problems of the certification and continuous-compliance sections."""
    found = _check_scope(model) + _check_documents(model) + _check_obligations(model)
    ncs = model.nonconformities or []
    found += _unique(ncs, "nonconformities", "non-conformity")
    targets = {z.id for z in model.zones} | {c.id for c in model.conduits}
    for i, nc in enumerate(ncs):
        found += _check_nonconformity(nc, ("nonconformities", i), catalog, targets)
    return found


# --- building the domain objects ----------------------------------------------------------


def build_certification(model: CertificationModel | None) -> Certification | None:
    if model is None:
        return None
    scope = model.scope
    return Certification(
        model.scheme,
        model.body,
        Scope(tuple(scope.zones), tuple(scope.conduits), scope.rationale),
        model.audit_on,
        model.evidence_freshness,
    )


def build_documents(models: Sequence[DocumentModel] | None) -> tuple[Document, ...]:
    return tuple(
        Document(
            d.id,
            d.title,
            d.kind,
            d.topic,
            d.owner,
            d.approved_on,
            d.review_due,
            d.uri,
            tuple(d.follows),
            d.sha256,
        )
        for d in models or ()
    )


def build_obligations(models: Sequence[ObligationModel] | None) -> tuple[Obligation, ...]:
    return tuple(
        Obligation(o.id, o.kind, o.every, o.title, o.last_done, o.due_on, o.owner, tuple(o.records))
        for o in models or ()
    )


def build_nonconformities(
    models: Sequence[NonconformityModel] | None,
) -> tuple[Nonconformity, ...]:
    out = []
    for n in models or ():
        a, v = n.corrective_action, n.verification
        out.append(
            Nonconformity(
                n.id,
                n.finding,
                n.severity,
                n.source,
                n.raised_on,
                tuple(n.zones),
                tuple(canonical_id(r) for r in n.requirements),
                tuple(n.references),
                n.auditor,
                n.root_cause,
                None
                if a is None
                else CorrectiveAction(a.description, a.owner, a.due_on, a.done_on),
                None
                if v is None
                else Verification(v.verified_on, v.effective, v.verified_by, v.notes),
                n.closed_on,
            )
        )
    return tuple(out)


# --- canonical form -------------------------------------------------------------------------


def certification_document(certification: Certification | None) -> dict[str, Any] | None:
    from zonewarden.project.dump import _Flow

    if certification is None:
        return None
    scope = certification.scope
    return _compact(
        {
            "scheme": certification.scheme,
            "body": certification.body,
            "scope": _compact(
                {
                    "zones": _Flow(scope.zones),
                    "conduits": _Flow(scope.conduits),
                    "rationale": scope.rationale,
                }
            ),
            "audit_on": certification.audit_on,
            "evidence_freshness": str(certification.evidence_freshness),
        }
    )


def documents_document(documents: Sequence[Document]) -> list[dict[str, Any]] | None:
    from zonewarden.project.dump import _Flow

    if not documents:
        return None
    return [
        _compact(
            {
                "id": d.id,
                "title": d.title,
                "kind": d.kind,
                "topic": d.topic,
                "owner": d.owner,
                "approved_on": d.approved_on,
                "review_due": d.review_due,
                "uri": d.uri,
                "follows": _Flow(d.follows),
                "sha256": d.sha256,
            }
        )
        for d in documents
    ]


def obligations_document(obligations: Sequence[Obligation]) -> list[dict[str, Any]] | None:
    from zonewarden.project.dump import _Flow

    if not obligations:
        return None
    return [
        _compact(
            {
                "id": o.id,
                "kind": o.kind,
                "title": o.title,
                "every": str(o.every),
                "last_done": o.last_done,
                "due_on": o.due_on,
                "owner": o.owner,
                "records": _Flow(o.records),
            }
        )
        for o in obligations
    ]


def nonconformities_document(ncs: Sequence[Nonconformity]) -> list[dict[str, Any]] | None:
    from zonewarden.project.dump import _Flow

    if not ncs:
        return None
    out = []
    for n in ncs:
        a, v = n.corrective_action, n.verification
        out.append(
            _compact(
                {
                    "id": n.id,
                    "finding": n.finding,
                    "severity": n.severity,
                    "source": n.source,
                    "raised_on": n.raised_on,
                    "auditor": n.auditor,
                    "zones": _Flow(n.zones),
                    "requirements": _Flow(n.requirements),
                    "references": _Flow(n.references),
                    "root_cause": n.root_cause,
                    "corrective_action": None
                    if a is None
                    else _compact(
                        {
                            "description": a.description,
                            "owner": a.owner,
                            "due_on": a.due_on,
                            "done_on": a.done_on,
                        }
                    ),
                    "verification": None
                    if v is None
                    else _compact(
                        {
                            "verified_on": v.verified_on,
                            "effective": v.effective,
                            "verified_by": v.verified_by,
                            "notes": v.notes,
                        }
                    ),
                    "closed_on": n.closed_on,
                }
            )
        )
    return out
