"""The trend chart: compliance score over a project's snapshots (hand-written SVG).

Issue 7 item 6: x is the snapshot date on a proportional time axis, y the score 0-100 %; one
thick line for the overall score and a thin line per zone (zones only, conduits are in the
overall line). At most :data:`MAX_ZONES` zone lines are drawn: the lowest-scoring zones at the
last snapshot, and the legend says so. Colours are Paul Tol's "muted" scheme, which stays
distinguishable with the common colour-vision deficiencies; past nine zones the colours repeat
dashed. Same snapshots, same bytes: coordinates are rounded, nothing depends on time or chance,
every text is cleaned and escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from zonewarden.domain.snapshots import Snapshot
from zonewarden.reports.text import esc, fit, num, wrap

MAX_ZONES = 12
PALETTE = (
    "#332288",
    "#117733",
    "#44AA99",
    "#88CCEE",
    "#DDCC77",
    "#CC6677",
    "#AA4499",
    "#882255",
    "#999933",
)
OVERALL_COLOUR = "#1a1a1a"
GRID_COLOUR = "#d5d9de"
TEXT_COLOUR = "#333a44"
MUTED_COLOUR = "#6b7380"
WIDTH = 780
LEFT, TOP, PLOT_WIDTH, PLOT_HEIGHT = 52, 44, 460, 240
LEGEND_X, LEGEND_WIDTH, LEGEND_ROW = 556, 214, 18
LABEL_SPACING = 74  # pixels between date labels (a date is about 60 px wide)


Series = list[float | None]


def _x(day: date, first: date, span: int) -> float:
    if span == 0:
        return LEFT + PLOT_WIDTH / 2
    return LEFT + PLOT_WIDTH * (day - first).days / span


def _y(score: float) -> float:
    return TOP + PLOT_HEIGHT * (1 - score / 100)


def _zones(snapshots: Sequence[Snapshot]) -> tuple[list[tuple[str, str, Series]], int]:
    """(id, name, scores per snapshot) of the zones to draw, in file order; and how many zones
    there are in all. Zones of the last snapshot come first, then those it no longer has."""
    names: dict[str, str] = {}
    for snapshot in reversed(snapshots):
        for zone in snapshot.zones():
            names.setdefault(zone.id, zone.name)
    series: dict[str, Series] = {zone_id: [] for zone_id in names}
    for snapshot in snapshots:
        scores = {z.id: z.score for z in snapshot.zones()}
        for zone_id, values in series.items():
            values.append(scores.get(zone_id))
    order = list(names)
    if len(order) > MAX_ZONES:
        last = {z.id: z.score for z in snapshots[-1].zones()}

        def rank(zone_id: str) -> tuple[bool, float, int]:
            score = last.get(zone_id)
            return (score is None, score or 0.0, order.index(zone_id))

        kept = set(sorted(order, key=rank)[:MAX_ZONES])
        order = [zone_id for zone_id in order if zone_id in kept]
    return [(zone_id, names[zone_id], series[zone_id]) for zone_id in order], len(names)


def _segments(xs: Sequence[float], values: Series) -> list[list[tuple[float, float]]]:
    """Runs of consecutive known scores (a zone without score or not yet defined breaks it)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, value in zip(xs, values, strict=True):
        if value is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((x, _y(value)))
    return [run for run in runs if run]


def _line(
    xs: Sequence[float], values: Series, colour: str, width: float, dash: str | None, dot: float
) -> list[str]:
    """Polylines for the runs of known scores; a dot of radius ``dot`` (0: none) for a run of
    one snapshot."""
    style = f'stroke="{colour}" stroke-width="{num(width)}"' + (
        f' stroke-dasharray="{dash}"' if dash else ""
    )
    out = []
    for run in _segments(xs, values):
        if len(run) == 1:
            if not dot:
                continue
            x, y = run[0]
            out.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(dot)}" fill="{colour}"/>')
        else:
            points = " ".join(f"{num(x)},{num(y)}" for x, y in run)
            out.append(
                f'<polyline points="{points}" fill="none" {style} '
                'stroke-linejoin="round" stroke-linecap="round"/>'
            )
    return out


def _date_labels(xs: Sequence[float]) -> list[int]:
    """Indexes of the snapshots whose date is written under the axis: the first and the last,
    and those between that keep clear of their neighbours."""
    last = len(xs) - 1
    if xs[last] - xs[0] < LABEL_SPACING:  # one snapshot, or all on one day
        return [last]
    chosen = [0]
    for index in range(1, last):
        if xs[index] - xs[chosen[-1]] >= LABEL_SPACING and xs[last] - xs[index] >= LABEL_SPACING:
            chosen.append(index)
    return [*chosen, last]


def _percent(score: float | None) -> str:
    return "no score" if score is None else f"{score:.1f}%"


def _summary(snapshots: Sequence[Snapshot]) -> str:
    name, first, last = snapshots[-1].project_name, snapshots[0], snapshots[-1]
    if len(snapshots) == 1:
        return (
            f"Compliance score of {name} on {last.as_of.isoformat()}: overall "
            f"{_percent(last.overall.score)}"
        )
    return (
        f"Compliance score of {name} over {len(snapshots)} snapshots from "
        f"{first.as_of.isoformat()} to {last.as_of.isoformat()}: overall "
        f"{_percent(first.overall.score)} to {_percent(last.overall.score)}"
    )


def trend_svg(snapshots: Sequence[Snapshot], *, fluid: bool = False) -> str:
    """An SVG line chart of the overall and per-zone score over ``snapshots`` (oldest first).

    One snapshot gives dots; none raises ``ValueError``. The chart is :data:`WIDTH` pixels wide;
    ``fluid`` makes it fill the width of its container instead (the HTML and PDF report).
    """
    if not snapshots:
        raise ValueError("no snapshots to chart: take one with 'zonewarden snapshot FILE'")
    snapshots = sorted(snapshots, key=lambda s: s.as_of)
    if len({s.project_id for s in snapshots}) > 1:
        raise ValueError("a trend chart shows the snapshots of one project")
    zones, total = _zones(snapshots)
    first = snapshots[0].as_of
    span = (snapshots[-1].as_of - first).days
    xs = [_x(s.as_of, first, span) for s in snapshots]
    legend_rows = 1 + len(zones)
    note = ""
    if total > len(zones):
        note = (
            f"Only the {len(zones)} lowest-scoring of {total} zones on "
            f"{snapshots[-1].as_of.isoformat()} are drawn."
        )
    note_lines = wrap(note, LEGEND_WIDTH, 10, max_lines=3) if note else []
    legend_bottom = TOP + 6 + legend_rows * LEGEND_ROW + len(note_lines) * 13
    height = max(TOP + PLOT_HEIGHT + 44, legend_bottom + 12)
    summary = _summary(snapshots)
    style = 'style="width: 100%; height: auto" ' if fluid else ""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" {style}'
        f'aria-label="{esc(summary)}" font-family="DejaVu Sans, Arial, sans-serif">',
        f"<title>{esc(summary)}</title>",
        "<desc>Overall score per snapshot: "
        + "; ".join(f"{s.as_of.isoformat()} {_percent(s.overall.score)}" for s in snapshots)
        + "</desc>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="22" font-size="13" font-weight="bold" fill="{TEXT_COLOUR}">'
        f"{esc(fit('Compliance score — ' + snapshots[-1].project_name, 480, 13, bold=True))}"
        "</text>",
    ]
    grid = " ".join(f"M{LEFT},{num(_y(level))}H{LEFT + PLOT_WIDTH}" for level in range(0, 101, 25))
    out.append(f'<path d="{grid}" stroke="{GRID_COLOUR}" stroke-width="0.8" fill="none"/>')
    out.append(f'<g font-size="10" fill="{MUTED_COLOUR}" text-anchor="end">')
    for level in range(0, 101, 25):
        out.append(f'<text x="{LEFT - 6}" y="{num(_y(level) + 3.5)}">{level}%</text>')
    out.append("</g>")
    bottom = TOP + PLOT_HEIGHT
    ticks = " ".join(f"M{num(x)},{bottom}v5" for x in xs)
    out.append(f'<path d="{ticks}" stroke="{MUTED_COLOUR}" stroke-width="0.8" fill="none"/>')
    out.append(f'<g font-size="10" fill="{MUTED_COLOUR}" text-anchor="middle">')
    for index in _date_labels(xs):
        out.append(
            f'<text x="{num(xs[index])}" y="{bottom + 18}">'
            f"{snapshots[index].as_of.isoformat()}</text>"
        )
    out.append("</g>")
    legend = []
    for n, (_, name, values) in enumerate(zones):
        colour, dash = PALETTE[n % len(PALETTE)], None if n < len(PALETTE) else "5 3"
        out.extend(_line(xs, values, colour, 1.5, dash, 2.5))
        legend.append(
            (
                name if any(v is not None for v in values) else f"{name} (no score)",
                colour,
                1.5,
                dash,
            )
        )
    overall: Series = [s.overall.score for s in snapshots]
    out.extend(_line(xs, overall, OVERALL_COLOUR, 3, None, 0))
    for x, s in zip(xs, snapshots, strict=True):  # a tooltip per snapshot on the overall line
        if s.overall.score is not None:
            out.append(
                f'<circle cx="{num(x)}" cy="{num(_y(s.overall.score))}" r="3.5" '
                f'fill="{OVERALL_COLOUR}"><title>{s.as_of.isoformat()}: overall '
                f"{_percent(s.overall.score)}</title></circle>"
            )
    legend.insert(0, ("Overall (zones and conduits)", OVERALL_COLOUR, 3, None))
    out.append(f'<g font-size="11" fill="{TEXT_COLOUR}">')
    for row, (name, colour, width, dash) in enumerate(legend):
        y = TOP + 6 + row * LEGEND_ROW
        pattern = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<path d="M{LEGEND_X},{y}h24" stroke="{colour}" stroke-width="{num(width)}"'
            f"{pattern}/>"
            f'<text x="{LEGEND_X + 30}" y="{y + 4}">{esc(fit(name, LEGEND_WIDTH - 30, 11))}</text>'
        )
    out.append("</g>")
    for n, line in enumerate(note_lines):
        y = TOP + 6 + legend_rows * LEGEND_ROW + n * 13
        out.append(
            f'<text x="{LEGEND_X}" y="{y}" font-size="10" fill="{MUTED_COLOUR}">{esc(line)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"
