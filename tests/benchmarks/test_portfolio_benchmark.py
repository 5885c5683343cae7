"""Smoke test of benchmarks/portfolio.py at a tiny scale (no timing assertions)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from zonewarden.project.load import load_project

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "portfolio.py"


def test_portfolio_benchmark_runs_and_generates_a_valid_project(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--scale", "0.005", "--repeat", "1", "--json",
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)

    assert {"scale", "seed", "repeat", "yaml_repeat", "counts", "files", "seconds",
            "cpu_seconds", "peak_rss_mb", "status_over_parse", "status_exit",
            "targets"} <= set(figures)
    measures = {"json_parse", "load_json", "load_yaml", "engine", "status_command"}
    assert measures <= set(figures["seconds"])
    assert measures == set(figures["cpu_seconds"])
    assert set(figures["targets"]) == {"engine_s", "status_over_parse", "peak_rss_mb"}
    for target in figures["targets"].values():
        assert {"limit", "value", "pass"} <= set(target)
    assert figures["status_exit"] == 0, figures["status_stderr"]
    assert figures["peak_rss_mb"] > 0

    counts = figures["counts"]
    assert counts["zones"] == 10
    assert counts["conduits"] == 20
    assert counts["assets"] == 500
    assert counts["evidence"] == 25
    assert counts["assessments"] == 1000

    # The files on disk validate on their own, JSON and YAML alike.
    for kind in ("json", "yaml"):
        path = Path(figures["files"][kind]["path"])
        assert path.parent == tmp_path
        project = load_project(path).project
        assert len(project.zones) == 10
        assert len(project.conduits) == 20
        assert sum(len(a) for a in project.assessments.values()) == 1000
