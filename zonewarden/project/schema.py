"""Pydantic schema of the project file ``format: zonewarden/v1`` (spec section 4).

The same schema validates YAML and JSON and generates the JSON Schema shipped with
``zonewarden schema``. Unknown keys are errors (typos must not vanish silently).
Cross-references (zones, evidence, requirement ids) are checked in :mod:`.references`.
"""

from __future__ import annotations

import ipaddress
from typing import Annotated, Any, Literal

from pydantic import (
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    field_validator,
)

from zonewarden.project.action_schema import AcceptanceModel, ActionModel
from zonewarden.project.compliance_schema import (
    CertificationModel,
    DocumentModel,
    NonconformityModel,
    ObligationModel,
    Sha256,
)
from zonewarden.project.fields import (
    IPV4,
    AssetType,
    Date,
    EvidenceKind,
    PurdueLevel,
    Role,
    Severity,
    ShortText,
    Slug,
    SLVectorField,
    StatusName,
    Strict,
    Text,
    ZoneKind,
    ZoningRuleId,
)
from zonewarden.project.risk_schema import RiskModel


class SucModel(Strict):
    """System under consideration (IEC 62443-3-2 ZCR 1)."""

    description: Text | None = None
    boundary: Text | None = None
    access_points: list[ShortText] = Field(default_factory=list)
    essential_functions: list[ShortText] = Field(default_factory=list)


class ProjectInfoModel(Strict):
    id: Slug
    name: ShortText
    organization: ShortText | None = None
    role: Role = "asset_owner"
    description: Text | None = None
    suc: SucModel = Field(default_factory=SucModel)


class ZoneModel(Strict):
    id: Slug
    name: ShortText
    kind: ZoneKind = "other"
    purdue_level: PurdueLevel | None = None
    safety: StrictBool = False
    networks: list[ShortText] = Field(default_factory=list)
    sl_target: SLVectorField
    owner: ShortText | None = None
    description: Text | None = None

    @field_validator("networks")
    @classmethod
    def _cidrs(cls, networks: list[str]) -> list[str]:
        for network in networks:
            try:
                ipaddress.ip_network(network, strict=False)
            except ValueError as error:
                raise ValueError(f"{network!r} is not a network in CIDR form") from error
        return networks


class AssetModel(Strict):
    id: Slug
    name: ShortText
    zone: Slug | None = None
    type: AssetType = "other"
    vendor: ShortText | None = None
    model: ShortText | None = None
    ip: ShortText | None = None
    description: Text | None = None
    purdue_level: PurdueLevel | None = None
    safety_related: StrictBool = False
    wireless: StrictBool = False
    remote_access: StrictBool = False

    @field_validator("ip")
    @classmethod
    def _address(cls, ip: str | None) -> str | None:
        if ip is not None and not IPV4.match(ip):  # the common case, without ipaddress
            try:
                ipaddress.ip_address(ip)
            except ValueError as error:
                raise ValueError(f"{ip!r} is not an IP address") from error
        return ip


class ConduitModel(Strict):
    id: Slug
    name: ShortText | None = None
    zones: list[Slug]
    protocols: list[ShortText] = Field(default_factory=list)
    sl_target: SLVectorField
    description: Text | None = None

    @field_validator("zones")
    @classmethod
    def _two_zones(cls, zones: list[str]) -> list[str]:
        if len(zones) != 2 or zones[0] == zones[1]:
            raise ValueError(f"a conduit joins exactly two different zones, got {zones}")
        return zones


class CompensatingModel(Strict):
    """A compensating countermeasure (IEC 62443-3-3 clause 4.3)."""

    description: ShortText
    approved_by: ShortText | None = None
    approved_on: Date | None = None
    expires_on: Date | None = None


class AssessmentModel(Strict):
    status: StatusName
    evidence: list[Slug] = Field(default_factory=list)
    notes: Text | None = None
    justification: Text | None = None
    compensating: CompensatingModel | None = None
    assessed_by: ShortText | None = None
    assessed_on: Date | None = None


class EvidenceModel(Strict):
    id: Slug
    title: ShortText
    kind: EvidenceKind = "document"
    uri: ShortText | None = None
    collected_on: Date | None = None
    expires_on: Date | None = None
    description: Text | None = None
    sha256: Sha256 | None = None


class SeverityRulesModel(Strict):
    """See :class:`zonewarden.domain.rules.SeverityRules`."""

    by_sl_target: Annotated[list[Severity], Field(min_length=4, max_length=4)] | None = None
    raise_for_safety: Annotated[StrictInt, Field(ge=0, le=3)] | None = None
    raise_for_missing_base: Annotated[StrictInt, Field(ge=0, le=3)] | None = None
    lower_for_partial: Annotated[StrictInt, Field(ge=0, le=3)] | None = None


Weight = Annotated[StrictInt, Field(ge=0, le=1000)]


class PriorityRulesModel(Strict):
    """See :class:`zonewarden.domain.rules.PriorityRules`."""

    severity_weight: Weight | None = None
    sl_target_weight: Weight | None = None
    safety_weight: Weight | None = None
    base_weight: Weight | None = None
    fr_weights: Annotated[list[Weight], Field(min_length=7, max_length=7)] | None = None
    min_sl_weight: Weight | None = None


class PlanningRulesModel(Strict):
    """See :class:`zonewarden.domain.rules.PlanningRules`."""

    risk_weight: Weight | None = None
    consequence_weight: Weight | None = None
    safety_weight: Weight | None = None
    exposure_weight: Weight | None = None
    tooling_weight: Weight | None = None
    foundation_weight: Weight | None = None
    dependents_weight: Weight | None = None
    quick_win_weight: Weight | None = None
    quick_win_effort: Annotated[StrictInt, Field(ge=0, le=10_000)] | None = None
    capacity: Annotated[StrictInt, Field(ge=1, le=100_000)] | None = None


class RulesModel(Strict):
    severity: SeverityRulesModel = Field(default_factory=SeverityRulesModel)
    priority: PriorityRulesModel = Field(default_factory=PriorityRulesModel)
    planning: PlanningRulesModel | None = None


class WaiverModel(Strict):
    """A waived zoning rule: see :class:`zonewarden.domain.waivers.Waiver`."""

    rule: ZoningRuleId
    objects: Annotated[list[Slug], Field(min_length=1)] | None = None
    reason: Annotated[Text, StringConstraints(min_length=1)]
    approved_by: ShortText | None = None
    approved_on: Date | None = None
    expires_on: Date | None = None


class LintModel(Strict):
    """Settings of ``zonewarden lint`` (IEC 62443-3-2 ZCR 3 zoning rules)."""

    waive: list[WaiverModel] = Field(default_factory=list)


class ProjectFileModel(Strict):
    """A whole project file."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="ZoneWarden project (zonewarden/v1)",
        json_schema_extra={"$id": "https://zonewarden.dev/schema/zonewarden-v1.json"},
    )

    format: Literal["zonewarden/v1"]
    project: ProjectInfoModel
    zones: list[ZoneModel] = Field(default_factory=list)
    assets: list[AssetModel] = Field(default_factory=list)
    conduits: list[ConduitModel] = Field(default_factory=list)
    assessments: dict[str, dict[str, AssessmentModel]] = Field(default_factory=dict)
    evidence: list[EvidenceModel] = Field(default_factory=list)
    rules: RulesModel | None = None
    risk: RiskModel | None = None
    lint: LintModel | None = None
    actions: list[ActionModel] | None = None
    acceptances: list[AcceptanceModel] | None = None
    certification: CertificationModel | None = None
    documents: list[DocumentModel] | None = None
    obligations: list[ObligationModel] | None = None
    nonconformities: list[NonconformityModel] | None = None


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the project file, for editors (``zonewarden schema``)."""
    schema = ProjectFileModel.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
