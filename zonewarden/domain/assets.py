"""Assets: the components a zone holds (IEC 62443-3-2 ZCR 3.1, asset inventory)."""

from __future__ import annotations

from dataclasses import dataclass

ASSET_TYPES = (
    "plc",
    "rtu",
    "dcs_controller",
    "sis",
    "ied",
    "drive",
    "sensor",
    "hmi",
    "ews",
    "historian",
    "scada_server",
    "opc_server",
    "server",
    "workstation",
    "jump_host",
    "vpn_gateway",
    "firewall",
    "switch",
    "router",
    "wireless_ap",
    "data_diode",
    "laptop",
    "removable_media",
    "other",
)


@dataclass(frozen=True, slots=True)
class Asset:
    """One component of the system under consideration, placed in a zone."""

    id: str
    name: str
    zone: str
    type: str
    vendor: str | None = None
    model: str | None = None
    ip: str | None = None
    description: str | None = None
