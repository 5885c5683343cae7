"""``bundle``: the evidence bundle for the auditor, and ``bundle verify`` (issue 7)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from zonewarden.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_CHECK_FAILED,
    AsOfOption,
    UserError,
    console,
    count,
    emit_json,
    load,
    parse_as_of,
    report_table,
)

if TYPE_CHECKING:
    from zonewarden.services.bundle import BundlePlan


class BundleFormat(StrEnum):
    table = "table"
    json = "json"


def bundle(
    first: Annotated[
        str,
        typer.Argument(
            metavar="FILE|verify",
            help="The project file to bundle, or the word 'verify' to check a bundle "
            "(a project file named 'verify' is written ./verify).",
        ),
    ],
    zip_file: Annotated[
        Path | None,
        typer.Argument(metavar="BUNDLE", help="With 'verify': the bundle zip to check."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="The bundle zip to write (needed with FILE)."),
    ] = None,
    scope: Annotated[
        str | None,
        typer.Option(
            "--scope",
            metavar="ID,ID",
            help="Zones and conduits to bundle, comma-separated; default: the certification "
            "scope of the project file, else every zone and conduit.",
        ),
    ] = None,
    allow_missing: Annotated[
        bool,
        typer.Option(
            "--allow-missing",
            help="Write the bundle even when evidence files are missing or do not match "
            "their recorded sha256; the index lists them as missing.",
        ),
    ] = False,
    max_size: Annotated[
        str | None,
        typer.Option(
            "--max-size",
            metavar="SIZE",
            help="Largest total of evidence files (writing) or of the unpacked bundle "
            "(verify), e.g. 500M or 4G; default 2G (writing), 4G (verify).",
        ),
    ] = None,
    format: Annotated[
        BundleFormat,
        typer.Option("--format", "-f", help="Output: table (for people) or json."),
    ] = BundleFormat.table,
    as_of: AsOfOption = None,
) -> None:
    """The evidence bundle for the auditor: a zip with an index (HTML and CSV) from every
    requirement in scope of each zone and conduit to its evidence, the evidence files, a
    manifest of their SHA-256 and a SHA256SUMS file. Missing files, or files that differ from
    the sha256 recorded in the project, are listed and nothing is written (exit 1).

    'zonewarden bundle verify BUNDLE' recomputes every hash of a bundle: exit 0 when all
    match, 1 naming each missing, extra or changed file, 2 when it is not a bundle.

    Example: zonewarden bundle examples/riverside-wtp.yaml -o evidence.zip --as-of 2026-11-26

    Example: zonewarden bundle verify evidence.zip
    """
    limit = _size(max_size)
    if first == "verify":
        if zip_file is None:
            raise UserError("bundle verify needs the bundle: zonewarden bundle verify BUNDLE")
        for name, value in (("--output", output), ("--scope", scope), ("--as-of", as_of)):
            if value is not None:
                raise UserError(f"{name} does not apply to bundle verify")
        return _verify(zip_file, format, limit)
    if zip_file is not None:
        raise UserError(f"unexpected argument {str(zip_file)!r}: did you mean 'bundle verify'?")
    if output is None:
        raise UserError("bundle needs --output FILE.zip")
    ids = None if scope is None else [s.strip() for s in scope.split(",") if s.strip()]
    if ids is not None and not ids:
        raise UserError("--scope needs at least one zone or conduit id")
    return _write(Path(first), output, ids, allow_missing, limit, format, as_of)


def _size(text: str | None) -> int | None:
    if text is None:
        return None
    from zonewarden.services.bundle import parse_size

    try:
        return parse_size(text)
    except ValueError:
        raise typer.BadParameter(
            f"expected a size such as 500M or 2G, got {text!r}", param_hint="'--max-size'"
        ) from None


def _write(
    file: Path,
    output: Path,
    scope: list[str] | None,
    allow_missing: bool,
    limit: int | None,
    format: BundleFormat,
    as_of: str | None,
) -> None:
    from zonewarden.domain.bundle import UnknownTargets
    from zonewarden.reports.bundle import BundleWriteError, write_bundle
    from zonewarden.services.bundle import (
        DEFAULT_MAX_TOTAL,
        BundleTooLarge,
        FileResolver,
        plan_bundle,
        plan_document,
    )

    day = parse_as_of(as_of)
    project, catalog = load(file)
    try:
        plan = plan_bundle(
            project, catalog, day, scope, FileResolver(file), limit or DEFAULT_MAX_TOTAL
        )
    except (UnknownTargets, BundleTooLarge) as error:
        prefix = "--scope: " if isinstance(error, UnknownTargets) else ""
        raise UserError(f"{prefix}{error}") from None
    document = plan_document(plan)
    blocked = bool(plan.problems) and not allow_missing
    digest = None
    if not blocked:
        try:
            digest = write_bundle(plan, output, allow_missing=allow_missing)
        except BundleWriteError as error:
            typer.echo(f"error: {error}; no bundle written", err=True)
            raise typer.Exit(EXIT_CHECK_FAILED) from None
        except OSError as error:
            raise UserError(f"{output}: cannot write: {error.strerror or error}") from None
    document["written"] = None if digest is None else str(output)
    document["sha256"] = digest
    if format is BundleFormat.json:
        emit_json(document)
    else:
        _print_plan(plan, output, digest, blocked)
    if blocked:
        raise typer.Exit(EXIT_CHECK_FAILED)


def _print_plan(plan: BundlePlan, output: Path, digest: str | None, blocked: bool) -> None:
    """Plain lines (one per problem, easy to grep), then the outcome."""
    from zonewarden.services.bundle import size_text

    for item in plan.problems:
        typer.echo(f"{item.id}: {item.location}: {item.detail}")
    for item in plan.items:
        if item.state.warning:
            typer.echo(f"warning: {item.id}: {item.state.value} ({item.detail})")
    counts = plan.counts()
    if blocked:
        typer.echo(
            f"No bundle written: {count(len(plan.problems), 'evidence file')} missing or not "
            "matching; fix them, or write the bundle anyway with --allow-missing."
        )
        return
    typer.echo(
        f"Wrote {output}: {counts['targets']} zones and conduits, {counts['requirements']} "
        f"requirements, {count(counts['bundled'], 'file')} ({size_text(plan.total_size)})."
    )
    typer.echo(
        f"Evidence: {counts['external']} external, {counts['no file'] + counts['unknown']} "
        f"without a file, {len(plan.problems)} missing, {counts['expired']} expired."
    )
    typer.echo(f"SHA-256 of the bundle: {digest}")


def _verify(path: Path, format: BundleFormat, limit: int | None) -> None:
    from zonewarden.reports.bundle_verify import NotABundle, VerifyLimits, verify_bundle

    limits = VerifyLimits() if limit is None else VerifyLimits(max_total=limit)
    try:
        result = verify_bundle(path, limits)
    except NotABundle as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if format is BundleFormat.json:
        emit_json(result.document())
    else:
        out = console()
        project = result.manifest.get("project") or {}
        name = project.get("name", "?") if isinstance(project, dict) else "?"
        out.print(
            f"Bundle {escape(str(path))}: project {escape(str(name))}, as of "
            f"{escape(str(result.manifest.get('as_of', '?')))}"
        )
        if result.problems:
            table = report_table(
                out,
                "",
                [("Member", "left", True), ("Problem", "left", False), ("Detail", "left", True)],
            )
            for p in result.problems:
                table.add_row(escape(p.member), p.problem, escape(p.detail))
            out.print(table)
            out.print(
                f"FAIL: {count(len(result.problems), 'problem')}; {result.checked} files hashed."
            )
        else:
            out.print(f"OK: {count(result.checked, 'file')} match manifest.json and SHA256SUMS.")
        out.print(f"SHA-256 of the bundle: {result.sha256}")
    if not result.ok:
        raise typer.Exit(EXIT_CHECK_FAILED)
