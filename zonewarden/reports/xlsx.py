"""The XLSX workbook of a report: the deliverables as sortable, filterable sheets.

Written with XlsxWriter in ``constant_memory`` mode: every sheet is written top to bottom, row
by row, and the control assessment matrix is streamed from :meth:`ReportModel.matrix_rows`, so
memory stays flat however large the portfolio. Sheets: Summary, Matrix, Gaps, Zones, Conduits,
Assets, Evidence; each has a frozen header row and an autofilter. Numbers are numbers, dates
are dates, and text from the project file is never turned into formulas or links. The document
properties carry a creation time derived from the report date, so the same model gives the same
bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from zonewarden.reports.model import ReportModel
from zonewarden.reports.text import vector

#: status / severity / yes-no value -> (fill, font colour) of its conditional format
STATUS_COLOURS = {
    "implemented": ("#C6EFCE", "#006100"),
    "partial": ("#FFEB9C", "#7A4B00"),
    "not_implemented": ("#FFC7CE", "#9C0006"),
    "not_applicable": ("#E4E4E4", "#505050"),
    "not_assessed": ("#FBE3E3", "#A23B3B"),
}
SEVERITY_COLOURS = {
    "critical": ("#8B0000", "#FFFFFF"),
    "high": ("#E06666", "#FFFFFF"),
    "medium": ("#FFD966", "#5C4300"),
    "low": ("#D6DCE4", "#2F3B4C"),
}
YES_NO_COLOURS = {"yes": ("#C6EFCE", "#006100"), "no": ("#FFC7CE", "#9C0006")}
COLOURS = {"status": STATUS_COLOURS, "severity": SEVERITY_COLOURS, "yesno": YES_NO_COLOURS}
FR_NUMBERS = range(1, 8)


@dataclass(frozen=True, slots=True)
class Column:
    """A sheet column: header, width, how values are written, optional colour rule."""

    header: str
    width: float
    kind: str = "text"  # text | number | score | date | yesno
    colour: str | None = None  # status | severity | yesno


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _columns(spec: str) -> tuple[Column, ...]:
    """Columns from ``"Header|width[|kind[|colour]]; ..."`` (compact sheet layouts)."""
    columns = []
    for item in spec.split(";"):
        header, width, *rest = item.strip().split("|")
        columns.append(Column(header, float(width), *rest))
    return tuple(columns)


class _Table:
    """One table on a sheet, written row by row (constant memory): header, frozen, filtered."""

    def __init__(self, book: _Book, sheet: Any, columns: Sequence[Column], first_row: int = 0):
        self.book, self.sheet, self.columns = book, sheet, tuple(columns)
        self.first_row = first_row
        self.row = first_row + 1
        for index, column in enumerate(self.columns):
            sheet.set_column(index, index, column.width)
            sheet.write_string(first_row, index, column.header, book.header)
        sheet.freeze_panes(first_row + 1, 0)

    def add(self, values: Sequence[Any]) -> None:
        for index, (column, value) in enumerate(zip(self.columns, values, strict=True)):
            self.book.cell(self.sheet, self.row, index, column.kind, value)
        self.row += 1

    def close(self) -> None:
        last = len(self.columns) - 1
        self.sheet.autofilter(self.first_row, 0, max(self.row - 1, self.first_row), last)
        if self.row - 1 <= self.first_row:
            return
        for index, column in enumerate(self.columns):
            if column.colour:
                self.book.colour(
                    self.sheet, (self.first_row + 1, index, self.row - 1, index), column.colour
                )


class _Book:
    """The workbook and its shared cell formats."""

    def __init__(self, path: Path, model: ReportModel):
        self.workbook = xlsxwriter.Workbook(
            str(path),
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,  # "=..." in a project file stays text
                "strings_to_urls": False,
                "default_date_format": "yyyy-mm-dd",
            },
        )
        add = self.workbook.add_format
        self.header = add(
            {
                "bold": True,
                "bg_color": "#1F3A5F",
                "font_color": "#FFFFFF",
                "border": 1,
                "border_color": "#9AA7B8",
                "valign": "top",
            }
        )
        self.title = add({"bold": True, "font_size": 14})
        self.label = add({"bold": True})
        self.score = add({"num_format": "0.0"})
        self.date = add({"num_format": "yyyy-mm-dd", "align": "left"})
        self.colours = {
            rule: {
                value: add({"bg_color": fill, "font_color": font})
                for value, (fill, font) in table.items()
            }
            for rule, table in COLOURS.items()
        }
        self.below_target = add({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
        project = model.project
        self.workbook.set_properties(
            {
                "title": f"{project.name} — gap assessment (IEC 62443-3-3)",
                "subject": f"Gap assessment report as of {model.as_of.isoformat()}",
                "author": model.generator,
                "company": project.organization or "",
                "keywords": "IEC 62443, gap assessment, security levels",
                "comments": f"Generated by {model.generator}",
                "created": datetime.combine(model.as_of, time()),
            }
        )

    def cell(self, sheet: Any, row: int, col: int, kind: str, value: Any) -> None:
        if value is None or value == "" or value == ():
            return
        if kind == "number":
            sheet.write_number(row, col, value)
        elif kind == "score":
            sheet.write_number(row, col, value, self.score)
        elif kind == "date":
            sheet.write_datetime(row, col, datetime.combine(value, time()), self.date)
        elif kind == "yesno":
            sheet.write_string(row, col, "yes" if value else "no")
        else:
            sheet.write_string(row, col, _text(value))

    def colour(self, sheet: Any, area: tuple[int, int, int, int], rule: str) -> None:
        for value, cell_format in self.colours[rule].items():
            sheet.conditional_format(
                *area,
                {"type": "cell", "criteria": "==", "value": f'"{value}"', "format": cell_format},
            )

    def table(self, name: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> None:
        table = _Table(self, self.workbook.add_worksheet(name), columns)
        for row in rows:
            table.add(row)
        table.close()


SUMMARY_COLUMNS = _columns(
    "Id|22; Type|9; Name|40; Score (%)|10|score; SRs in score|12|number; "
    "SRs meeting SL-T|16|number; Gaps|8|number; Meets target|13|yesno|yesno; "
    + "; ".join(f"SL-{x} FR{fr}|10|number" for x in "TA" for fr in FR_NUMBERS)
)
MATRIX_COLUMNS = _columns(
    "Zone/conduit|22; Type|9; FR|5|number; Requirement|14; SR/RE|7; Title|48; "
    "Min SL|8|number; SL-T|6|number; Status|16|text|status; Satisfied|10|yesno|yesno; "
    "Satisfied by|36; Evidence|28; Compensating countermeasure|44; Notes|44; "
    "Justification|44"
)
GAP_COLUMNS = _columns(
    "Rank|7|number; Id|30; Zone/conduit|22; Zone name|34; Requirement|14; Title|48; "
    "FR|5|number; Min SL|8|number; SL-T|6|number; Status|16|text|status; "
    "Severity|10|text|severity; Priority|9|number; Owner|30; Due date|12|date"
)
ZONE_COLUMNS = _columns(
    "Id|22; Name|40; Kind|14; Purdue level|13|number; Safety|8|yesno; Owner|30; Networks|30; "
    "Assets|8|number; SL-T|16; SL-A|16; Score (%)|10|score; Gaps|8|number; "
    "Meets target|13|yesno|yesno; Description|60"
)
CONDUIT_COLUMNS = _columns(
    "Id|22; Name|34; Zone A|22; Zone B|22; Protocols|28; Safety|8|yesno; SL-T|16; SL-A|16; "
    "Score (%)|10|score; Gaps|8|number; Meets target|13|yesno|yesno; Description|60"
)
ASSET_COLUMNS = _columns(
    "Id|22; Name|36; Zone|22; Type|16; Vendor|20; Model|26; IP address|16; Description|60"
)
EVIDENCE_COLUMNS = _columns(
    "Id|24; Title|44; Kind|14; Location|44; Collected on|13|date; Expires on|13|date; "
    "Expired|9|yesno; Cited by assessments|12|number; Cited for|60; Description|60"
)


def _summary(book: _Book, model: ReportModel) -> None:
    sheet = book.workbook.add_worksheet("Summary")
    o = model.overall
    sheet.write_string(0, 0, f"{model.project.name} — gap assessment (IEC 62443-3-3)", book.title)
    facts: list[tuple[str, Any, str]] = [
        ("Project", model.project.id, "text"),
        ("Organisation", model.project.organization, "text"),
        ("As of", model.as_of, "date"),
        ("Generator", model.generator, "text"),
        ("Overall score (%)", o.score, "score"),
        ("SRs meeting SL-T", o.srs_meeting_target, "number"),
        ("SRs in score", o.srs_in_score, "number"),
        ("Zones meeting SL-T", o.zones_met, "number"),
        ("Zones", o.zones, "number"),
        ("Conduits meeting SL-T", o.conduits_met, "number"),
        ("Conduits", o.conduits, "number"),
        ("Gaps", o.gaps, "number"),
    ]
    row = 1
    for label, value, kind in facts:
        sheet.write_string(row, 0, label, book.label)
        book.cell(sheet, row, 1, kind, value)
        row += 1
    sheet.write_string(row, 0, "Gaps by severity", book.label)
    for index, severity in enumerate(o.gaps_by_severity):
        sheet.write_string(row, 2 + index, severity, book.colours["severity"][severity])
    row += 1
    for index, count in enumerate(o.gaps_by_severity.values()):
        sheet.write_number(row, 2 + index, count)
    table = _Table(book, sheet, SUMMARY_COLUMNS, first_row=row + 2)
    for z in model.zones:
        table.add(
            (
                z.id,
                z.type,
                z.name,
                z.score,
                z.srs_in_score,
                z.srs_meeting_target,
                z.gaps,
                z.meets_target,
                *z.sl_target,
                *z.sl_achieved,
            )
        )
    table.close()
    if model.zones:  # SL-A below SL-T in red, FR by FR
        first, last = table.first_row + 1, table.row - 1
        t0 = 8
        for fr in range(7):
            target = xl_rowcol_to_cell(first, t0 + fr, row_abs=False, col_abs=True)
            sheet.conditional_format(
                first,
                t0 + 7 + fr,
                last,
                t0 + 7 + fr,
                {
                    "type": "formula",
                    "criteria": f"={xl_rowcol_to_cell(first, t0 + 7 + fr, col_abs=True)}<{target}",
                    "format": book.below_target,
                },
            )


def _purdue(level: float | None) -> float | None:
    return None if level is None else (int(level) if float(level).is_integer() else level)


def write_xlsx(model: ReportModel, path: str | Path) -> None:
    """Write the report workbook to ``path`` (overwritten; see ``formats`` for atomic writes)."""
    from zonewarden.reports.html import evidence_citations

    book = _Book(Path(path), model)
    _summary(book, model)
    book.table(
        "Matrix",
        MATRIX_COLUMNS,
        (
            (
                r.zone,
                r.zone_type,
                r.fr,
                r.requirement,
                r.type,
                r.title,
                r.min_sl,
                r.sl_target,
                r.status,
                r.satisfied,
                r.satisfied_by,
                r.evidence,
                r.compensating,
                r.notes,
                r.justification,
            )
            for r in model.matrix_rows()
        ),
    )
    book.table(
        "Gaps",
        GAP_COLUMNS,
        (
            (
                g.rank,
                g.id,
                g.zone,
                g.zone_name,
                g.requirement,
                g.title,
                g.fr,
                g.min_sl,
                g.sl_target,
                g.status,
                g.severity,
                g.priority,
                g.owner,
                g.due,
            )
            for g in model.gaps
        ),
    )
    zones = {z.id: z for z in model.project.zones}
    book.table(
        "Zones",
        ZONE_COLUMNS,
        (
            (
                z.id,
                z.name,
                z.kind,
                _purdue(z.purdue_level),
                z.safety,
                z.owner,
                z.networks,
                z.assets,
                vector(z.sl_target),
                vector(z.sl_achieved),
                z.score,
                z.gaps,
                z.meets_target,
                zones[z.id].description,
            )
            for z in model.zone_reports()
        ),
    )
    conduits = {c.id: c for c in model.project.conduits}
    book.table(
        "Conduits",
        CONDUIT_COLUMNS,
        (
            (
                c.id,
                conduits[c.id].name or c.id,
                *c.joins,
                c.protocols,
                c.safety,
                vector(c.sl_target),
                vector(c.sl_achieved),
                c.score,
                c.gaps,
                c.meets_target,
                conduits[c.id].description,
            )
            for c in model.conduit_reports()
        ),
    )
    book.table(
        "Assets",
        ASSET_COLUMNS,
        (
            (a.id, a.name, a.zone, a.type, a.vendor, a.model, a.ip, a.description)
            for a in model.project.assets
            if a.zone in model.selected
        ),
    )
    cited = evidence_citations(model)
    book.table(
        "Evidence",
        EVIDENCE_COLUMNS,
        (
            (
                e.id,
                e.title,
                e.kind,
                e.uri,
                e.collected_on,
                e.expires_on,
                e.expired(model.as_of),
                sum(len(requirements) for _, requirements in cited.get(e.id, ())),
                "; ".join(f"{zone}: {', '.join(reqs)}" for zone, reqs in cited.get(e.id, ())),
                e.description,
            )
            for e in model.project.evidence
        ),
    )
    book.workbook.close()
