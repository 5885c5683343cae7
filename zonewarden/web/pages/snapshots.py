"""Snapshots and trend (issue 7): the project's stored snapshots, taking one (EDIT right; a
second one on the same day replaces the first), the trend chart of their scores (an SVG served
on its own URL and shown with ``<img>``) and what changed between two snapshots, or between a
snapshot and the current state, zone by zone with the explanation lines of ``zonewarden diff``.

The documents are those of :mod:`zonewarden.services.snapshots`; the snapshots are kept by
:mod:`zonewarden.web.repositories.snapshots`.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from zonewarden.domain.snapshots import Snapshot
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.certification import context
from zonewarden.web.pages.responses import attachment
from zonewarden.web.permissions import Right
from zonewarden.web.repositories.edits import NotFound
from zonewarden.web.repositories.snapshots import (
    CURRENT,
    charted,
    day_of,
    diff_of,
    listing,
    side_of,
    take_snapshot,
)


@project_page(Right.READ)
def snapshot_list(request: HttpRequest, here: Here) -> HttpResponse:
    """The snapshots, the trend, the form to take one, and the diff of two chosen ones."""
    rows = [
        {**row, "taken": row["taken_at"][:16].replace("T", " ")} for row in listing(here.project)
    ]
    dates = [row["as_of"] for row in rows]
    before = [d for d in dates if d < here.as_of.isoformat()] or dates
    old = request.GET.get("old", "").strip() or (before[-1] if before else "")
    new = request.GET.get("new", "").strip() or CURRENT
    diff = None
    if old:
        project, day = here.project, here.as_of
        diff = diff_of(side_of(project, old, "old", day), side_of(project, new, "new", day))
    trend = charted(here.project)
    context_ = context(
        here,
        "snapshots",
        rows=list(reversed(rows)),
        dates=list(reversed(dates)),
        old=old,
        new=new,
        current=CURRENT,
        diff=diff,
        changed=None if diff is None else diff["zones"],
        trend=len(trend),
        trend_alt=_trend_text(trend),
    )
    return render(request, "zonewarden/certification_snapshots.html", context_)


def _trend_text(snapshots: tuple[Snapshot, ...]) -> str:
    if not snapshots:
        return ""
    first, last = snapshots[0], snapshots[-1]

    def score(s: Snapshot) -> str:
        return "no score" if s.overall.score is None else f"{s.overall.score:.1f}%"

    if len(snapshots) == 1:
        return f"Compliance score on {last.as_of.isoformat()}: {score(last)}"
    return (
        f"Compliance score over {len(snapshots)} snapshots from {first.as_of.isoformat()} to "
        f"{last.as_of.isoformat()}: {score(first)} to {score(last)}"
    )


@project_page(Right.EDIT, methods=("POST",))
def snapshot_take(request: HttpRequest, here: Here) -> HttpResponse:
    """Take a snapshot of the project on the date given (default today); same day: replaced."""
    text = request.POST.get("as_of", "").strip()
    day = day_of(text, "as_of") if text else timezone.localdate()
    taken = take_snapshot(here.project, request.user, day)
    o = taken.snapshot.overall
    score = "no score" if o.score is None else f"{o.score:.1f}%"
    messages.success(
        request,
        f"Snapshot of {day.isoformat()} {'replaced' if taken.replaced else 'taken'}: "
        f"score {score}, {o.gaps} gaps, {o.targets_met} of {o.targets} zones and conduits "
        "meet SL-T.",
    )
    return redirect(reverse("certification-snapshots", args=[here.project.pk]))


@project_page(Right.READ)
def trend_svg(request: HttpRequest, here: Here) -> HttpResponse:
    """The trend chart of ``zonewarden trend --output`` over the stored snapshots."""
    from zonewarden.reports.trend import trend_svg as render_trend

    snapshots = charted(here.project)
    if not snapshots:
        raise NotFound("trend: no snapshots of this project to chart; take one first")
    name = f"{slugify(here.project.key) or 'project'}-trend.svg"
    return attachment(render_trend(snapshots), name, "image/svg+xml")
