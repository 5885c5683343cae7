"""``report``: write the gap assessment deliverables (HTML, PDF, XLSX, SVG, draw.io, JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zonewarden.cli.common import AsOfOption, ProjectArgument, UserError, load, parse_as_of

ALL = "all"
FORMAT_CHOICES = ("html", "pdf", "xlsx", "svg", "drawio", "json", ALL)


def _format(value: str | None, output: Path) -> str:
    """The format asked for, or the one the output's suffix names."""
    from zonewarden.reports.formats import SUFFIXES

    if value is None:
        inferred = SUFFIXES.get(output.suffix.lower())
        if inferred is None:
            raise typer.BadParameter(
                f"cannot tell the format from {output.name!r}: give one of "
                f"{', '.join(FORMAT_CHOICES)}",
                param_hint="--format",
            )
        return inferred
    if value not in FORMAT_CHOICES:
        raise typer.BadParameter(
            f"expected one of {', '.join(FORMAT_CHOICES)}, got {value!r}", param_hint="--format"
        )
    return value


def _targets(fmt: str, output: Path) -> list[tuple[str, Path]]:
    """(format, file) pairs to write: a folder gets the standard file names."""
    from zonewarden.reports.formats import FILE_NAMES, FORMATS

    if fmt == ALL:
        if output.exists() and not output.is_dir():
            raise UserError(f"{output}: --format all needs a folder, and this is a file")
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UserError(f"{output}: cannot create folder: {error.strerror}") from None
        return [(f, output / FILE_NAMES[f]) for f in FORMATS]
    if output.is_dir():
        return [(fmt, output / FILE_NAMES[fmt])]
    if not output.parent.is_dir():
        raise UserError(f"{output}: folder {output.parent} does not exist")
    return [(fmt, output)]


def report(
    file: ProjectArgument,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="File to write, or a folder (standard file names; required with --format all).",
        ),
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="html|pdf|xlsx|svg|drawio|json|all",
            help="What to write; default: from the output's suffix. 'all' writes report.html, "
            "report.pdf, report.xlsx, diagram.svg, diagram.drawio and report.json into a folder.",
        ),
    ] = None,
    as_of: AsOfOption = None,
    zone: Annotated[
        list[str] | None,
        typer.Option(
            "--zone",
            "-z",
            metavar="ID",
            help="Only this zone or conduit (repeatable); conduits between chosen zones are "
            "included.",
        ),
    ] = None,
) -> None:
    """Write the gap assessment deliverables (PDF, HTML, XLSX, SVG, draw.io, JSON).

    The report as HTML or PDF (A4), the workbook (XLSX), the zone and conduit diagram (SVG,
    draw.io) or the report model (JSON); with --format all, every one into a folder. Files are
    replaced atomically; the same file and --as-of give identical bytes. Snapshots of the
    project in snapshots/ beside FILE add a trend section to the HTML and PDF.

    Example: zonewarden report examples/riverside-wtp.yaml --format pdf --output report.pdf
    """
    fmt = _format(format, output)
    project, catalog = load(file)
    known = {t.id for t in project.targets()}
    for value in zone or []:
        if value not in known:
            raise UserError(f"--zone: unknown zone or conduit {value!r} in {file}")
    from zonewarden.project.snapshots import default_folder, load_snapshots
    from zonewarden.reports.formats import write_report
    from zonewarden.reports.model import build_report

    snapshots = load_snapshots(project.id, default_folder(file))  # the trend, when any
    model = build_report(project, catalog, parse_as_of(as_of), zone or (), snapshots)
    for each, path in _targets(fmt, output):
        try:
            write_report(model, each, path)
        except OSError as error:
            raise UserError(f"{path}: cannot write: {error.strerror or error}") from None
        typer.echo(f"Wrote {path}")
