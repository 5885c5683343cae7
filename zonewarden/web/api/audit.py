"""The project's audit trail (the audit right: owner, auditor): every change with who, when,
before and after, and the entry's place in the hash chain (``zonewarden audit verify``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from zonewarden.web.api import records, schemas
from zonewarden.web.api.auth import user_of
from zonewarden.web.permissions import Right, project_for
from zonewarden.web.repositories.edits import EditError

router = Router(tags=["audit"])
MAX_LIMIT = 1000


@router.get(
    "/projects/{project_id}/audit",
    response={200: list[schemas.AuditRecord], **schemas.ERRORS},
    operation_id="list_audit_entries",
    summary="Audit entries of the project after ?after_seq=, oldest first (at most ?limit=)",
)
def audit_trail(request: HttpRequest, project_id: str, after_seq: int = 0, limit: int = 100) -> Any:
    project, _ = project_for(user_of(request), project_id, Right.AUDIT)
    if not 1 <= limit <= MAX_LIMIT:
        raise EditError(f"limit: expected 1 to {MAX_LIMIT}, got {limit}")
    if after_seq < 0:
        raise EditError(f"after_seq: expected 0 or more, got {after_seq}")
    return records.audit_entries(project, after_seq, limit)
