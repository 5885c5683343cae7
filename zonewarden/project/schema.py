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

from zonewarden.domain.assessment import Status
from zonewarden.domain.assets import ASSET_TYPES
from zonewarden.domain.evidence import EVIDENCE_KINDS
from zonewarden.domain.levels import SLVector, parse_sl_vector
from zonewarden.domain.projects import ROLES
from zonewarden.domain.rules import SEVERITIES
from zonewarden.domain.zones import PURDUE_LEVELS, ZONE_KINDS

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
    zone: Slug
    type: AssetType = "other"
    vendor: ShortText | None = None
    model: ShortText | None = None
    ip: ShortText | None = None
    description: Text | None = None

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


class RulesModel(Strict):
    severity: SeverityRulesModel = Field(default_factory=SeverityRulesModel)
    priority: PriorityRulesModel = Field(default_factory=PriorityRulesModel)


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


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the project file, for editors (``zonewarden schema``)."""
    schema = ProjectFileModel.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
