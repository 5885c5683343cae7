"""Hand-written SVG charts for the reports (no plotting library, deterministic output).

:func:`radar_svg` draws the spider chart of a zone or conduit: SL-T against SL-A over the seven
foundational requirements, axes 0-4. The same inputs always give the same bytes: coordinates are
rounded to one decimal and nothing depends on time or randomness. Every text is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from zonewarden.domain.levels import FR, MAX_SL
from zonewarden.reports.text import escape, num, vector

TARGET_COLOUR = "#1f5fa8"
ACHIEVED_COLOUR = "#d9822b"
GRID_COLOUR = "#c8ccd2"
TEXT_COLOUR = "#333a44"


def _vectors(data: Sequence[Any], sl_achieved: Sequence[int] | None) -> tuple[list[int], list[int]]:
    """Accept FR scores (objects with ``sl_target``/``sl_achieved``) or two SL vectors."""
    if sl_achieved is None:
        rows = list(data)
        target = [int(row.sl_target) for row in rows]
        achieved = [int(row.sl_achieved) for row in rows]
    else:
        target, achieved = [int(v) for v in data], [int(v) for v in sl_achieved]
    if len(target) != 7 or len(achieved) != 7:
        raise ValueError("a radar chart needs seven values per vector (FR 1..FR 7)")
    for value in (*target, *achieved):
        if not 0 <= value <= MAX_SL:
            raise ValueError(f"security levels are 0-{MAX_SL}, got {value}")
    return target, achieved


def _point(cx: float, cy: float, radius: float, index: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / 7  # FR 1 at the top, clockwise
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)


def _polygon(cx: float, cy: float, scale: float, values: Sequence[float]) -> str:
    return " ".join(
        f"{num(x)},{num(y)}"
        for x, y in (_point(cx, cy, scale * v, i) for i, v in enumerate(values))
    )


def radar_svg(
    data: Sequence[Any],
    sl_achieved: Sequence[int] | None = None,
    *,
    size: int = 300,
    title: str | None = None,
) -> str:
    """An SVG radar chart of SL-T (outline) and SL-A (filled) over FR 1..FR 7.

    ``data`` is either the seven :class:`~zonewarden.reports.model.FRScore` of a zone, or its
    SL-T vector when ``sl_achieved`` is given as well. ``title`` names the chart for screen
    readers (``<title>``). The chart is ``size`` pixels wide and scales with CSS.
    """
    target, achieved = _vectors(data, sl_achieved)
    width, height = size, size + 40
    cx, cy = size / 2, size / 2 + 4
    scale = (size / 2 - 46) / MAX_SL
    label = title or "SL-T and SL-A per foundational requirement"
    summary = f"{label}. SL-T {vector(target)}; SL-A {vector(achieved)}."
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="radar" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(summary)}" font-family="DejaVu Sans, Arial, sans-serif">',
        f"<title>{escape(summary)}</title>",
    ]
    # few SVG nodes: the PDF renderer draws each one in Python (24+ charts per report)
    rings = " ".join(f"M{_polygon(cx, cy, scale, [level] * 7)}Z" for level in range(1, 5))
    spokes = " ".join(
        f"M{num(cx)},{num(cy)}L{num(x)},{num(y)}"
        for x, y in (_point(cx, cy, scale * MAX_SL, i) for i in range(7))
    )
    out.append(
        f'<path d="{rings} {spokes}" fill="none" stroke="{GRID_COLOUR}" stroke-width="0.8"/>'
    )
    out.append('<g font-size="8" fill="#8a9099">')
    for level in range(1, MAX_SL + 1):
        out.append(f'<text x="{num(cx + 3)}" y="{num(cy - scale * level - 2)}">{level}</text>')
    out.append(f'</g><g font-size="10" fill="{TEXT_COLOUR}">')
    for index in range(7):
        lx, ly = _point(cx, cy, scale * MAX_SL + 18, index)
        anchor = "middle" if abs(lx - cx) < 8 else ("start" if lx > cx else "end")
        fr = FR(index + 1)
        out.append(
            f'<text x="{num(lx)}" y="{num(ly + 4)}" text-anchor="{anchor}">'
            f"{escape(fr.label)} {escape(fr.name)}</text>"
        )
    out.append("</g>")
    out.append(
        f'<polygon points="{_polygon(cx, cy, scale, achieved)}" fill="{ACHIEVED_COLOUR}" '
        f'fill-opacity="0.35" stroke="{ACHIEVED_COLOUR}" stroke-width="2" '
        'stroke-linejoin="round"/>'
    )
    out.append(
        f'<polygon points="{_polygon(cx, cy, scale, target)}" fill="none" '
        f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>'
    )
    legend_y = height - 14
    out.append(
        f'<line x1="{num(cx - 110)}" y1="{legend_y}" x2="{num(cx - 86)}" y2="{legend_y}" '
        f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>'
        f'<text x="{num(cx - 80)}" y="{legend_y + 4}" font-size="10" fill="{TEXT_COLOUR}">'
        "SL-T (target)</text>"
        f'<rect x="{num(cx + 6)}" y="{legend_y - 6}" width="20" height="12" '
        f'fill="{ACHIEVED_COLOUR}" fill-opacity="0.35" stroke="{ACHIEVED_COLOUR}" '
        'stroke-width="2"/>'
        f'<text x="{num(cx + 32)}" y="{legend_y + 4}" font-size="10" fill="{TEXT_COLOUR}">'
        "SL-A (achieved)</text>"
    )
    out.append("</svg>")
    return "\n".join(out)
