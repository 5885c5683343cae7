"""Certification readiness and continuous compliance (issue 7): the readiness
checklist and pitfalls (``zonewarden readiness``), the compliance calendar with its iCalendar
download (``zonewarden due``), where an obligation can be recorded as done, and the
non-conformity register (``zonewarden nonconformities``).
Snapshots are in :mod:`.snapshots`, the evidence bundle in :mod:`.bundle`.

The documents are those of :mod:`zonewarden.web.repositories.compliance`, as the CLI and the
API give them; the pages only add links to the objects they name.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from zonewarden.domain.calendar import KIND_TITLES
from zonewarden.domain.certification import SCHEME_PARTS, SCHEME_TITLES, SCHEMES
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.responses import attachment, page_context
from zonewarden.web.permissions import Right
from zonewarden.web.repositories.compliance import (
    DEFAULT_WITHIN,
    due_of,
    ics_of,
    readiness_of,
    register_of,
    scheme_of,
    window_of,
)
from zonewarden.web.repositories.edits import record_obligation_done
from zonewarden.web.repositories.snapshots import day_of

TRUE = ("1", "true", "on", "yes")


def context(here: Here, tab: str, **extra: Any) -> dict[str, Any]:
    """:func:`page_context` of the Certification section, ``tab`` naming the page in it."""
    return page_context(here, "certification", tab=tab, **extra)


class Linker:
    """Where an id named by a document is shown: zones and conduits to their matrix, evidence
    to the evidence list, non-conformities to the register; others are not linked."""

    def __init__(self, here: Here) -> None:
        domain, pk, query = here.domain, here.project.pk, here.query()
        self.urls: dict[str, str] = {}
        evidence = reverse("evidence-list", args=[pk]) + query
        for item in domain.evidence:
            self.urls[item.id] = f"{evidence}#ev-{item.id}"
        register = reverse("certification-nonconformities", args=[pk]) + query
        for nc in domain.nonconformities:
            self.urls[nc.id] = f"{register}#nc-{nc.id}"
        for target in domain.targets():
            self.urls[target.id] = reverse("matrix", args=[pk, target.id]) + query

    def __call__(self, ids: list[str]) -> list[dict[str, str | None]]:
        return [{"id": i, "url": self.urls.get(i)} for i in ids]


@project_page(Right.READ, shared=True)
def readiness_page(request: HttpRequest, here: Here) -> HttpResponse:
    """The certification target, the checklist with what is missing, the pitfalls, the verdict."""
    scheme = scheme_of(request.GET.get("scheme"))
    document = readiness_of(here.project, here.as_of, scheme)
    link = Linker(here)
    certification = here.domain.certification
    target = dict(document["certification"])
    days = target["days_to_audit"]
    target["days_ago"] = -days if days is not None and days < 0 else None
    file_scheme = certification.scheme if certification else "ssa"
    context_ = context(
        here,
        "readiness",
        document=document,
        target=target,
        counts=document["counts"],
        checklist=[{**item, "links": link(item["objects"])} for item in document["checklist"]],
        pitfalls=[
            {
                **pitfall,
                "links": link(pitfall["objects"]),
                "suggested": link(pitfall.get("suggested_scope", [])),
            }
            for pitfall in document["pitfalls"]
        ],
        scope=link(document["certification"]["scope"]),
        scheme=scheme or "",
        file_scheme=file_scheme,
        schemes=[(s, f"{SCHEME_TITLES[s]}, {SCHEME_PARTS[s]}") for s in SCHEMES],
        has_certification=certification is not None,
    )
    return render(request, "zonewarden/certification_readiness.html", context_)


@project_page(Right.READ, shared=True)
def calendar_page(request: HttpRequest, here: Here) -> HttpResponse:
    """What is due within the window, overdue first, and the iCalendar download."""
    given = request.GET.get("within", "").strip()
    window = window_of(given)
    document = due_of(here.project, here.as_of, window)
    link = Linker(here)
    items = [
        {
            **item,
            "kind_name": KIND_TITLES.get(item["kind"], item["kind"]).capitalize(),
            "links": link(item["ids"]),
            "late": -item["days"],
        }
        for item in document["items"]
    ]
    context_ = context(
        here,
        "calendar",
        document=document,
        counts=document["counts"],
        overdue=[item for item in items if item["overdue"]],
        upcoming=[item for item in items if not item["overdue"]],
        within=given or DEFAULT_WITHIN,
        window_words=window.words(),
        ics_query=here.query(within=given),
        today=timezone.localdate(),
    )
    return render(request, "zonewarden/certification_calendar.html", context_)


@project_page(Right.READ)
def calendar_ics(request: HttpRequest, here: Here) -> HttpResponse:
    """The items due within the window as an iCalendar file (``due --format ics``)."""
    window = window_of(request.GET.get("within", "").strip())
    name = f"{slugify(here.project.key) or 'project'}-due-{here.as_of.isoformat()}.ics"
    return attachment(ics_of(here.project, here.as_of, window), name, "text/calendar")


@project_page(Right.READ, shared=True)
def nonconformities_page(request: HttpRequest, here: Here) -> HttpResponse:
    """The register: status, severity, finding, corrective action, owner, due date, overdue."""
    open_only = request.GET.get("open", "").lower() in TRUE
    document = register_of(here.project, here.as_of, open_only)
    link = Linker(here)
    rows = [
        {
            **row,
            "status_text": row["status"].replace("_", " "),
            "source_text": row["source"].replace("_", " "),
            "zone_links": link(row["zones"]),
        }
        for row in document["nonconformities"]
    ]
    context_ = context(
        here,
        "nonconformities",
        document=document,
        counts=document["counts"],
        rows=rows,
        open_only=open_only,
        toggle_query=here.query(open=not open_only),
    )
    return render(request, "zonewarden/certification_nonconformities.html", context_)


@project_page(Right.EDIT, methods=("POST",))
def obligation_done(request: HttpRequest, here: Here, obligation: str) -> HttpResponse:
    """Record a recurring obligation as done on the date given (default today)."""
    today = timezone.localdate()
    text = request.POST.get("done_on", "").strip()
    day = day_of(text, "done_on") if text else today
    result = record_obligation_done(here.project.pk, here.actor, obligation, day, today)
    due = result["next_due"]
    messages.success(
        request,
        f"Obligation {obligation} recorded as done on {day.isoformat()}"
        + (f"; next due {due}." if due else "."),
    )
    return redirect(reverse("certification-calendar", args=[here.project.pk]))
