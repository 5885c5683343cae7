"""The building blocks of the project file schema (spec section 4): strict text, slugs, dates,
SL vectors, Purdue levels, and :class:`Strict`, the base of every section (unknown keys are
errors). The sections themselves are in :mod:`.schema`, :mod:`.risk_schema` and
:mod:`.action_schema`."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    PlainSerializer,
    PlainValidator,
    StrictStr,
    StringConstraints,
    WithJsonSchema,
)

from zonewarden.domain.assessment import Status
from zonewarden.domain.assets import ASSET_TYPES
from zonewarden.domain.evidence import EVIDENCE_KINDS
from zonewarden.domain.levels import SLVector, parse_sl_vector
from zonewarden.domain.projects import ROLES
from zonewarden.domain.rules import SEVERITIES
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
IPV4 = re.compile(
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
