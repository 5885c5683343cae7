"""Zoning rules (IEC 62443-3-2 ZCR 3): every rule fires on a seeded mistake and stays quiet on
the nearest correct layout; waivers accept findings with a reason, until they expire.

``BASE`` is a clean four-zone plant (enterprise, DMZ, BPCS, SIS) on which no rule fires. Each
case is a small change of it, built in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from zonewarden.domain.assets import Asset
from zonewarden.domain.conduits import Conduit
from zonewarden.domain.levels import SLVector, parse_sl_vector
from zonewarden.domain.projects import Project
from zonewarden.domain.waivers import Waiver
from zonewarden.domain.zones import Zone
from zonewarden.domain.zoning import (
    ERROR,
    INFO,
    WARNING,
    ZONING_RULE_IDS,
    ZONING_RULES,
    review_zoning,
    zoning_rule,
)

AS_OF = date(2026, 11, 26)


def sl(value: object) -> SLVector:
    return parse_sl_vector(value)


def zone(zone_id: str, kind: str, level: float | None, networks: tuple[str, ...] = (),
         target: object = 2, safety: bool = False) -> Zone:
    return Zone(zone_id, zone_id.upper(), kind, sl(target), level, safety, networks)


def asset(asset_id: str, zone_id: str | None, kind: str, ip: str | None = None,
          **flags: object) -> Asset:
    return replace(Asset(asset_id, asset_id, zone_id, kind, ip=ip), **flags)


def conduit(conduit_id: str, a: str, b: str, target: object = 2) -> Conduit:
    return Conduit(conduit_id, (a, b), sl(target))


BASE = Project(
    id="base",
    name="Base plant",
    zones=(
        zone("enterprise", "enterprise", 4, ("10.0.4.0/24",), target=1),
        zone("dmz", "dmz", 3.5, ("10.0.35.0/24",)),
        zone("bpcs", "control", 1, ("10.0.1.0/24",)),
        zone("sis", "safety", 1, ("10.0.9.0/24",), target=3, safety=True),
    ),
    assets=(
        asset("erp-01", "enterprise", "server", "10.0.4.10"),
        asset("hist-01", "dmz", "historian", "10.0.35.10"),
        asset("plc-01", "bpcs", "plc", "10.0.1.10"),
        asset("sis-01", "sis", "sis", "10.0.9.10"),
    ),
    conduits=(
        conduit("ent-dmz", "enterprise", "dmz"),
        conduit("dmz-bpcs", "dmz", "bpcs"),
        conduit("bpcs-sis", "bpcs", "sis", target=3),
    ),
)

Change = Callable[[Project], Project]


def add_assets(*assets: Asset) -> Change:
    return lambda p: replace(p, assets=p.assets + assets)


def add_zones(*zones: Zone) -> Change:
    return lambda p: replace(p, zones=p.zones + zones)


def add_conduits(*conduits: Conduit) -> Change:
    return lambda p: replace(p, conduits=p.conduits + conduits)


def set_zone(zone_id: str, **changes: object) -> Change:
    return lambda p: replace(
        p, zones=tuple(replace(z, **changes) if z.id == zone_id else z for z in p.zones)
    )


def set_asset(asset_id: str, **changes: object) -> Change:
    return lambda p: replace(
        p, assets=tuple(replace(a, **changes) if a.id == asset_id else a for a in p.assets)
    )


def set_conduit(conduit_id: str, **changes: object) -> Change:
    return lambda p: replace(
        p, conduits=tuple(replace(c, **changes) if c.id == conduit_id else c for c in p.conduits)
    )


def both(*changes: Change) -> Change:
    def apply(p: Project) -> Project:
        for change in changes:
            p = change(p)
        return p

    return apply


def findings(change: Change) -> list[tuple[str, tuple[str, ...]]]:
    review = review_zoning(change(BASE), AS_OF)
    return [(f.rule, f.object_ids) for f in review.findings]


def test_the_base_plant_has_no_finding() -> None:
    assert review_zoning(BASE, AS_OF).findings == ()


# (case id, change, rule, object ids of the expected finding)
POSITIVE = [
    ("asset-without-zone", add_assets(asset("loose", None, "switch")),
     "zoning/asset-without-zone", ("loose",)),
    ("address-outside-zone", set_asset("plc-01", ip="10.0.2.10"),
     "zoning/address-outside-zone", ("plc-01", "bpcs")),
    ("address-in-another-zone", set_asset("plc-01", ip="10.0.9.77"),
     "zoning/address-outside-zone", ("plc-01", "bpcs", "sis")),
    ("ipv6-address-in-ipv4-zone", set_asset("plc-01", ip="fd00::10"),
     "zoning/address-outside-zone", ("plc-01", "bpcs")),
    ("nested-networks", set_zone("dmz", networks=("10.0.35.0/24", "10.0.1.128/25")),
     "zoning/overlapping-networks", ("dmz", "bpcs")),
    ("same-network-twice", set_zone("sis", networks=("10.0.9.0/24", "10.0.1.0/24")),
     "zoning/overlapping-networks", ("bpcs", "sis")),
    ("zone-with-assets-and-no-conduit",
     both(add_zones(zone("lab", "other", None)), add_assets(asset("pc", "lab", "workstation"))),
     "zoning/zone-without-conduit", ("lab",)),
    ("business-asset-in-control-zone",
     add_assets(asset("office-pc", "bpcs", "workstation", "10.0.1.50", purdue_level=4)),
     "zoning/business-with-control", ("office-pc", "bpcs")),
    ("plc-in-enterprise-zone", add_assets(asset("plc-9", "enterprise", "plc", "10.0.4.9")),
     "zoning/business-with-control", ("plc-9", "enterprise")),
    ("business-and-control-in-unlevelled-zone",
     both(add_zones(zone("mixed", "other", None)), add_conduits(conduit("c", "mixed", "dmz")),
          add_assets(asset("rtu", "mixed", "rtu"), asset("erp", "mixed", "server",
                                                         purdue_level=5))),
     "zoning/business-with-control", ("erp", "mixed")),
    ("enterprise-to-control", add_conduits(conduit("ent-bpcs", "enterprise", "bpcs")),
     "zoning/conduit-bypasses-dmz", ("ent-bpcs", "enterprise", "bpcs")),
    ("external-to-level-2",
     both(add_zones(zone("vendor", "external", None, target=1),
                    zone("scada", "supervisory", 2)),
          add_conduits(conduit("vendor-scada", "scada", "vendor"), conduit("s", "scada", "dmz"))),
     "zoning/conduit-bypasses-dmz", ("vendor-scada", "vendor", "scada")),
    ("sis-in-control-zone", add_assets(asset("sis-02", "bpcs", "sis")),
     "zoning/safety-outside-safety-zone", ("sis-02", "bpcs")),
    ("safety-sensor-in-control-zone",
     add_assets(asset("gas-01", "bpcs", "sensor", safety_related=True)),
     "zoning/safety-outside-safety-zone", ("gas-01", "bpcs")),
    ("plc-in-safety-zone", add_assets(asset("bpcs-plc", "sis", "plc")),
     "zoning/safety-zone-with-control", ("bpcs-plc", "sis")),
    ("ews-in-zone-flagged-safety",
     both(set_zone("bpcs", kind="other", safety=True), set_asset("plc-01", safety_related=True),
          add_assets(asset("ews-1", "bpcs", "ews"))),
     "zoning/safety-zone-with-control", ("ews-1", "bpcs")),
    ("laptop-in-control-zone", add_assets(asset("laptop", "bpcs", "laptop")),
     "zoning/temporary-in-permanent-zone", ("laptop", "bpcs")),
    ("usb-stick-in-dmz", add_assets(asset("usb", "dmz", "removable_media")),
     "zoning/temporary-in-permanent-zone", ("usb", "dmz")),
    ("access-point-in-control-zone", add_assets(asset("wap", "bpcs", "wireless_ap")),
     "zoning/wireless-in-wired-zone", ("wap", "bpcs")),
    ("wireless-tablet-in-control-zone", add_assets(asset("tab", "bpcs", "hmi", wireless=True)),
     "zoning/wireless-in-wired-zone", ("tab", "bpcs")),
    ("vpn-gateway-in-control-zone", add_assets(asset("vpn", "bpcs", "vpn_gateway")),
     "zoning/remote-access-in-control-zone", ("vpn", "bpcs")),
    ("plc-with-vendor-modem", set_asset("plc-01", remote_access=True),
     "zoning/remote-access-in-control-zone", ("plc-01", "bpcs")),
    ("jump-host-at-level-2",
     both(add_zones(zone("scada", "supervisory", 2)), add_conduits(conduit("s", "scada", "dmz")),
          add_assets(asset("jump", "scada", "jump_host"))),
     "zoning/remote-access-in-control-zone", ("jump", "scada")),
    ("conduit-below-safety-zone", set_conduit("bpcs-sis", sl_target=sl(2)),
     "zoning/conduit-below-zone-target", ("bpcs-sis", "bpcs", "sis")),
    ("conduit-below-in-one-fr", set_conduit("ent-dmz", sl_target=sl([2, 2, 2, 2, 1, 2, 2])),
     "zoning/conduit-below-zone-target", ("ent-dmz", "enterprise", "dmz")),
]

# (case id, change, rule that must not fire): the nearest correct layout.
NEGATIVE = [
    ("every-asset-zoned", add_assets(asset("sw", "bpcs", "switch")), "zoning/asset-without-zone"),
    ("address-in-zone", set_asset("plc-01", ip="10.0.1.254"), "zoning/address-outside-zone"),
    ("zone-without-networks", set_zone("bpcs", networks=()), "zoning/address-outside-zone"),
    ("asset-without-address", set_asset("plc-01", ip=None), "zoning/address-outside-zone"),
    ("second-network-of-the-zone",
     both(set_zone("bpcs", networks=("10.0.1.0/24", "fd00:1::/64")),
          set_asset("plc-01", ip="fd00:1::10")), "zoning/address-outside-zone"),
    ("adjacent-networks", set_zone("dmz", networks=("10.0.2.0/24", "10.0.0.0/24")),
     "zoning/overlapping-networks"),
    ("nested-networks-in-one-zone", set_zone("bpcs", networks=("10.0.1.0/24", "10.0.1.0/25")),
     "zoning/overlapping-networks"),
    ("ipv4-and-ipv6", set_zone("dmz", networks=("::/0",)), "zoning/overlapping-networks"),
    ("empty-zone-without-conduit", add_zones(zone("spare", "other", None)),
     "zoning/zone-without-conduit"),
    ("workstation-of-unknown-level-in-control-zone",
     add_assets(asset("ews-pc", "bpcs", "workstation")), "zoning/business-with-control"),
    ("business-asset-in-level-3-zone",
     both(add_zones(zone("ops", "supervisory", 3)), add_conduits(conduit("o", "ops", "dmz")),
          add_assets(asset("mail", "ops", "server", purdue_level=4))),
     "zoning/business-with-control"),
    ("enterprise-to-dmz", lambda p: p, "zoning/conduit-bypasses-dmz"),
    ("enterprise-to-level-3",
     both(add_zones(zone("ops", "supervisory", 3)),
          add_conduits(conduit("e", "enterprise", "ops"))),
     "zoning/conduit-bypasses-dmz"),
    ("sis-in-safety-zone", add_assets(asset("sis-02", "sis", "sis")),
     "zoning/safety-outside-safety-zone"),
    ("safety-zone-by-flag-only",
     both(set_zone("bpcs", kind="other", safety=True), set_asset("plc-01", safety_related=True),
          add_assets(asset("sis-02", "bpcs", "sis"))), "zoning/safety-outside-safety-zone"),
    ("safety-plc-marked", add_assets(asset("s-plc", "sis", "plc", safety_related=True)),
     "zoning/safety-zone-with-control"),
    ("network-gear-in-safety-zone", add_assets(asset("s-sw", "sis", "switch"),
                                               asset("s-diode", "sis", "data_diode")),
     "zoning/safety-zone-with-control"),
    ("laptop-in-transient-zone",
     both(add_zones(zone("maint", "other", None)), add_conduits(conduit("m", "maint", "bpcs")),
          add_assets(asset("laptop", "maint", "laptop"), asset("m-sw", "maint", "switch"),
                     asset("usb", "maint", "removable_media"))),
     "zoning/temporary-in-permanent-zone"),
    ("access-point-in-wireless-zone",
     both(add_zones(zone("wifi", "wireless", 1)), add_conduits(conduit("w", "wifi", "bpcs")),
          add_assets(asset("wap", "wifi", "wireless_ap"))), "zoning/wireless-in-wired-zone"),
    ("vpn-gateway-in-dmz", add_assets(asset("vpn", "dmz", "vpn_gateway")),
     "zoning/remote-access-in-control-zone"),
    ("jump-host-at-level-3",
     both(add_zones(zone("ops", "supervisory", 3)), add_conduits(conduit("o", "ops", "dmz")),
          add_assets(asset("jump", "ops", "jump_host"))), "zoning/remote-access-in-control-zone"),
    ("conduit-above-its-zones", set_conduit("bpcs-sis", sl_target=sl(4)),
     "zoning/conduit-below-zone-target"),
]


@pytest.mark.parametrize(("change", "rule", "objects"),
                         [pytest.param(c, r, o, id=i) for i, c, r, o in POSITIVE])
def test_rule_reports_the_seeded_mistake(change: Change, rule: str,
                                         objects: tuple[str, ...]) -> None:
    assert findings(change) == [(rule, objects)]


@pytest.mark.parametrize(("change", "rule"), [pytest.param(c, r, id=i) for i, c, r in NEGATIVE])
def test_rule_stays_quiet_on_the_correct_layout(change: Change, rule: str) -> None:
    assert rule not in [found for found, _ in findings(change)]


def test_every_rule_has_a_positive_and_a_negative_case() -> None:
    assert {rule for *_, rule, _ in POSITIVE} == set(ZONING_RULE_IDS)
    assert {rule for *_, rule in NEGATIVE} == set(ZONING_RULE_IDS)


def test_rules_have_stable_ids_a_clause_and_our_own_explanation() -> None:
    assert len(set(ZONING_RULE_IDS)) == len(ZONING_RULES) == 12
    for rule in ZONING_RULES:
        assert rule.id.startswith("zoning/") and rule.id == rule.id.lower()
        assert rule.severity in (ERROR, WARNING, INFO)
        assert rule.clause.startswith("ZCR ")
        assert rule.clause in (rule.check.__doc__ or ""), rule.id
        assert rule.explanation.endswith(".") and rule.fix.endswith(".")
        assert zoning_rule(rule.id) is rule
    assert zoning_rule("zoning/nope") is None


def test_finding_paths_point_at_the_objects_in_file_order() -> None:
    change = both(add_assets(asset("wap", "bpcs", "wireless_ap")),
                  set_conduit("bpcs-sis", sl_target=sl(2)))
    review = review_zoning(change(BASE), AS_OF)
    wireless, below = review.findings
    assert wireless.path == ("assets", 4, "zone")
    assert [(c.type, c.id, c.path) for c in wireless.objects] == [
        ("asset", "wap", ("assets", 4)), ("zone", "bpcs", ("zones", 2))]
    assert below.path == ("conduits", 2, "sl_target")
    assert "FR 1, 2, 3, 4, 5, 6, 7: 2 < 3 (sis)" in below.message


def test_findings_are_ordered_errors_then_warnings_then_info() -> None:
    change = both(
        add_zones(zone("lab", "other", None)), add_assets(asset("pc", "lab", "workstation")),
        set_conduit("bpcs-sis", sl_target=sl(2)), add_assets(asset("wap", "bpcs", "wireless_ap")),
        add_assets(asset("laptop", "bpcs", "laptop")), add_assets(asset("loose", None, "other")),
    )
    review = review_zoning(change(BASE), AS_OF)
    assert [(f.severity, f.rule) for f in review.findings] == [
        (ERROR, "zoning/asset-without-zone"),
        (ERROR, "zoning/wireless-in-wired-zone"),
        (WARNING, "zoning/temporary-in-permanent-zone"),
        (WARNING, "zoning/conduit-below-zone-target"),
        (INFO, "zoning/zone-without-conduit"),
    ]
    assert review_zoning(change(BASE), AS_OF) == review  # deterministic


def test_many_overlaps_are_one_finding_per_pair_of_zones() -> None:
    change = set_zone("dmz", networks=("10.0.0.0/16",))
    assert findings(change) == [
        ("zoning/overlapping-networks", ("enterprise", "dmz")),
        ("zoning/overlapping-networks", ("dmz", "bpcs")),
        ("zoning/overlapping-networks", ("dmz", "sis")),
    ]


# --- waivers ----------------------------------------------------------------------------------

MISTAKES = both(add_assets(asset("wap", "bpcs", "wireless_ap"), asset("wap-2", "bpcs",
                                                                     "wireless_ap")),
                set_conduit("bpcs-sis", sl_target=sl(2)))


def waived(*waivers: Waiver, as_of: date = AS_OF) -> list[tuple[str, tuple[str, ...], bool]]:
    project = replace(MISTAKES(BASE), waivers=waivers)
    return [(f.rule, f.object_ids, f.waived) for f in review_zoning(project, as_of).findings]


def test_a_waiver_without_objects_switches_its_rule_off() -> None:
    assert waived(Waiver("zoning/wireless-in-wired-zone", "pilot: Wi-Fi to be moved")) == [
        ("zoning/wireless-in-wired-zone", ("wap", "bpcs"), True),
        ("zoning/wireless-in-wired-zone", ("wap-2", "bpcs"), True),
        ("zoning/conduit-below-zone-target", ("bpcs-sis", "bpcs", "sis"), False),
    ]


def test_a_waiver_with_objects_covers_findings_concerning_any_of_them() -> None:
    only_wap = Waiver("zoning/wireless-in-wired-zone", "r", ("wap",))
    assert [w for *_, w in waived(only_wap)] == [True, False, False]
    by_zone = Waiver("zoning/wireless-in-wired-zone", "r", ("bpcs",))
    assert [w for *_, w in waived(by_zone)] == [True, True, False]
    other_rule = Waiver("zoning/conduit-below-zone-target", "r", ("wap",))
    assert [w for *_, w in waived(other_rule)] == [False, False, False]


def test_an_expired_waiver_is_shown_but_does_not_waive() -> None:
    waiver = Waiver("zoning/conduit-below-zone-target", "diode", ("bpcs-sis",),
                    "J. Doe", date(2026, 1, 1), date(2026, 11, 26))
    assert waived(waiver, as_of=date(2026, 11, 26))[-1][-1] is True  # the last day counts
    project = replace(MISTAKES(BASE), waivers=(waiver,))
    review = review_zoning(project, date(2026, 11, 27))
    below = review.findings[-1]
    assert (below.waived, below.waiver) == (False, 0)
    assert review.unused_waivers == ()
    assert not review.passed(strict=True) and not review.passed()


def test_waivers_that_match_nothing_are_reported() -> None:
    project = replace(MISTAKES(BASE), waivers=(
        Waiver("zoning/wireless-in-wired-zone", "r", ("plc-01",)),
        Waiver("zoning/conduit-below-zone-target", "r"),
        Waiver("zoning/asset-without-zone", "r"),
    ))
    assert review_zoning(project, AS_OF).unused_waivers == (0, 2)


def test_passing_means_no_open_error_and_with_strict_no_open_warning() -> None:
    review = review_zoning(MISTAKES(BASE), AS_OF)
    assert (review.count(ERROR), review.count(WARNING), review.count(INFO)) == (2, 1, 0)
    assert not review.passed()
    wifi = Waiver("zoning/wireless-in-wired-zone", "r")
    review = review_zoning(replace(MISTAKES(BASE), waivers=(wifi,)), AS_OF)
    assert review.passed() and not review.passed(strict=True)
    assert len(review.waived) == 2 and len(review.open) == 1
    info_only = both(add_zones(zone("lab", "other", None)),
                     add_assets(asset("pc", "lab", "workstation")))
    assert review_zoning(info_only(BASE), AS_OF).passed(strict=True)
