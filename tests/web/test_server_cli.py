"""The server's commands through the real CLI: user and token creation, the audit chain check,
settings that refuse insecure values, and a real server answering with security headers."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ZONEWARDEN = [sys.executable, "-m", "zonewarden.cli"]


def run(
    args: list[str], data: Path, stdin: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("ZONEWARDEN_", "DJANGO_"))
    }
    environment.update(ZONEWARDEN_DATA_DIR=str(data), **env)
    return subprocess.run(
        ZONEWARDEN + args, input=stdin, capture_output=True, text=True, env=environment, timeout=120
    )


def test_user_create_reads_the_password_from_stdin_and_refuses_a_weak_one(tmp_path: Path) -> None:
    done = run(["user", "create", "alice", "--password-stdin"], tmp_path, "a long enough pass 42\n")
    assert done.returncode == 0, done.stderr
    assert "created user alice" in done.stdout
    weak = run(["user", "create", "bob", "--password-stdin"], tmp_path, "password\n")
    assert weak.returncode == 2
    assert "password:" in weak.stderr and "Traceback" not in weak.stderr
    again = run(
        ["user", "create", "alice", "--password-stdin"], tmp_path, "a long enough pass 42\n"
    )
    assert again.returncode == 2 and "already exists" in again.stderr


def test_token_create_prints_a_token_once_and_stores_only_its_hash(tmp_path: Path) -> None:
    run(["user", "create", "alice", "--password-stdin"], tmp_path, "a long enough pass 42\n")
    done = run(["token", "create", "alice"], tmp_path)
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip()
    assert token.startswith("zw_") and len(token) > 40
    with sqlite3.connect(tmp_path / "zonewarden.sqlite3") as db:
        stored = [row[0] for row in db.execute("select digest from zonewarden_apitoken")]
    assert len(stored) == 1 and token not in stored[0]
    unknown = run(["token", "create", "nobody"], tmp_path)
    assert unknown.returncode == 2 and "no such user" in unknown.stderr


def test_the_demo_attaches_the_examples_evidence_files_and_stores_its_snapshots(
    tmp_path: Path,
) -> None:
    prepared = run(["demo", "--no-serve", "--data", str(tmp_path)], tmp_path)
    assert prepared.returncode == 0, prepared.stderr
    shipped = Path(__file__).resolve().parents[2] / "zonewarden" / "examples"
    with sqlite3.connect(tmp_path / "zonewarden.sqlite3") as db:
        attached = db.execute(
            "select count(*) from zonewarden_evidence where blob_id is not null"
        ).fetchone()[0]
        days = [row[0] for row in db.execute("select as_of from zonewarden_snapshot")]
    assert attached > 0 and f"Example loaded: {attached} evidence files attached" in (
        prepared.stdout
    )
    expected = sorted(
        p.name.removeprefix("riverside-wtp-")[:10]
        for p in shipped.glob("snapshots/riverside-wtp-*.json")
    )
    assert sorted(days) == expected
    again = run(["demo", "--no-serve", "--data", str(tmp_path)], tmp_path)
    assert again.returncode == 0 and "Example loaded" not in again.stdout  # loaded once


def test_audit_verify_passes_then_names_the_entry_edited_in_the_database(tmp_path: Path) -> None:
    prepared = run(["demo", "--no-serve", "--data", str(tmp_path)], tmp_path)
    assert prepared.returncode == 0, prepared.stderr
    run(["user", "create", "alice", "--password-stdin"], tmp_path, "a long enough pass 42\n")
    ok = run(["audit", "verify"], tmp_path)
    assert ok.returncode == 0, ok.stderr + ok.stdout
    with sqlite3.connect(tmp_path / "zonewarden.sqlite3") as db:
        (entries,) = db.execute("select count(*) from zonewarden_auditentry").fetchone()
    assert entries > 1  # the import, then the example's evidence files and snapshots
    assert f"intact: {entries} entries" in ok.stdout
    with sqlite3.connect(tmp_path / "zonewarden.sqlite3") as db:
        db.execute("update zonewarden_auditentry set actor = 'someone-else' where seq = 1")
    broken = run(["audit", "verify"], tmp_path)
    assert broken.returncode == 1
    assert "BROKEN at entry 1" in broken.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ZONEWARDEN_SECRET_KEY": "changeme"}, "well-known default"),
        ({"ZONEWARDEN_SECRET_KEY": "short"}, "at least 32 characters"),
        ({"ZONEWARDEN_DEBUG": "1"}, "debug mode is refused"),
        ({"ZONEWARDEN_DATABASE_URL": "mysql://x/y"}, "expected sqlite"),
    ],
)
def test_serve_refuses_insecure_settings_with_a_message(
    tmp_path: Path, env: dict[str, str], message: str
) -> None:
    done = run(["serve", "--port", "1"], tmp_path, **env)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_demo_serves_the_login_page_with_security_headers_and_static_files(tmp_path: Path) -> None:
    port = _free_port()
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("ZONEWARDEN_", "DJANGO_"))
    }
    server = subprocess.Popen(
        [*ZONEWARDEN, "demo", "--port", str(port), "--data", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline() for _ in range(2)]
        assert f"http://127.0.0.1:{port}/" in lines[0]
        assert lines[1].startswith("Log in as: demo / ")
        deadline = time.monotonic() + 30
        while True:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5)
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        body = page.read().decode()
        assert page.status == 200 and "csrfmiddlewaretoken" in body
        headers = page.headers
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        cookie = headers["Set-Cookie"]
        assert "csrftoken" in cookie and "Secure" in cookie
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/projects", timeout=5)
        assert refused.value.code == 401
    finally:
        server.terminate()
        server.wait(timeout=20)
