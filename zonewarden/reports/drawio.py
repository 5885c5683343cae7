"""The zone and conduit diagram as an editable draw.io (diagrams.net) file.

Same geometry as the SVG (:func:`zonewarden.reports.layout.layout`): Purdue bands and the side
column as background shapes, each zone as a container cell, each conduit as an orthogonal edge
between the two zone cells with the SVG's waypoints and box ports. The assessment results are
stored as draw.io custom properties (an ``<object>`` wrapping the ``mxCell``), so they show in
"Edit data" and survive editing. Labels are plain text (``html=0``): names from project files are
never interpreted as HTML. The XML is uncompressed and deterministic; cell ids derive from the
zone and conduit ids.
"""

from __future__ import annotations

from zonewarden.reports.diagram import BAND_FILLS, GREEN, GREEN_FILL, INK, RED, RED_FILL, SAFETY
from zonewarden.reports.layout import (
    BOX_H,
    BOX_W,
    LABEL_SIZE,
    MARGIN,
    ConduitRoute,
    Rect,
    ZoneBox,
    layout,
)
from zonewarden.reports.model import ReportModel, ZoneReport
from zonewarden.reports.text import clean, esc, num, vector

HEADER = 36  # height of a zone container's title bar
FONT = "fontFamily=DejaVu Sans;"


def render_drawio(model: ReportModel) -> str:
    """The diagram of ``model`` as uncompressed draw.io XML."""
    d = layout(model)
    cells = [
        _vertex(
            "title",
            d.title,
            Rect(MARGIN, MARGIN, d.width - 2 * MARGIN, 22),
            "text;html=0;align=left;verticalAlign=top;fontSize=16;fontStyle=1;",
        ),
        _vertex(
            "subtitle",
            d.subtitle,
            Rect(MARGIN, MARGIN + 24, d.width - 2 * MARGIN, 18),
            "text;html=0;align=left;verticalAlign=top;fontSize=11;fontColor=#546e7a;",
        ),
    ]
    for n, band in enumerate(d.bands):
        key = num(band.level).replace(".", "-")
        cells.append(
            _vertex(
                f"band-{key}",
                f"{band.title}\n{band.subtitle}",
                band.rect,
                "rounded=0;whiteSpace=wrap;html=0;align=left;verticalAlign=middle;spacingLeft=12;"
                f"fontSize=12;fontStyle=1;fillColor={BAND_FILLS[n % 2]};strokeColor=#cfd8dc;",
            )
        )
    if d.side:
        cells.append(
            _vertex(
                "side",
                "No Purdue level",
                d.side,
                "rounded=0;whiteSpace=wrap;html=0;align=left;verticalAlign=top;spacingLeft=12;"
                "spacingTop=4;fontSize=12;fontStyle=1;fillColor=#fafafa;strokeColor=#b0bec5;"
                "dashed=1;",
            )
        )
    for box in d.boxes:
        cells += _zone(box)
    boxes = {b.zone.id: b.rect for b in d.boxes}
    for route in d.routes:
        cells.append(_edge(route, boxes))
    legend_y = d.legend[0][3] if d.legend else d.height - MARGIN - 24
    cells.append(
        _vertex(
            "legend",
            "Legend: green fill = zone meets SL-T; red fill = zone misses SL-T; purple "
            "border = safety zone; solid green conduit = meets SL-T; dashed red conduit = misses "
            "SL-T. Edit data (Ctrl+M) on a zone or conduit shows its SL-T, SL-A and score.",
            Rect(MARGIN, legend_y, d.width - 2 * MARGIN, 20),
            "text;html=0;align=left;verticalAlign=top;fontSize=11;whiteSpace=wrap;",
        )
    )
    project = model.project
    return "\n".join(
        [
            '<mxfile host="ZoneWarden" type="device">',
            f'  <diagram id="zonewarden-{esc(project.id)}" name="Zones and conduits">',
            f'    <mxGraphModel grid="1" gridSize="10" guides="1" tooltips="1" connect="1" '
            f'arrows="0" fold="1" page="1" pageScale="1" pageWidth="{num(d.width)}" '
            f'pageHeight="{num(d.height)}" math="0" shadow="0">',
            "      <root>",
            '        <mxCell id="0"/>',
            '        <mxCell id="1" parent="0"/>',
            *("        " + c for c in cells),
            "      </root>",
            "    </mxGraphModel>",
            "  </diagram>",
            "</mxfile>",
            "",
        ]
    )


def _vertex(cell_id: str, label: str, r: Rect, style: str, parent: str = "1") -> str:
    return (
        f'<mxCell id="{esc(cell_id)}" value="{esc(label)}" style="{style}{FONT}" '
        f'vertex="1" parent="{parent}">{_geometry(r)}</mxCell>'
    )


def _geometry(r: Rect) -> str:
    return (
        f'<mxGeometry x="{num(r.x)}" y="{num(r.y)}" width="{num(r.width)}" '
        f'height="{num(r.height)}" as="geometry"/>'
    )


def _properties(z: ZoneReport) -> str:
    """The assessment results as draw.io custom properties."""
    values = {
        "zonewarden_id": z.id,
        "zonewarden_type": z.type,
        "sl_target": vector(z.sl_target),
        "sl_achieved": vector(z.sl_achieved),
        "score": "" if z.score is None else f"{z.score:.1f}",
        "meets_target": "true" if z.meets_target else "false",
        "gaps": str(z.gaps),
    }
    if z.type == "zone":
        values |= {
            "kind": z.kind or "",
            "safety": "true" if z.safety else "false",
            "purdue_level": "" if z.purdue_level is None else num(z.purdue_level),
            "assets": str(z.assets),
        }
    else:
        values |= {"zones": " ".join(z.joins), "protocols": ", ".join(z.protocols)}
    return " ".join(f'{key}="{esc(value)}"' for key, value in values.items())


def _zone(box: ZoneBox) -> list[str]:
    """A zone: a container cell (title bar = name) with its results as a text child."""
    z, ok = box.zone, box.zone.meets_target
    fill, stroke = (GREEN_FILL, GREEN) if ok else (RED_FILL, RED)
    border = (
        f"strokeColor={SAFETY};strokeWidth=3;"
        if z.safety
        else (f"strokeColor={stroke};strokeWidth=1.5;")
    )
    style = (
        f"swimlane;container=1;collapsible=0;startSize={HEADER};horizontal=1;rounded=1;"
        f"arcSize=6;whiteSpace=wrap;html=0;align=left;spacingLeft=8;fontSize=13;fontStyle=1;"
        f"fillColor={fill};swimlaneFillColor={fill};fontColor={INK};{border}{FONT}"
    )
    cell_id = f"zone-{z.id}"
    below = [
        f"FR {f + 1}"
        for f, (a, t) in enumerate(zip(z.sl_achieved, z.sl_target, strict=True))
        if a < t
    ]
    score = "n/a" if z.score is None else f"{z.score:.1f}%"
    body = [
        " · ".join(
            p for p in (clean(z.id), clean(z.kind or ""), "SAFETY" if z.safety else "") if p
        ),
        "SL-T " + vector(z.sl_target),
        "SL-A " + vector(z.sl_achieved),
        f"Score {score} · {z.gaps} gaps · {z.assets} assets",
        f"Below SL-T: {', '.join(below)}" if below else "Meets SL-T",
    ]
    name = clean(z.name) or clean(z.id)
    return [
        f'<object label="{esc(name)}" id="{esc(cell_id)}" {_properties(z)}>'
        f'<mxCell style="{style}" vertex="1" parent="1">{_geometry(box.rect)}</mxCell></object>',
        _vertex(
            f"{cell_id}-results",
            "\n".join(body),
            Rect(0, HEADER, BOX_W, BOX_H - HEADER),
            "text;html=0;align=left;verticalAlign=top;spacingLeft=8;spacingTop=0;"
            "fontSize=11;whiteSpace=wrap;connectable=0;",
            parent=esc(cell_id),
        ),
    ]


def _edge(route: ConduitRoute, boxes: dict[str, Rect]) -> str:
    """A conduit: an orthogonal edge from one zone cell to the other along the SVG route."""
    c = route.conduit
    a, b = boxes[c.joins[0]], boxes[c.joins[1]]
    (xa, ya), (xb, yb) = route.points[0], route.points[-1]
    colour = GREEN if c.meets_target else RED
    style = (
        "edgeStyle=orthogonalEdgeStyle;rounded=0;html=0;endArrow=none;startArrow=none;"
        f"strokeWidth=2;strokeColor={colour};dashed={0 if c.meets_target else 1};"
        f"exitX={_ratio(xa - a.x, a.width)};exitY={0 if ya <= a.y else 1};exitDx=0;exitDy=0;"
        f"entryX={_ratio(xb - b.x, b.width)};entryY={0 if yb <= b.y else 1};entryDx=0;"
        f"entryDy=0;fontSize={LABEL_SIZE};labelBackgroundColor=#ffffff;"
        f"labelBorderColor={colour};{FONT}"
    )
    waypoints = "".join(f'<mxPoint x="{num(x)}" y="{num(y)}"/>' for x, y in route.points[1:-1])
    waypoints = f'<Array as="points">{waypoints}</Array>' if waypoints else ""
    dx, dy = route.label_offset
    return (
        f'<object label="{esc(chr(10).join(route.label_lines))}" id="conduit-{esc(c.id)}" '
        f'{_properties(c)}><mxCell style="{style}" edge="1" parent="1" '
        f'source="zone-{esc(c.joins[0])}" target="zone-{esc(c.joins[1])}">'
        f'<mxGeometry x="{_ratio(2 * route.label_at - 1, 1)}" relative="1" as="geometry">'
        f'<mxPoint x="{num(dx)}" y="{num(dy)}" as="offset"/>'
        f"{waypoints}</mxGeometry></mxCell></object>"
    )


def _ratio(value: float, whole: float) -> str:
    """``value / whole`` with at most four decimals (draw.io relative positions)."""
    return num(value / whole, 4)
