"""The project file's risk section is stored on the project row and comes back unchanged."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import EXAMPLE, SMALL
from zonewarden.project.load import load_project


def test_the_risk_section_is_stored_and_rebuilt_losslessly(db: Any, make_user: Any) -> None:
    from zonewarden.web.repositories import projects
    from zonewarden.web.repositories.documents import domain_of

    owner = make_user("olivia")
    upload = projects.parse_upload(EXAMPLE.read_text(), EXAMPLE.name)
    stored = projects.create_project(owner, upload)
    stored.refresh_from_db()
    assert stored.risk["tolerable"] == "medium"
    assert len(stored.risk["scenarios"]) == 14
    assert domain_of(stored) == load_project(EXAMPLE).project


def test_a_project_without_risk_has_none(db: Any, make_user: Any) -> None:
    from zonewarden.web.repositories import projects
    from zonewarden.web.repositories.documents import document_of

    owner = make_user("olivia")
    stored = projects.create_project(owner, projects.parse_upload(SMALL.read_text(), SMALL.name))
    assert stored.risk is None
    assert "risk" not in document_of(stored)
