"""Requirements of IEC 62443-3-3 (SR, RE) and 62443-4-2 (CR, SAR, EDR, HDR, NDR, CCSC).

Ids are canonical as in the catalog (spec section 2): ``SR 1.1``, ``SR 1.1 RE 1``,
``CR 2.11 RE 1``, ``EDR 3.14``. Input tolerates ``SR1.1``, ``sr 1.1 re1``, ``SR 1.1 RE(1)`` and
``SR 1.1(1)``; :func:`canonical_id` is the one parser that normalises them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from zonewarden.domain.levels import FR

_ID = re.compile(
    r"""^\s*
    (?P<kind>SR|CR|SAR|EDR|HDR|NDR|CCSC)\s*
    (?P<major>\d{1,2})(?:\s*\.\s*(?P<minor>\d{1,2}))?\s*
    (?:
        RE\s*(?:\(\s*(?P<re_paren>\d{1,2})\s*\)|(?P<re>\d{1,2}))   # RE 1, RE1, RE(1)
      | \(\s*(?P<paren>\d{1,2})\s*\)                               # (1)
    )?
    \s*$""",
    re.IGNORECASE | re.VERBOSE,
)


class RequirementIdError(ValueError):
    """Text that is not a requirement id in any tolerated spelling."""


def canonical_id(text: object) -> str:
    """Normalise a requirement id to its canonical spelling, e.g. ``sr1.1(1)`` -> ``SR 1.1 RE 1``.

    Raises :class:`RequirementIdError` for anything that is not a requirement id. Whether the
    id exists is the catalog's business, not this function's.
    """
    if not isinstance(text, str) or len(text) > 40:
        raise RequirementIdError(f"not a requirement id: {text!r}")
    return _canonical(text)


@lru_cache(maxsize=4096)
def _canonical(text: str) -> str:
    match = _ID.match(text)
    if match is None:
        raise RequirementIdError(
            f"not a requirement id: {text!r} (expected forms like 'SR 1.1' or 'SR 1.1 RE 1')"
        )
    kind = match["kind"].upper()
    number = str(int(match["major"]))
    if match["minor"] is not None:
        number += f".{int(match['minor'])}"
    enhancement = match["re"] or match["re_paren"] or match["paren"]
    base = f"{kind} {number}"
    return f"{base} RE {int(enhancement)}" if enhancement else base


@dataclass(frozen=True, slots=True)
class Requirement:
    """One catalog requirement: an SR or one of its requirement enhancements (RE).

    ``min_sl`` is the lowest security level at which it applies (catalog column); for a zone or
    conduit with target vector t it is in scope when ``1 <= min_sl <= t[fr]`` (spec section 2).
    """

    id: str
    part: str
    fr: FR | None
    type: str  # SR | RE | CR | SAR | EDR | HDR | NDR | CCSC
    parent: str | None
    clause: str
    title: str
    min_sl: int
    intent: str = ""
    component_types: tuple[str, ...] = ()
    row_kind: str = "requirement"  # 4-2: requirement | placeholder | no_component_requirement
    confidence: str = "high"
    order: int = 0

    @property
    def is_enhancement(self) -> bool:
        return self.parent is not None and self.type == "RE"

    @property
    def base_id(self) -> str:
        """The id of the SR this requirement belongs to (itself for an SR)."""
        return self.parent if self.is_enhancement and self.parent else self.id

    def in_scope(self, target_level: int) -> bool:
        """Spec section 2: in scope for an FR target t when ``1 <= min_sl <= t``."""
        return 1 <= self.min_sl <= target_level


SystemRequirement = Requirement
RequirementEnhancement = Requirement


@dataclass(frozen=True, slots=True)
class Catalog:
    """The requirements of one or more parts, in catalog order, with lookup by canonical id.

    Built by :mod:`zonewarden.catalog.loader`; pure data here so the engine needs no I/O.
    """

    requirements: tuple[Requirement, ...]
    version: str = ""
    by_id: dict[str, Requirement] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {r.id: r for r in self.requirements})

    def get(self, requirement_id: str) -> Requirement | None:
        return self.by_id.get(requirement_id)

    def __contains__(self, requirement_id: object) -> bool:
        return isinstance(requirement_id, str) and self.get(requirement_id) is not None

    def part(self, part: str) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if r.part == part)

    def system_requirements(self) -> tuple[Requirement, ...]:
        """The 62443-3-3 requirements (SRs and REs) the engine assesses zones against."""
        return self.part("3-3")

    def enhancements_of(self, sr_id: str) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if r.parent == sr_id and r.type == "RE")
