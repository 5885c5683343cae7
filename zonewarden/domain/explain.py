"""Explanations: why a zone has its SL-A, why a requirement is in scope, satisfied or a gap.

Every number the product shows can be traced (product brief: "every number explains
itself"). Pure functions over the same primitives as :mod:`.evaluation`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zonewarden.domain.assessment import Assessment
from zonewarden.domain.evaluation import (
    Scope,
    TargetResult,
    effective_assessments,
    evaluate_target,
    satisfied_map,
)
from zonewarden.domain.gaps import Gap, Ranker
from zonewarden.domain.levels import FR, MAX_SL
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Requirement
from zonewarden.domain.zones import Target


@dataclass(frozen=True, slots=True)
class Blocker:
    """An unsatisfied requirement that keeps an FR's SL-A from rising."""

    requirement: Requirement
    status: str


@dataclass(frozen=True, slots=True)
class FRExplanation:
    fr: FR
    sl_target: int
    sl_achieved: int
    blockers: tuple[Blocker, ...]  # unsatisfied requirements of level sl_achieved + 1

    @property
    def meets(self) -> bool:
        return self.sl_achieved >= self.sl_target

    def sentence(self) -> str:
        head = f"FR {int(self.fr)} {self.fr.title}: SL-A {self.sl_achieved}, SL-T {self.sl_target}"
        if self.sl_achieved >= MAX_SL:
            return f"{head}. Every requirement of this FR is satisfied."
        names = ", ".join(f"{b.requirement.id} ({b.status})" for b in self.blockers)
        level = self.sl_achieved + 1
        verdict = "meets its target" if self.meets else "misses its target"
        return (
            f"{head} ({verdict}). SL {level} is not reached because "
            f"{names} {'is' if len(self.blockers) == 1 else 'are'} not satisfied."
        )


@dataclass(frozen=True, slots=True)
class TargetExplanation:
    target: Target
    result: TargetResult
    frs: tuple[FRExplanation, ...]


def explain_target(
    scope: Scope, project: Project, target: Target, order: int, as_of: date
) -> TargetExplanation:
    """Per FR: SL-T, SL-A and the unsatisfied requirements that cap SL-A (spec section 3)."""
    recorded = project.assessments_of(target.id)
    result = evaluate_target(scope, target, order, recorded, as_of, Ranker(project.rules))
    effective = effective_assessments(scope, recorded)
    satisfied = satisfied_map(effective, as_of)
    frs = []
    for fr in FR:
        achieved = result.sl_achieved[fr - 1]
        blockers: tuple[Blocker, ...] = ()
        if achieved < MAX_SL:
            blockers = tuple(
                Blocker(r, effective[r.id].status.value)
                for r in scope.by_fr_level[fr - 1][achieved + 1]
                if not satisfied[r.id]
            )
        frs.append(FRExplanation(fr, target.sl_target[fr - 1], achieved, blockers))
    return TargetExplanation(target, result, tuple(frs))


@dataclass(frozen=True, slots=True)
class RequirementExplanation:
    target: Target
    requirement: Requirement
    sl_target: int
    in_scope: bool
    assessment: Assessment
    recorded: bool
    satisfied_by: str | None
    gap: Gap | None
    lines: tuple[str, ...]


def explain_requirement(
    scope: Scope,
    project: Project,
    target: Target,
    order: int,
    requirement: Requirement,
    as_of: date,
) -> RequirementExplanation:
    """Why one requirement is (not) in scope, (not) satisfied, and its gap's ranking."""
    recorded = project.assessments_of(target.id)
    effective = effective_assessments(scope, recorded)[requirement.id]
    fr = int(requirement.fr) if requirement.fr else 0
    t = target.sl_target[fr - 1] if fr else 0
    in_scope = requirement.in_scope(t)
    satisfied_by = effective.how_satisfied(as_of)
    result = evaluate_target(scope, target, order, recorded, as_of, Ranker(project.rules))
    gap = next((g for g in result.gaps if g.requirement == requirement.id), None)
    lines = [
        f"{requirement.id} {requirement.title} (FR {fr}) applies from SL {requirement.min_sl}.",
        (
            f"In scope: the {target.type}'s SL-T for FR {fr} is {t} >= {requirement.min_sl}."
            if in_scope
            else f"Not in scope: the {target.type}'s SL-T for FR {fr} is {t} "
            f"< {requirement.min_sl}."
        ),
    ]
    if requirement.id not in recorded and effective.status.value == "not_applicable":
        lines.append(f"Status: not_applicable, inherited ({effective.justification}).")
    elif requirement.id not in recorded:
        lines.append("Status: not_assessed (the project records no assessment).")
    elif requirement.id in project.verified.get(target.id, {}):
        lines.append(f"Status: {effective.status.value} ({effective.notes}).")
    else:
        lines.append(f"Status: {effective.status.value}.")
    if effective.compensating is not None and satisfied_by is None:
        c = effective.compensating
        why = "not approved" if not c.approved() else f"expired on {c.expires_on}"
        lines.append(f"A compensating countermeasure is recorded but does not count: {why}.")
    lines.append(f"Satisfied: yes, {satisfied_by}." if satisfied_by else "Satisfied: no.")
    if gap is not None:
        lines.append(
            f"Gap: severity {gap.severity} because " + "; ".join(gap.severity_reasons) + "."
        )
        terms = " + ".join(f"{name} {value}" for name, value in gap.priority_terms)
        lines.append(f"Priority {gap.priority} = {terms}.")
    elif in_scope:
        lines.append("No gap: it is in scope and satisfied.")
    return RequirementExplanation(
        target,
        requirement,
        t,
        in_scope,
        effective,
        requirement.id in recorded,
        satisfied_by,
        gap,
        tuple(lines),
    )
