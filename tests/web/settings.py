"""Django settings for the test suite: a throw-away data folder, SQLite by default, or the
PostgreSQL server named by ``ZONEWARDEN_TEST_DATABASE_URL`` (CI runs the suite on both)."""

import os
import tempfile

os.environ["ZONEWARDEN_DATA_DIR"] = tempfile.mkdtemp(prefix="zonewarden-test-")
os.environ["ZONEWARDEN_SECRET_KEY"] = "test-only-" + "x" * 40
os.environ.pop("ZONEWARDEN_DATABASE_URL", None)
os.environ.pop("DATABASE_URL", None)
if os.environ.get("ZONEWARDEN_TEST_DATABASE_URL"):
    os.environ["ZONEWARDEN_DATABASE_URL"] = os.environ["ZONEWARDEN_TEST_DATABASE_URL"]

from zonewarden.web.settings import *  # noqa: F403

AXES_ENABLED = True

if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # one test database per run, so two runs on one server do not destroy each other's
    DATABASES["default"]["TEST"] = {"NAME": f"test_zonewarden_{os.getpid()}"}  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than Django's shared-cache in-memory database: concurrent writers then queue
    # on SQLite's write lock as in production, instead of failing with "database table is locked".
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(os.environ["ZONEWARDEN_DATA_DIR"], "test.sqlite3")
    }
