"""The gap register page: the same list as ``zonewarden gaps``, filtered by a GET form.

Small project on 2026-11-26 (tests/cli/test_commands.py): 40 gaps, the first ones the SIS's
FR 1 gaps at priority 62; scada's SR 3.1 (partial) is the only low one.
"""

from __future__ import annotations

import re
from datetime import date

from django.urls import reverse

from tests.web.pages.browser import AS_OF
from zonewarden.catalog import default_catalog
from zonewarden.domain.evaluation import evaluate
from zonewarden.services.gaps import select_gaps
from zonewarden.web.repositories.documents import domain_of


def gaps_page(client, project, query: str = "") -> tuple[int, list[tuple[str, ...]], str]:
    response = client.get(reverse("gap-list", args=[project.pk]) + f"?as_of={AS_OF}" + query)
    html = response.content.decode()
    rows = re.findall(
        r'<td class="num">(\d+)</td>.*?#row-[^"]+">([^<]+)</a></th>.*?class="sev sev-(\w+)">.*?'
        r'<td class="num">(\d+)</td>\s*</tr>',
        html,
        flags=re.S,
    )
    return response.status_code, rows, html


def test_register_lists_the_same_gaps_in_the_same_order_as_the_cli(small_project, client_as):
    status, rows, html = gaps_page(client_as("viewer"), small_project)
    assert status == 200
    evaluation = evaluate(domain_of(small_project), default_catalog(), date(2026, 11, 26))
    expected = [
        (str(rank), g.requirement, g.severity, str(g.priority))
        for rank, g in enumerate(select_gaps(evaluation), start=1)
    ]
    assert rows == expected
    assert len(rows) == 40
    assert rows[0][2:] == ("high", "62")
    assert "40 gaps, most important first" in html


def test_filters_keep_the_register_order_and_rank_within_the_filtered_list(
    small_project, client_as
):
    status, rows, html = gaps_page(client_as("viewer"), small_project, "&severity=low")
    assert status == 200
    assert rows == [("1", "SR 3.1", "low", "28")]
    assert "1 gap of 40" in html
    _, rows, _ = gaps_page(client_as("viewer"), small_project, "&zone=sis&fr=5")
    assert [r[1] for r in rows] == ["SR 5.1 RE 1"]


def test_a_bad_filter_shows_its_message_with_400(small_project, client_as):
    for query, message in (
        ("&fr=9", "fr: expected a number 1-7, got &#x27;9&#x27;"),
        ("&severity=urgent", "severity: expected one of low, medium, high, critical"),
        ("&zone=nowhere", "zone: unknown zone or conduit &#x27;nowhere&#x27;"),
    ):
        status, rows, html = gaps_page(client_as("viewer"), small_project, query)
        assert status == 400, query
        assert message in html, query
        assert rows == []
