"""Build the domain :class:`~zonewarden.domain.projects.Project` from a validated file model."""

from __future__ import annotations

from zonewarden.domain.assessment import Assessment, Compensating, Status
from zonewarden.domain.assets import Asset
from zonewarden.domain.conduits import Conduit
from zonewarden.domain.evidence import Evidence
from zonewarden.domain.projects import Project, SystemUnderConsideration
from zonewarden.domain.rules import PlanningRules, PriorityRules, Rules, SeverityRules
from zonewarden.domain.waivers import Waiver
from zonewarden.domain.zones import Zone
from zonewarden.project.actions import build_acceptances, build_actions
from zonewarden.project.compliance import (
    build_certification,
    build_documents,
    build_nonconformities,
    build_obligations,
)
from zonewarden.project.risk import build_risk
from zonewarden.project.schema import AssessmentModel, ProjectFileModel, RulesModel

_STATUS = {s.value: s for s in Status}


def _assessment(entry: AssessmentModel) -> Assessment:
    c = entry.compensating
    return Assessment(
        _STATUS[entry.status],
        tuple(entry.evidence) if entry.evidence else (),
        entry.notes,
        entry.justification,
        None
        if c is None
        else Compensating(c.description, c.approved_by, c.approved_on, c.expires_on),
        entry.assessed_by,
        entry.assessed_on,
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
    planning = (
        {}
        if model.planning is None
        else {k: v for k, v in model.planning.model_dump().items() if v is not None}
    )
    return Rules(SeverityRules(**severity), PriorityRules(**priority), PlanningRules(**planning))


def build_project(
    model: ProjectFileModel, assessments: dict[str, dict[str, AssessmentModel]]
) -> Project:
    """The domain project; ``assessments`` are keyed by canonical requirement id (as checked
    by :func:`~zonewarden.project.references.check_references`)."""
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
            Asset(
                a.id,
                a.name,
                a.zone,
                a.type,
                a.vendor,
                a.model,
                a.ip,
                a.description,
                a.purdue_level,
                a.safety_related,
                a.wireless,
                a.remote_access,
            )
            for a in model.assets
        ),
        evidence=tuple(
            Evidence(
                e.id, e.title, e.kind, e.uri, e.collected_on, e.expires_on, e.description, e.sha256
            )
            for e in model.evidence
        ),
        assessments={
            target: {rid: _assessment(entry) for rid, entry in entries.items()}
            for target, entries in assessments.items()
        },
        rules=build_rules(model.rules),
        risk=build_risk(model.risk),
        waivers=()
        if model.lint is None
        else tuple(
            Waiver(
                w.rule,
                w.reason,
                tuple(w.objects or ()),
                w.approved_by,
                w.approved_on,
                w.expires_on,
            )
            for w in model.lint.waive
        ),
        actions=build_actions(model.actions),
        acceptances=build_acceptances(model.acceptances),
        certification=build_certification(model.certification),
        documents=build_documents(model.documents),
        obligations=build_obligations(model.obligations),
        nonconformities=build_nonconformities(model.nonconformities),
    )
