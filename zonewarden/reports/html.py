"""The HTML gap assessment report (also the source of the PDF).

One self-contained file: the stylesheet is inlined, the zone and conduit diagram and the radar
charts are inline SVG, nothing is fetched. Rendered with Jinja2 (autoescape on,
``StrictUndefined``) from :class:`~zonewarden.reports.model.ReportModel` only; the same model
gives the same bytes (the only date in it is the report's ``as_of``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from zonewarden.domain.levels import FR, SL_DEFINITIONS
from zonewarden.domain.rules import SEVERITIES
from zonewarden.reports.charts import radar_svg
from zonewarden.reports.model import MatrixRow, ReportModel, ZoneReport

TITLE = "Gap assessment report — IEC 62443-3-3"
TOP_GAPS = 10
STATUSES = ("implemented", "partial", "not_implemented", "not_applicable", "not_assessed")


@dataclass(frozen=True, slots=True)
class MatrixGroup:
    """The matrix rows of one zone or conduit (appendix A is grouped by zone)."""

    zone: ZoneReport
    rows: tuple[MatrixRow, ...]


def evidence_citations(model: ReportModel) -> dict[str, int]:
    """How many assessments of the reported zones and conduits cite each evidence id."""
    counts: dict[str, int] = {}
    for zone in model.zones:
        for assessment in model.project.assessments_of(zone.id).values():
            for evidence_id in assessment.evidence:
                counts[evidence_id] = counts.get(evidence_id, 0) + 1
    return counts


def matrix_groups(model: ReportModel) -> Iterator[MatrixGroup]:
    """Matrix rows grouped by zone/conduit, in report order (one zone in memory at a time)."""
    by_id = {z.id: z for z in model.zones}
    current: str | None = None
    rows: list[MatrixRow] = []
    for row in model.matrix_rows():
        if row.zone != current:
            if current is not None:
                yield MatrixGroup(by_id[current], tuple(rows))
            current, rows = row.zone, []
        rows.append(row)
    if current is not None:
        yield MatrixGroup(by_id[current], tuple(rows))


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _label(value: str | None) -> str:
    """``not_implemented`` -> ``not implemented`` (status, kind and role values)."""
    return "" if value is None else value.replace("_", " ")


def _vector(values: tuple[int, ...]) -> str:
    return " ".join(str(v) for v in values)


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
    env.filters.update(score=_score, label=_label, vector=_vector, purdue=_purdue)
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


def context(model: ReportModel) -> dict[str, Any]:
    """Everything the template reads, computed from the model (and nothing else)."""
    from zonewarden.reports.diagram import render_svg

    project = model.project
    return {
        "title": TITLE,
        "model": model,
        "project": project,
        "suc": project.suc,
        "overall": model.overall,
        "severities": tuple(reversed(SEVERITIES)),
        "statuses": STATUSES,
        "frs": tuple(FR),
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
        "gaps_of": {z.id: model.gaps_of(z.id) for z in model.zones},
        "radar": {
            z.id: Markup(radar_svg(z.fr_scores, size=260,
                                   title=f"{z.name}: SL-T and SL-A per FR"))
            for z in model.zones
        },
        "diagram": Markup(render_svg(model)),
        "matrix_groups": matrix_groups(model),
        "evidence": project.evidence,
        "cited": evidence_citations(model),
        "css": _stylesheet(),
    }


def render_html(model: ReportModel) -> str:
    """The full report as one self-contained HTML document."""
    return _environment().get_template("report.html.j2").render(context(model))
