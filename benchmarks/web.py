"""Web load and scale benchmark (issue 4, deliverable 11).

For each database (SQLite always; PostgreSQL with --postgres URL) it starts a real
``zonewarden serve`` on a fresh database, imports the 2,000-zone portfolio and a 40-zone project
through the REST API (timed), then measures, with 16 concurrent clients on keep-alive
connections, the latency of the project overview page, a zone matrix page and the status API.
The first view of each page is timed alone (after a write, the first reader of a page
waits for its rendering); then the steady state under load. It prints p50/p95 per request kind
and the ratios to the targets (matrix p95 <= 150 ms, status
API of the 40-zone project p95 <= 300 ms, portfolio import <= 120 s). Figures are printed, not
asserted; quote medians of several runs on a shared machine.

    .venv/bin/python benchmarks/web.py [--scale 1.0] [--clients 16] [--requests 25]
        [--postgres postgresql://zonewarden:zonewarden@localhost/zonewarden]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from portfolio import generate

ZONEWARDEN = [sys.executable, "-m", "zonewarden.cli"]
PASSWORD = "benchmark password 62443"
TARGETS = {"matrix p95 ms": 150.0, "status40 p95 ms": 300.0, "import s": 120.0}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fresh_postgres(url: str) -> str:
    """A new empty database ``zonewarden_bench`` on the server of ``url``; its URL."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS zonewarden_bench")
        connection.execute("CREATE DATABASE zonewarden_bench")
    return urllib.parse.urlunsplit(parts._replace(path="/zonewarden_bench"))


class Client:
    """A keep-alive HTTP client with a bearer token."""

    def __init__(self, port: int, token: str) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self.headers = {"Authorization": f"Bearer {token}"}

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        content_type: str = "application/json",
    ) -> tuple[int, bytes]:
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = content_type
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        return response.status, response.read()


def _login_cookie(port: int) -> str:
    """A session cookie for the benchmark user (pages use the session, as a browser would)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/login/")
    response = connection.getresponse()
    page = response.read().decode()
    cookies = {
        c.split("=", 1)[0]: c.split(";", 1)[0].split("=", 1)[1]
        for c in response.headers.get_all("Set-Cookie") or []
    }
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    body = urllib.parse.urlencode(
        {"username": "bench", "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    connection.request(
        "POST",
        "/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken']}",
            "Referer": f"http://127.0.0.1:{port}/login/",
        },
    )
    response = connection.getresponse()
    response.read()
    for c in response.headers.get_all("Set-Cookie") or []:
        if c.startswith("sessionid="):
            return c.split(";", 1)[0]
    raise RuntimeError(f"login failed: {response.status}")


def _load(
    port: int, paths: list[str], clients: int, requests: int, headers: dict[str, str]
) -> list[float]:
    """Latencies (ms) of ``requests`` rounds of ``paths`` by each of ``clients`` threads."""
    latencies: list[float] = []
    lock = threading.Lock()
    errors: list[str] = []

    def worker(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        mine = []
        for i in range(requests):
            path = paths[(offset + i) % len(paths)]
            start = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append((time.perf_counter() - start) * 1000)
            if response.status != 200:
                errors.append(f"{path}: {response.status}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, e.g. {errors[0]}")
    return latencies


def _percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95


def run_database(
    label: str, database: str, portfolio: bytes, small: bytes, args: argparse.Namespace
) -> dict[str, Any]:
    data = Path(tempfile.mkdtemp(prefix=f"zonewarden-bench-{label}-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZONEWARDEN_", "DJANGO_"))}
    env.update(ZONEWARDEN_DATA_DIR=str(data), ZONEWARDEN_MAX_UPLOAD_BYTES=str(200 * 1024 * 1024))
    if database:
        env["ZONEWARDEN_DATABASE_URL"] = database
    subprocess.run(
        [*ZONEWARDEN, "user", "create", "bench", "--password-stdin"],
        input=PASSWORD + "\n",
        text=True,
        env=env,
        check=True,
        capture_output=True,
    )
    token = subprocess.run(
        [*ZONEWARDEN, "token", "create", "bench"],
        text=True,
        env=env,
        check=True,
        capture_output=True,
    ).stdout.strip()
    port = _free_port()
    server = subprocess.Popen(
        [*ZONEWARDEN, "serve", "--port", str(port), "--threads", str(args.threads)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        client = Client(port, token)
        start = time.perf_counter()
        status, body = client.request(
            "POST", "/api/v1/projects/import?name=portfolio.json", portfolio
        )
        import_seconds = time.perf_counter() - start
        if status != 201:
            raise RuntimeError(f"portfolio import: {status} {body[:300]!r}")
        big = json.loads(body)["id"]
        status, body = client.request("POST", "/api/v1/projects/import?name=plant40.json", small)
        if status != 201:
            raise RuntimeError(f"40-zone import: {status} {body[:300]!r}")
        small_id = json.loads(body)["id"]
        zones40 = [
            z["id"]
            for z in json.loads(client.request("GET", f"/api/v1/projects/{small_id}/zones")[1])
        ]
        bearer = {"Authorization": f"Bearer {token}"}
        session = {"Cookie": _login_cookie(port)}
        figures: dict[str, Any] = {"database": label, "import s": import_seconds}
        kinds = {
            "overview40": ([f"/projects/{small_id}/"], session),
            "matrix40": ([f"/projects/{small_id}/matrix/{z}/" for z in zones40], session),
            "status40": ([f"/api/v1/projects/{small_id}/status"], bearer),
            "overview2000": ([f"/projects/{big}/"], session),
            "matrix2000": ([f"/projects/{big}/matrix/{z}/" for z in zones40[:1]], session),
            "status2000": ([f"/api/v1/projects/{big}/status"], bearer),
        }
        for kind, (paths, headers) in kinds.items():
            # first views, one at a time: what a reader waits for after a write (the results
            # and rendered pages are kept per project revision)
            first = _load(port, paths, 1, len(paths), headers)
            figures[f"{kind} first max ms"] = max(first)
            requests = args.requests if kind.endswith("40") else max(2, args.requests // 5)
            latencies = _load(port, paths, args.clients, requests, headers)
            p50, p95 = _percentiles(latencies)
            figures[f"{kind} p50 ms"], figures[f"{kind} p95 ms"] = p50, p95
        figures["matrix p95 ms"] = figures["matrix40 p95 ms"]
        return figures
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="portfolio size (1.0: 2,000 zones)"
    )
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--threads", type=int, default=4, help="zonewarden serve --threads")
    parser.add_argument("--requests", type=int, default=25, help="requests per client and kind")
    parser.add_argument("--postgres", default=os.environ.get("ZONEWARDEN_BENCH_POSTGRES"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    portfolio = json.dumps(generate(args.scale, 62443)).encode()
    small = generate(0.02, 40)
    small["project"]["id"], small["project"]["name"] = "plant-40", "Plant with 40 zones"
    small_bytes = json.dumps(small).encode()
    print(
        f"portfolio: {len(portfolio) / 1e6:.1f} MB; 40-zone project: {len(small['zones'])} zones, "
        f"{len(small_bytes) / 1e6:.2f} MB; {args.clients} clients",
        flush=True,
    )
    results = [run_database("sqlite", "", portfolio, small_bytes, args)]
    if args.postgres:
        results.append(
            run_database("postgresql", _fresh_postgres(args.postgres), portfolio, small_bytes, args)
        )
    for figures in results:
        print(f"\n== {figures['database']}")
        for key, value in figures.items():
            if key in ("database", "matrix p95 ms"):
                continue
            print(f"{key:>22}: {value:9.1f}")
        for key, target in TARGETS.items():
            value = figures[key]
            verdict = "PASS" if value <= target else "MISS"
            ratio = f"{value / target:.2f}x"
            print(f"{'target ' + key:>22}: {value:9.1f} / {target:g} = {ratio} {verdict}")
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
