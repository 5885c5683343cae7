"""Starting Django from the CLI: settings are built here, at start-up, from the environment and
the command's options (never at import time), then the database is migrated."""

from __future__ import annotations

import os

from zonewarden.cli.common import UserError


def start(database: str | None = None, migrate: bool = True) -> None:
    """Configure and set up Django; create and migrate the database when asked."""
    if database:
        os.environ["ZONEWARDEN_DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zonewarden.web.settings")
    import django

    from zonewarden.web.config import ConfigError

    try:
        django.setup()
    except ConfigError as error:
        raise UserError(str(error)) from None
    if migrate:
        from django.core.management import call_command
        from django.db import OperationalError

        try:
            call_command("migrate", interactive=False, verbosity=0)
        except OperationalError as error:
            raise UserError(f"database: cannot open or migrate it: {error}") from None


def database_label() -> str:
    """Where the data lives, for the start-up message (no password)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        return f"SQLite {database['NAME']}"
    host = database.get("HOST") or "localhost"
    return f"PostgreSQL {database.get('USER', '')}@{host}/{database['NAME']}"
