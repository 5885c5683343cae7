"""Snapshot commands: ``snapshot``, ``diff`` and ``trend`` (issue 7 item 6)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from zonewarden.cli.common import (
    AsOfOption,
    FormatOption,
    OutputFormat,
    ProjectArgument,
    UserError,
    catalog,
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
from zonewarden.domain.snapshots import ProjectMismatch, Snapshot, diff_snapshots
from zonewarden.services.snapshots import (
    DIFF_COLUMNS,
    TREND_COLUMNS,
    diff_document,
    diff_rows,
    snapshot_document,
    trend_document,
)


class SnapshotFormat(StrEnum):
    table = "table"
    json = "json"


_SOURCE = "A project file (evaluated on --as-of) or a snapshot file (.json)."
OldArgument = Annotated[Path, typer.Argument(metavar="OLD", help=_SOURCE)]
NewArgument = Annotated[Path, typer.Argument(metavar="NEW", help=_SOURCE)]


def _write(path: Path, text: str) -> None:
    from zonewarden.project.dump import write_atomic

    try:
        write_atomic(path, text)
    except OSError as error:
        raise UserError(f"{path}: cannot write: {error.strerror or error}") from None


def snapshot(
    file: ProjectArgument,
    as_of: AsOfOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Snapshot file to write; default: snapshots/<project-id>-<as-of>.json beside "
            "FILE.",
        ),
    ] = None,
    format: Annotated[
        SnapshotFormat,
        typer.Option("--format", "-f", help="Output: table (one line) or json (the snapshot)."),
    ] = SnapshotFormat.table,
) -> None:
    """Store the dated results (SL-A, score and gaps per zone and conduit, evidence dates)
    next to the project, for diff and trend. The same file and --as-of give the same bytes;
    a second snapshot on the same day replaces the first.

    Example: zonewarden snapshot examples/riverside-wtp.yaml --as-of 2026-11-26
    """
    from zonewarden.project.snapshots import default_folder, dumps_snapshot, file_name

    day = parse_as_of(as_of)
    project, requirements = load(file)
    taken = Snapshot.of(project, requirements, day)
    if output is None:
        folder = default_folder(file)
        try:
            folder.mkdir(exist_ok=True)
        except OSError as error:
            raise UserError(f"{folder}: cannot create folder: {error.strerror}") from None
        output = folder / file_name(project.id, day)
    elif output.is_dir():
        output = output / file_name(project.id, day)
    elif not output.parent.is_dir():
        raise UserError(f"{output}: folder {output.parent} does not exist")
    _write(output, dumps_snapshot(taken))
    if format is SnapshotFormat.json:
        return emit_json(snapshot_document(taken))
    o = taken.overall
    typer.echo(
        f"Wrote {output}: overall score {score_text(o.score)}, {count(o.gaps, 'gap')}, "
        f"{o.targets_met} of {o.targets} zones and conduits meet SL-T."
    )
    return None


def diff(
    old: OldArgument,
    new: NewArgument,
    as_of: AsOfOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """What changed between two project files or snapshots of one project: per zone and
    conduit the SL-A, the score, the gaps opened and closed and the evidence added or expired,
    with a line that explains each score change.

    Example: zonewarden diff examples/snapshots/riverside-wtp-2026-06-01.json
    examples/riverside-wtp.yaml --as-of 2026-11-26
    """
    from zonewarden.project.snapshots import read_results

    day = parse_as_of(as_of)
    requirements = catalog()
    before = read_results(old, day, requirements)
    after = read_results(new, day, requirements)
    try:
        change = diff_snapshots(before, after)
    except ProjectMismatch as error:
        raise UserError(f"{old} and {new}: {error}") from None
    document = diff_document(change)
    if format is OutputFormat.json:
        return emit_json(document)
    if format is OutputFormat.csv:
        return emit_csv(DIFF_COLUMNS, diff_rows(document))
    _print_diff(document, str(old), str(new))
    return None


def _print_diff(document: dict[str, Any], old: str, new: str) -> None:
    out = console()
    compact = out.width < 100
    out.print(
        f"[bold]{escape(document['new']['name'])}[/]: {escape(old)} ({document['old']['as_of']}) "
        f"-> {escape(new)} ({document['new']['as_of']})"
    )
    zones = [z for z in document["zones"] if z["change"] != "evidence"]
    if zones and compact:  # narrow terminal: one block per zone, the explanation below
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for z in zones:
            grid.add_row(
                f"[bold]{escape(z['id'])}[/]",
                f"SL-A {_vectors(z['sl_achieved_before'], z['sl_achieved_after'])}  "
                f"score {_score(z['score_before'])}→{_score(z['score_after'])}  "
                f"gaps +{len(z['gaps_opened'])} -{len(z['gaps_closed'])}",
            )
            grid.add_row("", f"[dim]{escape(z['explanation'])}[/]")
        out.print(grid)
    elif zones:
        table = report_table(
            out,
            "",
            [
                ("Zone/conduit", "left", True),
                ("SL-A", "left", False),
                ("Score", "right", False),
                ("Gaps", "right", False),
                ("Why", "left", True),
            ],
        )
        for z in zones:
            table.add_row(
                escape(z["id"]),
                _vectors(z["sl_achieved_before"], z["sl_achieved_after"]),
                f"{_score(z['score_before'])}→{_score(z['score_after'])}",
                f"+{len(z['gaps_opened'])} -{len(z['gaps_closed'])}",
                escape(z["explanation"]),
            )
        out.print(table)
    else:
        out.print("No zone or conduit changed its results.")
    _print_evidence(out, document, document["old"]["as_of"])
    out.print(escape(document["overall"]["summary"]) + ".")


def _print_evidence(out: Console, document: dict[str, Any], since: str) -> None:
    """The evidence changes the table leaves out: expiries, and the zones and conduits whose
    evidence alone changed."""
    expired = document["overall"]["evidence_expired"]
    if expired:
        out.print(f"Evidence expired since {since}: " + escape(", ".join(expired)) + ".")
    only = [z["id"] for z in document["zones"] if z["change"] == "evidence"]
    if only:
        shown = ", ".join(only[:6]) + (f", +{len(only) - 6} more" if len(only) > 6 else "")
        out.print(
            f"Only the evidence they cite changed in {len(only)} "
            f"{'zone or conduit' if len(only) == 1 else 'zones and conduits'}: "
            f"{escape(shown)} (--format json lists it)."
        )


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _vectors(before: list[int] | None, after: list[int] | None) -> str:
    if before is None or after is None:
        return vector_text(before or after or [], compact=True)
    if before == after:
        return vector_text(after, compact=True)
    return f"{vector_text(before, compact=True)}→{vector_text(after, compact=True)}"


def trend(
    file: ProjectArgument,
    snapshots: Annotated[
        Path | None,
        typer.Option(
            "--snapshots",
            metavar="DIR",
            help="Folder of the snapshot files; default: snapshots/ beside FILE.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="PATH", help="Write the trend chart (SVG) here."),
    ] = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """The overall score, gaps and zones meeting SL-T over the project's snapshots, oldest
    first; with --output, a line chart of the overall and per-zone score (SVG).

    Example: zonewarden trend examples/riverside-wtp.yaml --output trend.svg
    """
    from zonewarden.project.snapshots import default_folder, load_snapshots

    project, _ = load(file)
    folder = snapshots if snapshots is not None else default_folder(file)
    if snapshots is not None and not snapshots.is_dir():
        raise UserError(f"--snapshots: {snapshots} is not a folder")
    series = load_snapshots(project.id, folder)
    if output is not None:
        if not output.parent.is_dir():
            raise UserError(f"{output}: folder {output.parent} does not exist")
        if not series:
            raise UserError(
                f"{folder}: no snapshots of project {project.id!r} to chart; take one with "
                f"'zonewarden snapshot {file}'"
            )
        from zonewarden.reports.trend import trend_svg

        _write(output, trend_svg(series))
    document = trend_document(project, series)
    if format is OutputFormat.json:
        return emit_json(document)
    if format is OutputFormat.csv:
        return emit_csv(TREND_COLUMNS, document["snapshots"])
    out = console()
    if not series:
        out.print(
            f"No snapshots of {escape(project.id)} in {escape(str(folder))}: take one with "
            f"zonewarden snapshot {escape(str(file))}"
        )
        return None
    table = report_table(
        out,
        f"{escape(project.name)} — {count(len(series), 'snapshot')}",
        [
            ("Date", "left", False),
            ("Score", "right", False),
            ("Gaps", "right", False),
            ("Meet SL-T", "right", False),
        ],
    )
    for row in document["snapshots"]:
        table.add_row(
            row["as_of"],
            score_text(row["score"]),
            str(row["gaps"]),
            f"{row['targets_met']} of {row['targets']}",
        )
    out.print(table)
    if output is not None:
        out.print(f"Wrote {escape(str(output))}")
    return None
