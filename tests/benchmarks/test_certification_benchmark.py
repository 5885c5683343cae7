"""Smoke test of benchmarks/certification.py at a tiny scale (no timing assertions)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "certification.py"
MEASURES = {
    "readiness",
    "due_json_90d",
    "due_json_1y",
    "due_ics_90d",
    "due_ics_1y",
    "snapshot",
    "diff",
    "bundle_write",
    "bundle_verify",
}


def test_certification_benchmark_runs_every_measure_and_cleans_up(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--scale",
            "0.005",
            "--repeat",
            "1",
            "--json",
            "--tmp",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)

    assert {"scale", "seed", "repeat", "as_of", "counts", "measures", "bundle", "files",
            "loadavg"} <= set(figures)  # fmt: skip
    assert set(figures["measures"]) == MEASURES
    for name, measure in figures["measures"].items():
        assert {"label", "median_s", "cpu_s", "target_s", "ratio", "pass"} <= set(measure), name
        for key in ("median_s", "cpu_s", "target_s", "ratio"):
            assert isinstance(measure[key], int | float), (name, key)
            assert measure[key] > 0, (name, key)

    counts = figures["counts"]
    assert counts["zones"] == 10
    assert counts["conduits"] == 20
    assert counts["assessments"] == 1000
    for key in ("documents", "obligations", "nonconformities", "scope_targets", "due_1y"):
        assert counts[key] > 0, key
    assert counts["assessments_changed"] > 0

    bundle = figures["bundle"]
    assert bundle["problems"] == 0
    assert bundle["bundled_files"] == figures["files"]["count"] > 0
    assert bundle["bundled_bytes"] == figures["files"]["bytes"] > 0
    assert bundle["verify_ok"] is True
    assert bundle["write_mb_s"] > 0
    assert bundle["verify_mb_s"] > 0

    # the evidence files, the project file and the zip are gone
    assert list(tmp_path.iterdir()) == []
