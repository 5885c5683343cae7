"""The web benchmark keeps working: a tiny portfolio, two clients, SQLite (figures printed, not
asserted: a test never asserts wall-clock times)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_web_benchmark_runs_on_a_tiny_portfolio_and_prints_every_figure() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZONEWARDEN_", "DJANGO_"))}
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "web.py"),
            "--scale",
            "0.01",
            "--clients",
            "2",
            "--requests",
            "2",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for figure in (
        "import s",
        "matrix40 p95 ms",
        "status40 p95 ms",
        "overview2000 p50 ms",
        "matrix40 first max ms",
        "target matrix p95 ms",
    ):
        assert figure in done.stdout, figure
    assert "== sqlite" in done.stdout and "== postgresql" not in done.stdout
