"""``readiness``: is the project ready for the certification auditor? (issue 7)"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from zonewarden.cli.common import (
    AsOfOption,
    FormatOption,
    OutputFormat,
    ProjectArgument,
    console,
    emit_csv,
    emit_json,
    load,
    parse_as_of,
)
from zonewarden.services.readiness import CHECKLIST_COLUMNS, checklist_rows, readiness_document


class Scheme(StrEnum):
    csms = "csms"
    ssa = "ssa"
    sdla = "sdla"
    component = "component"


MARKS = {"pass": "[green]pass[/]", "fail": "[red]FAIL[/]", "manual": "[yellow]manual[/]"}


def readiness(
    file: ProjectArgument,
    target: Annotated[
        Scheme | None,
        typer.Option(
            "--target",
            help="Certification scheme: csms (62443-2-1), ssa (62443-3-3), sdla (62443-4-1) or "
            "component (62443-4-2); default: certification.scheme of the file, else ssa.",
        ),
    ] = None,
    format: FormatOption = OutputFormat.table,
    as_of: AsOfOption = None,
) -> None:
    """The audit preparation checklist computed from the data (pass, FAIL with what an auditor
    would find missing, or manual), and the common certification pitfalls found.

    Exit status 0 whatever the verdict (use 'zonewarden check' or --format json in CI).

    Example: zonewarden readiness examples/riverside-wtp.yaml --as-of 2026-11-26
    """
    project, catalog = load(file)
    document = readiness_document(
        project, catalog, parse_as_of(as_of), target.value if target else None
    )
    if format is OutputFormat.json:
        return emit_json(document)
    if format is OutputFormat.csv:
        return emit_csv(CHECKLIST_COLUMNS, checklist_rows(document))
    out = console()
    cert = document["certification"]
    when = ""
    if cert["audit_on"]:
        days = cert["days_to_audit"]
        when = (
            f", audit on {cert['audit_on']} ({days} days)"
            if days >= 0
            else (f", audit was on {cert['audit_on']}")
        )
    out.print(
        f"[bold]{escape(project.name)}[/] — readiness for {cert['title']} "
        f"({cert['standard']}){escape(when)}"
    )
    scope = "whole system" if cert["whole_system"] else f"{len(cert['scope'])} zones/conduits"
    out.print(f"Scope: {scope}; as of {document['as_of']}\n")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for item in document["checklist"]:
        grid.add_row(MARKS[item["status"]], escape(item["title"]))
        for missing in item["missing"]:
            grid.add_row("", f"[dim]-[/] {escape(missing)}")
    out.print(grid)
    counts = document["counts"]
    if document["pitfalls"]:
        out.print("\n[bold]Pitfalls[/]")
        pits = Table.grid(padding=(0, 1))
        pits.add_column(no_wrap=True)
        pits.add_column(overflow="fold")
        for pitfall in document["pitfalls"]:
            pits.add_row(
                "[yellow]![/]", f"[bold]{escape(pitfall['title'])}[/]: {escape(pitfall['message'])}"
            )
        out.print(pits)
    verdict = "[green]ready[/]" if document["ready"] else "[red]not ready[/]"
    out.print(
        f"\n{verdict}: {counts['pass']} pass, {counts['fail']} fail, {counts['manual']} manual, "
        f"{counts['pitfalls']} pitfall(s)"
    )
    return None
