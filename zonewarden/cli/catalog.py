"""``catalog``: list the requirements of IEC 62443-3-3 (or 4-2) with FR, min SL and title."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from zonewarden.cli.common import FormatOption, OutputFormat, catalog, console, emit_csv, emit_json
from zonewarden.services.catalog import PARTS, catalog_document, select_requirements

COLUMNS = ("id", "part", "fr", "type", "parent", "clause", "min_sl", "title", "intent")


def list_catalog(
    part: Annotated[
        str, typer.Option("--part", metavar="3-3|4-2", help="Which part of IEC 62443.")
    ] = "3-3",
    fr: Annotated[int | None, typer.Option("--fr", min=1, max=7, help="Only this FR.")] = None,
    sl: Annotated[
        int | None,
        typer.Option(
            "--sl", min=1, max=4, help="Only requirements that apply at this SL (1 <= min_sl <= N)."
        ),
    ] = None,
    intent: Annotated[bool, typer.Option("--intent", help="Show the one-line intent.")] = False,
    format: FormatOption = OutputFormat.table,
) -> None:
    """List requirements with FR, minimum SL and short title (ids and titles are facts;
    intents are ZoneWarden's own words, not the standard's text).

    Example: zonewarden catalog --fr 5 --sl 2
    """
    if part not in PARTS:
        raise typer.BadParameter(
            f"expected one of {', '.join(PARTS)}, got {part!r}", param_hint="--part"
        )
    requirements = select_requirements(catalog(), part, fr, sl)
    document = catalog_document(requirements)
    if format is OutputFormat.json:
        return emit_json(document)
    if format is OutputFormat.csv:
        return emit_csv(COLUMNS, document["requirements"])
    table = Table(
        title=f"IEC 62443-{part}: {len(requirements)} requirements",
        title_justify="left",
        header_style="bold",
    )
    table.add_column("Id", no_wrap=True)
    table.add_column("FR", justify="right")
    table.add_column("Min SL", justify="right")
    table.add_column("Title")
    if intent:
        table.add_column("Intent")
    for row in document["requirements"]:
        cells = [row["id"], str(row["fr"] or "-"), str(row["min_sl"] or "-"), escape(row["title"])]
        if intent:
            cells.append(escape(row["intent"] or ""))
        table.add_row(*cells)
    console().print(table)
    return None
