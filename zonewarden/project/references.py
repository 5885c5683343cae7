"""Cross-reference checks of a schema-valid project file (spec section 4, bad input).

Duplicate ids, references to unknown zones, assets or evidence, unknown requirement ids, and
conduits that do not join two existing, different zones. Each problem carries its key path.
"""

from __future__ import annotations

from collections.abc import Iterable

from zonewarden.domain.requirements import Catalog, RequirementIdError, canonical_id
from zonewarden.project.actions import check_actions
from zonewarden.project.compliance import check_compliance
from zonewarden.project.errors import format_path
from zonewarden.project.risk import check_risk
from zonewarden.project.schema import AssessmentModel, ProjectFileModel

Found = list[tuple[str, tuple[str | int, ...]]]


def _duplicates(items: Iterable[tuple[str, tuple[str | int, ...]]], what: str) -> Found:
    seen: dict[str, tuple[str | int, ...]] = {}
    found: Found = []
    for item_id, path in items:
        if item_id in seen:
            first = format_path(seen[item_id])
            found.append((f"duplicate {what} id {item_id!r} (first used at {first})", path))
        else:
            seen[item_id] = path
    return found


Canonical = dict[str, dict[str, AssessmentModel]]


def check_references(model: ProjectFileModel, catalog: Catalog) -> tuple[Found, Canonical]:
    """Problems found, and the assessments keyed by canonical requirement id per target."""
    found: Found = []
    canonical: Canonical = {}
    found += _duplicates(
        [(z.id, ("zones", i, "id")) for i, z in enumerate(model.zones)]
        + [(c.id, ("conduits", i, "id")) for i, c in enumerate(model.conduits)],
        "zone/conduit",
    )
    found += _duplicates([(a.id, ("assets", i, "id")) for i, a in enumerate(model.assets)], "asset")
    found += _duplicates(
        [(e.id, ("evidence", i, "id")) for i, e in enumerate(model.evidence)], "evidence"
    )
    zones = {z.id for z in model.zones}
    conduits = {c.id for c in model.conduits}
    evidence = {e.id for e in model.evidence}
    for i, asset in enumerate(model.assets):
        if asset.zone is None:
            continue  # not yet placed: a zoning finding (zonewarden lint), not bad input
        if asset.zone in conduits:
            message = f"{asset.zone!r} is a conduit: an asset belongs to a zone"
            found.append((message, ("assets", i, "zone")))
        elif asset.zone not in zones:
            found.append((_unknown("zone", asset.zone, zones), ("assets", i, "zone")))
    for i, conduit in enumerate(model.conduits):
        for j, zone in enumerate(conduit.zones):
            if zone not in zones:
                found.append((_unknown("zone", zone, zones), ("conduits", i, "zones", j)))
    for i, item in enumerate(model.evidence):
        if item.collected_on and item.expires_on and item.expires_on < item.collected_on:
            found.append(("expires_on is before collected_on", ("evidence", i, "expires_on")))
    if model.lint is not None:
        found += _check_waivers(model, zones | conduits, {a.id for a in model.assets})
    for target, entries in model.assessments.items():
        if target not in zones and target not in conduits:
            found.append(
                (_unknown("zone or conduit", target, zones | conduits), ("assessments", target))
            )
            continue
        checked, problems = _check_entries(target, entries, catalog, evidence)
        canonical[target] = checked
        found += problems
    found += check_risk(model)
    found += check_actions(model, catalog, canonical)
    found += check_compliance(model, catalog)
    return found, canonical


def _check_entries(
    target: str, entries: dict[str, AssessmentModel], catalog: Catalog, evidence: set[str]
) -> tuple[dict[str, AssessmentModel], Found]:
    found: Found = []
    canonical: dict[str, tuple[str, AssessmentModel]] = {}  # canonical id -> (key, entry)
    by_id = catalog.by_id
    for key, entry in entries.items():
        path: tuple[str | int, ...] = ("assessments", target, key)
        requirement = by_id.get(key)  # most keys are already canonical
        if requirement is not None and requirement.part == "3-3":
            rid = key
        else:
            try:
                rid = canonical_id(key)
            except RequirementIdError as error:
                found.append((str(error), path))
                continue
            requirement = catalog.get(rid)
        if requirement is None or requirement.part != "3-3":
            where = "" if requirement is None else f" (it is a 62443-{requirement.part} id)"
            found.append(
                (
                    f"unknown requirement {rid!r}{where}: zones and conduits are assessed "
                    "against IEC 62443-3-3 SRs and REs (see 'zonewarden catalog')",
                    path,
                )
            )
            continue
        if rid in canonical:
            first = canonical[rid][0]
            found.append((f"{key!r} is {rid!r}, already assessed as {first!r}", path))
            continue
        canonical[rid] = (key, entry)
        if entry.status == "not_applicable" and not (entry.justification or "").strip():
            found.append(("not_applicable needs a non-empty justification", path))
        if entry.evidence:
            for j, ref in enumerate(entry.evidence):
                if ref not in evidence:
                    found.append((_unknown("evidence", ref, evidence), (*path, "evidence", j)))
        compensating = entry.compensating
        if (
            compensating is not None
            and compensating.approved_on
            and compensating.expires_on
            and compensating.expires_on < compensating.approved_on
        ):
            found.append(
                ("expires_on is before approved_on", (*path, "compensating", "expires_on"))
            )
    for rid, (key, entry) in canonical.items():
        if entry.status in _INHERITING:
            continue
        parent = by_id[rid].parent
        base = canonical.get(parent) if parent else None
        if base is not None and base[1].status == "not_applicable":
            found.append(
                (
                    f"{parent} is not_applicable here, so its enhancement {rid} cannot be "
                    f"{entry.status!r}: remove this entry or reassess {parent}",
                    ("assessments", target, key, "status"),
                )
            )
    return {rid: entry for rid, (_, entry) in canonical.items()}, found


_INHERITING = ("not_applicable", "not_assessed")


def _check_waivers(model: ProjectFileModel, targets: set[str], assets: set[str]) -> Found:
    """Waivers name known objects, give a reason, and do not expire before their approval."""
    assert model.lint is not None
    found: Found = []
    known = targets | assets
    for i, waiver in enumerate(model.lint.waive):
        path: tuple[str | int, ...] = ("lint", "waive", i)
        for j, ref in enumerate(waiver.objects or ()):
            if ref not in known:
                message = _unknown("zone, conduit or asset", ref, known)
                found.append((message, (*path, "objects", j)))
        if not waiver.reason.strip():
            found.append(
                ("a waiver needs a reason: why the finding is accepted", (*path, "reason"))
            )
        if waiver.approved_on and waiver.expires_on and waiver.expires_on < waiver.approved_on:
            found.append(("expires_on is before approved_on", (*path, "expires_on")))
    return found


def _unknown(what: str, value: str, known: set[str]) -> str:
    import difflib

    hint = difflib.get_close_matches(value, sorted(known), n=1)
    suffix = f" (did you mean {hint[0]!r}?)" if hint else ""
    return f"unknown {what} {value!r}{suffix}"
