"""The library of common findings: gaps found in almost every OT assessment.

Data, written for ZoneWarden after the methodology's "Common High-Priority Gaps" (Phase 2,
FR 1, FR 2, FR 5, FR 6 and FR 7). Each finding names the IEC 62443-3-3 SRs and REs it usually
leaves unmet, a recommended action and default attributes (effort in person-days, whether it
needs procurement, a process change, downtime or the vendor) that a new action can start from.
``foundational`` findings come first in a roadmap (accounts, segmentation, inventory);
``tooling`` marks weaknesses exploited with common, freely available attack tooling.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CommonFinding:
    """A frequently found gap pattern with its usual remedy."""

    id: str
    fr: int
    title: str
    requirements: tuple[str, ...]
    recommendation: str
    effort: int  # person-days, a starting point per site
    procurement: bool = False
    process_change: bool = False
    downtime: bool = False
    vendor: bool = False
    foundational: bool = False
    tooling: bool = False


FINDINGS: tuple[CommonFinding, ...] = (
    CommonFinding(
        "shared-accounts",
        1,
        "Shared accounts on HMIs and engineering workstations",
        ("SR 1.1", "SR 1.1 RE 1", "SR 1.3", "SR 1.5", "SR 2.1"),
        "Give every operator and engineer a personal account; keep a shared view-only "
        "session only where the process needs it, with a documented reason.",
        15,
        process_change=True,
        foundational=True,
        tooling=True,
    ),
    CommonFinding(
        "no-remote-mfa",
        1,
        "No multi-factor authentication for remote access",
        ("SR 1.1 RE 2", "SR 1.2 RE 1", "SR 1.13", "SR 1.13 RE 1"),
        "Require a second factor on every remote access path and at the DMZ jump hosts.",
        5,
        procurement=True,
        tooling=True,
    ),
    CommonFinding(
        "default-credentials",
        1,
        "Default credentials on PLCs and network devices",
        ("SR 1.5", "SR 1.7", "SR 1.9"),
        "Change every vendor default password and record the new ones in a vault.",
        3,
        vendor=True,
        foundational=True,
        tooling=True,
    ),
    CommonFinding(
        "no-rbac",
        2,
        "No role-based access control on OT systems",
        ("SR 2.1", "SR 2.1 RE 1", "SR 2.1 RE 2", "SR 1.3"),
        "Define roles per job function and grant each account only its role's rights.",
        20,
        process_change=True,
    ),
    CommonFinding(
        "excessive-vendor-privileges",
        2,
        "Excessive privileges for maintenance and vendor accounts",
        ("SR 2.1", "SR 2.1 RE 3", "SR 1.13", "SR 2.6"),
        "Limit vendor and maintenance accounts to what the job needs; enable them on request.",
        5,
        process_change=True,
        vendor=True,
        tooling=True,
    ),
    CommonFinding(
        "no-access-review",
        2,
        "No access review or recertification",
        ("SR 1.3", "SR 1.4", "SR 2.1"),
        "Review every OT account and its rights at least twice a year; remove stale ones.",
        4,
        process_change=True,
    ),
    CommonFinding(
        "flat-network",
        5,
        "Flat OT network without zone boundaries",
        ("SR 5.1", "SR 5.1 RE 1", "SR 5.2", "SR 5.2 RE 1"),
        "Split the network into the zones of the zone and conduit model, with a firewall "
        "enforcing each boundary.",
        30,
        procurement=True,
        downtime=True,
        foundational=True,
        tooling=True,
    ),
    CommonFinding(
        "no-dmz",
        5,
        "Direct routing between IT and OT without a DMZ",
        ("SR 5.1", "SR 5.2", "SR 5.2 RE 1", "SR 5.2 RE 2"),
        "Put an industrial DMZ between the enterprise and OT; no route crosses it directly.",
        25,
        procurement=True,
        downtime=True,
        foundational=True,
        tooling=True,
    ),
    CommonFinding(
        "unmonitored-conduits",
        5,
        "Unmonitored conduits between zones",
        ("SR 5.2", "SR 6.2", "SR 2.8"),
        "Log and review the traffic each conduit allows; deny by default.",
        8,
    ),
    CommonFinding(
        "no-log-collection",
        6,
        "No central log collection from OT devices",
        ("SR 2.8", "SR 2.9", "SR 2.10", "SR 6.1", "SR 3.9"),
        "Forward syslog and event logs from firewalls, switches, servers and PLCs to a "
        "central collector with enough storage.",
        10,
        procurement=True,
    ),
    CommonFinding(
        "no-ot-monitoring",
        6,
        "No OT network monitoring",
        ("SR 6.2", "SR 3.2", "SR 6.1 RE 1"),
        "Deploy passive, protocol-aware OT network monitoring at the key conduits.",
        25,
        procurement=True,
        process_change=True,
    ),
    CommonFinding(
        "no-alert-correlation",
        6,
        "No alert correlation between IT and OT events",
        ("SR 6.1 RE 1", "SR 6.2", "SR 3.2 RE 1"),
        "Correlate OT alerts with IT security events in one place and act on them.",
        20,
        procurement=True,
        process_change=True,
    ),
    CommonFinding(
        "untested-backups",
        7,
        "Backup and recovery not tested",
        ("SR 7.3", "SR 7.3 RE 1", "SR 7.4"),
        "Back up PLC logic, HMI and server images and device configurations offline; test "
        "a restore every year.",
        8,
        process_change=True,
    ),
    CommonFinding(
        "no-disaster-recovery",
        7,
        "No disaster recovery plan for control system failure",
        ("SR 7.4", "SR 7.3 RE 2"),
        "Write and exercise a recovery plan with recovery time objectives per system.",
        10,
        process_change=True,
    ),
    CommonFinding(
        "no-redundancy",
        7,
        "No redundancy for critical communication links",
        ("SR 7.1", "SR 7.1 RE 1", "SR 7.2"),
        "Add redundant paths for the communication links essential functions depend on.",
        20,
        procurement=True,
        downtime=True,
    ),
)

BY_ID = {finding.id: finding for finding in FINDINGS}
FINDING_IDS = tuple(BY_ID)

# Foundational controls when no finding says so: accounts and identification (SR 1.1-1.5,
# SR 2.1), segmentation (SR 5.1) and the asset inventory (SR 7.8).
FOUNDATIONAL_REQUIREMENTS = frozenset(
    {"SR 1.1", "SR 1.2", "SR 1.3", "SR 1.4", "SR 1.5", "SR 2.1", "SR 5.1", "SR 7.8"}
)
