"""A project: the system under consideration, its zones, conduits, assets, assessments."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from zonewarden.domain.actions import Acceptance, Action, verified_assessments
from zonewarden.domain.assessment import Assessment
from zonewarden.domain.assets import Asset
from zonewarden.domain.certification import Certification
from zonewarden.domain.conduits import Conduit
from zonewarden.domain.documents import Document
from zonewarden.domain.evidence import Evidence
from zonewarden.domain.nonconformities import Nonconformity
from zonewarden.domain.obligations import Obligation
from zonewarden.domain.risk import RiskAssessment
from zonewarden.domain.rules import Rules
from zonewarden.domain.waivers import Waiver
from zonewarden.domain.zones import Target, Zone

ROLES = ("asset_owner", "system_integrator", "product_supplier")


@dataclass(frozen=True, slots=True)
class SystemUnderConsideration:
    """The SuC (IEC 62443-3-2 ZCR 1): what is assessed, its boundary and its access points."""

    description: str | None = None
    boundary: str | None = None
    access_points: tuple[str, ...] = ()
    essential_functions: tuple[str, ...] = ()


EMPTY: Mapping[str, Assessment] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Project:
    """Everything one assessment project holds. Pure data; the engine reads it.

    ``assessments`` maps a zone or conduit id to a mapping of canonical requirement id to its
    :class:`Assessment`; a pair with no entry is ``not_assessed``. ``risk`` is the optional
    security risk assessment (the project file's ``risk`` section).
    """

    id: str
    name: str
    organization: str | None = None
    role: str = "asset_owner"
    description: str | None = None
    suc: SystemUnderConsideration = field(default_factory=SystemUnderConsideration)
    zones: tuple[Zone, ...] = ()
    conduits: tuple[Conduit, ...] = ()
    assets: tuple[Asset, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    assessments: Mapping[str, Mapping[str, Assessment]] = field(default_factory=dict)
    rules: Rules = field(default_factory=Rules)
    risk: RiskAssessment | None = None  # the security risk assessment (IEC 62443-3-2)
    waivers: tuple[Waiver, ...] = ()  # lint.waive: accepted zoning-rule findings
    actions: tuple[Action, ...] = ()  # remediation actions (docs/concepts/remediation.md)
    acceptances: tuple[Acceptance, ...] = ()  # risk-accepted gaps
    # certification readiness and continuous compliance (docs/concepts/certification.md)
    certification: Certification | None = None
    documents: tuple[Document, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    nonconformities: tuple[Nonconformity, ...] = ()
    # what verified actions add to the assessments (derived; see assessments_of)
    verified: Mapping[str, Mapping[str, Assessment]] = field(
        init=False, compare=False, repr=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        if self.actions:
            object.__setattr__(
                self, "verified", verified_assessments(self.actions, self.assessments)
            )

    def targets(self) -> Iterator[Target]:
        """Zones then conduits, each in file order (spec section 5, ``status`` order)."""
        safety = {zone.id for zone in self.zones if zone.is_safety}
        for zone in self.zones:
            yield Target(zone.id, "zone", zone.name, zone.sl_target, zone.is_safety)
        for conduit in self.conduits:
            yield Target(
                conduit.id,
                "conduit",
                conduit.name or conduit.id,
                conduit.sl_target,
                any(z in safety for z in conduit.zones),
                conduit.zones,
            )

    def target(self, target_id: str) -> Target | None:
        for target in self.targets():
            if target.id == target_id:
                return target
        return None

    def assessments_of(self, target_id: str) -> Mapping[str, Assessment]:
        """The effective assessments of a zone or conduit: those recorded, with the pairs that
        verified actions address counted as implemented (``recorded`` gives the file's own)."""
        recorded = self.assessments.get(target_id, EMPTY)
        verified = self.verified.get(target_id) if self.verified else None
        return recorded if verified is None else {**recorded, **verified}

    def recorded(self, target_id: str) -> Mapping[str, Assessment]:
        """The assessments recorded in the file for a zone or conduit (no action overlay)."""
        return self.assessments.get(target_id, EMPTY)

    def action(self, action_id: str) -> Action | None:
        return next((a for a in self.actions if a.id == action_id), None)

    def document(self, document_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == document_id), None)

    def zone(self, zone_id: str) -> Zone | None:
        return next((z for z in self.zones if z.id == zone_id), None)
