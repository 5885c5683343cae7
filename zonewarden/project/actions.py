"""The ``actions`` and ``acceptances`` sections of a project file: cross-reference checks,
building the domain :class:`~zonewarden.domain.actions.Action` and
:class:`~zonewarden.domain.actions.Acceptance`, and their canonical form for ``convert``.

Checks (each with its key path): unique action and change ids; addressed and accepted zones or
conduits that exist; requirement ids that are 62443-3-3 ids in scope of that zone's SL-T (else
there is no gap to address); known common findings and evidence; ``depends_on`` naming other
actions, without cycles, and never a dependency fixed to a later phase; a ``verified`` action
with its ``verified_on`` date; and the OT gates: an action cannot be ``implemented`` or
``verified`` while a gate of one of its change records is open and not waived.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from zonewarden.domain.actions import (
    Acceptance,
    Action,
    Addressed,
    ChangeRecord,
    GateWaiver,
    LabTest,
    MaintenanceWindow,
    Rollback,
    VendorCoordination,
    blocking_gates,
    dependency_cycle,
)
from zonewarden.domain.findings import BY_ID as FINDINGS
from zonewarden.domain.requirements import Catalog, RequirementIdError, canonical_id
from zonewarden.project.action_schema import AcceptanceModel, ActionModel, ChangeRecordModel
from zonewarden.project.schema import ProjectFileModel

Path = tuple[str | int, ...]
Found = list[tuple[str, Path]]


def _unknown(what: str, value: str, known: Iterable[str]) -> str:
    hint = difflib.get_close_matches(value, sorted(known), n=1)
    return f"unknown {what} {value!r}" + (f" (did you mean {hint[0]!r}?)" if hint else "")


def _requirements(
    zone: str, values: Sequence[str], path: Path, catalog: Catalog, sl_targets: dict[str, Any]
) -> tuple[list[str], Found]:
    """Canonical ids of in-scope 3-3 requirements, and the problems found."""
    found: Found = []
    out: list[str] = []
    sl_target = sl_targets.get(zone)
    for k, value in enumerate(values):
        where = (*path, k)
        try:
            rid = canonical_id(value)
        except RequirementIdError as error:
            found.append((str(error), where))
            continue
        requirement = catalog.get(rid)
        if requirement is None or requirement.part != "3-3":
            found.append((f"unknown requirement {rid!r} (see 'zonewarden catalog')", where))
        elif rid in out:
            found.append((f"{rid} is listed twice", where))
        elif (
            sl_target is not None
            and requirement.fr
            and not (1 <= requirement.min_sl <= sl_target[int(requirement.fr) - 1])
        ):
            found.append(
                (
                    f"unknown gap: {rid} (SL {requirement.min_sl}) is not in scope of {zone!r}, "
                    f"whose SL-T for FR {requirement.fr} is {sl_target[int(requirement.fr) - 1]}",
                    where,
                )
            )
        else:
            out.append(rid)
    return out, found


def check_actions(model: ProjectFileModel, catalog: Catalog, _canonical: object = None) -> Found:
    """Problems of the ``actions`` and ``acceptances`` sections."""
    if model.actions is None and model.acceptances is None:
        return []
    sl_targets = {z.id: z.sl_target for z in model.zones}
    sl_targets.update({c.id: c.sl_target for c in model.conduits})
    evidence = {e.id for e in model.evidence}
    found: Found = []
    actions = model.actions or []
    ids: dict[str, int] = {}
    changes: dict[str, Path] = {}
    for i, action in enumerate(actions):
        path: Path = ("actions", i)
        if action.id in ids:
            found.append(
                (
                    f"duplicate action id {action.id!r} (first used at actions[{ids[action.id]}])",
                    (*path, "id"),
                )
            )
        ids.setdefault(action.id, i)
        if action.finding is not None and action.finding not in FINDINGS:
            found.append((_unknown("common finding", action.finding, FINDINGS), (*path, "finding")))
        for j, addressed in enumerate(action.addresses):
            where: Path = (*path, "addresses", j)
            if addressed.zone not in sl_targets:
                found.append(
                    (_unknown("zone or conduit", addressed.zone, sl_targets), (*where, "zone"))
                )
                continue
            found += _requirements(
                addressed.zone,
                addressed.requirements,
                (*where, "requirements"),
                catalog,
                sl_targets,
            )[1]
        found += _evidence(action.evidence, (*path, "evidence"), evidence)
        for k, change in enumerate(action.changes):
            cpath: Path = (*path, "changes", k)
            if change.id in changes:
                first = _text(changes[change.id])
                found.append(
                    (f"duplicate change id {change.id!r} (first used at {first})", (*cpath, "id"))
                )
            changes.setdefault(change.id, (*cpath, "id"))
            found += _check_change(change, cpath, evidence)
        if action.status == "verified" and action.verified_on is None:
            found.append(
                (
                    "a verified action needs verified_on: the date its requirements count as "
                    "implemented",
                    (*path, "status"),
                )
            )
    for i, action in enumerate(actions):
        for j, dependency in enumerate(action.depends_on):
            where = ("actions", i, "depends_on", j)
            if dependency == action.id:
                found.append((f"action {action.id!r} cannot depend on itself", where))
            elif dependency not in ids:
                found.append((_unknown("action", dependency, ids), where))
            else:
                other = actions[ids[dependency]]
                if action.phase and other.phase and other.phase > action.phase:
                    found.append(
                        (
                            f"{action.id!r} is fixed to phase {action.phase} but depends on "
                            f"{dependency!r}, fixed to the later phase {other.phase}",
                            where,
                        )
                    )
    if not found:
        built = build_actions(actions)
        cycle = dependency_cycle(built)
        if cycle:
            found.append(
                (
                    f"dependency cycle: {' -> '.join(cycle)}; an action cannot (indirectly) "
                    "depend on itself",
                    ("actions", ids[cycle[0]], "depends_on"),
                )
            )
        for i, action in enumerate(built):
            if action.status not in ("implemented", "verified"):
                continue
            blocking = blocking_gates(action)
            if blocking:
                gates = "; ".join(f"{g.change}: {g.gate} ({g.detail})" for g in blocking)
                found.append(
                    (
                        f"action {action.id!r} cannot be {action.status} while gates are open: "
                        f"{gates}; close them or waive them with a reason and an approver",
                        ("actions", i, "status"),
                    )
                )
    for i, acceptance in enumerate(model.acceptances or []):
        path = ("acceptances", i)
        if acceptance.zone not in sl_targets:
            found.append(
                (_unknown("zone or conduit", acceptance.zone, sl_targets), (*path, "zone"))
            )
        else:
            found += _requirements(
                acceptance.zone,
                acceptance.requirements,
                (*path, "requirements"),
                catalog,
                sl_targets,
            )[1]
        if acceptance.expires_on and acceptance.expires_on < acceptance.approved_on:
            found.append(("expires_on is before approved_on", (*path, "expires_on")))
    return found


def _text(path: Path) -> str:
    from zonewarden.project.errors import format_path

    return format_path(path)


def _evidence(refs: Sequence[str], path: Path, known: set[str]) -> Found:
    return [
        (_unknown("evidence", ref, known), (*path, j))
        for j, ref in enumerate(refs)
        if ref not in known
    ]


def _check_change(change: ChangeRecordModel, path: Path, evidence: set[str]) -> Found:
    found = _evidence(change.evidence, (*path, "evidence"), evidence)
    if change.lab_test is not None:
        found += _evidence(change.lab_test.evidence, (*path, "lab_test", "evidence"), evidence)
    window = change.maintenance_window
    if window is not None and window.start and window.end and window.end < window.start:
        found.append(("end is before start", (*path, "maintenance_window", "end")))
    rollback = change.rollback
    if rollback is not None and rollback.verified and not rollback.documented:
        found.append(
            (
                "a rollback cannot be verified without being documented",
                (*path, "rollback", "verified"),
            )
        )
    seen: set[str] = set()
    for j, waiver in enumerate(change.waive):
        if waiver.gate in seen:
            found.append((f"gate {waiver.gate!r} is waived twice", (*path, "waive", j, "gate")))
        seen.add(waiver.gate)
        if not waiver.reason.strip():
            found.append(("a waiver needs a reason", (*path, "waive", j, "reason")))
    return found


def _change(model: ChangeRecordModel) -> ChangeRecord:
    test, window, rollback, vendor = (
        model.lab_test,
        model.maintenance_window,
        model.rollback,
        model.vendor,
    )
    approval = model.approval
    return ChangeRecord(
        model.id,
        model.title,
        None
        if test is None
        else LabTest(test.result, test.environment, test.tested_on, tuple(test.evidence)),
        None if window is None else MaintenanceWindow(window.start, window.end),
        None
        if rollback is None
        else Rollback(
            rollback.documented, rollback.verified, rollback.verified_on, rollback.procedure
        ),
        None
        if vendor is None
        else VendorCoordination(
            vendor.needed, vendor.notified, vendor.approved, vendor.support_impact
        ),
        None if approval is None else approval.approved_by,
        None if approval is None else approval.approved_on,
        tuple(model.evidence),
        tuple(GateWaiver(w.gate, w.reason, w.approved_by, w.approved_on) for w in model.waive),
        model.notes,
    )


def _canonical(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(canonical_id(v) for v in values)


def build_actions(models: Sequence[ActionModel] | None) -> tuple[Action, ...]:
    return tuple(
        Action(
            id=a.id,
            title=a.title,
            addresses=tuple(Addressed(x.zone, _canonical(x.requirements)) for x in a.addresses),
            status=a.status,
            finding=a.finding,
            owner=a.owner,
            effort=a.effort,
            cost=a.cost,
            procurement=a.procurement,
            process_change=a.process_change,
            downtime=a.downtime,
            vendor=a.vendor,
            depends_on=tuple(a.depends_on),
            phase=a.phase,
            evidence=tuple(a.evidence),
            verified_by=a.verified_by,
            verified_on=a.verified_on,
            changes=tuple(_change(c) for c in a.changes),
            description=a.description,
        )
        for a in models or ()
    )


def build_acceptances(models: Sequence[AcceptanceModel] | None) -> tuple[Acceptance, ...]:
    return tuple(
        Acceptance(
            a.zone,
            _canonical(a.requirements),
            a.approved_by,
            a.approved_on,
            a.rationale,
            a.expires_on,
        )
        for a in models or ()
    )


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v is not None and v != [] and v != {}}


def _change_document(c: ChangeRecord) -> dict[str, Any]:
    from zonewarden.project.dump import _Flow

    t, w, r, v = c.lab_test, c.maintenance_window, c.rollback, c.vendor
    return _compact(
        {
            "id": c.id,
            "title": c.title,
            "lab_test": None
            if t is None
            else {
                "result": t.result,
                **_compact(
                    {
                        "environment": t.environment,
                        "tested_on": t.tested_on,
                        "evidence": _Flow(t.evidence),
                    }
                ),
            },
            "maintenance_window": None if w is None else _compact({"start": w.start, "end": w.end}),
            "rollback": None
            if r is None
            else _compact(
                {
                    "documented": r.documented,
                    "verified": r.verified,
                    "verified_on": r.verified_on,
                    "procedure": r.procedure,
                }
            ),
            "vendor": None
            if v is None
            else _compact(
                {
                    "needed": v.needed,
                    "notified": v.notified,
                    "approved": v.approved,
                    "support_impact": v.support_impact,
                }
            ),
            "approval": None
            if c.approved_by is None and c.approved_on is None
            else _compact({"approved_by": c.approved_by, "approved_on": c.approved_on}),
            "evidence": _Flow(c.evidence),
            "waive": [
                _compact(
                    {
                        "gate": x.gate,
                        "reason": x.reason,
                        "approved_by": x.approved_by,
                        "approved_on": x.approved_on,
                    }
                )
                for x in c.waivers
            ],
            "notes": c.notes,
        }
    )


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def actions_document(
    actions: Sequence[Action], order: Sequence[str] = ()
) -> list[dict[str, Any]] | None:
    """The canonical ``actions`` section (None when the project has none)."""
    from zonewarden.project.dump import _Flow

    if not actions:
        return None
    return [
        _compact(
            {
                "id": a.id,
                "title": a.title,
                "finding": a.finding,
                "description": a.description,
                "addresses": [
                    {"zone": x.target, "requirements": _Flow(x.requirements)} for x in a.addresses
                ],
                "owner": a.owner,
                "effort": _number(a.effort),
                "cost": _number(a.cost),
                "procurement": a.procurement or None,
                "process_change": a.process_change or None,
                "downtime": a.downtime or None,
                "vendor": a.vendor or None,
                "depends_on": _Flow(a.depends_on),
                "status": a.status,
                "phase": a.phase,
                "evidence": _Flow(a.evidence),
                "verified_by": a.verified_by,
                "verified_on": a.verified_on,
                "changes": [_change_document(c) for c in a.changes],
            }
        )
        for a in actions
    ]


def acceptances_document(acceptances: Sequence[Acceptance]) -> list[dict[str, Any]] | None:
    from zonewarden.project.dump import _Flow

    if not acceptances:
        return None
    return [
        _compact(
            {
                "zone": a.target,
                "requirements": _Flow(a.requirements),
                "approved_by": a.approved_by,
                "approved_on": a.approved_on,
                "rationale": a.rationale,
                "expires_on": a.expires_on,
            }
        )
        for a in acceptances
    ]
