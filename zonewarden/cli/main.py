"""Entry point of the ``zonewarden`` command (spec section 5).

Exit status: 0 ok; 1 a check failed; 2 bad input or usage. Bad input never shows a traceback.
"""

from __future__ import annotations

import os
import signal
import sys

import typer

from zonewarden import __version__
from zonewarden.catalog import CatalogError
from zonewarden.cli import bundle as bundle_commands
from zonewarden.cli import catalog as catalog_commands
from zonewarden.cli import compliance as compliance_commands
from zonewarden.cli import lint, projects, readiness, remediation, reports, results, server
from zonewarden.cli import risk as risk_commands
from zonewarden.cli import snapshots as snapshot_commands
from zonewarden.cli.common import EXIT_BAD_INPUT, UserError
from zonewarden.project.errors import ProjectError

app = typer.Typer(
    name="zonewarden",
    help="ZoneWarden: IEC 62443 compliance workbench. Model zones and conduits, assess "
    "62443-3-3 requirements per zone, see SL-A, scores and gaps.\n\n"
    "Example: zonewarden status examples/riverside-wtp.yaml --as-of 2026-11-26",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zonewarden {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """ZoneWarden command line."""


app.command()(projects.init)
app.command()(projects.validate)
app.command()(results.status)
app.command()(results.gaps)
app.command()(results.explain)
app.command()(results.check)
app.command()(remediation.actions)
app.command()(remediation.plan)
app.command()(remediation.change)
app.command()(compliance_commands.due)
app.command()(compliance_commands.nonconformities)
app.command()(readiness.readiness)
app.command()(lint.lint)
app.command("catalog")(catalog_commands.list_catalog)
app.command()(projects.convert)
app.command()(projects.schema)
app.command()(reports.report)
app.command("bundle")(bundle_commands.bundle)
app.command()(snapshot_commands.snapshot)
app.command()(snapshot_commands.diff)
app.command()(snapshot_commands.trend)
app.command("risk")(risk_commands.risk)
app.command("crs")(risk_commands.crs)
app.command()(server.serve)
app.command()(server.demo)
app.add_typer(server.user_app, name="user")
app.add_typer(server.token_app, name="token")
app.add_typer(server.audit_app, name="audit")


def _exit_now(code: object) -> None:
    """Flush and leave without tearing down the heap object by object.

    A large project holds millions of objects; freeing them one by one at exit costs about a
    second and achieves nothing the operating system does not do at once. Every file the
    command wrote is closed (and atomically renamed) before this point.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        sys.stderr.write(f"{code}\n")
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError as error:
        sys.stderr.write(f"error: cannot write output: {error.strerror or error}\n")
        status = EXIT_BAD_INPUT
    os._exit(status)


def run() -> None:
    """Console-script entry: map bad input to one message on stderr and exit status 2."""
    if hasattr(signal, "SIGPIPE"):  # `zonewarden gaps FILE | head` ends quietly, like other tools
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app()
    except SystemExit as done:
        _exit_now(done.code)
    except ProjectError as error:
        sys.stderr.write(f"{error}\n")
        sys.exit(EXIT_BAD_INPUT)
    except (UserError, CatalogError) as error:
        sys.stderr.write(f"error: {error}\n")
        sys.exit(EXIT_BAD_INPUT)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as error:  # writing the output failed (disk full, closed stream, ...)
        sys.stderr.write(f"error: cannot write output: {error.strerror or error}\n")
        sys.exit(EXIT_BAD_INPUT)
    except Exception as error:  # a bug, not bad input: say so briefly
        if os.environ.get("ZONEWARDEN_DEBUG"):
            raise
        sys.stderr.write(
            f"internal error: {type(error).__name__}: {error} "
            "(set ZONEWARDEN_DEBUG=1 for details; please report it)\n"
        )
        sys.exit(3)
