"""Schema of the project file's ``actions`` and ``acceptances`` sections: remediation planning
(see docs/concepts/remediation.md). Checks across sections are in :mod:`.actions`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    PlainValidator,
    StrictBool,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
)

from zonewarden.domain.actions import ACTION_STATUSES, GATES, TEST_RESULTS
from zonewarden.project.fields import (
    Date,
    ShortText,
    Slug,
    Strict,
    Text,
)

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
