"""Readiness checklist and pitfalls on a hand-checked fixture (issue 7 items 2 and 3).

tests/fixtures/readiness/plant.yaml is tests/fixtures/small.yaml plus a certification scope of
zones scada and sis (so conduit scada-sis comes along, dmz stays out), a documents register,
one obligation and one non-conformity; dates sit on the 12-month boundary of 2026-11-26.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from zonewarden.catalog.loader import default_catalog
from zonewarden.domain.audit_scope import AuditView, scope_of
from zonewarden.domain.documents import Document
from zonewarden.domain.pitfalls import pitfalls
from zonewarden.domain.projects import Project
from zonewarden.domain.readiness import checklist
from zonewarden.project.load import load_project
from zonewarden.services.readiness import readiness_document

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "readiness" / "plant.yaml"
AS_OF = date(2026, 11, 26)


@pytest.fixture(scope="module")
def plant() -> Project:
    return load_project(FIXTURE).project


def items(project: Project, as_of: date = AS_OF) -> dict[str, tuple[str, tuple[str, ...]]]:
    view = AuditView.of(project, default_catalog(), as_of)
    return {i.id: (i.status, i.missing) for i in checklist(view)}


def test_scope_brings_the_conduit_between_two_listed_zones(plant: Project) -> None:
    assert scope_of(plant) == ("scada", "sis", "scada-sis")


def test_zone_items_name_what_is_missing(plant: Project) -> None:
    found = items(plant)
    assert found["zone-documentation"] == (
        "fail",
        ("zones without a description: scada, sis", "zones without an owner: sis"),
    )
    assert found["risk-assessment"][0] == "fail"
    assert "no 'risk' section" in found["risk-assessment"][1][0]
    assert found["sl-target-justified"][1] == (
        "zones whose SL-T has no recorded justification or derivation: scada, sis",
    )


def test_evidence_counts_implemented_and_compensated_controls_without_evidence(
    plant: Project,
) -> None:
    # scada: SR 1.3, 2.8, 4.1, 4.3 implemented and SR 5.2 compensated, no evidence (5);
    # sis: SR 1.1, 5.1, 5.2, 5.2 RE 1, 5.4 (5); scada-sis at FR5 SL 1: SR 5.1, 5.3, 5.4 (3)
    status, missing = items(plant)["evidence"]
    assert status == "fail"
    assert missing[0].startswith("13 met requirement(s) cite no evidence: scada SR 1.3,")


def test_documents_on_the_twelve_month_boundary(plant: Project) -> None:
    found = items(plant)
    # proc-ch was due for review the day before: not current
    assert found["policies"] == (
        "fail",
        ("policies or procedures past their review date: proc-ch",),
    )
    assert found["change-management"][0] == "fail"
    # a record made exactly twelve months ago still counts, one day more does not
    assert found["training"] == (
        "fail",
        ("no staff training record from the last 12 months (latest 2025-11-25)",),
    )
    assert found["incident-response"] == (
        "fail",
        ("no record of an incident response test or exercise from the last 12 months",),
    )
    assert found["internal-audit"] == ("pass", ())
    assert len(found["vendor-management"][1]) == 2


def test_a_fixed_register_passes_its_items(plant: Project) -> None:
    extra = (
        Document("rec-train-2", "Training", "record", "training", approved_on=date(2026, 5, 1)),
        Document(
            "proc-v",
            "Vendor procedure",
            "procedure",
            "vendor_management",
            approved_on=date(2026, 1, 1),
        ),
        Document(
            "rec-v",
            "Integrator agreement",
            "record",
            "vendor_management",
            approved_on=date(2026, 1, 1),
            follows=("proc-v",),
        ),
    )
    documents = tuple(
        dataclasses.replace(d, review_due=date(2027, 11, 25)) if d.id == "proc-ch" else d
        for d in plant.documents
    )
    fixed = dataclasses.replace(plant, documents=documents + extra)
    found = items(fixed)
    for item in ("policies", "training", "change-management", "vendor-management"):
        assert found[item] == ("pass", ()), item


def test_pitfalls_name_the_objects(plant: Project) -> None:
    view = AuditView.of(plant, default_catalog(), AS_OF)
    found = {(p.id, p.objects) for p in pitfalls(view)}
    assert ("procedure-vs-practice", ("plan-ir",)) in found  # rec-ch follows proc-ch in time
    assert ("management-commitment", ("mr",)) in found  # last review 2025-11-25: 12 months + 1 day
    assert ("management-commitment", ("nc-1",)) in found  # due 2026-11-25, not done
    creep = next(p for p in pitfalls(view) if p.id == "scope-creep")
    assert creep.objects == ("sis",)
    assert creep.suggested_scope == ("scada",)  # scada-sis touches sis, so it goes too


def test_the_day_before_nothing_is_overdue_or_late(plant: Project) -> None:
    view = AuditView.of(plant, default_catalog(), date(2026, 11, 25))
    ids = [p.id for p in pitfalls(view)]
    assert "management-commitment" not in ids
    assert items(plant, date(2026, 11, 25))["training"] == ("pass", ())


def test_product_schemes_leave_zone_items_to_people(plant: Project) -> None:
    document = readiness_document(plant, default_catalog(), AS_OF, "component")
    statuses = {i["id"]: i["status"] for i in document["checklist"]}
    assert statuses["assessment-matrix"] == "manual"
    assert statuses["internal-audit"] == "pass"
    assert document["certification"]["standard"] == "IEC 62443-4-2"


def test_document_verdict_and_counts(plant: Project) -> None:
    document = readiness_document(plant, default_catalog(), AS_OF)
    assert document["ready"] is False
    assert document["counts"] == {"pass": 1, "fail": 11, "manual": 0, "pitfalls": 5}
    assert document["certification"]["days_to_audit"] == 95


def test_an_internal_audit_counts_for_twelve_months_whatever_the_evidence_freshness(
    plant: Project,
) -> None:
    from zonewarden.domain.certification import Certification
    from zonewarden.domain.obligations import Obligation
    from zonewarden.domain.periods import Period

    assert plant.certification is not None
    audited = dataclasses.replace(
        plant,
        certification=dataclasses.replace(plant.certification, evidence_freshness=Period(1, "m")),
        documents=tuple(d for d in plant.documents if d.id != "rec-ia"),
        obligations=(
            Obligation("ia", "internal_audit", Period(12, "m"), last_done=date(2026, 6, 1)),
        ),
    )
    assert isinstance(audited.certification, Certification)
    assert items(audited)["internal-audit"] == ("pass", ())
    lapsed = dataclasses.replace(
        audited,
        obligations=(
            Obligation("ia", "internal_audit", Period(12, "m"), last_done=date(2025, 11, 1)),
        ),
    )
    assert items(lapsed)["internal-audit"][0] == "fail"
