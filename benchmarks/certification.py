"""Certification benchmark: readiness, due, snapshots and the evidence bundle (issue 7).

    python benchmarks/certification.py [--scale 1.0] [--seed 62443] [--repeat 3]
        [--files N] [--file-kib 256] [--tmp DIR] [--json]

Reuses :func:`benchmarks.portfolio.generate` for the project (2,000 zones, 4,000 conduits,
~200,000 assessments, 5,000 evidence items at scale 1) and adds the certification sections: a
``certification`` target (scheme ssa, half the zones in scope, audit 200 days after the
as-of date), a ``documents`` register (~200 policies, procedures, plans and records that
follow them), ~50 ``obligations`` and ~300 ``nonconformities`` with corrective actions in every
state (these counts scale too, with a floor). ``--files`` evidence files (default 2,000 x
scale) of ``--file-kib`` random bytes (default 256 KiB: 512 MiB at scale 1) are written to a
temporary folder next to the project file and cited by the evidence items in scope, with their
sha256; every other evidence item gets an https uri (external, not bundled).

Measures (median of --repeat runs, wall and CPU, loading excluded): ``readiness_document``;
the ``due --format json`` document (built and serialised) with --within 90d and 1y and the
iCalendar text for both; ``Snapshot.of`` + ``dumps_snapshot``; ``diff_snapshots`` +
``diff_document`` between a snapshot 92 days earlier and one taken after ~5 % of the
assessments changed; ``plan_bundle`` + ``write_bundle`` and ``verify_bundle`` of the result,
with MB/s. The temporary folder is removed at the end. Always exits 0: it is a measurement,
not a test (no wall-clock assertion anywhere). See docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from portfolio import AS_OF, generate, timed

from zonewarden.catalog import default_catalog
from zonewarden.domain.documents import TOPICS
from zonewarden.domain.obligations import OBLIGATION_KINDS
from zonewarden.domain.periods import Period
from zonewarden.domain.snapshots import Snapshot, diff_snapshots
from zonewarden.project.load import validate_data
from zonewarden.project.snapshots import dumps_snapshot
from zonewarden.reports.bundle import write_bundle
from zonewarden.services.bundle import DEFAULT_MAX_TOTAL, FileResolver, plan_bundle
from zonewarden.services.calendar import due_document, ics_calendar
from zonewarden.services.readiness import readiness_document
from zonewarden.services.snapshots import diff_document

try:  # verification is moving to its own module; older trees keep it in reports.bundle
    from zonewarden.reports.bundle_verify import verify_bundle
except ImportError:  # pragma: no cover
    from zonewarden.reports.bundle import verify_bundle  # type: ignore[attr-defined,no-redef]

AUDIT_ON = AS_OF + timedelta(days=200)
OLD_AS_OF = AS_OF - timedelta(days=92)  # the earlier snapshot of the diff
WINDOWS = {"90d": Period.parse("90d"), "1y": Period.parse("1y")}
MEASURES = {  # key: (label, target in seconds)
    "readiness": ("readiness_document", 5.0),
    "due_json_90d": ("due --format json --within 90d", 2.0),
    "due_json_1y": ("due --format json --within 1y", 2.0),
    "due_ics_90d": ("due --format ics --within 90d", 2.0),
    "due_ics_1y": ("due --format ics --within 1y", 2.0),
    "snapshot": ("Snapshot.of + dumps_snapshot", 5.0),
    "diff": ("diff_snapshots + diff_document", 2.0),
    "bundle_write": ("plan_bundle + write_bundle", 60.0),
    "bundle_verify": ("verify_bundle", 30.0),
}
OWNERS = ["OT Security", "Plant manager", "OT engineering", "Site IT", "Compliance office"]
GOVERNING = {"policy": 2, "procedure": 5, "plan": 2}  # weights among non-records
DOC_TOPICS = [t for t in TOPICS if t != "other"]
EVERY = ["3m", "6m", "12m", "12m", "1y", "90d", "2y"]


def _day(rng: random.Random, start: date, days: int) -> date:
    return start + timedelta(days=rng.randrange(days))


def add_certification(data: dict[str, Any], scale: float, seed: int) -> None:
    """The certification, documents, obligations and nonconformities sections."""
    rng = random.Random(seed + 7)
    zones = [z["id"] for z in data["zones"]]
    chosen = sorted(rng.sample(range(len(zones)), max(1, len(zones) // 2)))
    data["certification"] = {
        "scheme": "ssa",
        "body": "ISASecure-accredited certification body",
        "scope": {
            "zones": [zones[i] for i in chosen],
            "rationale": "The sites of the first certification wave and the conduits between them.",
        },
        "audit_on": AUDIT_ON.isoformat(),
        "evidence_freshness": "12m",
    }
    documents = _documents(rng, max(22, round(200 * scale)))
    data["documents"] = documents
    records = [d for d in documents if d["kind"] == "record"]
    data["obligations"] = _obligations(rng, max(8, round(50 * scale)), records)
    targets = zones + [c["id"] for c in data["conduits"]]
    srs = [r.id for r in default_catalog().system_requirements() if r.fr]
    data["nonconformities"] = [
        _nonconformity(rng, i, targets, srs) for i in range(max(10, round(300 * scale)))
    ]


def _documents(rng: random.Random, count: int) -> list[dict[str, Any]]:
    """About 45 % policies, procedures and plans over every topic, the rest records that
    follow one or two of them (some procedures are never shown in practice)."""
    governing: list[dict[str, Any]] = []
    for i in range(round(count * 0.45)):
        kind = rng.choices(list(GOVERNING), list(GOVERNING.values()))[0]
        approved = _day(rng, date(2024, 1, 1), 1000)
        document = {
            "id": f"{kind[:4]}-{i:04d}",
            "title": f"{kind.title()} {i}",
            "kind": kind,
            "topic": DOC_TOPICS[i % len(DOC_TOPICS)] if rng.random() < 0.95 else "other",
            "owner": rng.choice(OWNERS),
            "approved_on": approved.isoformat(),
            "review_due": (approved + timedelta(days=rng.choice([365, 730]))).isoformat(),
            "uri": f"https://dms.example.com/docs/{kind[:4]}-{i:04d}.pdf",
        }
        if rng.random() < 0.05:  # a draft, not yet approved
            del document["approved_on"], document["review_due"]
        governing.append(document)
    by_topic: dict[str, list[str]] = {}
    for document in governing:
        by_topic.setdefault(document["topic"], []).append(document["id"])
    records = []
    for i in range(count - len(governing)):
        topic = rng.choice(DOC_TOPICS)
        pool = by_topic.get(topic) or [d["id"] for d in governing]
        records.append(
            {
                "id": f"rec-{i:04d}",
                "title": f"Record {i} ({topic.replace('_', ' ')})",
                "kind": "record",
                "topic": topic,
                "owner": rng.choice(OWNERS),
                "approved_on": _day(rng, date(2025, 1, 1), 690).isoformat(),
                "follows": sorted(set(rng.sample(pool, min(len(pool), rng.randint(1, 2))))),
            }
        )
    return governing + records


def _obligations(
    rng: random.Random, count: int, records: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    obligations = []
    for i in range(count):
        kind = OBLIGATION_KINDS[i % len(OBLIGATION_KINDS)]
        obligation: dict[str, Any] = {
            "id": f"obl-{i:03d}",
            "kind": kind,
            "every": rng.choice(EVERY),
            "owner": rng.choice(OWNERS),
        }
        if kind == "other":
            obligation["title"] = f"Site obligation {i}"
        if kind == "surveillance_audit":
            obligation["due_on"] = _day(rng, AS_OF, 400).isoformat()
        elif rng.random() < 0.9:  # the rest were never done
            obligation["last_done"] = _day(rng, date(2025, 1, 1), 690).isoformat()
            if records and rng.random() < 0.6:
                obligation["records"] = [rng.choice(records)["id"]]
        obligations.append(obligation)
    return obligations


def _nonconformity(
    rng: random.Random, i: int, targets: list[str], srs: list[str]
) -> dict[str, Any]:
    """A finding in one of six states: open, action planned (some overdue), awaiting
    verification, verified ineffective, verified effective, closed."""
    raised = _day(rng, date(2024, 12, 1), (AS_OF - date(2024, 12, 1)).days)
    nc: dict[str, Any] = {
        "id": f"nc-{i:05d}",
        "finding": f"Finding {i}: the control was not applied as the procedure requires.",
        "severity": rng.choices(["major", "minor", "observation"], [15, 55, 30])[0],
        "source": rng.choice(
            ["internal_audit", "external_audit", "surveillance_audit", "self_assessment"]
        ),
        "raised_on": raised.isoformat(),
        "auditor": f"Auditor {'ABCDEF'[rng.randrange(6)]}",
        "zones": sorted(set(rng.sample(targets, rng.randint(1, 2)))),
        "requirements": sorted(set(rng.sample(srs, rng.randint(0, 2)))),
    }
    if rng.random() < 0.3:
        nc["references"] = [f"IEC 62443-2-1 SP.{rng.randint(1, 12):02d}.{rng.randint(1, 9):02d}"]
    if rng.random() < 0.8:
        nc["root_cause"] = "The procedure does not cover this case."
    state = rng.choices(range(6), [10, 25, 20, 10, 10, 25])[0]
    if state == 0:
        return nc
    action: dict[str, Any] = {
        "description": f"Corrective action for finding {i}.",
        "owner": rng.choice(OWNERS),
        "due_on": (raised + timedelta(days=rng.randint(30, 180))).isoformat(),
    }
    nc["corrective_action"] = action
    if state == 1:
        return nc
    done = min(AS_OF, raised + timedelta(days=rng.randint(10, 120)))
    action["done_on"] = done.isoformat()
    if state == 2:
        return nc
    verified = min(AS_OF, done + timedelta(days=rng.randint(5, 60)))
    nc["verification"] = {
        "verified_on": verified.isoformat(),
        "effective": state != 3,
        "verified_by": "Internal auditor",
    }
    if state == 5:
        nc["closed_on"] = min(AS_OF, verified + timedelta(days=rng.randint(0, 30))).isoformat()
    return nc


def scope_targets(data: dict[str, Any]) -> set[str]:
    """The zones in the certification scope and the conduits between two of them."""
    zones = set(data["certification"]["scope"]["zones"])
    return zones | {c["id"] for c in data["conduits"] if set(c["zones"]) <= zones}


def attach_files(
    data: dict[str, Any], folder: Path, count: int, kib: int, seed: int
) -> tuple[int, int]:
    """Write ``count`` evidence files of ``kib`` KiB random bytes for evidence items cited in
    the certification scope (uri relative to ``folder``, sha256 recorded); every other evidence
    item gets an external https uri. Returns (files, bytes)."""
    rng = random.Random(seed + 11)
    scope = scope_targets(data)
    cited = sorted(
        {
            ref
            for target, entries in data["assessments"].items()
            if target in scope
            for entry in entries.values()
            for ref in entry.get("evidence", ())
        }
    )
    chosen = set(cited[:count])
    (folder / "evidence").mkdir(parents=True, exist_ok=True)
    size = kib * 1024
    for item in data["evidence"]:
        name = f"{item['id']}.pdf"
        if item["id"] in chosen:
            content = rng.randbytes(size)
            (folder / "evidence" / name).write_bytes(content)
            item["uri"] = f"evidence/{name}"
            item["sha256"] = hashlib.sha256(content).hexdigest()
        else:
            item["uri"] = f"https://dms.example.com/evidence/{name}"
    return len(chosen), len(chosen) * size


def changed_copy(data: dict[str, Any], fraction: float, seed: int) -> tuple[dict[str, Any], int]:
    """A copy of the project data with ``fraction`` of the assessments changed: status moves
    between implemented, partial and not_implemented (not-applicable and not-assessed entries
    are left alone, so no RE contradicts its SR)."""
    rng = random.Random(seed + 13)
    copy = dict(data)
    assessments = {target: dict(entries) for target, entries in data["assessments"].items()}
    copy["assessments"] = assessments
    pairs = [
        (target, rid)
        for target, entries in assessments.items()
        for rid, entry in entries.items()
        if entry["status"] in ("implemented", "partial", "not_implemented")
    ]
    total = sum(len(entries) for entries in assessments.values())
    evidence = [e["id"] for e in data["evidence"]]
    picked = rng.sample(pairs, min(len(pairs), round(total * fraction)))
    for target, rid in picked:
        entry = dict(assessments[target][rid])
        status = entry["status"]
        if status == "implemented":
            entry["status"] = rng.choice(["partial", "not_implemented"])
            if entry["status"] == "not_implemented":
                entry.pop("evidence", None)
        else:
            entry["status"] = "implemented"
            entry.pop("compensating", None)
            entry["evidence"] = sorted(set(rng.sample(evidence, min(len(evidence), 2))))
        entry["assessed_on"] = _day(rng, date(2026, 9, 1), 80).isoformat()
        assessments[target][rid] = entry
    return copy, len(picked)


def _due_json(project: Any, window: Period) -> int:
    document = due_document(project, AS_OF, window)
    json.dumps(document, indent=2, ensure_ascii=False)  # what the command prints
    return len(document["items"])


def _snapshot(project: Any, catalog: Any) -> int:
    return len(dumps_snapshot(Snapshot.of(project, catalog, AS_OF)))


def _diff(old: Snapshot, new: Snapshot) -> dict[str, Any]:
    return diff_document(diff_snapshots(old, new))


def _bundle_runs(
    repeat: int, project: Any, catalog: Any, project_file: Path, output: Path, limit: int
) -> tuple[dict[str, list[float]], Any, str]:
    """Wall and CPU seconds of plan, write and both, per run; the last plan and zip digest."""
    runs: dict[str, list[float]] = {k: [] for k in ("plan", "write", "plan_cpu", "write_cpu")}
    plan, digest = None, ""
    for _ in range(repeat):
        output.unlink(missing_ok=True)
        wall, cpu = time.perf_counter(), time.process_time()
        plan = plan_bundle(project, catalog, AS_OF, None, FileResolver(project_file), limit)
        runs["plan"].append(time.perf_counter() - wall)
        runs["plan_cpu"].append(time.process_time() - cpu)
        wall, cpu = time.perf_counter(), time.process_time()
        digest = write_bundle(plan, output)
        runs["write"].append(time.perf_counter() - wall)
        runs["write_cpu"].append(time.process_time() - cpu)
    return runs, plan, digest


def _measure(wall: dict[str, float], cpu: dict[str, float], key: str, repeat: int, fn: Any) -> Any:
    gc.collect()
    wall[key], cpu[key], result = timed(repeat, fn)
    return result


def run(args: argparse.Namespace) -> dict[str, Any]:
    load_start = os.getloadavg()
    setup: dict[str, float] = {}
    started = time.perf_counter()
    data = generate(args.scale, args.seed)
    add_certification(data, args.scale, args.seed)
    setup["generate"] = time.perf_counter() - started
    n_files = args.files if args.files is not None else max(1, round(2000 * args.scale))
    folder = Path(tempfile.mkdtemp(prefix="zw-certification-", dir=args.tmp))
    try:
        started = time.perf_counter()
        files, file_bytes = attach_files(data, folder, n_files, args.file_kib, args.seed)
        project_file = folder / "portfolio.json"
        project_file.write_text(json.dumps(data), encoding="utf-8")
        setup["write_files"] = time.perf_counter() - started
        catalog = default_catalog()
        started = time.perf_counter()
        project = validate_data(data, str(project_file), catalog)
        setup["load_validate"] = time.perf_counter() - started
        result = _run_measures(args, data, project, catalog, project_file, folder, setup)
        result["files"] = {"count": files, "bytes": file_bytes, "kib_each": args.file_kib}
        result["project_file_bytes"] = project_file.stat().st_size
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result["loadavg"] = {"start": list(load_start), "end": list(os.getloadavg())}
    return result


def _diff_measure(
    args: argparse.Namespace,
    data: dict[str, Any],
    project: Any,
    catalog: Any,
    wall: dict[str, float],
    cpu: dict[str, float],
    counts: dict[str, Any],
    setup: dict[str, float],
) -> None:
    """The diff between a snapshot 92 days earlier and one after ~5 % of the assessments
    changed; building the changed project and both snapshots is setup, not timed."""
    started = time.perf_counter()
    changed, counts["assessments_changed"] = changed_copy(data, 0.05, args.seed)
    project_new = validate_data(changed, "portfolio-changed", catalog)
    del changed
    old = Snapshot.of(project, catalog, OLD_AS_OF)
    new = Snapshot.of(project_new, catalog, AS_OF)
    del project_new
    setup["diff_inputs"] = time.perf_counter() - started
    document = _measure(wall, cpu, "diff", args.repeat, lambda: _diff(old, new))
    counts["diff_targets_changed"] = len(document["zones"])
    counts["diff_evidence_expired"] = len(document["overall"]["evidence_expired"])


def _run_measures(
    args: argparse.Namespace,
    data: dict[str, Any],
    project: Any,
    catalog: Any,
    project_file: Path,
    folder: Path,
    setup: dict[str, float],
) -> dict[str, Any]:
    repeat = args.repeat
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    counts: dict[str, Any] = {
        "zones": len(project.zones),
        "conduits": len(project.conduits),
        "assets": len(project.assets),
        "assessments": sum(len(a) for a in project.assessments.values()),
        "evidence": len(project.evidence),
        "documents": len(project.documents),
        "obligations": len(project.obligations),
        "nonconformities": len(project.nonconformities),
        "scope_targets": len(scope_targets(data)),
    }
    ready = _measure(
        wall, cpu, "readiness", repeat, lambda: readiness_document(project, catalog, AS_OF)
    )
    counts["checklist"] = ready["counts"]
    for name, window in WINDOWS.items():
        counts[f"due_{name}"] = _measure(
            wall, cpu, f"due_json_{name}", repeat, lambda w=window: _due_json(project, w)
        )
        counts[f"ics_{name}_bytes"] = len(
            _measure(
                wall,
                cpu,
                f"due_ics_{name}",
                repeat,
                lambda w=window: ics_calendar(project, AS_OF, w),
            )
        )
    counts["snapshot_bytes"] = _measure(
        wall, cpu, "snapshot", repeat, lambda: _snapshot(project, catalog)
    )

    _diff_measure(args, data, project, catalog, wall, cpu, counts, setup)

    output = folder / "bundle.zip"
    limit = max(DEFAULT_MAX_TOTAL, 2 * args.file_kib * 1024 * max(1, counts["evidence"]))
    gc.collect()
    runs, plan, digest = _bundle_runs(repeat, project, catalog, project_file, output, limit)
    both = [p + w for p, w in zip(runs["plan"], runs["write"], strict=True)]
    both_cpu = [p + w for p, w in zip(runs["plan_cpu"], runs["write_cpu"], strict=True)]
    wall["bundle_write"], cpu["bundle_write"] = statistics.median(both), statistics.median(both_cpu)
    checked = _measure(wall, cpu, "bundle_verify", repeat, lambda: verify_bundle(output))
    bundled = plan.total_size
    bundle = {
        "bundled_files": len(plan.bundled),
        "bundled_bytes": bundled,
        "zip_bytes": output.stat().st_size,
        "zip_sha256": digest,
        "problems": len(plan.problems),
        "plan_s": statistics.median(runs["plan"]),
        "write_s": statistics.median(runs["write"]),
        "plan_cpu_s": statistics.median(runs["plan_cpu"]),
        "write_cpu_s": statistics.median(runs["write_cpu"]),
        "write_mb_s": bundled / 1e6 / wall["bundle_write"],
        "verify_mb_s": bundled / 1e6 / wall["bundle_verify"],
        "verify_ok": checked.ok,
        "verify_checked": checked.checked,
        "counts": plan.counts(),
    }
    measures = {}
    for key, (label, target) in MEASURES.items():
        median = wall[key]
        measures[key] = {
            "label": label,
            "median_s": median,
            "cpu_s": cpu[key],
            "target_s": target,
            "ratio": target / median if median > 0 else None,
            "pass": median <= target,
        }
    return {
        "scale": args.scale,
        "seed": args.seed,
        "repeat": repeat,
        "as_of": AS_OF.isoformat(),
        "audit_on": AUDIT_ON.isoformat(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "counts": counts,
        "setup_seconds": setup,
        "measures": measures,
        "bundle": bundle,
    }


def report(r: dict[str, Any]) -> str:
    c, s, b, f = r["counts"], r["setup_seconds"], r["bundle"], r["files"]
    load = r["loadavg"]
    lines = [
        f"ZoneWarden certification benchmark: scale {r['scale']}, seed {r['seed']}, "
        f"median of {r['repeat']}, Python {r['python']}, {r['cpus']} CPUs, "
        f"as of {r['as_of']}, audit on {r['audit_on']}",
        f"  load average at start {load['start'][0]:.2f} / {load['start'][1]:.2f} / "
        f"{load['start'][2]:.2f}, at end {load['end'][0]:.2f} / {load['end'][1]:.2f} / "
        f"{load['end'][2]:.2f} (1/5/15 min)",
        f"  zones {c['zones']:,}  conduits {c['conduits']:,}  assessments {c['assessments']:,}  "
        f"evidence {c['evidence']:,}  in scope {c['scope_targets']:,} zones and conduits",
        f"  documents {c['documents']:,}  obligations {c['obligations']:,}  "
        f"nonconformities {c['nonconformities']:,}",
        f"  evidence files {f['count']:,} x {f['kib_each']} KiB = {f['bytes'] / 2**20:,.0f} MiB; "
        f"zip {b['zip_bytes'] / 2**20:,.1f} MiB; {b['bundled_files']:,} bundled, "
        f"{b['problems']} problems; verify {'OK' if b['verify_ok'] else 'FAILED'} "
        f"({b['verify_checked']:,} files)",
        f"  setup (not timed): generate {s['generate']:.1f} s, files + project file "
        f"{s['write_files']:.1f} s, load + validate {s['load_validate']:.1f} s, diff inputs "
        f"{s['diff_inputs']:.1f} s",
        "  readiness: "
        + ", ".join(f"{n} {k}" for k, n in c["checklist"].items())
        + " (checklist items and pitfalls)",
        f"  due: {c['due_90d']:,} items within 90d, {c['due_1y']:,} within 1y; snapshot "
        f"{c['snapshot_bytes'] / 1e6:.1f} MB; diff: {c['assessments_changed']:,} assessments "
        f"changed, {c['diff_targets_changed']:,} zones and conduits changed, "
        f"{c['diff_evidence_expired']:,} evidence expired since {OLD_AS_OF.isoformat()}",
        "",
        f"  {'measure':<34} {'median':>9} {'cpu':>9} {'target':>8} {'ratio':>7}  result",
    ]
    for m in r["measures"].values():
        ratio = f"{m['ratio']:.1f}x" if m["ratio"] else "-"
        lines.append(
            f"  {m['label']:<34} {m['median_s']:>7.3f} s {m['cpu_s']:>7.3f} s "
            f"{m['target_s']:>6g} s {ratio:>7}  {'PASS' if m['pass'] else 'FAIL'}"
        )
    lines += [
        "",
        f"  bundle: plan {b['plan_s']:.2f} s (cpu {b['plan_cpu_s']:.2f}), write "
        f"{b['write_s']:.2f} s (cpu {b['write_cpu_s']:.2f}); {b['write_mb_s']:.1f} MB/s "
        f"plan + write, {b['verify_mb_s']:.1f} MB/s verify (evidence bytes, 1 MB = 10^6)",
        "  ratio = target / median: above 1 is within the target",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=62443)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--files", type=int, default=None, help="evidence files (2000 x scale)")
    parser.add_argument("--file-kib", type=int, default=256, help="size of each file in KiB")
    parser.add_argument("--tmp", default=None, help="folder for the temporary files")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    args.repeat = max(1, args.repeat)
    args.file_kib = max(1, args.file_kib)
    result = run(args)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
