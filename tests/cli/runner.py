"""Run the real ``zonewarden`` command in a subprocess, as a user would, for the CLI tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "riverside-wtp.yaml"


def zonewarden(
    *args: str, cwd: Path | None = None, columns: int = 60
) -> subprocess.CompletedProcess[str]:
    """``python -m zonewarden ARGS`` with no ZONEWARDEN_ settings of the caller, a terminal
    ``columns`` wide, UTF-8 output; the process's result (never raises on exit status)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZONEWARDEN_")}
    env.update(COLUMNS=str(columns), PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "zonewarden", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )
