"""URL map: pages at the root, the REST API under /api/v1/."""

from django.urls import include, path

from zonewarden.web.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("", include("zonewarden.web.pages.urls")),
]
