"""Evidence items (the endpoints of :func:`items.item_router`) and their files: upload
(multipart field ``file``) and download.

A download is always an attachment, with ``nosniff`` and a sandboxing Content-Security-Policy,
and a media type a browser will not run: PDF and images as such, text as ``text/plain``,
anything else as ``application/octet-stream``. The file is checked against its SHA-256 before
the first byte is sent; a file changed on disk is refused (500), never served.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, StreamingHttpResponse
from ninja import Router

from zonewarden.web.api import inputs, records, schemas
from zonewarden.web.api.auth import actor, user_of
from zonewarden.web.api.downloads import download_headers, served_type
from zonewarden.web.api.items import item_router
from zonewarden.web.permissions import Right, project_for
from zonewarden.web.repositories import evidence_files
from zonewarden.web.repositories.blobs import UploadRefused
from zonewarden.web.repositories.edits import Conflict, EditError

router: Router = item_router("evidence")

MULTIPART_SLACK = 64 * 1024  # form field names and boundaries around the file


@router.post(
    "/projects/{project_id}/evidence/{key}/file",
    response={200: schemas.Attached, **schemas.WRITE_ERRORS},
    operation_id="attach_evidence_file",
    summary="Upload the file of an evidence item (replaces an earlier one)",
    openapi_extra=schemas.multipart_body(),
)
def attach_file(request: HttpRequest, project_id: str, key: str) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.EDIT)
    key = inputs.object_key(key, "evidence")
    limit = int(settings.ZONEWARDEN_MAX_UPLOAD_BYTES)
    declared = request.META.get("CONTENT_LENGTH") or ""
    if declared.isdigit() and int(declared) > limit + MULTIPART_SLACK:
        raise UploadRefused(f"the file is larger than the limit of {limit:,} bytes", status=413)
    upload = request.FILES.get("file")
    if upload is None:
        raise EditError("file: expected a multipart/form-data upload with a field named 'file'")
    version = inputs.version_of(request.POST.get("version") or None)
    try:
        return evidence_files.attach_file(
            project.pk, actor(request), key, upload, upload.name or "", version
        )
    except Conflict as error:
        error.current = records.item_or_none(project, "evidence", key)
        raise
    finally:
        upload.close()


@router.get(
    "/projects/{project_id}/evidence/{key}/file",
    response={200: bytes, **schemas.ERRORS, 500: schemas.Detail},
    operation_id="download_evidence_file",
    summary="Download the file of an evidence item (verified against its SHA-256)",
)
def download_file(request: HttpRequest, project_id: str, key: str) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.DOWNLOAD_EVIDENCE)
    row, chunks = evidence_files.open_file(project, inputs.object_key(key, "evidence"))
    response = StreamingHttpResponse(chunks, content_type=served_type(row.blob.media_type))
    response["Content-Length"] = str(row.blob.size)
    download_headers(response, row.file_name or f"{key}.bin")
    return response
