"""The zoning rules (IEC 62443-3-2 ZCR 3) run on a project: the document
``zonewarden lint FILE --format json --as-of D [--strict] [--show-waived]`` prints for the
exported file (same service). The answer is 200 whether the project passes or not: ``passed``
carries the verdict the CLI gives as its exit status."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from zonewarden.catalog.loader import default_catalog
from zonewarden.services.lint import lint_document
from zonewarden.web.api import inputs, schemas
from zonewarden.web.api.auth import user_of
from zonewarden.web.api.risk import encoded
from zonewarden.web.permissions import Right, project_for
from zonewarden.web.repositories.documents import domain_of

router = Router(tags=["risk"])


@router.get(
    "/projects/{project_id}/lint",
    response={200: schemas.LintDocument, **schemas.ERRORS},
    operation_id="project_lint",
    summary="Zoning rules: findings with severity, clause, objects and fix; waived ones with "
    "show_waived; passed (strict: warnings fail too)",
)
def lint(
    request: HttpRequest,
    project_id: str,
    as_of: str | None = None,
    strict: bool = False,
    show_waived: bool = False,
) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.READ)
    day = inputs.as_of(as_of)
    document = lint_document(
        domain_of(project), default_catalog(), day, strict=strict, show_waived=show_waived
    )
    return encoded(document)
