"""Dump a project to canonical YAML or JSON (spec section 4, ``zonewarden convert``).

Canonical means: keys in schema order, SL vectors as lists, requirement ids canonical,
assessments ordered by zone then conduit (file order) and requirement (catalog order), dates
as YYYY-MM-DD, absent values omitted. Dumping twice gives identical bytes; loading a dump
gives an equal project.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml

from zonewarden.domain.assessment import Assessment
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog
from zonewarden.domain.rules import Rules
from zonewarden.domain.waivers import Waiver
from zonewarden.project.actions import acceptances_document, actions_document
from zonewarden.project.compliance import (
    certification_document,
    documents_document,
    nonconformities_document,
    obligations_document,
)
from zonewarden.project.fields import FORMAT
from zonewarden.project.risk import risk_document

try:
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover
    _Dumper = yaml.SafeDumper


class _Flow(list[Any]):
    """A list written in YAML flow style (SL vectors, short id lists)."""


class _CanonicalDumper(_Dumper):  # type: ignore[misc, valid-type]
    pass


_CanonicalDumper.add_representer(
    _Flow,
    lambda dumper, data: dumper.represent_sequence(
        "tag:yaml.org,2002:seq", list(data), flow_style=True
    ),
)


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    """Drop None and empty collections, keep everything else (booleans included)."""
    return {k: v for k, v in mapping.items() if v is not None and v != [] and v != {}}


def _assessment(a: Assessment) -> dict[str, Any]:
    compensating = None
    if a.compensating is not None:
        compensating = _compact(asdict(a.compensating))
    return _compact(
        {
            "status": a.status.value,
            "evidence": _Flow(a.evidence),
            "notes": a.notes,
            "justification": a.justification,
            "compensating": compensating,
            "assessed_by": a.assessed_by,
            "assessed_on": a.assessed_on,
        }
    )


def _rules(rules: Rules) -> dict[str, Any] | None:
    default = Rules()
    if rules == default:
        return None
    out: dict[str, Any] = {}
    for section in ("severity", "priority", "planning"):
        mine, theirs = asdict(getattr(rules, section)), asdict(getattr(default, section))
        changed = {
            k: _Flow(v) if isinstance(v, tuple) else v for k, v in mine.items() if v != theirs[k]
        }
        if changed:
            out[section] = changed
    return out


def _lint(waivers: tuple[Waiver, ...]) -> dict[str, Any] | None:
    if not waivers:
        return None
    return {
        "waive": [
            _compact(
                {
                    "rule": w.rule,
                    "objects": _Flow(w.objects),
                    "reason": w.reason,
                    "approved_by": w.approved_by,
                    "approved_on": w.approved_on,
                    "expires_on": w.expires_on,
                }
            )
            for w in waivers
        ]
    }


def to_document(project: Project, catalog: Catalog) -> dict[str, Any]:
    """The canonical document (plain data) of a project."""
    order = {r.id: r.order for r in catalog.requirements}
    target_order = [t.id for t in project.targets()]
    known = set(target_order)
    targets = target_order + sorted(k for k in project.assessments if k not in known)
    assessments = {}
    for target in targets:
        entries = project.assessments.get(target)
        if entries:
            assessments[target] = {
                rid: _assessment(entries[rid])
                for rid in sorted(entries, key=lambda r: (order.get(r, 1 << 30), r))
            }
    suc = project.suc
    return _compact(
        {
            "format": FORMAT,
            "project": _compact(
                {
                    "id": project.id,
                    "name": project.name,
                    "organization": project.organization,
                    "role": project.role,
                    "description": project.description,
                    "suc": _compact(
                        {
                            "description": suc.description,
                            "boundary": suc.boundary,
                            "access_points": list(suc.access_points),
                            "essential_functions": list(suc.essential_functions),
                        }
                    ),
                }
            ),
            "zones": [
                _compact(
                    {
                        "id": z.id,
                        "name": z.name,
                        "kind": z.kind,
                        "purdue_level": z.purdue_level,
                        "safety": z.safety,
                        "networks": _Flow(z.networks),
                        "sl_target": _Flow(z.sl_target),
                        "owner": z.owner,
                        "description": z.description,
                    }
                )
                for z in project.zones
            ],
            "assets": [
                _compact(
                    {
                        "id": a.id,
                        "name": a.name,
                        "zone": a.zone,
                        "type": a.type,
                        "vendor": a.vendor,
                        "model": a.model,
                        "ip": a.ip,
                        "description": a.description,
                        "purdue_level": a.purdue_level,
                        # flags are written only when set, so files without them are unchanged
                        "safety_related": a.safety_related or None,
                        "wireless": a.wireless or None,
                        "remote_access": a.remote_access or None,
                    }
                )
                for a in project.assets
            ],
            "conduits": [
                _compact(
                    {
                        "id": c.id,
                        "name": c.name,
                        "zones": _Flow(c.zones),
                        "protocols": _Flow(c.protocols),
                        "sl_target": _Flow(c.sl_target),
                        "description": c.description,
                    }
                )
                for c in project.conduits
            ],
            "assessments": assessments,
            "evidence": [
                _compact(
                    {
                        "id": e.id,
                        "title": e.title,
                        "kind": e.kind,
                        "uri": e.uri,
                        "collected_on": e.collected_on,
                        "expires_on": e.expires_on,
                        "description": e.description,
                        "sha256": e.sha256,
                    }
                )
                for e in project.evidence
            ],
            "rules": _rules(project.rules),
            "risk": risk_document(project.risk, target_order),
            "lint": _lint(project.waivers),
            "actions": actions_document(project.actions, target_order),
            "acceptances": acceptances_document(project.acceptances),
            "certification": certification_document(project.certification),
            "documents": documents_document(project.documents),
            "obligations": obligations_document(project.obligations),
            "nonconformities": nonconformities_document(project.nonconformities),
        }
    )


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps(project: Project, catalog: Catalog, kind: str) -> str:
    """Canonical text of a project as ``yaml`` or ``json``."""
    document = to_document(project, catalog)
    if kind == "json":
        return json.dumps(document, indent=2, ensure_ascii=False, default=_json_default) + "\n"
    return yaml.dump(  # type: ignore[no-any-return]
        document,
        Dumper=_CanonicalDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


def default_file_mode() -> int:
    """0666 minus the process umask: the mode a plain ``open(path, "w")`` would give."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, text: str) -> None:
    """Write text so that the file is either the old one or the whole new one, never half."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, default_file_mode())  # mkstemp makes 0600; keep the usual umask mode
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
