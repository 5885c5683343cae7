"""The audit trail: an append-only, hash-chained log of every change.

Each entry's ``hash`` is the SHA-256 of its canonical content and the previous entry's hash, so
editing or deleting any row breaks the chain from there on (``zonewarden audit verify``).
``AuditHead`` is a single row locked while appending, so concurrent writers chain in order.
"""

from __future__ import annotations

from django.db import models


class AuditEntry(models.Model):
    seq = models.BigIntegerField(primary_key=True)
    project_id = models.BigIntegerField(null=True, db_index=True)  # kept after a project goes
    actor = models.CharField(max_length=150)
    at = models.DateTimeField()
    action = models.CharField(max_length=32)
    object_type = models.CharField(max_length=32)
    object_key = models.CharField(max_length=200)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]


class AuditHead(models.Model):
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
