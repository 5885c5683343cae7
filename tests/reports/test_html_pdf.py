"""The HTML and PDF report, the JSON model and the radar chart.

Golden files live in tests/golden/ (report-small.html, report-small.json); regenerate them with
``ZONEWARDEN_UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from zonewarden.catalog import default_catalog
from zonewarden.domain.assessment import Assessment, Status
from zonewarden.domain.evidence import Evidence
from zonewarden.project.load import load_project
from zonewarden.reports.charts import radar_svg
from zonewarden.reports.formats import render_text
from zonewarden.reports.html import GRID_COLUMNS, matrix_appendix, render_html
from zonewarden.reports.model import ReportModel, build_report, to_document
from zonewarden.reports.pdf import _refusing_fetcher, render_pdf

TESTS = Path(__file__).resolve().parents[1]
FIXTURE = TESTS / "fixtures" / "report-small.yaml"
GOLDEN = TESTS / "golden"
AS_OF = date(2026, 11, 26)
SVG = "{http://www.w3.org/2000/svg}"


@functools.cache
def small_model() -> ReportModel:
    return build_report(load_project(FIXTURE).project, default_catalog(), AS_OF)


@functools.cache
def small_pdf() -> bytes:
    return render_pdf(small_model())


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ZONEWARDEN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.exists(), f"{path} missing: run with ZONEWARDEN_UPDATE_GOLDEN=1"
    assert path.read_bytes() == text.encode("utf-8"), (
        f"{name} differs from the golden file; if the change is intended, run with "
        "ZONEWARDEN_UPDATE_GOLDEN=1 and review the diff"
    )


# ---- HTML -------------------------------------------------------------------------------


def test_html_report_matches_the_golden_file() -> None:
    check_golden("report-small.html", render_html(small_model()))


def test_json_report_matches_the_golden_file() -> None:
    check_golden("report-small.json", render_text(small_model(), "json"))


def test_html_is_identical_across_runs_and_models() -> None:
    other = build_report(load_project(FIXTURE).project, default_catalog(), AS_OF)
    assert render_html(small_model()) == render_html(other)


def test_html_is_self_contained() -> None:
    html = render_html(small_model())
    assert "<style>" in html and "<link" not in html and "<script" not in html
    assert not re.search(r'(?:src|href)="(?!#)', html), "only in-document links"
    assert "url(" not in html
    assert "@import" not in html


def test_html_has_every_section_and_a_page_per_zone() -> None:
    model = small_model()
    html = render_html(model)
    for anchor in (
        "summary",
        "scope",
        "methodology",
        "diagram",
        "zones",
        "gaps",
        "matrix",
        "evidence",
    ):
        assert f'id="{anchor}"' in html
    assert "Gap assessment report — IEC 62443-3-3" in html
    assert html.count('<article class="zone-page"') == len(model.zones)
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="radar"') == len(model.zones)
    assert model.conclusion.replace("&", "&amp;") in html
    assert "2026-11-26" in html
    assert "Small Plant &amp; Co. water works" in html


def test_html_escapes_text_from_the_project() -> None:
    project = load_project(FIXTURE).project
    evil = '<script>alert("x")</script>'
    zones = (dataclasses.replace(project.zones[0], name=evil), *project.zones[1:])
    assessments = {k: dict(v) for k, v in project.assessments.items()}
    assessments.setdefault("scada", {})["SR 1.1"] = Assessment(Status.PARTIAL, notes=evil)
    model = build_report(
        dataclasses.replace(project, name=evil, zones=zones, assessments=assessments),
        default_catalog(),
        AS_OF,
    )
    html = render_html(model)
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_matrix_appendix_covers_every_matrix_row_once() -> None:
    model = small_model()
    grids, _ = matrix_appendix(model)
    cells = sum(
        1
        for grid in grids
        for fr in grid.frs
        for row in fr.rows
        for code, _css in row.cells
        if code
    )
    assert cells == sum(1 for _ in model.matrix_rows())
    assert all(len(grid.zones) <= GRID_COLUMNS for grid in grids)
    assert [z.id for grid in grids for _, z in grid.zones] == [z.id for z in model.zones]


def test_evidence_appendix_lists_citations_and_expiry() -> None:
    project = load_project(FIXTURE).project
    assessments = {k: dict(v) for k, v in project.assessments.items()}
    assessments.setdefault("scada", {})["SR 5.1"] = Assessment(
        Status.IMPLEMENTED, evidence=("ev-fw",)
    )
    evidence = (
        Evidence(
            "ev-fw",
            "Firewall export",
            "configuration",
            "evidence/fw.txt",
            date(2026, 10, 1),
            date(2026, 11, 1),
        ),
    )
    model = build_report(
        dataclasses.replace(project, evidence=evidence, assessments=assessments),
        default_catalog(),
        AS_OF,
    )
    html = render_html(model)
    appendix = html[html.index('id="evidence"') :]
    assert "Firewall export" in appendix
    assert "2026-11-01 (expired)" in appendix
    assert "<b>scada</b>: SR 5.1" in appendix


# ---- JSON -------------------------------------------------------------------------------


def test_json_report_is_the_report_model_document() -> None:
    document = json.loads(render_text(small_model(), "json"))
    assert document == json.loads(json.dumps(to_document(small_model())))
    assert document["format"] == "zonewarden-report/v1"


# ---- radar chart ------------------------------------------------------------------------


def test_radar_chart_is_deterministic_valid_svg_with_two_polygons_and_a_legend() -> None:
    zone = small_model().zones[0]
    svg = radar_svg(zone.fr_scores, title="A & B <zone>")
    assert svg == radar_svg(zone.sl_target, zone.sl_achieved, title="A & B <zone>")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert len(root.findall(f"{SVG}polygon")) == 2
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "SL-T (target)" in texts and "SL-A (achieved)" in texts
    assert all(f"FR {fr}" in texts for fr in range(1, 8))
    assert "A &amp; B &lt;zone&gt;" in svg


@pytest.mark.parametrize(
    ("target", "achieved"),
    [([1] * 6, [0] * 7), ([1] * 7, [5] * 7), ([-1] * 7, [0] * 7)],
)
def test_radar_chart_refuses_vectors_that_are_not_sl_vectors(
    target: list[int], achieved: list[int]
) -> None:
    with pytest.raises(ValueError):
        radar_svg(target, achieved)


# ---- PDF --------------------------------------------------------------------------------


@functools.cache
def pdf_text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text), len(reader.pages)


def test_pdf_shows_zone_names_overall_score_and_gap_count() -> None:
    model = small_model()
    text, pages = pdf_text(small_pdf())
    assert pages > 3
    for zone in model.zone_reports():
        assert zone.name.split()[0] in text
    assert "Enterprise IT network" in text
    assert f"{model.overall.score:.1f}%" in text
    assert f"All {model.overall.gaps} gaps" in text
    assert "Appendix A. Control assessment matrix" in text


def test_pdf_is_a4_with_page_numbers_and_dated_metadata() -> None:
    reader = PdfReader(io.BytesIO(small_pdf()))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)
    text, pages = pdf_text(small_pdf())
    assert f"page 2 of {pages}" in text
    info = reader.metadata
    assert info is not None
    assert str(info["/CreationDate"]).startswith("D:20261126")
    assert "Small Plant & Co. water works" in str(info["/Title"])


def test_pdf_is_identical_across_runs() -> None:
    model = build_report(load_project(FIXTURE).project, default_catalog(), AS_OF, ("sis",))
    assert render_pdf(model) == render_pdf(model)


def test_pdf_renderer_fetches_no_url() -> None:
    fetcher = _refusing_fetcher()
    for url in ("file:///etc/passwd", "http://example.invalid/x.png", "data:text/plain,x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)  # type: ignore[attr-defined]
