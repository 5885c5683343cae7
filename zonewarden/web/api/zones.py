"""Zones, conduits and assets: list, create, read, replace, delete (``/projects/{id}/zones``,
``/conduits``, ``/assets``); the endpoints are those of :func:`items.item_router`."""

from __future__ import annotations

from zonewarden.web.api.items import item_router

zones = item_router("zones")
conduits = item_router("conduits")
assets = item_router("assets")

routers = (zones, conduits, assets)
