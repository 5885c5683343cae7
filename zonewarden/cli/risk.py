"""Commands of the security risk assessment (IEC 62443-3-2): ``risk``, ``crs``, and the
``--sl-target`` view of ``explain``."""

from __future__ import annotations

import hashlib
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
    console,
    emit_csv,
    emit_json,
    load,
    parse_as_of,
    report_table,
    vector_text,
)
from zonewarden.domain.projects import Project
from zonewarden.services.risk import (
    ZONE_COLUMNS,
    risk_document,
    risk_report,
    sl_target_document,
)

STATE_STYLE = {"done": "green", "partial": "yellow", "missing": "red"}
AGREEMENT = {"matches": ("=",), "above": ("above",), "below": ("below",)}


def risk(
    file: ProjectArgument, format: FormatOption = OutputFormat.table, as_of: AsOfOption = None
) -> None:
    """The risk assessment (IEC 62443-3-2): per ZCR step, done or what is missing; per zone and
    conduit, initial risk, threat scenarios, derived and recorded SL-T, residual risk.

    The CSV output has one row per zone and conduit. Warnings: a recorded SL-T below the derived
    one without an override rationale, a safety zone below SL 3 or a monitoring zone above SL 2
    without a justification, residual risk above the tolerable risk.

    Example: zonewarden risk examples/riverside-wtp.yaml --as-of 2026-11-26
    """
    project, _ = load(file)
    report = risk_report(project, parse_as_of(as_of))
    document = risk_document(report)
    if format is OutputFormat.json:
        return emit_json(document)
    rows = document["zones"]
    if format is OutputFormat.csv:
        return emit_csv(ZONE_COLUMNS, [{**row, "scenarios": len(row["scenarios"])} for row in rows])
    out = console()
    narrow = out.width < 80
    result = report.result
    matrix = None if result is None else result.assessment.matrix
    tolerable = "not set" if matrix is None else matrix.label("levels", document["tolerable"])
    out.print(
        f"[bold]{escape(project.name)}[/] — risk assessment on {document['as_of']}"
        + (f", version {escape(document['version'])}" if document["version"] else "")
        + f"; tolerable risk: {escape(tolerable)}"
    )
    steps = report_table(
        out,
        "IEC 62443-3-2 steps",
        [("Step", "left", False), ("State", "left", False), ("What", "left", True)],
    )
    for step in document["steps"]:
        what = step["summary"] if narrow else f"{step['title']}: {step['summary']}"
        if step["missing"]:
            what += "; missing: " + ", ".join(step["missing"])
        style = STATE_STYLE[step["state"]]
        steps.add_row(step["id"], f"[{style}]{step['state']}[/]", escape(what))
    out.print(steps)
    out.print(_zone_table(out, rows, matrix, narrow))
    if result is None:
        out.print("No risk section: add one to derive SL-T (see docs/concepts/risk.md).")
        return None
    needing = sum(1 for row in rows if row["needs_detailed"])
    out.print(
        f"{needing} of {len(rows)} zones and conduits have an initial risk above the tolerable "
        f"risk{'' if narrow else ' (!)'} and need a detailed assessment. Derived SL-T: "
        + ("= same as SL-T, " if narrow else "")
        + "* differs for a reason recorded in the decision"
        + (", ! differs without one." if narrow else ".")
    )
    for warning in document["warnings"]:
        out.print(f"[yellow]warning:[/] {escape(warning['message'])}")
    return None


def _zone_table(out: Console, rows: list[dict[str, Any]], matrix: Any, narrow: bool) -> Table:
    """Zones and conduits: initial risk, SL-T, derived SL-T and how they compare, residual
    risk. Narrow terminals show the derived vector only where it differs from SL-T."""
    columns = [
        ("Zone" if narrow else "Zone/conduit", "left", True),
        ("Init." if narrow else "Initial", "left", False),
        *([] if narrow else [("Scen.", "right", False)]),
        ("SL-T", "left", False),
        ("Derived", "left", False),
        *([] if narrow else [("vs derived", "left", False)]),
        ("Resid." if narrow else "Residual", "left", False),
    ]
    table = report_table(out, "Zones and conduits", columns)
    compact = narrow or out.width < 110  # full vectors squeeze the ids below 110 columns

    def level(value: str | None) -> str:
        return "-" if matrix is None or value is None else escape(matrix.label("levels", value))

    for row in rows:
        agreement, derived = row["agreement"], row["derived_sl_target"]
        fit = "" if agreement is None else AGREEMENT[agreement][0]
        mark = "*" if agreement not in (None, "matches") and row["explained"] else ""
        if agreement == "below" and not mark:
            fit = f"[red]{fit}[/]"
        derived_text = "-" if derived is None else vector_text(derived, compact=compact)
        if narrow and agreement == "matches":
            derived_text = "="
        elif narrow and agreement is not None:
            derived_text += mark or ("!" if agreement == "below" else "")
        residual = level(row["residual_risk"])
        if row["residual_above_tolerable"]:
            residual = f"[red]{residual}[/]"
        initial = level(row["initial_risk"]) + ("!" if row["needs_detailed"] and not narrow else "")
        cells = [row["id"], initial]
        cells += [] if narrow else [str(len(row["scenarios"]))]
        cells += [vector_text(row["sl_target"], compact=compact), derived_text]
        cells += [] if narrow else [fit + mark]
        table.add_row(*cells, residual)
    return table


def explain_sl_target(
    project: Project, target_id: str, format: OutputFormat, as_of: str | None
) -> None:
    """``explain FILE ZONE --sl-target``: the derivation of one zone's SL-T, step by step."""
    report = risk_report(project, parse_as_of(as_of))
    document = sl_target_document(report, target_id)
    if format is OutputFormat.json:
        return emit_json(document)
    if format is OutputFormat.csv:
        return emit_csv(
            ("fr", "title", "derived", "recorded", "from_scenario"), document.get("frs", [])
        )
    out = console()
    target = project.target(target_id)
    assert target is not None
    out.print(
        f"[bold]{target.type.capitalize()} {target.id}[/] ({escape(target.name)}) on "
        f"{document['as_of']}: how its SL-T follows from the risk assessment."
    )
    for line in document["explanation"]:
        indented = line.startswith("  ")
        out.print(f"{'  - ' if indented else '- '}{line.strip()}", markup=False)
    return None


CRS_FORMATS = ("md", "html", "pdf")


def crs(
    file: ProjectArgument,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="PATH", help="File to write (replaced atomically)."),
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="md|html|pdf",
            help="What to write; default: from the output's suffix (.md, .html, .pdf).",
        ),
    ] = None,
    as_of: AsOfOption = None,
) -> None:
    """Write the cybersecurity requirements specification (IEC 62443-3-2 ZCR 6) for the asset
    owner's approval (ZCR 7): SuC, zone and conduit diagram, per zone its characteristics, SL-T
    with its risk basis and the requirements it brings into scope, threat environment,
    tolerable risk, and the approval block.

    Prints the SHA-256 of the file written: record it in risk.approvals[].sha256 when the asset
    owner approves this version. Markdown output writes the diagram beside it (NAME-diagram.svg).

    Example: zonewarden crs examples/riverside-wtp.yaml --format pdf --output crs.pdf
    """
    fmt = format or {".md": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}.get(
        output.suffix.lower()
    )
    if fmt not in CRS_FORMATS:
        raise typer.BadParameter(
            f"expected one of {', '.join(CRS_FORMATS)}"
            + (f", got {format!r}" if format else f"; cannot tell from {output.name!r}"),
            param_hint="--format",
        )
    if output.is_dir() or not (output.parent if str(output.parent) else Path(".")).is_dir():
        raise UserError(f"{output}: give a file in an existing folder")
    project, catalog = load(file)
    from zonewarden.reports.crs import build_crs, write_crs

    model = build_crs(project, catalog, parse_as_of(as_of))
    try:
        written = write_crs(model, fmt, output)
    except OSError as error:
        raise UserError(f"{output}: cannot write: {error.strerror or error}") from None
    for path in written:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        typer.echo(f"Wrote {path} (sha256 {digest})")
