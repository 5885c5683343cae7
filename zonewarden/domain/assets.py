"""Assets: the components a zone holds (IEC 62443-3-2 ZCR 3.1, asset inventory).

The asset's ``type`` and a few optional flags tell the zoning rules (ZCR 3.2 to 3.6, see
:mod:`zonewarden.domain.zoning`) what kind of separation the asset needs.
"""

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

# Types that imply a property whatever the asset's flags say.
SAFETY_TYPES = ("sis",)  # ZCR 3.3
WIRELESS_TYPES = ("wireless_ap",)  # ZCR 3.5
TEMPORARY_TYPES = ("laptop", "removable_media")  # ZCR 3.4: temporarily connected
REMOTE_ACCESS_TYPES = ("vpn_gateway", "jump_host")  # ZCR 3.6: where outside connections land
# Network equipment forms a zone's fabric and boundary rather than its function.
NETWORK_TYPES = ("switch", "router", "firewall", "data_diode", "wireless_ap")
# Basic process control functions (the BPCS side of ZCR 3.3).
CONTROL_TYPES = (
    "plc",
    "rtu",
    "dcs_controller",
    "drive",
    "hmi",
    "ews",
    "scada_server",
    "opc_server",
)
# Purdue level a type normally sits at, used when an asset gives no ``purdue_level`` (ZCR 3.2).
TYPICAL_PURDUE_LEVEL: dict[str, float] = {
    "sensor": 0,
    "drive": 0,
    "plc": 1,
    "rtu": 1,
    "dcs_controller": 1,
    "sis": 1,
    "ied": 1,
    "hmi": 2,
    "scada_server": 2,
    "opc_server": 2,
}


@dataclass(frozen=True, slots=True)
class Asset:
    """One component of the system under consideration, placed in a zone.

    ``zone`` is None for an asset not yet placed in a zone (an inventory being partitioned);
    the zoning rules report it. ``purdue_level`` is the level of the asset's own function when
    it is worth recording (an office PC on a control network is a level-4 asset in a level-1
    zone). The flags mark what the type alone cannot say: a safety-related sensor, a wireless
    HMI tablet, a PLC with a vendor's cellular modem.
    """

    id: str
    name: str
    zone: str | None
    type: str
    vendor: str | None = None
    model: str | None = None
    ip: str | None = None
    description: str | None = None
    purdue_level: float | None = None
    safety_related: bool = False
    wireless: bool = False
    remote_access: bool = False

    @property
    def is_safety_related(self) -> bool:
        """Part of a safety function: ``safety_related: true`` or of type ``sis`` (ZCR 3.3)."""
        return self.safety_related or self.type in SAFETY_TYPES

    @property
    def is_wireless(self) -> bool:
        """Communicates over radio: ``wireless: true`` or of type ``wireless_ap`` (ZCR 3.5)."""
        return self.wireless or self.type in WIRELESS_TYPES

    @property
    def is_temporary(self) -> bool:
        """Temporarily connected: of type ``laptop`` or ``removable_media`` (ZCR 3.4)."""
        return self.type in TEMPORARY_TYPES

    @property
    def is_remote_access(self) -> bool:
        """Reachable from outside the system under consideration: a remote-access gateway
        (type ``vpn_gateway`` or ``jump_host``) or ``remote_access: true`` (ZCR 3.6)."""
        return self.remote_access or self.type in REMOTE_ACCESS_TYPES

    @property
    def function_level(self) -> float | None:
        """The Purdue level of the asset's function: its own ``purdue_level``, else the level
        its type normally sits at, else None (unknown)."""
        if self.purdue_level is not None:
            return self.purdue_level
        return TYPICAL_PURDUE_LEVEL.get(self.type)
