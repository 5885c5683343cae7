"""Zoning rules: checks of how a project partitions its system under consideration into zones
and conduits (IEC 62443-3-2 ZCR 3, "partition the SUC into zones and conduits", with the
separations of ZCR 3.2 to 3.6, and the conduit targets of ZCR 5.6).

Each rule is a small function of a :class:`Partition` (the project indexed by zone) yielding
what it found in file order; :func:`review_zoning` runs every rule, applies the project's
waivers and orders the findings: errors, then warnings, then information, each in rule order.
Explanations are ZoneWarden's own words, not text of the standard.

How the rules read zones and assets is in :mod:`zonewarden.domain.partitions` and
:mod:`zonewarden.domain.assets`; docs/concepts/zoning-rules.md explains every rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from zonewarden.domain.assets import CONTROL_TYPES, NETWORK_TYPES
from zonewarden.domain.levels import FR
from zonewarden.domain.partitions import (
    BUSINESS_LEVELS,
    CONTROL_LEVELS,
    Concern,
    KeyPath,
    Partition,
    address_key,
    asset_concern,
    conduit_concern,
    describe_zone,
    is_business_zone,
    is_control_zone,
    level_text,
    some_ids,
)
from zonewarden.domain.projects import Project

ERROR, WARNING, INFO = "error", "warning", "info"
LINT_SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True, slots=True)
class Finding:
    """What one zoning rule found about one object (or pair of zones).

    ``path`` is the key that most needs a look (``assets[4].zone``). ``waiver`` is the index in
    ``project.waivers`` of the waiver about it, if any; ``waived`` is true when that waiver is
    in force on the review date (an expired waiver is kept, shown, and does not waive).
    """

    rule: str
    severity: str
    message: str
    objects: tuple[Concern, ...]
    path: KeyPath
    waiver: int | None = None
    waived: bool = False

    @property
    def object_ids(self) -> tuple[str, ...]:
        return tuple(concern.id for concern in self.objects)


Found = Iterator[tuple[str, tuple[Concern, ...], KeyPath]]


# --- ZCR 3.1: every asset in a zone, zones that match the networks, zones that connect ---------


def asset_without_zone(p: Partition) -> Found:
    """ZCR 3.1: every asset of the system under consideration belongs to a zone."""
    for i, asset in enumerate(p.project.assets):
        if asset.zone is None:
            message = f"asset {asset.id!r} ({asset.type}) is in no zone"
            yield message, (asset_concern(i, asset),), ("assets", i)


def address_outside_zone(p: Partition) -> Found:
    """ZCR 3.1 and 6.4: an asset's address lies in one of its zone's networks."""
    for i, asset in enumerate(p.project.assets):
        zone = p.zone_at[i]
        if asset.ip is None or zone is None or not zone.networks:
            continue
        address = address_key(asset.ip)
        if p.holds(zone.id, address):
            continue
        message = (
            f"asset {asset.id!r} has address {asset.ip}, outside the networks of "
            f"zone {zone.id!r} ({', '.join(zone.networks)})"
        )
        objects: tuple[Concern, ...] = (asset_concern(i, asset), p.zone_concern(zone.id))
        elsewhere = next((other for other in p.ranges if p.holds(other, address)), None)
        if elsewhere is not None:
            message += f"; that address is in zone {elsewhere!r}"
            objects += (p.zone_concern(elsewhere),)
        yield message, objects, ("assets", i, "ip")


def overlapping_networks(p: Partition) -> Found:
    """ZCR 3.1: a network belongs to one zone; two zones claiming overlapping networks leave
    the boundary between them undefined."""
    # CIDR blocks are either disjoint or nested. Sorted by start (larger block first), every
    # block still open on the stack when a block starts contains it: one pass finds all pairs.
    blocks = sorted(
        (network.version, int(network.network_address), -network.num_addresses, p.zones[z][0], k)
        for z, networks in p.networks.items()
        for k, network in enumerate(networks)
    )
    overlaps: dict[tuple[int, int], list[tuple[int, int]]] = {}  # zone positions -> networks
    stack: list[tuple[int, int, int, int]] = []  # version, last address, zone position, k
    for version, first, minus_size, zone, k in blocks:
        while stack and (stack[-1][0] != version or stack[-1][1] < first):
            stack.pop()
        for _, _, outer, outer_k in stack:
            if outer != zone:
                (za, ka), (zb, kb) = sorted(((outer, outer_k), (zone, k)))
                overlaps.setdefault((za, zb), []).append((ka, kb))
        stack.append((version, first - minus_size - 1, zone, k))
    for (za, zb), found in sorted(overlaps.items()):
        a, b = p.project.zones[za], p.project.zones[zb]
        shown = "; ".join(f"{a.networks[ka]} and {b.networks[kb]}" for ka, kb in sorted(found))
        yield (
            f"zones {a.id!r} and {b.id!r} claim overlapping networks: {shown}",
            (p.zone_concern(a.id), p.zone_concern(b.id)),
            ("zones", zb, "networks", min(found)[1]),
        )


def zone_without_conduit(p: Partition) -> Found:
    """ZCR 3.1: a zone holding assets and joined by no conduit is either truly isolated (an air
    gap worth stating) or connected in a way nobody documented."""
    for zone_id, (i, zone) in p.zones.items():
        assets = p.assets[zone_id]
        if assets and not p.conduits[zone_id]:
            yield (
                f"zone {zone.id!r} holds {len(assets)} asset{'s' if len(assets) > 1 else ''} "
                "but no conduit joins it: is it air-gapped, or is a connection undocumented?",
                (p.zone_concern(zone_id),),
                ("zones", i),
            )


# --- ZCR 3.2: business and control apart, DMZ between them ---------------------------------------


def business_with_control(p: Partition) -> Found:
    """ZCR 3.2: business assets (Purdue 4-5) and control assets (Purdue 0-2) are not in one
    zone. An asset's level is its ``purdue_level`` or the level its type normally has."""
    for zone_id, (_, zone) in p.zones.items():
        held = p.assets[zone_id]
        business = [(i, a) for i, a in held if a.function_level in BUSINESS_LEVELS]
        control = [(i, a) for i, a in held if a.function_level in CONTROL_LEVELS]
        if is_business_zone(zone):
            misplaced, side = control, "control"
        elif is_control_zone(zone) or control:
            misplaced, side = business, "business"
        else:
            continue
        for i, asset in misplaced:
            level = level_text(asset.function_level)
            how = "" if asset.purdue_level is not None else f" as a {asset.type}"
            yield (
                f"{side} asset {asset.id!r} (Purdue {level}{how}) is in {describe_zone(zone)}, "
                f"which holds {'business' if side == 'control' else 'control'} functions",
                (asset_concern(i, asset), p.zone_concern(zone_id)),
                ("assets", i, "zone"),
            )


def conduit_bypasses_dmz(p: Partition) -> Found:
    """ZCR 3.2 and 3.6: business and outside networks reach control zones only through a DMZ,
    so no conduit joins a business or external zone directly to a zone at Purdue 0-2."""
    for i, conduit in enumerate(p.project.conduits):
        a, b = (p.zones[z][1] for z in conduit.zones)
        for outer, inner in ((a, b), (b, a)):
            if is_business_zone(outer) and is_control_zone(inner) and not is_business_zone(inner):
                yield (
                    f"conduit {conduit.id!r} joins {describe_zone(outer)} directly to "
                    f"{describe_zone(inner)}, with no DMZ between them",
                    (
                        conduit_concern(i, conduit),
                        p.zone_concern(outer.id),
                        p.zone_concern(inner.id),
                    ),
                    ("conduits", i, "zones"),
                )
                break


# --- ZCR 3.3: safety apart --------------------------------------------------------------------


def safety_outside_safety_zone(p: Partition) -> Found:
    """ZCR 3.3: safety-related assets sit in a safety zone."""
    for i, asset in enumerate(p.project.assets):
        zone = p.zone_at[i]
        if asset.is_safety_related and zone is not None and not zone.is_safety:
            why = "safety_related: true" if asset.safety_related else f"type {asset.type}"
            yield (
                f"safety-related asset {asset.id!r} ({why}) is in {describe_zone(zone)}, "
                "which is not a safety zone",
                (asset_concern(i, asset), p.zone_concern(zone.id)),
                ("assets", i, "zone"),
            )


def safety_zone_with_control(p: Partition) -> Found:
    """ZCR 3.3: a safety zone does not also hold basic process control assets."""
    for zone_id, (_, zone) in p.zones.items():
        if not zone.is_safety:
            continue
        for i, asset in p.assets[zone_id]:
            if asset.type in CONTROL_TYPES and not asset.is_safety_related:
                yield (
                    f"{asset.type} {asset.id!r} in safety zone {zone_id!r} is not marked "
                    "safety_related: basic process control mixed with the safety system",
                    (asset_concern(i, asset), p.zone_concern(zone_id)),
                    ("assets", i, "zone"),
                )


# --- ZCR 3.4 to 3.6: temporary, wireless, external ----------------------------------------------


def temporary_in_permanent_zone(p: Partition) -> Found:
    """ZCR 3.4: temporarily connected devices (laptops, removable media) have zones of their
    own rather than sharing one with permanently installed assets."""
    for zone_id, (_, zone) in p.zones.items():
        held = p.assets[zone_id]
        permanent = [a for _, a in held if not a.is_temporary and a.type not in NETWORK_TYPES]
        if not permanent:
            continue
        for i, asset in held:
            if asset.is_temporary:
                yield (
                    f"temporarily connected {asset.type} {asset.id!r} shares {describe_zone(zone)} "
                    f"with permanent assets ({some_ids(permanent)})",
                    (asset_concern(i, asset), p.zone_concern(zone_id)),
                    ("assets", i, "zone"),
                )


def wireless_in_wired_zone(p: Partition) -> Found:
    """ZCR 3.5: wireless devices are in a wireless zone (``kind: wireless``)."""
    for i, asset in enumerate(p.project.assets):
        zone = p.zone_at[i]
        if asset.is_wireless and zone is not None and zone.kind != "wireless":
            why = "wireless: true" if asset.wireless else f"type {asset.type}"
            yield (
                f"wireless asset {asset.id!r} ({why}) is in wired {describe_zone(zone)}",
                (asset_concern(i, asset), p.zone_concern(zone.id)),
                ("assets", i, "zone"),
            )


def remote_access_in_control_zone(p: Partition) -> Found:
    """ZCR 3.6: remote-access gateways and vendor connections, which are reached through
    external networks, do not sit inside a control zone."""
    for i, asset in enumerate(p.project.assets):
        zone = p.zone_at[i]
        if asset.is_remote_access and zone is not None and is_control_zone(zone):
            why = "remote_access: true" if asset.remote_access else f"type {asset.type}"
            yield (
                f"remote-access asset {asset.id!r} ({why}) is inside control {describe_zone(zone)}",
                (asset_concern(i, asset), p.zone_concern(zone.id)),
                ("assets", i, "zone"),
            )


# --- ZCR 5.6: conduit targets -----------------------------------------------------------------


def conduit_below_zone_target(p: Partition) -> Found:
    """ZCR 5.6 (SL-T of zones and conduits): a conduit protects the way into both its zones, so
    its SL-T is not below the higher SL-T of the two, FR by FR."""
    for i, conduit in enumerate(p.project.conduits):
        a, b = (p.zones[z][1] for z in conduit.zones)
        short: dict[tuple[int, int, str], list[str]] = {}  # (conduit, zone, zone id) -> FRs
        for fr in FR:
            f = fr - 1
            higher = a if a.sl_target[f] >= b.sl_target[f] else b
            if conduit.sl_target[f] < higher.sl_target[f]:
                key = (conduit.sl_target[f], higher.sl_target[f], higher.id)
                short.setdefault(key, []).append(str(int(fr)))
        if short:
            yield (
                f"SL-T of conduit {conduit.id!r} is below the higher target of its zones: "
                + "; ".join(
                    f"FR {', '.join(frs)}: {mine} < {theirs} ({zone})"
                    for (mine, theirs, zone), frs in short.items()
                ),
                (conduit_concern(i, conduit), p.zone_concern(a.id), p.zone_concern(b.id)),
                ("conduits", i, "sl_target"),
            )


# --- the rule set -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ZoningRule:
    """A zoning rule: stable id, severity, the clause it rests on, a title, why it matters and
    how to fix it (ZoneWarden's words), and the check itself."""

    id: str
    severity: str
    clause: str
    title: str
    explanation: str
    fix: str
    check: Callable[[Partition], Found] = field(repr=False, compare=False)


ZONING_RULES: tuple[ZoningRule, ...] = (
    ZoningRule(
        "zoning/asset-without-zone",
        ERROR,
        "ZCR 3.1",
        "asset without a zone",
        "An asset outside every zone has no security requirements and no boundary: the "
        "partition is incomplete.",
        "Set the asset's zone.",
        asset_without_zone,
    ),
    ZoningRule(
        "zoning/address-outside-zone",
        ERROR,
        "ZCR 3.1",
        "address outside the zone's networks",
        "The asset's address is not in any network of its zone: either the inventory is wrong, "
        "or the asset really sits on another network and the zone boundary is not where the "
        "documents say.",
        "Correct the address or the zone's networks, or move the asset to the zone whose "
        "network holds it; waive for a dual-homed asset recorded with its other address.",
        address_outside_zone,
    ),
    ZoningRule(
        "zoning/overlapping-networks",
        ERROR,
        "ZCR 3.1",
        "overlapping zone networks",
        "Two zones claim the same addresses, so nothing on the network tells them apart and no "
        "conduit can be enforced between them.",
        "Give each zone its own networks (split the larger block), or merge the zones.",
        overlapping_networks,
    ),
    ZoningRule(
        "zoning/zone-without-conduit",
        INFO,
        "ZCR 3.1",
        "zone with assets but no conduit",
        "A zone that holds assets but that no conduit joins is either truly isolated, which is "
        "worth recording, or connected by a path nobody documented, which is worth finding.",
        "Add the conduits that exist; if the zone is air-gapped, waive with how that was verified.",
        zone_without_conduit,
    ),
    ZoningRule(
        "zoning/business-with-control",
        ERROR,
        "ZCR 3.2",
        "business and control assets in one zone",
        "Business systems (Purdue 4-5) face e-mail, the web and many users; control assets "
        "(Purdue 0-2) must not share their zone, or a compromise of the office reaches the "
        "process directly.",
        "Move the business asset to a business zone (or the control asset to a control zone); "
        "set the asset's purdue_level if its type misleads.",
        business_with_control,
    ),
    ZoningRule(
        "zoning/conduit-bypasses-dmz",
        ERROR,
        "ZCR 3.2",
        "business or external zone joined directly to control",
        "Traffic between business or outside networks and levels 0-2 should end in a DMZ, "
        "where it is inspected and brokered; a direct conduit skips that layer.",
        "Route the traffic through a DMZ zone (two conduits), or correct the zone kinds or "
        "Purdue levels if they are wrong.",
        conduit_bypasses_dmz,
    ),
    ZoningRule(
        "zoning/safety-outside-safety-zone",
        ERROR,
        "ZCR 3.3",
        "safety-related asset outside a safety zone",
        "Safety functions need their own zone, usually with a higher target, so that a "
        "compromise of control or business systems cannot defeat them.",
        "Move the asset to a safety zone, or mark its zone safety: true if the whole zone is "
        "safety-related.",
        safety_outside_safety_zone,
    ),
    ZoningRule(
        "zoning/safety-zone-with-control",
        ERROR,
        "ZCR 3.3",
        "safety zone mixed with basic control",
        "A basic process control asset inside the safety zone gives the less protected control "
        "system a foothold next to the safety function.",
        "Move the asset to a control zone, or mark it safety_related: true if it is part of "
        "the safety system (a safety PLC, the SIS engineering station).",
        safety_zone_with_control,
    ),
    ZoningRule(
        "zoning/temporary-in-permanent-zone",
        WARNING,
        "ZCR 3.4",
        "temporarily connected device in a permanent zone",
        "Laptops and removable media come and go, visit other networks and are rarely patched "
        "like installed systems; sharing a zone with permanent assets lets them carry malware "
        "straight in.",
        "Give temporary devices a zone of their own (a maintenance or transient zone) with a "
        "conduit to what they service.",
        temporary_in_permanent_zone,
    ),
    ZoningRule(
        "zoning/wireless-in-wired-zone",
        ERROR,
        "ZCR 3.5",
        "wireless device in a wired zone",
        "Radio reaches beyond walls and fences; a wireless device in a wired zone extends the "
        "zone to anyone in range.",
        "Put wireless devices in a zone of kind wireless, joined to the wired zone by a conduit.",
        wireless_in_wired_zone,
    ),
    ZoningRule(
        "zoning/remote-access-in-control-zone",
        ERROR,
        "ZCR 3.6",
        "remote access or vendor connection inside a control zone",
        "A remote-access gateway or vendor connection is reached through external networks; "
        "inside a control zone it opens the zone to the outside without a DMZ.",
        "Terminate remote access in a DMZ or remote-access zone, and reach the control zone "
        "through a conduit from there.",
        remote_access_in_control_zone,
    ),
    ZoningRule(
        "zoning/conduit-below-zone-target",
        WARNING,
        "ZCR 5.6",
        "conduit SL-T below its zones' SL-T",
        "A conduit is the way into both zones it joins; a conduit weaker than the more "
        "demanding zone is the easier path into it.",
        "Raise the conduit's SL-T to the higher zone target FR by FR, or waive with the risk "
        "assessment's reason (a one-way data diode, for instance).",
        conduit_below_zone_target,
    ),
)

ZONING_RULE_IDS = tuple(rule.id for rule in ZONING_RULES)
_ORDER = {rule.id: n for n, rule in enumerate(ZONING_RULES)}
_SEVERITY_ORDER = {severity: n for n, severity in enumerate(LINT_SEVERITIES)}


def zoning_rule(rule_id: str) -> ZoningRule | None:
    """The rule with this id, or None."""
    return next((rule for rule in ZONING_RULES if rule.id == rule_id), None)


@dataclass(frozen=True, slots=True)
class ZoningReview:
    """The findings of every zoning rule on a project, on a date (for waiver expiry)."""

    project: Project
    as_of: date
    findings: tuple[Finding, ...]
    unused_waivers: tuple[int, ...]  # indices of waivers that match no finding

    @property
    def open(self) -> tuple[Finding, ...]:
        """Findings not waived (an expired waiver does not waive)."""
        return tuple(f for f in self.findings if not f.waived)

    @property
    def waived(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.waived)

    def count(self, severity: str) -> int:
        """Open findings of this severity."""
        return sum(1 for f in self.open if f.severity == severity)

    def passed(self, strict: bool = False) -> bool:
        """No open error; with ``strict``, no open warning either. Information never fails."""
        failing = (ERROR, WARNING) if strict else (ERROR,)
        return not any(f.severity in failing for f in self.open)


def review_zoning(project: Project, as_of: date) -> ZoningReview:
    """Run every zoning rule, apply the project's waivers in force on ``as_of``, and order the
    findings by severity (error, warning, info), then rule, then file order."""
    partition = Partition.of(project)
    found = [
        Finding(rule.id, rule.severity, message, objects, path)
        for rule in ZONING_RULES
        for message, objects, path in rule.check(partition)
    ]
    used: set[int] = set()
    reviewed = []
    for finding in found:
        ids = finding.object_ids
        covering = [n for n, w in enumerate(project.waivers) if w.covers(finding.rule, ids)]
        used.update(covering)
        active = [n for n in covering if project.waivers[n].in_force(as_of)]
        if active:
            finding = replace(finding, waiver=active[0], waived=True)
        elif covering:
            finding = replace(finding, waiver=covering[0])
        reviewed.append(finding)
    reviewed.sort(key=lambda f: (_SEVERITY_ORDER[f.severity], _ORDER[f.rule]))
    unused = tuple(n for n in range(len(project.waivers)) if n not in used)
    return ZoningReview(project, as_of, tuple(reviewed), unused)
