"""The trend chart (hand-written SVG) and the report's trend section.

tests/golden/trend-small.svg is the chart of three snapshots of tests/fixtures/small.yaml;
regenerate it with ``ZONEWARDEN_UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from zonewarden.catalog import default_catalog
from zonewarden.domain.assessment import Assessment, Status
from zonewarden.domain.snapshots import OverallState, Snapshot, TargetState
from zonewarden.project.load import load_project
from zonewarden.reports.html import render_html
from zonewarden.reports.model import build_report
from zonewarden.reports.trend import MAX_ZONES, trend_svg

TESTS = Path(__file__).resolve().parents[1]
GOLDEN = TESTS / "golden" / "trend-small.svg"
SVG = "{http://www.w3.org/2000/svg}"


def small_snapshots() -> list[Snapshot]:
    """small.yaml in June and November 2026, and in March 2027 with SR 3.1 of SCADA done."""
    catalog = default_catalog()
    project = load_project(TESTS / "fixtures" / "small.yaml").project
    scada = {**project.assessments["scada"], "SR 3.1": Assessment(Status.IMPLEMENTED)}
    later = replace(project, assessments={**project.assessments, "scada": scada})
    return [
        Snapshot.of(project, catalog, date(2026, 6, 1)),
        Snapshot.of(project, catalog, date(2026, 11, 26)),
        Snapshot.of(later, catalog, date(2027, 3, 1)),
    ]


def test_the_trend_of_the_small_project_is_the_golden_file() -> None:
    svg = trend_svg(small_snapshots())
    if os.environ.get("ZONEWARDEN_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(svg, encoding="utf-8")
    assert GOLDEN.exists(), f"{GOLDEN} missing: run with ZONEWARDEN_UPDATE_GOLDEN=1"
    assert svg == GOLDEN.read_text(encoding="utf-8")
    assert trend_svg(list(reversed(small_snapshots()))) == svg  # order of input does not matter


def test_the_chart_is_accessible_and_draws_zones_but_not_conduits() -> None:
    svg = trend_svg(small_snapshots())
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and "24.5% to 26.4%" in (root.get("aria-label") or "")
    assert root.find(f"{SVG}title") is not None
    legend = [t.text for t in root.iter(f"{SVG}text")]
    assert "SCADA" in legend and "Safety instrumented system" in legend
    assert "Plant DMZ (no score)" in legend  # sl_target 0: nothing in scope, no line
    assert "SCADA to SIS" not in legend
    assert [t for t in legend if t and t[:2] == "20"] == ["2026-06-01", "2026-11-26", "2027-03-01"]
    # one thick overall line and two thin zone lines, x proportional to the dates
    lines = root.findall(f"{SVG}polyline")
    assert [line.get("stroke-width") for line in lines] == ["1.5", "1.5", "3"]
    xs = [float(p.split(",")[0]) for p in (lines[-1].get("points") or "").split()]
    assert xs[0] == 52 and xs[-1] == 512
    assert xs[1] == pytest.approx(52 + 460 * 178 / 273, abs=0.05)


def test_one_snapshot_is_a_dot_and_none_is_an_error() -> None:
    one = trend_svg(small_snapshots()[:1])
    root = ET.fromstring(one)
    assert root.findall(f"{SVG}polyline") == []
    assert len(root.findall(f"{SVG}circle")) == 3  # overall, SCADA, SIS
    assert "on 2026-06-01: overall 24.5%" in (root.get("aria-label") or "")
    with pytest.raises(ValueError, match="no snapshots"):
        trend_svg([])


def _portfolio(days: int, zones: int) -> list[Snapshot]:
    snapshots = []
    for n in range(days):
        targets = tuple(
            TargetState(
                f"z{i:02}",
                "zone",
                f"Zone <{i}> & co",
                (1,) * 7,
                (0,) * 7,
                float((i * 7 + n * 3) % 100),
                False,
                (),
                (),
            )
            for i in range(zones)
        )
        overall = OverallState(float(40 + n), 100, 40 + n, 0, zones, 10)
        snapshots.append(
            Snapshot(
                "big", "Big & <Co>", date(2026, 1, 1) + timedelta(days=30 * n), overall, targets
            )
        )
    return snapshots


def test_more_than_twelve_zones_draws_the_lowest_scoring_and_says_so() -> None:
    svg = trend_svg(_portfolio(4, 20))
    root = ET.fromstring(svg)  # names with < and & are escaped
    assert len(root.findall(f"{SVG}polyline")) == MAX_ZONES + 1
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert f"Only the {MAX_ZONES} lowest-scoring of 20 zones" in texts
    last = {t.name: t.score for t in _portfolio(4, 20)[-1].targets}
    lowest = sorted(last, key=lambda name: last[name])[:MAX_ZONES]
    shown = [t.text for t in root.iter(f"{SVG}text") if (t.text or "").startswith("Zone")]
    assert sorted(shown) == sorted(lowest)
    assert "Big &amp; &lt;Co&gt;" in svg
    assert not re.search(r"\d\.\d\d", svg.split("</desc>", 1)[1])  # coordinates rounded
    assert svg == trend_svg(_portfolio(4, 20))


def test_the_html_report_shows_a_trend_section_only_with_snapshots() -> None:
    project = load_project(TESTS / "fixtures" / "small.yaml").project
    catalog = default_catalog()
    plain = render_html(build_report(project, catalog, date(2026, 11, 26)))
    assert 'id="trend"' not in plain
    model = build_report(project, catalog, date(2026, 11, 26), snapshots=small_snapshots())
    assert [s.as_of for s in model.trend] == [date(2026, 6, 1), date(2026, 11, 26)]  # to as_of
    html = render_html(model)
    assert 'id="trend"' in html and 'class="trend"' in html
    assert '<td class="nowrap">2026-06-01</td>' in html
