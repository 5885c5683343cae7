"""Who may do what in a project (issue 4, deliverable 2).

Roles: ``owner`` manages members and may do everything; ``assessor`` edits the model,
assessments and evidence; ``reviewer`` also approves compensating countermeasures; ``viewer``
reads; ``auditor`` reads, downloads evidence files and reads the audit trail. Instance admins
manage users but, like everybody else, reach only the projects they are members of.

A project a user is not a member of does not exist for them (404, the same answer as for an id
that was never used), so ids cannot be probed; a member lacking a right gets 403.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from zonewarden.web.models import Membership, Project


class Right(StrEnum):
    READ = "read"
    EDIT = "edit"
    APPROVE = "approve"
    DOWNLOAD_EVIDENCE = "download_evidence"
    AUDIT = "audit"
    MANAGE = "manage"


RIGHTS: dict[str, frozenset[Right]] = {
    "owner": frozenset(Right),
    "assessor": frozenset({Right.READ, Right.EDIT, Right.DOWNLOAD_EVIDENCE}),
    "reviewer": frozenset({Right.READ, Right.EDIT, Right.APPROVE, Right.DOWNLOAD_EVIDENCE}),
    "viewer": frozenset({Right.READ}),
    "auditor": frozenset({Right.READ, Right.DOWNLOAD_EVIDENCE, Right.AUDIT}),
}


class ProjectNotFound(Exception):
    """No such project for this user (never used, or the user is not a member)."""

    def __init__(self, project_id: object) -> None:
        super().__init__(f"project {project_id}: not found")


class Forbidden(Exception):
    """The user is a member but their role lacks the right."""

    def __init__(self, role: str, right: Right) -> None:
        super().__init__(
            f"your role in this project ({role}) does not allow: {right.value.replace('_', ' ')}"
        )


def role_in(user: AbstractBaseUser | AnonymousUser, project: Project) -> str | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(project=project, user_id=user.pk)
        .values_list("role", flat=True)
        .first()
    )


def project_for(
    user: AbstractBaseUser | AnonymousUser, project_id: object, right: Right = Right.READ
) -> tuple[Project, str]:
    """The project and the user's role, if the user is a member whose role has ``right``."""
    if not user.is_authenticated:
        raise ProjectNotFound(project_id)
    try:
        pk = int(str(project_id))
    except ValueError:
        raise ProjectNotFound(project_id) from None
    if not 0 < pk < 2**63:  # beyond a database integer: SQLite would raise OverflowError
        raise ProjectNotFound(project_id)
    found = (
        Membership.objects.filter(project_id=pk, user_id=user.pk).select_related("project").first()
    )
    if found is None:
        raise ProjectNotFound(project_id)
    if right not in RIGHTS[found.role]:
        raise Forbidden(found.role, right)
    return found.project, found.role


def can(role: str | None, right: Right) -> bool:
    return role is not None and right in RIGHTS.get(role, frozenset())


def projects_of(user: AbstractBaseUser | AnonymousUser) -> list[tuple[Project, str]]:
    if not user.is_authenticated:
        return []
    rows = Membership.objects.filter(user_id=user.pk).select_related("project")
    return sorted(((m.project, m.role) for m in rows), key=lambda pr: (pr[0].name, pr[0].pk))
