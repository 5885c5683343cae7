"""The evidence bundle of a project (issue 7; the download evidence right): the zip ``zonewarden
bundle FILE -o evidence.zip`` writes, built from the evidence files uploaded to the server.

When evidence files are missing or do not match their recorded SHA-256, the answer is 409 with
the list of problems (as ``bundle --format json`` gives it) and no zip; ``allow_missing=true``
writes the bundle without them (``--allow-missing``), their absence recorded in its index;
``scope=ID,ID`` narrows it to some zones and conduits (``--scope``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from ninja import Router, Status

from zonewarden.services.bundle import plan_document
from zonewarden.web.api import inputs, schemas
from zonewarden.web.api.auth import user_of
from zonewarden.web.api.downloads import download_headers
from zonewarden.web.permissions import Right, project_for
from zonewarden.web.repositories.bundle import bundle_plan, write_zip

router = Router(tags=["certification"])


@router.get(
    "/projects/{project_id}/bundle",
    response={200: bytes, 409: schemas.BundleRefused, **schemas.ERRORS},
    operation_id="download_bundle",
    summary="The evidence bundle for the auditor (zip): index, evidence files, manifest, "
    "SHA256SUMS; 409 listing missing files unless allow_missing",
)
def bundle(
    request: HttpRequest,
    project_id: str,
    as_of: str | None = None,
    allow_missing: bool = False,
    scope: str | None = None,
) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.DOWNLOAD_EVIDENCE)
    day = inputs.as_of(as_of)
    ids = [part.strip() for part in (scope or "").split(",") if part.strip()]
    plan, _ = bundle_plan(project, day, ids)
    if plan.problems and not allow_missing:
        count = len(plan.problems)
        return Status(
            409,
            {
                "detail": f"{count} evidence file{'' if count == 1 else 's'} missing or not "
                "matching: upload them, or ask for the bundle without them (allow_missing=true)",
                "problems": plan_document(plan)["problems"],
            },
        )
    written = write_zip(plan, allow_missing)
    response = StreamingHttpResponse(written, content_type="application/zip")
    response["Content-Length"] = str(written.size)
    return download_headers(response, f"{project.key}-evidence-{day.isoformat()}.zip")
