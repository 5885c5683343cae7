"""Projects, members and the objects of the project file (zones, conduits, assets, evidence,
assessments).

Each object keeps its project-file form in ``data`` (validated by the same pydantic schema as
the file, spec section 4), its id in ``key``, its place in the file in ``position``, and a
``version`` that every write must name (no lost updates: a stale version gets HTTP 409).
``Project.revision`` counts the project's writes; computed results are cached per revision.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

MEMBER_ROLES = ("owner", "assessor", "reviewer", "viewer", "auditor")
# project-file sections kept whole, as one JSON value each, on the project row
WHOLE_SECTIONS = (
    "rules",
    "risk",
    "lint",
    "actions",
    "acceptances",
    "certification",
    "documents",
    "obligations",
    "nonconformities",
)


class Project(models.Model):
    key = models.CharField(max_length=64, help_text="the project file's project.id")
    name = models.CharField(max_length=500)
    info = models.JSONField(help_text="the project file's project section")
    rules = models.JSONField(null=True, blank=True)
    risk = models.JSONField(null=True, blank=True, help_text="the project file's risk section")
    lint = models.JSONField(null=True, blank=True, help_text="the project file's lint section")
    actions = models.JSONField(null=True, blank=True, help_text="the project file's actions")
    acceptances = models.JSONField(
        null=True, blank=True, help_text="the project file's risk acceptances"
    )
    certification = models.JSONField(
        null=True, blank=True, help_text="the project file's certification target"
    )
    documents = models.JSONField(
        null=True, blank=True, help_text="the project file's documents register"
    )
    obligations = models.JSONField(
        null=True, blank=True, help_text="the project file's recurring obligations"
    )
    nonconformities = models.JSONField(
        null=True, blank=True, help_text="the project file's audit non-conformities"
    )
    revision = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=[(r, r) for r in MEMBER_ROLES])
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_membership_per_user")
        ]


class _Item(models.Model):
    """One object of a project file's list section."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    key = models.CharField(max_length=64)
    position = models.PositiveIntegerField()
    data = models.JSONField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
        ordering = ["position"]


def _unique_key(name: str) -> list[models.BaseConstraint]:
    return [models.UniqueConstraint(fields=["project", "key"], name=f"unique_{name}_key")]


class Zone(_Item):
    class Meta(_Item.Meta):
        constraints = _unique_key("zone")


class Conduit(_Item):
    class Meta(_Item.Meta):
        constraints = _unique_key("conduit")


class Asset(_Item):
    class Meta(_Item.Meta):
        constraints = _unique_key("asset")


class Evidence(_Item):
    """An evidence item; ``blob`` is its uploaded file, if any (content-addressed)."""

    blob = models.ForeignKey("Blob", null=True, blank=True, on_delete=models.PROTECT)
    file_name = models.CharField(max_length=255, blank=True, default="")

    class Meta(_Item.Meta):
        constraints = _unique_key("evidence")
        verbose_name_plural = "evidence"


class Assessment(models.Model):
    """The assessment of one requirement (canonical id) for one zone or conduit."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    target = models.CharField(max_length=64)
    requirement = models.CharField(max_length=32)
    data = models.JSONField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "target", "requirement"], name="one_assessment"
            )
        ]
