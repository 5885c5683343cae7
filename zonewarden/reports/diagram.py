"""Zone and conduit diagram (gap assessment deliverable 1) as hand-written SVG.

:func:`render_svg` draws the geometry of :func:`zonewarden.reports.layout.layout` (Purdue bands,
zone boxes, orthogonal conduit routes and their labels, legend); this module only turns it into
SVG elements and holds the colours the draw.io renderer shares. Every text is cleaned and
escaped (:mod:`zonewarden.reports.text`). Output is deterministic: same model, same bytes.
"""

from __future__ import annotations

from zonewarden.reports.layout import (
    BOX_W,
    LABEL_COL,
    LABEL_LINE,
    LABEL_SIZE,
    MARGIN,
    PAD,
    ConduitRoute,
    Rect,
    ZoneBox,
)
from zonewarden.reports.layout import layout as layout  # re-exported for existing importers
from zonewarden.reports.model import ReportModel
from zonewarden.reports.text import (
    FONT_FAMILY,
    clean,
    esc,
    fit_parts,
    num,
    text_width,
    vector,
    wrap,
)

GREEN, GREEN_FILL, RED, RED_FILL = "#2e7d32", "#e8f5e9", "#c62828", "#fdecea"
SAFETY, INK, MUTED = "#6a1b9a", "#263238", "#546e7a"
BAND_FILLS = ("#f4f6f8", "#e9edf1")


def render_svg(model: ReportModel) -> str:
    """The zone and conduit diagram of ``model`` as a standalone SVG document."""
    d = layout(model)
    w, h = num(d.width), num(d.height)
    zones = [b.zone for b in d.boxes]
    desc = (
        f"Purdue-level diagram of {len(zones)} zones and {len(d.routes)} conduits as of "
        f"{model.as_of.isoformat()}. Zones meeting their target security level: "
        f"{', '.join(z.id for z in zones if z.meets_target) or 'none'}. Zones missing it: "
        f"{', '.join(z.id for z in zones if not z.meets_target) or 'none'}."
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" role="img" aria-labelledby="diagram-title diagram-desc" '
        f'font-family="{esc(FONT_FAMILY)}" font-size="11" fill="{INK}">',
        f'<title id="diagram-title">{esc(d.title)}</title>',
        f'<desc id="diagram-desc">{esc(desc)}</desc>',
        f'<rect width="{w}" height="{h}" fill="#ffffff"/>',
        _text(MARGIN, MARGIN + 16, d.title, 16, weight="bold"),
        _text(MARGIN, MARGIN + 36, d.subtitle, 11, fill=MUTED),
        '<g class="bands">',
    ]
    for n, band in enumerate(d.bands):
        r = band.rect
        out.append(f"<g><title>{esc(band.title)} — {esc(band.subtitle)}</title>")
        out.append(_rect(r, BAND_FILLS[n % 2], "#cfd8dc"))
        cy = r.y + r.height / 2
        lines = wrap(band.subtitle, LABEL_COL - 20, 11, max_lines=3)
        y = cy - (len(lines) * 14) / 2 + 2
        out.append(_text(r.x + 12, y, band.title, 13, weight="bold"))
        out += [_text(r.x + 12, y + 15 + 14 * k, t, 11, fill=MUTED) for k, t in enumerate(lines)]
        out.append("</g>")
    if d.side:
        out.append(_rect(d.side, "#fafafa", "#b0bec5", dash="4 3"))
        out.append(_text(d.side.x + 12, d.side.y + 20, "No Purdue level", 12, weight="bold"))
    out.append('</g>\n<g class="conduits" fill="none" stroke-width="2">')
    for route in d.routes:
        c = route.conduit
        pts = " ".join(f"{num(x)},{num(y)}" for x, y in route.points)
        dash = "" if c.meets_target else ' stroke-dasharray="7 4"'
        out.append(
            f'<polyline id="diagram-conduit-{esc(c.id)}" points="{pts}" '
            f'stroke="{GREEN if c.meets_target else RED}"{dash}/>'
        )
    out.append('</g>\n<g class="zones">')
    for box in d.boxes:
        out += _zone(box)
    out.append('</g>\n<g class="conduit-labels">')
    for route in d.routes:
        out += _conduit_label(route)
    out.append('</g>\n<g class="legend">')
    for kind, text, x, y in d.legend:
        out += _legend_item(kind, text, x, y)
    out.append("</g>\n</svg>\n")
    return "\n".join(out)


def _zone(box: ZoneBox) -> list[str]:
    z, r = box.zone, box.rect
    x, y = r.x + PAD, r.y
    ok = z.meets_target
    score = "n/a" if z.score is None else f"{z.score:.1f}%"
    tip = (
        f"{clean(z.name)} ({z.id})\nSL-T {vector(z.sl_target)}\nSL-A {vector(z.sl_achieved)}"
        f"\nScore {score}, {z.gaps} gaps, {z.assets} assets"
        f"{', safety zone' if z.safety else ''}"
        + (f"\nNetworks {', '.join(z.networks)}" if z.networks else "")
    )
    out = [f'<g id="diagram-zone-{esc(z.id)}">', f"<title>{esc(tip)}</title>"]
    if z.safety:
        out.append(_rect(Rect(r.x - 4, r.y - 4, r.width + 8, r.height + 8), "none", SAFETY, 2.5))
    out.append(_rect(r, GREEN_FILL if ok else RED_FILL, GREEN if ok else RED, 1.5, rx=6))
    out += [_text(x, y + 21 + 16 * k, t, 13, weight="bold") for k, t in enumerate(box.name_lines)]
    badge = 0.0
    if z.safety:
        badge = text_width("SAFETY", 9, bold=True) + 10
        bx = r.x + r.width - PAD - badge
        out.append(_rect(Rect(bx, y + 45, badge, 14), SAFETY, SAFETY, 1, rx=3))
        out.append(_text(bx + 5, y + 55.5, "SAFETY", 9, weight="bold", fill="#ffffff"))
    kind = clean(z.kind or "")
    ident = fit_parts(
        [clean(z.id), "" if kind == z.id else kind], BOX_W - 2 * PAD - badge - 6, 11, " · "
    )
    out.append(_text(x, y + 56, ident, 11, fill=MUTED))
    for k, (label, values) in enumerate((("SL-T", z.sl_target), ("SL-A", z.sl_achieved))):
        spans = []
        for f, v in enumerate(values):
            low = label == "SL-A" and v < z.sl_target[f]
            style = f' fill="{RED}" font-weight="bold"' if low else ""
            spans.append(f'<tspan x="{num(x + 38 + 14 * f)}"{style}>{v}</tspan>')
        out.append(
            f'<text x="{num(x)}" y="{num(y + 75 + 16 * k)}">'
            f'<tspan font-weight="bold">{label}</tspan> {" ".join(spans)}</text>'
        )
    parts = [f"Score {score}", _plural(z.gaps, "gap"), _plural(z.assets, "asset")]
    out.append(_text(x, y + 103, fit_parts(parts, BOX_W - 2 * PAD, 11, " · "), 11))
    out.append("</g>")
    return out


def _conduit_label(route: ConduitRoute) -> list[str]:
    c, r = route.conduit, route.label
    colour = GREEN if c.meets_target else RED
    out = [f'<g id="diagram-label-{esc(c.id)}">', _rect(r, "#ffffff", colour, 1, rx=3)]
    for k, line in enumerate(route.label_lines):
        out.append(
            _text(
                r.x + 6,
                r.y + 13 + LABEL_LINE * k,
                line,
                LABEL_SIZE,
                weight="bold" if k == 0 else None,
                fill=colour if k == 0 else INK,
            )
        )
    out.append("</g>")
    return out


def _legend_item(kind: str, text: str, x: float, y: float) -> list[str]:
    if kind.startswith("conduit"):
        ok = kind == "conduit-ok"
        dash = "" if ok else ' stroke-dasharray="7 4"'
        shape = (
            f'<line x1="{num(x)}" y1="{num(y + 8)}" x2="{num(x + 28)}" y2="{num(y + 8)}" '
            f'stroke="{GREEN if ok else RED}" stroke-width="2"{dash}/>'
        )
    elif kind == "below":
        shape = _text(x + 10, y + 12, "1", 12, weight="bold", fill=RED)
    elif kind == "safety":
        shape = _rect(Rect(x + 2, y, 24, 16), "#ffffff", SAFETY, 2.5)
    else:
        ok = kind == "zone-ok"
        shape = _rect(
            Rect(x, y, 28, 16), GREEN_FILL if ok else RED_FILL, GREEN if ok else RED, 1.5, rx=3
        )
    return [shape, _text(x + 34, y + 12, text, 11)]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _rect(r: Rect, fill: str, stroke: str, width: float = 1, rx: float = 0, dash: str = "") -> str:
    extra = (f' rx="{num(rx)}"' if rx else "") + (f' stroke-dasharray="{dash}"' if dash else "")
    return (
        f'<rect x="{num(r.x)}" y="{num(r.y)}" width="{num(r.width)}" '
        f'height="{num(r.height)}" fill="{fill}" stroke="{stroke}" '
        f'stroke-width="{num(width)}"{extra}/>'
    )


def _text(
    x: float, y: float, text: str, size: float, weight: str | None = None, fill: str | None = None
) -> str:
    extra = (f' font-weight="{weight}"' if weight else "") + (f' fill="{fill}"' if fill else "")
    return f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}"{extra}>{esc(text)}</text>'
