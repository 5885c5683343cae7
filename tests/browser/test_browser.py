"""A person at the real server in Chromium: log in, open a zone's assessment matrix, change a
status and watch SL-A and the score move, upload evidence, and be refused a project that is not
theirs (issue 4, deliverable 10)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.browser.conftest import OTHER_PASSWORD, Site, log_in

ZONE = "bpcs-filtration"
_FIRST_SR_MEETING_TARGET = """() => {
  const rows = [...document.querySelectorAll('tr.req')];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.classList.contains('re') || r.classList.contains('is-gap')
        || r.classList.contains('out-of-scope')) continue;
    let ok = true;
    for (let j = i + 1; j < rows.length && rows[j].classList.contains('re'); j++) {
      if (rows[j].classList.contains('is-gap')) { ok = false; break; }
    }
    if (ok) return r.querySelector('th').innerText.trim();
  }
  return null;
}"""


def _project_url(page: Any, site: Site) -> str:
    page.goto(site.url + "/projects/")
    page.get_by_role("link", name=re.compile("Riverside")).first.click()
    page.wait_for_load_state()
    match = re.search(r"/projects/(\d+)/", page.url)
    assert match, page.url
    return f"{site.url}/projects/{match.group(1)}/"


def test_an_assessor_changes_a_status_in_the_matrix_and_sees_the_score_and_sl_a_move(
    page: Any, site: Site
) -> None:
    log_in(page, site, "demo", site.demo_password)
    assert "/projects/" in page.url
    project = _project_url(page, site)
    page.goto(project + f"matrix/{ZONE}/")
    score_before = page.locator("#summary-score").inner_text()
    sl_before = page.locator("#summary-sl-achieved").inner_text()
    # an SR that meets its target now (it and its in-scope REs satisfied): saying it is not
    # implemented must lower the score
    requirement = page.evaluate(_FIRST_SR_MEETING_TARGET)
    assert requirement, "the example zone has an SR that meets its target"
    row = page.locator(f"tr.req:has(th:text-is('{requirement}'))")
    row.get_by_role("link", name=re.compile("Edit")).click()
    form = page.get_by_role("form", name=f"Assessment of {requirement}")
    form.get_by_label("Status").select_option("not_implemented")
    form.get_by_role("button", name=f"Save {requirement}").click()
    page.locator("#messages").get_by_text(f"{requirement} saved").wait_for()
    score_after = page.locator("#summary-score").inner_text()
    assert float(score_after.rstrip("%")) < float(score_before.rstrip("%"))
    # a system requirement left unmet caps SL-A of its FR at 0; the other FRs do not move
    fr = int(requirement.split()[1].split(".")[0])
    before = [int(v) for v in sl_before.split()]
    after = [int(v) for v in page.locator("#summary-sl-achieved").inner_text().split()]
    assert after[fr - 1] == 0
    assert [v for i, v in enumerate(after) if i != fr - 1] == [
        v for i, v in enumerate(before) if i != fr - 1
    ]
    # the change was saved, not just shown: a fresh load shows the new status and score
    page.reload()
    assert page.locator("#summary-score").inner_text() == score_after
    assert "gap" in page.locator(f"tr.req:has(th:text-is('{requirement}'))").inner_text()


def test_an_assessor_uploads_evidence_and_downloads_the_same_bytes(
    page: Any, site: Site, tmp_path: Path
) -> None:
    log_in(page, site, "demo", site.demo_password)
    project = _project_url(page, site)
    page.goto(project + "evidence/")
    page.get_by_role("link", name=re.compile("^Edit")).first.click()
    upload = tmp_path / "firewall-rules.txt"
    upload.write_text("permit tcp 10.20.2.0/24 -> 10.20.1.5 port 502\n")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name="Upload file").click()
    page.wait_for_load_state()
    with page.expect_download() as download:
        page.get_by_role("link", name="firewall-rules.txt").click()
    saved = Path(download.value.path())
    assert saved.read_bytes() == upload.read_bytes()


def test_a_user_who_is_not_a_member_is_refused_the_project_by_page_and_guessed_url(
    page: Any, browser: Any, site: Site
) -> None:
    log_in(page, site, "demo", site.demo_password)
    project = _project_url(page, site)
    other = browser.new_context().new_page()
    log_in(other, site, "outsider", OTHER_PASSWORD)
    listing = other.locator("body").inner_text()
    assert "Riverside" not in listing
    for url in (project, project + f"matrix/{ZONE}/", project + "evidence/"):
        response = other.goto(url)
        assert response is not None and response.status == 404, url
        assert "Riverside" not in other.content()
    api = other.goto(project.replace("/projects/", "/api/v1/projects/") + "status")
    assert api is not None and api.status == 404
    other.context.close()
