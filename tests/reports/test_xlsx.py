"""The XLSX workbook, read back with openpyxl: sheets, headers, types, counts and totals."""

from __future__ import annotations

import dataclasses
import functools
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from zonewarden.catalog import default_catalog
from zonewarden.domain.assessment import Assessment, Status
from zonewarden.domain.evaluation import evaluate
from zonewarden.domain.evidence import Evidence
from zonewarden.project.load import load_project
from zonewarden.reports.model import ReportModel, build_report
from zonewarden.reports.xlsx import (
    GAP_COLUMNS,
    MATRIX_COLUMNS,
    SUMMARY_COLUMNS,
    write_xlsx,
)
from zonewarden.services.gaps import select_gaps
from zonewarden.services.status import status_document

TESTS = Path(__file__).resolve().parents[1]
FIXTURE = TESTS / "fixtures" / "report-small.yaml"
AS_OF = date(2026, 11, 26)
SHEETS = ["Summary", "Matrix", "Gaps", "Zones", "Conduits", "Assets", "Evidence"]


@functools.cache
def small_project():  # type: ignore[no-untyped-def]
    return load_project(FIXTURE).project


def small_model(zones: tuple[str, ...] = ()) -> ReportModel:
    return build_report(small_project(), default_catalog(), AS_OF, zones)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    write_xlsx(small_model(), path)
    return openpyxl.load_workbook(path)


def with_evidence(project):  # type: ignore[no-untyped-def]
    """The fixture with two evidence items, one cited twice and expired on the report date."""
    evidence = (
        Evidence(
            "ev-fw",
            "Firewall export",
            "configuration",
            "evidence/fw.txt",
            date(2026, 10, 1),
            date(2026, 11, 1),
        ),
        Evidence("ev-policy", "Security policy"),
    )
    assessments = {k: dict(v) for k, v in project.assessments.items()}
    for zone in ("scada", "sis"):
        assessments.setdefault(zone, {})["SR 5.1"] = Assessment(
            status=Status.IMPLEMENTED, evidence=("ev-fw",)
        )
    return dataclasses.replace(project, evidence=evidence, assessments=assessments)


def header(sheet, row: int = 1) -> list[str]:  # type: ignore[no-untyped-def]
    return [cell.value for cell in sheet[row] if cell.value is not None]


def summary_table_row(sheet) -> int:  # type: ignore[no-untyped-def]
    """The row number of the per-zone table's header on the Summary sheet."""
    return next(row[0].row for row in sheet.iter_rows() if row[0].value == "Id")


def table_rows(sheet, first: int = 2) -> list[tuple]:  # type: ignore[no-untyped-def, type-arg]
    return [row for row in sheet.iter_rows(min_row=first, values_only=True) if row[0] is not None]


def test_workbook_has_the_seven_sheets_in_order(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == SHEETS


def test_every_sheet_has_a_frozen_header_row_and_an_autofilter(
    workbook: openpyxl.Workbook,
) -> None:
    for name in SHEETS:
        sheet = workbook[name]
        first = summary_table_row(sheet) if name == "Summary" else 1
        assert sheet.freeze_panes == f"A{first + 1}", name
        assert sheet.auto_filter.ref is not None, name
        assert sheet.auto_filter.ref.startswith(f"A{first}:"), name


def test_header_rows_name_the_columns(workbook: openpyxl.Workbook) -> None:
    assert header(workbook["Matrix"]) == [c.header for c in MATRIX_COLUMNS]
    assert header(workbook["Gaps"]) == [c.header for c in GAP_COLUMNS]
    summary = workbook["Summary"]
    assert header(summary, summary_table_row(summary)) == [c.header for c in SUMMARY_COLUMNS]
    assert header(summary, summary_table_row(summary))[8:22] == [
        *(f"SL-T FR{fr}" for fr in range(1, 8)),
        *(f"SL-A FR{fr}" for fr in range(1, 8)),
    ]


def test_gaps_sheet_has_one_row_per_gap_of_the_gap_service(
    workbook: openpyxl.Workbook,
) -> None:
    gaps = select_gaps(evaluate(small_project(), default_catalog(), AS_OF))
    rows = table_rows(workbook["Gaps"])
    assert len(rows) == len(gaps) > 0
    assert [(r[2], r[4], r[10]) for r in rows] == [
        (g.zone, g.requirement, g.severity) for g in gaps
    ]


def test_matrix_sheet_has_one_row_per_zone_and_in_scope_requirement(
    workbook: openpyxl.Workbook,
) -> None:
    model = small_model()
    rows = table_rows(workbook["Matrix"])
    expected = list(model.matrix_rows())
    assert len(rows) == len(expected) > 0
    assert [(r[0], r[3], r[8], r[9]) for r in rows] == [
        (m.zone, m.requirement, m.status, "yes" if m.satisfied else "no") for m in expected
    ]


def test_summary_scores_equal_the_status_document(workbook: openpyxl.Workbook) -> None:
    status = status_document(evaluate(small_project(), default_catalog(), AS_OF))
    sheet = workbook["Summary"]
    facts = {row[0]: row[1] for row in sheet.iter_rows(max_row=14, values_only=True) if row[0]}
    assert facts["Overall score (%)"] == status["overall"]["score"]
    assert facts["SRs in score"] == status["overall"]["srs_in_score"]
    assert facts["SRs meeting SL-T"] == status["overall"]["srs_meeting_target"]
    assert facts["Gaps"] == status["overall"]["gaps"]
    rows = table_rows(sheet, summary_table_row(sheet) + 1)
    assert [r[0] for r in rows] == [z["id"] for z in status["zones"]]
    for row, zone in zip(rows, status["zones"], strict=True):
        assert row[3] == zone["score"]
        assert (row[4], row[5], row[6]) == (
            zone["srs_in_score"],
            zone["srs_meeting_target"],
            zone["gaps"],
        )
        assert row[7] == ("yes" if zone["meets_target"] else "no")
        assert list(row[8:15]) == zone["sl_target"]
        assert list(row[15:22]) == zone["sl_achieved"]


def test_numbers_are_numbers_and_dates_are_dates(workbook: openpyxl.Workbook) -> None:
    summary = workbook["Summary"]
    first = summary_table_row(summary) + 1
    score = summary.cell(first, 4)
    assert isinstance(score.value, int | float) and score.number_format == "0.0"
    assert all(isinstance(v, int) for v in table_rows(summary, first)[0][4:7])
    as_of = next(r[1] for r in summary.iter_rows(values_only=True) if r[0] == "As of")
    assert as_of == datetime(2026, 11, 26)
    for row in table_rows(workbook["Gaps"]):
        assert all(isinstance(row[i], int) for i in (0, 6, 7, 8, 11))
    matrix = table_rows(workbook["Matrix"])
    assert all(isinstance(row[2], int) and isinstance(row[6], int) for row in matrix)


def test_evidence_sheet_has_dates_expiry_and_citations(tmp_path: Path) -> None:
    write_xlsx(
        build_report(with_evidence(small_project()), default_catalog(), AS_OF),
        tmp_path / "evidence.xlsx",
    )
    rows = table_rows(openpyxl.load_workbook(tmp_path / "evidence.xlsx")["Evidence"])
    assert [r[0] for r in rows] == ["ev-fw", "ev-policy"]
    fw, policy = rows
    assert fw[4] == datetime(2026, 10, 1) and fw[5] == datetime(2026, 11, 1)
    assert fw[6] == "yes"  # expired before the report date
    assert fw[7] == 2  # cited by two assessments
    assert fw[8] == "scada: SR 5.1; sis: SR 5.1"
    assert policy[5] is None and policy[6] == "no" and policy[7] == 0


def test_status_and_severity_columns_have_conditional_colours(
    workbook: openpyxl.Workbook,
) -> None:
    def rules(sheet) -> set[str]:  # type: ignore[no-untyped-def]
        return {
            formula
            for ranges in sheet.conditional_formatting
            for rule in ranges.rules
            for formula in rule.formula or ()
        }

    assert {
        '"implemented"',
        '"partial"',
        '"not_implemented"',
        '"not_applicable"',
        '"not_assessed"',
    } <= rules(workbook["Matrix"])
    assert {'"critical"', '"high"', '"medium"', '"low"'} <= rules(workbook["Gaps"])


def test_document_properties_are_derived_from_the_report_date(
    workbook: openpyxl.Workbook,
) -> None:
    assert workbook.properties.created == datetime(2026, 11, 26)
    assert "Small Plant & Co. water works" in (workbook.properties.title or "")


def test_same_model_gives_identical_bytes(tmp_path: Path) -> None:
    model = small_model()
    write_xlsx(model, tmp_path / "a.xlsx")
    write_xlsx(model, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    project = small_project()
    evil = '=HYPERLINK("http://example.invalid","click")'
    assessments = {k: dict(v) for k, v in project.assessments.items()}
    assessments["scada"] = {
        **assessments.get("scada", {}),
        "SR 1.1": Assessment(status=Status.PARTIAL, notes=evil),
    }
    model = build_report(
        dataclasses.replace(project, assessments=assessments), default_catalog(), AS_OF
    )
    write_xlsx(model, tmp_path / "evil.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "evil.xlsx")["Matrix"]
    notes = [row[13] for row in table_rows(sheet) if row[0] == "scada" and row[3] == "SR 1.1"]
    assert notes == [evil]
    cell = next(
        r[13]
        for r in sheet.iter_rows(min_row=2)
        if r[0].value == "scada" and r[3].value == "SR 1.1"
    )
    assert cell.data_type == "s"


def test_zone_selection_limits_every_sheet(tmp_path: Path) -> None:
    model = small_model(("scada", "sis"))
    write_xlsx(model, tmp_path / "some.xlsx")
    book = openpyxl.load_workbook(tmp_path / "some.xlsx")
    summary = book["Summary"]
    ids = [r[0] for r in table_rows(summary, summary_table_row(summary) + 1)]
    assert ids == [z.id for z in model.zones]
    assert {r[0] for r in table_rows(book["Matrix"])} <= set(ids)
    assert {r[2] for r in table_rows(book["Gaps"])} <= set(ids)
    assert {r[2] for r in table_rows(book["Assets"])} <= {"scada", "sis"}
