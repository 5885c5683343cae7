"""Database models: the project file's model stored as rows (architecture: two stores of one
model), plus what only a shared server has: members, tokens, evidence files, the audit trail."""

from zonewarden.web.models.accounts import ApiToken
from zonewarden.web.models.audit import AuditEntry, AuditHead
from zonewarden.web.models.evidence import Blob
from zonewarden.web.models.projects import (
    Assessment,
    Asset,
    Conduit,
    Evidence,
    Membership,
    Project,
    Zone,
)
from zonewarden.web.models.snapshots import Snapshot

__all__ = [
    "ApiToken",
    "Assessment",
    "Asset",
    "AuditEntry",
    "AuditHead",
    "Blob",
    "Conduit",
    "Evidence",
    "Membership",
    "Project",
    "Snapshot",
    "Zone",
]
