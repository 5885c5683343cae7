"""Continuous-compliance commands: ``due`` (the obligations calendar) and
``nonconformities`` (the non-conformity register) (issue 7, items 4 and 5)."""

from __future__ import annotations

import contextlib
import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from zonewarden.cli.common import (
    EXIT_CHECK_FAILED,
    AsOfOption,
    FormatOption,
    OutputFormat,
    ProjectArgument,
    UserError,
    console,
    emit_csv,
    emit_json,
    load,
    parse_as_of,
    report_table,
)
from zonewarden.domain.periods import Period
from zonewarden.services.calendar import DUE_COLUMNS, due_csv_rows, due_document, ics_calendar
from zonewarden.services.nonconformities import (
    NC_COLUMNS,
    register_csv_rows,
    register_document,
)


class DueFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    ics = "ics"


def _period(value: str) -> Period:
    try:
        return Period.parse(value)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="'--within'") from None


def _when(days: int) -> str:
    if days == 0:
        return "today"
    return f"in {days}d" if days > 0 else f"{-days}d late"


def due(
    file: ProjectArgument,
    within: Annotated[
        str,
        typer.Option(
            "--within",
            metavar="PERIOD",
            help="How far ahead to look: 90d, 6w, 12m or 1y. Overdue items are always listed.",
        ),
    ] = "90d",
    as_of: AsOfOption = None,
    format: Annotated[
        DueFormat,
        typer.Option(
            "--format", "-f", help="table (for people), json, csv or ics (iCalendar file)."
        ),
    ] = DueFormat.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write json, csv or ics to this file."),
    ] = None,
    fail_on_overdue: Annotated[
        bool,
        typer.Option(
            "--fail-on-overdue", help="Exit 1 when anything is overdue (for a scheduled job)."
        ),
    ] = False,
) -> None:
    """What is due or overdue: recurring obligations (management review, risk assessment
    update, restore tests, access recertification, training, audits), expiries of evidence,
    risk acceptances, compensating countermeasures and waivers, document reviews, corrective
    actions and the certification audit.

    Example: zonewarden due examples/riverside-wtp.yaml --within 6m

    Example: zonewarden due examples/riverside-wtp.yaml --format ics -o compliance.ics
    """
    window = _period(within)
    project, _ = load(file)
    day = parse_as_of(as_of)
    document = due_document(project, day, window)
    if output is not None and format is DueFormat.table:
        raise UserError("--output needs --format json, csv or ics")
    if format is DueFormat.ics:
        calendar = ics_calendar(project, day, window)
        if output is None:  # bytes as they are: CRLF line ends on every platform
            sys.stdout.flush()
            sys.stdout.buffer.write(calendar.encode("utf-8"))
        else:
            _write(calendar, output)
    elif format is DueFormat.json:
        _write_or_emit(lambda: emit_json(document), output)
    elif format is DueFormat.csv:
        _write_or_emit(lambda: emit_csv(DUE_COLUMNS, due_csv_rows(document)), output)
    else:
        _print_due(project.name, document, window)
    if fail_on_overdue and document["counts"]["overdue"]:
        raise typer.Exit(EXIT_CHECK_FAILED)


def _print_due(name: str, document: dict[str, Any], window: Period) -> None:
    out = console()
    table = report_table(
        out,
        f"{escape(name)} — due by {document['until']} (as of {document['as_of']})",
        [
            ("Date", "left", False),
            ("When", "right", False),
            ("What", "left", True),
            ("Owner", "left", True),
        ],
    )
    for item in document["items"]:
        what = escape(item["title"]) + (
            f" [dim]({escape(item['note'])})[/]" if item["note"] else ""
        )
        when = _when(item["days"])
        table.add_row(
            item["date"],
            f"[bold red]{when}[/]" if item["overdue"] else when,
            what,
            escape(item["owner"] or "-"),
        )
    if document["items"]:
        out.print(table)
    counts = document["counts"]
    out.print(f"{counts['overdue']} overdue, {counts['due']} due within {window.words()}.")


def _write(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
        return
    from zonewarden.project.dump import write_atomic

    try:
        write_atomic(output, text)
    except OSError as error:
        raise UserError(f"{output}: cannot write: {error.strerror or error}") from None


def _write_or_emit(emit: Any, output: Path | None) -> None:
    if output is None:
        emit()
        return
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        emit()
    _write(buffer.getvalue(), output)


def nonconformities(
    file: ProjectArgument,
    as_of: AsOfOption = None,
    format: FormatOption = OutputFormat.table,
    open_only: Annotated[
        bool, typer.Option("--open", help="Hide closed non-conformities.")
    ] = False,
) -> None:
    """The non-conformity register: findings of internal and external audits with their
    status (open, action_planned, awaiting_verification, ineffective, verified, closed),
    severity, corrective action, owner and due date; open and major first.

    Example: zonewarden nonconformities examples/riverside-wtp.yaml --open
    """
    project, _ = load(file)
    document = register_document(project, parse_as_of(as_of), open_only)
    if format is OutputFormat.json:
        return emit_json(document)
    if format is OutputFormat.csv:
        return emit_csv(NC_COLUMNS, register_csv_rows(document))
    out = console()
    wide = out.width >= 100
    table = report_table(
        out,
        f"{escape(project.name)} — non-conformities (as of {document['as_of']})",
        [
            ("ID", "left", True),
            ("Status", "left", True),
            ("Severity", "left", False),
            ("Due", "left", False),
            *([("Owner", "left", True)] if wide else []),
            ("Finding", "left", True),
        ],
    )
    for row in document["nonconformities"]:
        due_on = row["due_on"] or "-"
        if row["overdue"]:
            due_on += f"\n[bold red]{row['days_overdue']}d late[/]"
        table.add_row(
            escape(row["id"]),
            row["status"].replace("_", " "),
            row["severity"],
            due_on,
            *([escape(row["owner"] or "-")] if wide else []),
            escape(row["finding"]),
        )
    if document["nonconformities"]:
        out.print(table)
    counts = document["counts"]
    parts = [
        ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in counts[key].items() if n)
        for key in ("by_status", "by_severity")
    ]
    total = counts["total"]
    out.print(
        f"{total} non-conformit{'y' if total == 1 else 'ies'}"
        + "".join(f"; {part}" for part in parts if part)
        + f"; {counts['overdue']} with an overdue corrective action."
    )
    return None
