"""Who reaches a project page: anonymous users are sent to the login page, non-members get 404
(the same answer as for an id never used), members lacking the right get 403; refusals from
the services become a page with their message and status, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import cached_property, wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect

from zonewarden.catalog.loader import default_catalog
from zonewarden.domain.projects import Project as DomainProject
from zonewarden.domain.requirements import Catalog
from zonewarden.services.matrix import TargetNotFound
from zonewarden.web.errors import REFUSALS
from zonewarden.web.models import Project
from zonewarden.web.pages.rendered import rendered_once
from zonewarden.web.pages.responses import refusal
from zonewarden.web.permissions import Right, can, project_for
from zonewarden.web.repositories.documents import domain_of
from zonewarden.web.repositories.edits import EditError, NotFound


def as_of_of(request: HttpRequest) -> tuple[date, str | None]:
    """The evaluation date of a page (``?as_of=YYYY-MM-DD``, default today) and the text given."""
    text = request.GET.get("as_of") or None
    if text is None:
        return timezone.localdate(), None
    try:
        return date.fromisoformat(text), text
    except ValueError:
        raise EditError(f"as_of: expected a date YYYY-MM-DD, got {text[:40]!r}") from None


class Here:
    """What a project page is about: the project, the user's role in it, the evaluation date."""

    def __init__(self, request: HttpRequest, project: Project, role: str) -> None:
        self.request = request
        self.project = project
        self.role = role
        self.as_of, self.as_of_text = as_of_of(request)

    @cached_property
    def domain(self) -> DomainProject:
        """The validated domain project (cached per revision by the repository)."""
        return domain_of(self.project)

    @property
    def catalog(self) -> Catalog:
        return default_catalog()

    @property
    def actor(self) -> str:
        return str(self.request.user.get_username())

    def can(self, right: Right) -> bool:
        return can(self.role, right)

    def reload(self) -> None:
        """Read the project again after a write (new revision, so a new domain project)."""
        self.project, self.role = project_for(self.request.user, self.project.pk, Right.READ)
        self.__dict__.pop("domain", None)

    def query(self, **extra: Any) -> str:
        """``?as_of=...`` (when one was given) plus ``extra``, for links that keep the date."""
        params = {"as_of": self.as_of_text, **extra}
        text = urlencode({k: v for k, v in params.items() if v not in (None, "", False)})
        return f"?{text}" if text else ""

    def rights(self) -> dict[str, bool]:
        """The role's rights by name, for templates (``rights.edit``)."""
        return {right.value: self.can(right) for right in Right}


def project_page(
    right: Right = Right.READ, methods: Sequence[str] = ("GET",), shared: bool = False
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view ``view(request, here, **kwargs)`` of project ``pk``; ``shared``: a
    read-only page rendered once per revision and reader (:mod:`.rendered`)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def page(request: HttpRequest, pk: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                if getattr(request, "htmx", False):
                    return HttpResponseClientRedirect(redirect_to_login(request.path).url)
                return redirect_to_login(request.get_full_path())
            try:
                project, role = project_for(request.user, pk, right)
                if request.method not in methods:
                    return HttpResponseNotAllowed(methods)
                if shared:
                    return rendered_once(
                        request,
                        project,
                        role,
                        lambda: view(request, Here(request, project, role), **kwargs),
                    )
                return view(request, Here(request, project, role), **kwargs)
            except TargetNotFound as error:
                return refusal(request, NotFound(str(error)))
            except REFUSALS as error:
                return refusal(request, error)

        return page

    return decorate
