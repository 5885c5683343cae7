"""Pydantic schema of the project file ``format: zonewarden/v1`` (spec section 4).

The same schema validates YAML and JSON and generates the JSON Schema shipped with
``zonewarden schema``. Unknown keys are errors (typos must not vanish silently).
Cross-references (zones, evidence, requirement ids) are checked in :mod:`.references`.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

from zonewarden.domain.actions import ACTION_STATUSES, GATES, TEST_RESULTS
from zonewarden.domain.assessment import Status
from zonewarden.domain.assets import ASSET_TYPES
from zonewarden.domain.evidence import EVIDENCE_KINDS
from zonewarden.domain.levels import SLVector, parse_sl_vector
from zonewarden.domain.projects import ROLES
from zonewarden.domain.risk import ZONE_FUNCTIONS
from zonewarden.domain.rules import SEVERITIES
from zonewarden.domain.threats import ACTOR_PROFILES
from zonewarden.domain.zones import PURDUE_LEVELS, ZONE_KINDS
from zonewarden.domain.zoning import ZONING_RULE_IDS

FORMAT = "zonewarden/v1"
SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"

# Text from project files ends up in terminals, spreadsheets and PDFs: control characters
# (terminal escape sequences) and bidirectional overrides are refused; notes keep \t and \n.
_NO_CONTROL = "^[^\\x00-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]*$"
_NO_CONTROL_MULTILINE = "^[^\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]*$"
Slug = Annotated[StrictStr, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[StrictStr, StringConstraints(max_length=10_000, pattern=_NO_CONTROL_MULTILINE)]
ShortText = Annotated[
    StrictStr, StringConstraints(min_length=1, max_length=500, pattern=_NO_CONTROL)
]

_SL_SCHEMA: dict[str, Any] = {
    "description": "SL vector: an integer 0-4 (all seven FRs), a list of 7 integers "
    "(FR 1..FR 7), or a mapping FR1..FR7 -> 0-4 (missing FRs are 0).",
    "oneOf": [
        {"type": "integer", "minimum": 0, "maximum": 4},
        {
            "type": "array",
            "items": {"type": "integer", "minimum": 0, "maximum": 4},
            "minItems": 7,
            "maxItems": 7,
        },
        {
            "type": "object",
            "patternProperties": {
                "^(?:[Ff][Rr] ?)?[1-7]$|^(?:IAC|UC|SI|DC|RDF|TRE|RA)$": {
                    "type": "integer",
                    "minimum": 0,
                    "maximum": 4,
                }
            },
            "additionalProperties": False,
        },
    ],
}

SLVectorField = Annotated[
    SLVector,
    PlainValidator(parse_sl_vector),
    PlainSerializer(list, return_type=list),
    WithJsonSchema(_SL_SCHEMA),
]

# Allowed values come from the domain, so the schema and the engine cannot drift apart.
ZoneKind = Literal[ZONE_KINDS]  # type: ignore[valid-type]
AssetType = Literal[ASSET_TYPES]  # type: ignore[valid-type]
StatusName = Literal[tuple(status.value for status in Status)]  # type: ignore[misc]
EvidenceKind = Literal[EVIDENCE_KINDS]  # type: ignore[valid-type]
Role = Literal[ROLES]  # type: ignore[valid-type]
Severity = Literal[SEVERITIES]  # type: ignore[valid-type]
ZoningRuleId = Literal[ZONING_RULE_IDS]  # type: ignore[valid-type]
_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IPV4 = re.compile(
    r"^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$"
)


def _date(value: object) -> date:
    """A calendar date written YYYY-MM-DD (no time part)."""
    if type(value) is str and len(value) == 10 and value[4] == value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    elif isinstance(value, date) and not isinstance(value, datetime):
        return value
    elif isinstance(value, str) and _DATE_TEXT.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected a date YYYY-MM-DD; got {value!r}")


Date = Annotated[date, PlainValidator(_date), WithJsonSchema({"type": "string", "format": "date"})]


def _purdue_level(value: object) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value not in PURDUE_LEVELS:
        raise ValueError(f"expected a Purdue level, one of 0, 1, 2, 3, 3.5, 4, 5; got {value!r}")
    return int(value) if float(value).is_integer() else float(value)


PurdueLevel = Annotated[
    float | int,
    PlainValidator(_purdue_level),
    WithJsonSchema({"enum": list(PURDUE_LEVELS), "description": "Purdue model level"}),
]


class Strict(BaseModel):
    """Base of every section: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


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
        if ip is not None and not _IPV4.match(ip):  # the common case, without ipaddress
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


# --- risk: the security risk assessment of IEC 62443-3-2 (see docs/concepts/risk.md) --------

ZoneFunction = Literal[ZONE_FUNCTIONS]  # type: ignore[valid-type]
ActorProfile = Literal[ACTOR_PROFILES]  # type: ignore[valid-type]
SLValue = Annotated[StrictInt, Field(ge=0, le=4)]
ScaleLevels = Annotated[list["RiskLevelModel"], Field(min_length=1, max_length=20)]
ConsequenceMap = Annotated[dict[str, Slug], Field(min_length=1, max_length=50)]


def _fr_list(value: object) -> tuple[int, ...]:
    """FRs as numbers 1-7 or names (FR1, FR 1, IAC, ...); ascending, each once."""
    from zonewarden.domain.levels import _fr_key

    if not isinstance(value, list | tuple) or not value:
        raise ValueError(f"expected a non-empty list of FRs (FR1..FR7); got {value!r:.60}")
    found: list[int] = []
    for item in value:
        fr = None if isinstance(item, bool) else _fr_key(item)
        if fr is None:
            raise ValueError(f"unknown FR {item!r:.40} (expected FR1..FR7 or 1..7)")
        if fr in found:
            raise ValueError(f"FR {fr} is given twice")
        found.append(fr)
    return tuple(sorted(found))


FRList = Annotated[
    tuple[int, ...],
    PlainValidator(_fr_list),
    PlainSerializer(lambda frs: [f"FR{f}" for f in frs], return_type=list),
    WithJsonSchema(
        {
            "description": "FRs: FR1..FR7 (or 1..7, or IAC, UC, SI, DC, RDF, TRE, RA), each once",
            "type": "array",
            "minItems": 1,
            "maxItems": 7,
            "items": {
                "anyOf": [
                    {"type": "integer", "minimum": 1, "maximum": 7},
                    {
                        "type": "string",
                        "pattern": "^(?:[Ff][Rr] ?)?[1-7]$|^(?:IAC|UC|SI|DC|RDF|TRE|RA)$",
                    },
                ]
            },
        }
    ),
]
_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


def _sha256(value: object) -> str:
    if not isinstance(value, str) or not _SHA256.match(value):
        raise ValueError(f"expected a SHA-256 digest: 64 hexadecimal digits; got {value!r:.70}")
    return value.lower()


Sha256 = Annotated[
    str,
    PlainValidator(_sha256),
    WithJsonSchema({"type": "string", "pattern": _SHA256.pattern}),
]


class RiskLevelModel(Strict):
    """A level of a scale of the risk matrix, or an impact category."""

    id: Slug
    name: ShortText | None = None
    description: Text | None = None


class RiskMatrixModel(Strict):
    """Likelihood x consequence -> risk level; every scale lowest first (ZCR 2.1, 5.5)."""

    likelihood: ScaleLevels
    consequence: ScaleLevels
    levels: ScaleLevels
    cells: Annotated[
        list[Annotated[list[Slug], Field(min_length=1, max_length=20)]],
        Field(min_length=1, max_length=20),
    ]


class ActorLevelsModel(Strict):
    """The SL each actor profile calls for."""

    casual: SLValue | None = None
    simple: SLValue | None = None
    moderate: SLValue | None = None
    extended: SLValue | None = None


class DerivationModel(Strict):
    """See :class:`zonewarden.domain.risk.DerivationRule`."""

    actor_sl: ActorLevelsModel = Field(default_factory=ActorLevelsModel)
    consequence_sl: Annotated[list[SLValue], Field(min_length=1, max_length=20)] | None = None
    baseline: SLValue | None = None


class InitialRiskModel(Strict):
    """Initial (unmitigated, worst-case) risk of a zone or conduit (ZCR 2)."""

    likelihood: Slug | None = None
    consequence: ConsequenceMap
    notes: Text | None = None


class SLTargetDecisionModel(Strict):
    """How the zone's SL-T was decided (ZCR 5.6)."""

    derived: SLVectorField | None = None
    justification: Text | None = None
    override_rationale: Text | None = None
    decided_by: ShortText | None = None
    decided_on: Date | None = None


class ZoneRiskModel(Strict):
    """Risk data and CRS characteristics of one zone or conduit (ZCR 2, 5.6, 6.4)."""

    function: ZoneFunction | None = None
    initial: InitialRiskModel | None = None
    decision: SLTargetDecisionModel | None = None
    logical_boundary: Text | None = None
    physical_boundary: Text | None = None
    policies: list[ShortText] = Field(default_factory=list)
    assumptions: list[ShortText] = Field(default_factory=list)
    dependencies: list[ShortText] = Field(default_factory=list)


class CountermeasuresModel(Strict):
    existing: list[ShortText] = Field(default_factory=list)
    planned: list[ShortText] = Field(default_factory=list)


class ResidualModel(Strict):
    """Likelihood and consequence after the countermeasures (ZCR 5.9)."""

    likelihood: Slug | None = None
    consequence: ConsequenceMap | None = None


class ThreatScenarioModel(Strict):
    """A threat scenario of the detailed risk assessment (ZCR 5)."""

    id: Slug
    title: ShortText
    description: Text | None = None
    source: ShortText
    actor: ActorProfile
    vector: Text | None = None
    targets: Annotated[list[Slug], Field(min_length=1)]
    frs: FRList
    vulnerability: Text | None = None
    likelihood: Slug
    consequence: ConsequenceMap
    countermeasures: CountermeasuresModel = Field(default_factory=CountermeasuresModel)
    residual: ResidualModel | None = None


class ApprovalModel(Strict):
    """The asset owner's approval of one version of the CRS (ZCR 7)."""

    version: ShortText
    approved_by: ShortText
    role: ShortText | None = None
    approved_on: Date
    sha256: Sha256
    document: ShortText | None = None
    notes: Text | None = None


class RiskModel(Strict):
    """The security risk assessment of IEC 62443-3-2 (ZCR 2 to ZCR 7)."""

    version: ShortText | None = None
    tolerable: Slug
    matrix: RiskMatrixModel | None = None
    impact_categories: ScaleLevels | None = None
    derivation: DerivationModel | None = None
    threat_environment: Text | None = None
    assumptions: list[ShortText] = Field(default_factory=list)
    policies: list[ShortText] = Field(default_factory=list)
    regulations: list[ShortText] = Field(default_factory=list)
    zones: dict[str, ZoneRiskModel] = Field(default_factory=dict)
    scenarios: list[ThreatScenarioModel] = Field(default_factory=list)
    approvals: list[ApprovalModel] = Field(default_factory=list)


# --- actions and acceptances: remediation planning (see docs/concepts/remediation.md) -------

ActionStatus = Literal[ACTION_STATUSES]  # type: ignore[valid-type]
GateName = Literal[GATES]  # type: ignore[valid-type]
TestResult = Literal[TEST_RESULTS]  # type: ignore[valid-type]


def _amount(value: object) -> float | int:
    """A number >= 0 (person-days or money)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise ValueError(f"expected a number >= 0; got {value!r:.40}")
    if value < 0 or value > 1e12:
        raise ValueError(f"expected a number >= 0 (and below 10^12); got {value!r}")
    return value


Amount = Annotated[
    float | int,
    PlainValidator(_amount),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 1e12}),
]
RequirementList = Annotated[list[ShortText], Field(min_length=1, max_length=500)]


class AddressedModel(Strict):
    """The gaps an action closes in one zone or conduit."""

    zone: Slug
    requirements: RequirementList


class LabTestModel(Strict):
    result: TestResult = "pending"
    environment: ShortText | None = None
    tested_on: Date | None = None
    evidence: list[Slug] = Field(default_factory=list)


class MaintenanceWindowModel(Strict):
    start: Date | None = None
    end: Date | None = None


class RollbackModel(Strict):
    documented: StrictBool = False
    verified: StrictBool = False
    verified_on: Date | None = None
    procedure: Text | None = None


class VendorModel(Strict):
    needed: StrictBool = False
    notified: StrictBool = False
    approved: StrictBool = False
    support_impact: Text | None = None


class GateWaiverModel(Strict):
    """An open gate accepted for closure: the reason and who approved it."""

    gate: GateName
    reason: Annotated[Text, StringConstraints(min_length=1)]
    approved_by: ShortText
    approved_on: Date | None = None


class ChangeApprovalModel(Strict):
    approved_by: ShortText | None = None
    approved_on: Date | None = None


class ChangeRecordModel(Strict):
    """A change to the live system with its OT gates (methodology, Phase 3)."""

    id: Slug
    title: ShortText | None = None
    lab_test: LabTestModel | None = None
    maintenance_window: MaintenanceWindowModel | None = None
    rollback: RollbackModel | None = None
    vendor: VendorModel | None = None
    approval: ChangeApprovalModel | None = None
    evidence: list[Slug] = Field(default_factory=list)
    waive: list[GateWaiverModel] = Field(default_factory=list)
    notes: Text | None = None


class ActionModel(Strict):
    """A remediation action: closes gaps in one or more zones or conduits (Phase 2)."""

    id: Slug
    title: ShortText
    finding: Slug | None = None
    description: Text | None = None
    addresses: Annotated[list[AddressedModel], Field(min_length=1, max_length=10_000)]
    owner: ShortText | None = None
    effort: Amount = 0
    cost: Amount | None = None
    procurement: StrictBool = False
    process_change: StrictBool = False
    downtime: StrictBool = False
    vendor: StrictBool = False
    depends_on: list[Slug] = Field(default_factory=list)
    status: ActionStatus = "planned"
    phase: Annotated[StrictInt, Field(ge=1, le=3)] | None = None
    evidence: list[Slug] = Field(default_factory=list)
    verified_by: ShortText | None = None
    verified_on: Date | None = None
    changes: list[ChangeRecordModel] = Field(default_factory=list)


class AcceptanceModel(Strict):
    """Gaps risk-accepted instead of remediated, until expires_on (then they reopen)."""

    zone: Slug
    requirements: RequirementList
    approved_by: ShortText
    approved_on: Date
    rationale: Annotated[Text, StringConstraints(min_length=1)]
    expires_on: Date | None = None


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


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the project file, for editors (``zonewarden schema``)."""
    schema = ProjectFileModel.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
