"""Generate the evidence files of the example project (zonewarden/examples/evidence/).

The example project ``examples/riverside-wtp.yaml`` cites its evidence by ``uri:
evidence/<name>``. This script writes one small, real file per uri (a one-page PDF, a PNG,
an XLSX, a ZIP of configuration exports, HTML, text or CSV) describing a fictitious record of
the fictitious Riverside water treatment plant. The output is deterministic: running it again
gives byte-identical files, so the SHA-256 recorded in the project stay valid.

Usage:
    python scripts/example_evidence.py            write the files, print their SHA-256
    python scripts/example_evidence.py --check    exit 1 if a file is missing or differs
    python scripts/example_evidence.py --sha256   print "evidence-id: sha256" for the YAML
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import io
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "zonewarden" / "examples" / "evidence"
EXAMPLE = ROOT / "zonewarden" / "examples" / "riverside-wtp.yaml"
NOTE = "Fictitious record for the ZoneWarden example project; no real site or person."
ZIP_TIME = (2026, 10, 16, 0, 0, 0)

# -- PDF -----------------------------------------------------------------------------------


def _pdf_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _wrap(text: str, width: int = 92) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return lines


def pdf(title: str, body: str, drawing: str = "") -> bytes:
    """A valid one-page A4 PDF 1.4 with a title, wrapped body text and optional drawing ops."""
    text = [f"BT /F2 15 Tf 56 786 Td ({_pdf_text(title)}) Tj ET"]
    text.append("BT /F1 10 Tf 14 TL 56 760 Td")
    for line in [*_wrap(body), "", NOTE]:
        text.append(f"({_pdf_text(line)}) Tj T*")
    text.append("ET")
    content = ("\n".join(text) + "\n" + drawing).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title (%s) /Producer (ZoneWarden example evidence) >>"
        % _pdf_text(title).encode("ascii"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body_bytes in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body_bytes + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _diagram() -> str:
    """Boxes for the zones of the zone and conduit diagram, lines for its conduits."""
    boxes = [
        ("Enterprise", 56, 520),
        ("IDMZ", 56, 450),
        ("Remote access", 300, 450),
        ("Site operations L3", 56, 380),
        ("SCADA L2", 56, 310),
        ("Intake", 20, 230),
        ("Filtration", 150, 230),
        ("Disinfection", 280, 230),
        ("Pumping", 410, 230),
        ("SIS", 300, 310),
        ("Field wireless", 410, 160),
    ]
    ops = ["0.2 0.3 0.5 RG 1 w"]
    for label, x, y in boxes:
        ops.append(f"{x} {y} 120 40 re S")
        ops.append(f"BT /F1 9 Tf {x + 6} {y + 16} Td ({_pdf_text(label)}) Tj ET")
    for x1, y1, x2, y2 in [
        (116, 520, 116, 490),
        (176, 470, 300, 470),
        (360, 450, 176, 400),
        (116, 450, 116, 420),
        (116, 380, 116, 350),
        (116, 310, 80, 270),
        (116, 310, 210, 270),
        (116, 310, 340, 270),
        (116, 310, 470, 270),
        (176, 330, 300, 330),
        (470, 230, 470, 200),
    ]:
        ops.append(f"{x1} {y1} m {x2} {y2} l S")
    return "\n".join(ops) + "\n"


# -- PNG -----------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(seed: str, accent: tuple[int, int, int], width: int = 240, height: int = 135) -> bytes:
    """A small dashboard-like picture: a title bar, status tiles and a bar chart."""
    digest = hashlib.sha256(seed.encode()).digest()
    pixels = [[(245, 247, 250)] * width for _ in range(height)]

    def fill(x0: int, y0: int, x1: int, y1: int, colour: tuple[int, int, int]) -> None:
        for y in range(max(y0, 0), min(y1, height)):
            row = pixels[y]
            for x in range(max(x0, 0), min(x1, width)):
                row[x] = colour

    fill(0, 0, width, 18, accent)
    for i in range(4):  # status tiles
        green = digest[i] % 5 != 0
        fill(8 + i * 58, 26, 58 + i * 58, 52, (46, 160, 90) if green else (210, 120, 40))
    fill(8, 60, width - 8, height - 8, (255, 255, 255))
    for i in range(12):  # bar chart
        bar = 10 + digest[4 + i] % 50
        fill(16 + i * 18, height - 14 - bar, 28 + i * 18, height - 14, accent)
    raw = b"".join(b"\x00" + bytes(v for px in row for v in px) for row in pixels)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"tEXt", b"Comment\x00" + NOTE.encode("ascii"))
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


# -- XLSX, ZIP -------------------------------------------------------------------------------


def xlsx(sheet: str, rows: Sequence[Sequence[object]], title: str) -> bytes:
    """A workbook with one sheet (XlsxWriter writes fixed zip timestamps; the creation date
    is fixed here), so the bytes are the same on every run."""
    import xlsxwriter  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties(
        {"title": title, "comments": NOTE, "created": datetime.datetime(2026, 10, 14)}
    )
    bold = book.add_format({"bold": True})
    page = book.add_worksheet(sheet)
    for number, row in enumerate(rows):
        page.write_row(number, 0, row, bold if number == 0 else None)
    page.set_column(0, len(rows[0]) - 1, 18)
    book.close()
    return buffer.getvalue()


def archive(files: dict[str, str]) -> bytes:
    """A zip of text files with fixed timestamps and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, files[name] + f"\n# {NOTE}\n")
    return buffer.getvalue()


# -- the files -------------------------------------------------------------------------------

PDFS = {
    "zone-conduit-diagram-revC.pdf": (
        "Zone and conduit diagram, revision C",
        "Riverside WTP, system under consideration. Revision C of 2026-10-06 adds the IDMZ "
        "jump host and moves the vendor appliance into the remote access zone. Zones are "
        "drawn as boxes, conduits as lines; the SIS reaches SCADA only through the "
        "unidirectional gateway.",
    ),
    "ra-2026-04.pdf": (
        "Security risk assessment RA-2026-04",
        "Workshop of 2026-10-06 with OT security, process engineering, operations and the "
        "plant manager. Initial risk per zone and conduit, fourteen threat scenarios, the "
        "resulting SL-T vectors and the reasons where the recorded SL-T differs from the "
        "derived one. Approved by the plant manager on 2026-10-09.",
    ),
    "it-security-policy-v4.2.pdf": (
        "Information security policy set, version 4.2",
        "Corporate policy set covering acceptable use, access control, passwords, logging, "
        "incident response and supplier security. Section 9 extends the policy to the OT "
        "networks of the treatment plants. Owner: CISO. Next review: March 2027.",
    ),
    "fw-rule-review-2026Q3.pdf": (
        "Firewall rule review, third quarter 2026",
        "Every rule of the IDMZ and OT firewalls was reviewed with its owner. 212 rules "
        "checked, 9 removed as unused, 4 narrowed to single hosts, 0 any-any rules left. "
        "Next review due in January 2027.",
    ),
    "pentest-idmz-2026.pdf": (
        "Penetration test: IDMZ and remote access",
        "External test from 2026-09-07 to 2026-09-11. Scope: staff SSL-VPN, vendor remote "
        "access appliance, IDMZ jump host and historian replica. Two medium findings (TLS "
        "cipher order, verbose banner), no high or critical finding. Retest passed on "
        "2026-09-18.",
    ),
    "ot-pr-07-remote-access.pdf": (
        "Procedure OT-PR-07: remote access to the OT networks",
        "Remote sessions go through the IDMZ jump host with MFA. Vendor accounts are "
        "enabled per job by the control room and disabled afterwards; every session is "
        "recorded and reviewed weekly by OT security.",
    ),
    "fortianalyzer-idmz-report.pdf": (
        "Log retention and alerting report, IDMZ",
        "Firewall and VPN logs of the IDMZ are kept for 400 days. Alert rules: failed VPN "
        "logins, new admin sessions, rule changes, traffic to unknown OT hosts. 31 alerts in "
        "September 2026, all closed with a ticket.",
    ),
    "ot-pki-cps.pdf": (
        "OT PKI certificate policy and issued certificates",
        "Two-tier PKI: an offline root and an issuing CA in site operations. Certificates "
        "for HMIs, servers and the historian, 2-year validity, RSA 3072 or P-256. The "
        "annex lists the 48 certificates issued at the date of this record.",
    ),
    "ot-st-03-cryptography.pdf": (
        "Standard OT-ST-03: cryptography in the OT networks",
        "Allowed algorithms and key lengths, TLS 1.2 or later, key storage and rotation, and "
        "the exceptions for legacy controllers that cannot encrypt (listed with their "
        "compensating measures).",
    ),
    "ot-pr-09-removable-media.pdf": (
        "Procedure OT-PR-09: removable media and portable devices",
        "USB media enter the OT networks only after a scan at the kiosk in the control room. "
        "The attached kiosk log extract shows 57 scans in October 2026, one blocked file.",
    ),
    "ot-moc-procedure.pdf": (
        "OT management of change procedure and sample records",
        "Changes to control logic and network devices follow the management of change "
        "workflow: request, risk review, lab test, approval, implementation in a maintenance "
        "window, and verification. Safety and disinfection logic need two approvers. "
        "Three sample change records are attached.",
    ),
    "fat-sat-records.pdf": (
        "Factory and site acceptance test records",
        "I/O checks, fail-safe states on loss of communication, and input validation of "
        "operator entries for the filtration and disinfection upgrade of 2024. All test "
        "steps passed; two deviations closed before handover.",
    ),
    "ot-pr-11-backup.pdf": (
        "Procedure OT-PR-11: backup and restore",
        "Nightly image backups of servers and workstations, weekly export of PLC programs, "
        "an offline copy each month, and a restore test each quarter on the spare "
        "engineering workstation.",
    ),
    "ups-generator-test.pdf": (
        "UPS and standby generator load test certificate",
        "Load test of 2026-01-12: the UPS carried levels 1 to 3 for 42 minutes; the generator "
        "took the load after 11 seconds. Certificate valid until 2026-06-30; the retest is "
        "booked for the first quarter of 2027.",
    ),
    "sis-proof-test-2026.pdf": (
        "SIS proof test and restore test record",
        "Proof test of the chlorine emergency shutdown functions on 2026-09-30 and restore "
        "of the logic solver program from the archived copy. Trip times within "
        "specification; the restored program matched the archived checksum.",
    ),
    "sis-walkdown-notes.pdf": (
        "SIS cabinet walkdown notes",
        "Walkdown of 2026-10-20: cabinet locked, key switch in RUN, no engineering laptop "
        "connected, the only network link is the unidirectional gateway. Photographs kept "
        "by OT security.",
    ),
    "waterfall-acceptance.pdf": (
        "Unidirectional gateway: installation and acceptance",
        "Installation of the gateway between the SIS and SCADA zones. The acceptance test "
        "showed that no traffic passes from SCADA towards the SIS, and that the replicated "
        "SIS values reach the historian.",
    ),
    "panel-walkdown-2026-10.pdf": (
        "Control panel walkdown: key switches, ports, default accounts",
        "Walkdown of the intake, filtration, disinfection and pumping panels on 2026-10-21. "
        "Key switches in RUN, unused switch ports disabled, default accounts changed on all "
        "but two legacy remote I/O units (tracked as a gap).",
    ),
    "interview-operations.pdf": (
        "Interview: operations supervisor and shift operators",
        "Notes of the interview of 2026-10-20 about shared HMI accounts, alarm handling, "
        "what operators do when the network is lost, and how they report suspicious events.",
    ),
    "interview-ic-maintenance.pdf": (
        "Interview: I&C lead and integrator account holders",
        "Notes of the interview of 2026-10-21 about engineering accounts, how program "
        "changes are made and tested, and how the integrator connects for support.",
    ),
}

PNGS = {
    "mfa-enrollment.png": (0, 90, 160),
    "nozomi-guardian.png": (20, 120, 110),
    "epo-compliance.png": (120, 40, 60),
}

INVENTORY = [
    ["asset", "name", "zone", "type", "vendor", "ip", "firmware"],
    ["ops-dc-01", "OT domain controller", "site-ops", "server", "Microsoft", "10.30.3.10", "2022"],
    ["hist-01", "Process historian", "site-ops", "historian", "AVEVA", "10.30.3.20", "2023 R2"],
    ["scada-srv-a", "SCADA server A", "scada", "scada_server", "AVEVA", "10.30.2.10", "2023"],
    ["scada-srv-b", "SCADA server B", "scada", "scada_server", "AVEVA", "10.30.2.11", "2023"],
    ["hmi-cr-01", "Control room HMI 1", "scada", "hmi", "Dell", "10.30.2.31", "n/a"],
    ["ews-01", "Engineering workstation", "scada", "ews", "Dell", "10.30.2.40", "n/a"],
    ["plc-int-01", "Intake PLC", "bpcs-intake", "plc", "Rockwell", "10.30.11.10", "33.011"],
    ["plc-flt-01", "Filtration PLC", "bpcs-filtration", "plc", "Rockwell", "10.30.12.10", "34.011"],
    ["plc-dis-01", "Disinfection PLC", "bpcs-disinfection", "plc", "Siemens", "10.30.13.10", "2.9"],
    ["plc-pmp-01", "Pumping PLC", "bpcs-pumping", "plc", "Rockwell", "10.30.14.10", "33.011"],
    ["sis-ls-01", "SIS logic solver", "sis", "sis", "HIMA", "10.30.20.10", "CPU OS 10"],
]
RBAC = [
    ["role", "scada", "ews", "plc", "firewall", "approved by"],
    ["operator", "operate", "-", "-", "-", "Operations manager"],
    ["supervisor", "operate, acknowledge", "-", "-", "-", "Operations manager"],
    ["i&c technician", "view", "edit logic", "download", "-", "I&C lead"],
    ["ot security", "view", "view", "-", "administer", "Plant manager"],
    ["vendor (per job)", "view", "edit logic", "download", "-", "I&C lead"],
]

ZIPS = {
    "idmz-fw-rulebase-2026-10.zip": {
        "edge-fw/policy.conf": "rule 10 allow staff-vpn -> idmz-jump tcp/3389 mfa\n"
        "rule 20 allow hist-replica <- hist-01 tcp/5450\nrule 999 deny any any log",
        "inner-fw/policy.conf": "rule 10 allow idmz-jump -> site-ops tcp/3389\n"
        "rule 20 allow wsus-relay -> site-ops tcp/8530\nrule 999 deny any any log",
    },
    "ot-fw-rulebase-2026-10.zip": {
        "core-fw/policy.conf": "rule 10 allow site-ops -> scada tcp/135,445 from ops-dc-01\n"
        "rule 20 allow scada -> bpcs-* tcp/44818\nrule 999 deny any any log",
        "cell-fw-disinfection/policy.conf": "rule 10 allow scada-srv-a,b -> plc-dis-01 "
        "tcp/102\nrule 999 deny any any log",
    },
    "switch-config-baseline.zip": {
        "core-sw-01.cfg": "hostname core-sw-01\nno ip http server\nsnmp v3 only\n"
        "interface range 1/20-1/24 shutdown",
        "cell-sw-intake.cfg": "hostname cell-sw-intake\nport-security enabled\n"
        "unused ports disabled",
        "BASELINE.txt": "Approved configuration baseline of the OT switches, 2026-10-16.",
    },
    "wireless-config.zip": {
        "bridge-yard.cfg": "ssid hidden\nwpa2-enterprise eap-tls\nmac filter on",
        "whart-gw-01.cfg": "network id 2417\njoin key rotated 2026-10-01\naccess list on",
    },
}

TEXTS = {
    "ntp-config.txt": "# Time sources of the OT networks, exported 2026-10-15\n"
    "server ntp-gps-01 prefer iburst   # GPS reference clock in the SCADA zone\n"
    "server ntp-gps-02 iburst          # second reference, site operations\n"
    "restrict default kod nomodify notrap nopeer noquery\n"
    "# clients: domain controller, SCADA servers, historian, HMIs (max offset 50 ms)\n",
    "veeam-job-history.csv": "job,target,last_run,result,restore_tested\n"
    "scada-images,scada-srv-a;scada-srv-b,2026-10-14,success,2026-09-30\n"
    "ops-images,ops-dc-01;hist-01,2026-10-14,success,2026-09-30\n"
    "plc-archive,plc-*,2026-10-12,success,2026-08-15\n"
    "offline-copy,all,2026-10-01,success,2026-07-01\n",
}

TABLES = {  # exports of tables, printed to PDF (HTML is not an upload type of the server)
    "ot-ad-gpo-export.pdf": (
        "OT Active Directory: password and lockout policy",
        ["setting", "value"],
        [
            ["Minimum password length", "14"],
            ["Password history", "24"],
            ["Account lockout threshold", "10 attempts"],
            ["Lockout duration", "15 minutes"],
            ["Interactive logon banner", "enabled"],
        ],
    ),
    "scap-results-2026-10.pdf": (
        "Windows hardening baseline: scan results, October 2026",
        ["host", "rules checked", "passed", "failed"],
        [
            ["scada-srv-a", "312", "305", "7"],
            ["scada-srv-b", "312", "305", "7"],
            ["hist-01", "312", "301", "11"],
            ["ews-01", "298", "290", "8"],
        ],
    ),
}


def files() -> dict[str, bytes]:
    """Every example evidence file by name."""
    out: dict[str, bytes] = {}
    for name, (title, body) in PDFS.items():
        out[name] = pdf(title, body, _diagram() if name.startswith("zone-conduit") else "")
    for name, accent in PNGS.items():
        out[name] = png(name, accent)
    out["ot-asset-inventory-2026-10.xlsx"] = xlsx("Assets", INVENTORY, "OT asset inventory")
    out["ot-rbac-matrix.xlsx"] = xlsx("Roles", RBAC, "OT role and permission matrix")
    for name, members in ZIPS.items():
        out[name] = archive(members)
    for name, text in TEXTS.items():
        out[name] = text.encode("ascii")
    for name, (title, header, rows) in TABLES.items():
        out[name] = pdf(
            title,
            " ".join(
                ", ".join(f"{h}: {v}" for h, v in zip(header, row, strict=True)) + "."
                for row in rows
            ),
        )
    return out


def evidence_ids() -> dict[str, list[str]]:
    """File name -> the evidence ids of the example project that cite it."""
    import yaml

    document = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    cited: dict[str, list[str]] = {}
    for item in document.get("evidence", []):
        uri = item.get("uri") or ""
        if uri.startswith("evidence/"):
            cited.setdefault(uri.removeprefix("evidence/"), []).append(item["id"])
    return cited


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file differs")
    parser.add_argument("--sha256", action="store_true", help="print evidence-id: sha256")
    options = parser.parse_args(argv)
    generated = files()
    cited = evidence_ids()
    uncovered = sorted(set(cited) - set(generated))
    if uncovered:
        print(f"no generator for: {', '.join(uncovered)}", file=sys.stderr)
        return 1
    report: Callable[[str], None] = print
    if options.check:
        stale = [
            name
            for name, data in generated.items()
            if not (OUTPUT / name).is_file() or (OUTPUT / name).read_bytes() != data
        ]
        for name in stale:
            report(f"differs or missing: {name}")
        return 1 if stale else 0
    if options.sha256:
        rows = sorted(
            (evidence_id, hashlib.sha256(generated[name]).hexdigest())
            for name, ids in cited.items()
            for evidence_id in ids
        )
        for evidence_id, digest in rows:
            report(f"{evidence_id}: {digest}")
        return 0
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(generated.items()):
        (OUTPUT / name).write_bytes(data)
        report(f"{hashlib.sha256(data).hexdigest()}  {name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
