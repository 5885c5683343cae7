"""Shared CLI pieces: options, errors that exit 2, loading a project, output writers."""

from __future__ import annotations

import csv
import gc
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from zonewarden.catalog import CatalogError, default_catalog
from zonewarden.domain.levels import SLVector
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog
from zonewarden.project.load import load_project

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class UserError(Exception):
    """Bad input or usage: printed as one message, exit status 2, no traceback."""


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def parse_as_of(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"expected a date YYYY-MM-DD, got {value!r}", param_hint="'--as-of'"
        ) from None


FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output: table (for people), json or csv."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Evaluation date (expiries of countermeasures); default today. "
        "Fix it for reproducible output.",
    ),
]
ProjectArgument = Annotated[
    Path, typer.Argument(metavar="FILE", help="Project file (.yaml, .yml or .json).")
]


def catalog() -> Catalog:
    try:
        return default_catalog()
    except CatalogError as error:
        raise UserError(f"catalog: {error}") from None


def load(path: Path) -> tuple[Project, Catalog]:
    """Load a project file with the catalog in force (errors propagate as ProjectError)."""
    requirements = catalog()
    project = load_project(path, requirements).project
    gc.freeze()  # the project lives until the command ends: keep it out of GC passes
    return project, requirements


def console() -> Console:
    """Rich console: colour only on a terminal; 120 columns when piped (unless COLUMNS)."""
    import os

    interactive = sys.stdout.isatty()
    width = None if interactive or os.environ.get("COLUMNS") else 120
    return Console(highlight=False, soft_wrap=False, width=width)


def report_table(out: Console, title: str, columns: Sequence[tuple[str, str, bool]]) -> Table:
    """A table for people that stays readable from 60 columns up.

    ``columns`` are (header, justify, wraps). On a narrow console the table drops its vertical
    rules and padding; columns that may wrap fold their text rather than vanish.
    """
    narrow = out.width < 100
    table = Table(
        title=title,
        title_justify="left",
        header_style="bold",
        box=box.SIMPLE_HEAD if narrow else box.HEAVY_HEAD,
        padding=(0, 1) if not narrow else (0, 0, 0, 1),
        pad_edge=not narrow,
        collapse_padding=narrow,
    )
    for header, justify, wraps in columns:
        table.add_column(
            header,
            justify=justify,  # type: ignore[arg-type]
            no_wrap=not wraps,
            overflow="fold" if wraps else "ellipsis",
            min_width=min(len(header), 8) if wraps else None,
        )
    return table


def emit_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def emit_csv(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    if isinstance(value, str) and value[:1] in _FORMULA_STARTS:
        return "'" + value  # text from project files never runs as a spreadsheet formula
    return str(value)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def vector_text(vector: Sequence[int], compact: bool = False) -> str:
    """``2 2 3 1 3 2 3``, or ``2231323`` where space is short."""
    return ("" if compact else " ").join(str(v) for v in vector)


def achieved_markup(
    achieved: SLVector | Sequence[int], target: Sequence[int], compact: bool = False
) -> str:
    """SL-A with the entries below target marked (red on a terminal)."""
    return ("" if compact else " ").join(
        f"[bold red]{a}[/]" if a < t else str(a) for a, t in zip(achieved, target, strict=True)
    )


def count(number: int, noun: str) -> str:
    """``1 gap``, ``2 gaps``."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def score_text(score: float | None) -> str:
    return "-" if score is None else f"{score:.1f}%"
