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
from collections.abc import Iterator
from dataclasses import dataclass, field

from zonewarden.reports.model import ReportModel, ZoneReport

MAX_COLUMNS = 6  # zones per band row before a band wraps to another row
BOX_W, BOX_H, PAD = 224, 112, 10
MARGIN, LABEL_COL, HEADER_H, SIDE_HEAD, SIDE_INSET = 24, 150, 56, 30, 20
TRACK, CORRIDOR_MIN, GAP_MIN = 8, 44, 36
LABEL_SIZE, LABEL_LINE, LABEL_MAX_W = 10, 12, 156
LABEL_H = 3 * LABEL_LINE + 8
BANDS = {
    5: "Enterprise network",
    4: "Enterprise",
    3.5: "Industrial DMZ",
    3: "Site operations",
    2: "Supervisory control",
    1: "Basic control",
    0: "Process",
}
GREEN, GREEN_FILL, RED, RED_FILL = "#2e7d32", "#e8f5e9", "#c62828", "#fdecea"
SAFETY, INK, MUTED = "#6a1b9a", "#263238", "#546e7a"
BAND_FILLS = ("#f4f6f8", "#e9edf1")
LEGEND = (
    ("zone-ok", "Zone meets SL-T"),
    ("zone-miss", "Zone misses SL-T"),
    ("safety", "Safety zone"),
    ("conduit-ok", "Conduit meets SL-T"),
    ("conduit-miss", "Conduit misses SL-T"),
    ("below", "SL-A below SL-T (per FR)"),
)


# --- text: cleaning, escaping and width estimates ------------------------------------------

FONT_FAMILY = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', 'Segoe UI', Arial, sans-serif"
# Advance widths of ASCII 32..126 in DejaVu Sans and DejaVu Sans Bold, in 1/1000 em.
_REGULAR = (
    318,
    401,
    460,
    838,
    636,
    950,
    780,
    275,
    390,
    390,
    500,
    838,
    318,
    361,
    318,
    337,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    337,
    337,
    838,
    838,
    838,
    531,
    1000,
    684,
    686,
    698,
    770,
    632,
    575,
    775,
    752,
    295,
    295,
    656,
    557,
    863,
    748,
    787,
    603,
    787,
    695,
    635,
    611,
    732,
    684,
    989,
    685,
    611,
    685,
    390,
    337,
    390,
    838,
    500,
    500,
    613,
    635,
    550,
    635,
    615,
    352,
    635,
    634,
    278,
    278,
    579,
    278,
    974,
    634,
    612,
    635,
    635,
    411,
    521,
    392,
    634,
    592,
    818,
    592,
    592,
    525,
    636,
    337,
    636,
    838,
)
_BOLD = (
    348,
    456,
    521,
    838,
    696,
    1002,
    872,
    306,
    457,
    457,
    523,
    838,
    380,
    415,
    380,
    365,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    400,
    400,
    838,
    838,
    838,
    580,
    1000,
    774,
    762,
    734,
    830,
    683,
    683,
    821,
    837,
    372,
    372,
    775,
    637,
    995,
    837,
    850,
    733,
    850,
    770,
    720,
    682,
    812,
    774,
    1103,
    771,
    724,
    725,
    457,
    365,
    457,
    838,
    500,
    500,
    675,
    716,
    593,
    716,
    678,
    435,
    716,
    712,
    343,
    343,
    665,
    343,
    1042,
    712,
    687,
    716,
    716,
    493,
    595,
    478,
    712,
    652,
    924,
    645,
    652,
    582,
    712,
    365,
    712,
    838,
)
# Control characters, bidi overrides (spoofing), surrogates and non-characters (invalid XML).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]+")
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
    room, end = width - text_width("…", size, bold), 0
    for ch in text:
        room -= text_width(ch, size, bold)
        if room < 0:
            break
        end += 1
    return text[:end].rstrip() + "…"


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
    ellipsized when the text does not fit. Only the first 200 characters a line are read."""
    lines: list[str] = []
    current = ""
    for word in text[: 200 * max_lines].split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while text_width(word, size, bold) > width and len(word) > 1:
            cut = max(len(fit(word, width, size, bold, force=True)) - 1, 1)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines or len(text) > 200 * max_lines:
        lines = [
            *lines[: max_lines - 1],
            fit(" ".join(lines[max_lines - 1 :]), width, size, bold, force=True),
        ]
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
            self.y, other.y - margin
        )
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
    points: tuple[tuple[float, float], ...]  # orthogonal; the ends touch the two zone boxes
    label: Rect
    label_lines: tuple[str, ...]  # id, protocols, SL-T
    label_at: float  # where the label sits along the route, 0..1
    label_offset: tuple[float, float]  # label centre minus that point on the route


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


Cell = tuple[str, int, int]  # grid ("m": Purdue bands, "s": side column), row, column
Lane = tuple[str, int]  # grid, gap (gap r is just above row r)


@dataclass(slots=True)
class _Plan:
    """Where one conduit runs, decided on the grid before any coordinate exists."""

    conduit: ZoneReport
    ends: tuple[str, str]
    sides: tuple[str, str]  # "top" | "bottom" edge of each end's box
    lanes: tuple[Lane, Lane]  # the gap next to each end
    corridor: int | None  # the column gap used to change rows, when the lanes differ
    lines: tuple[str, ...]
    label_w: float
    ports: list[float] = field(default_factory=lambda: [0.0, 0.0])


def band_title(level: float) -> tuple[str, str]:
    """("Level 3.5", "Industrial DMZ") for a Purdue level."""
    return f"Level {num(level)}", BANDS.get(level, "")


class _Grid:
    """Working state of one layout: cells on the grid, then x, tracks and y coordinates."""

    def __init__(self, model: ReportModel) -> None:
        self.zones = model.zone_reports()
        known = {z.id for z in self.zones}
        conduits = [
            c
            for c in model.conduit_reports()
            if len(c.joins) == 2 and c.joins[0] != c.joins[1] and set(c.joins) <= known
        ]
        self.cells: dict[str, Cell] = {}
        self.band_rows: list[tuple[float, int, int]] = []  # level, first row, last row
        rows: list[list[ZoneReport]] = []
        for level in sorted(
            {z.purdue_level for z in self.zones if z.purdue_level is not None}, reverse=True
        ):
            members = [z for z in self.zones if z.purdue_level == level]
            per_row = math.ceil(len(members) / math.ceil(len(members) / MAX_COLUMNS))
            self.band_rows.append(
                (level, len(rows), len(rows) - 1 + math.ceil(len(members) / per_row))
            )
            rows += [members[i : i + per_row] for i in range(0, len(members), per_row)]
        self.columns = max((len(r) for r in rows), default=0)
        for r, row in enumerate(rows):
            for c, zone in enumerate(row, start=(self.columns - len(row)) // 2):
                self.cells[zone.id] = ("m", r, c)
        side = [z for z in self.zones if z.purdue_level is None]
        self.side_cols = min(MAX_COLUMNS, math.ceil(len(side) / max(len(rows), 1)))
        for i, zone in enumerate(side):
            self.cells[zone.id] = ("s", i // self.side_cols, self.columns + i % self.side_cols)
        self.rows = {"m": len(rows), "s": math.ceil(len(side) / self.side_cols) if side else 0}
        self.plans = [self._plan(c) for c in conduits]
        self._ports()
        self._x()
        self._tracks()
        self._y()

    def _plan(self, conduit: ZoneReport) -> _Plan:
        """Box edges, lanes and (when the lanes differ) a corridor for one conduit."""
        a, b = conduit.joins[0], conduit.joins[1]
        (ga, ra, ca), (gb, rb, cb) = self.cells[a], self.cells[b]
        if ga == gb and ra == rb:
            sides = ("bottom", "bottom")
        elif ra + (ga == "s") * 0.25 < rb + (gb == "s") * 0.25:
            sides = ("bottom", "top")
        else:
            sides = ("top", "bottom")
        lanes = ((ga, ra + (sides[0] == "bottom")), (gb, rb + (sides[1] == "bottom")))
        corridor = None
        if lanes[0] != lanes[1]:
            first = 0 if ga == gb == "m" else self.columns
            last = self.columns + (self.side_cols if ga == gb == "s" else 0)
            corridor = min(
                range(first, last + 1),
                key=lambda j: (
                    abs(j - 0.5 - ca) + abs(j - 0.5 - cb),
                    abs(j - 0.5 - (ca + cb) / 2),
                    j,
                ),
            )
        lines = _label_lines(conduit)
        width = max(text_width(t, LABEL_SIZE, bold=n == 0) for n, t in enumerate(lines)) + 12
        return _Plan(conduit, (a, b), sides, lanes, corridor, lines, round(width, 1))

    def _ports(self) -> None:
        """Spread the conduit ends on each box edge, ordered by where each conduit heads."""
        edges: dict[tuple[str, str], list[tuple[float, int, int]]] = {}
        for i, p in enumerate(self.plans):
            for e in (0, 1):
                toward = (
                    p.corridor - 0.5 if p.corridor is not None else self.cells[p.ends[1 - e]][2]
                )
                edges.setdefault((p.ends[e], p.sides[e]), []).append((toward, i, e))
        for items in edges.values():
            for n, (_, i, e) in enumerate(sorted(items)):
                self.plans[i].ports[e] = round(BOX_W * (n + 1) / (len(items) + 1), 1)

    def _x(self) -> None:
        """Column and corridor positions; each corridor is as wide as its tracks need."""
        count = self.columns + self.side_cols + 1
        inset = SIDE_INSET if self.side_cols else 0
        self.col_x: list[float] = []
        self.track_x: dict[int, float] = {}
        x = self.left = MARGIN + (LABEL_COL if self.rows["m"] else 0)
        for j in range(count):
            users = [i for i, p in enumerate(self.plans) if p.corridor == j]
            span = max(CORRIDOR_MIN, (len(users) + 1) * TRACK)
            self.track_x.update(
                {i: x + span * (t + 1) / (len(users) + 1) for t, i in enumerate(users)}
            )
            x += span
            if j == self.columns:
                self.split = x
                x += inset
            if j < count - 1:
                self.col_x.append(x)
                x += BOX_W
        self.right = x
        self.port_x = [
            [self.col_x[self.cells[p.ends[e]][2]] + p.ports[e] for e in (0, 1)] for p in self.plans
        ]

    def _tracks(self) -> None:
        """Number the horizontal runs in each lane so that overlapping runs never share a y."""
        runs: dict[Lane, list[tuple[float, float, tuple[int, int]]]] = {}
        self.demand: dict[Lane, float] = {}
        for i, p in enumerate(self.plans):
            ends = (0, 1) if p.corridor is not None else (0,)
            for e in ends:
                a = self.port_x[i][e]
                b = self.track_x[i] if p.corridor is not None else self.port_x[i][1]
                runs.setdefault(p.lanes[e], []).append((min(a, b), max(a, b), (i, e)))
                self.demand[p.lanes[e]] = self.demand.get(p.lanes[e], 0) + p.label_w / len(ends)
        self.track_of: dict[tuple[int, int], int] = {}
        self.tracks: dict[Lane, int] = {}
        for lane, items in runs.items():
            last: list[float] = []
            for lo, hi, key in sorted(items):
                t = next((t for t, end in enumerate(last) if lo > end + TRACK), len(last))
                last[t : t + 1] = [hi]
                self.track_of[key] = t
            self.tracks[lane] = len(last)

    def _y(self) -> None:
        """Row positions; a gap is as tall as its tracks and the labels likely to sit in it."""
        self.top = self.bottom = MARGIN + HEADER_H
        self.gap_top: dict[Lane, float] = {}
        self.gap_h: dict[Lane, float] = {}
        self.row_y: dict[Lane, float] = {}
        room = {"m": self.split - self.left, "s": self.right - self.split}
        for grid, y in (("m", self.top), ("s", self.top + SIDE_HEAD)):
            for r in range(self.rows[grid] + 1):
                k = self.tracks.get((grid, r), 0)
                labels = math.ceil(2 * self.demand.get((grid, r), 0) / max(room[grid], 1))
                self.gap_top[grid, r] = y
                self.gap_h[grid, r] = max(GAP_MIN, (k - 1) * TRACK + labels * (LABEL_H + 6) + 12)
                y += self.gap_h[grid, r]
                if r < self.rows[grid]:
                    self.row_y[grid, r] = y
                    y += BOX_H
            if self.rows[grid]:
                self.bottom = max(self.bottom, y)

    def box(self, zone_id: str) -> Rect:
        grid, r, c = self.cells[zone_id]
        return Rect(self.col_x[c], self.row_y[grid, r], BOX_W, BOX_H)

    def lane_y(self, lane: Lane, key: tuple[int, int]) -> float:
        mid = self.gap_top[lane] + self.gap_h[lane] / 2
        return mid + (self.track_of[key] - (self.tracks[lane] - 1) / 2) * TRACK

    def route(self, i: int) -> list[tuple[float, float]]:
        """Port, lane, corridor, lane, port: the orthogonal route of conduit ``i``."""
        p = self.plans[i]
        a, b = self.box(p.ends[0]), self.box(p.ends[1])
        ya = a.y if p.sides[0] == "top" else a.y + BOX_H
        yb = b.y if p.sides[1] == "top" else b.y + BOX_H
        (xa, xb), ta = self.port_x[i], self.lane_y(p.lanes[0], (i, 0))
        if p.corridor is None:
            return _simplify([(xa, ya), (xa, ta), (xb, ta), (xb, yb)])
        xc, tb = self.track_x[i], self.lane_y(p.lanes[1], (i, 1))
        return _simplify([(xa, ya), (xa, ta), (xc, ta), (xc, tb), (xb, tb), (xb, yb)])

    def band_edge(self, r: int) -> float:
        """y of the boundary between bands in main gap ``r``."""
        if r in (0, self.rows["m"]):
            return self.top if r == 0 else self.bottom
        return self.gap_top["m", r] + self.gap_h["m", r] / 2


def layout(model: ReportModel) -> DiagramLayout:
    """Place zone boxes in Purdue bands and route the conduits between them."""
    g = _Grid(model)
    boxes = tuple(
        ZoneBox(
            z,
            g.box(z.id),
            tuple(wrap(clean(z.name) or clean(z.id), BOX_W - 2 * PAD, 13, bold=True)),
        )
        for z in g.zones
    )
    has_side = g.rows["s"] > 0
    right = g.split if has_side else g.right
    bands = tuple(
        BandBox(
            level,
            *band_title(level),
            Rect(
                MARGIN,
                g.band_edge(first),
                right - MARGIN,
                g.band_edge(last + 1) - g.band_edge(first),
            ),
        )
        for level, first, last in g.band_rows
    )
    side = (
        Rect(g.split + 4, g.top, g.right + SIDE_INSET - g.split - 4, g.bottom - g.top)
        if has_side
        else None
    )
    obstacles = [Rect(b.rect.x - 6, b.rect.y - 6, BOX_W + 12, BOX_H + 12) for b in boxes]
    obstacles.append(Rect(0, 0, 1e6, g.top))
    obstacles += [Rect(0, 0, MARGIN + LABEL_COL, 1e6)] if g.rows["m"] else []
    obstacles += [Rect(side.x, side.y, side.width, SIDE_HEAD)] if side else []
    points = [g.route(i) for i in range(len(g.plans))]
    labels = _place_labels(points, [p.label_w for p in g.plans], obstacles)
    routes = tuple(
        ConduitRoute(p.conduit, tuple(points[i]), *labels[i][:1], p.lines, *labels[i][1:])
        for i, p in enumerate(g.plans)
    )
    width = max(
        [g.right + (SIDE_INSET if has_side else 0) + MARGIN, 640.0]
        + [r.label.x + r.label.width + MARGIN for r in routes]
    )
    legend, height = _legend(width, max([g.bottom] + [r.label.y + LABEL_H for r in routes]) + 18)
    met = sum(z.meets_target for z in g.zones)
    title = fit(
        f"Zone and conduit diagram — {clean(model.project.name)}", width - 2 * MARGIN, 16, bold=True
    )
    subtitle = fit(
        f"As of {model.as_of.isoformat()} · {len(g.zones)} zones ({met} meet SL-T) · "
        f"{len(routes)} conduits ({sum(r.conduit.meets_target for r in routes)} meet SL-T)",
        width - 2 * MARGIN,
        11,
    )
    return DiagramLayout(width, height, title, subtitle, bands, side, boxes, routes, legend)


def _simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop repeated points and the middle one of three collinear points."""
    out: list[tuple[float, float]] = []
    for pt in points:
        if out and pt == out[-1]:
            continue
        if len(out) >= 2 and (
            out[-2][0] == out[-1][0] == pt[0] or out[-2][1] == out[-1][1] == pt[1]
        ):
            out[-1] = pt
        else:
            out.append(pt)
    return out


def _label_lines(conduit: ZoneReport) -> tuple[str, ...]:
    room = LABEL_MAX_W - 12
    protocols = (
        fit_parts([clean(p) for p in conduit.protocols], room, LABEL_SIZE, ", ", more=True)
        or "no protocols listed"
    )
    return (
        fit(clean(conduit.id), room, LABEL_SIZE, bold=True),
        protocols,
        "SL-T " + " ".join(str(v) for v in conduit.sl_target),
    )


Label = tuple[Rect, float, tuple[float, float]]


def _place_labels(
    routes: list[list[tuple[float, float]]], widths: list[float], obstacles: list[Rect]
) -> list[Label]:
    """One label per route: on the route (or just beside it), as near its middle as possible,
    clear of boxes and other labels, covering as few other routes as possible. Short routes
    choose first: they have the fewest places."""
    segments = [
        [
            (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
            for (x1, y1), (x2, y2) in itertools.pairwise(pts)
        ]
        for pts in routes
    ]
    lengths = [sum(s[2] - s[0] + s[3] - s[1] for s in segs) for segs in segments]
    placed: dict[int, Label] = {}
    for i in sorted(range(len(routes)), key=lambda i: (lengths[i], i)):
        xs, ys = [x for x, _ in routes[i]], [y for _, y in routes[i]]
        reach = Rect(
            min(xs) - widths[i] - 8,
            min(ys) - LABEL_H - 8,
            max(xs) - min(xs) + 2 * widths[i] + 16,
            max(ys) - min(ys) + 2 * LABEL_H + 16,
        )
        near = [o for o in obstacles if reach.overlap(o)]
        others = [
            s
            for j, segs in enumerate(segments)
            if j != i
            for s in segs
            if reach.overlap(Rect(s[0], s[1], s[2] - s[0] + 1, s[3] - s[1] + 1))
        ]
        best: tuple[float, int] = (math.inf, 0)
        for candidate in _label_candidates(routes[i], lengths[i], widths[i]):
            rect = candidate[0]
            area = sum(rect.overlap(o, 4) for o in near)
            if area > best[0]:
                continue
            crossings = sum(
                x1 <= rect.x + rect.width
                and rect.x <= x2
                and y1 <= rect.y + rect.height
                and rect.y <= y2
                for x1, y1, x2, y2 in others
            )
            if (area, crossings) < best:
                best, placed[i] = (area, crossings), candidate
                if best == (0, 0):
                    break
        obstacles.append(placed[i][0])
    return [placed[i] for i in range(len(routes))]


def _label_candidates(
    points: list[tuple[float, float]], total: float, width: float
) -> Iterator[Label]:
    """Label positions from the middle of the route outwards, centred on it, then beside it."""
    for k in range(2 * min(int(total // 8), 200) + 1):
        s = total / 2 + (k + 1) // 2 * 8 * (1 if k % 2 else -1)
        if not 0 <= s <= total:
            continue
        x, y, horizontal = _point_at(points, s)
        dx, dy = (0, LABEL_H / 2 + 3) if horizontal else (width / 2 + 3, 0)
        for ox, oy in ((0, 0), (-dx, -dy), (dx, dy)):
            rect = Rect(
                round(x + ox - width / 2, 1), round(y + oy - LABEL_H / 2, 1), width, LABEL_H
            )
            yield rect, round(s / total if total else 0.5, 4), (ox, oy)


def _point_at(points: list[tuple[float, float]], s: float) -> tuple[float, float, bool]:
    """The point at distance ``s`` along an orthogonal route, and whether it is on a
    horizontal segment."""
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        seg = abs(x2 - x1) + abs(y2 - y1)
        if s <= seg:
            f = s / seg if seg else 0.0
            return x1 + (x2 - x1) * f, y1 + (y2 - y1) * f, y1 == y2
        s -= seg
    return points[-1][0], points[-1][1], False


def _legend(width: float, y: float) -> tuple[tuple[tuple[str, str, float, float], ...], float]:
    items, x = [], float(MARGIN)
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
    vector = lambda v: " ".join(str(n) for n in v)  # noqa: E731
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
