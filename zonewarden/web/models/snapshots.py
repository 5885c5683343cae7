"""Snapshots of a project's results on a date (issue 7: snapshots and trends).

The server keeps them in the database, one per project and date, holding the same
``zonewarden-snapshot/v1`` document ``zonewarden snapshot`` writes next to a project file, so
trend charts and diffs read one format whichever store a project lives in.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zonewarden.web.models.projects import Project


class Snapshot(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="snapshots")
    as_of = models.DateField()
    data = models.JSONField(help_text="the zonewarden-snapshot/v1 document")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["as_of"]
        constraints = [
            models.UniqueConstraint(fields=["project", "as_of"], name="one_snapshot_per_day")
        ]
