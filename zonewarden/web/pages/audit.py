"""The audit trail of a project (owner and auditor): every change, newest first, with the
values before and after."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zonewarden.web.pages import records
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.responses import page_context
from zonewarden.web.permissions import Right

PAGE_SIZE = 100


def _shown(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)


@project_page(Right.AUDIT)
def audit_list(request: HttpRequest, here: Here) -> HttpResponse:
    """A page of entries, newest first; ``?before=SEQ`` continues with older ones."""
    before_text = request.GET.get("before", "")
    before = int(before_text) if before_text.isdigit() else None
    entries = records.audit_entries(here.project, before, PAGE_SIZE + 1)
    more = len(entries) > PAGE_SIZE
    rows = [
        {"entry": e, "before": _shown(e.before), "after": _shown(e.after)}
        for e in entries[:PAGE_SIZE]
    ]
    context = page_context(
        here,
        "audit",
        rows=rows,
        older=rows[-1]["entry"].seq if more and rows else None,
        first_page=before is None,
    )
    return render(request, "zonewarden/audit.html", context)
