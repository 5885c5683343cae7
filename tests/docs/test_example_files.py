"""The example's snapshots match their script (the evidence files are checked against the
SHA-256 recorded in the example by the bundle tests: regenerating them depends on the
XlsxWriter and zlib versions, so their script is not rerun here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_example_snapshots_are_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "example_snapshots.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
