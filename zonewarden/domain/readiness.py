"""The audit preparation checklist, computed from the project data (methodology Phase 4,
"Audit preparation checklist").

Each of the twelve items is answered ``pass``, ``fail`` (with what an auditor would find
missing) or ``manual`` (the data cannot decide it: a person must confirm), from the zones,
conduits, risk assessment, assessment matrix, evidence, gap register and remediation plan, and
for the management-system items from the ``documents`` register (see
:mod:`zonewarden.domain.documents`). Records count for twelve months; policies, procedures and
plans count while approved and not past their review date.

Product schemes (``sdla``, ``component``) certify a supplier's process or product against
62443-4-1 or 4-2 rather than a plant's zones: the zone items are then ``manual``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from zonewarden.domain.assessment import Status
from zonewarden.domain.audit_scope import AuditView
from zonewarden.domain.documents import Document
from zonewarden.domain.periods import TWELVE_MONTHS
from zonewarden.domain.zoning import ERROR, review_zoning

PASS, FAIL, MANUAL = "pass", "fail", "manual"
SYSTEM_SCHEMES = ("csms", "ssa")
SHOWN = 8  # objects named in a message before "and N more"


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One answered item: its status, what is missing, and the objects concerned."""

    id: str
    title: str
    status: str
    missing: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    basis: str = ""


@dataclass
class _Answer:
    missing: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    manual: bool = False

    def lack(self, text: str, *objects: str) -> None:
        self.missing.append(text)
        self.objects.extend(o for o in objects if o not in self.objects)


def listed(items: Sequence[str], shown: int = SHOWN) -> str:
    """``a, b, c`` or ``a, b, ... and 7 more``."""
    head = ", ".join(items[:shown])
    return head if len(items) <= shown else f"{head} and {len(items) - shown} more"


def _zone_items(view: AuditView) -> bool:
    return view.scheme in SYSTEM_SCHEMES


# --- the zone and assessment items --------------------------------------------------------


def zone_documentation(view: AuditView, answer: _Answer) -> None:
    project = view.project
    if not project.suc.boundary:
        answer.lack("the system under consideration has no documented boundary (project.suc)")
    with_assets = {a.zone for a in project.assets}
    zones = [z for z in project.zones if z.id in view.zones]
    for what, bad in (
        ("without a description", [z.id for z in zones if not z.description]),
        ("without an owner", [z.id for z in zones if not z.owner]),
        ("without any asset in the inventory", [z.id for z in zones if z.id not in with_assets]),
    ):
        if bad:
            answer.lack(f"zones {what}: {listed(bad)}", *bad)
    scope = set(view.scope)
    bare = [c.id for c in project.conduits if c.id in scope and not c.protocols]
    if bare:
        answer.lack(f"conduits without their protocols: {listed(bare)}", *bare)
    errors = [
        f
        for f in review_zoning(project, view.as_of).open
        if f.severity == ERROR and scope.intersection(f.object_ids)
    ]
    if errors:
        answer.lack(
            f"{len(errors)} zoning rule error(s) open, e.g. {errors[0].rule}: {errors[0].message}",
            *[o for f in errors for o in f.object_ids if o in scope],
        )


def risk_assessment(view: AuditView, answer: _Answer) -> None:
    risk = view.project.risk
    if risk is None:
        answer.lack("no risk assessment (the project file has no 'risk' section)")
        return
    if not risk.scenarios:
        answer.lack("the risk assessment has no threat scenarios")
    scenario_targets = {t for s in risk.scenarios for t in s.targets}
    bare = [z for z in view.zones if z not in scenario_targets and z not in risk.zones]
    if bare:
        answer.lack(f"zones without threat scenarios or risk data: {listed(bare)}", *bare)
    if not risk.approvals:
        answer.lack(
            "the risk assessment (cybersecurity requirements specification) is not approved"
        )
    else:
        last = max(a.approved_on for a in risk.approvals)
        if last < view.freshness.before(view.as_of):
            answer.lack(f"the risk assessment was last approved on {last}: update it yearly")


def sl_target_justified(view: AuditView, answer: _Answer) -> None:
    risk = view.project.risk
    bare = []
    for zone in view.zones:
        decision = risk.zone(zone).decision if risk is not None else None
        if decision is None or not (decision.justification or decision.derived is not None):
            bare.append(zone)
    if bare:
        answer.lack(
            f"zones whose SL-T has no recorded justification or derivation: {listed(bare)}", *bare
        )


def assessment_matrix(view: AuditView, answer: _Answer) -> None:
    missing: dict[str, int] = {}
    for gap in view.gaps():
        if gap.state is Status.NOT_ASSESSED:
            missing[gap.zone] = missing.get(gap.zone, 0) + 1
    if missing:
        where = [f"{target} ({n})" for target, n in missing.items()]
        answer.lack(
            f"{sum(missing.values())} in-scope requirement(s) not assessed: {listed(where)}",
            *missing,
        )


def evidence_per_control(view: AuditView, answer: _Answer) -> None:
    without = [f"{c.target} {c.requirement}" for c in view.controls if not c.evidence]
    if without:
        answer.lack(f"{len(without)} met requirement(s) cite no evidence: {listed(without)}")
    stale = sorted(
        {
            e
            for c in view.controls
            for e in c.evidence
            if e in view.evidence and view.stale(view.evidence[e])
        }
    )
    if stale:
        answer.lack(
            f"{len(stale)} evidence item(s) expired or stale: "
            + listed([f"{e} ({view.stale(view.evidence[e])})" for e in stale], 3),
            *stale,
        )


def gaps_addressed(view: AuditView, answer: _Answer) -> None:
    addressed = {
        pair for a in view.project.actions if a.status != "cancelled" for pair in a.pairs()
    }
    accepted = {
        (a.target, r)
        for a in view.project.acceptances
        if a.valid_on(view.as_of)
        for r in a.requirements
    }
    open_gaps = [g for g in view.gaps() if (g.zone, g.definition.id) not in addressed | accepted]
    if open_gaps:
        answer.lack(
            f"{len(open_gaps)} gap(s) neither planned for remediation nor formally accepted: "
            + listed([f"{g.zone} {g.definition.id}" for g in open_gaps]),
            *dict.fromkeys(g.zone for g in open_gaps),
        )


# --- the management-system items (documents register) -------------------------------------


def _current(
    view: AuditView, topic: str, kinds: tuple[str, ...], answer: _Answer, what: str
) -> list[Document]:
    found = view.documents(topic, *kinds)
    current = [d for d in found if d.current(view.as_of)]
    if not found:
        answer.lack(f"no {what} in the documents register (topic {topic})")
    elif not current:
        answer.lack(
            f"{what} not current (unapproved or past review): {listed([d.id for d in found])}",
            *[d.id for d in found],
        )
    return current


def _records(view: AuditView, topic: str, answer: _Answer, what: str) -> list[Document]:
    found = view.documents(topic, "record")
    recent = [d for d in found if view.recent(d)]
    if not recent:
        older = (
            f" (latest {max(d.approved_on for d in found if d.approved_on)})"
            if any(d.approved_on for d in found)
            else ""
        )
        answer.lack(f"no {what} from the last 12 months{older}")
    return recent


def policies(view: AuditView, answer: _Answer) -> None:
    _current(view, "security_policy", ("policy",), answer, "approved security policy")
    procedures = [d for d in view.project.documents if d.kind == "procedure"]
    if not procedures:
        answer.lack("no procedures in the documents register")
    stale = [
        d.id
        for d in view.project.documents
        if d.kind in ("policy", "procedure") and d.review_overdue(view.as_of)
    ]
    if stale:
        answer.lack(f"policies or procedures past their review date: {listed(stale)}", *stale)


def training(view: AuditView, answer: _Answer) -> None:
    _records(view, "training", answer, "staff training record")
    late = [
        o.id
        for o in view.project.obligations
        if o.kind == "staff_training" and o.due_date(view.as_of) < view.as_of
    ]
    if late:
        answer.lack(f"staff training overdue: {listed(late)}", *late)


def incident_response(view: AuditView, answer: _Answer) -> None:
    _current(
        view, "incident_response", ("plan", "procedure"), answer, "approved incident response plan"
    )
    _records(view, "incident_response", answer, "record of an incident response test or exercise")


def change_management(view: AuditView, answer: _Answer) -> None:
    _current(
        view,
        "change_management",
        ("procedure", "policy"),
        answer,
        "approved change management procedure",
    )
    _records(view, "change_management", answer, "change implementation record")


def vendor_management(view: AuditView, answer: _Answer) -> None:
    _current(
        view,
        "vendor_management",
        ("procedure", "policy"),
        answer,
        "approved vendor management procedure",
    )
    agreements = [
        d
        for d in view.documents("vendor_management", "record")
        if d.approved(view.as_of) and not d.review_overdue(view.as_of)
    ]
    if not agreements:
        answer.lack("no current vendor agreement on file (a vendor_management record)")


def internal_audit(view: AuditView, answer: _Answer) -> None:
    records = [d for d in view.documents("internal_audit", "record") if view.recent(d)]
    audits = [
        o
        for o in view.project.obligations
        if o.kind == "internal_audit" and o.done_within(view.as_of, TWELVE_MONTHS)
    ]
    findings = [
        n
        for n in view.project.nonconformities
        if n.source in ("internal_audit", "self_assessment")
        and TWELVE_MONTHS.before(view.as_of) <= n.raised_on <= view.as_of
    ]
    if not (records or audits or findings):
        answer.lack(
            "no internal audit in the last 12 months (an internal_audit record, obligation "
            "done, or internal non-conformity)"
        )


Check = Callable[[AuditView, _Answer], None]
CHECKLIST: tuple[tuple[str, str, Check, bool, str], ...] = (
    # id, title, check, about zones, basis
    (
        "zone-documentation",
        "Zone and conduit documentation complete and current",
        zone_documentation,
        True,
        "SuC boundary; zone description, owner and assets; conduit protocols; zoning rule errors",
    ),
    (
        "risk-assessment",
        "Risk assessment documented per IEC 62443-3-2",
        risk_assessment,
        True,
        "risk section: scenarios per zone, approval within the evidence freshness period",
    ),
    (
        "sl-target-justified",
        "SL-T assigned and justified for each zone",
        sl_target_justified,
        True,
        "risk.zones.<zone>.decision: a justification or the derived SL-T",
    ),
    (
        "assessment-matrix",
        "Control assessment matrix showing SL-A per SR per zone",
        assessment_matrix,
        True,
        "every in-scope SR and RE of every zone assessed",
    ),
    (
        "evidence",
        "Evidence for each implemented control",
        evidence_per_control,
        True,
        "implemented or compensated requirements cite evidence that is current",
    ),
    (
        "gaps-addressed",
        "Every gap addressed or formally accepted",
        gaps_addressed,
        True,
        "each gap covered by a remediation action or a valid risk acceptance",
    ),
    (
        "policies",
        "Policies and procedures documented",
        policies,
        False,
        "documents: an approved security_policy policy, procedures, none past review",
    ),
    (
        "training",
        "Staff training records",
        training,
        False,
        "documents: training records from the last 12 months; staff_training obligations",
    ),
    (
        "incident-response",
        "Incident response plan tested with results",
        incident_response,
        False,
        "documents: incident_response plan, and a test record from the last 12 months",
    ),
    (
        "change-management",
        "Change management process with implementation records",
        change_management,
        False,
        "documents: change_management procedure and records from the last 12 months",
    ),
    (
        "vendor-management",
        "Vendor management procedures and agreements",
        vendor_management,
        False,
        "documents: vendor_management procedure and a current agreement record",
    ),
    (
        "internal-audit",
        "Internal audit results",
        internal_audit,
        False,
        "documents, obligations or non-conformities of an internal audit in the last 12 months",
    ),
)


def checklist(view: AuditView) -> tuple[ChecklistItem, ...]:
    """Answer every item of the audit preparation checklist."""
    items = []
    for item_id, title, check, about_zones, basis in CHECKLIST:
        if about_zones and not _zone_items(view):
            items.append(
                ChecklistItem(
                    item_id,
                    title,
                    MANUAL,
                    (
                        f"the {view.scheme} scheme certifies a product or its development process "
                        "against IEC 62443-4-1/4-2, not plant zones: confirm by hand",
                    ),
                    basis=basis,
                )
            )
            continue
        answer = _Answer()
        check(view, answer)
        status = FAIL if answer.missing else (MANUAL if answer.manual else PASS)
        items.append(
            ChecklistItem(
                item_id, title, status, tuple(answer.missing), tuple(answer.objects), basis
            )
        )
    return tuple(items)
