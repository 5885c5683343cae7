"""The remediation roadmap as a Gantt chart (hand-written SVG) and an XLSX sheet.

Both render the ``plan`` document (:func:`zonewarden.services.remediation.plan_document`);
they never query. Text from the project file is escaped (SVG) or written as text (XLSX).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

PHASE_COLOURS = {1: "#2e7d32", 2: "#1565c0", 3: "#6a1b9a", 4: "#9e9e9e"}
ROW, LEFT, MONTH, TOP = 22, 260, 28, 48


def plan_svg(document: dict[str, Any]) -> str:
    """A Gantt chart: one bar per action over 24 months (and beyond), phases shaded."""
    rows = [row for phase in document["phases"][1:] for row in phase["actions"]]
    months = max([24, *(max(r["end_month"], r["start_month"] + 1) for r in rows)])
    width = LEFT + months * MONTH + 20
    height = TOP + len(rows) * ROW + 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
        f"<title>Remediation roadmap of {escape(document['project'])}</title>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    for phase, (start, end) in {1: (0, 3), 2: (3, 12), 3: (12, 24)}.items():
        x = LEFT + start * MONTH
        out.append(
            f'<rect x="{x}" y="{TOP - 30}" width="{(end - start) * MONTH}" '
            f'height="{height - TOP + 10}" fill="{PHASE_COLOURS[phase]}" fill-opacity="0.06"/>'
        )
        out.append(f'<text x="{x + 4}" y="{TOP - 18}" font-weight="bold">Phase {phase}</text>')
    for m in range(0, months + 1, 3):
        x = LEFT + m * MONTH
        out.append(f'<line x1="{x}" y1="{TOP - 8}" x2="{x}" y2="{height - 10}" stroke="#ccc"/>')
        out.append(f'<text x="{x + 2}" y="{TOP - 2}" fill="#555">M{m}</text>')
    for n, row in enumerate(rows):
        y = TOP + n * ROW
        start, end = row["start_month"], max(row["end_month"], row["start_month"] + 0.25)
        colour = PHASE_COLOURS.get(row["phase"], "#9e9e9e")
        out.append(f'<text x="4" y="{y + 15}">{escape(row["id"][:40])}</text>')
        out.append(
            f'<rect x="{LEFT + start * MONTH}" y="{y + 4}" width="{(end - start) * MONTH}" '
            f'height="{ROW - 8}" rx="3" fill="{colour}"><title>{escape(row["title"])}: '
            f"{row['start']} to {row['end']}, {row['effort']:g} person-days</title></rect>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write_plan_xlsx(document: dict[str, Any], path: str | Path) -> None:
    """Two sheets: the roadmap's actions, and the projected SL-A per zone after each phase."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    try:
        bold = book.add_format({"bold": True})
        sheet = book.add_worksheet("Roadmap")
        headers = [
            "Phase",
            "Action",
            "Title",
            "Status",
            "Start",
            "End",
            "Effort (person-days)",
            "Cost",
            "Priority",
            "Why",
            "Depends on",
        ]
        sheet.write_row(0, 0, headers, bold)
        n = 1
        for phase in document["phases"][1:]:
            for r in phase["actions"]:
                sheet.write_row(
                    n,
                    0,
                    [
                        r["phase"],
                        r["id"],
                        r["title"],
                        r["status"],
                        r["start"],
                        r["end"],
                        r["effort"],
                        r["cost"] or 0,
                        r["priority"],
                        r["reason"],
                        " ".join(r["depends_on"]),
                    ],
                )
                n += 1
        projected = book.add_worksheet("Projection")
        projected.write_row(
            0,
            0,
            ["Phase", "Zone/conduit", "SL-T", "SL-A", "Meets SL-T", "Score", "Overall score"],
            bold,
        )
        n = 1
        for phase in document["phases"]:
            for z in phase["zones"]:
                projected.write_row(
                    n,
                    0,
                    [
                        phase["name"],
                        z["id"],
                        " ".join(map(str, z["sl_target"])),
                        " ".join(map(str, z["sl_achieved"])),
                        "yes" if z["meets_target"] else "no",
                        "" if z["score"] is None else z["score"],
                        "" if phase["score"] is None else phase["score"],
                    ],
                )
                n += 1
    finally:
        book.close()
