"""The system under consideration as partitioned into zones and conduits (IEC 62443-3-2
ZCR 3.1), indexed for the zoning rules of :mod:`zonewarden.domain.zoning`.

A zone is read as:

- a **business zone** when of ``kind: enterprise`` or ``external``, or at Purdue level 4 or 5;
- a **control zone** when of ``kind: control``, ``safety`` or ``field``, or at Purdue level 0-2;
- a **safety zone** when ``safety: true`` or of ``kind: safety`` (:attr:`Zone.is_safety`);
- a **wireless zone** when of ``kind: wireless``; every other zone is wired.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

from zonewarden.domain.assets import Asset
from zonewarden.domain.conduits import Conduit
from zonewarden.domain.projects import Project
from zonewarden.domain.zones import Zone

KeyPath = tuple[str | int, ...]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

BUSINESS_KINDS = ("enterprise", "external")
CONTROL_KINDS = ("control", "safety", "field")
BUSINESS_LEVELS = (4, 5)
CONTROL_LEVELS = (0, 1, 2)


@dataclass(frozen=True, slots=True)
class Concern:
    """An object a finding is about: a zone, conduit or asset, with its key path in the file."""

    type: str  # "zone" | "conduit" | "asset"
    id: str
    path: KeyPath


@dataclass(frozen=True, slots=True)
class Partition:
    """A project indexed for the zoning rules: zones, assets and conduits per zone, with their
    positions in the file, and the parsed networks of each zone."""

    project: Project
    zones: dict[str, tuple[int, Zone]]
    assets: dict[str, list[tuple[int, Asset]]]
    conduits: dict[str, list[tuple[int, Conduit]]]
    networks: dict[str, list[Network]]
    ranges: dict[str, list[tuple[int, int, int]]]  # zone id -> (IP version, first, last address)
    zone_at: list[Zone | None]  # the zone of each asset, by the asset's position

    @classmethod
    def of(cls, project: Project) -> Partition:
        zones = {zone.id: (i, zone) for i, zone in enumerate(project.zones)}
        assets: dict[str, list[tuple[int, Asset]]] = {zone.id: [] for zone in project.zones}
        for i, asset in enumerate(project.assets):
            if asset.zone in assets:
                assets[asset.zone].append((i, asset))
        conduits: dict[str, list[tuple[int, Conduit]]] = {zone.id: [] for zone in project.zones}
        for i, conduit in enumerate(project.conduits):
            for zone_id in dict.fromkeys(conduit.zones):
                if zone_id in conduits:
                    conduits[zone_id].append((i, conduit))
        networks = {
            zone.id: [ipaddress.ip_network(n, strict=False) for n in zone.networks]
            for zone in project.zones
        }
        ranges: dict[str, list[tuple[int, int, int]]] = {
            zone_id: [
                (int(n.version), int(n.network_address), int(n.broadcast_address)) for n in found
            ]
            for zone_id, found in networks.items()
        }
        zone_at = [
            zones[a.zone][1] if a.zone is not None and a.zone in zones else None
            for a in project.assets
        ]
        return cls(project, zones, assets, conduits, networks, ranges, zone_at)

    def holds(self, zone_id: str, address: tuple[int, int]) -> bool:
        """True when ``address`` (see :func:`address_key`) is in one of the zone's networks."""
        version, value = address
        return any(
            v == version and first <= value <= last for v, first, last in self.ranges[zone_id]
        )

    def zone_concern(self, zone_id: str) -> Concern:
        return Concern("zone", zone_id, ("zones", self.zones[zone_id][0]))


def address_key(ip: str) -> tuple[int, int]:
    """(IP version, address as an integer). The schema has checked the text; IPv4, the common
    case, takes a fast path (large inventories hold hundreds of thousands of addresses)."""
    if ":" not in ip:
        return 4, int.from_bytes(socket.inet_aton(ip), "big")
    address = ipaddress.ip_address(ip)
    return address.version, int(address)


def asset_concern(i: int, asset: Asset) -> Concern:
    return Concern("asset", asset.id, ("assets", i))


def conduit_concern(i: int, conduit: Conduit) -> Concern:
    return Concern("conduit", conduit.id, ("conduits", i))


def level_text(level: float | None) -> str:
    return "?" if level is None else f"{level:g}"


def is_business_zone(zone: Zone) -> bool:
    """Business IT or outside networks: kind enterprise/external or Purdue level 4-5."""
    return zone.kind in BUSINESS_KINDS or zone.purdue_level in BUSINESS_LEVELS


def is_control_zone(zone: Zone) -> bool:
    """Control, safety or field devices: kind control/safety/field or Purdue level 0-2."""
    return zone.kind in CONTROL_KINDS or zone.purdue_level in CONTROL_LEVELS


def describe_zone(zone: Zone) -> str:
    level = "" if zone.purdue_level is None else f", Purdue {level_text(zone.purdue_level)}"
    return f"zone {zone.id!r} ({zone.kind}{level})"


def some_ids(assets: list[Asset], limit: int = 3) -> str:
    shown = ", ".join(repr(a.id) for a in assets[:limit])
    return shown + (f" and {len(assets) - limit} more" if len(assets) > limit else "")
