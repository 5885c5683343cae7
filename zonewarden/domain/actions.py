"""Remediation actions, risk acceptances and the OT change gates of control implementation.

Implements the methodology's Phase 2 (an action closes one or more gaps; gaps can instead be
risk-accepted by an approver until an expiry date) and Phase 3 (every change to a live control
system is tested in a lab, scheduled in a maintenance window, has a verified rollback,
coordinates with the vendor, is approved and leaves implementation evidence).

How the status of an action is enforced in a file-based tool (docs/concepts/remediation.md):
loading refuses an action ``implemented`` or ``verified`` while one of its change records has
an open gate that is not waived with a reason and an approver; a ``verified`` action counts as
``implemented`` for every (zone or conduit, requirement) pair it addresses, with the action's
evidence and verification date (:func:`verified_assessments`). The file stays the single
source of truth: nothing is written back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from zonewarden.domain.assessment import Assessment, Status

ACTION_STATUSES = ("planned", "in_progress", "implemented", "verified", "cancelled")
CLOSED_STATUSES = ("implemented", "verified")
GATES = ("lab_test", "maintenance_window", "rollback", "vendor", "approval", "evidence")
TEST_RESULTS = ("pending", "passed", "failed")
PHASES = (1, 2, 3)
PHASE_MONTHS = ((0, 3), (3, 12), (12, 24))  # [start, end) months of each phase


@dataclass(frozen=True, slots=True)
class Addressed:
    """The gaps an action closes in one zone or conduit: canonical requirement ids."""

    target: str
    requirements: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LabTest:
    """Gate ``lab_test``: validated in a lab or non-production environment first."""

    result: str = "pending"  # pending | passed | failed
    environment: str | None = None
    tested_on: date | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MaintenanceWindow:
    """Gate ``maintenance_window``: the planned window (needed when the action needs downtime)."""

    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Rollback:
    """Gate ``rollback``: documented and verified to work before the change is executed."""

    documented: bool = False
    verified: bool = False
    verified_on: date | None = None
    procedure: str | None = None


@dataclass(frozen=True, slots=True)
class VendorCoordination:
    """Gate ``vendor``: when needed, the vendor is notified and has approved."""

    needed: bool = False
    notified: bool = False
    approved: bool = False
    support_impact: str | None = None


@dataclass(frozen=True, slots=True)
class GateWaiver:
    """An open gate accepted for closure, with the reason and who approved it."""

    gate: str
    reason: str
    approved_by: str
    approved_on: date | None = None


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    """One change to the live system carrying out (part of) an action, with its OT gates."""

    id: str
    title: str | None = None
    lab_test: LabTest | None = None
    maintenance_window: MaintenanceWindow | None = None
    rollback: Rollback | None = None
    vendor: VendorCoordination | None = None
    approved_by: str | None = None
    approved_on: date | None = None
    evidence: tuple[str, ...] = ()
    waivers: tuple[GateWaiver, ...] = ()
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class GateState:
    """One gate of one change record: open or closed, why, and any waiver."""

    change: str
    gate: str
    closed: bool
    detail: str
    waiver: GateWaiver | None = None

    @property
    def blocks(self) -> bool:
        """Open and not waived: the action cannot become implemented."""
        return not self.closed and self.waiver is None


@dataclass(frozen=True, slots=True)
class Action:
    """A remediation action: closes gaps in one or more zones or conduits."""

    id: str
    title: str
    addresses: tuple[Addressed, ...]
    status: str = "planned"
    finding: str | None = None
    owner: str | None = None
    effort: float = 0.0  # person-days
    cost: float | None = None
    procurement: bool = False
    process_change: bool = False
    downtime: bool = False
    vendor: bool = False
    depends_on: tuple[str, ...] = ()
    phase: int | None = None  # fixed by hand
    evidence: tuple[str, ...] = ()
    verified_by: str | None = None
    verified_on: date | None = None
    changes: tuple[ChangeRecord, ...] = ()
    description: str | None = None

    @property
    def open(self) -> bool:
        """Still to be done (planned or in progress)."""
        return self.status in ("planned", "in_progress")

    def pairs(self) -> list[tuple[str, str]]:
        return [(a.target, r) for a in self.addresses for r in a.requirements]

    def zones(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.target for a in self.addresses))


@dataclass(frozen=True, slots=True)
class Acceptance:
    """Gaps risk-accepted instead of remediated, until ``expires_on`` (then they reopen)."""

    target: str
    requirements: tuple[str, ...]
    approved_by: str
    approved_on: date
    rationale: str
    expires_on: date | None = None

    def valid_on(self, as_of: date) -> bool:
        return self.approved_on <= as_of and (self.expires_on is None or self.expires_on >= as_of)


def gate_states(action: Action, change: ChangeRecord) -> list[GateState]:
    """The six gates of one change record (maintenance window only when the action needs
    downtime; vendor only when the action or the record says the vendor is involved)."""
    waivers = {w.gate: w for w in change.waivers}
    states: list[tuple[str, bool, str]] = []
    test = change.lab_test
    if test is None:
        states.append(("lab_test", False, "not tested in a lab or non-production environment"))
    else:
        where = f" in {test.environment}" if test.environment else ""
        states.append(("lab_test", test.result == "passed", f"test{where}: {test.result}"))
    if action.downtime:
        window = change.maintenance_window
        if window is None or window.start is None or window.end is None:
            states.append(("maintenance_window", False, "needs downtime: no window planned"))
        else:
            states.append(("maintenance_window", True, f"window {window.start} to {window.end}"))
    rollback = change.rollback or Rollback()
    if not rollback.documented:
        states.append(("rollback", False, "rollback procedure not documented"))
    elif not rollback.verified:
        states.append(("rollback", False, "rollback documented but not verified"))
    else:
        on = f" on {rollback.verified_on}" if rollback.verified_on else ""
        states.append(("rollback", True, f"rollback documented and verified{on}"))
    vendor = change.vendor
    if action.vendor or (vendor is not None and vendor.needed):
        if vendor is None or not vendor.approved:
            told = vendor is not None and vendor.notified
            detail = "vendor notified, approval pending" if told else "vendor not notified"
            states.append(("vendor", False, detail))
        else:
            states.append(("vendor", True, "vendor approved"))
    if change.approved_by and change.approved_on:
        states.append(
            ("approval", True, f"approved by {change.approved_by} on {change.approved_on}")
        )
    else:
        states.append(("approval", False, "change not approved"))
    if change.evidence:
        states.append(("evidence", True, f"evidence: {', '.join(change.evidence)}"))
    else:
        states.append(("evidence", False, "no implementation evidence"))
    return [
        GateState(change.id, gate, closed, detail, None if closed else waivers.get(gate))
        for gate, closed, detail in states
    ]


def blocking_gates(action: Action) -> list[GateState]:
    """Gates that keep the action from becoming implemented: open and not waived."""
    return [s for change in action.changes for s in gate_states(action, change) if s.blocks]


def verified_assessments(
    actions: Sequence[Action], recorded: Mapping[str, Mapping[str, Assessment]]
) -> dict[str, dict[str, Assessment]]:
    """What verified actions add to the recorded assessments: each pair they address counts as
    ``implemented`` with the action's evidence (and its change records') and verification date.

    Pairs already implemented or not applicable keep their recorded assessment.
    """
    overlay: dict[str, dict[str, Assessment]] = {}
    for action in actions:
        if action.status != "verified":
            continue
        evidence = tuple(
            dict.fromkeys((*action.evidence, *(e for c in action.changes for e in c.evidence)))
        )
        made = Assessment(
            Status.IMPLEMENTED,
            evidence,
            f"implemented by verified action {action.id}",
            assessed_by=action.verified_by or action.owner,
            assessed_on=action.verified_on,
        )
        for target, requirement in action.pairs():
            entry = recorded.get(target, {}).get(requirement)
            if entry is not None and entry.status in (Status.IMPLEMENTED, Status.NOT_APPLICABLE):
                continue
            overlay.setdefault(target, {})[requirement] = made
    return overlay


def merged(
    recorded: Mapping[str, Mapping[str, Assessment]],
    overlay: Mapping[str, Mapping[str, Assessment]],
) -> dict[str, Mapping[str, Assessment]]:
    """Recorded assessments with ``overlay`` entries laid over them, target by target."""
    out: dict[str, Mapping[str, Assessment]] = dict(recorded)
    for target, entries in overlay.items():
        out[target] = {**recorded.get(target, {}), **entries}
    return out


def dependency_cycle(actions: Sequence[Action]) -> list[str] | None:
    """A cycle of ``depends_on`` (its ids, first repeated at the end), or None."""
    depends = {a.id: [d for d in a.depends_on] for a in actions}
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    for root in depends:
        if state.get(root):
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[str] = [root]
        state[root] = 1
        while stack:
            node, index = stack[-1]
            children = depends.get(node, [])
            if index < len(children):
                stack[-1] = (node, index + 1)
                child = children[index]
                if child not in depends:
                    continue
                if state.get(child) == 1:
                    return [*path[path.index(child) :], child]
                if not state.get(child):
                    state[child] = 1
                    stack.append((child, 0))
                    path.append(child)
            else:
                state[node] = 2
                stack.pop()
                path.pop()
    return None
