"""Spec section 1: security levels and SL vectors."""

from __future__ import annotations

import pytest

from zonewarden.domain.levels import FR, SLVector, SLVectorError, parse_sl_vector


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param(0, [0, 0, 0, 0, 0, 0, 0], id="scalar-0"),
        pytest.param(2, [2, 2, 2, 2, 2, 2, 2], id="scalar-2"),
        pytest.param(4, [4, 4, 4, 4, 4, 4, 4], id="scalar-4"),
        pytest.param([1, 2, 3, 4, 0, 1, 2], [1, 2, 3, 4, 0, 1, 2], id="list"),
        pytest.param((3, 3, 2, 1, 3, 1, 2), [3, 3, 2, 1, 3, 1, 2], id="tuple"),
        pytest.param({"FR1": 2, "FR5": 3}, [2, 0, 0, 0, 3, 0, 0], id="mapping-FR1"),
        pytest.param({"FR 1": 2, "FR 7": 1}, [2, 0, 0, 0, 0, 0, 1], id="mapping-FR-space-1"),
        pytest.param({"fr3": 4}, [0, 0, 4, 0, 0, 0, 0], id="mapping-lower-case"),
        pytest.param(
            {"FR1": 1, "FR2": 2, "FR3": 3, "FR4": 4, "FR5": 0, "FR6": 1, "FR7": 2},
            [1, 2, 3, 4, 0, 1, 2],
            id="mapping-complete",
        ),
        pytest.param({}, [0, 0, 0, 0, 0, 0, 0], id="mapping-empty-all-missing-are-0"),
    ],
)
def test_parse_sl_vector_accepts_scalar_list_and_mapping_forms(written, expected):
    vector = parse_sl_vector(written)

    assert isinstance(vector, SLVector)
    assert vector.as_list() == expected


def test_parse_sl_vector_returns_an_sl_vector_unchanged():
    vector = SLVector([1, 2, 3, 4, 3, 2, 1])

    assert parse_sl_vector(vector) is vector


@pytest.mark.parametrize(
    "written",
    [
        pytest.param(True, id="bool-true"),
        pytest.param(False, id="bool-false"),
        pytest.param(None, id="none"),
        pytest.param(5, id="scalar-5"),
        pytest.param(-1, id="scalar-minus-1"),
        pytest.param(2.0, id="float"),
        pytest.param("2", id="string"),
        pytest.param([1, 1, 1, 1, 1, 1], id="list-of-6"),
        pytest.param([1, 1, 1, 1, 1, 1, 1, 1], id="list-of-8"),
        pytest.param([], id="empty-list"),
        pytest.param([1, 1, 1, "2", 1, 1, 1], id="list-with-a-string"),
        pytest.param([1, 1, 1, 1, 1, 1, 5], id="list-with-5"),
        pytest.param([1, 1, 1, -1, 1, 1, 1], id="list-with-minus-1"),
        pytest.param([1, 1, True, 1, 1, 1, 1], id="list-with-a-bool"),
        pytest.param([1, 1, 1, None, 1, 1, 1], id="list-with-none"),
        pytest.param({"FR8": 1}, id="unknown-key-FR8"),
        pytest.param({"FR0": 1}, id="unknown-key-FR0"),
        pytest.param({"XY": 1}, id="unknown-key-XY"),
        pytest.param({"FR1": 1, "FR 1": 2}, id="duplicate-FR"),
        pytest.param({"FR2": 2, "fr2": 2}, id="duplicate-FR-case"),
        pytest.param({"FR1": 5}, id="mapping-value-5"),
        pytest.param({"FR1": -1}, id="mapping-value-minus-1"),
        pytest.param({"FR1": "2"}, id="mapping-value-string"),
        pytest.param({"FR1": True}, id="mapping-value-bool"),
        pytest.param({"FR1": None}, id="mapping-value-none"),
    ],
)
def test_parse_sl_vector_rejects_malformed_input_with_sl_vector_error(written):
    with pytest.raises(SLVectorError):
        parse_sl_vector(written)


def test_sl_vector_error_is_a_value_error():
    assert issubclass(SLVectorError, ValueError)


@pytest.mark.parametrize(
    "levels",
    [
        pytest.param([1, 1, 1, 1, 1, 1], id="six-entries"),
        pytest.param([1, 1, 1, 1, 1, 1, 5], id="level-5"),
        pytest.param([1, 1, 1, 1, 1, 1, -1], id="level-minus-1"),
        pytest.param([1, 1, 1, 1, 1, 1, False], id="a-bool"),
    ],
)
def test_sl_vector_constructor_rejects_invalid_levels(levels):
    with pytest.raises(SLVectorError):
        SLVector(levels)


def test_sl_vector_level_takes_a_1_based_fr_number():
    vector = SLVector([1, 2, 3, 4, 0, 1, 2])

    assert vector.level(1) == 1
    assert vector.level(4) == 4
    assert vector.level(5) == 0
    assert vector.level(7) == 2
    assert vector.maximum == 4


def test_sl_vector_level_takes_an_fr_or_its_number_and_plain_indexing_is_zero_based():
    vector = SLVector([1, 2, 3, 4, 0, 1, 2])

    assert vector.level(FR.RDF) == vector.level(5) == vector[4] == 0
    assert vector.level(FR.IAC) == vector[0] == 1
    assert vector.level(FR.RA) == 2


@pytest.mark.parametrize(
    ("achieved", "target", "meets"),
    [
        pytest.param([2] * 7, [2] * 7, True, id="equal"),
        pytest.param([4] * 7, [2] * 7, True, id="all-above"),
        pytest.param([3, 2, 2, 2, 2, 2, 2], [2] * 7, True, id="one-above"),
        pytest.param([2, 2, 2, 2, 2, 2, 1], [2] * 7, False, id="last-below"),
        pytest.param([1, 4, 4, 4, 4, 4, 4], [2, 0, 0, 0, 0, 0, 0], False, id="first-below"),
        pytest.param([0] * 7, [0] * 7, True, id="zero-meets-zero"),
        pytest.param([0] * 7, [0, 0, 0, 0, 0, 0, 1], False, id="zero-misses-one"),
    ],
)
def test_sl_vector_meets_when_every_entry_is_at_least_the_target(achieved, target, meets):
    assert SLVector(achieved).meets(SLVector(target)) is meets
