"""The assessment matrix of a zone or conduit: every in-scope requirement grouped by FR, edited
row by row.

With htmx a row is edited in place: the row endpoint answers with the re-rendered row plus
out-of-band swaps of the zone's SL-A/score summary (and of the SR's enhancements, which inherit
a not-applicable SR), so SL-A and the score follow every edit. Without JavaScript the same
endpoint takes a plain form POST and redirects back to the row (``?edit=`` opens a row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.html import escape
from django.utils.safestring import mark_safe

from zonewarden.domain.levels import FR
from zonewarden.services.matrix import zone_matrix
from zonewarden.web.errors import REFUSALS, status_of
from zonewarden.web.pages import records
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.forms import AssessmentForm
from zonewarden.web.pages.heatmap import cells
from zonewarden.web.pages.responses import page_context
from zonewarden.web.permissions import Forbidden, Right
from zonewarden.web.repositories.edits import Conflict, put_assessment, requirement_id
from zonewarden.web.repositories.results import cached

STATUS_LABELS = {
    "implemented": "Implemented",
    "partial": "Partial",
    "not_implemented": "Not implemented",
    "not_applicable": "Not applicable",
    "not_assessed": "Not assessed",
}


def anchor_of(requirement: str) -> str:
    """An HTML id for a requirement row: ``SR 1.1 RE 1`` -> ``SR-1-1-RE-1``."""
    return re.sub(r"[^A-Za-z0-9]+", "-", requirement)


@dataclass
class Editing:
    """A row open for editing, with what the last save attempt said."""

    requirement: str
    form: AssessmentForm
    conflict: dict[str, Any] | None = None


def _matrix(here: Here, target: str) -> dict[str, Any]:
    return cached(
        here.project,
        here.as_of,
        f"matrix:{target}",
        lambda: zone_matrix(here.domain, here.catalog, target, here.as_of),
    )


def _urls(here: Here, target: str, rid: str, show_all: bool) -> dict[str, str]:
    pk = here.project.pk
    row = reverse("matrix-row", args=[pk, target, rid])
    page = reverse("matrix", args=[pk, target])
    return {
        "save": row + here.query(all=show_all and "1"),
        "edit": row + here.query(all=show_all and "1", mode="edit"),
        "view": row + here.query(all=show_all and "1"),
        "edit_page": page + here.query(all=show_all and "1", edit=rid) + f"#row-{anchor_of(rid)}",
        "page": page + here.query(all=show_all and "1") + f"#row-{anchor_of(rid)}",
    }


def _form(here: Here, row: dict[str, Any], version: int, data: Any = None) -> AssessmentForm:
    evidence = [(e.id, e.title) for e in here.domain.evidence]
    initial = AssessmentForm.initial_from(row, version)
    return AssessmentForm(
        data,
        initial=initial,
        prefix=anchor_of(row["id"]),
        evidence=evidence,
        may_approve=here.can(Right.APPROVE),
    )


def _row(
    here: Here,
    target: str,
    row: dict[str, Any],
    versions: dict[str, int],
    show_all: bool,
    editing: Editing | None = None,
) -> dict[str, Any]:
    """A matrix row as the template shows it (display or edit mode)."""
    rid = row["id"]
    shown = dict(row)
    shown.update(
        anchor=f"row-{anchor_of(rid)}",
        version=versions.get(rid, 0),
        urls=_urls(here, target, rid, show_all),
        status_label=STATUS_LABELS.get(row["status"] or "not_assessed", row["status"]),
        editing=editing is not None and editing.requirement == rid,
        comp_state=_comp_state(row["compensating"], here.as_of.isoformat()),
    )
    if shown["editing"] and editing is not None:
        shown["form"] = editing.form
        shown["conflict"] = editing.conflict
    return shown


def _comp_state(c: dict[str, Any] | None, as_of: str) -> str | None:
    """Whether a countermeasure counts on the evaluation date, in words."""
    if c is None:
        return None
    if c["valid"]:
        return "counts"
    if not c["approved"]:
        return "does not count: not approved"
    if c["expires_on"] and c["expires_on"] < as_of:
        return f"does not count: expired {c['expires_on']}"
    return f"does not count yet: approved {c['approved_on']}"


def _summary(matrix: dict[str, Any]) -> dict[str, Any]:
    return {
        **matrix,
        "cells": cells(matrix["sl_achieved"], matrix["sl_target"]),
        "fr_titles": [(int(fr), fr.title) for fr in FR],
    }


def matrix_page(
    request: HttpRequest,
    here: Here,
    target: str,
    show_all: bool,
    editing: Editing | None = None,
    status: int = 200,
) -> HttpResponse:
    """The whole matrix page; ``editing`` opens one row (with its refusal, if any)."""
    matrix = _matrix(here, target)

    def table() -> str:
        versions = records.assessment_versions(here.project, target)
        groups = []
        for fr in matrix["frs"]:
            rows = [
                _row(here, target, r, versions, show_all, editing)
                for r in matrix["requirements"]
                if r["fr"] == fr["fr"]
                and (show_all or r["in_scope"] or (editing and editing.requirement == r["id"]))
            ]
            if rows:
                groups.append({**fr, "rows": rows})
        context = page_context(
            here,
            "matrix",
            groups=groups,
            show_all=show_all,
            out_of_scope=len(matrix["requirements"]) - matrix["in_scope"],
            target=matrix["target"],
            toggle_url=toggle_url,
        )
        return render_to_string("zonewarden/_matrix_table.html", context, request)

    toggle_url = reverse("matrix", args=[here.project.pk, target]) + here.query(
        all=not show_all and "1"
    )
    if editing is None:
        # Rows shown (not edited) hold no form and no CSRF token: the rendered table is the
        # same for every member with the same rights, until the project's next write.
        key = f"matrix-table:{target}:{show_all}:{here.can(Right.EDIT)}:{here.as_of_text}"
        rendered = cached(here.project, here.as_of, key, table)
    else:
        rendered = table()
    jump = cached(here.project, here.as_of, f"matrix-jump:{here.as_of_text}", lambda: _jump(here))
    current = f'<a id="jump-{escape(target)}" '
    jump = jump.replace(current, current + 'aria-current="page" ', 1)
    context = page_context(
        here,
        "matrix",
        matrix=matrix,
        summary=_summary(matrix),
        table=mark_safe(rendered),  # rendered by the template engine, which escapes
        show_all=show_all,
        out_of_scope=len(matrix["requirements"]) - matrix["in_scope"],
        jump_list=mark_safe(jump),  # rendered by the template engine, which escapes
        target=matrix["target"],
        toggle_url=toggle_url,
    )
    return render(request, "zonewarden/matrix.html", context, status=status)


def _jump(here: Here) -> str:
    """The list of links to every zone's and conduit's matrix (one reverse, not thousands)."""
    prefix = reverse("matrix", args=[here.project.pk, "-"]).removesuffix("-/")
    query = here.query()
    targets = [
        (t.id, t.name, t.type, f"{prefix}{quote(t.id)}/{query}") for t in here.domain.targets()
    ]
    return render_to_string("zonewarden/_matrix_jump.html", {"targets": targets})


@project_page(Right.READ, shared=True)
def matrix(request: HttpRequest, here: Here, target: str) -> HttpResponse:
    """The matrix; ``?all=1`` shows out-of-scope requirements, ``?edit=SR 1.1`` opens a row."""
    show_all = request.GET.get("all") == "1"
    editing = None
    if request.GET.get("edit") and here.can(Right.EDIT):
        rid = requirement_id(request.GET["edit"])
        row = _rows(_matrix(here, target))[rid]
        version = records.assessment_version(here.project, target, rid)
        editing = Editing(rid, _form(here, row, version))
    return matrix_page(request, here, target, show_all, editing)


def _rows(matrix: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in matrix["requirements"]}


def _fragment(
    request: HttpRequest,
    here: Here,
    target: str,
    rid: str,
    show_all: bool,
    editing: Editing | None = None,
    status: int = 200,
    saved: bool = False,
) -> HttpResponse:
    """One row for htmx; after a save, also the summary and the SR's enhancement rows (OOB)."""
    matrix = _matrix(here, target)
    rows = _rows(matrix)
    versions = records.assessment_versions(here.project, target)
    row = _row(here, target, rows[rid], versions, show_all, editing)
    related = []
    if saved and rows[rid]["type"] == "SR":
        related = [
            _row(here, target, r, versions, show_all)
            for r in matrix["requirements"]
            if r["parent"] == rid and (show_all or r["in_scope"])
        ]
    context = page_context(
        here,
        "matrix",
        row=row,
        related=related,
        saved=saved,
        summary=_summary(matrix),
        target=matrix["target"],
    )
    return render(request, "zonewarden/_matrix_row_response.html", context, status=status)


def _current(error: Conflict) -> list[tuple[str, str]] | None:
    """The stored assessment that made a save stale, as (label, value) pairs."""
    if not error.current:
        return None
    data = error.current.get("data") or {}
    c = data.get("compensating") or {}
    pairs = [
        ("Status", STATUS_LABELS.get(data.get("status", ""), data.get("status", ""))),
        ("Evidence", ", ".join(data.get("evidence") or [])),
        ("Notes", data.get("notes")),
        ("Justification", data.get("justification")),
        ("Countermeasure", c.get("description")),
        ("Approved by", c.get("approved_by")),
        ("Approved on", c.get("approved_on")),
        ("Expires on", c.get("expires_on")),
        ("Assessed by", data.get("assessed_by")),
        ("Assessed on", data.get("assessed_on")),
    ]
    return [(label, str(value)) for label, value in pairs if value]


@project_page(Right.READ, methods=("GET", "POST"))
def matrix_row(request: HttpRequest, here: Here, target: str, requirement: str) -> HttpResponse:
    """GET: one row (``?mode=edit``: its form); POST: save it (htmx or a plain form)."""
    rid = requirement_id(requirement)
    params = request.POST if request.method == "POST" else request.GET
    show_all = request.GET.get("all") == "1" or params.get("all") == "1"
    urls = _urls(here, target, rid, show_all)
    editing_asked = request.method == "POST" or request.GET.get("mode") == "edit"
    if editing_asked and not here.can(Right.EDIT):
        raise Forbidden(here.role, Right.EDIT)
    row = _rows(_matrix(here, target))[rid]
    if request.method == "POST":
        return _save(request, here, target, row, show_all, urls)
    if not request.htmx:
        response = redirect(urls["edit_page"] if editing_asked else urls["page"])
    else:
        editing = None
        if editing_asked:
            version = records.assessment_version(here.project, target, rid)
            editing = Editing(rid, _form(here, row, version))
        response = _fragment(request, here, target, rid, show_all, editing)
    patch_vary_headers(response, ["HX-Request"])  # a fragment for htmx, a redirect otherwise
    return response


def _save(
    request: HttpRequest,
    here: Here,
    target: str,
    row: dict[str, Any],
    show_all: bool,
    urls: dict[str, str],
) -> HttpResponse:
    rid = row["id"]
    form = _form(here, row, 0, request.POST)
    conflict = None
    if not form.is_valid():
        status = 400
    else:
        c = row["compensating"] or {}
        data = form.to_data((c.get("approved_by"), c.get("approved_on")))
        try:
            put_assessment(
                here.project.pk,
                here.actor,
                target,
                rid,
                data,
                form.cleaned_data.get("version"),
                here.can(Right.APPROVE),
            )
        except Conflict as error:
            status = 409
            post = request.POST.copy()
            post[form.add_prefix("version")] = str(error.version or 0)
            form = _form(here, row, 0, post)
            form.is_valid()
            conflict = {"message": str(error), "current": _current(error)}
        except REFUSALS as error:
            status = status_of(error)
            form.show_refusal(str(error))
        else:
            if request.htmx:
                here.reload()
                return _fragment(request, here, target, rid, show_all, saved=True)
            messages.success(request, f"{rid} saved.")
            return redirect(urls["page"])
    editing = Editing(rid, form, conflict)
    if request.htmx:
        return _fragment(request, here, target, rid, show_all, editing, status)
    return matrix_page(request, here, target, show_all, editing, status)
