"""Remediation commands: ``actions``, ``plan`` and ``change`` (issue 6)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from zonewarden.cli.common import (
    AsOfOption,
    FormatOption,
    OutputFormat,
    ProjectArgument,
    UserError,
    achieved_markup,
    console,
    emit_csv,
    emit_json,
    load,
    parse_as_of,
    report_table,
    score_text,
)
from zonewarden.services.remediation import (
    ACTION_COLUMNS,
    PLAN_COLUMNS,
    actions_document,
    change_document,
    plan_document,
    roadmap,
)


def actions(
    file: ProjectArgument, format: FormatOption = OutputFormat.table, as_of: AsOfOption = None
) -> None:
    """The remediation actions, highest priority first, with status, effort and flags.

    Example: zonewarden actions examples/riverside-wtp.yaml --format json
    """
    project, _ = load(file)
    document = actions_document(project, parse_as_of(as_of))
    if format is OutputFormat.json:
        return emit_json(document)
    if format is OutputFormat.csv:
        return emit_csv(ACTION_COLUMNS, document["actions"])
    out = console()
    wide = out.width >= 100
    table = report_table(
        out,
        f"{escape(project.name)} — {len(document['actions'])} actions",
        [
            ("#", "right", False),
            ("Action", "left", True),
            *([("Title", "left", True)] if wide else []),
            ("Status", "left", True),
            ("Days", "right", False),
            ("Prio", "right", False),
            ("Gaps", "right", False),
        ],
    )
    for row in document["actions"]:
        table.add_row(
            str(row["rank"]),
            escape(row["id"]) + (" [green](quick win)[/]" if row["quick_win"] else ""),
            *([escape(row["title"])] if wide else []),
            row["status"],
            f"{row['effort']:g}",
            str(row["priority"]),
            str(row["gaps"]),
        )
    out.print(table)
    return None


class PlanFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    svg = "svg"
    xlsx = "xlsx"


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"expected a date YYYY-MM-DD, got {value!r}", param_hint=option
        ) from None


def plan(
    file: ProjectArgument,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            metavar="YYYY-MM-DD",
            help="First day of the roadmap; default: the --as-of date.",
        ),
    ] = None,
    capacity: Annotated[
        int | None,
        typer.Option(
            "--capacity",
            min=1,
            metavar="PERSON-DAYS-PER-MONTH",
            help="Effort the team can spend per month; default: rules.planning.capacity (20).",
        ),
    ] = None,
    format: Annotated[
        PlanFormat,
        typer.Option("--format", "-f", help="table, json, csv, svg (Gantt chart) or xlsx."),
    ] = PlanFormat.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (needed for xlsx)."),
    ] = None,
    as_of: AsOfOption = None,
) -> None:
    """The remediation roadmap: actions in Phase 1 (0-3 months, quick wins and foundations),
    Phase 2 (3-12, core controls) and Phase 3 (12-24, advanced maturity), each with the SL-A
    and score it buys.

    Example: zonewarden plan examples/riverside-wtp.yaml --start 2027-01-04 --capacity 30
    """
    project, catalog = load(file)
    day = parse_as_of(as_of)
    road = roadmap(project, catalog, day, _date(start, "'--start'"), capacity)
    document = plan_document(project, road, day)
    if format is PlanFormat.xlsx:
        if output is None:
            raise UserError("--format xlsx needs --output FILE.xlsx")
        from zonewarden.reports.roadmap import write_plan_xlsx

        write_plan_xlsx(document, output)
        return None
    if format is PlanFormat.svg:
        from zonewarden.reports.roadmap import plan_svg

        return _write(plan_svg(document), output)
    if format is PlanFormat.json:
        if output is not None:
            import json

            return _write(json.dumps(document, indent=2, ensure_ascii=False) + "\n", output)
        return emit_json(document)
    if format is PlanFormat.csv:
        return emit_csv(PLAN_COLUMNS, [row for p in document["phases"] for row in p["actions"]])
    _print_plan(project.name, document)
    return None


def _write(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
        return
    from zonewarden.project.dump import write_atomic

    try:
        write_atomic(output, text)
    except OSError as error:
        raise UserError(f"{output}: cannot write: {error.strerror or error}") from None


def _print_plan(name: str, document: dict[str, object]) -> None:
    out = console()
    compact = out.width < 80
    phases = document["phases"]
    assert isinstance(phases, list)
    today = phases[0]
    out.print(
        f"[bold]{escape(name)}[/] — roadmap from {document['start']}, "
        f"{document['capacity']} person-days per month"
    )
    out.print(
        f"Today: score {score_text(today['score'])}, {today['targets_met']} of "
        f"{today['targets']} zones and conduits meet SL-T."
    )
    previous = {z["id"]: z for z in today["zones"]}
    for phase in phases[1:]:
        out.print()
        out.print(f"[bold]{escape(phase['name'])}[/]")
        table = report_table(
            out,
            "",
            [
                ("Action", "left", True),
                ("Start", "left", False),
                ("Days", "right", False),
                ("Why", "left", True),
            ],
        )
        for row in phase["actions"]:
            table.add_row(
                escape(row["id"]), row["start"][:7], f"{row['effort']:g}", escape(row["reason"])
            )
        out.print(table)
        moved = [z for z in phase["zones"] if z["sl_achieved"] != previous[z["id"]]["sl_achieved"]]
        if moved:
            zones = report_table(
                out,
                "",
                [
                    ("Zone/conduit" if not compact else "Zone", "left", True),
                    ("SL-A then", "left", False),
                    ("Meets", "left", False),
                ],
            )
            for z in moved:
                zones.add_row(
                    z["id"],
                    achieved_markup(z["sl_achieved"], z["sl_target"], compact),
                    "[green]yes[/]" if z["meets_target"] else "[red]no[/]",
                )
            out.print(zones)
        newly = [
            z["id"]
            for z in phase["zones"]
            if z["meets_target"] and not previous[z["id"]]["meets_target"]
        ]
        out.print(
            f"Projected score {score_text(phase['score'])}; {phase['targets_met']} of "
            f"{phase['targets']} meet SL-T"
            + (f", newly: {', '.join(newly)}" if newly else "")
            + "."
        )
        previous = {z["id"]: z for z in phase["zones"]}
    skipped = document["not_scheduled"]
    assert isinstance(skipped, list)
    if skipped:
        out.print("Not scheduled: " + ", ".join(f"{s['id']} ({s['status']})" for s in skipped))


def change(
    file: ProjectArgument,
    action: Annotated[str, typer.Argument(metavar="ACTION", help="Action id.")],
    format: FormatOption = OutputFormat.table,
    as_of: AsOfOption = None,
) -> None:
    """The OT gates of an action's change records (lab test, maintenance window, rollback,
    vendor, approval, evidence) and what still blocks its closure.

    Example: zonewarden change examples/riverside-wtp.yaml firewall-idmz-rules
    """
    project, _ = load(file)
    parse_as_of(as_of)
    found = project.action(action)
    if found is None:
        from zonewarden.project.actions import _unknown

        raise UserError(
            f"ACTION: {_unknown('action', action, [a.id for a in project.actions])} in {file}"
        )
    document = change_document(project, found)
    if format is OutputFormat.json:
        return emit_json(document)
    rows = [
        {
            "change": c["id"],
            "gate": g["gate"],
            "closed": g["closed"],
            "detail": g["detail"],
            "waived": None if g["waived"] is None else g["waived"]["reason"],
        }
        for c in document["changes"]
        for g in c["gates"]
    ]
    if format is OutputFormat.csv:
        return emit_csv(("change", "gate", "closed", "detail", "waived"), rows)
    out = console()
    out.print(f"[bold]{escape(found.id)}[/] ({escape(found.title)}): {found.status}")
    if not found.changes:
        out.print("No change records: no gates to pass.")
    table = report_table(
        out,
        "",
        [
            ("Change", "left", True),
            ("Gate", "left", False),
            ("State", "left", False),
            ("Detail", "left", True),
        ],
    )
    for row in rows:
        state = (
            "[green]closed[/]"
            if row["closed"]
            else "[yellow]waived[/]"
            if row["waived"]
            else "[red]open[/]"
        )
        table.add_row(escape(row["change"]), row["gate"], state, escape(row["detail"]))
    if rows:
        out.print(table)
    if document["can_close"]:
        out.print("Nothing blocks closure: the action may be marked implemented.")
    else:
        out.print(
            f"Blocks closure: {len(document['blocking'])} open gates: "
            + "; ".join(f"{b['change']} {b['gate']}" for b in document["blocking"])
        )
    return None


def explain_action(project: object, action_id: str, format: OutputFormat) -> None:
    """``explain FILE ACTION``: the weighted terms of an action's priority."""
    from zonewarden.domain.priorities import prioritise
    from zonewarden.domain.projects import Project

    assert isinstance(project, Project)
    item = prioritise(project)[action_id]
    document = {
        "project": project.id,
        "action": action_id,
        "priority": item.score,
        "quick_win": item.quick_win,
        "foundational": item.foundational,
        "terms": [{"term": t, "value": v} for t, v in item.terms],
    }
    if format is OutputFormat.json:
        return emit_json(document)
    if format is OutputFormat.csv:
        return emit_csv(("term", "value"), document["terms"])  # type: ignore[arg-type]
    out = console()
    out.print(f"[bold]Action {escape(action_id)}[/]: priority {item.score}, the sum of:")
    for term, value in item.terms:
        out.print(f"- {term}: {value}", markup=False)
    out.print("Weights: rules.planning in the project file (docs/concepts/remediation.md).")
    return None
