"""One mapping from the services' refusals to HTTP statuses, shared by pages and the API, so
both give the same status and message for the same bad input."""

from __future__ import annotations

from zonewarden.project.errors import ProjectError
from zonewarden.web.permissions import Forbidden, ProjectNotFound
from zonewarden.web.repositories.blobs import CorruptBlob, UploadRefused
from zonewarden.web.repositories.edits import Conflict, EditError, NotFound, Refused

REFUSALS: tuple[type[Exception], ...] = (
    ProjectError,
    EditError,
    NotFound,
    ProjectNotFound,
    Forbidden,
    Refused,
    Conflict,
    UploadRefused,
    CorruptBlob,
)


def status_of(error: Exception) -> int:
    """The HTTP status for a refusal raised by a service."""
    if isinstance(error, ProjectNotFound | NotFound):
        return 404
    if isinstance(error, Forbidden | Refused):
        return 403
    if isinstance(error, Conflict):
        return 409
    if isinstance(error, UploadRefused):
        return error.status
    if isinstance(error, CorruptBlob):
        return 500
    return 400
