"""``catalog``: list requirements with FR, min SL and title (spec section 5)."""

from __future__ import annotations

from typing import Any

from zonewarden.domain.requirements import Catalog, Requirement

PARTS = ("3-3", "4-2")


def select_requirements(
    catalog: Catalog, part: str = "3-3", fr: int | None = None, sl: int | None = None
) -> list[Requirement]:
    """Requirements of a part; ``fr`` filters by FR; ``sl`` keeps those in scope at that SL."""
    return [
        r
        for r in catalog.part(part)
        if (fr is None or (r.fr is not None and int(r.fr) == fr))
        and (sl is None or 1 <= r.min_sl <= sl)
    ]


def requirement_row(requirement: Requirement) -> dict[str, Any]:
    return {
        "id": requirement.id,
        "part": requirement.part,
        "fr": int(requirement.fr) if requirement.fr else None,
        "type": requirement.type,
        "parent": requirement.parent,
        "clause": requirement.clause,
        "min_sl": requirement.min_sl,
        "title": requirement.title,
        "intent": requirement.intent or None,
        "component_types": list(requirement.component_types) or None,
        "confidence": requirement.confidence,
    }


def catalog_document(requirements: list[Requirement]) -> dict[str, Any]:
    return {"requirements": [requirement_row(r) for r in requirements]}
