"""Authentication of the API: API tokens, the browser session with its CSRF check, and the
OpenAPI document and docs page."""

from __future__ import annotations

import re
from typing import Any

from tests.web.api.conftest import Api


def test_an_api_token_reads_and_writes_without_any_csrf_token(small_project, api_with_token):
    api = api_with_token("olivia")
    pid = small_project.pk
    assert api.get(f"/projects/{pid}").json()["role"] == "owner"
    changed = api.put(f"/projects/{pid}/assessments/dmz/SR%201.1", {"status": "implemented"})
    assert changed.status_code == 201
    from zonewarden.web.models import AuditEntry

    assert AuditEntry.objects.order_by("-seq").first().actor == "olivia"


def test_a_wrong_token_is_401_with_a_bearer_challenge(small_project):
    from django.test import Client

    for header in ("Bearer zw_not-a-real-token", "Bearer ", "Basic b2xpdmlhOng=", "zw_abc"):
        response = Client(HTTP_AUTHORIZATION=header).get(f"/api/v1/projects/{small_project.pk}")
        assert response.status_code == 401, header
        assert response.json()["detail"].startswith("authentication required")
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_401(small_project, api_with_token):
    from zonewarden.web.models import ApiToken

    api = api_with_token("assessor")
    assert api.get(f"/projects/{small_project.pk}").status_code == 200
    ApiToken.objects.filter(user__username="assessor").delete()
    assert api.get(f"/projects/{small_project.pk}").status_code == 401


def test_the_token_of_a_deactivated_user_is_401(small_project, api_with_token):
    from django.contrib.auth import get_user_model

    api = api_with_token("viewer")
    get_user_model().objects.filter(username="viewer").update(is_active=False)
    assert api.get("/projects").status_code == 401


def test_a_session_without_the_csrf_token_cannot_change_anything(small_project, client_as):
    api = Api(client_as("olivia"))  # logged in, but sends no CSRF token
    pid = small_project.pk
    assert api.get(f"/projects/{pid}").status_code == 200
    refused = api.put(f"/projects/{pid}/assessments/dmz/SR%201.1", {"status": "implemented"})
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert api.post("/projects", {"id": "x", "name": "X"}).status_code == 403
    assert api.delete(f"/projects/{pid}").status_code == 403
    assert api.get(f"/projects/{pid}/assessments/dmz").json() == {}


def test_a_session_with_the_csrf_token_can_change_things(small_project, api_as):
    response = api_as("olivia").put(
        f"/projects/{small_project.pk}/assessments/dmz/SR%201.1", {"status": "implemented"}
    )
    assert response.status_code == 201


def test_anonymous_changes_are_401_not_403_even_without_a_csrf_token(small_project, client_as):
    api = Api(client_as(None))
    assert api.post("/projects", {"id": "x", "name": "X"}).status_code == 401
    assert api.delete(f"/projects/{small_project.pk}").status_code == 401


def test_the_openapi_document_lists_every_endpoint_with_its_body_schema(db, client_as):
    document = client_as(None).get("/api/v1/openapi.json").json()
    paths = document["paths"]
    assert "/api/v1/projects/{project_id}/zones/{key}" in paths
    assert set(paths["/api/v1/projects/{project_id}/zones/{key}"]) == {"get", "put", "delete"}
    # 22, and risk, risk/{target}, crs/{format}, lint; actions, plan, plan.svg, plan.xlsx,
    # actions/{action}/change; readiness, due, due.ics, nonconformities, snapshots,
    # snapshots/diff, snapshots/{as_of}, trend.svg, bundle
    assert len(paths) == 41
    put = paths["/api/v1/projects/{project_id}/zones/{key}"]["put"]
    ref = put["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    body = document["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert {"id", "name", "kind", "sl_target", "version"} <= set(body["properties"])
    assert "version" in body["required"]
    schemes = document["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}


def test_the_docs_page_runs_no_inline_script_and_nothing_from_another_site(db, client_as):
    client = client_as(None)
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "script-src 'self'" in page["Content-Security-Policy"]
    assert "https://" not in html
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    for attributes, content in scripts:
        assert 'src="/static/' in attributes or 'type="application/json"' in attributes
        assert "src=" in attributes or not content.strip().startswith(("const", "var", "("))
    for source in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert client.get(source).status_code == 200, source


def test_openapi_and_docs_need_no_login_but_reveal_no_project(db, client_as) -> Any:
    document = client_as(None).get("/api/v1/openapi.json")
    assert document.status_code == 200
    assert "small-plant" not in document.content.decode()
