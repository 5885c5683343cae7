"""The report model: everything the deliverables show, computed once from the engine.

Renderers (HTML, PDF, XLSX, SVG, draw.io, JSON) read this model and never recompute
(architecture: "renderers never query"). It follows the methodology's gap assessment
deliverables: zone and conduit diagram, control assessment matrix, gap register and compliance
scores per zone and overall.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from zonewarden import __version__
from zonewarden.domain.evaluation import Evaluation, Scope, TargetResult, evaluate, score_of
from zonewarden.domain.evaluation import effective_assessments as _effective
from zonewarden.domain.gaps import Gap
from zonewarden.domain.levels import FR
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog
from zonewarden.domain.rules import SEVERITIES
from zonewarden.domain.snapshots import Snapshot

REPORT_FORMAT = "zonewarden-report/v1"


@dataclass(frozen=True, slots=True)
class FRScore:
    fr: int
    title: str
    sl_target: int
    sl_achieved: int
    srs_in_score: int
    srs_meeting_target: int

    @property
    def score(self) -> float | None:
        return score_of(self.srs_meeting_target, self.srs_in_score)


@dataclass(frozen=True, slots=True)
class ZoneReport:
    """One zone or conduit as the deliverables show it."""

    id: str
    type: str  # zone | conduit
    name: str
    kind: str | None
    purdue_level: float | None
    safety: bool
    owner: str | None
    networks: tuple[str, ...]
    joins: tuple[str, ...]  # for a conduit: the two zones
    protocols: tuple[str, ...]
    sl_target: tuple[int, ...]
    sl_achieved: tuple[int, ...]
    score: float | None
    srs_in_score: int
    srs_meeting_target: int
    gaps: int
    gaps_by_severity: dict[str, int]
    meets_target: bool
    assets: int
    fr_scores: tuple[FRScore, ...]


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One row of the control assessment matrix: a zone and an in-scope requirement."""

    zone: str
    zone_type: str
    fr: int
    requirement: str
    type: str  # SR | RE
    title: str
    min_sl: int
    sl_target: int
    status: str
    satisfied: bool
    satisfied_by: str | None
    evidence: tuple[str, ...]
    compensating: str | None
    notes: str | None
    justification: str | None


@dataclass(frozen=True, slots=True)
class GapRow:
    rank: int
    id: str
    zone: str
    zone_type: str
    zone_name: str
    requirement: str
    title: str
    fr: int
    min_sl: int
    sl_target: int
    status: str
    severity: str
    priority: int
    owner: str | None
    due: date | None = None


@dataclass(frozen=True, slots=True)
class Overall:
    score: float | None
    srs_in_score: int
    srs_meeting_target: int
    targets_met: int
    targets: int
    zones_met: int
    zones: int
    conduits_met: int
    conduits: int
    gaps: int
    gaps_by_severity: dict[str, int]


@dataclass(frozen=True)
class ReportModel:
    """The whole deliverable set for one project on one date."""

    project: Project
    catalog: Catalog
    evaluation: Evaluation
    as_of: date
    zones: tuple[ZoneReport, ...]
    overall: Overall
    gaps: tuple[GapRow, ...]
    conclusion: str
    selected: frozenset[str] = field(default_factory=frozenset)
    trend: tuple[Snapshot, ...] = ()  # the project's snapshots up to as_of, oldest first

    @property
    def generator(self) -> str:
        return f"ZoneWarden {__version__} (catalog {self.catalog.version})"

    def zone_reports(self) -> tuple[ZoneReport, ...]:
        return tuple(z for z in self.zones if z.type == "zone")

    def conduit_reports(self) -> tuple[ZoneReport, ...]:
        return tuple(z for z in self.zones if z.type == "conduit")

    def gaps_of(self, zone_id: str) -> list[GapRow]:
        return [g for g in self.gaps if g.zone == zone_id]

    def matrix_rows(self) -> Iterator[MatrixRow]:
        """The control assessment matrix, zone by zone, in catalog order; generated lazily so
        that very large portfolios can be written in constant memory."""
        scope = Scope.of(self.catalog)
        chosen = {z.id for z in self.zones}
        for result in self.evaluation.results:
            if result.target.id in chosen:
                yield from _matrix_of(scope, self.project, result, self.as_of)


def _matrix_of(
    scope: Scope, project: Project, result: TargetResult, as_of: date
) -> Iterator[MatrixRow]:
    target = result.target
    effective = _effective(scope, project.assessments_of(target.id))
    for requirement in scope.requirements:
        fr = int(requirement.fr) if requirement.fr else 0
        t = target.sl_target[fr - 1]
        if not requirement.in_scope(t):
            continue
        assessment = effective[requirement.id]
        how = assessment.how_satisfied(as_of)
        c = assessment.compensating
        compensating = None
        if c is not None:
            approval = (
                f"approved by {c.approved_by} on {c.approved_on}"
                if c.approved()
                else ("not approved")
            )
            expiry = f", expires {c.expires_on}" if c.expires_on else ""
            compensating = f"{c.description} ({approval}{expiry})"
        yield MatrixRow(
            zone=target.id,
            zone_type=target.type,
            fr=fr,
            requirement=requirement.id,
            type=requirement.type,
            title=requirement.title,
            min_sl=requirement.min_sl,
            sl_target=t,
            status=assessment.status.value,
            satisfied=how is not None,
            satisfied_by=how,
            evidence=assessment.evidence,
            compensating=compensating,
            notes=assessment.notes,
            justification=assessment.justification,
        )


def _fr_scores(
    scope: Scope, project: Project, result: TargetResult, as_of: date
) -> tuple[FRScore, ...]:
    """SRs in score and meeting SL-T, per FR (the per-FR view of spec section 3's score)."""
    effective = _effective(scope, project.assessments_of(result.target.id))
    counts = {fr: [0, 0] for fr in range(1, 8)}
    for sr, enhancements in scope.srs:
        fr = int(sr.fr) if sr.fr else 0
        t = result.target.sl_target[fr - 1]
        base = effective[sr.id]
        if not sr.in_scope(t) or base.status.value == "not_applicable":
            continue
        meets = base.satisfied(as_of) and all(
            effective[re.id].satisfied(as_of) for re in enhancements if re.in_scope(t)
        )
        counts[fr][0] += 1
        counts[fr][1] += meets
    return tuple(
        FRScore(
            fr,
            FR(fr).title,
            result.target.sl_target[fr - 1],
            result.sl_achieved[fr - 1],
            counts[fr][0],
            counts[fr][1],
        )
        for fr in range(1, 8)
    )


def _by_severity(gaps: Collection[Gap] | Collection[GapRow]) -> dict[str, int]:
    counts = dict.fromkeys(reversed(SEVERITIES), 0)
    for gap in gaps:
        counts[gap.severity] += 1
    return counts


def build_report(
    project: Project,
    catalog: Catalog,
    as_of: date,
    zones: Collection[str] = (),
    snapshots: Sequence[Snapshot] = (),
) -> ReportModel:
    """Evaluate the project once and arrange the results for the deliverables.

    ``zones`` restricts the report to those zone ids and the conduits between them (and to the
    named conduit ids); empty means everything. ``snapshots`` are the project's stored results
    (:mod:`zonewarden.domain.snapshots`); those up to ``as_of`` make the report's trend.
    """
    evaluation = evaluate(project, catalog, as_of)
    scope = Scope.of(catalog)
    chosen = _chosen(project, zones)
    assets_per_zone: dict[str, int] = {}
    for asset in project.assets:
        assets_per_zone[asset.zone] = assets_per_zone.get(asset.zone, 0) + 1
    zone_info = {z.id: z for z in project.zones}
    conduit_info = {c.id: c for c in project.conduits}
    reports = []
    for result in evaluation.results:
        target = result.target
        if target.id not in chosen:
            continue
        zone = zone_info.get(target.id)
        conduit = conduit_info.get(target.id)
        reports.append(
            ZoneReport(
                id=target.id,
                type=target.type,
                name=target.name,
                kind=zone.kind if zone else None,
                purdue_level=zone.purdue_level if zone else None,
                safety=target.safety,
                owner=zone.owner if zone else None,
                networks=zone.networks if zone else (),
                joins=conduit.zones if conduit else (),
                protocols=conduit.protocols if conduit else (),
                sl_target=tuple(target.sl_target),
                sl_achieved=tuple(result.sl_achieved),
                score=result.score,
                srs_in_score=result.srs_in_score,
                srs_meeting_target=result.srs_meeting_target,
                gaps=result.gap_count,
                gaps_by_severity=_by_severity(result.gaps),
                meets_target=result.meets_target,
                assets=assets_per_zone.get(target.id, 0),
                fr_scores=_fr_scores(scope, project, result, as_of),
            )
        )
    owners = {z.id: z.owner for z in project.zones}
    names = {r.id: r.name for r in reports}
    gap_rows = tuple(
        GapRow(
            rank,
            g.id,
            g.zone,
            g.zone_type,
            names[g.zone],
            g.requirement,
            g.title,
            g.fr,
            g.min_sl,
            g.sl_target,
            g.status,
            g.severity,
            g.priority,
            owners.get(g.zone),
        )
        for rank, g in enumerate((g for g in evaluation.gaps() if g.zone in chosen), start=1)
    )
    overall = _overall(reports, gap_rows)
    model = ReportModel(
        project,
        catalog,
        evaluation,
        as_of,
        tuple(reports),
        overall,
        gap_rows,
        "",
        frozenset(chosen),
        tuple(sorted((s for s in snapshots if s.as_of <= as_of), key=lambda s: s.as_of)),
    )
    object.__setattr__(model, "conclusion", conclusion(model))
    return model


def _chosen(project: Project, zones: Collection[str]) -> set[str]:
    every = [t.id for t in project.targets()]
    if not zones:
        return set(every)
    wanted = set(zones)
    unknown = wanted - set(every)
    if unknown:
        raise ValueError(f"unknown zone or conduit: {', '.join(sorted(unknown))}")
    for conduit in project.conduits:  # a conduit named by id brings the zones it joins
        if conduit.id in wanted:
            wanted.update(conduit.zones)
    chosen = set(wanted)
    for conduit in project.conduits:  # and conduits between chosen zones come along
        if set(conduit.zones) <= wanted:
            chosen.add(conduit.id)
    return chosen


def _overall(reports: list[ZoneReport], gaps: tuple[GapRow, ...]) -> Overall:
    in_score = sum(r.srs_in_score for r in reports)
    meeting = sum(r.srs_meeting_target for r in reports)
    zones = [r for r in reports if r.type == "zone"]
    conduits = [r for r in reports if r.type == "conduit"]
    return Overall(
        score=score_of(meeting, in_score),
        srs_in_score=in_score,
        srs_meeting_target=meeting,
        targets_met=sum(r.meets_target for r in reports),
        targets=len(reports),
        zones_met=sum(r.meets_target for r in zones),
        zones=len(zones),
        conduits_met=sum(r.meets_target for r in conduits),
        conduits=len(conduits),
        gaps=len(gaps),
        gaps_by_severity=_by_severity(gaps),
    )


def conclusion(model: ReportModel) -> str:
    """The executive summary's one-paragraph conclusion, written from the data."""
    o = model.overall
    if o.targets == 0:
        return "The project defines no zones or conduits yet, so nothing could be assessed."
    score = "no score" if o.score is None else f"an overall compliance score of {o.score:.1f}%"
    parts = [
        f"On {model.as_of.isoformat()}, {model.project.name} reaches {score}: "
        f"{o.zones_met} of {o.zones} zones and {o.conduits_met} of {o.conduits} conduits "
        "achieve their target security level in every foundational requirement."
    ]
    critical, high = o.gaps_by_severity["critical"], o.gaps_by_severity["high"]
    if o.gaps:
        parts.append(f"The gap register holds {o.gaps} gaps, {critical} critical and {high} high.")
        weakest = _weakest_fr(model)
        if weakest:
            parts.append(f"Most gaps fall under {weakest}.")
        safety_gaps = sum(z.gaps for z in model.zones if z.safety)
        if safety_gaps:
            parts.append(f"{safety_gaps} of the gaps are in safety zones or in conduits to them.")
        top = model.gaps[0]
        parts.append(f"The first priority is {top.requirement} ({top.title}) in {top.zone_name}.")
    else:
        parts.append("No gaps remain against the targets.")
    return " ".join(parts)


def _weakest_fr(model: ReportModel) -> str | None:
    counts: dict[int, int] = {}
    for gap in model.gaps:
        counts[gap.fr] = counts.get(gap.fr, 0) + 1
    if not counts:
        return None
    fr = max(sorted(counts), key=lambda f: counts[f])
    return f"FR {fr} ({FR(fr).title.lower()}, {counts[fr]} gaps)"


def to_document(model: ReportModel) -> dict[str, Any]:
    """The report model as plain JSON data (``zonewarden report --format json``)."""
    project = model.project
    return {
        "format": REPORT_FORMAT,
        "generator": model.generator,
        "project": {
            "id": project.id,
            "name": project.name,
            "organization": project.organization,
            "role": project.role,
        },
        "as_of": model.as_of.isoformat(),
        "suc": {
            "description": project.suc.description,
            "boundary": project.suc.boundary,
            "access_points": list(project.suc.access_points),
            "essential_functions": list(project.suc.essential_functions),
        },
        "overall": _plain(model.overall),
        "conclusion": model.conclusion,
        "zones": [_plain(z) for z in model.zones],
        "gaps": [_plain(g) for g in model.gaps],
        "matrix": [_plain(r) for r in model.matrix_rows()],
        "assets": [_plain(a) for a in project.assets if a.zone in model.selected],
        "evidence": [_plain(e) for e in project.evidence],
    }


def _plain(value: Any) -> Any:
    """Dataclass -> dict with JSON-friendly values (tuples as lists, dates as ISO text)."""
    if hasattr(value, "__dataclass_fields__"):
        data = {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
        if isinstance(value, FRScore):
            data["score"] = value.score
        return data
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value
