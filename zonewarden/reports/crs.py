"""The cybersecurity requirements specification (CRS, IEC 62443-3-2 ZCR 6) for the asset
owner's approval (ZCR 7), as Markdown, HTML or PDF.

:func:`build_crs` computes everything once (risk results, ZCR steps, per zone and conduit the
characteristics 3-2 asks for and the 3-3 requirements its SL-T brings into scope); the Jinja
templates ``crs.md.j2`` and ``crs.html.j2`` only arrange it. The diagram is the deliverables'
(:func:`zonewarden.reports.diagram.render_svg`). Output is deterministic: the only date in it is
``as_of``.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from zonewarden import __version__
from zonewarden.catalog.zcrs import zcr_titles
from zonewarden.domain.assets import Asset
from zonewarden.domain.derivation import (
    RiskResult,
    ScenarioResult,
    TargetRiskResult,
    assess_risk,
    rule_sentence,
)
from zonewarden.domain.levels import FR, SL_DEFINITIONS, SLVector
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog, Requirement
from zonewarden.domain.risk import SLTargetDecision, ZoneRisk, consequence_caps
from zonewarden.domain.threats import ACTOR_DESCRIPTIONS
from zonewarden.domain.zcrs import ZCRStep, zcr_steps
from zonewarden.project.dump import default_file_mode, write_atomic
from zonewarden.reports.model import ReportModel, build_report
from zonewarden.reports.text import clean, vector

TITLE = "Cybersecurity requirements specification"
FORMATS = ("md", "html", "pdf")


@dataclass(frozen=True, slots=True)
class Connection:
    """A conduit as seen from one zone: the zone on the other side and what flows."""

    conduit: str
    other: str
    other_name: str
    protocols: tuple[str, ...]
    sl_target: SLVector


@dataclass(frozen=True, slots=True)
class RequirementSet:
    """The 3-3 requirements one FR's SL-T brings into scope (``min_sl`` 1..level)."""

    fr: int
    title: str
    level: int
    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Characteristics:
    """A zone or conduit as the CRS describes it (ZCR 6.4)."""

    id: str
    type: str
    name: str
    description: str | None
    owner: str | None
    function: str
    safety: bool
    kind: str | None
    purdue_level: float | None
    logical_boundary: tuple[str, ...]
    physical_boundary: str | None
    assets: tuple[Asset, ...]
    connections: tuple[Connection, ...]
    joins: tuple[str, ...]
    protocols: tuple[str, ...]
    sl_target: SLVector
    risk: TargetRiskResult | None
    data: ZoneRisk
    requirements: tuple[RequirementSet, ...]

    @property
    def decision(self) -> SLTargetDecision | None:
        return self.data.decision


@dataclass(frozen=True)
class CRSModel:
    project: Project
    catalog: Catalog
    as_of: date
    report: ReportModel  # for the diagram
    risk: RiskResult | None
    steps: tuple[ZCRStep, ...]
    step_titles: dict[str, str]
    targets: tuple[Characteristics, ...]
    appendix: tuple[Requirement, ...]

    @property
    def generator(self) -> str:
        return f"ZoneWarden {__version__} (catalog {self.catalog.version})"

    @property
    def version(self) -> str | None:
        return None if self.project.risk is None else self.project.risk.version


def _requirement_sets(catalog: Catalog, sl_target: SLVector) -> tuple[RequirementSet, ...]:
    sets = []
    for fr in FR:
        level = sl_target[fr - 1]
        ids = tuple(r.id for r in catalog.part("3-3") if r.fr == fr and r.in_scope(level))
        sets.append(RequirementSet(int(fr), fr.title, level, ids))
    return tuple(sets)


def build_crs(project: Project, catalog: Catalog, as_of: date) -> CRSModel:
    """Everything the CRS shows, computed once."""
    result = None if project.risk is None else assess_risk(project, project.risk, as_of)
    risk_data = project.risk
    names = {z.id: z.name for z in project.zones}
    targets = []
    in_scope: set[str] = set()
    for target in project.targets():
        zone = project.zone(target.id)
        conduit = next((c for c in project.conduits if c.id == target.id), None)
        data = ZoneRisk() if risk_data is None else risk_data.zone(target.id)
        found = None if result is None else result.target(target.id)
        connections = tuple(
            Connection(
                c.id,
                other := (c.zones[1] if c.zones[0] == target.id else c.zones[0]),
                names.get(other, other),
                c.protocols,
                c.sl_target,
            )
            for c in project.conduits
            if target.id in c.zones
        )
        logical = tuple(zone.networks) if zone else ()
        if data.logical_boundary:
            logical = (*logical, data.logical_boundary)
        requirements = _requirement_sets(catalog, target.sl_target)
        in_scope.update(i for s in requirements for i in s.ids)
        targets.append(
            Characteristics(
                id=target.id,
                type=target.type,
                name=target.name,
                description=zone.description if zone else conduit.description if conduit else None,
                owner=zone.owner if zone else None,
                function=found.function if found else ("safety" if target.safety else "other"),
                safety=target.safety,
                kind=zone.kind if zone else None,
                purdue_level=zone.purdue_level if zone else None,
                logical_boundary=logical,
                physical_boundary=data.physical_boundary,
                assets=tuple(a for a in project.assets if a.zone == target.id),
                connections=connections,
                joins=conduit.zones if conduit else (),
                protocols=conduit.protocols if conduit else (),
                sl_target=target.sl_target,
                risk=found,
                data=data,
                requirements=requirements,
            )
        )
    return CRSModel(
        project=project,
        catalog=catalog,
        as_of=as_of,
        report=build_report(project, catalog, as_of),
        risk=result,
        steps=zcr_steps(project, result),
        step_titles=zcr_titles(),
        targets=tuple(targets),
        appendix=tuple(r for r in catalog.part("3-3") if r.id in in_scope),
    )


# --- rendering ------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(value: object) -> str:
    """Text from the project as one line of Markdown: special characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", clean(str(value)))


def _md_block(value: object) -> str:
    """Multi-line text as Markdown paragraphs (each line escaped)."""
    lines = [_md(line) for line in str(value).split("\n")]
    return "\n".join(line for line in lines if line) or ""


def _label(value: str | None) -> str:
    return "" if value is None else value.replace("_", " ")


def _purdue(level: float | None) -> str:
    if level is None:
        return "—"
    return str(int(level)) if float(level).is_integer() else str(level)


@lru_cache(maxsize=2)
def _environment(markdown: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("zonewarden.reports", "templates"),
        autoescape=not markdown,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=_md, md_block=_md_block, label=_label, vector=vector, purdue=_purdue)
    return env


def _levels(model: CRSModel, scale: str, level: str | None) -> str:
    if level is None or model.risk is None:
        return "—"
    return model.risk.assessment.matrix.label(scale, level)


def context(model: CRSModel, diagram_href: str | None = None) -> dict[str, Any]:
    """What the templates read."""
    from zonewarden.reports.diagram import render_svg
    from zonewarden.reports.html import _stylesheet

    project = model.project
    risk = project.risk
    result = model.risk
    matrix = None if risk is None else risk.matrix
    caps = () if risk is None else consequence_caps(risk.derivation, risk.matrix)
    scenarios: tuple[ScenarioResult, ...] = () if result is None else result.scenarios
    approvals = () if risk is None else tuple(sorted(risk.approvals, key=lambda a: a.approved_on))
    return {
        "title": TITLE,
        "model": model,
        "project": project,
        "suc": project.suc,
        "risk": risk,
        "result": result,
        "matrix": matrix,
        "rows": () if matrix is None else tuple(reversed(range(len(matrix.likelihood)))),
        "caps": caps,
        "rule": "" if risk is None else rule_sentence(risk),
        "scenarios": scenarios,
        "actors": ACTOR_DESCRIPTIONS,
        "sl_definitions": [(level, SL_DEFINITIONS[level]) for level in range(1, 5)],
        "steps": model.steps,
        "step_titles": model.step_titles,
        "targets": model.targets,
        "zones": [t for t in model.targets if t.type == "zone"],
        "conduits": [t for t in model.targets if t.type == "conduit"],
        "warnings": () if result is None else result.warnings,
        "approvals": approvals,
        "level_name": lambda scale, level: _levels(model, scale, level),
        "category": (lambda c: c) if risk is None else risk.category_label,
        "frs": [(int(fr), fr.title) for fr in FR],
        "diagram": "" if diagram_href else Markup(render_svg(model.report)),
        "diagram_href": diagram_href,
        "css": _stylesheet(),
    }


def render_markdown(model: CRSModel, diagram_href: str) -> str:
    return _environment(True).get_template("crs.md.j2").render(context(model, diagram_href))


def render_html(model: CRSModel) -> str:
    return _environment(False).get_template("crs.html.j2").render(context(model))


def render_pdf(model: CRSModel) -> bytes:
    from weasyprint import HTML

    from zonewarden.reports.pdf import _refusing_fetcher, _source_date

    document = HTML(string=render_html(model), base_url=None, url_fetcher=_refusing_fetcher())
    with _source_date(model.report):
        pdf = document.write_pdf(pdf_identifier=True)
    return bytes(pdf or b"")


def write_crs(model: CRSModel, fmt: str, path: Path) -> list[Path]:
    """Write the CRS atomically; Markdown also writes its diagram beside it. Returns the files
    written, the CRS first."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown CRS format {fmt!r} (expected md, html or pdf)")
    path = Path(path)
    if fmt == "md":
        from zonewarden.reports.diagram import render_svg

        diagram = path.with_name(f"{path.stem}-diagram.svg")
        write_atomic(path, render_markdown(model, diagram.name))
        write_atomic(diagram, render_svg(model.report))
        return [path, diagram]
    if fmt == "html":
        write_atomic(path, render_html(model))
        return [path]
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(render_pdf(model))
        os.chmod(temporary, default_file_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return [path]
