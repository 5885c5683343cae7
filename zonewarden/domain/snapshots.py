"""Snapshots of a project's results on one date, and what changed between two of them.

Issue 7 item 6 (continuous compliance): a :class:`Snapshot` keeps what :func:`evaluate` found on
``as_of`` (spec section 3: SL-A, score and gaps per zone and conduit, the overall score) together
with the evidence each zone or conduit cites and the evidence dates, so that later results can
be compared with it. :func:`diff_snapshots` matches zones and conduits by id and explains every
score change by the gaps opened and closed, the SL-A and SL-T moves and the evidence added,
removed or expired. Pure: no I/O, the only date is the explicit ``as_of``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from zonewarden.domain.assessment import Assessment
from zonewarden.domain.evaluation import Evaluation, evaluate
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog

LISTED = 3  # requirement ids named in an explanation before "+N more"
_NUMBERS = re.compile(r"(\d+)")


def requirement_order(requirement_id: str) -> tuple[str | int, ...]:
    """Sort key that puts ``SR 1.2`` before ``SR 1.10`` and an SR before its REs (the catalog
    order of IEC 62443-3-3), without needing the catalog."""
    return tuple(
        int(part) if n % 2 else part for n, part in enumerate(_NUMBERS.split(requirement_id))
    )


@dataclass(frozen=True, slots=True)
class EvidenceState:
    """One evidence item of the project as it stood on the snapshot's date."""

    id: str
    collected_on: date | None
    expires_on: date | None
    expired: bool


@dataclass(frozen=True, slots=True)
class TargetState:
    """The results of one zone or conduit on the snapshot's date.

    ``gaps`` are the canonical ids of its in-scope requirements that are not satisfied
    (requirement order); ``evidence`` the ids of the evidence its assessments cite (sorted).
    """

    id: str
    type: str  # zone | conduit
    name: str
    sl_target: tuple[int, ...]
    sl_achieved: tuple[int, ...]
    score: float | None
    meets_target: bool
    gaps: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OverallState:
    """The project-wide figures of a snapshot (as in ``zonewarden status``)."""

    score: float | None
    srs_in_score: int
    srs_meeting_target: int
    targets_met: int
    targets: int
    gaps: int


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A project's dated results: overall, per zone and conduit (file order), evidence."""

    project_id: str
    project_name: str
    as_of: date
    overall: OverallState
    targets: tuple[TargetState, ...]
    evidence: tuple[EvidenceState, ...] = ()

    @classmethod
    def of(cls, project: Project, catalog: Catalog, as_of: date) -> Snapshot:
        """Evaluate ``project`` on ``as_of`` and keep the results."""
        return snapshot_of(evaluate(project, catalog, as_of))

    def target(self, target_id: str) -> TargetState | None:
        return next((t for t in self.targets if t.id == target_id), None)

    def zones(self) -> tuple[TargetState, ...]:
        """The zones only (no conduits), in file order."""
        return tuple(t for t in self.targets if t.type == "zone")


def _cited(assessments: Iterable[Assessment]) -> tuple[str, ...]:
    return tuple(sorted({e for a in assessments for e in a.evidence}))


def snapshot_of(evaluation: Evaluation) -> Snapshot:
    """The snapshot of an evaluation already made."""
    project, as_of = evaluation.project, evaluation.as_of
    targets = tuple(
        TargetState(
            id=r.target.id,
            type=r.target.type,
            name=r.target.name,
            sl_target=tuple(r.target.sl_target),
            sl_achieved=tuple(r.sl_achieved),
            score=r.score,
            meets_target=r.meets_target,
            gaps=tuple(sorted((req.id for req, _, _ in r.unsatisfied), key=requirement_order)),
            evidence=_cited(project.assessments_of(r.target.id).values()),
        )
        for r in evaluation.results
    )
    overall = OverallState(
        score=evaluation.score,
        srs_in_score=evaluation.srs_in_score,
        srs_meeting_target=evaluation.srs_meeting_target,
        targets_met=evaluation.targets_met,
        targets=len(evaluation.results),
        gaps=evaluation.gap_count,
    )
    evidence = tuple(
        EvidenceState(e.id, e.collected_on, e.expires_on, e.expired(as_of))
        for e in project.evidence
    )
    return Snapshot(project.id, project.name, as_of, overall, targets, evidence)


class ProjectMismatch(ValueError):
    """Two snapshots of different projects cannot be compared."""


def delta(before: float | None, after: float | None) -> float | None:
    """``after - before`` to one decimal (exact decimal arithmetic), None if either is None."""
    if before is None or after is None:
        return None
    return float(Decimal(str(after)) - Decimal(str(before)))


@dataclass(frozen=True, slots=True)
class TargetChange:
    """What changed for one zone or conduit between two snapshots (matched by id).

    ``change`` is ``added`` (only in NEW), ``removed`` (only in OLD), ``changed`` (SL-T,
    SL-A, score or gaps moved), ``evidence`` (only the evidence it cites changed) or
    ``unchanged``. ``evidence_expired`` are the ids NEW cites that are expired in NEW but were
    not expired in OLD.
    """

    id: str
    type: str
    name: str
    change: str
    sl_target_before: tuple[int, ...] | None
    sl_target_after: tuple[int, ...] | None
    sl_achieved_before: tuple[int, ...] | None
    sl_achieved_after: tuple[int, ...] | None
    score_before: float | None
    score_after: float | None
    meets_target_before: bool | None
    meets_target_after: bool | None
    gaps_before: int
    gaps_after: int
    gaps_opened: tuple[str, ...]
    gaps_closed: tuple[str, ...]
    evidence_added: tuple[str, ...]
    evidence_removed: tuple[str, ...]
    evidence_expired: tuple[str, ...]
    explanation: str

    @property
    def score_delta(self) -> float | None:
        return delta(self.score_before, self.score_after)


@dataclass(frozen=True, slots=True)
class SnapshotDiff:
    """The comparison of two snapshots of one project, OLD then NEW.

    ``targets`` holds every zone and conduit: those of NEW in its order, then those only in
    OLD. ``evidence_expired`` lists the project's evidence expired in NEW and not in OLD.
    """

    old: Snapshot
    new: Snapshot
    targets: tuple[TargetChange, ...]
    evidence_expired: tuple[str, ...]

    @property
    def changed(self) -> tuple[TargetChange, ...]:
        """The zones and conduits that changed in any way, were added or were removed."""
        return tuple(t for t in self.targets if t.change != "unchanged")

    @property
    def moved(self) -> tuple[TargetChange, ...]:
        """The zones and conduits whose results changed, added or removed (not those whose
        evidence alone changed)."""
        return tuple(t for t in self.targets if t.change not in ("unchanged", "evidence"))

    @property
    def added(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.targets if t.change == "added")

    @property
    def removed(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.targets if t.change == "removed")

    @property
    def score_delta(self) -> float | None:
        return delta(self.old.overall.score, self.new.overall.score)

    @property
    def gaps_opened(self) -> int:
        return sum(len(t.gaps_opened) for t in self.targets)

    @property
    def gaps_closed(self) -> int:
        return sum(len(t.gaps_closed) for t in self.targets)

    @property
    def summary(self) -> str:
        """One line on the whole project: score, gaps, targets met."""
        old, new = self.old.overall, self.new.overall
        parts = [_score_move(old.score, new.score)]
        if self.gaps_closed or self.gaps_opened:
            parts.append(
                f"gaps {old.gaps} -> {new.gaps} "
                f"({self.gaps_closed} closed, {self.gaps_opened} opened)"
            )
        else:
            parts.append(f"gaps unchanged at {new.gaps}")
        if (old.targets_met, old.targets) == (new.targets_met, new.targets):
            parts.append(f"{new.targets_met} of {new.targets} zones and conduits meet SL-T")
        else:
            parts.append(
                f"{old.targets_met} of {old.targets} -> {new.targets_met} of {new.targets} "
                "zones and conduits meet SL-T"
            )
        return "Overall " + "; ".join(parts)


def _score_text(score: float | None) -> str:
    return "-" if score is None else f"{score:.1f}"


def _score_move(before: float | None, after: float | None) -> str:
    if before == after:
        return f"score unchanged at {_score_text(after)}"
    change = delta(before, after)
    signed = "" if change is None else f" ({change:+.1f})"
    return f"score {_score_text(before)} -> {_score_text(after)}{signed}"


def _ids(ids: tuple[str, ...]) -> str:
    shown = ", ".join(ids[:LISTED])
    return shown + (f", +{len(ids) - LISTED} more" if len(ids) > LISTED else "")


def _vector_moves(name: str, before: tuple[int, ...], after: tuple[int, ...]) -> str | None:
    moves = [f"FR {i} {b}->{a}" for i, (b, a) in enumerate(zip(before, after, strict=True), 1)]
    moved = [m for m, b, a in zip(moves, before, after, strict=True) if b != a]
    return f"{name} " + ", ".join(moved) if moved else None


def explain_change(change: TargetChange) -> str:
    """A plain-English line on why a zone's or conduit's results moved, e.g. ``score 61.1 ->
    80.6 (+19.5): 7 gaps closed (SR 1.1 RE 1, SR 1.2, SR 1.3, +4 more), 1 opened (SR 2.1);
    SL-A FR 1 1->2``."""
    if change.change == "added":
        return (
            f"new {change.type}: score {_score_text(change.score_after)}, "
            f"{_count(change.gaps_after, 'gap')}"
        )
    if change.change == "removed":
        return (
            f"{change.type} removed (had score {_score_text(change.score_before)}, "
            f"{_count(change.gaps_before, 'gap')})"
        )
    gaps = []
    if change.gaps_closed:
        gaps.append(f"{_count(len(change.gaps_closed), 'gap')} closed ({_ids(change.gaps_closed)})")
    if change.gaps_opened:
        noun = "opened" if gaps else f"{'gap' if len(change.gaps_opened) == 1 else 'gaps'} opened"
        gaps.append(f"{len(change.gaps_opened)} {noun} ({_ids(change.gaps_opened)})")
    head = _score_move(change.score_before, change.score_after)
    parts = [head + (": " + ", ".join(gaps) if gaps else "")]
    assert change.sl_achieved_before is not None and change.sl_achieved_after is not None
    assert change.sl_target_before is not None and change.sl_target_after is not None
    for moved in (
        _vector_moves("SL-A", change.sl_achieved_before, change.sl_achieved_after),
        _vector_moves("SL-T", change.sl_target_before, change.sl_target_after),
    ):
        if moved:
            parts.append(moved)
    if change.meets_target_before != change.meets_target_after:
        parts.append("now meets SL-T" if change.meets_target_after else "no longer meets SL-T")
    if change.evidence_expired:
        parts.append(f"evidence expired: {_ids(change.evidence_expired)}")
    for verb, ids in (("added", change.evidence_added), ("removed", change.evidence_removed)):
        if len(ids) > 3:  # many: the count says enough, the JSON lists them
            parts.append(f"{len(ids)} evidence items {verb}")
        elif ids:
            parts.append(f"evidence {verb}: {_ids(ids)}")
    return "; ".join(parts)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _compare(
    old: TargetState | None, new: TargetState | None, expired_old: set[str], expired_new: set[str]
) -> TargetChange:
    either = new or old
    assert either is not None
    before_gaps = set(old.gaps) if old else set()
    after_gaps = set(new.gaps) if new else set()
    before_evidence = set(old.evidence) if old else set()
    after_evidence = set(new.evidence) if new else set()
    newly_expired = (expired_new - expired_old) & after_evidence if new else set()
    change = TargetChange(
        id=either.id,
        type=either.type,
        name=either.name,
        change="added" if old is None else "removed" if new is None else "unchanged",
        sl_target_before=old.sl_target if old else None,
        sl_target_after=new.sl_target if new else None,
        sl_achieved_before=old.sl_achieved if old else None,
        sl_achieved_after=new.sl_achieved if new else None,
        score_before=old.score if old else None,
        score_after=new.score if new else None,
        meets_target_before=old.meets_target if old else None,
        meets_target_after=new.meets_target if new else None,
        gaps_before=len(before_gaps),
        gaps_after=len(after_gaps),
        gaps_opened=tuple(sorted(after_gaps - before_gaps, key=requirement_order)),
        gaps_closed=tuple(sorted(before_gaps - after_gaps, key=requirement_order)),
        evidence_added=tuple(sorted(after_evidence - before_evidence)),
        evidence_removed=tuple(sorted(before_evidence - after_evidence)),
        evidence_expired=tuple(sorted(newly_expired)),
        explanation="",
    )
    if old is not None and new is not None:
        if _results_differ(old, new, change):
            change = replace(change, change="changed")
        elif change.evidence_added or change.evidence_removed or change.evidence_expired:
            change = replace(change, change="evidence")
    if change.change != "unchanged":
        change = replace(change, explanation=explain_change(change))
    return change


def _results_differ(old: TargetState, new: TargetState, change: TargetChange) -> bool:
    return bool(
        old.sl_target != new.sl_target
        or old.sl_achieved != new.sl_achieved
        or old.score != new.score
        or old.meets_target != new.meets_target
        or change.gaps_opened
        or change.gaps_closed
    )


def diff_snapshots(old: Snapshot, new: Snapshot) -> SnapshotDiff:
    """Compare two snapshots of the same project, zones and conduits matched by id.

    Raises :class:`ProjectMismatch` when they belong to different projects.
    """
    if old.project_id != new.project_id:
        raise ProjectMismatch(
            f"OLD is project {old.project_id!r} and NEW is project {new.project_id!r}: "
            "only snapshots of the same project can be compared"
        )
    expired_old = {e.id for e in old.evidence if e.expired}
    expired_new = {e.id for e in new.evidence if e.expired}
    before = {t.id: t for t in old.targets}
    after_ids = {t.id for t in new.targets}
    targets = [_compare(before.get(t.id), t, expired_old, expired_new) for t in new.targets]
    targets += [
        _compare(t, None, expired_old, expired_new) for t in old.targets if t.id not in after_ids
    ]
    expired = tuple(e.id for e in new.evidence if e.expired and e.id not in expired_old)
    return SnapshotDiff(old, new, tuple(targets), expired)
