"""Zone and conduit diagram (gap assessment deliverable 1) as hand-written SVG.

Zones sit in horizontal Purdue bands (level 5 at the top, level 0 at the bottom, the industrial
DMZ 3.5 between 4 and 3); zones without a level go to a side column on the right. Every band
row is placed on one shared column grid, so the gaps between rows ("lanes") and between columns
("corridors") are free of boxes from edge to edge. A conduit leaves its zone's box through a
port on the top or bottom edge, runs along the lane next to it, along a corridor if it must
change rows, then along the lane next to the other zone: an orthogonal route that never crosses
a box. Each lane and corridor holds numbered tracks so that parallel routes never overlap.

:func:`layout` is pure geometry (used by the SVG and the draw.io renderers); :func:`render_svg`
draws it. Output is deterministic: same model, same bytes.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from dataclasses import dataclass

from zonewarden.reports.model import ReportModel, ZoneReport

MAX_COLUMNS = 6  # zones per band row before a band wraps to another row
BOX_W, BOX_H, PAD = 224, 112, 10
MARGIN, LABEL_COL, HEADER_H, SIDE_HEAD, SIDE_INSET = 24, 150, 56, 30, 20
TRACK, CORRIDOR_MIN, GAP_MIN = 8, 44, 36
LABEL_SIZE, LABEL_LINE, LABEL_MAX_W = 10, 12, 156
LABEL_H = 3 * LABEL_LINE + 8
BANDS = {5: "Enterprise network", 4: "Enterprise", 3.5: "Industrial DMZ", 3: "Site operations",
         2: "Supervisory control", 1: "Basic control", 0: "Process"}
GREEN, GREEN_FILL, RED, RED_FILL = "#2e7d32", "#e8f5e9", "#c62828", "#fdecea"
SAFETY, INK, MUTED = "#6a1b9a", "#263238", "#546e7a"
LEGEND = (("zone-ok", "Zone meets SL-T"), ("zone-miss", "Zone misses SL-T"),
          ("safety", "Safety zone"), ("conduit-ok", "Conduit meets SL-T"),
          ("conduit-miss", "Conduit misses SL-T"), ("below", "SL-A below SL-T (per FR)"))


# --- text: cleaning, escaping and width estimates ------------------------------------------

FONT_FAMILY = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', 'Segoe UI', Arial, sans-serif"
# Advance widths of ASCII 32..126 in DejaVu Sans and DejaVu Sans Bold, in 1/1000 em.
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]+")
_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def clean(text: str) -> str:
    """One line of printable text: control characters and runs of blanks become one space."""
    return " ".join(_UNSAFE.sub(" ", str(text)).split())


def esc(text: str) -> str:
    """Text cleaned and escaped for XML content and attribute values (newlines kept)."""
    lines = (clean(line).translate(_XML) for line in str(text).split("\n"))
    return "&#10;".join(lines)


def num(value: float) -> str:
    """A coordinate with at most one decimal, the same text for the same value."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated rendered width of ``text`` in DejaVu Sans at ``size`` px."""
    table, total = _BOLD if bold else _REGULAR, 0
    for ch in text:
        code = ord(ch)
        if 32 <= code < 127:
            total += table[code - 32]
        elif not unicodedata.combining(ch):
            total += 1000 if unicodedata.east_asian_width(ch) in "WF" else 720
    return total * size / 1000


def fit(text: str, width: float, size: float, bold: bool = False, force: bool = False) -> str:
    """``text`` if it fits in ``width``, else its longest prefix that fits followed by "…"."""
    if not force and text_width(text, size, bold) <= width:
        return text
    for end in range(len(text), 0, -1):
        short = text[:end].rstrip() + "…"
        if text_width(short, size, bold) <= width:
            return short
    return "…"


def fit_parts(parts: list[str], width: float, size: float, sep: str, more: bool = False) -> str:
    """Join as many leading non-empty ``parts`` as fit (with "+N" for the rest if ``more``)."""
    parts = [p for p in parts if p]
    for n in range(len(parts), 0, -1):
        rest = f"{sep}+{len(parts) - n}" if more and n < len(parts) else ""
        text = sep.join(parts[:n]) + rest
        if text_width(text, size) <= width:
            return text
    return fit(parts[0], width, size) if parts else ""


def wrap(text: str, width: float, size: float, bold: bool = False, max_lines: int = 2) -> list[str]:
    """Greedy word wrap into at most ``max_lines`` lines; long words are broken, the last line
    ellipsized when the text does not fit."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while text_width(word, size, bold) > width and len(word) > 1:
            cut = max(n for n in range(1, len(word)) if text_width(word[:n], size, bold) <= width
                      or n == 1)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], fit(" ".join(lines[max_lines - 1:]), width, size, bold,
                                              force=True)]
    return lines


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    def overlap(self, other: Rect, margin: float = 0.0) -> float:
        """Area shared with ``other`` grown by ``margin`` (0 when they are apart)."""
        w = min(self.x + self.width, other.x + other.width + margin) - max(self.x, other.x - margin)
        h = min(self.y + self.height, other.y + other.height + margin) - max(
            self.y, other.y - margin)
        return w * h if w > 0 and h > 0 else 0.0


@dataclass(frozen=True, slots=True)
class ZoneBox:
    zone: ZoneReport
    rect: Rect
    name_lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BandBox:
    level: float
    title: str  # "Level 3.5"
    subtitle: str  # "Industrial DMZ"
    rect: Rect


@dataclass(frozen=True, slots=True)
class ConduitRoute:
    conduit: ZoneReport
    points: tuple[tuple[float, float], ...]  # first and last touch the two zone boxes
    label: Rect
    label_lines: tuple[str, ...]  # id, protocols, SL-T


@dataclass(frozen=True, slots=True)
class DiagramLayout:
    width: float
    height: float
    title: str
    subtitle: str
    bands: tuple[BandBox, ...]
    side: Rect | None  # the "no Purdue level" column
    boxes: tuple[ZoneBox, ...]
    routes: tuple[ConduitRoute, ...]
    legend: tuple[tuple[str, str, float, float], ...]  # kind, text, x, y


@dataclass(slots=True)
class _Plan:
    """Where one conduit runs, decided on the grid before any coordinate exists."""

    conduit: ZoneReport
    ends: tuple[str, str]
    sides: tuple[str, str]  # "top" | "bottom" of each end's box
    lanes: tuple[tuple[str, int], tuple[str, int]]  # (grid, gap index) next to each end
    corridor: int | None
    ports: list[float]


def band_title(level: float) -> tuple[str, str]:
    """("Level 3.5", "Industrial DMZ") for a Purdue level."""
    return f"Level {num(level)}", BANDS.get(level, "")


def layout(model: ReportModel) -> DiagramLayout:
    """Place zone boxes in Purdue bands and route the conduits between them."""
    zones = model.zone_reports()
    known = {z.id for z in zones}
    conduits = [c for c in model.conduit_reports()
                if len(c.joins) == 2 and c.joins[0] != c.joins[1] and set(c.joins) <= known]
    cells: dict[str, tuple[str, int, int]] = {}
    band_rows: list[tuple[float, int, int]] = []  # level, first row, last row
    rows: list[list[ZoneReport]] = []
    for level in sorted({z.purdue_level for z in zones if z.purdue_level is not None},
                        reverse=True):
        members = [z for z in zones if z.purdue_level == level]
        per_row = math.ceil(len(members) / math.ceil(len(members) / MAX_COLUMNS))
        first = len(rows)
        rows += [members[i:i + per_row] for i in range(0, len(members), per_row)]
        band_rows.append((level, first, len(rows) - 1))
    columns = max((len(r) for r in rows), default=0)
    for r, row in enumerate(rows):
        offset = (columns - len(row)) // 2
        for c, zone in enumerate(row):
            cells[zone.id] = ("m", r, offset + c)
    side = [z for z in zones if z.purdue_level is None]
    side_cols = min(MAX_COLUMNS, math.ceil(len(side) / max(len(rows), 1))) if side else 0
    for i, zone in enumerate(side):
        cells[zone.id] = ("s", i // side_cols, columns + i % side_cols)
    grid_rows = {"m": len(rows), "s": math.ceil(len(side) / side_cols) if side else 0}

    plans = [_plan(c, cells, columns, side_cols) for c in conduits]
    _assign_ports(plans, cells, columns)
    corridors = columns + side_cols + 1
    users: list[list[int]] = [[] for _ in range(corridors)]
    for i, p in enumerate(plans):
        if p.corridor is not None:
            users[p.corridor].append(i)
    inset = SIDE_INSET if side else 0
    widths = [max(CORRIDOR_MIN, (len(u) + 1) * TRACK) + (inset if j == columns else 0)
              for j, u in enumerate(users)]
    left = MARGIN + (LABEL_COL if rows else 0)
    corridor_x, col_x = [], []
    x = left
    for j in range(corridors):
        corridor_x.append(x)
        x += widths[j]
        if j < corridors - 1:
            col_x.append(x)
            x += BOX_W
    right = x
    track_x: dict[int, float] = {}
    for j, u in enumerate(users):
        span = widths[j] - (inset if j == columns else 0)
        for t, i in enumerate(u):
            track_x[i] = corridor_x[j] + span * (t + 1) / (len(u) + 1)
    port_x = [[col_x[cells[p.ends[e]][2]] + p.ports[e] for e in (0, 1)] for p in plans]

    # Horizontal runs per lane, then tracks within each lane (interval colouring).
    runs: dict[tuple[str, int], list[tuple[float, float, tuple[int, int]]]] = {}
    for i, p in enumerate(plans):
        for e in (0, 1) if p.corridor is not None else (0,):
            a = port_x[i][e]
            b = track_x[i] if p.corridor is not None else port_x[i][1]
            runs.setdefault(p.lanes[e], []).append((min(a, b), max(a, b), (i, e)))
    track_of: dict[tuple[int, int], int] = {}
    tracks: dict[tuple[str, int], int] = {}
    for lane, items in runs.items():
        ends: list[float] = []
        for lo, hi, key in sorted(items):
            t = next((t for t, end in enumerate(ends) if lo > end + TRACK), len(ends))
            ends[t:t + 1] = [hi]
            track_of[key] = t
        tracks[lane] = len(ends)

    top = MARGIN + HEADER_H
    gap_top: dict[tuple[str, int], float] = {}
    gap_h: dict[tuple[str, int], float] = {}
    row_y: dict[tuple[str, int], float] = {}
    bottom = top
    for grid, start in (("m", top), ("s", top + SIDE_HEAD)):
        y = start
        for r in range(grid_rows[grid] + 1):
            k = tracks.get((grid, r), 0)
            gap_top[grid, r], gap_h[grid, r] = y, (
                max(GAP_MIN, (k - 1) * TRACK + LABEL_H + 12) if k else GAP_MIN)
            y += gap_h[grid, r]
            if r < grid_rows[grid]:
                row_y[grid, r] = y
                y += BOX_H
        if grid_rows[grid]:
            bottom = max(bottom, y)

    boxes = []
    for zone in zones:
        grid, r, c = cells[zone.id]
        name = clean(zone.name) or clean(zone.id)
        boxes.append(ZoneBox(zone, Rect(col_x[c], row_y[grid, r], BOX_W, BOX_H),
                             tuple(wrap(name, BOX_W - 2 * PAD, 13, bold=True, max_lines=2))))
    box_of = {b.zone.id: b for b in boxes}

    def lane_y(lane: tuple[str, int], key: tuple[int, int]) -> float:
        mid = gap_top[lane] + gap_h[lane] / 2
        return mid + (track_of[key] - (tracks[lane] - 1) / 2) * TRACK

    split = corridor_x[columns] + widths[columns] - inset
    bands = tuple(
        BandBox(level, *band_title(level), Rect(
            MARGIN, top if first == 0 else gap_top["m", first] + gap_h["m", first] / 2,
            (split - 4 if side else right) - MARGIN,
            (bottom if last == len(rows) - 1 else gap_top["m", last + 1]
             + gap_h["m", last + 1] / 2) - (top if first == 0 else gap_top["m", first]
                                             + gap_h["m", first] / 2)))
        for level, first, last in band_rows)
    side_rect = Rect(split + 4, top, right + SIDE_INSET - split - 4, bottom - top) if side else None
    if side_rect is not None and bands:
        bottom = max(bottom, max(b.rect.y + b.rect.height for b in bands))

    obstacles = [Rect(b.rect.x - 6, b.rect.y - 6, BOX_W + 12, BOX_H + 12) for b in boxes]
    obstacles += [Rect(MARGIN, top, LABEL_COL, bottom - top)] if rows else []
    obstacles += [Rect(side_rect.x, top, side_rect.width, SIDE_HEAD)] if side_rect else []
    routes = []
    for i, p in enumerate(plans):
        a, b = box_of[p.ends[0]].rect, box_of[p.ends[1]].rect
        ya = a.y if p.sides[0] == "top" else a.y + a.height
        yb = b.y if p.sides[1] == "top" else b.y + b.height
        (xa, xb), ta = port_x[i], lane_y(p.lanes[0], (i, 0))
        if p.corridor is None:
            points = [(xa, ya), (xa, ta), (xb, ta), (xb, yb)]
        else:
            tb = lane_y(p.lanes[1], (i, 1))
            points = [(xa, ya), (xa, ta), (track_x[i], ta), (track_x[i], tb), (xb, tb), (xb, yb)]
        points = _simplify(points)
        lines = _label_lines(p.conduit)
        width = max(text_width(t, LABEL_SIZE, bold=n == 0) for n, t in enumerate(lines)) + 12
        label = _place_label(points, width, obstacles)
        obstacles.append(label)
        routes.append(ConduitRoute(p.conduit, tuple(points), label, lines))

    width = max(right + (SIDE_INSET if side else 0) + MARGIN, 640)
    legend, height = _legend(width, bottom + 18)
    met = sum(z.meets_target for z in zones)
    title = fit(f"Zone and conduit diagram — {clean(model.project.name)}", width - 2 * MARGIN,
                16, bold=True)
    subtitle = fit(
        f"As of {model.as_of.isoformat()} · {len(zones)} zones ({met} meet SL-T) · "
        f"{len(conduits)} conduits ({sum(c.meets_target for c in conduits)} meet SL-T)",
        width - 2 * MARGIN, 11)
    return DiagramLayout(width, height, title, subtitle, bands, side_rect, tuple(boxes),
                         tuple(routes), legend)


def _plan(conduit: ZoneReport, cells: dict[str, tuple[str, int, int]], columns: int,
          side_cols: int) -> _Plan:
    """Choose box edges, lanes and (when the lanes differ) a corridor for one conduit."""
    a, b = conduit.joins[0], conduit.joins[1]
    (ga, ra, ca), (gb, rb, cb) = cells[a], cells[b]
    ea, eb = ra + (0.25 if ga == "s" else 0), rb + (0.25 if gb == "s" else 0)
    if ga == gb and ra == rb:
        sides = ("bottom", "bottom")
    else:
        sides = ("bottom", "top") if ea < eb else ("top", "bottom")
    lanes = ((ga, ra + (sides[0] == "bottom")), (gb, rb + (sides[1] == "bottom")))
    corridor = None
    if lanes[0] != lanes[1]:
        if ga != gb:
            allowed = range(columns, columns + 1)
        else:
            allowed = range(0, columns + 1) if ga == "m" else range(columns,
                                                                     columns + side_cols + 1)
        corridor = min(allowed, key=lambda j: (abs(j - 0.5 - ca) + abs(j - 0.5 - cb),
                                               abs(j - 0.5 - (ca + cb) / 2), j))
    return _Plan(conduit, (a, b), sides, lanes, corridor, [0.0, 0.0])


def _assign_ports(plans: list[_Plan], cells: dict[str, tuple[str, int, int]],
                  columns: int) -> None:
    """Spread the conduit ends on each box edge, ordered by where each conduit heads to."""
    edges: dict[tuple[str, str], list[tuple[float, int, int]]] = {}
    for i, p in enumerate(plans):
        for e in (0, 1):
            other = cells[p.ends[1 - e]][2]
            toward = p.corridor - 0.5 if p.corridor is not None else other
            edges.setdefault((p.ends[e], p.sides[e]), []).append((toward, i, e))
    for items in edges.values():
        for n, (_, i, e) in enumerate(sorted(items)):
            plans[i].ports[e] = round(BOX_W * (n + 1) / (len(items) + 1), 1)


def _simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop repeated points and the middle of three collinear points."""
    out: list[tuple[float, float]] = []
    for pt in points:
        if out and pt == out[-1]:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == pt[0] or out[-2][1] == out[-1][1]
                              == pt[1]):
            out[-1] = pt
        else:
            out.append(pt)
    return out


def _label_lines(conduit: ZoneReport) -> tuple[str, ...]:
    room = LABEL_MAX_W - 12
    protocols = fit_parts([clean(p) for p in conduit.protocols], room, LABEL_SIZE, ", ",
                          more=True) or "no protocols listed"
    return (fit(clean(conduit.id), room, LABEL_SIZE, bold=True), protocols,
            "SL-T " + " ".join(str(v) for v in conduit.sl_target))


def _place_label(points: list[tuple[float, float]], width: float,
                 obstacles: list[Rect]) -> Rect:
    """Centre the label on the route, as near its middle as the obstacles allow."""
    total = sum(abs(x2 - x1) + abs(y2 - y1) for (x1, y1), (x2, y2) in itertools.pairwise(points))
    best, best_cost = Rect(0, 0, width, LABEL_H), math.inf
    for k in range(int(total // 8) + 2):
        s = total / 2 + (k + 1) // 2 * 8 * (1 if k % 2 else -1)
        if not 0 <= s <= total:
            continue
        x, y = _point_at(points, s)
        rect = Rect(round(x - width / 2, 1), round(y - LABEL_H / 2, 1), width, LABEL_H)
        cost = sum(rect.overlap(o, 4) for o in obstacles)
        if cost < best_cost:
            best, best_cost = rect, cost
            if cost == 0:
                break
    return best


def _point_at(points: list[tuple[float, float]], s: float) -> tuple[float, float]:
    """The point at distance ``s`` along an orthogonal polyline."""
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        seg = abs(x2 - x1) + abs(y2 - y1)
        if s <= seg:
            f = s / seg if seg else 0.0
            return x1 + (x2 - x1) * f, y1 + (y2 - y1) * f
        s -= seg
    return points[-1]


def _legend(width: float, y: float) -> tuple[tuple[tuple[str, str, float, float], ...], float]:
    items, x = [], MARGIN
    for kind, text in LEGEND:
        w = 34 + text_width(text, 11) + 24
        if x + w > width - MARGIN and x > MARGIN:
            x, y = MARGIN, y + 24
        items.append((kind, text, x, y))
        x += w
    return tuple(items), y + 24 + MARGIN


# --- rendering ------------------------------------------------------------------------------


def render_svg(model: ReportModel) -> str:
    """The zone and conduit diagram of ``model`` as a standalone SVG document."""
    d = layout(model)
    w, h = num(d.width), num(d.height)
    zones = [b.zone for b in d.boxes]
    desc = (f"Purdue-level diagram of {len(zones)} zones and {len(d.routes)} conduits as of "
            f"{model.as_of.isoformat()}. Zones meeting their target security level: "
            f"{', '.join(z.id for z in zones if z.meets_target) or 'none'}. Zones missing it: "
            f"{', '.join(z.id for z in zones if not z.meets_target) or 'none'}.")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" role="img" aria-labelledby="zw-title zw-desc" '
        f'font-family="{esc(FONT_FAMILY)}" font-size="11" fill="{INK}">',
        f'<title id="zw-title">{esc(d.title)}</title>',
        f'<desc id="zw-desc">{esc(desc)}</desc>',
        f'<rect width="{w}" height="{h}" fill="#ffffff"/>',
        _text(MARGIN, MARGIN + 16, d.title, 16, weight="bold"),
        _text(MARGIN, MARGIN + 36, d.subtitle, 11, fill=MUTED),
        '<g class="bands">',
    ]
    for n, band in enumerate(d.bands):
        r = band.rect
        out.append(_rect(r, "#f4f6f8" if n % 2 == 0 else "#e9edf1", "#cfd8dc"))
        cy = r.y + r.height / 2
        lines = wrap(band.subtitle, LABEL_COL - 20, 11, max_lines=3)
        y = cy - (len(lines) * 14) / 2 + 2
        out.append(_text(r.x + 12, y, band.title, 13, weight="bold"))
        out += [_text(r.x + 12, y + 15 + 14 * k, t, 11, fill=MUTED) for k, t in enumerate(lines)]
    if d.side:
        out.append(_rect(d.side, "#fafafa", "#b0bec5", dash="4 3"))
        out.append(_text(d.side.x + 12, d.side.y + 20, "No Purdue level", 12, weight="bold"))
    out.append('</g>\n<g class="conduits" fill="none" stroke-width="2">')
    for route in d.routes:
        c = route.conduit
        pts = " ".join(f"{num(x)},{num(y)}" for x, y in route.points)
        dash = "" if c.meets_target else ' stroke-dasharray="7 4"'
        out.append(f'<polyline id="conduit-{esc(c.id)}" points="{pts}" '
                   f'stroke="{GREEN if c.meets_target else RED}"{dash}/>')
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
    vector = lambda v: " ".join(str(n) for n in v)  # noqa: E731
    score = "n/a" if z.score is None else f"{z.score:.1f}%"
    tip = (f"{clean(z.name)} ({z.id})\nSL-T {vector(z.sl_target)}\nSL-A {vector(z.sl_achieved)}"
           f"\nScore {score}, {z.gaps} gaps, {z.assets} assets"
           f"{', safety zone' if z.safety else ''}")
    out = [f'<g id="zone-{esc(z.id)}">', f"<title>{esc(tip)}</title>"]
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
    ident = fit_parts([clean(z.id), clean(z.kind or "")], BOX_W - 2 * PAD - badge - 6, 11,
                      " · ")
    out.append(_text(x, y + 56, ident, 11, fill=MUTED))
    for k, (label, values) in enumerate((("SL-T", z.sl_target), ("SL-A", z.sl_achieved))):
        spans = []
        for f, v in enumerate(values):
            low = label == "SL-A" and v < z.sl_target[f]
            style = f' fill="{RED}" font-weight="bold"' if low else ""
            spans.append(f'<tspan x="{num(x + 38 + 14 * f)}"{style}>{v}</tspan>')
        out.append(f'<text x="{num(x)}" y="{num(y + 75 + 16 * k)}">'
                   f'<tspan font-weight="bold">{label}</tspan> {" ".join(spans)}</text>')
    parts = [f"Score {score}", _plural(z.gaps, "gap"), _plural(z.assets, "asset")]
    out.append(_text(x, y + 103, fit_parts(parts, BOX_W - 2 * PAD, 11, " · "), 11))
    out.append("</g>")
    return out


def _conduit_label(route: ConduitRoute) -> list[str]:
    c, r = route.conduit, route.label
    colour = GREEN if c.meets_target else RED
    out = [f'<g id="label-{esc(c.id)}">', _rect(r, "#ffffff", colour, 1, rx=3)]
    for k, line in enumerate(route.label_lines):
        out.append(_text(r.x + 6, r.y + 13 + LABEL_LINE * k, line, LABEL_SIZE,
                         weight="bold" if k == 0 else None, fill=colour if k == 0 else INK))
    out.append("</g>")
    return out


def _legend_item(kind: str, text: str, x: float, y: float) -> list[str]:
    if kind.startswith("conduit"):
        ok = kind == "conduit-ok"
        dash = "" if ok else ' stroke-dasharray="7 4"'
        shape = (f'<line x1="{num(x)}" y1="{num(y + 8)}" x2="{num(x + 28)}" y2="{num(y + 8)}" '
                 f'stroke="{GREEN if ok else RED}" stroke-width="2"{dash}/>')
    elif kind == "below":
        shape = _text(x + 10, y + 12, "1", 12, weight="bold", fill=RED)
    elif kind == "safety":
        shape = _rect(Rect(x + 2, y, 24, 16), "#ffffff", SAFETY, 2.5)
    else:
        ok = kind == "zone-ok"
        shape = _rect(Rect(x, y, 28, 16), GREEN_FILL if ok else RED_FILL, GREEN if ok else RED,
                      1.5, rx=3)
    return [shape, _text(x + 34, y + 12, text, 11)]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _rect(r: Rect, fill: str, stroke: str, width: float = 1, rx: float = 0,
          dash: str = "") -> str:
    extra = (f' rx="{num(rx)}"' if rx else "") + (f' stroke-dasharray="{dash}"' if dash else "")
    return (f'<rect x="{num(r.x)}" y="{num(r.y)}" width="{num(r.width)}" '
            f'height="{num(r.height)}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="{num(width)}"{extra}/>')


def _text(x: float, y: float, text: str, size: float, weight: str | None = None,
          fill: str | None = None) -> str:
    extra = (f' font-weight="{weight}"' if weight else "") + (f' fill="{fill}"' if fill else "")
    return f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}"{extra}>{esc(text)}</text>'

