"""The REST API under ``/api/v1/`` (django-ninja): the JSON twin of every page, each endpoint a
short adapter over the same services as the pages and the CLI.

Authentication: ``Authorization: Bearer TOKEN`` or the browser session (with CSRF on changes).
Permissions: a project the caller is not a member of is 404, a right the role lacks is 403.
Errors: ``{"detail": message}`` (see :mod:`zonewarden.web.api.errors`). The OpenAPI document is
at ``/api/v1/openapi.json`` and the interactive docs at ``/api/v1/docs``.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from zonewarden.web.api import (
    assessments,
    audit,
    bundle,
    certification,
    errors,
    evidence,
    lint,
    members,
    projects,
    remediation,
    reports,
    results,
    risk,
    snapshots,
    zones,
)
from zonewarden.web.api.auth import BearerToken, Session
from zonewarden.web.api.schemas import COMPONENTS


class ZoneWardenAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document also holds the project file's schemas, which describe
    the request bodies (validated by the services, not by ninja)."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        known = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, definition in COMPONENTS.items():
            known.setdefault(name, definition)
        return schema


api = ZoneWardenAPI(
    title="ZoneWarden API",
    version="1",
    description="IEC 62443 zones, conduits, assessments, evidence and results of the projects "
    "you are a member of.",
    urls_namespace="api",
    auth=[BearerToken(), Session()],
)
errors.install(api)
api.add_router("", projects.router)
api.add_router("", results.router)
api.add_router("", reports.router)
api.add_router("", risk.router)
api.add_router("", lint.router)
api.add_router("", remediation.router)
api.add_router("", certification.router)
api.add_router("", snapshots.router)
api.add_router("", bundle.router)
for router in zones.routers:
    api.add_router("", router)
api.add_router("", evidence.router)
api.add_router("", assessments.router)
api.add_router("", members.router)
api.add_router("", audit.router)
