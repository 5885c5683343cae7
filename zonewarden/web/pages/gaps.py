"""The gap register, most important first, filtered by zone or conduit, severity and FR: the
same list as ``zonewarden gaps`` (services/gaps.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zonewarden.domain.evaluation import evaluate
from zonewarden.domain.levels import FR
from zonewarden.domain.rules import SEVERITIES
from zonewarden.services.gaps import gap_row, select_gaps
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.assessments import anchor_of
from zonewarden.web.pages.responses import page_context
from zonewarden.web.permissions import Right
from zonewarden.web.repositories.edits import EditError


def _filters(here: Here, request: HttpRequest) -> tuple[list[str], list[int], list[str]]:
    """The zone, FR and severity filters of the query, checked as the CLI checks them."""
    known = {t.id for t in here.domain.targets()}
    zones = [z for z in request.GET.getlist("zone") if z]
    for zone in zones:
        if zone not in known:
            raise EditError(f"zone: unknown zone or conduit {zone[:64]!r} in this project")
    frs = []
    for text in request.GET.getlist("fr"):
        if not text.isdigit() or not 1 <= int(text) <= 7:
            raise EditError(f"fr: expected a number 1-7, got {text[:20]!r}")
        frs.append(int(text))
    severities = [s for s in request.GET.getlist("severity") if s]
    for severity in severities:
        if severity not in SEVERITIES:
            expected = ", ".join(SEVERITIES)
            raise EditError(f"severity: expected one of {expected}, got {severity[:20]!r}")
    return zones, frs, severities


@project_page(Right.READ, shared=True)
def gap_list(request: HttpRequest, here: Here) -> HttpResponse:
    """The register (GET form; a bad filter shows its message with status 400)."""
    targets = [(t.id, t.name, t.type) for t in here.domain.targets()]
    context = page_context(
        here,
        "gaps",
        targets=targets,
        severities=list(reversed(SEVERITIES)),
        frs=[(int(fr), fr.title) for fr in FR],
    )
    try:
        zones, frs, severities = _filters(here, request)
    except EditError as error:
        context.update(error=str(error), rows=[], chosen={"zone": [], "fr": [], "severity": []})
        return render(request, "zonewarden/gap_list.html", context, status=400)
    evaluation = evaluate(here.domain, here.catalog, here.as_of)
    gaps = select_gaps(evaluation, zones, frs, severities)
    names = {t.id: t.name for t in here.domain.targets()}
    rows = [
        {**gap_row(gap, rank), "name": names[gap.zone], "anchor": anchor_of(gap.requirement)}
        for rank, gap in enumerate(gaps, start=1)
    ]
    context.update(
        rows=rows,
        total=evaluation.gap_count,
        chosen={"zone": zones, "fr": frs, "severity": severities},
    )
    return render(request, "zonewarden/gap_list.html", context)
