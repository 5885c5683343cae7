"""The HTML gap assessment report (also the source of the PDF).

One self-contained file: the stylesheet is inlined, the zone and conduit diagram and the radar
charts are inline SVG, nothing is fetched. Rendered with Jinja2 (autoescape on,
``StrictUndefined``) from :class:`~zonewarden.reports.model.ReportModel` only; the same model
gives the same bytes (the only date in it is the report's ``as_of``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from zonewarden.domain.levels import FR, SL_DEFINITIONS
from zonewarden.domain.rules import SEVERITIES
from zonewarden.reports.charts import radar_svg
from zonewarden.reports.model import GapRow, MatrixRow, ReportModel, ZoneReport
from zonewarden.reports.text import vector

TITLE = "Gap assessment report — IEC 62443-3-3"
TOP_GAPS = 10
_VIEWBOX = re.compile(r'viewBox="[-\d.]+ [-\d.]+ (?P<width>[\d.]+) (?P<height>[\d.]+)"')


#: matrix grid codes per status; a "✓" is added when a requirement that is not implemented is
#: satisfied all the same (by an approved compensating countermeasure)
STATUS_CODES = {
    "implemented": "I",
    "partial": "P",
    "not_implemented": "N",
    "not_applicable": "NA",
    "not_assessed": "?",
}
GRID_COLUMNS = 20  # zones and conduits per grid table (fits an A4 landscape page)


@dataclass(frozen=True, slots=True)
class GridRow:
    """One requirement across the zones of a grid: a code and a CSS class per zone."""

    requirement: str
    title: str
    min_sl: int
    cells: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class GridFR:
    """The rows of one FR, with (SL-T, SL-A) of that FR per zone for its heading row."""

    fr: int
    title: str
    levels: tuple[tuple[int, int], ...]
    rows: tuple[GridRow, ...]


@dataclass(frozen=True, slots=True)
class Grid:
    """The control assessment matrix for up to GRID_COLUMNS zones: requirements x zones."""

    zones: tuple[tuple[str, ZoneReport], ...]  # (key, zone)
    frs: tuple[GridFR, ...]


@dataclass(frozen=True, slots=True)
class RemarkGroup:
    """The matrix rows of one zone that carry remarks (notes, justification, countermeasure)."""

    zone: ZoneReport
    rows: tuple[MatrixRow, ...]


def zone_keys(model: ReportModel) -> tuple[tuple[str, ZoneReport], ...]:
    """Short column keys for the grid: Z1.. for zones, C1.. for conduits, in report order."""
    zones, conduits = model.zone_reports(), model.conduit_reports()
    return tuple((f"Z{i}", z) for i, z in enumerate(zones, start=1)) + tuple(
        (f"C{i}", c) for i, c in enumerate(conduits, start=1)
    )


def _cell(row: MatrixRow | None) -> tuple[str, str]:
    if row is None:
        return "", "out"
    code = STATUS_CODES[row.status]
    if row.satisfied and row.status not in ("implemented", "not_applicable"):
        return f"{code}✓", "compensated"
    return code, f"status-{row.status}"


def matrix_appendix(model: ReportModel) -> tuple[list[Grid], list[RemarkGroup]]:
    """Appendix A from one pass over the matrix: the grids, and the rows with remarks."""
    keys = zone_keys(model)
    column = {zone.id: index for index, (_, zone) in enumerate(keys)}
    order = {r.id: i for i, r in enumerate(model.catalog.system_requirements())}
    found: dict[str, list[MatrixRow | None]] = {}
    remarks: dict[str, list[MatrixRow]] = {}
    for row in model.matrix_rows():
        found.setdefault(row.requirement, [None] * len(keys))[column[row.zone]] = row
        if row.notes or row.justification or row.compensating:
            remarks.setdefault(row.zone, []).append(row)
    requirements = sorted(found, key=order.__getitem__)
    grids = []
    tables = -(-len(keys) // GRID_COLUMNS)  # as few tables as fit, with balanced widths
    width = max(1, -(-len(keys) // max(tables, 1)))
    for start in range(0, len(keys), width):
        chunk = keys[start : start + width]
        frs = []
        for fr in FR:
            rows = []
            for rid in requirements:
                cells = found[rid][start : start + width]
                first = next((c for c in cells if c is not None), None)
                if first is None or first.fr != fr:
                    continue
                rows.append(GridRow(rid, first.title, first.min_sl, tuple(_cell(c) for c in cells)))
            if rows:
                levels = tuple((z.sl_target[fr - 1], z.sl_achieved[fr - 1]) for _, z in chunk)
                frs.append(GridFR(int(fr), fr.title, levels, tuple(rows)))
        if frs:
            grids.append(Grid(chunk, tuple(frs)))
    groups = [RemarkGroup(zone, tuple(remarks[zone.id])) for _, zone in keys if zone.id in remarks]
    return grids, groups


def evidence_citations(model: ReportModel) -> dict[str, list[tuple[str, list[str]]]]:
    """Per evidence id: the reported zones and conduits whose assessments cite it, each with
    the requirements (catalog order)."""
    order = {r.id: i for i, r in enumerate(model.catalog.system_requirements())}
    cited: dict[str, dict[str, list[str]]] = {}
    for zone in model.zones:
        for requirement, assessment in model.project.assessments_of(zone.id).items():
            for evidence_id in assessment.evidence:
                cited.setdefault(evidence_id, {}).setdefault(zone.id, []).append(requirement)
    return {
        evidence_id: [
            (zone, sorted(reqs, key=lambda r: order.get(r, len(order))))
            for zone, reqs in zones.items()
        ]
        for evidence_id, zones in cited.items()
    }


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _label(value: str | None) -> str:
    """``not_implemented`` -> ``not implemented`` (status, kind and role values)."""
    return "" if value is None else value.replace("_", " ")


def _purdue(level: float | None) -> str:
    if level is None:
        return "—"
    return str(int(level)) if float(level).is_integer() else str(level)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("zonewarden.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(score=_score, label=_label, vector=vector, purdue=_purdue)
    return env


def _stylesheet() -> Markup:
    css = resources.files("zonewarden.reports").joinpath("templates/report.css")
    text = css.read_text(encoding="utf-8")
    if "</" in text:  # never let the stylesheet close the <style> element
        raise ValueError("report.css must not contain '</'")
    return Markup(text)


def _rules(model: ReportModel) -> dict[str, Any]:
    """The severity and priority rules in force, for the methodology section."""
    rules = model.project.rules
    return {
        "severity": rules.severity,
        "priority": rules.priority,
        "fr_weights": [(FR(i + 1).label, w) for i, w in enumerate(rules.priority.fr_weights)],
    }


def _is_wide(svg: str) -> bool:
    """Whether an SVG is wider than tall (its page is then printed in landscape)."""
    match = _VIEWBOX.search(svg[:2000])
    return match is None or float(match["width"]) >= float(match["height"])


def context(model: ReportModel) -> dict[str, Any]:
    """Everything the template reads, computed from the model (and nothing else)."""
    from zonewarden.reports.diagram import render_svg

    diagram = render_svg(model)
    project = model.project
    keys = zone_keys(model)
    grids, remarks = matrix_appendix(model)
    gaps_of: dict[str, list[GapRow]] = {z.id: [] for z in model.zones}
    for gap in model.gaps:  # one pass, in register order
        gaps_of[gap.zone].append(gap)
    return {
        "title": TITLE,
        "model": model,
        "project": project,
        "suc": project.suc,
        "overall": model.overall,
        "severities": tuple(reversed(SEVERITIES)),
        "sl_definitions": [(level, SL_DEFINITIONS[level]) for level in range(1, 5)],
        "rules": _rules(model),
        "top_gaps": model.gaps[:TOP_GAPS],
        "zones": model.zone_reports(),
        "conduits": model.conduit_reports(),
        "descriptions": {
            **{z.id: z.description for z in project.zones},
            **{c.id: c.description for c in project.conduits},
        },
        "zone_names": {z.id: z.name for z in project.zones},
        "gaps_of": gaps_of,
        "radar": {
            z.id: Markup(radar_svg(z.fr_scores, size=260, title=f"{z.name}: SL-T and SL-A per FR"))
            for z in model.zones
        },
        "diagram": Markup(diagram),
        "diagram_wide": _is_wide(diagram),
        "keys": keys,
        "grids": grids,
        "remarks": remarks,
        "evidence": project.evidence,
        "cited": evidence_citations(model),
        "css": _stylesheet(),
        "trend": model.trend,
        "trend_chart": _trend_chart(model),
    }


def _trend_chart(model: ReportModel) -> Markup | None:
    """The trend chart of the project's snapshots (section 1), or None when there are none."""
    if not model.trend:
        return None
    from zonewarden.reports.trend import trend_svg

    return Markup(trend_svg(model.trend, fluid=True))


def render_html(model: ReportModel) -> str:
    """The full report as one self-contained HTML document."""
    return _environment().get_template("report.html.j2").render(context(model))
