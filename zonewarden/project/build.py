"""Build the domain :class:`~zonewarden.domain.projects.Project` from a validated file model."""

from __future__ import annotations

from zonewarden.domain.assessment import Assessment, Compensating, Status
from zonewarden.domain.assets import Asset
from zonewarden.domain.conduits import Conduit
from zonewarden.domain.evidence import Evidence
from zonewarden.domain.projects import Project, SystemUnderConsideration
from zonewarden.domain.requirements import canonical_id
from zonewarden.domain.rules import PriorityRules, Rules, SeverityRules
from zonewarden.domain.zones import Zone
from zonewarden.project.schema import AssessmentModel, ProjectFileModel, RulesModel

_STATUS = {s.value: s for s in Status}


def _assessment(entry: AssessmentModel) -> Assessment:
    c = entry.compensating
    return Assessment(
        status=_STATUS[entry.status],
        evidence=tuple(entry.evidence),
        notes=entry.notes,
        justification=entry.justification,
        compensating=Compensating(c.description, c.approved_by, c.approved_on, c.expires_on)
        if c
        else None,
        assessed_by=entry.assessed_by,
        assessed_on=entry.assessed_on,
    )


def build_rules(model: RulesModel | None) -> Rules:
    if model is None:
        return Rules()
    severity = {k: v for k, v in model.severity.model_dump().items() if v is not None}
    priority = {k: v for k, v in model.priority.model_dump().items() if v is not None}
    for key in ("by_sl_target", "fr_weights"):
        if key in severity:
            severity[key] = tuple(severity[key])
        if key in priority:
            priority[key] = tuple(priority[key])
    return Rules(SeverityRules(**severity), PriorityRules(**priority))


def build_project(model: ProjectFileModel) -> Project:
    info = model.project
    suc = info.suc
    return Project(
        id=info.id,
        name=info.name,
        organization=info.organization,
        role=info.role,
        description=info.description,
        suc=SystemUnderConsideration(
            suc.description,
            suc.boundary,
            tuple(suc.access_points),
            tuple(suc.essential_functions),
        ),
        zones=tuple(
            Zone(
                z.id,
                z.name,
                z.kind,
                z.sl_target,
                z.purdue_level,
                z.safety,
                tuple(z.networks),
                z.owner,
                z.description,
            )
            for z in model.zones
        ),
        conduits=tuple(
            Conduit(
                c.id,
                (c.zones[0], c.zones[1]),
                c.sl_target,
                c.name,
                tuple(c.protocols),
                c.description,
            )
            for c in model.conduits
        ),
        assets=tuple(
            Asset(a.id, a.name, a.zone, a.type, a.vendor, a.model, a.ip, a.description)
            for a in model.assets
        ),
        evidence=tuple(
            Evidence(e.id, e.title, e.kind, e.uri, e.collected_on, e.expires_on, e.description)
            for e in model.evidence
        ),
        assessments={
            target: {canonical_id(key): _assessment(entry) for key, entry in entries.items()}
            for target, entries in model.assessments.items()
        },
        rules=build_rules(model.rules),
    )
