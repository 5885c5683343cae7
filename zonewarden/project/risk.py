"""The ``risk`` section of a project file: cross-reference checks, building the domain
:class:`~zonewarden.domain.risk.RiskAssessment`, and its canonical form for ``convert``.

Checks (each with its key path): a matrix of the right shape (one row per likelihood level, one
column per consequence level), whose cells name risk levels and never fall as likelihood or
consequence rises; unique level and category ids; a tolerable level of the matrix; likelihoods,
consequence levels and impact categories that the matrix and the category list define; scenarios
with unique ids that target existing zones and conduits; ``risk.zones`` keyed by existing zones
and conduits; ``derivation.consequence_sl`` with one entry per consequence level.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from zonewarden.domain.risk import (
    DEFAULT_IMPACT_CATEGORIES,
    DEFAULT_MATRIX,
    Approval,
    DerivationRule,
    InitialRisk,
    Level,
    RiskAssessment,
    RiskMatrix,
    SLTargetDecision,
    ZoneRisk,
)
from zonewarden.domain.threats import Residual, ThreatScenario
from zonewarden.project.risk_schema import (
    DerivationModel,
    RiskLevelModel,
    RiskMatrixModel,
    RiskModel,
    ZoneRiskModel,
)
from zonewarden.project.schema import ProjectFileModel

Path = tuple[str | int, ...]
Found = list[tuple[str, Path]]


def _close(value: str, known: Iterable[str]) -> str:
    hint = difflib.get_close_matches(value, sorted(known), n=1)
    return f" (did you mean {hint[0]!r}?)" if hint else ""


def _unknown(what: str, value: str, known: Sequence[str]) -> str:
    listed = ", ".join(known) if len(known) <= 12 else ", ".join(known[:12]) + ", ..."
    return f"unknown {what} {value!r}{_close(value, known)}; expected one of {listed}"


def _duplicates(levels: Sequence[RiskLevelModel], path: Path, what: str) -> Found:
    seen: dict[str, int] = {}
    found: Found = []
    for index, level in enumerate(levels):
        if level.id in seen:
            found.append(
                (
                    f"duplicate {what} id {level.id!r} (first used at index {seen[level.id]})",
                    (*path, index, "id"),
                )
            )
        seen.setdefault(level.id, index)
    return found


def _level(model: RiskLevelModel) -> Level:
    return Level(model.id, model.name, model.description)


def _check_matrix(model: RiskMatrixModel) -> tuple[RiskMatrix | None, Found]:
    path: Path = ("risk", "matrix")
    found: Found = []
    for scale, what in (
        ("likelihood", "likelihood"),
        ("consequence", "consequence"),
        ("levels", "risk level"),
    ):
        found += _duplicates(getattr(model, scale), (*path, scale), what)
    rows, columns = len(model.likelihood), len(model.consequence)
    levels = [level.id for level in model.levels]
    if len(model.cells) != rows:
        found.append(
            (
                f"the matrix has {rows} likelihood levels, so cells needs {rows} rows (one per "
                f"likelihood level, lowest first); got {len(model.cells)}",
                (*path, "cells"),
            )
        )
    for i, row in enumerate(model.cells):
        if len(row) != columns:
            found.append(
                (
                    f"the matrix has {columns} consequence levels, so each row needs {columns} "
                    f"risk levels (one per consequence level, lowest first); got {len(row)}",
                    (*path, "cells", i),
                )
            )
        for j, cell in enumerate(row):
            if cell not in levels:
                found.append((_unknown("risk level", cell, levels), (*path, "cells", i, j)))
    if found:
        return None, found
    rank = {level: n for n, level in enumerate(levels)}
    for i, row in enumerate(model.cells):
        for j, cell in enumerate(row):
            lower = [model.cells[i - 1][j]] if i else []
            lower += [row[j - 1]] if j else []
            if any(rank[cell] < rank[other] for other in lower):
                found.append(
                    (
                        f"risk level {cell!r} is lower than a cell of lower likelihood or "
                        "consequence: risk must not fall as likelihood or consequence rises",
                        (*path, "cells", i, j),
                    )
                )
    matrix = RiskMatrix(
        tuple(map(_level, model.likelihood)),
        tuple(map(_level, model.consequence)),
        tuple(map(_level, model.levels)),
        tuple(tuple(row) for row in model.cells),
    )
    return (None if found else matrix), found


def _check_consequence(
    consequence: Mapping[str, str], path: Path, matrix: RiskMatrix, categories: Sequence[str]
) -> Found:
    levels = [level.id for level in matrix.consequence]
    found: Found = []
    for category, level in consequence.items():
        if category not in categories:
            found.append((_unknown("impact category", category, categories), (*path, category)))
        elif level not in levels:
            found.append((_unknown("consequence level", level, levels), (*path, category)))
    return found


def _check_likelihood(likelihood: str | None, path: Path, matrix: RiskMatrix) -> Found:
    levels = [level.id for level in matrix.likelihood]
    if likelihood is None or likelihood in levels:
        return []
    return [(_unknown("likelihood", likelihood, levels), path)]


def check_risk(model: ProjectFileModel) -> Found:
    """Problems of the ``risk`` section, each with its key path (empty when it is absent)."""
    risk = model.risk
    if risk is None:
        return []
    found: Found = []
    matrix: RiskMatrix | None = DEFAULT_MATRIX
    if risk.matrix is not None:
        matrix, found = _check_matrix(risk.matrix)
    categories = [c.id for c in DEFAULT_IMPACT_CATEGORIES]
    if risk.impact_categories is not None:
        found += _duplicates(risk.impact_categories, ("risk", "impact_categories"), "category")
        categories = [c.id for c in risk.impact_categories]
    targets = [z.id for z in model.zones] + [c.id for c in model.conduits]
    for key in risk.zones:
        if key not in targets:
            found.append((_unknown("zone or conduit", key, targets), ("risk", "zones", key)))
    seen: dict[str, int] = {}
    for i, scenario in enumerate(risk.scenarios):
        if scenario.id in seen:
            found.append(
                (
                    f"duplicate scenario id {scenario.id!r} (first used at "
                    f"risk.scenarios[{seen[scenario.id]}].id)",
                    ("risk", "scenarios", i, "id"),
                )
            )
        seen.setdefault(scenario.id, i)
        for j, target in enumerate(scenario.targets):
            if target not in targets:
                found.append(
                    (
                        _unknown("zone or conduit", target, targets),
                        ("risk", "scenarios", i, "targets", j),
                    )
                )
            elif target in scenario.targets[:j]:
                found.append((f"{target!r} is given twice", ("risk", "scenarios", i, "targets", j)))
    if matrix is None:
        return found
    levels = [level.id for level in matrix.levels]
    if risk.tolerable not in levels:
        found.append((_unknown("risk level", risk.tolerable, levels), ("risk", "tolerable")))
    found += _check_derivation(risk.derivation, matrix)
    for key, zone in risk.zones.items():
        if zone.initial is not None:
            path: Path = ("risk", "zones", key, "initial")
            found += _check_likelihood(zone.initial.likelihood, (*path, "likelihood"), matrix)
            found += _check_consequence(
                zone.initial.consequence, (*path, "consequence"), matrix, categories
            )
    for i, scenario in enumerate(risk.scenarios):
        path = ("risk", "scenarios", i)
        found += _check_likelihood(scenario.likelihood, (*path, "likelihood"), matrix)
        found += _check_consequence(
            scenario.consequence, (*path, "consequence"), matrix, categories
        )
        if scenario.residual is not None:
            residual = (*path, "residual")
            found += _check_likelihood(
                scenario.residual.likelihood, (*residual, "likelihood"), matrix
            )
            if scenario.residual.consequence is not None:
                found += _check_consequence(
                    scenario.residual.consequence, (*residual, "consequence"), matrix, categories
                )
    return found


def _check_derivation(model: DerivationModel | None, matrix: RiskMatrix) -> Found:
    if model is None or model.consequence_sl is None:
        return []
    expected = len(matrix.consequence)
    caps = model.consequence_sl
    path: Path = ("risk", "derivation", "consequence_sl")
    if len(caps) != expected:
        return [
            (
                f"expected {expected} levels, one per consequence level of the matrix (lowest "
                f"first); got {len(caps)}",
                path,
            )
        ]
    return []


# --- build ----------------------------------------------------------------------------------


def _derivation(model: DerivationModel | None) -> DerivationRule:
    if model is None:
        return DerivationRule()
    default = DerivationRule()
    actor = model.actor_sl
    given = (actor.casual, actor.simple, actor.moderate, actor.extended)
    levels = tuple(g if g is not None else d for g, d in zip(given, default.actor_sl, strict=True))
    return DerivationRule(
        actor_sl=(levels[0], levels[1], levels[2], levels[3]),
        consequence_sl=None if model.consequence_sl is None else tuple(model.consequence_sl),
        baseline=default.baseline if model.baseline is None else model.baseline,
    )


def _zone(model: ZoneRiskModel) -> ZoneRisk:
    initial = None
    if model.initial is not None:
        i = model.initial
        initial = InitialRisk(tuple(i.consequence.items()), i.likelihood, i.notes)
    decision = None
    if model.decision is not None:
        d = model.decision
        decision = SLTargetDecision(
            d.derived, d.justification, d.override_rationale, d.decided_by, d.decided_on
        )
        if decision == SLTargetDecision():
            decision = None
    return ZoneRisk(
        function=model.function,
        initial=initial,
        decision=decision,
        logical_boundary=model.logical_boundary,
        physical_boundary=model.physical_boundary,
        policies=tuple(model.policies),
        assumptions=tuple(model.assumptions),
        dependencies=tuple(model.dependencies),
    )


def build_risk(model: RiskModel | None) -> RiskAssessment | None:
    """The domain risk assessment of a checked ``risk`` section (None when absent)."""
    if model is None:
        return None
    matrix = DEFAULT_MATRIX
    if model.matrix is not None:
        m = model.matrix
        matrix = RiskMatrix(
            tuple(map(_level, m.likelihood)),
            tuple(map(_level, m.consequence)),
            tuple(map(_level, m.levels)),
            tuple(tuple(row) for row in m.cells),
        )
    zones = {key: _zone(zone) for key, zone in model.zones.items()}
    return RiskAssessment(
        tolerable=model.tolerable,
        version=model.version,
        matrix=matrix,
        impact_categories=DEFAULT_IMPACT_CATEGORIES
        if model.impact_categories is None
        else tuple(map(_level, model.impact_categories)),
        derivation=_derivation(model.derivation),
        threat_environment=model.threat_environment,
        assumptions=tuple(model.assumptions),
        policies=tuple(model.policies),
        regulations=tuple(model.regulations),
        zones={key: zone for key, zone in zones.items() if zone != ZoneRisk()},
        scenarios=tuple(
            ThreatScenario(
                id=s.id,
                title=s.title,
                source=s.source,
                actor=s.actor,
                targets=tuple(s.targets),
                frs=s.frs,
                likelihood=s.likelihood,
                consequence=tuple(s.consequence.items()),
                description=s.description,
                vector=s.vector,
                vulnerability=s.vulnerability,
                existing_countermeasures=tuple(s.countermeasures.existing),
                planned_countermeasures=tuple(s.countermeasures.planned),
                residual=None
                if s.residual is None
                else Residual(
                    s.residual.likelihood or s.likelihood,
                    None
                    if s.residual.consequence is None
                    else tuple(s.residual.consequence.items()),
                ),
            )
            for s in model.scenarios
        ),
        approvals=tuple(
            Approval(a.version, a.approved_by, a.approved_on, a.sha256, a.role, a.document, a.notes)
            for a in model.approvals
        ),
    )


# --- canonical document ---------------------------------------------------------------------


def risk_document(risk: RiskAssessment | None, order: Sequence[str]) -> dict[str, Any] | None:
    """The canonical ``risk`` section: keys in schema order, defaults left out, ``zones`` in
    ``order`` (zones then conduits, file order)."""
    if risk is None:
        return None
    from zonewarden.project.dump import _compact, _Flow

    def level(item: Level) -> dict[str, Any]:
        return _compact({"id": item.id, "name": item.name, "description": item.description})

    def consequence(items: tuple[tuple[str, str], ...] | None) -> dict[str, str] | None:
        return None if items is None else dict(items)

    matrix = None
    if risk.matrix != DEFAULT_MATRIX:
        m = risk.matrix
        matrix = {
            "likelihood": [level(x) for x in m.likelihood],
            "consequence": [level(x) for x in m.consequence],
            "levels": [level(x) for x in m.levels],
            "cells": [_Flow(row) for row in m.cells],
        }
    derivation = None
    rule, default = risk.derivation, DerivationRule()
    if rule != default:
        names = ("casual", "simple", "moderate", "extended")
        derivation = _compact(
            {
                "actor_sl": {
                    name: mine
                    for name, mine, theirs in zip(
                        names, rule.actor_sl, default.actor_sl, strict=True
                    )
                    if mine != theirs
                },
                "consequence_sl": None
                if rule.consequence_sl is None
                else _Flow(rule.consequence_sl),
                "baseline": None if rule.baseline == default.baseline else rule.baseline,
            }
        )
    rank = {key: n for n, key in enumerate(order)}
    zones = {}
    for key in sorted(risk.zones, key=lambda k: (rank.get(k, len(rank)), k)):
        z = risk.zones[key]
        d = z.decision
        zones[key] = _compact(
            {
                "function": z.function,
                "initial": None
                if z.initial is None
                else _compact(
                    {
                        "likelihood": z.initial.likelihood,
                        "consequence": consequence(z.initial.consequence),
                        "notes": z.initial.notes,
                    }
                ),
                "decision": None
                if d is None
                else _compact(
                    {
                        "derived": None if d.derived is None else _Flow(d.derived),
                        "justification": d.justification,
                        "override_rationale": d.override_rationale,
                        "decided_by": d.decided_by,
                        "decided_on": d.decided_on,
                    }
                ),
                "logical_boundary": z.logical_boundary,
                "physical_boundary": z.physical_boundary,
                "policies": list(z.policies),
                "assumptions": list(z.assumptions),
                "dependencies": list(z.dependencies),
            }
        )
    return _compact(
        {
            "version": risk.version,
            "tolerable": risk.tolerable,
            "matrix": matrix,
            "impact_categories": None
            if risk.impact_categories == DEFAULT_IMPACT_CATEGORIES
            else [level(c) for c in risk.impact_categories],
            "derivation": derivation,
            "threat_environment": risk.threat_environment,
            "assumptions": list(risk.assumptions),
            "policies": list(risk.policies),
            "regulations": list(risk.regulations),
            "zones": zones,
            "scenarios": [
                _compact(
                    {
                        "id": s.id,
                        "title": s.title,
                        "description": s.description,
                        "source": s.source,
                        "actor": s.actor,
                        "vector": s.vector,
                        "targets": _Flow(s.targets),
                        "frs": _Flow(f"FR{f}" for f in s.frs),
                        "vulnerability": s.vulnerability,
                        "likelihood": s.likelihood,
                        "consequence": consequence(s.consequence),
                        "countermeasures": _compact(
                            {
                                "existing": list(s.existing_countermeasures),
                                "planned": list(s.planned_countermeasures),
                            }
                        ),
                        "residual": None
                        if s.residual is None
                        else _compact(
                            {
                                "likelihood": s.residual.likelihood,
                                "consequence": consequence(s.residual.consequence),
                            }
                        ),
                    }
                )
                for s in risk.scenarios
            ],
            "approvals": [
                _compact(
                    {
                        "version": a.version,
                        "approved_by": a.approved_by,
                        "role": a.role,
                        "approved_on": a.approved_on,
                        "sha256": a.sha256,
                        "document": a.document,
                        "notes": a.notes,
                    }
                )
                for a in risk.approvals
            ],
        }
    )
