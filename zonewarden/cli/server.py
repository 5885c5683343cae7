"""Commands of the shared server (issue 4): ``serve``, ``demo``, ``user create``,
``token create``, ``audit verify``. Each is a thin adapter over ``zonewarden.web``."""

from __future__ import annotations

import os
import secrets
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from zonewarden.cli.common import UserError

HOST = typer.Option("--host", help="Address to listen on (127.0.0.1: this computer only).")
PORT = typer.Option("--port", min=1, max=65535, help="TCP port.")
DATABASE = typer.Option(
    "--database",
    metavar="URL",
    help="sqlite:///PATH or postgresql://USER:PASSWORD@HOST/NAME "
    "(default: $ZONEWARDEN_DATABASE_URL, else a SQLite file in the data folder).",
)

user_app = typer.Typer(help="Manage user accounts.", no_args_is_help=True)
token_app = typer.Typer(help="Manage API tokens.", no_args_is_help=True)
audit_app = typer.Typer(help="Check the audit trail.", no_args_is_help=True)


THREADS = typer.Option("--threads", min=1, max=64, help="Worker threads of the server.")


def _run_server(host: str, port: int, threads: int = 4) -> None:
    from django.conf import settings
    from waitress import serve as waitress_serve

    from zonewarden.web.wsgi import application

    waitress_serve(
        application,
        host=host,
        port=port,
        threads=threads,
        ident="ZoneWarden",
        max_request_body_size=int(settings.ZONEWARDEN_MAX_UPLOAD_BYTES) + 1024 * 1024,
        _quiet=True,
    )


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(
    host: Annotated[str, HOST] = "127.0.0.1",
    port: Annotated[int, PORT] = 8000,
    database: Annotated[str | None, DATABASE] = None,
    threads: Annotated[int, THREADS] = 4,
) -> None:
    """Serve the web application and the REST API (creates and migrates the database first).

    Example: zonewarden serve --port 8000 --database postgresql://zw@db.example/zonewarden
    """
    from zonewarden.web.startup import database_label, start

    start(database)
    typer.echo(f"ZoneWarden serving at {_url(host, port)} (API: {_url(host, port)}api/v1/docs)")
    typer.echo(f"Data: {database_label()}. Stop with Ctrl+C.")
    _run_server(host, port, threads)


def demo(
    host: Annotated[str, HOST] = "127.0.0.1",
    port: Annotated[int, PORT] = 8000,
    data: Annotated[
        Path,
        typer.Option("--data", metavar="DIR", help="Folder for the demo's database and files."),
    ] = Path("zonewarden-demo"),
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Prepare the demo data and leave without serving.")
    ] = False,
) -> None:
    """Load the example water treatment plant for a user `demo` and serve it.

    The demo keeps its own SQLite database in DIR (default ./zonewarden-demo); the demo
    user's password is new at every start and printed here.
    """
    os.environ["ZONEWARDEN_DATA_DIR"] = str(data.resolve())
    os.environ.pop("ZONEWARDEN_DATABASE_URL", None)
    os.environ.pop("DATABASE_URL", None)
    from zonewarden.web.startup import start

    start()
    from django.contrib.auth import get_user_model

    from zonewarden.web.permissions import projects_of
    from zonewarden.web.repositories import accounts, projects

    password = secrets.token_urlsafe(9)
    user = get_user_model().objects.filter(username="demo").first()
    if user is None:
        user = accounts.create_user("demo", password, check=False)
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
    loaded: list[str] = []
    if not projects_of(user):
        from zonewarden.web.repositories.examples import attach_example_files

        example = resources.files("zonewarden.examples").joinpath("riverside-wtp.yaml")
        project = projects.create_project(
            user, projects.parse_upload(example.read_text("utf-8"), example.name)
        )
        attached = attach_example_files(project, user)
        loaded.append(
            f"Example loaded: {attached.files} evidence files attached, "
            f"{attached.snapshots} snapshots."
        )
        loaded += [f"  skipped evidence {skipped}" for skipped in attached.skipped]
    typer.echo(f"ZoneWarden demo at {_url(host, port)}")  # first: the line people look for
    typer.echo(f"Log in as: demo / {password}")
    for line in loaded:
        typer.echo(line)
    typer.echo(f"Data: {data}/ (delete it to start over). Stop with Ctrl+C.")
    sys.stdout.flush()
    if not no_serve:
        _run_server(host, port)


@user_app.command("create")
def user_create(
    name: Annotated[str, typer.Argument(metavar="NAME", help="User name.")],
    admin: Annotated[bool, typer.Option("--admin", help="Instance administrator.")] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    database: Annotated[str | None, DATABASE] = None,
) -> None:
    """Create a user account (password at least 10 characters, not a common one).

    Example: printf '%s\\n' "$PASSWORD" | zonewarden user create alice --password-stdin
    """
    from zonewarden.web.startup import start

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    start(database)
    from zonewarden.web.repositories import accounts
    from zonewarden.web.repositories.edits import EditError

    try:
        accounts.create_user(name, password, admin=admin)
    except EditError as error:
        raise UserError(str(error)) from None
    typer.echo(f"created {'administrator' if admin else 'user'} {name}")


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(metavar="NAME", help="User the token acts for.")],
    label: Annotated[str, typer.Option("--label", help="What the token is for.")] = "cli",
    database: Annotated[str | None, DATABASE] = None,
) -> None:
    """Create an API token for user NAME and print it (once: only its hash is stored).

    Use it as: curl -H "Authorization: Bearer TOKEN" http://127.0.0.1:8000/api/v1/projects
    """
    from zonewarden.web.startup import start

    start(database)
    from zonewarden.web.repositories import accounts
    from zonewarden.web.repositories.edits import NotFound

    try:
        token = accounts.create_token(name, label)
    except NotFound as error:
        raise UserError(str(error)) from None
    typer.echo(token)


@audit_app.command("verify")
def audit_verify(database: Annotated[str | None, DATABASE] = None) -> None:
    """Recompute the audit trail's hash chain; exit 1 and name the first broken entry if any."""
    from zonewarden.web.startup import start

    start(database)
    from zonewarden.web.audit import verify

    result = verify()
    if result.ok:
        typer.echo(f"audit trail intact: {result.checked} entries verified")
        return
    typer.echo(
        f"audit trail BROKEN at entry {result.broken_seq}: {result.reason} "
        f"({result.checked} entries before it verified)"
    )
    raise typer.Exit(1)
