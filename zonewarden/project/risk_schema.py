"""Schema of the project file's ``risk`` section: the security risk assessment of IEC 62443-3-2
(ZCR 1-7; see docs/concepts/risk.md). Checks across sections are in :mod:`.risk`."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    Field,
    PlainSerializer,
    PlainValidator,
    StrictInt,
    WithJsonSchema,
)

from zonewarden.domain.risk import ZONE_FUNCTIONS
from zonewarden.domain.threats import ACTOR_PROFILES
from zonewarden.project.fields import (
    Date,
    ShortText,
    Slug,
    SLVectorField,
    Strict,
    Text,
)

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
