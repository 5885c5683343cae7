"""The remediation roadmap for the web adapters (pages and API): the query parameters of
``zonewarden plan`` read as the CLI reads its options, the plan document and its workbook."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from zonewarden.catalog.loader import default_catalog
from zonewarden.domain.projects import Project as DomainProject
from zonewarden.services.remediation import plan_document, roadmap
from zonewarden.web.repositories.edits import EditError


def start_of(value: str | None) -> date | None:
    """The ``start`` query parameter (YYYY-MM-DD), None (the as_of date) when absent."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise EditError(f"start: expected a date YYYY-MM-DD, got {value!r}") from None


def capacity_of(value: str | None) -> int | None:
    """The ``capacity`` query parameter: person-days per month, at least 1 (as ``--capacity``);
    None (rules.planning.capacity) when absent."""
    if value is None or value == "":
        return None
    if not re.fullmatch(r"[0-9]{1,9}", value) or int(value) < 1:
        raise EditError(
            "capacity: expected a whole number of person-days per month of at least 1, "
            f"got {value!r}"
        )
    number = int(value)
    return number


def plan_of(
    domain: DomainProject, day: date, start: str | None, capacity: str | None
) -> dict[str, Any]:
    """The ``plan --format json`` document for the query parameters (400 naming a bad one)."""
    first, per_month = start_of(start), capacity_of(capacity)
    road = roadmap(domain, default_catalog(), day, first, per_month)
    return plan_document(domain, road, day)


def xlsx_of(document: dict[str, Any]) -> bytes:
    """The workbook ``plan --format xlsx`` writes, as bytes."""
    from zonewarden.reports.roadmap import write_plan_xlsx

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.xlsx"
        write_plan_xlsx(document, path)
        return path.read_bytes()
