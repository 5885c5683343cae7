"""The API reference page cannot drift from the API: every operation of the OpenAPI document
has its row in docs/api.md, and every row names a real operation."""

from __future__ import annotations

import re

from tests.web.conftest import ROOT

ROW = re.compile(r"^\| (GET|POST|PUT|DELETE) \| `([^`]+)` \|", re.MULTILINE)


def test_every_endpoint_is_in_the_api_page_and_every_row_is_an_endpoint(db, client_as) -> None:
    document = client_as(None).get("/api/v1/openapi.json").json()
    operations = {
        (method.upper(), path.removeprefix("/api/v1").replace("{project_id}", "{id}"))
        for path, methods in document["paths"].items()
        for method in methods
    }
    documented = set(ROW.findall((ROOT / "docs" / "api.md").read_text(encoding="utf-8")))
    assert documented == operations
