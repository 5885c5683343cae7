"""Zones, conduits and assets: the lists (with SL-T, SL-A and score from the status service);
creating, editing and deleting them is :mod:`zonewarden.web.pages.items`."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zonewarden.services.status import project_status
from zonewarden.web.pages.access import Here, project_page
from zonewarden.web.pages.responses import page_context
from zonewarden.web.permissions import Right


def _status_by_id(here: Here) -> dict[str, dict[str, Any]]:
    document = project_status(here.domain, here.catalog, here.as_of)
    return {z["id"]: z for z in document["zones"]}


@project_page(Right.READ)
def zone_list(request: HttpRequest, here: Here) -> HttpResponse:
    """Every zone with its kind, Purdue level, SL-T, SL-A, score, gaps and assets."""
    status = _status_by_id(here)
    assets = Counter(a.zone for a in here.domain.assets)
    rows = [
        {"zone": z, "status": status[z.id], "assets": assets.get(z.id, 0)}
        for z in here.domain.zones
    ]
    context = page_context(here, "zones", rows=rows)
    return render(request, "zonewarden/zone_list.html", context)


@project_page(Right.READ)
def conduit_list(request: HttpRequest, here: Here) -> HttpResponse:
    """Every conduit with the zones it joins, protocols, SL-T, SL-A, score and gaps."""
    status = _status_by_id(here)
    names = {z.id: z.name for z in here.domain.zones}
    rows = [
        {
            "conduit": c,
            "status": status[c.id],
            "joins": [(zid, names.get(zid, zid)) for zid in c.zones],
        }
        for c in here.domain.conduits
    ]
    context = page_context(here, "conduits", rows=rows)
    return render(request, "zonewarden/conduit_list.html", context)


@project_page(Right.READ)
def asset_list(request: HttpRequest, here: Here) -> HttpResponse:
    """Every asset with its zone, type, vendor, model and address."""
    names = {z.id: z.name for z in here.domain.zones}
    rows = [{"asset": a, "zone_name": names.get(a.zone, a.zone)} for a in here.domain.assets]
    context = page_context(here, "assets", rows=rows)
    return render(request, "zonewarden/asset_list.html", context)
