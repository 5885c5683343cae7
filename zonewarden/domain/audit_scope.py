"""What an audit looks at: the targets in the certification scope, their evaluation on a date,
and the facts the readiness checklist and the pitfalls both read (methodology Phase 4).

Built once per readiness run so the checklist items and the pitfall detectors stay small pure
functions of one :class:`AuditView`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from zonewarden.domain.assessment import Assessment, Status
from zonewarden.domain.certification import Certification
from zonewarden.domain.documents import Document
from zonewarden.domain.evaluation import Evaluation, TargetResult, evaluate
from zonewarden.domain.evidence import Evidence
from zonewarden.domain.gaps import Gap
from zonewarden.domain.periods import TWELVE_MONTHS, Period
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog, Requirement


@dataclass(frozen=True, slots=True)
class Control:
    """A requirement counted as met in a target, and the evidence it cites."""

    target: str
    requirement: str
    how: str  # implemented | compensating
    evidence: tuple[str, ...]


@dataclass
class AuditView:
    """A project seen by an auditor on ``as_of`` for ``scheme``, limited to the scope."""

    project: Project
    catalog: Catalog
    as_of: date
    scheme: str
    scope: tuple[str, ...]  # target ids in scope, file order

    @classmethod
    def of(
        cls,
        project: Project,
        catalog: Catalog,
        as_of: date,
        scheme: str | None = None,
        scope: tuple[str, ...] | None = None,
    ) -> AuditView:
        certification = project.certification or Certification()
        if scope is None:
            scope = scope_of(project)
        return cls(project, catalog, as_of, scheme or certification.scheme, scope)

    @property
    def certification(self) -> Certification:
        return self.project.certification or Certification()

    @property
    def freshness(self) -> Period:
        return self.certification.evidence_freshness

    @cached_property
    def evaluation(self) -> Evaluation:
        return evaluate(self.project, self.catalog, self.as_of)

    @cached_property
    def results(self) -> tuple[TargetResult, ...]:
        wanted = set(self.scope)
        return tuple(r for r in self.evaluation.results if r.target.id in wanted)

    @cached_property
    def zones(self) -> tuple[str, ...]:
        return tuple(r.target.id for r in self.results if r.target.type == "zone")

    def gaps(self) -> tuple[Gap, ...]:
        """The gaps of the targets in scope (built once: several items read them)."""
        return self._gaps

    @cached_property
    def _gaps(self) -> tuple[Gap, ...]:
        return tuple(gap for result in self.results for gap in result.gaps)

    @cached_property
    def evidence(self) -> dict[str, Evidence]:
        return {e.id: e for e in self.project.evidence}

    def in_scope(self, result: TargetResult) -> Iterator[Requirement]:
        """The 62443-3-3 requirements in scope of a target at its SL-T."""
        sl_target = result.target.sl_target
        for requirement in self.catalog.system_requirements():
            if requirement.fr and 1 <= requirement.min_sl <= sl_target[int(requirement.fr) - 1]:
                yield requirement

    @cached_property
    def controls(self) -> tuple[Control, ...]:
        """Every in-scope requirement met by implementation or a valid countermeasure."""
        out = []
        for result in self.results:
            recorded = self.project.assessments_of(result.target.id)
            for requirement in self.in_scope(result):
                entry: Assessment | None = recorded.get(requirement.id)
                if entry is None:
                    continue
                if entry.status is Status.IMPLEMENTED:
                    how = "implemented"
                elif entry.compensating is not None and entry.compensating.valid_on(self.as_of):
                    how = "compensating"
                else:
                    continue
                out.append(Control(result.target.id, requirement.id, how, entry.evidence))
        return tuple(out)

    def stale(self, item: Evidence) -> str | None:
        """Why an evidence item would not convince an auditor on ``as_of``, or None."""
        if item.expired(self.as_of):
            return f"expired on {item.expires_on}"
        if item.collected_on is not None and item.collected_on < self.freshness.before(self.as_of):
            return (
                f"collected on {item.collected_on}, older than {self.freshness.words()} "
                "(certification.evidence_freshness)"
            )
        audit_on = self.certification.audit_on
        if item.expires_on is not None and audit_on is not None and item.expires_on < audit_on:
            return f"expires on {item.expires_on}, before the audit on {audit_on}"
        return None

    # --- the documents register -----------------------------------------------------------

    def documents(self, topic: str, *kinds: str) -> list[Document]:
        return [
            d for d in self.project.documents if d.topic == topic and (not kinds or d.kind in kinds)
        ]

    def recent(self, document: Document, period: Period = TWELVE_MONTHS) -> bool:
        """A record made within ``period`` before ``as_of``."""
        made = document.approved_on
        return made is not None and period.before(self.as_of) <= made <= self.as_of


def scope_of(project: Project) -> tuple[str, ...]:
    """Target ids in the certification scope (file order); the whole SuC when none is set.

    Listing zones only brings in the conduits between two listed zones; listing conduits
    names them explicitly.
    """
    targets = [t.id for t in project.targets()]
    certification = project.certification
    if certification is None or certification.scope.whole_system:
        return tuple(targets)
    zones = set(certification.scope.zones)
    conduits = set(certification.scope.conduits)
    if not conduits:
        conduits = {c.id for c in project.conduits if set(c.zones) <= zones}
    return tuple(t for t in targets if t in zones or t in conduits)
