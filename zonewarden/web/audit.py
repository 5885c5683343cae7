"""Appending to and verifying the hash-chained audit trail (issue 4, deliverable 7).

An entry's hash is SHA-256 over the previous entry's hash and the entry's canonical JSON
(sequence number, project, actor, UTC time, action, object type and key, before, after). The
chain is global to the server, so removing a whole project's entries is detected too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import transaction

from zonewarden.web.models import AuditEntry, AuditHead

GENESIS = "0" * 64


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(
    prev_hash: str,
    seq: int,
    project_id: int | None,
    actor: str,
    at: datetime,
    action: str,
    object_type: str,
    object_key: str,
    before: Any,
    after: Any,
) -> str:
    content = _canonical(
        [
            seq,
            project_id,
            actor,
            at.astimezone(UTC).isoformat(timespec="microseconds"),
            action,
            object_type,
            object_key,
            before,
            after,
        ]
    )
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


def append(
    *,
    project_id: int | None,
    actor: str,
    action: str,
    object_type: str,
    object_key: str,
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    """Append one entry, chained to the last (inside the caller's transaction, if any)."""
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        seq = head.last_seq + 1
        at = datetime.now(UTC)
        digest = entry_hash(
            head.last_hash,
            seq,
            project_id,
            actor,
            at,
            action,
            object_type,
            object_key,
            before,
            after,
        )
        entry = AuditEntry.objects.create(
            seq=seq,
            project_id=project_id,
            actor=actor,
            at=at,
            action=action,
            object_type=object_type,
            object_key=object_key,
            before=before,
            after=after,
            prev_hash=head.last_hash,
            hash=digest,
        )
        head.last_seq, head.last_hash = seq, digest
        head.save(update_fields=["last_seq", "last_hash"])
    return entry


@dataclass(frozen=True, slots=True)
class Verification:
    """Result of :func:`verify`: entries checked and the first broken one (None if intact)."""

    checked: int
    broken_seq: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def verify() -> Verification:
    """Recompute the chain from the first entry; report the first entry that does not match."""
    previous = GENESIS
    expected_seq = 1
    checked = 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        if entry.seq != expected_seq:
            return Verification(checked, expected_seq, f"entry {expected_seq} is missing")
        if entry.prev_hash != previous:
            return Verification(checked, entry.seq, "its link to the previous entry was changed")
        digest = entry_hash(
            previous,
            entry.seq,
            entry.project_id,
            entry.actor,
            entry.at,
            entry.action,
            entry.object_type,
            entry.object_key,
            entry.before,
            entry.after,
        )
        if digest != entry.hash:
            return Verification(checked, entry.seq, "its content does not match its hash")
        previous = entry.hash
        expected_seq += 1
        checked += 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != checked or head.last_hash != previous):
        return Verification(
            checked,
            checked + 1 if head.last_seq > checked else checked,
            "entries at the end were removed",
        )
    return Verification(checked)
