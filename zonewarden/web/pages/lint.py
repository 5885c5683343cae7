"""The zoning rules (IEC 62443-3-2 ZCR 3) run on a project: open findings with their severity,
rule, clause, message, concerned objects and how to fix them; waived findings with the reason
of their waiver; PASS or FAIL as ``zonewarden lint`` decides it (``?strict=1``: warnings fail
too). The document is :func:`zonewarden.services.lint.lint_document`'s."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from zonewarden.services.lint import lint_document
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.responses import page_context, plural
from zonewarden.web.permissions import Right
from zonewarden.web.repositories.results import cached

TRUE = ("1", "true", "on", "yes")
# The rules take about 0.1 s per 5,000 assets (2 s for the 100,000-asset portfolio benchmark)
SUMMARY_ASSET_LIMIT = 5_000


def document_of(here: Here, strict: bool = False) -> dict[str, Any]:
    """The lint document of the project on the page's date, waived findings included,
    computed once per revision."""
    return cached(
        here.project,
        here.as_of,
        f"lint:{strict}",
        lambda: lint_document(here.domain, here.catalog, here.as_of, strict=strict),
    )


def summary(here: Here) -> str:
    """``0 open findings, 9 waived``: the overview's line about the zoning rules (not run for
    a portfolio of many assets, where it would delay every first view of the overview)."""
    if len(here.domain.assets) > SUMMARY_ASSET_LIMIT:
        return f"not run on the overview of a project of more than {SUMMARY_ASSET_LIMIT:,} assets"
    counts = document_of(here)["counts"]
    opened = counts["error"] + counts["warning"] + counts["info"]
    return f"{plural(opened, 'open finding')}, {counts['waived']} waived"


def object_url(here: Here, kind: str, key: str) -> str | None:
    """Where a concerned object is edited (or, for readers, where zones and conduits are read)."""
    if kind not in ("zone", "conduit", "asset"):
        return None
    if here.can(Right.EDIT):
        return reverse(f"{kind}-edit", args=[here.project.pk, key])
    if kind == "asset":
        return reverse("asset-list", args=[here.project.pk])
    return reverse("matrix", args=[here.project.pk, key]) + here.query()


@project_page(Right.READ, shared=True)
def lint_page(request: HttpRequest, here: Here) -> HttpResponse:
    """Open findings, waived findings (in a section the reader opens) and the verdict."""
    strict = request.GET.get("strict", "").lower() in TRUE
    document = document_of(here, strict)
    findings = [
        {
            **row,
            "links": [
                {**item, "url": object_url(here, item["type"], item["id"])}
                for item in row["objects"]
            ],
        }
        for row in document["findings"]
    ]
    opened = [row for row in findings if not row["waived"]]
    fixes: dict[str, str] = {}
    for row in opened:
        fixes.setdefault(row["rule"], row["fix"])
    context = page_context(
        here,
        "lint",
        document=document,
        counts=document["counts"],
        opened=opened,
        waived=[row for row in findings if row["waived"]],
        fixes=list(fixes.items()),
        strict=strict,
        strict_query=here.query(strict=not strict),
    )
    return render(request, "zonewarden/lint.html", context)
