"""Remediation planning, read-only (actions are edited in the project file and imported): the
roadmap (``zonewarden plan``: phases with their actions and the projected SL-A and score, the
Gantt chart, the XLSX download), the ranked actions (``zonewarden actions``) and one action's
change records with their OT gates (``zonewarden change``).

The documents are those of :mod:`zonewarden.services.remediation`, as the CLI and the API give
them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from zonewarden.domain.findings import BY_ID as FINDINGS
from zonewarden.services.remediation import actions_document, change_document
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.responses import attachment, page_context
from zonewarden.web.permissions import Right
from zonewarden.web.repositories.edits import NotFound
from zonewarden.web.repositories.plans import plan_of, xlsx_of

#: the Gantt chart is shown in the page up to this many actions, else offered as a download
INLINE_GANTT_ROWS = 60
DOWNLOADS = {
    "svg": ("image/svg+xml", "Gantt chart (SVG)"),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Roadmap (XLSX)",
    ),
}


def plan_options(here: Here) -> tuple[str, str]:
    """The ``start`` and ``capacity`` of the page's form, as given (empty when absent)."""
    get = here.request.GET
    return get.get("start", "").strip(), get.get("capacity", "").strip()


def plan_document_of(here: Here) -> dict[str, Any]:
    start, capacity = plan_options(here)
    return plan_of(here.domain, here.as_of, start, capacity)


def finding_title(finding: str | None) -> str | None:
    found = FINDINGS.get(finding or "")
    return None if found is None else found.title


@project_page(Right.READ, shared=True)
def plan_page(request: HttpRequest, here: Here) -> HttpResponse:
    """Today's score, then each phase: its actions, the SL-A per zone it buys, its score."""
    document = plan_document_of(here)
    start, capacity = plan_options(here)
    today = document["phases"][0]
    previous = {z["id"]: z for z in today["zones"]}
    phases = []
    for phase in document["phases"][1:]:
        zones = [
            {**z, "moved": z["sl_achieved"] != previous[z["id"]]["sl_achieved"]}
            for z in phase["zones"]
        ]
        newly = [
            z["id"]
            for z in phase["zones"]
            if z["meets_target"] and not previous[z["id"]]["meets_target"]
        ]
        phases.append(
            {**phase, "zones": zones, "newly": newly, "moved": sum(z["moved"] for z in zones)}
        )
        previous = {z["id"]: z for z in phase["zones"]}
    rows = sum(len(p["actions"]) for p in phases)
    gantt = None
    if 0 < rows <= INLINE_GANTT_ROWS:
        from zonewarden.reports.roadmap import plan_svg

        gantt = mark_safe(plan_svg(document))  # our own SVG: project text is escaped in it
    query = here.query(start=start, capacity=capacity)
    context = page_context(
        here,
        "plan",
        document=document,
        today=today,
        phases=phases,
        rows=rows,
        gantt=gantt,
        start=start,
        capacity=capacity,
        plan_query=query,
        downloads=[(fmt, label) for fmt, (_, label) in DOWNLOADS.items()],
    )
    return render(request, "zonewarden/plan.html", context)


@project_page(Right.READ)
def plan_download(request: HttpRequest, here: Here, fmt: str) -> HttpResponse:
    """The roadmap as ``zonewarden plan --format svg|xlsx`` writes it, as a download."""
    if fmt not in DOWNLOADS:
        raise NotFound(f"plan format {fmt[:20]!r}: expected svg or xlsx")
    document = plan_document_of(here)
    if fmt == "svg":
        from zonewarden.reports.roadmap import plan_svg

        content: str | bytes = plan_svg(document)
    else:
        content = xlsx_of(document)
    name = f"{slugify(here.project.key) or 'project'}-plan.{fmt}"
    return attachment(content, name, DOWNLOADS[fmt][0])


@project_page(Right.READ, shared=True)
def action_list(request: HttpRequest, here: Here) -> HttpResponse:
    """The actions, highest priority first, with status, owner, effort and what they address."""
    document = actions_document(here.domain, here.as_of)
    rows = [{**row, "finding_title": finding_title(row["finding"])} for row in document["actions"]]
    context = page_context(here, "plan", document=document, rows=rows)
    return render(request, "zonewarden/action_list.html", context)


@project_page(Right.READ, shared=True)
def action_page(request: HttpRequest, here: Here, action: str) -> HttpResponse:
    """One action's change records: each OT gate open, closed or waived; what blocks closure."""
    found = here.domain.action(action)
    if found is None:
        raise NotFound(f"action {action[:64]!r}: not found")
    document = change_document(here.domain, found)
    context = page_context(
        here,
        "plan",
        action=found,
        document=document,
        gates=sum(len(c["gates"]) for c in document["changes"]),
    )
    return render(request, "zonewarden/action.html", context)
