"""What every page must be, whatever it shows: allowed by the Content-Security-Policy (no inline
script, style or event handler), CSRF-protected forms, htmx loaded from a static file, labelled
controls; plus logging in and out."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.web.pages.browser import csrf_token, post

INLINE = [
    (re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"<style", re.I), "<style> element"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler"),
    (re.compile(r"\shx-on", re.I), "hx-on handler (needs eval)"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def pages(pk: int) -> list[str]:
    def u(name: str, *args: str) -> str:
        return reverse(name, args=[pk, *args])

    return [
        reverse("project-list"),
        u("project-overview"),
        u("zone-list"),
        u("zone-create"),
        u("zone-edit", "scada"),
        u("zone-delete", "sis"),
        u("conduit-list"),
        u("conduit-create"),
        u("conduit-edit", "scada-sis"),
        u("asset-list"),
        u("asset-create"),
        u("asset-edit", "hmi-01"),
        u("matrix", "scada"),
        u("matrix", "scada") + "?all=1&edit=SR+5.2",
        u("evidence-list"),
        u("evidence-create"),
        u("evidence-edit", "ev-ad"),
        u("gap-list"),
        u("risk"),
        u("risk-target", "sis"),
        u("lint"),
        u("plan"),
        u("actions"),
        u("certification"),
        u("certification-calendar"),
        u("certification-nonconformities"),
        u("certification-snapshots"),
        u("certification-bundle"),
        u("project-import"),
        u("member-list"),
        u("audit-list"),
    ]


def test_no_page_needs_inline_script_or_style(small_project, client_as):
    client = client_as("olivia")
    for url in pages(small_project.pk):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Security-Policy"].startswith("default-src 'self'"), url
        html = response.content.decode()
        found = [what for pattern, what in INLINE if pattern.search(html)]
        assert found == [], (url, found)


def test_every_post_form_carries_the_csrf_token_and_htmx_sends_it(small_project, client_as):
    client = client_as("olivia")
    for url in pages(small_project.pk):
        html = client.get(url).content.decode()
        forms = re.findall(r"<form[^>]*method=\"post\".*?</form>", html, flags=re.S)
        for form in forms:
            assert 'name="csrfmiddlewaretoken"' in form, (url, form[:120])
        assert re.search(r'<body hx-headers=\'\{"X-CSRFToken": "[A-Za-z0-9]{64}"\}\'>', html), url


def test_htmx_is_loaded_from_a_static_file_and_configured_without_eval(small_project, client_as):
    html = client_as("olivia").get(reverse("matrix", args=[small_project.pk, "scada"])).content
    html = html.decode()
    assert '<script src="/static/django_htmx/htmx-2.min.js" defer></script>' in html
    assert '"allowEval": false' in html and '"includeIndicatorStyles": false' in html
    assert '<link rel="stylesheet" href="/static/zonewarden/app.css">' in html


@pytest.mark.parametrize(
    "path",
    [
        "/static/zonewarden/app.css",
        "/static/zonewarden/app.js",
        "/static/django_htmx/htmx-2.min.js",
    ],
)
def test_static_files_are_served(path, client):
    response = client.get(path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)


def test_every_form_control_has_a_label(small_project, client_as):
    client = client_as("olivia")
    for url in pages(small_project.pk):
        html = client.get(url).content.decode()
        ids = re.findall(
            r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*\sid="([^"]+)"', html
        )
        for control in ids:
            assert f'for="{control}"' in html, (url, control)
        unlabelled = re.findall(r"<(?:select|textarea)(?![^>]*\sid=)[^>]*>", html)
        assert unlabelled == [], (url, unlabelled)


def test_logging_in_leads_to_my_projects_and_logging_out_to_the_login_page(small_project, client):
    from django.contrib.auth import get_user_model
    from django.test import Client

    olivia = get_user_model().objects.get(username="olivia")
    olivia.set_password("not-a-real-password-1")  # hashed with argon2, as in production
    olivia.save()
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(reverse("login"))
    assert page.status_code == 200 and b'name="username"' in page.content
    response = browser.post(
        reverse("login"),
        {
            "username": "olivia",
            "password": "not-a-real-password-1",
            "csrfmiddlewaretoken": csrf_token(browser),
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("project-list")
    assert b"Small Plant" in browser.get(reverse("project-list")).content
    response = post(browser, reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert browser.get(reverse("project-list")).status_code == 302


def test_a_wrong_password_is_refused_on_the_login_page(small_project):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        reverse("login"),
        {"username": "olivia", "password": "wrong", "csrfmiddlewaretoken": csrf_token(browser)},
    )
    assert response.status_code == 200
    assert b"enter a correct username and password" in response.content
