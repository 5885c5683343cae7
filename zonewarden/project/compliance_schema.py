"""Schema of the project file's certification and continuous-compliance sections:
``certification``, ``documents``, ``obligations`` and ``nonconformities`` (see
docs/concepts/certification.md). Checks across sections are in :mod:`.compliance`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    StrictStr,
    StringConstraints,
    WithJsonSchema,
)

from zonewarden.domain.certification import SCHEMES
from zonewarden.domain.documents import DOCUMENT_KINDS, TOPICS
from zonewarden.domain.nonconformities import NC_SEVERITIES, NC_SOURCES
from zonewarden.domain.obligations import OBLIGATION_KINDS
from zonewarden.domain.periods import PERIOD_PATTERN, Period
from zonewarden.project.fields import Date, ShortText, Slug, Strict, Text

Scheme = Literal[SCHEMES]  # type: ignore[valid-type]
DocumentKind = Literal[DOCUMENT_KINDS]  # type: ignore[valid-type]
Topic = Literal[TOPICS]  # type: ignore[valid-type]
ObligationKind = Literal[OBLIGATION_KINDS]  # type: ignore[valid-type]
NcSeverity = Literal[NC_SEVERITIES]  # type: ignore[valid-type]
NcSource = Literal[NC_SOURCES]  # type: ignore[valid-type]

Sha256 = Annotated[
    StrictStr,
    StringConstraints(pattern=r"^[0-9a-f]{64}$"),
    WithJsonSchema(
        {"type": "string", "pattern": "^[0-9a-f]{64}$", "description": "SHA-256, lower-case hex"}
    ),
]
Required = Annotated[Text, StringConstraints(min_length=1)]


def _period(value: object) -> Period:
    if isinstance(value, Period):
        return value
    return Period.parse(value)  # type: ignore[arg-type]


PeriodField = Annotated[
    Period,
    PlainValidator(_period),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": PERIOD_PATTERN,
            "description": "a period: a count and d (days), w (weeks), m (months) or y (years)",
        }
    ),
]
Ids = Annotated[list[Slug], Field(max_length=10_000)]


class ScopeModel(Strict):
    """Zones and conduits the certificate will cover; none listed means the whole SuC."""

    zones: Ids = Field(default_factory=list)
    conduits: Ids = Field(default_factory=list)
    rationale: Text | None = None


class CertificationModel(Strict):
    """The certification target (methodology Phase 4)."""

    scheme: Scheme = "ssa"
    body: ShortText | None = None
    scope: ScopeModel = Field(default_factory=ScopeModel)
    audit_on: Date | None = None
    evidence_freshness: PeriodField = Period(12, "m")


class DocumentModel(Strict):
    """One policy, procedure, plan or record of the documents register."""

    id: Slug
    title: ShortText
    kind: DocumentKind
    topic: Topic = "other"
    owner: ShortText | None = None
    approved_on: Date | None = None
    review_due: Date | None = None
    uri: ShortText | None = None
    follows: Ids = Field(default_factory=list)
    sha256: Sha256 | None = None


class ObligationModel(Strict):
    """A recurring obligation: what, how often, when last done."""

    id: Slug
    kind: ObligationKind
    every: PeriodField
    title: ShortText | None = None
    last_done: Date | None = None
    due_on: Date | None = None
    owner: ShortText | None = None
    records: Ids = Field(default_factory=list)


class CorrectiveActionModel(Strict):
    description: Required
    owner: ShortText | None = None
    due_on: Date | None = None
    done_on: Date | None = None


class VerificationModel(Strict):
    verified_on: Date
    effective: StrictBool
    verified_by: ShortText | None = None
    notes: Text | None = None


class NonconformityModel(Strict):
    """A finding of an internal or external audit, and what is done about it."""

    id: Slug
    finding: Required
    severity: NcSeverity
    source: NcSource
    raised_on: Date
    auditor: ShortText | None = None
    zones: Ids = Field(default_factory=list)
    requirements: Annotated[list[ShortText], Field(max_length=500)] = Field(default_factory=list)
    references: Annotated[list[ShortText], Field(max_length=100)] = Field(default_factory=list)
    root_cause: Text | None = None
    corrective_action: CorrectiveActionModel | None = None
    verification: VerificationModel | None = None
    closed_on: Date | None = None
