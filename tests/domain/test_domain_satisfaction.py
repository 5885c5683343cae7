"""Spec section 3: when a requirement is satisfied."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from zonewarden.domain.assessment import Assessment, Compensating, Status
from zonewarden.domain.evaluation import evaluate

AS_OF = date(2024, 6, 1)
APPROVED_ON = date(2024, 1, 15)


def countermeasure(
    approved_by: str | None = "Alice",
    approved_on: date | None = APPROVED_ON,
    expires_on: date | None = None,
) -> Compensating:
    return Compensating("Jump host with session recording", approved_by, approved_on, expires_on)


@pytest.mark.parametrize(
    ("assessment", "satisfied"),
    [
        pytest.param(Assessment(Status.IMPLEMENTED), True, id="implemented"),
        pytest.param(
            Assessment(Status.NOT_APPLICABLE, justification="No wireless in the zone"),
            True,
            id="not-applicable-justified",
        ),
        pytest.param(Assessment(Status.NOT_APPLICABLE), False, id="not-applicable-unjustified"),
        pytest.param(
            Assessment(Status.NOT_APPLICABLE, justification=""),
            False,
            id="not-applicable-empty-justification",
        ),
        pytest.param(Assessment(Status.PARTIAL), False, id="partial"),
        pytest.param(Assessment(Status.NOT_IMPLEMENTED), False, id="not-implemented"),
        pytest.param(Assessment(Status.NOT_ASSESSED), False, id="not-assessed"),
        pytest.param(Assessment(), False, id="default-is-not-assessed"),
        pytest.param(
            Assessment(Status.NOT_IMPLEMENTED, compensating=countermeasure()),
            True,
            id="compensating-approved-without-expiry",
        ),
        pytest.param(
            Assessment(Status.PARTIAL, compensating=countermeasure(expires_on=AS_OF)),
            True,
            id="compensating-expiring-on-as-of-is-still-valid",
        ),
        pytest.param(
            Assessment(
                Status.NOT_IMPLEMENTED,
                compensating=countermeasure(expires_on=AS_OF + timedelta(days=1)),
            ),
            True,
            id="compensating-expiring-tomorrow",
        ),
        pytest.param(
            Assessment(
                Status.NOT_IMPLEMENTED,
                compensating=countermeasure(expires_on=AS_OF - timedelta(days=1)),
            ),
            False,
            id="compensating-expired-the-day-before",
        ),
        pytest.param(
            Assessment(Status.NOT_IMPLEMENTED, compensating=countermeasure(approved_by=None)),
            False,
            id="compensating-without-approved-by",
        ),
        pytest.param(
            Assessment(Status.NOT_IMPLEMENTED, compensating=countermeasure(approved_by="")),
            False,
            id="compensating-with-empty-approved-by",
        ),
        pytest.param(
            Assessment(Status.NOT_IMPLEMENTED, compensating=countermeasure(approved_on=None)),
            False,
            id="compensating-without-approved-on",
        ),
        pytest.param(
            Assessment(Status.NOT_ASSESSED, compensating=countermeasure()),
            True,
            id="compensating-on-not-assessed",
        ),
    ],
)
def test_requirement_is_satisfied_exactly_per_spec_section_3(assessment, satisfied):
    assert assessment.satisfied(AS_OF) is satisfied
    assert (assessment.how_satisfied(AS_OF) is not None) is satisfied


@pytest.mark.parametrize(
    ("expires_on", "achieved"),
    [
        pytest.param(None, 1, id="no-expiry"),
        pytest.param(AS_OF, 1, id="expires-on-as-of"),
        pytest.param(AS_OF - timedelta(days=1), 0, id="expired-day-before"),
    ],
)
def test_compensating_countermeasure_counts_towards_sl_achieved_until_it_expires(
    zone_project, catalog, ids, implemented, expires_on, achieved
):
    # FR 4 at SL 1 is SR 4.1 and SR 4.3; SR 4.3 is covered only by a countermeasure.
    assessments = {
        **implemented(["SR 4.1"]),
        "SR 4.3": Assessment(
            Status.NOT_IMPLEMENTED, compensating=countermeasure(expires_on=expires_on)
        ),
    }
    project = zone_project([0, 0, 0, 1, 0, 0, 0], assessments)

    result = evaluate(project, catalog, AS_OF).result("z")

    assert result.sl_achieved[3] == achieved
    assert result.meets_target is (achieved == 1)


def test_how_satisfied_names_the_rule_that_satisfies():
    assert Assessment(Status.IMPLEMENTED).how_satisfied(AS_OF) == "implemented"
    assert (
        Assessment(Status.NOT_APPLICABLE, justification="No USB ports").how_satisfied(AS_OF)
        == "not applicable: No USB ports"
    )
    assert (
        Assessment(
            Status.PARTIAL, compensating=countermeasure(expires_on=date(2024, 12, 31))
        ).how_satisfied(AS_OF)
        == "compensating countermeasure approved by Alice on 2024-01-15 until 2024-12-31"
    )
    assert Assessment(Status.PARTIAL).how_satisfied(AS_OF) is None
