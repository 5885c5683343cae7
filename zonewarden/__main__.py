"""Allow ``python -m zonewarden``."""

from zonewarden.cli.main import run

run()
