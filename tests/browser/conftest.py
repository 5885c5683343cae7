"""Real-browser tests: Debian's Chromium (never a downloaded browser) driven by Playwright
against a real ``zonewarden serve`` (waitress, WhiteNoise, secure cookies) on a free port, with
data prepared through the CLI (``demo --no-serve``, ``user create``)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("ZONEWARDEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ZONEWARDEN = [sys.executable, "-m", "zonewarden.cli"]
OTHER_PASSWORD = "another long password 7"


@dataclass(frozen=True)
class Site:
    url: str
    demo_password: str
    data: Path


def _environment(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZONEWARDEN_", "DJANGO_"))}
    env["ZONEWARDEN_DATA_DIR"] = str(data)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (see .ci/run)")
    data = tmp_path_factory.mktemp("site")
    env = _environment(data)
    prepared = subprocess.run(
        [*ZONEWARDEN, "demo", "--no-serve", "--data", str(data)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    password = next(
        line.split(" / ", 1)[1]
        for line in prepared.stdout.splitlines()
        if line.startswith("Log in as")
    )
    subprocess.run(
        [*ZONEWARDEN, "user", "create", "outsider", "--password-stdin"],
        input=OTHER_PASSWORD + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    port = _free_port()
    server = subprocess.Popen(
        [*ZONEWARDEN, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/login/", timeout=5)
            break
        except (urllib.error.URLError, ConnectionError) as error:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"server did not start: {server.stderr.read() if server.stderr else ''}"
                ) from error
            time.sleep(0.2)
    try:
        yield Site(url, password, data)
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def log_in(page: Any, site: Site, user: str, password: str) -> None:
    page.goto(site.url + "/login/")
    page.get_by_label("Username").fill(user)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
