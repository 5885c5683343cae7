"""Geometry of the zone and conduit diagram (gap assessment deliverable 1), without drawing.

Zones sit in horizontal Purdue bands (level 5 at the top, level 0 at the bottom, the industrial
DMZ 3.5 between 4 and 3); zones without a level go to a side column on the right. Every band
row is placed on one shared column grid, so the gaps between rows ("lanes") and between columns
("corridors") are free of boxes from edge to edge. A conduit leaves its zone's box through a
port on the top or bottom edge, runs along the lane next to it, along a corridor if it must
change rows, then along the lane next to the other zone: an orthogonal route that never crosses
a box. Each lane and corridor holds numbered tracks so that parallel routes never overlap.

:func:`layout` is used by the SVG (:mod:`zonewarden.reports.diagram`) and the draw.io
(:mod:`zonewarden.reports.drawio`) renderers. It is pure: same model, same geometry.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from zonewarden.reports.model import ReportModel, ZoneReport
from zonewarden.reports.text import clean, fit, fit_parts, num, text_width, wrap

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
LEGEND = (
    ("zone-ok", "Zone meets SL-T"),
    ("zone-miss", "Zone misses SL-T"),
    ("safety", "Safety zone"),
    ("conduit-ok", "Conduit meets SL-T"),
    ("conduit-miss", "Conduit misses SL-T"),
    ("below", "SL-A below SL-T (per FR)"),
)


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle: top-left corner, width and height, in px."""

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
    """A zone's box and its name wrapped to fit it."""

    zone: ZoneReport
    rect: Rect
    name_lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BandBox:
    """A Purdue band across the diagram, with its title and subtitle."""

    level: float
    title: str  # "Level 3.5"
    subtitle: str  # "Industrial DMZ"
    rect: Rect


@dataclass(frozen=True, slots=True)
class ConduitRoute:
    """A conduit's orthogonal route and where its label sits."""

    conduit: ZoneReport
    points: tuple[tuple[float, float], ...]  # orthogonal; the ends touch the two zone boxes
    label: Rect
    label_lines: tuple[str, ...]  # id, protocols, SL-T
    label_at: float  # where the label sits along the route, 0..1
    label_offset: tuple[float, float]  # label centre minus that point on the route


@dataclass(frozen=True, slots=True)
class DiagramLayout:
    """The whole diagram: its size, titles, bands, side column, boxes, routes and legend."""

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
        near_edges = [(o.x - 4, o.y - 4, o.x + o.width + 4, o.y + o.height + 4) for o in near]
        for candidate in _label_candidates(routes[i], lengths[i], widths[i]):
            rect = candidate[0]
            area = _overlap_area(rect, near_edges, best[0])
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


def _overlap_area(
    rect: Rect, edges: list[tuple[float, float, float, float]], limit: float
) -> float:
    """Sum of ``rect.overlap(o, 4)`` over the obstacles (given by their grown edges), stopping
    as soon as it exceeds ``limit`` (the caller then discards the candidate anyway)."""
    left, top = rect.x, rect.y
    right, bottom = left + rect.width, top + rect.height
    area = 0.0
    for x1, y1, x2, y2 in edges:
        w = (right if right < x2 else x2) - (left if left > x1 else x1)
        if w > 0:
            h = (bottom if bottom < y2 else y2) - (top if top > y1 else y1)
            if h > 0:
                area += w * h
                if area > limit:
                    return area
    return area


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
