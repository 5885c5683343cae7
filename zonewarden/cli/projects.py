"""Commands on project files: ``init``, ``validate``, ``convert``, ``schema``."""

from __future__ import annotations

import json
import re
import shlex
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from zonewarden.cli.common import ProjectArgument, UserError, catalog, console, count, load
from zonewarden.project.dump import dumps, write_atomic
from zonewarden.project.schema import json_schema

EVIDENCE_README = (
    "Put the evidence files your project cites here (configuration exports, test records,\n"
    "screenshots). Refer to them from the project's `evidence` list with `uri: evidence/...`.\n"
)


def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to create or use.")],
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing project.yaml.")
    ] = False,
) -> None:
    """Write a commented starter project (DIR/project.yaml) and an evidence folder.

    Example: zonewarden init my-plant && zonewarden status my-plant/project.yaml
    """
    target = directory / "project.yaml"
    if directory.exists() and not directory.is_dir():
        raise UserError(f"{directory}: exists and is not a folder")
    if target.exists() and not force:
        raise UserError(f"{target}: already exists (use --force to overwrite)")
    starter = resources.files("zonewarden.project").joinpath("templates/starter.yaml")
    (directory / "evidence").mkdir(parents=True, exist_ok=True)
    readme = directory / "evidence" / "README.md"
    if not readme.exists():
        readme.write_text(EVIDENCE_README, encoding="utf-8")
    text = starter.read_text(encoding="utf-8")
    slug = _slug(directory.resolve().name)
    if slug:  # the project id follows the folder name: `init riverside` gives id riverside
        text = text.replace("  id: my-plant ", f"  id: {slug} ", 1)
    write_atomic(target, text)
    typer.echo(
        f"Wrote {target} and {directory / 'evidence'}/. "
        f"Next: zonewarden status {shlex.quote(str(target))}"
    )


def _slug(name: str) -> str:
    """A project id from a folder name: letters, digits, '.', '_' and '-', at most 64."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-._")
    return slug[:64].lower()


def validate(file: ProjectArgument) -> None:
    """Check a project file; print a one-line summary, or every problem with its location.

    Example: zonewarden validate examples/riverside-wtp.yaml
    """
    project, _ = load(file)
    entries = sum(len(v) for v in project.assessments.values())
    typer.echo(
        f"{file}: valid — project {project.id}: {count(len(project.zones), 'zone')}, "
        f"{count(len(project.conduits), 'conduit')}, {count(len(project.assets), 'asset')}, "
        f"{count(entries, 'assessment')}, {count(len(project.evidence), 'evidence item')}"
    )


def convert(
    file: ProjectArgument,
    to: Annotated[str, typer.Option("--to", metavar="yaml|json", help="Output format.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="OUT",
            help="Write here (atomically) instead of standard output.",
        ),
    ] = None,
) -> None:
    """Convert between YAML and JSON, losslessly and canonically (stable key order,
    canonical requirement ids, SL vectors as lists): converting twice gives identical bytes.
    Comments in YAML are not carried over.

    Example: zonewarden convert examples/riverside-wtp.yaml --to json -o riverside.json
    """
    if to not in ("yaml", "json"):
        raise typer.BadParameter(f"expected yaml or json, got {to!r}", param_hint="--to")
    project, requirements = load(file)
    text = dumps(project, requirements, to)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_atomic(output, text)
    except OSError as error:
        raise UserError(f"{output}: cannot write: {error.strerror}") from None
    console().print(f"Wrote {output}", markup=False)


def schema() -> None:
    """Print the JSON Schema of the project file (for editor validation and completion).

    Example: zonewarden schema > zonewarden.schema.json
    """
    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


def _catalog_loaded() -> None:  # keep import of catalog for commands that need it early
    catalog()
