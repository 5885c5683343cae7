"""The plan's Gantt chart and JSON document of the example are golden files (same input, same
bytes); regenerate with ``ZONEWARDEN_UPDATE_GOLDEN=1`` and review the diff."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
ARGS = ["--as-of", "2026-11-26", "--start", "2027-01-04", "--capacity", "20"]


@pytest.mark.parametrize(
    ("fmt", "name"), [("svg", "plan-riverside.svg"), ("json", "plan-riverside.json")]
)
def test_the_example_plan_is_the_golden_file(fmt: str, name: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "zonewarden.cli",
            "plan",
            str(ROOT / "examples" / "riverside-wtp.yaml"),
            "--format",
            fmt,
            *ARGS,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    path = GOLDEN / name
    if os.environ.get("ZONEWARDEN_UPDATE_GOLDEN") == "1":
        path.write_text(done.stdout, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with ZONEWARDEN_UPDATE_GOLDEN=1"
    assert done.stdout == path.read_text(encoding="utf-8")
