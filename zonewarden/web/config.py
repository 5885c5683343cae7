"""Server configuration read once at start-up from the environment (never at import time of
the domain): data folder, database URL, secret key, debug and allowed hosts.

Insecure settings are refused rather than warned about: a known default or short secret key, or
debug mode outside development (``ZONEWARDEN_ENV=development``).
"""

from __future__ import annotations

import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

_WEAK_SECRETS = {"", "changeme", "change-me", "secret", "django-insecure", "insecure", "test"}
MIN_SECRET_LENGTH = 32


class ConfigError(Exception):
    """A setting that the server refuses to start with; the message names the variable."""


@dataclass(frozen=True, slots=True)
class ServerConfig:
    data_dir: Path
    database_url: str
    secret_key: str
    debug: bool
    development: bool
    allowed_hosts: tuple[str, ...]
    secure_cookies: bool
    max_upload_bytes: int


def default_data_dir() -> Path:
    """Where a laptop installation keeps its database, files and secret key."""
    if "ZONEWARDEN_DATA_DIR" in os.environ:
        return Path(os.environ["ZONEWARDEN_DATA_DIR"]).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "zonewarden"


def database_url(data_dir: Path) -> str:
    url = os.environ.get("ZONEWARDEN_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if url:
        if not url.startswith(("sqlite://", "postgres://", "postgresql://")):
            raise ConfigError(
                "ZONEWARDEN_DATABASE_URL: expected sqlite:///PATH or postgresql://USER@HOST/NAME"
            )
        return url
    return f"sqlite:///{(data_dir / 'zonewarden.sqlite3').as_posix()}"


def _secret_key(data_dir: Path, development: bool) -> str:
    """The secret key from ``ZONEWARDEN_SECRET_KEY``, or one generated on first start and kept
    (mode 0600) in the data folder, so sessions survive a restart."""
    key = os.environ.get("ZONEWARDEN_SECRET_KEY")
    if key is not None:
        if key.lower() in _WEAK_SECRETS or key.startswith("django-insecure"):
            raise ConfigError("ZONEWARDEN_SECRET_KEY: a well-known default value is refused")
        if len(key) < MIN_SECRET_LENGTH:
            raise ConfigError(
                f"ZONEWARDEN_SECRET_KEY: expected at least {MIN_SECRET_LENGTH} characters, "
                f"got {len(key)}"
            )
        return key
    path = data_dir / "secret_key"
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if len(key) >= MIN_SECRET_LENGTH:
            return key
        raise ConfigError(f"{path}: the stored secret key is too short; delete the file")
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return key


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "1" if default else "").strip().lower()
    if value in ("", "0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise ConfigError(f"{name}: expected 1/0, true/false, yes/no or on/off, got {value!r}")


def load_config() -> ServerConfig:
    """The configuration from the environment; :class:`ConfigError` for anything unsafe."""
    data_dir = default_data_dir()
    environment = os.environ.get("ZONEWARDEN_ENV", "production")
    if environment not in ("production", "development"):
        raise ConfigError(
            f"ZONEWARDEN_ENV: expected production or development, got {environment!r}"
        )
    development = environment == "development"
    debug = _flag("ZONEWARDEN_DEBUG")
    if debug and not development:
        raise ConfigError(
            "ZONEWARDEN_DEBUG: debug mode is refused unless ZONEWARDEN_ENV=development"
        )
    hosts = os.environ.get("ZONEWARDEN_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
    max_upload = os.environ.get("ZONEWARDEN_MAX_UPLOAD_BYTES", str(25 * 1024 * 1024))
    if not max_upload.isdigit() or int(max_upload) <= 0:
        raise ConfigError(
            f"ZONEWARDEN_MAX_UPLOAD_BYTES: expected a positive integer, got {max_upload!r}"
        )
    return ServerConfig(
        data_dir=data_dir,
        database_url=database_url(data_dir),
        secret_key=_secret_key(data_dir, development),
        debug=debug,
        development=development,
        allowed_hosts=tuple(h.strip() for h in hosts.split(",") if h.strip()),
        # Secure cookies by default: browsers accept them from http://localhost and 127.0.0.1;
        # a plain-HTTP deployment on another address must say ZONEWARDEN_HTTPS=0.
        secure_cookies=_flag("ZONEWARDEN_HTTPS", default=True),
        max_upload_bytes=int(max_upload),
    )
