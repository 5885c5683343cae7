"""Spec section 2: requirement ids and their one tolerant parser."""

from __future__ import annotations

import pytest

from zonewarden.domain.requirements import RequirementIdError, canonical_id


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("SR 1.1", "SR 1.1"),
        ("SR1.1", "SR 1.1"),
        ("sr 1.1", "SR 1.1"),
        ("sr 1.1 re1", "SR 1.1 RE 1"),
        ("SR 1.1 RE 1", "SR 1.1 RE 1"),
        ("SR 1.1 RE(1)", "SR 1.1 RE 1"),
        ("SR 1.1 RE (1)", "SR 1.1 RE 1"),
        ("SR 1.1(1)", "SR 1.1 RE 1"),
        ("SR 1.1 (1)", "SR 1.1 RE 1"),
        ("sr1.1re1", "SR 1.1 RE 1"),
        ("SR 1.13 RE 1", "SR 1.13 RE 1"),
        ("SR 2.11 re 2", "SR 2.11 RE 2"),
        ("CR 2.11 RE 1", "CR 2.11 RE 1"),
        ("cr 2.11 re(1)", "CR 2.11 RE 1"),
        ("EDR 3.14", "EDR 3.14"),
        ("edr3.14", "EDR 3.14"),
        ("  SR 1.1  ", "SR 1.1"),
        ("\tSR  1.1   RE   2\n", "SR 1.1 RE 2"),
    ],
)
def test_canonical_id_normalises_every_tolerated_spelling(written, canonical):
    assert canonical_id(written) == canonical


@pytest.mark.parametrize(
    "written",
    [
        pytest.param("SR", id="kind-without-number"),
        pytest.param("XX 1.1", id="unknown-kind"),
        pytest.param("SR 1.1 RE", id="re-without-number"),
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("1.1", id="number-without-kind"),
        pytest.param("SR 1.1.1", id="three-part-number"),
        pytest.param("SR 123.1", id="three-digit-number"),
        pytest.param("SR 1.1 RE 1 extra", id="trailing-text"),
        pytest.param("SR 1.1 " + " " * 40, id="long-whitespace-padding"),
        pytest.param("SR " + "1" * 60, id="very-long-text"),
        pytest.param("SR 1.1 RE 1; DROP TABLE" * 20, id="very-long-injection"),
    ],
)
def test_canonical_id_rejects_text_that_is_not_a_requirement_id(written):
    with pytest.raises(RequirementIdError):
        canonical_id(written)


@pytest.mark.parametrize("value", [None, 11, b"SR 1.1"])
def test_canonical_id_rejects_non_text(value):
    with pytest.raises(RequirementIdError):
        canonical_id(value)


def test_requirement_id_error_is_a_value_error():
    assert issubclass(RequirementIdError, ValueError)


def test_canonical_id_is_idempotent_on_its_output():
    for written in ("sr1.1(1)", "cr 2.11 re(1)", "edr3.14"):
        once = canonical_id(written)
        assert canonical_id(once) == once
