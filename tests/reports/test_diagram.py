"""Zone and conduit diagram: SVG and draw.io renderers (gap assessment deliverable 1).

Golden files live in tests/golden/; regenerate them with ``ZONEWARDEN_UPDATE_GOLDEN=1`` and
review the diff.
"""

from __future__ import annotations

import functools
import itertools
import os
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from zonewarden.catalog import default_catalog
from zonewarden.domain.conduits import Conduit
from zonewarden.domain.levels import SLVector
from zonewarden.domain.projects import Project
from zonewarden.domain.zones import Zone
from zonewarden.project.load import load_project
from zonewarden.reports.diagram import layout, render_svg
from zonewarden.reports.drawio import render_drawio
from zonewarden.reports.layout import BOX_W, LABEL_MAX_W, PAD, DiagramLayout, Rect
from zonewarden.reports.model import ReportModel, build_report
from zonewarden.reports.text import text_width

TESTS = Path(__file__).resolve().parents[1]
FIXTURE = TESTS / "fixtures" / "report-small.yaml"
GOLDEN = TESTS / "golden"
AS_OF = date(2026, 11, 26)
SVG = "{http://www.w3.org/2000/svg}"


def small_model() -> ReportModel:
    return build_report(load_project(FIXTURE).project, default_catalog(), AS_OF)


def model_of(project: Project) -> ReportModel:
    return build_report(project, default_catalog(), AS_OF)


@functools.cache
def forty_model() -> ReportModel:
    return model_of(forty_zone_project())


def forty_zone_project() -> Project:
    """40 zones over every Purdue level plus four without one, each joined to a zone of the
    level above, with a few conduits inside a band and from the side column."""
    levels = [5, 4, 4, 3.5, 3.5, 3, 3, 3, *[2] * 8, *[1] * 12, *[0] * 8, None, None, None, None]
    zones = tuple(
        Zone(
            f"z{i:02d}",
            f"Zone {i} " + ("with a rather long descriptive name" if i % 5 == 0 else "cell"),
            "control",
            SLVector.uniform(i % 4),
            purdue_level=level,
            safety=i % 9 == 0,
        )
        for i, level in enumerate(levels)
    )
    by_level: dict[float, list[Zone]] = {}
    for zone in zones:
        if zone.purdue_level is not None:
            by_level.setdefault(zone.purdue_level, []).append(zone)
    order = sorted(by_level, reverse=True)
    pairs = []
    for upper, lower in itertools.pairwise(order):
        for n, zone in enumerate(by_level[lower]):
            pairs.append((by_level[upper][n % len(by_level[upper])].id, zone.id))
    pairs += [
        ("z16", "z17"),
        ("z20", "z24"),
        ("z36", "z03"),
        ("z37", "z04"),
        ("z38", "z39"),
        ("z39", "z10"),
    ]
    conduits = tuple(
        Conduit(
            f"c{n:02d}-{a}-{b}",
            (a, b),
            SLVector.uniform(n % 3),
            protocols=("modbus-tcp", "opc-ua", "https", "s7comm")[: n % 5],
        )
        for n, (a, b) in enumerate(pairs)
    )
    return Project("forty", "Forty zones", zones=zones, conduits=conduits)


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


def overlaps(a: Rect, b: Rect) -> bool:
    return (
        a.x < b.x + b.width
        and b.x < a.x + a.width
        and a.y < b.y + b.height
        and (b.y < a.y + a.height)
    )


def inside(r: Rect, d: DiagramLayout) -> bool:
    return r.x >= 0 and r.y >= 0 and r.x + r.width <= d.width and r.y + r.height <= d.height


def svg_text(svg: str) -> str:
    return " ".join(ET.fromstring(svg).itertext())


def test_small_fixture_svg_matches_the_golden_file() -> None:
    check_golden("diagram-small.svg", render_svg(small_model()))


def test_small_fixture_drawio_matches_the_golden_file() -> None:
    check_golden("diagram-small.drawio", render_drawio(small_model()))


def test_rendering_twice_gives_identical_bytes() -> None:
    assert render_svg(small_model()) == render_svg(small_model())
    assert render_drawio(small_model()) == render_drawio(small_model())
    assert render_svg(forty_model()) == render_svg(model_of(forty_zone_project()))


@pytest.mark.parametrize("make", [small_model, forty_model], ids=["small", "forty"])
def test_boxes_and_labels_never_overlap_and_stay_inside_the_view_box(make) -> None:
    model = make()
    d = layout(model)
    assert len(d.boxes) == len(model.zone_reports())
    for a, b in itertools.combinations([b.rect for b in d.boxes], 2):
        assert not overlaps(a, b)
    # a safety zone's frame is drawn 4 px outside its box
    frames = [
        Rect(b.rect.x - 4, b.rect.y - 4, b.rect.width + 8, b.rect.height + 8) for b in d.boxes
    ]
    labels = [r.label for r in d.routes]
    assert all(inside(r, d) for r in frames + labels + [b.rect for b in d.bands])
    assert all(not overlaps(label, box.rect) for label in labels for box in d.boxes)
    for a, b in itertools.combinations(labels, 2):
        assert not overlaps(a, b)
    root = ET.fromstring(render_svg(model))
    w, h = root.get("width"), root.get("height")
    assert root.get("viewBox") == f"0 0 {w} {h}"
    assert (float(w), float(h)) == (round(d.width, 1), round(d.height, 1))


@pytest.mark.parametrize("make", [small_model, forty_model], ids=["small", "forty"])
def test_conduit_routes_are_orthogonal_and_join_their_two_zone_boxes(make) -> None:
    d = layout(make())
    boxes = {b.zone.id: b.rect for b in d.boxes}
    for route in d.routes:
        points = route.points
        assert all(x1 == x2 or y1 == y2 for (x1, y1), (x2, y2) in itertools.pairwise(points))
        for (x, y), zone in (
            (points[0], route.conduit.joins[0]),
            (points[-1], route.conduit.joins[1]),
        ):
            box = boxes[zone]
            assert box.x < x < box.x + box.width and y in (box.y, box.y + box.height)
        # between its two ends a route never runs through a zone box
        for (x1, y1), (x2, y2) in itertools.pairwise(points):
            seg = Rect(min(x1, x2), min(y1, y2), abs(x2 - x1) + 0.01, abs(y2 - y1) + 0.01)
            hits = [
                z
                for z, box in boxes.items()
                if overlaps(seg, Rect(box.x + 1, box.y + 1, box.width - 2, box.height - 2))
            ]
            assert hits == []


def test_text_is_wrapped_or_shortened_to_fit_its_box() -> None:
    d = layout(forty_model())
    for box in d.boxes:
        assert 1 <= len(box.name_lines) <= 2
        assert all(text_width(t, 13, bold=True) <= BOX_W - 2 * PAD for t in box.name_lines)
    assert all(r.label.width <= LABEL_MAX_W for r in d.routes)


def test_bands_run_from_enterprise_at_the_top_to_process_at_the_bottom() -> None:
    d = layout(small_model())
    assert [(b.title, b.subtitle) for b in d.bands] == [
        ("Level 4", "Enterprise"),
        ("Level 3.5", "Industrial DMZ"),
        ("Level 2", "Supervisory control"),
        ("Level 1", "Basic control"),
    ]
    tops = [b.rect.y for b in d.bands]
    assert tops == sorted(tops)
    boxes = {b.zone.id: b.rect for b in d.boxes}
    assert boxes["enterprise"].y < boxes["idmz"].y < boxes["scada"].y < boxes["bpcs"].y
    assert boxes["bpcs"].y == boxes["sis"].y
    assert d.side is not None and boxes["vendor-cloud"].x >= d.side.x
    assert all(boxes["vendor-cloud"].x > r.x + r.width for r in (b.rect for b in d.bands))


def test_every_zone_name_and_conduit_id_appears_in_the_svg() -> None:
    for model in (small_model(), forty_model()):
        text = svg_text(render_svg(model))
        for zone in model.zone_reports():
            assert zone.name in text
        for conduit in model.conduit_reports():
            assert conduit.id in text


def test_svg_marks_safety_zones_and_below_target_entries() -> None:
    svg = render_svg(small_model())
    root = ET.fromstring(svg)
    sis = root.find(f".//{SVG}g[@id='diagram-zone-sis']")
    assert sis is not None and "SAFETY" in "".join(sis.itertext())
    idmz = root.find(f".//{SVG}g[@id='diagram-zone-idmz']")
    red = [t.text for t in idmz.iter(f"{SVG}tspan") if t.get("fill") == "#c62828"]
    assert red == ["0", "1"]  # SL-T 2 0 0 0 2 0 0, SL-A 0 0 0 0 1 0 0
    assert "SL-T 2 0 0 0 2 0 0" in " ".join("".join(idmz.itertext()).split())
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    # the HTML report inlines the SVG next to its own "zone-<id>" anchors
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(i.startswith("diagram-") for i in ids)


HOSTILE = '<script>alert("x")</script> & \'quoted\' "name"\x07\x1b[31m\x00'


def hostile_project() -> Project:
    zones = (
        Zone("evil", HOSTILE, "control", SLVector.uniform(1), purdue_level=2),
        Zone("plain", "Plain & simple", "dmz", SLVector.uniform(0), purdue_level=3.5),
        Zone("nolevel", "]]><!-- --> </svg>", "other", SLVector.uniform(0)),
    )
    conduits = (
        Conduit("c-1", ("evil", "plain"), SLVector.uniform(1), protocols=("<b>bold</b>", "a&b")),
        Conduit("c-2", ("nolevel", "evil"), SLVector.uniform(0)),
    )
    return Project("evil", "</title><script>x</script>", zones=zones, conduits=conduits)


def test_hostile_names_are_escaped_and_control_characters_dropped() -> None:
    model = model_of(hostile_project())
    svg = render_svg(model)
    root = ET.fromstring(svg)
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert "<script" not in svg and "\x07" not in svg and "\x1b" not in svg and "\x00" not in svg
    text = svg_text(svg)
    assert '<script>alert("x")</script> & \'quoted\' "name" [31m' in text
    assert "]]><!-- --> </svg>" in text and "<b>bold</b>, a&b" in text
    drawio = render_drawio(model)
    tree = ET.fromstring(drawio)
    labels = {o.get("id"): o.get("label") for o in tree.iter("object")}
    assert labels["zone-evil"] == '<script>alert("x")</script> & \'quoted\' "name" [31m'
    assert not [e for e in tree.iter() if e.tag.endswith("script")]
    assert all("html=1" not in (c.get("style") or "") for c in tree.iter("mxCell"))


def drawio_cells(model: ReportModel) -> tuple[dict[str, ET.Element], dict[str, ET.Element]]:
    tree = ET.fromstring(render_drawio(model))
    assert tree.tag == "mxfile"
    assert tree.find("diagram/mxGraphModel/root") is not None
    containers, edges = {}, {}
    for obj in tree.iter("object"):
        cell = obj.find("mxCell")
        if "container=1" in cell.get("style"):
            containers[obj.get("zonewarden_id")] = obj
        if cell.get("edge") == "1":
            edges[obj.get("zonewarden_id")] = obj
    ids = [e.get("id") for e in tree.iter() if e.get("id") is not None]
    assert len(ids) == len(set(ids))
    return containers, edges


@pytest.mark.parametrize("make", [small_model, forty_model], ids=["small", "forty"])
def test_drawio_has_a_container_per_zone_and_an_edge_per_conduit(make) -> None:
    model = make()
    containers, edges = drawio_cells(model)
    assert sorted(containers) == sorted(z.id for z in model.zone_reports())
    assert sorted(edges) == sorted(c.id for c in model.conduit_reports())
    d = layout(model)
    for box in d.boxes:
        obj = containers[box.zone.id]
        assert obj.get("id") == f"zone-{box.zone.id}"
        assert obj.get("sl_target") == " ".join(map(str, box.zone.sl_target))
        assert obj.get("sl_achieved") == " ".join(map(str, box.zone.sl_achieved))
        assert obj.get("meets_target") == str(box.zone.meets_target).lower()
        geometry = obj.find("mxCell/mxGeometry")
        assert [float(geometry.get(k)) for k in ("x", "y", "width", "height")] == [
            round(v, 1) for v in (box.rect.x, box.rect.y, box.rect.width, box.rect.height)
        ]
    for conduit in model.conduit_reports():
        cell = edges[conduit.id].find("mxCell")
        assert (cell.get("source"), cell.get("target")) == (
            f"zone-{conduit.joins[0]}",
            f"zone-{conduit.joins[1]}",
        )


def test_small_fixture_drawio_records_the_assessment_results() -> None:
    containers, edges = drawio_cells(small_model())
    idmz = containers["idmz"]
    assert (idmz.get("score"), idmz.get("meets_target"), idmz.get("purdue_level")) == (
        "17.6",
        "false",
        "3.5",
    )
    assert containers["vendor-cloud"].get("score") == ""
    assert containers["sis"].get("safety") == "true"
    assert edges["scada-bpcs"].get("protocols") == "ethernet-ip, modbus-tcp, s7comm, opc-ua, dnp3"


def test_projects_without_levels_without_zones_or_with_a_partial_selection_render() -> None:
    side_only = Project(
        "side",
        "Side only",
        zones=(
            Zone("a", "A", "other", SLVector.uniform(1)),
            Zone("b", "B", "other", SLVector.uniform(1)),
        ),
        conduits=(Conduit("ab", ("a", "b"), SLVector.uniform(1)),),
    )
    for model in (
        model_of(side_only),
        model_of(Project("empty", "Empty")),
        build_report(
            load_project(FIXTURE).project, default_catalog(), AS_OF, zones=["scada", "idmz-scada"]
        ),
    ):
        ET.fromstring(render_svg(model))
        ET.fromstring(render_drawio(model))
    # a conduit named by id brings the zones it joins, so it is drawn between them
    partial = build_report(
        load_project(FIXTURE).project, default_catalog(), AS_OF, zones=["scada", "idmz-scada"]
    )
    assert {z.id for z in partial.zones} == {"scada", "idmz", "idmz-scada"}
    assert [r.conduit.id for r in layout(partial).routes] == ["idmz-scada"]
