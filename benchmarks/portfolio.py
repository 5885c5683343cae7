"""Portfolio benchmark: a large synthetic project, loaded and evaluated, timed in one run.

    python benchmarks/portfolio.py [--scale 1.0] [--seed 62443] [--repeat 3] [--out DIR] [--json]

At scale 1 the project has 2,000 zones, 4,000 conduits, 100,000 assets, ~200,000 assessments
and 5,000 evidence items; every count scales linearly. The project is written as JSON and
YAML, then the script measures (median of --repeat runs): bare ``json.load``, load+validate
of JSON and YAML, the engine (evaluate + status document + gap register), the end-to-end
``zonewarden status --format json`` command and its peak RSS. It always exits 0: it is a
measurement, not a test. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from zonewarden.catalog import default_catalog
from zonewarden.domain.evaluation import evaluate
from zonewarden.project.load import load_project
from zonewarden.services.status import status_document

AS_OF = date(2026, 11, 26)
TARGETS = {"engine_s": 1.0, "status_over_parse": 5.0, "peak_rss_mb": 1536.0}
KINDS = {  # kind: (weight, purdue levels to draw from)
    "enterprise": (8, [4, 5]), "dmz": (8, [3.5]), "supervisory": (18, [2, 3]),
    "control": (30, [1, 2]), "safety": (7, [1]), "field": (15, [0, 1]),
    "remote_access": (4, [3.5, 4]), "wireless": (4, [1, 2, None]),
    "external": (3, [5, None]), "other": (3, [None]),
}
ASSET_TYPES = {
    "enterprise": ["server", "workstation", "firewall", "switch", "router"],
    "dmz": ["historian", "jump_host", "server", "firewall", "data_diode", "opc_server"],
    "supervisory": ["scada_server", "hmi", "ews", "historian", "opc_server", "workstation"],
    "control": ["plc", "rtu", "dcs_controller", "hmi", "drive", "switch", "ied"],
    "safety": ["sis", "plc", "sensor", "hmi", "switch"],
    "field": ["sensor", "drive", "ied", "rtu", "plc"],
    "remote_access": ["vpn_gateway", "jump_host", "firewall", "laptop"],
    "wireless": ["wireless_ap", "sensor", "laptop", "switch"],
    "external": ["router", "server", "other"],
    "other": ["other", "removable_media", "laptop", "server"],
}
VENDORS = ["Siemens", "Rockwell", "Schneider", "ABB", "Emerson", "Honeywell", "Yokogawa", "Moxa"]
PROTOCOLS = ["modbus-tcp", "opc-ua", "https", "ssh", "dnp3", "iec-104", "s7comm",
             "ethernet-ip", "profinet", "syslog", "ntp", "rdp"]
STATUSES = (["implemented"] * 50 + ["partial"] * 15 + ["not_implemented"] * 20
            + ["not_applicable"] * 6 + ["not_assessed"] * 9)
EVIDENCE_KINDS = ["document", "configuration", "screenshot", "test_record", "log", "interview",
                  "observation"]


def _day(rng: random.Random, start: date, days: int) -> str:
    return (start + timedelta(days=rng.randrange(days))).isoformat()


def generate(scale: float, seed: int) -> dict[str, Any]:
    """A plausible portfolio project as plain data, deterministic for (scale, seed)."""
    rng = random.Random(seed)
    n_zones, n_conduits = max(2, round(2000 * scale)), max(1, round(4000 * scale))
    n_assets, n_assess = round(100_000 * scale), round(200_000 * scale)
    n_evidence = max(1, round(5000 * scale))
    evidence = [{
        "id": f"ev-{i:05d}", "title": f"Evidence item {i}", "kind": rng.choice(EVIDENCE_KINDS),
        "uri": f"evidence/ev-{i:05d}.pdf", "collected_on": _day(rng, date(2025, 1, 1), 600),
        "expires_on": _day(rng, date(2026, 9, 1), 700),
    } for i in range(n_evidence)]
    kinds, weights = list(KINDS), [w for w, _ in KINDS.values()]
    zones = []
    for i in range(n_zones):
        kind = rng.choices(kinds, weights)[0]
        safety = kind == "safety" or (kind in ("control", "field") and rng.random() < 0.05)
        zone: dict[str, Any] = {
            "id": f"z-{i:05d}", "name": f"Zone {i} ({kind})", "kind": kind,
            "purdue_level": rng.choice(KINDS[kind][1]), "safety": safety,
            "networks": [f"10.{i // 256}.{i % 256}.0/24"],
            "sl_target": [rng.randint(2 if safety else 1, 4) for _ in range(7)],
            "owner": f"Site team {i % 40}",
        }
        zones.append({k: v for k, v in zone.items() if v is not None})
    conduits = []
    for i in range(n_conduits):
        a, b = rng.sample(range(n_zones), 2)
        conduits.append({
            "id": f"c-{i:05d}", "name": f"Conduit {a} to {b}",
            "zones": [zones[a]["id"], zones[b]["id"]],
            "protocols": rng.sample(PROTOCOLS, rng.randint(1, 3)),
            "sl_target": rng.randint(1, 4) if rng.random() < 0.3
            else [rng.randint(1, 4) for _ in range(7)],
        })
    hosts = [0] * n_zones
    assets = []
    for i in range(n_assets):
        z = rng.randrange(n_zones)
        kind = zones[z]["kind"]
        asset: dict[str, Any] = {
            "id": f"a-{i:06d}", "name": f"Asset {i}", "zone": zones[z]["id"],
            "type": rng.choice(ASSET_TYPES[kind]), "vendor": rng.choice(VENDORS),
            "model": f"M{rng.randint(100, 999)}",
        }
        hosts[z] += 1
        if hosts[z] <= 254:
            asset["ip"] = f"10.{z // 256}.{z % 256}.{hosts[z]}"
        assets.append(asset)
    requirements = default_catalog().system_requirements()
    parent = {r.id: r.parent for r in requirements if r.is_enhancement}
    targets = [(z["id"], z["sl_target"]) for z in zones]
    targets += [(c["id"], c["sl_target"]) for c in conduits]
    assessments: dict[str, dict[str, Any]] = {}
    for index, (target_id, sl_t) in enumerate(targets):
        t = [sl_t] * 7 if isinstance(sl_t, int) else sl_t
        in_scope = [r.id for r in requirements if r.fr and r.in_scope(t[r.fr - 1])]
        quota = n_assess // len(targets) + (index < n_assess % len(targets))
        chosen = set(rng.sample(in_scope, min(quota, len(in_scope))))
        entries: dict[str, dict[str, Any]] = {}
        for rid in (r for r in in_scope if r in chosen):  # catalog order: an SR before its REs
            entry = _assessment(rng, n_evidence)
            base = entries.get(parent.get(rid, ""), {}).get("status")
            if base == "not_applicable" and entry["status"] != "not_assessed":
                entry = {"status": "not_applicable",  # an RE of a not-applicable SR
                         "justification": f"{parent[rid]} is not applicable here"}
            entries[rid] = entry
        if entries:
            assessments[target_id] = entries
    return {
        "format": "zonewarden/v1",
        "project": {"id": "portfolio", "name": f"Synthetic portfolio (scale {scale})",
                    "organization": "Benchmark Utilities", "role": "asset_owner",
                    "suc": {"description": "Synthetic multi-site portfolio for benchmarking"}},
        "zones": zones, "assets": assets, "conduits": conduits,
        "assessments": assessments, "evidence": evidence,
    }


def _assessment(rng: random.Random, n_evidence: int) -> dict[str, Any]:
    status = rng.choice(STATUSES)
    entry: dict[str, Any] = {"status": status}
    if status in ("implemented", "partial") and rng.random() < 0.7:
        refs = {rng.randrange(n_evidence) for _ in range(rng.randint(1, 3))}
        entry["evidence"] = [f"ev-{r:05d}" for r in sorted(refs)]
    if status == "not_applicable":
        entry["justification"] = "Function not present in this zone or conduit"
    elif status in ("partial", "not_implemented"):
        if rng.random() < 0.3:
            entry["notes"] = "Remediation planned in the next maintenance window"
        if rng.random() < 0.04:
            entry["compensating"] = {
                "description": "Monitored by the site SOC; access restricted at the firewall",
                "approved_by": "J. Doe", "approved_on": _day(rng, date(2025, 1, 1), 500),
                "expires_on": _day(rng, date(2026, 6, 1), 700),
            }
    if status != "not_assessed":
        entry["assessed_by"] = "Assessor " + "ABCD"[rng.randrange(4)]
        entry["assessed_on"] = _day(rng, date(2026, 1, 1), 300)
    return entry


def timed(repeat: int, fn: Any) -> tuple[float, float, Any]:
    """Median wall and CPU seconds of ``repeat`` calls of fn, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def _json_load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _engine(project: Any, catalog: Any) -> int:
    evaluation = evaluate(project, catalog, AS_OF)
    status_document(evaluation)
    return len(evaluation.gaps())


# The command runs under a small intermediate Python: a child forked straight from this
# (large) process inherits its RSS high-water mark through fork/exec, so RUSAGE_CHILDREN here
# would report this process's peak, not the command's.
_RUNNER = """import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([wall, use.ru_utime + use.ru_stime, use.ru_maxrss, done.returncode,
                  done.stderr[-500:]]))"""


def _status_command(path: Path) -> tuple[float, float, float, int, str]:
    """Wall and CPU seconds, peak RSS (MB), exit status, stderr tail of ``zonewarden status``."""
    command = [sys.executable, "-m", "zonewarden", "status", str(path), "--format", "json",
               "--as-of", AS_OF.isoformat()]
    done = subprocess.run([sys.executable, "-c", _RUNNER, *command], capture_output=True,
                          text=True, check=True)
    wall, cpu, rss_kb, code, stderr = json.loads(done.stdout)
    return wall, cpu, rss_kb / 1024, code, stderr  # Linux ru_maxrss is in kilobytes


def run(args: argparse.Namespace) -> dict[str, Any]:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    json_path, yaml_path = out / "big.json", out / "big.yaml"
    start = time.perf_counter()
    data = generate(args.scale, args.seed)
    generate_s = time.perf_counter() - start
    start = time.perf_counter()
    json_path.write_text(json.dumps(data), encoding="utf-8")
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    with yaml_path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle, Dumper=dumper, sort_keys=False, default_flow_style=False)
    write_s = time.perf_counter() - start
    del data
    catalog = default_catalog()
    wall, cpu = {}, {}
    wall["json_parse"], cpu["json_parse"], _ = timed(args.repeat, lambda: _json_load(json_path))
    wall["load_json"], cpu["load_json"], loaded = timed(
        args.repeat, lambda: load_project(json_path, catalog))
    project = loaded.project
    # the engine is timed before the YAML load, whose garbage would otherwise weigh on it
    wall["engine"], cpu["engine"], gaps = timed(args.repeat, lambda: _engine(project, catalog))
    wall["load_yaml"], cpu["load_yaml"], _ = timed(1, lambda: load_project(yaml_path, catalog))
    yaml_runs = 1 if wall["load_yaml"] > 2.0 or args.repeat == 1 else args.repeat
    if yaml_runs > 1:
        wall["load_yaml"], cpu["load_yaml"], _ = timed(
            yaml_runs, lambda: load_project(yaml_path, catalog))
    runs = [_status_command(json_path) for _ in range(args.repeat)]
    wall["status_command"] = statistics.median(r[0] for r in runs)
    cpu["status_command"] = statistics.median(r[1] for r in runs)
    rss_mb = max(r[2] for r in runs)
    failed = next((r for r in runs if r[3] != 0), None)
    ratio = wall["status_command"] / wall["json_parse"] if wall["json_parse"] else None
    values = {"engine_s": wall["engine"], "status_over_parse": ratio, "peak_rss_mb": rss_mb}
    return {
        "scale": args.scale, "seed": args.seed, "repeat": args.repeat, "yaml_repeat": yaml_runs,
        "python": platform.python_version(), "as_of": AS_OF.isoformat(),
        "counts": {
            "zones": len(project.zones), "conduits": len(project.conduits),
            "assets": len(project.assets), "evidence": len(project.evidence),
            "assessments": sum(len(a) for a in project.assessments.values()), "gaps": gaps,
        },
        "files": {"json": {"path": str(json_path), "bytes": json_path.stat().st_size},
                  "yaml": {"path": str(yaml_path), "bytes": yaml_path.stat().st_size}},
        "seconds": {"generate": generate_s, "write_json_yaml": write_s, **wall},
        "cpu_seconds": cpu,
        "status_exit": failed[3] if failed else 0,
        "status_stderr": failed[4] if failed else "",
        "peak_rss_mb": rss_mb, "status_over_parse": ratio,
        "targets": {key: {"limit": limit, "value": values[key],
                          "pass": values[key] is not None and values[key] <= limit}
                    for key, limit in TARGETS.items()},
    }


def report(r: dict[str, Any]) -> str:
    c, s, cpu, t = r["counts"], r["seconds"], r["cpu_seconds"], r["targets"]
    mb = {k: v["bytes"] / 1e6 for k, v in r["files"].items()}
    mark = {k: "PASS" if v["pass"] else "MISS" for k, v in t.items()}
    yaml_note = "once" if r["yaml_repeat"] == 1 else f"median of {r['yaml_repeat']}"
    rows = [("(a) json.load of the JSON file", "json_parse", ""),
            ("(b) load_project JSON (parse+validate)", "load_json", ""),
            (f"(c) load_project YAML ({yaml_note})", "load_yaml", ""),
            ("(d) engine: evaluate+status doc+gaps", "engine",
             f"<= {t['engine_s']['limit']:g} s  {mark['engine_s']}"),
            ("(e) zonewarden status --format json", "status_command", "")]
    lines = [
        f"ZoneWarden portfolio benchmark: scale {r['scale']}, seed {r['seed']}, "
        f"median of {r['repeat']}, Python {r['python']}",
        f"  zones {c['zones']:,}  conduits {c['conduits']:,}  assets {c['assets']:,}  "
        f"assessments {c['assessments']:,}  evidence {c['evidence']:,}  gaps {c['gaps']:,}",
        f"  files: JSON {mb['json']:.1f} MB, YAML {mb['yaml']:.1f} MB "
        f"(generated in {s['generate']:.1f} s, written in {s['write_json_yaml']:.1f} s)",
        "",
        f"  {'measure':<42} {'wall':>9} {'cpu':>9}  target",
        *(f"  {label:<42} {s[key]:>7.3f} s {cpu[key]:>7.3f} s  {target}".rstrip()
          for label, key, target in rows),
        f"  {'(f) peak RSS of the status command':<42} {r['peak_rss_mb']:>6.0f} MB"
        f" {'':>9}  <= {t['peak_rss_mb']['limit']:g} MB  {mark['peak_rss_mb']}",
        f"  {'(g) ratio (e)/(a), wall':<42} {r['status_over_parse'] or 0:>8.1f}x"
        f" {'':>9}  <= {t['status_over_parse']['limit']:g}x  {mark['status_over_parse']}",
    ]
    if r["status_exit"]:
        lines.append(f"  status command FAILED (exit {r['status_exit']}): {r['status_stderr']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=62443)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent / "out"))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    args.repeat = max(1, args.repeat)
    result = run(args)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
