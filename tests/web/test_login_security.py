"""Logging in: Argon2 password hashes, secure HttpOnly session cookies, and throttling after
repeated failures (django-axes: 5 failures, then refused for 15 minutes)."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

PASSWORD = "a long and good password 62443"


def _login(client: Client, password: str) -> Any:
    page = client.get(reverse("login"))
    token = page.context["csrf_token"] if page.context else client.cookies["csrftoken"].value
    return client.post(
        reverse("login"),
        {"username": "alice", "password": password, "csrfmiddlewaretoken": str(token)},
    )


def test_passwords_are_stored_as_argon2_hashes(make_user) -> None:
    user = make_user("alice", password=PASSWORD)
    assert user.password.startswith("argon2$") and PASSWORD not in user.password


def test_a_login_sets_a_secure_http_only_session_cookie(make_user) -> None:
    make_user("alice", password=PASSWORD)
    client = Client(enforce_csrf_checks=True)
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"


def test_after_five_failed_logins_even_the_right_password_is_refused(make_user) -> None:
    make_user("alice", password=PASSWORD)
    client = Client(enforce_csrf_checks=True)
    for _ in range(5):
        failed = _login(client, "wrong password")
        assert failed.status_code in (200, 429)
    refused = _login(client, PASSWORD)
    assert refused.status_code == 429
    assert b"Too many failed logins" in refused.content
    assert "_auth_user_id" not in client.session
