"""Smoke test of benchmarks/reports.py at a tiny scale, PDF left out (no timing assertions)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "reports.py"
SHEETS = ["Summary", "Matrix", "Gaps", "Zones", "Conduits", "Assets", "Evidence"]
MEASURES = {"example_html", "example_xlsx", "example_svg", "example_drawio", "example_json",
            "portfolio_xlsx"}


def test_reports_benchmark_runs_every_format_and_the_portfolio_workbook(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--scale", "0.005", "--repeat", "1", "--skip-pdf",
         "--json", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=180, check=False,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)

    assert {"example", "scale", "seed", "repeat", "skip_pdf", "as_of", "python", "portfolio",
            "measures", "targets", "failed"} <= set(figures)
    assert figures["skip_pdf"] is True
    assert figures["failed"] == []
    assert set(figures["measures"]) == MEASURES
    for name, m in figures["measures"].items():
        assert {"project", "format", "runs", "wall_s", "cpu_s", "peak_rss_mb", "output",
                "bytes", "exit", "stderr"} <= set(m), name
        assert m["exit"] == 0, (name, m["stderr"])
        assert m["runs"] == 1
        assert m["peak_rss_mb"] > 0
        output = Path(m["output"])
        assert output.parent == tmp_path
        assert output.is_file(), name
        assert output.stat().st_size == m["bytes"] > 0, name

    assert set(figures["targets"]) == {"example_pdf_s", "portfolio_xlsx_s",
                                       "portfolio_xlsx_rss_mb"}
    for target in figures["targets"].values():
        assert {"limit", "value", "pass"} <= set(target)
    assert figures["targets"]["example_pdf_s"]["value"] is None  # skipped

    portfolio = figures["portfolio"]
    assert Path(portfolio["path"]).parent == tmp_path
    assert portfolio["reused"] is False
    assert portfolio["counts"]["zones"] == 10
    assert portfolio["counts"]["conduits"] == 20

    workbook = load_workbook(figures["measures"]["portfolio_xlsx"]["output"], read_only=True)
    try:
        assert workbook.sheetnames == SHEETS
    finally:
        workbook.close()
