"""Shared fixtures for the pure domain tests.

The expectations in these tests are hand-computed from the catalog CSV
(/work/shared/catalog/iec62443-3-3.csv); ``REQUIREMENTS_BY_FR_LEVEL`` below is that CSV read by
hand: for each FR, the requirement ids whose ``min_sl`` is 1, 2, 3 and 4, in catalog order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

import pytest

from zonewarden.catalog import default_catalog
from zonewarden.domain.assessment import Assessment, Status
from zonewarden.domain.conduits import Conduit
from zonewarden.domain.levels import SLVector, parse_sl_vector
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog
from zonewarden.domain.rules import Rules
from zonewarden.domain.zones import Zone

AS_OF = date(2024, 6, 1)

# fr -> min_sl -> ids, transcribed by hand from iec62443-3-3.csv.
REQUIREMENTS_BY_FR_LEVEL: dict[int, dict[int, tuple[str, ...]]] = {
    1: {
        1: (
            "SR 1.1",
            "SR 1.3",
            "SR 1.4",
            "SR 1.5",
            "SR 1.6",
            "SR 1.7",
            "SR 1.10",
            "SR 1.11",
            "SR 1.12",
            "SR 1.13",
        ),
        2: ("SR 1.1 RE 1", "SR 1.2", "SR 1.6 RE 1", "SR 1.8", "SR 1.9", "SR 1.13 RE 1"),
        3: (
            "SR 1.1 RE 2",
            "SR 1.2 RE 1",
            "SR 1.3 RE 1",
            "SR 1.5 RE 1",
            "SR 1.7 RE 1",
            "SR 1.9 RE 1",
        ),
        4: ("SR 1.1 RE 3", "SR 1.7 RE 2"),
    },
    2: {
        1: ("SR 2.1", "SR 2.2", "SR 2.3", "SR 2.4", "SR 2.5", "SR 2.8", "SR 2.9", "SR 2.10"),
        2: ("SR 2.1 RE 1", "SR 2.1 RE 2", "SR 2.6", "SR 2.11"),
        3: (
            "SR 2.1 RE 3",
            "SR 2.2 RE 1",
            "SR 2.3 RE 1",
            "SR 2.4 RE 1",
            "SR 2.7",
            "SR 2.8 RE 1",
            "SR 2.9 RE 1",
            "SR 2.11 RE 1",
            "SR 2.12",
        ),
        4: ("SR 2.1 RE 4", "SR 2.11 RE 2", "SR 2.12 RE 1"),
    },
    3: {
        1: ("SR 3.1", "SR 3.2", "SR 3.3", "SR 3.5", "SR 3.6"),
        2: ("SR 3.2 RE 1", "SR 3.4", "SR 3.7", "SR 3.8", "SR 3.9"),
        3: (
            "SR 3.1 RE 1",
            "SR 3.2 RE 2",
            "SR 3.3 RE 1",
            "SR 3.4 RE 1",
            "SR 3.8 RE 1",
            "SR 3.8 RE 2",
        ),
        4: ("SR 3.3 RE 2", "SR 3.8 RE 3", "SR 3.9 RE 1"),
    },
    4: {
        1: ("SR 4.1", "SR 4.3"),
        2: ("SR 4.1 RE 1", "SR 4.2"),
        3: ("SR 4.2 RE 1",),
        4: ("SR 4.1 RE 2",),
    },
    5: {
        1: ("SR 5.1", "SR 5.2", "SR 5.3", "SR 5.4"),
        2: ("SR 5.1 RE 1", "SR 5.2 RE 1"),
        3: ("SR 5.1 RE 2", "SR 5.2 RE 2", "SR 5.2 RE 3", "SR 5.3 RE 1"),
        4: ("SR 5.1 RE 3",),
    },
    6: {
        1: ("SR 6.1",),
        2: ("SR 6.2",),
        3: ("SR 6.1 RE 1",),
        4: (),
    },
    7: {
        1: ("SR 7.1", "SR 7.2", "SR 7.3", "SR 7.4", "SR 7.5", "SR 7.6", "SR 7.7"),
        2: ("SR 7.1 RE 1", "SR 7.3 RE 1", "SR 7.8"),
        3: ("SR 7.1 RE 2", "SR 7.3 RE 2", "SR 7.6 RE 1"),
        4: (),
    },
}


def ids_of(fr: int, *levels: int) -> tuple[str, ...]:
    """The hand-transcribed ids of FR ``fr`` at the given min_sl levels."""
    return tuple(rid for level in levels for rid in REQUIREMENTS_BY_FR_LEVEL[fr][level])


ALL_IDS: tuple[str, ...] = tuple(rid for fr in range(1, 8) for rid in ids_of(fr, 1, 2, 3, 4))

AssessmentSpec = Status | Assessment


def _assessment(spec: AssessmentSpec) -> Assessment:
    return spec if isinstance(spec, Assessment) else Assessment(status=spec)


def _vector(value: object) -> SLVector:
    return value if isinstance(value, SLVector) else parse_sl_vector(value)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture
def as_of() -> date:
    return AS_OF


@pytest.fixture
def requirements_by_fr_level() -> dict[int, dict[int, tuple[str, ...]]]:
    return REQUIREMENTS_BY_FR_LEVEL


@pytest.fixture
def ids() -> Callable[..., tuple[str, ...]]:
    return ids_of


@pytest.fixture
def all_ids() -> tuple[str, ...]:
    return ALL_IDS


@pytest.fixture
def implemented() -> Callable[[Iterable[str]], dict[str, Assessment]]:
    """``implemented(ids)``: an assessment map with every id implemented."""

    def build(requirement_ids: Iterable[str]) -> dict[str, Assessment]:
        return {rid: Assessment(status=Status.IMPLEMENTED) for rid in requirement_ids}

    return build


@pytest.fixture
def make_project() -> Callable[..., Project]:
    """Build a project in memory.

    ``zones``: iterable of ``(id, sl_target)`` or ``(id, sl_target, safety)``;
    ``conduits``: iterable of ``(id, (zone_a, zone_b), sl_target)``;
    ``assessments``: target id -> requirement id -> Status or Assessment.
    """

    def build(
        zones: Iterable[tuple] = (),
        conduits: Iterable[tuple] = (),
        assessments: Mapping[str, Mapping[str, AssessmentSpec]] | None = None,
        rules: Rules | None = None,
    ) -> Project:
        zone_objects = []
        for spec in zones:
            zone_id, target, *rest = spec
            zone_objects.append(
                Zone(
                    id=zone_id,
                    name=zone_id.title(),
                    kind="safety" if rest and rest[0] else "control",
                    sl_target=_vector(target),
                    safety=bool(rest and rest[0]),
                )
            )
        conduit_objects = [
            Conduit(id=cid, zones=tuple(joined), sl_target=_vector(target))
            for cid, joined, target in conduits
        ]
        recorded = {
            target_id: {rid: _assessment(spec) for rid, spec in pairs.items()}
            for target_id, pairs in (assessments or {}).items()
        }
        return Project(
            id="p",
            name="Test plant",
            zones=tuple(zone_objects),
            conduits=tuple(conduit_objects),
            assessments=recorded,
            rules=rules or Rules(),
        )

    return build


@pytest.fixture
def zone_project(make_project: Callable[..., Project]) -> Callable[..., Project]:
    """``zone_project(sl_target, {id: status}, safety=False, rules=None)``: one zone ``z``."""

    def build(
        sl_target: object,
        assessments: Mapping[str, AssessmentSpec] | None = None,
        safety: bool = False,
        rules: Rules | None = None,
    ) -> Project:
        return make_project(
            zones=[("z", sl_target, safety)],
            assessments={"z": dict(assessments or {})},
            rules=rules,
        )

    return build
