"""The risk matrix, the SL-T derivation and the ZCR steps (IEC 62443-3-2), hand-computed.

Default matrix (rows likelihood rare..almost_certain, columns consequence negligible..severe):

    rare            low    low    low    low    medium
    unlikely        low    low    medium medium high
    possible        low    medium medium high   high
    likely          low    medium high   high   critical
    almost_certain  medium high   high   critical critical

Default rule: actor casual 1, simple 2, moderate 3, extended 4; consequence caps negligible 1,
minor 2, moderate 3, major 4, severe 4; baseline 1; only scenarios above the tolerable risk count.
"""

from __future__ import annotations

from datetime import date

import pytest

from zonewarden.domain.conduits import Conduit
from zonewarden.domain.derivation import assess_risk, score_scenario, sl_target_reasoning
from zonewarden.domain.levels import SLVector
from zonewarden.domain.projects import Project, SystemUnderConsideration
from zonewarden.domain.risk import (
    DEFAULT_MATRIX,
    Approval,
    DerivationRule,
    InitialRisk,
    Level,
    RiskAssessment,
    RiskMatrix,
    RiskMatrixError,
    SLTargetDecision,
    ZoneRisk,
    consequence_caps,
    initial_risk,
    worst_consequence,
)
from zonewarden.domain.threats import Residual, ThreatScenario
from zonewarden.domain.zcrs import STEP_IDS, zcr_steps
from zonewarden.domain.zones import Zone

AS_OF = date(2026, 11, 26)


def scenario(
    sid: str,
    actor: str,
    frs: tuple[int, ...],
    likelihood: str,
    consequence: dict[str, str],
    targets: tuple[str, ...] = ("bpcs",),
    residual: Residual | None = None,
    **extra: object,
) -> ThreatScenario:
    return ThreatScenario(
        id=sid,
        title=f"Scenario {sid}",
        source="someone",
        actor=actor,
        targets=targets,
        frs=frs,
        likelihood=likelihood,
        consequence=tuple(consequence.items()),
        residual=residual,
        **extra,  # type: ignore[arg-type]
    )


def project(
    risk: RiskAssessment | None,
    sl_target: SLVector | None = None,
    kind: str = "control",
    safety: bool = False,
) -> Project:
    zone = Zone("bpcs", "BPCS", kind, sl_target or SLVector.uniform(2), safety=safety)
    other = Zone("dmz", "DMZ", "dmz", SLVector.uniform(1))
    return Project(
        "p",
        "P",
        zones=(zone, other),
        conduits=(Conduit("dmz-bpcs", ("dmz", "bpcs"), SLVector.uniform(1)),),
        risk=risk,
    )


# --- the matrix ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("likelihood", "consequence", "risk"),
    [
        ("rare", "negligible", "low"),
        ("rare", "severe", "medium"),
        ("unlikely", "moderate", "medium"),
        ("unlikely", "severe", "high"),
        ("possible", "minor", "medium"),
        ("possible", "major", "high"),
        ("likely", "moderate", "high"),
        ("likely", "severe", "critical"),
        ("almost_certain", "negligible", "medium"),
        ("almost_certain", "major", "critical"),
    ],
)
def test_default_matrix_gives_the_documented_risk_level(
    likelihood: str, consequence: str, risk: str
) -> None:
    assert DEFAULT_MATRIX.risk(likelihood, consequence) == risk


THREE = RiskMatrix(
    likelihood=(Level("low"), Level("mid"), Level("high")),
    consequence=(Level("small"), Level("big")),
    levels=(Level("ok"), Level("watch"), Level("act")),
    cells=(("ok", "watch"), ("ok", "act"), ("watch", "act")),
)


@pytest.mark.parametrize(
    ("likelihood", "consequence", "risk", "exceeds_watch"),
    [
        ("low", "small", "ok", False),
        ("low", "big", "watch", False),
        ("mid", "small", "ok", False),
        ("mid", "big", "act", True),
        ("high", "small", "watch", False),
        ("high", "big", "act", True),
    ],
)
def test_a_three_by_two_matrix_works_like_the_default(
    likelihood: str, consequence: str, risk: str, exceeds_watch: bool
) -> None:
    assert THREE.risk(likelihood, consequence) == risk
    assert THREE.exceeds(risk, "watch") is exceeds_watch


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: DEFAULT_MATRIX.risk("frequent", "major"), "unknown likelihood 'frequent'"),
        (lambda: DEFAULT_MATRIX.risk("likely", "huge"), "unknown consequence 'huge'"),
        (lambda: DEFAULT_MATRIX.rank("extreme"), "unknown risk level 'extreme'"),
    ],
)
def test_a_level_outside_the_matrix_is_an_error_naming_the_known_ones(
    call: object, message: str
) -> None:
    with pytest.raises(RiskMatrixError, match=message):
        call()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("consequence", "worst", "category"),
    [
        ({"production": "major"}, "major", "production"),
        ({"production": "minor", "health_safety": "severe"}, "severe", "health_safety"),
        ({"financial": "major", "production": "major"}, "major", "financial"),  # first of ties
        ({}, "negligible", None),
    ],
)
def test_the_worst_consequence_over_the_categories_counts(
    consequence: dict[str, str], worst: str, category: str | None
) -> None:
    assert worst_consequence(DEFAULT_MATRIX, tuple(consequence.items())) == (worst, category)


@pytest.mark.parametrize(
    ("initial", "expected"),
    [
        (InitialRisk((("production", "moderate"),)), ("high", "almost_certain", "moderate")),
        (InitialRisk((("production", "negligible"),)), ("medium", "almost_certain", "negligible")),
        (InitialRisk((("production", "major"),), "unlikely"), ("medium", "unlikely", "major")),
    ],
)
def test_initial_risk_assumes_the_highest_likelihood_unless_given(
    initial: InitialRisk, expected: tuple[str, str, str]
) -> None:
    assert initial_risk(DEFAULT_MATRIX, initial)[:3] == expected


@pytest.mark.parametrize(
    ("levels", "caps"),
    [(5, (1, 2, 3, 4, 4)), (4, (1, 2, 3, 4)), (3, (2, 3, 4)), (2, (2, 4)), (1, (4,))],
)
def test_default_consequence_caps_spread_one_to_four(levels: int, caps: tuple[int, ...]) -> None:
    matrix = RiskMatrix(
        consequence=tuple(Level(f"c{i}") for i in range(levels)),
        cells=tuple(("low",) * levels for _ in range(5)),
    )
    assert consequence_caps(DerivationRule(), matrix) == caps


def test_configured_consequence_caps_replace_the_spread() -> None:
    rule = DerivationRule(consequence_sl=(1, 1, 2, 3, 3))
    assert consequence_caps(rule, DEFAULT_MATRIX) == (1, 1, 2, 3, 3)


# --- one scenario ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "likelihood", "consequence", "risk", "counts", "required"),
    [
        ("simple", "possible", "major", "high", True, 2),  # actor 2, cap 4
        ("moderate", "unlikely", "severe", "high", True, 3),  # actor 3, cap 4
        ("extended", "likely", "severe", "critical", True, 4),  # actor 4, cap 4
        ("extended", "likely", "moderate", "high", True, 3),  # actor 4, capped at 3
        ("moderate", "almost_certain", "minor", "high", True, 2),  # actor 3, capped at 2
        ("extended", "almost_certain", "negligible", "medium", False, 0),  # not above medium
        ("moderate", "rare", "major", "low", False, 0),
        ("casual", "likely", "major", "high", True, 1),
    ],
)
def test_a_scenario_calls_for_its_actors_sl_bounded_by_its_consequence(
    actor: str, likelihood: str, consequence: str, risk: str, counts: bool, required: int
) -> None:
    assessment = RiskAssessment(tolerable="medium")
    result = score_scenario(
        scenario("ts", actor, (1,), likelihood, {"production": consequence}),
        assessment,
        consequence_caps(assessment.derivation, assessment.matrix),
    )
    assert (result.risk, result.exceeds, result.required) == (risk, counts, required)


@pytest.mark.parametrize(
    ("residual", "risk", "exceeds"),
    [
        (None, None, None),
        (Residual(), "high", True),  # unchanged: possible x major
        (Residual("rare"), "low", False),
        (Residual(None, (("production", "minor"),)), "medium", False),
        (Residual("likely", (("production", "severe"),)), "critical", True),
    ],
)
def test_residual_risk_defaults_each_part_to_the_unmitigated_one(
    residual: Residual | None, risk: str | None, exceeds: bool | None
) -> None:
    assessment = RiskAssessment(tolerable="medium")
    s = scenario("ts", "simple", (1,), "possible", {"production": "major"}, residual=residual)
    result = score_scenario(s, assessment, (1, 2, 3, 4, 4))
    assert (result.residual, result.residual_exceeds) == (risk, exceeds)


# --- the derivation per zone ----------------------------------------------------------------

WORKED = (  # docs/concepts/risk.md, "Worked example"
    scenario("ts-a", "simple", (1, 2, 3, 5, 7), "possible", {"production": "major"}),
    scenario("ts-b", "moderate", (1, 2, 3), "unlikely", {"health_safety": "severe"}),
    scenario("ts-c", "extended", (5,), "rare", {"production": "major"}),
    scenario("ts-d", "moderate", (7,), "likely", {"production": "minor"}),
)


@pytest.mark.parametrize(
    ("scenarios", "rule", "derived"),
    [
        ((), DerivationRule(), [1, 1, 1, 1, 1, 1, 1]),
        ((), DerivationRule(baseline=0), [0, 0, 0, 0, 0, 0, 0]),
        (WORKED, DerivationRule(), [3, 3, 3, 1, 2, 1, 2]),
        (WORKED, DerivationRule(baseline=2), [3, 3, 3, 2, 2, 2, 2]),
        (WORKED, DerivationRule(actor_sl=(1, 1, 2, 4)), [2, 2, 2, 1, 1, 1, 1]),
        (WORKED, DerivationRule(consequence_sl=(1, 1, 2, 2, 3)), [3, 3, 3, 1, 2, 1, 2]),
        (WORKED, DerivationRule(consequence_sl=(1, 1, 1, 1, 2)), [2, 2, 2, 1, 1, 1, 1]),
        (
            (scenario("x", "moderate", (7,), "likely", {"production": "moderate"}),),
            DerivationRule(),
            [1, 1, 1, 1, 1, 1, 3],
        ),
    ],
)
def test_derived_sl_target_per_fr_is_the_highest_counted_requirement(
    scenarios: tuple[ThreatScenario, ...], rule: DerivationRule, derived: list[int]
) -> None:
    risk = RiskAssessment(tolerable="medium", scenarios=scenarios, derivation=rule)
    result = assess_risk(project(risk), risk, AS_OF).target("bpcs")
    assert result is not None
    assert list(result.derived) == derived


def test_a_lower_tolerable_risk_lets_more_scenarios_count() -> None:
    risk = RiskAssessment(tolerable="low", scenarios=WORKED)
    result = assess_risk(project(risk), risk, AS_OF).target("bpcs")
    assert result is not None
    # ts-c (low) still does not count; ts-d (medium) now does: moderate capped at 2 by minor.
    assert list(result.derived) == [3, 3, 3, 1, 2, 1, 2]
    assert [f.contributions for f in result.frs][6][1].scenario == "ts-d"


def test_the_derivation_reasons_name_the_deciding_scenario_per_fr() -> None:
    risk = RiskAssessment(tolerable="medium", scenarios=WORKED)
    result = assess_risk(project(risk), risk, AS_OF)
    target = result.target("bpcs")
    assert target is not None
    decisive = [None if f.decisive is None else f.decisive.scenario for f in target.frs]
    assert decisive == ["ts-b", "ts-b", "ts-b", None, "ts-a", None, "ts-a"]
    text = "\n".join(sl_target_reasoning(result, target))
    assert "ts-c Scenario ts-c: unmitigated risk Low (Rare x Major in Production), not" in text
    assert "Actor moderate calls for SL 3" in text
    assert "FR 4 Data confidentiality: derived 1, the baseline" in text
    assert "FR 1 Identification and authentication control: derived 3 from ts-b (also" in text


@pytest.mark.parametrize(
    ("recorded", "decision", "agreement", "explained", "codes"),
    [
        ([3, 3, 3, 1, 2, 1, 2], None, "matches", True, []),
        ([3, 3, 3, 2, 2, 2, 2], None, "above", False, []),
        ([3, 3, 3, 2, 2, 2, 2], SLTargetDecision(justification="policy"), "above", True, []),
        ([2, 3, 3, 1, 2, 1, 2], None, "below", False, ["below-derived"]),
        ([2, 3, 3, 1, 2, 1, 2], SLTargetDecision(justification="x"), "below", False,
         ["below-derived"]),
        ([2, 3, 3, 1, 2, 1, 2], SLTargetDecision(override_rationale="accepted"), "below", True,
         []),
        ([3, 3, 3, 1, 2, 1, 2], SLTargetDecision(derived=SLVector.uniform(2)), "matches", True,
         ["derivation-changed"]),
    ],
)
def test_recorded_sl_target_is_compared_with_the_derived_one(
    recorded: list[int],
    decision: SLTargetDecision | None,
    agreement: str,
    explained: bool,
    codes: list[str],
) -> None:
    risk = RiskAssessment(
        tolerable="medium", scenarios=WORKED, zones={"bpcs": ZoneRisk(decision=decision)}
    )
    result = assess_risk(project(risk, SLVector(recorded)), risk, AS_OF)
    target = result.target("bpcs")
    assert target is not None
    assert (target.agreement, target.explained) == (agreement, explained)
    assert [w.code for w in result.warnings if w.subject == "bpcs"] == codes


@pytest.mark.parametrize(
    ("kind", "safety", "function", "recorded", "justified", "code"),
    [
        ("safety", True, None, [2, 2, 2, 1, 2, 1, 2], False, "safety-below-typical"),
        ("safety", True, None, [2, 2, 2, 1, 2, 1, 2], True, None),
        ("safety", True, None, [3, 1, 1, 1, 1, 1, 1], False, None),
        ("control", True, None, [2, 2, 2, 2, 2, 2, 2], False, "safety-below-typical"),
        ("other", False, "monitoring", [1, 1, 1, 1, 3, 1, 1], False, "monitoring-above-typical"),
        ("other", False, "monitoring", [2, 2, 2, 2, 2, 2, 2], False, None),
        ("control", False, None, [4, 4, 4, 4, 4, 4, 4], False, None),  # process control: no check
    ],
)
def test_typical_bands_warn_without_a_justification(
    kind: str,
    safety: bool,
    function: str | None,
    recorded: list[int],
    justified: bool,
    code: str | None,
) -> None:
    decision = SLTargetDecision(
        justification="reviewed" if justified else None, override_rationale="accepted"
    )
    risk = RiskAssessment(
        tolerable="medium", zones={"bpcs": ZoneRisk(function=function, decision=decision)}
    )
    result = assess_risk(project(risk, SLVector(recorded), kind, safety), risk, AS_OF)
    codes = [w.code for w in result.warnings if w.subject == "bpcs"]
    assert codes == ([code] if code else [])


@pytest.mark.parametrize(
    ("scenarios", "initial", "residual", "exceeds", "needs"),
    [
        ((), None, None, None, None),
        ((), InitialRisk((("production", "negligible"),)), "medium", False, False),
        ((), InitialRisk((("production", "major"),)), None, None, True),
        (WORKED[:1], InitialRisk((("production", "major"),)), None, None, True),
        (
            (
                scenario("a", "simple", (1,), "possible", {"production": "major"},
                         residual=Residual("rare")),
                scenario("b", "simple", (1,), "possible", {"production": "major"},
                         residual=Residual("possible")),
            ),
            InitialRisk((("production", "major"),)),
            "high",
            True,
            True,
        ),
    ],
)
def test_residual_risk_of_a_zone_is_the_worst_of_its_scenarios(
    scenarios: tuple[ThreatScenario, ...],
    initial: InitialRisk | None,
    residual: str | None,
    exceeds: bool | None,
    needs: bool | None,
) -> None:
    risk = RiskAssessment(
        tolerable="medium", scenarios=scenarios, zones={"bpcs": ZoneRisk(initial=initial)}
    )
    result = assess_risk(project(risk), risk, AS_OF)
    target = result.target("bpcs")
    assert target is not None
    assert (target.residual, target.residual_exceeds, target.needs_detailed) == (
        residual,
        exceeds,
        needs,
    )
    above = [w.subject for w in result.warnings if w.code == "residual-above-tolerable"]
    assert above == (["b"] if exceeds else [])


def test_a_scenario_against_a_conduit_derives_the_conduits_sl_target() -> None:
    risk = RiskAssessment(
        tolerable="medium",
        scenarios=(scenario("x", "moderate", (4,), "likely", {"production": "major"},
                            targets=("dmz-bpcs",)),),
    )
    result = assess_risk(project(risk), risk, AS_OF)
    conduit = result.target("dmz-bpcs")
    assert conduit is not None and list(conduit.derived) == [1, 1, 1, 3, 1, 1, 1]
    assert result.target("bpcs") is not None and list(result.target("bpcs").derived) == [1] * 7


# --- the ZCR steps ------------------------------------------------------------------------


def states(steps: tuple[object, ...]) -> dict[str, str]:
    return {s.id: s.state for s in steps}  # type: ignore[attr-defined]


def test_without_a_risk_section_only_suc_and_zoning_can_be_done() -> None:
    p = project(None)
    steps = zcr_steps(p, None)
    assert [s.id for s in steps] == list(STEP_IDS)
    found = states(steps)
    assert found["ZCR 3"] == "done"
    assert found["ZCR 1"] == "missing"
    assert {v for k, v in found.items() if k not in ("ZCR 1", "ZCR 3")} == {"missing"}


def complete(version: str = "v1", approved_on: date = date(2026, 11, 2)) -> Project:
    s = scenario(
        "ts", "moderate", (1, 2, 3), "likely", {"production": "major"},
        targets=("bpcs", "dmz", "dmz-bpcs"), residual=Residual("rare"),
        vulnerability="weak", existing_countermeasures=("firewall",),
    )
    decision = SLTargetDecision(justification="derived", decided_by="me", decided_on=AS_OF)
    initial = InitialRisk((("production", "major"),))
    risk = RiskAssessment(
        tolerable="medium",
        version="v1",
        threat_environment="hostile",
        assumptions=("a",),
        policies=("p",),
        regulations=("r",),
        scenarios=(s,),
        zones={
            t: ZoneRisk(initial=initial, decision=decision) for t in ("bpcs", "dmz", "dmz-bpcs")
        },
        approvals=(Approval(version, "Owner", approved_on, "0" * 64),),
    )
    base = project(risk, SLVector([3, 3, 3, 1, 1, 1, 1]))
    zones = tuple(
        Zone(z.id, z.name, z.kind, SLVector([3, 3, 3, 1, 1, 1, 1]), owner="ops")
        for z in base.zones
    )
    conduits = (Conduit("dmz-bpcs", ("dmz", "bpcs"), SLVector([3, 3, 3, 1, 1, 1, 1])),)
    suc = SystemUnderConsideration("plant", "fence", ("vpn",), ("water",))
    return Project("p", "P", suc=suc, zones=zones, conduits=conduits, risk=risk)


def test_a_complete_assessment_has_every_step_done() -> None:
    p = complete()
    assert p.risk is not None
    steps = zcr_steps(p, assess_risk(p, p.risk, AS_OF))
    assert states(steps) == dict.fromkeys(STEP_IDS, "done"), [
        (s.id, s.summary, s.missing) for s in steps if s.state != "done"
    ]


@pytest.mark.parametrize(
    ("version", "approved_on", "as_of", "state"),
    [
        ("v1", date(2026, 11, 2), AS_OF, "done"),
        ("v0", date(2026, 11, 2), AS_OF, "partial"),  # another version was approved
        ("v1", date(2026, 11, 27), AS_OF, "missing"),  # approved after the evaluation date
        ("v1", date(2025, 11, 1), AS_OF, "partial"),  # more than 365 days ago
    ],
)
def test_approval_step_follows_version_and_as_of(
    version: str, approved_on: date, as_of: date, state: str
) -> None:
    p = complete(version, approved_on)
    assert p.risk is not None
    assert states(zcr_steps(p, assess_risk(p, p.risk, as_of)))["ZCR 7"] == state


def test_missing_pieces_are_named_per_step() -> None:
    p = complete()
    assert p.risk is not None
    risk = RiskAssessment(
        tolerable="medium",
        zones={"bpcs": ZoneRisk(initial=InitialRisk((("production", "major"),)))},
        scenarios=(scenario("ts", "simple", (1,), "likely", {"production": "major"}),),
    )
    p = Project("p", "P", suc=p.suc, zones=p.zones, conduits=p.conduits, risk=risk)
    steps = {s.id: s for s in zcr_steps(p, assess_risk(p, risk, AS_OF))}
    assert steps["ZCR 2"].state == "partial" and steps["ZCR 2"].missing == ("dmz", "dmz-bpcs")
    assert steps["ZCR 5.2"].missing == ("ts",)
    assert steps["ZCR 5.6"].missing == ("decision for bpcs",)
    assert steps["ZCR 5.10"].state == "missing"
    assert steps["ZCR 7"].state == "missing"
    assert "threat environment (ZCR 6.6)" in steps["ZCR 6"].missing
