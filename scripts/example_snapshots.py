"""Generate the two snapshots of the example project (zonewarden/examples/snapshots/).

The Riverside example tells a short story: a self-assessment at the end of August 2026,
recorded from interviews before any evidence was collected and before three autumn projects
went live (MFA on the jump hosts and VPN, passive OT monitoring, application control on the
Windows hosts); then the formal gap assessment of October with its evidence, as the project
file holds it today. This script rebuilds the August state from today's file — evidence
collected after 2026-08-31 is not there yet, and the requirements whose evidence comes from
those three projects were not implemented — and snapshots both states:

    riverside-wtp-2026-08-31.json   the reconstructed August state
    riverside-wtp-2026-11-26.json   the project file as it is, on 2026-11-26

``zonewarden diff`` between them explains the score change; ``zonewarden trend`` draws it.
The output is deterministic; rerun after a change of the engine or the example and commit.

Usage:
    python scripts/example_snapshots.py            write both files
    python scripts/example_snapshots.py --check    exit 1 if a file is missing or differs
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from datetime import date
from pathlib import Path

from zonewarden.catalog.loader import default_catalog
from zonewarden.domain.assessment import Assessment, Status
from zonewarden.domain.projects import Project
from zonewarden.domain.snapshots import Snapshot
from zonewarden.project.load import load_project
from zonewarden.project.snapshots import dumps_snapshot, file_name

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "zonewarden" / "examples" / "riverside-wtp.yaml"
OUTPUT = ROOT / "zonewarden" / "examples" / "snapshots"
AUGUST, NOVEMBER = date(2026, 8, 31), date(2026, 11, 26)
AUTUMN_PROJECTS = {"ev-jump-mfa", "ev-nozomi", "ev-epo-console"}


def _before(entry: Assessment, collected: set[str]) -> Assessment:
    if entry.status is Status.IMPLEMENTED and AUTUMN_PROJECTS.intersection(entry.evidence):
        entry = dataclasses.replace(entry, status=Status.NOT_IMPLEMENTED)
    return dataclasses.replace(entry, evidence=tuple(e for e in entry.evidence if e in collected))


def august(project: Project) -> Project:
    """The example as it stood on 2026-08-31 (see the module docstring)."""
    evidence = tuple(
        e for e in project.evidence if e.collected_on is not None and e.collected_on <= AUGUST
    )
    collected = {e.id for e in evidence}
    assessments = {
        target: {rid: _before(entry, collected) for rid, entry in entries.items()}
        for target, entries in project.assessments.items()
    }
    return dataclasses.replace(
        project, evidence=evidence, assessments=assessments, actions=(), acceptances=()
    )


def snapshots() -> dict[str, str]:
    project = load_project(EXAMPLE).project
    catalog = default_catalog()
    return {
        file_name(project.id, AUGUST): dumps_snapshot(
            Snapshot.of(august(project), catalog, AUGUST)
        ),
        file_name(project.id, NOVEMBER): dumps_snapshot(Snapshot.of(project, catalog, NOVEMBER)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    stale = []
    for name, text in snapshots().items():
        path = OUTPUT / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        OUTPUT.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print(
            f"out of date: {', '.join(stale)} (run scripts/example_snapshots.py)", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
