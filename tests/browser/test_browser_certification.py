"""A person at the real server in Chromium prepares the certification audit: the readiness
page of the demo project shows a failing checklist item with what is missing, and taking a
snapshot adds it to the list and the trend (issue 7)."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import Site, log_in
from tests.browser.test_browser import _project_url


def test_an_assessor_sees_a_failing_readiness_item_and_takes_a_snapshot(
    page: Any, site: Site
) -> None:
    log_in(page, site, "demo", site.demo_password)
    project = _project_url(page, site)
    page.get_by_role("navigation", name="Project sections").get_by_role(
        "link", name="Certification"
    ).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Certification readiness").is_visible()
    failing = page.locator("li.check-item-fail").first
    assert failing.locator(".check").inner_text() == "FAIL"
    assert failing.locator("ul.missing li").count() >= 1
    page.get_by_role("navigation", name="Certification").get_by_role(
        "link", name="Snapshots and trend"
    ).click()
    page.wait_for_load_state()
    page.get_by_role("form", name="Take a snapshot").get_by_role(
        "button", name="Take snapshot"
    ).click()
    page.wait_for_load_state()
    assert page.url == project + "certification/snapshots/"
    message = page.locator("#messages").inner_text()
    assert re.match(r"Snapshot of \d{4}-\d{2}-\d{2} (taken|replaced): score", message), message
    image = page.locator("#trend img")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
