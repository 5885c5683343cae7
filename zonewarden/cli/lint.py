"""``lint``: check how a project is partitioned into zones and conduits (IEC 62443-3-2 ZCR 3)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from zonewarden.cli.common import (
    EXIT_CHECK_FAILED,
    AsOfOption,
    FormatOption,
    OutputFormat,
    ProjectArgument,
    console,
    count,
    emit_csv,
    emit_json,
    load,
    parse_as_of,
    report_table,
)
from zonewarden.domain.zoning import review_zoning
from zonewarden.services.lint import review_document

LINT_COLUMNS = (
    "severity",
    "rule",
    "clause",
    "objects",
    "path",
    "message",
    "waived",
    "waiver_reason",
)
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def lint(
    file: ProjectArgument,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too, not only on errors.")
    ] = False,
    show_waived: Annotated[
        bool,
        typer.Option("--show-waived", help="List waived findings too, with their reasons."),
    ] = False,
    format: FormatOption = OutputFormat.table,
    as_of: AsOfOption = None,
) -> None:
    """Check the zones, conduits and assets against the zoning rules of IEC 62443-3-2 ZCR 3
    (safety, business, wireless, temporary and remote-access separation; DMZ; conduit SL-T;
    networks and addresses). Exit 1 when an error is not waived (--strict: or a warning).

    Waive a finding with a reason in the project's lint.waive list. Rules:
    docs/concepts/zoning-rules.md.

    Example: zonewarden lint examples/riverside-wtp.yaml --show-waived
    """
    project, _ = load(file)
    review = review_zoning(project, parse_as_of(as_of))
    document = review_document(review, strict=strict, show_waived=show_waived)
    if format is OutputFormat.json:
        emit_json(document)
    elif format is OutputFormat.csv:
        emit_csv(LINT_COLUMNS, [_csv_row(row) for row in document["findings"]])
    else:
        _print(project.name, document)
    if not document["passed"]:
        raise typer.Exit(EXIT_CHECK_FAILED)


def _csv_row(row: dict[str, Any]) -> dict[str, Any]:
    waiver = row["waiver"]
    return {
        **row,
        "objects": [item["id"] for item in row["objects"]],
        "waiver_reason": waiver["reason"] if waiver else None,
    }


def _print(name: str, document: dict[str, Any]) -> None:
    out = console()
    findings = document["findings"]
    counts = document["counts"]
    opened = [f for f in findings if not f["waived"]]
    waived = [f for f in findings if f["waived"]]
    if opened:
        table = report_table(
            out,
            f"{escape(name)} — zoning rules on {document['as_of']}",
            [("Severity", "left", False), ("Finding", "left", True)],
        )
        for row in opened:
            table.add_row(_severity(row["severity"]), _finding(row))
        out.print(table)
    else:
        out.print(f"{escape(name)} — zoning rules on {document['as_of']}: no open findings.")
    if waived:
        table = report_table(
            out, "Waived findings", [("Severity", "left", False), ("Finding", "left", True)]
        )
        for row in waived:
            table.add_row(row["severity"], _finding(row) + _waiver(row["waiver"]))
        out.print(table)
    fixes = {row["rule"]: row["fix"] for row in opened}
    if fixes:
        out.print("How to fix (or waive with a reason in lint.waive):", markup=False)
        for rule, fix in fixes.items():
            out.print(f"- {rule}: {fix}", markup=False)
    for unused in document["unused_waivers"]:
        out.print(
            f"Note: {unused['path']} ({unused['rule']}) matches no finding: remove it or "
            "check its objects.",
            markup=False,
        )
    summary = (
        f"{count(counts['error'], 'error')}, {count(counts['warning'], 'warning')}, "
        f"{counts['info']} info"
    )
    if counts["waived"]:
        hidden = "" if waived else " (--show-waived lists them)"
        summary += f"; {counts['waived']} waived{hidden}"
    verdict = "PASS" if document["passed"] else "FAIL"
    rule = " (--strict: warnings fail too)" if document["strict"] else ""
    out.print(f"{verdict}: {summary}{rule}.", markup=False)


def _severity(severity: str) -> str:
    return f"[{SEVERITY_STYLE[severity]}]{severity}[/]"


def _finding(row: dict[str, Any]) -> str:
    return (
        f"[bold]{row['rule']}[/] ({row['clause']}) [dim]{row['path']}[/]\n{escape(row['message'])}"
    )


def _waiver(waiver: dict[str, Any]) -> str:
    parts = [waiver["path"], waiver["approved_by"], waiver["approved_on"]]
    if waiver["expires_on"]:
        parts.append(f"until {waiver['expires_on']}")
    shown = "; ".join(escape(part) for part in parts if part)
    return f"\n[green]waived[/] ({shown}): {escape(waiver['reason'])}"
