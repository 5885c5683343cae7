"""Roadmap benchmark: ``plan`` for the 2,000-zone portfolio with 5,000 actions.

    python benchmarks/plan.py [--scale 1.0] [--seed 62443] [--repeat 3] [--capacity 400]

Reuses :func:`benchmarks.portfolio.generate` for the project (2,000 zones, 4,000 conduits,
~200,000 assessments at scale 1) and adds 5,000 actions x scale, each closing 1-6 in-scope
requirements in 1-3 zones or conduits, a third with 1-2 dependencies on earlier actions, a few
with a fixed phase. Measures (median of --repeat runs, loading excluded): prioritisation +
schedule + the projection of every phase (``zonewarden.domain.roadmap.plan``), and the same
plus the ``plan --format json`` document. Target: <= 5 s at scale 1. Always exits 0.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from portfolio import AS_OF, generate

from zonewarden.catalog import default_catalog
from zonewarden.domain.roadmap import plan
from zonewarden.project.load import validate_data
from zonewarden.services.remediation import plan_document

TARGET_S = 5.0


def add_actions(data: dict[str, Any], count: int, seed: int) -> None:
    """5,000 plausible actions over the portfolio's zones and conduits."""
    rng = random.Random(seed + 1)
    catalog = default_catalog()
    srs = [r for r in catalog.system_requirements() if r.fr]
    targets = [(t["id"], t["sl_target"]) for t in data["zones"] + data["conduits"]]
    actions = []
    for i in range(count):
        addresses = []
        for target, sl_target in rng.sample(targets, rng.randint(1, 3)):
            vector = sl_target if isinstance(sl_target, list) else [sl_target] * 7
            scope = [r.id for r in srs if 1 <= r.min_sl <= vector[int(r.fr) - 1]]
            if scope:
                addresses.append(
                    {
                        "zone": target,
                        "requirements": rng.sample(scope, min(len(scope), rng.randint(1, 6))),
                    }
                )
        if not addresses:
            continue
        action: dict[str, Any] = {
            "id": f"act-{i:05d}",
            "title": f"Action {i}",
            "addresses": addresses,
            "effort": rng.choice([1, 2, 3, 5, 8, 13, 20, 30]),
            "procurement": rng.random() < 0.3,
            "process_change": rng.random() < 0.3,
            "downtime": rng.random() < 0.2,
        }
        if i and rng.random() < 0.33:
            action["depends_on"] = sorted(
                {f"act-{rng.randrange(max(0, i - 200), i):05d}" for _ in range(rng.randint(1, 2))}
            )
        if rng.random() < 0.03:
            action["phase"] = rng.randint(2, 3)
        actions.append(action)
    known = {a["id"] for a in actions}
    for action in actions:
        if "depends_on" in action:
            action["depends_on"] = [d for d in action["depends_on"] if d in known]
            if not action["depends_on"]:
                del action["depends_on"]
            if action.get("phase"):  # a fixed phase cannot precede a fixed dependency
                action.pop("phase")
    data["actions"] = actions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=62443)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--capacity", type=int, default=400)
    args = parser.parse_args(argv)
    data = generate(args.scale, args.seed)
    add_actions(data, max(1, round(5000 * args.scale)), args.seed)
    catalog = default_catalog()
    started = time.perf_counter()
    project = validate_data(data, "portfolio-with-actions", catalog)
    loaded = time.perf_counter() - started
    engine, total = [], []
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        road = plan(project, catalog, AS_OF, date(2027, 1, 4), args.capacity)
        t1 = time.perf_counter()
        plan_document(project, road, AS_OF)
        t2 = time.perf_counter()
        engine.append(t1 - t0)
        total.append(t2 - t0)
    phases = [(p.phase, len(p.actions), p.score) for p in road.phases]
    median = statistics.median(total)
    print(
        f"zones and conduits: {len(list(project.targets())):,}; actions: "
        f"{len(project.actions):,}; capacity {args.capacity} person-days/month"
    )
    print(f"load + validate (once): {loaded:.2f} s")
    print(f"plan (prioritise + schedule + projection), median: {statistics.median(engine):.2f} s")
    print(
        f"plan + JSON document, median: {median:.2f} s "
        f"(target <= {TARGET_S:g} s: {'PASS' if median <= TARGET_S else 'MISS'})"
    )
    print("phases (phase, actions, projected score): " + ", ".join(map(str, phases)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
