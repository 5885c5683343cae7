"""Commands that report results: ``status``, ``gaps``, ``explain``, ``check``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from zonewarden.cli.common import (
    EXIT_CHECK_FAILED,
    AsOfOption,
    FormatOption,
    OutputFormat,
    ProjectArgument,
    UserError,
    achieved_markup,
    console,
    count,
    emit_csv,
    emit_json,
    load,
    parse_as_of,
    report_table,
    score_text,
    vector_text,
)
from zonewarden.domain.evaluation import evaluate
from zonewarden.domain.requirements import RequirementIdError, canonical_id
from zonewarden.domain.rules import SEVERITIES
from zonewarden.services.explain import (
    find_target,
    requirement_document,
    requirement_explanation,
    target_document,
    target_explanation,
)
from zonewarden.services.gaps import gap_row, gaps_document, select_gaps
from zonewarden.services.remediation import gap_links
from zonewarden.services.status import status_document

STATUS_COLUMNS = (
    "id",
    "type",
    "name",
    "sl_target",
    "sl_achieved",
    "score",
    "srs_in_score",
    "srs_meeting_target",
    "gaps",
    "meets_target",
)
GAP_COLUMNS = (
    "rank",
    "id",
    "zone",
    "zone_type",
    "requirement",
    "title",
    "fr",
    "min_sl",
    "sl_target",
    "status",
    "severity",
    "priority",
    "action",
    "finding",
    "accepted_until",
)
SEVERITY_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan"}


def status(
    file: ProjectArgument, format: FormatOption = OutputFormat.table, as_of: AsOfOption = None
) -> None:
    """Per zone and conduit: SL-T, SL-A, score, gap count, target met; then the overall score.

    Example: zonewarden status examples/riverside-wtp.yaml --as-of 2026-11-26
    """
    project, catalog = load(file)
    document = status_document(evaluate(project, catalog, parse_as_of(as_of)))
    if format is OutputFormat.json:
        return emit_json(document)
    if format is OutputFormat.csv:
        return emit_csv(STATUS_COLUMNS, document["zones"])
    out = console()
    table = report_table(
        out,
        f"{escape(project.name)} — status on {document['as_of']}",
        [
            ("Zone/conduit" if out.width >= 80 else "Zone", "left", True),
            ("Type", "left", False),
            ("SL-T", "left", True),
            ("SL-A", "left", True),
            ("Score", "right", False),
            ("Gaps", "right", False),
            ("Meets", "left", False),
        ],
    )
    for row in document["zones"]:
        table.add_row(
            row["id"],
            row["type"] if out.width >= 80 else row["type"][0],
            vector_text(row["sl_target"], compact=out.width < 80),
            achieved_markup(row["sl_achieved"], row["sl_target"], compact=out.width < 80),
            score_text(row["score"]),
            str(row["gaps"]),
            "[green]yes[/]" if row["meets_target"] else "[red]no[/]",
        )
    out.print(table)
    overall = document["overall"]
    out.print(
        f"Overall score {score_text(overall['score'])} "
        f"({overall['srs_meeting_target']} of {overall['srs_in_score']} SRs meet SL-T); "
        f"{overall['targets_met']} of {overall['targets']} zones and conduits meet SL-T; "
        f"{count(overall['gaps'], 'gap')}."
    )


def gaps(
    file: ProjectArgument,
    zone: Annotated[
        list[str] | None,
        typer.Option("--zone", "-z", help="Only this zone or conduit id (repeatable)."),
    ] = None,
    fr: Annotated[
        list[int] | None, typer.Option("--fr", min=1, max=7, help="Only this FR, 1-7 (repeatable).")
    ] = None,
    severity: Annotated[
        list[str] | None,
        typer.Option(
            "--severity",
            "-s",
            help="Only this severity: critical, high, medium, low (repeatable).",
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="Show at most N gaps.")
    ] = None,
    format: FormatOption = OutputFormat.table,
    as_of: AsOfOption = None,
) -> None:
    """The gap register: every in-scope requirement not satisfied, most important first.

    Example: zonewarden gaps examples/riverside-wtp.yaml --zone bpcs-filtration --severity critical
    """
    for value in severity or []:
        if value not in SEVERITIES:
            raise typer.BadParameter(
                f"expected one of {', '.join(SEVERITIES)}, got {value!r}", param_hint="--severity"
            )
    project, catalog = load(file)
    known = {t.id for t in project.targets()}
    for value in zone or []:
        if value not in known:
            raise UserError(f"--zone: unknown zone or conduit {value!r} in {file}")
    evaluation = evaluate(project, catalog, parse_as_of(as_of))
    selected = select_gaps(evaluation, zone or (), fr or (), severity or ())
    if limit:
        selected = selected[:limit]
    links = gap_links(project, evaluation.as_of)
    if format is OutputFormat.json:
        return emit_json(gaps_document(evaluation, selected, links))
    rows = [gap_row(gap, rank, links) for rank, gap in enumerate(selected, start=1)]
    if format is OutputFormat.csv:
        return emit_csv(GAP_COLUMNS, rows)
    out = console()
    wide = out.width >= 110  # titles only where they fit; ids and numbers never wrap
    table = report_table(
        out,
        f"{escape(project.name)} — {len(rows)} gaps on {evaluation.as_of}",
        [
            ("#", "right", False),
            ("Zone", "left", True),
            ("Requirement", "left", False),
            *([("Title", "left", True)] if wide else []),
            ("FR", "right", False),
            ("SL-T", "right", False),
            ("Status", "left", True),
            ("Severity", "left", False),
            ("Prio", "right", False),
            *([("Action", "left", True)] if links else []),
        ],
    )
    for row in rows:
        style = SEVERITY_STYLE[row["severity"]]
        table.add_row(
            str(row["rank"]),
            row["zone"],
            row["requirement"],
            *([escape(row["title"])] if wide else []),
            str(row["fr"]),
            str(row["sl_target"]),
            row["status"],
            f"[{style}]{row['severity']}[/]",
            str(row["priority"]),
            *([_link_text(row)] if links else []),
        )
    out.print(table)


def _link_text(row: dict[str, object]) -> str:
    """The action addressing a gap (and its common finding), or its risk acceptance."""
    parts = []
    if row.get("action"):
        finding = f" ({row['finding']})" if row.get("finding") else ""
        parts.append(escape(f"{row['action']}{finding}"))
    if row.get("accepted_until"):
        parts.append(f"accepted until {row['accepted_until']}")
    return "; ".join(parts) or "-"


def explain(
    file: ProjectArgument,
    zone: Annotated[
        str, typer.Argument(metavar="ZONE", help="Zone or conduit id (or a remediation action id).")
    ],
    requirement: Annotated[
        str | None,
        typer.Argument(
            metavar="[REQ]", help="Requirement id, e.g. 'SR 1.1 RE 1' (quote it) or SR1.1(1)."
        ),
    ] = None,
    format: FormatOption = OutputFormat.table,
    as_of: AsOfOption = None,
    sl_target: Annotated[
        bool,
        typer.Option(
            "--sl-target",
            help="Explain the zone's SL-T instead: from the threat scenarios of the risk "
            "assessment to the derived number per FR, against the recorded one.",
        ),
    ] = False,
) -> None:
    """Why a zone has its SL-A (per FR, what caps it), or why a requirement is in scope,
    satisfied or a gap, with the severity and priority reasoning; with --sl-target, how its
    SL-T follows from the risk assessment. Given an action id instead of a zone: the terms of
    the action's priority.

    Example: zonewarden explain examples/riverside-wtp.yaml bpcs-filtration "SR 1.1 RE 1"
    """
    project, catalog = load(file)
    found = find_target(project, zone)
    if found is None and project.action(zone) is not None and requirement is None:
        from zonewarden.cli.remediation import explain_action

        return explain_action(project, zone, format)
    if found is None:
        raise UserError(f"ZONE: unknown zone or conduit {zone!r} in {file}")
    if sl_target:
        if requirement is not None:
            raise UserError("REQ: --sl-target explains a zone's SL-T; give no requirement")
        from zonewarden.cli.risk import explain_sl_target

        return explain_sl_target(project, zone, format, as_of)
    target, order = found
    day = parse_as_of(as_of)
    if requirement is None:
        explanation = target_explanation(project, catalog, target, order, day)
        document = target_document(explanation, day)
        if format is OutputFormat.json:
            return emit_json(document)
        if format is OutputFormat.csv:
            return emit_csv(
                ("fr", "title", "sl_target", "sl_achieved", "meets_target", "explanation"),
                document["frs"],
            )
        out = console()
        out.print(
            f"[bold]{target.type.capitalize()} {target.id}[/] ({escape(target.name)}) on {day}: "
            f"SL-T {vector_text(target.sl_target)}, SL-A "
            f"{achieved_markup(explanation.result.sl_achieved, target.sl_target)}, "
            f"score {score_text(explanation.result.score)}."
        )
        out.print(
            "SL-A per FR is the highest level whose requirements, and those of every "
            "lower level, are all satisfied."
        )
        for fr in explanation.frs:
            out.print(f"- {fr.sentence()}", markup=False)
        return None
    try:
        rid = canonical_id(requirement)
    except RequirementIdError as error:
        raise UserError(f"REQ: {error}") from None
    found_requirement = catalog.get(rid)
    if found_requirement is None or found_requirement.part != "3-3":
        raise UserError(f"REQ: unknown requirement {rid!r} (see 'zonewarden catalog')")
    detail = requirement_explanation(project, catalog, target, order, found_requirement, day)
    document = requirement_document(detail, day)
    if format is OutputFormat.json:
        return emit_json(document)
    if format is OutputFormat.csv:
        return emit_csv(
            ("zone", "requirement", "in_scope", "status", "satisfied", "satisfied_by"), [document]
        )
    out = console()
    out.print(f"[bold]{rid}[/] in {target.type} [bold]{target.id}[/] on {day}")
    if found_requirement.intent:
        out.print(f"Intent: {found_requirement.intent}", markup=False)
    for line in detail.lines:
        out.print(f"- {line}", markup=False)
    return None


def check(
    file: ProjectArgument,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            min=0,
            max=100,
            metavar="N",
            help="Fail (exit 1) when the overall score is below N percent.",
        ),
    ] = None,
    require_targets: Annotated[
        bool,
        typer.Option(
            "--require-targets",
            help="Fail (exit 1) when any zone or conduit misses its SL-T.",
        ),
    ] = False,
    format: FormatOption = OutputFormat.table,
    as_of: AsOfOption = None,
) -> None:
    """For CI pipelines: exit 1 when the project misses the bar, 0 when it passes.

    Example: zonewarden check examples/riverside-wtp.yaml --fail-under 60 --require-targets
    """
    project, catalog = load(file)
    document = status_document(evaluate(project, catalog, parse_as_of(as_of)))
    overall = document["overall"]
    failures = []
    if fail_under is not None and overall["score"] is None:
        failures.append("no overall score: no requirement is in scope (set SL-T on the zones)")
    elif fail_under is not None and overall["score"] < fail_under:
        failures.append(f"overall score {score_text(overall['score'])} is below {fail_under:g}%")
    if require_targets:
        missing = [row["id"] for row in document["zones"] if not row["meets_target"]]
        if missing:
            failures.append(f"{len(missing)} zones/conduits miss SL-T: {', '.join(missing)}")
    result = {
        "project": document["project"],
        "as_of": document["as_of"],
        "passed": not failures,
        "score": overall["score"],
        "failures": failures,
    }
    if format is OutputFormat.json:
        emit_json(result)
    elif format is OutputFormat.csv:
        emit_csv(
            ("project", "as_of", "passed", "score", "failures"),
            [{**result, "failures": "; ".join(failures)}],
        )
    else:
        for failure in failures:
            typer.echo(f"FAIL: {failure}")
        if not failures:
            typer.echo(
                f"PASS: overall score {score_text(overall['score'])}, "
                f"{overall['targets_met']} of {overall['targets']} targets met"
            )
    if failures:
        raise typer.Exit(EXIT_CHECK_FAILED)
