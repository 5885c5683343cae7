"""The pages of the evidence bundle (issue 7): ``README.txt``, ``index.html`` (self-contained,
no script, every text escaped; per zone and conduit each requirement in scope, its status and
links to its evidence inside the bundle) and ``index.csv`` (the same rows; cells that a
spreadsheet would read as a formula are quoted). :mod:`.bundle` writes them into the zip."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from html import escape
from urllib.parse import quote

from zonewarden import __version__
from zonewarden.domain.bundle import (
    EvidenceState,
    IndexRow,
    status_text,
)
from zonewarden.domain.zones import Target
from zonewarden.services.bundle import BundleItem, BundlePlan, size_text

# -- the pages ----------------------------------------------------------------------------

README = """\
Evidence bundle made by ZoneWarden
==================================

This archive gathers the evidence behind an IEC 62443 assessment so that it can be reviewed
away from the assessor's systems.

  index.html    open it in a browser: per zone and conduit, every requirement in scope of
                its target security level, its status, and links to the evidence files
  index.csv     the same index as a table (one row per requirement and evidence item)
  manifest.json the project, the evaluation date, the scope, and every file with its size
                and SHA-256
  SHA256SUMS    the SHA-256 of every file, manifest.json included
  evidence/     the evidence files, one folder per evidence id

Checking that nothing was changed
---------------------------------

Without ZoneWarden, in the folder the archive was unpacked into:

    sha256sum -c SHA256SUMS                      (Linux, or macOS with coreutils)
    shasum -a 256 -c SHA256SUMS                  (macOS)
    Get-FileHash -Algorithm SHA256 <file>        (Windows PowerShell, file by file)

Every line must end in "OK". With ZoneWarden, on the archive itself:

    zonewarden bundle verify evidence.zip

which also reports files added to or missing from the archive.

These checks prove the files are the ones listed in SHA256SUMS. To know that SHA256SUMS is
the one the assessor wrote, compare the SHA-256 of the archive (or of SHA256SUMS) with the
value the assessor sent you by another channel.

Evidence referenced by a web address or kept elsewhere is listed in index.html but is not in
the archive; evidence whose file was missing when the bundle was made is marked as missing.
"""

_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;
max-width:72rem;padding:0 1rem;color:#1c2430}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #d4dae3}
table{border-collapse:collapse;width:100%;margin:.6rem 0}
th,td{border:1px solid #d4dae3;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f5}td.num{text-align:right}
.gap{color:#a4161a;font-weight:600}.ok{color:#1b6e3a}.warn{color:#8a5300;font-weight:600}
ul{margin:0;padding-left:1.1rem}code{font-size:.92em}
.facts th{width:16rem}.index td:first-child{white-space:nowrap}.index td:last-child{width:40%}
"""


def _target_heading(plan: BundlePlan, target: Target) -> str:
    anchor = f'<h2 id="t-{escape(target.id)}">{target.type.capitalize()} {escape(target.id)}: '
    heading = f"{anchor}{escape(target.name)}</h2>"
    result = plan.evaluation.result(target.id)
    if result is None:
        return heading
    score = "-" if result.score is None else f"{result.score:.1f}%"
    verdict = (
        '<span class="ok">meets SL-T</span>'
        if result.meets_target
        else '<span class="gap">misses SL-T</span>'
    )
    sl_t, sl_a = (" ".join(map(str, v)) for v in (target.sl_target, result.sl_achieved))
    return (
        f"{heading}\n<p>SL-T {sl_t}, SL-A {sl_a}: {verdict}; score {score}, "
        f"{result.gap_count} gaps.</p>"
    )


def _evidence_cell(items: dict[str, BundleItem], row: IndexRow) -> str:
    if not row.evidence:
        return ""
    entries = []
    for evidence_id in row.evidence:
        item = items.get(evidence_id)
        label = escape(evidence_id)
        if item is None:
            entries.append(f"<li>{label}</li>")
            continue
        title = escape(item.title)
        if item.member:
            text = f'<a href="{escape(quote(item.member))}">{label}</a> {title}'
        elif item.state is EvidenceState.EXTERNAL and _web(item.uri):
            link = escape(item.uri or "")
            text = (
                f'{label} {title} <a href="{link}" rel="noopener noreferrer">{link}</a> (external)'
            )
        else:
            where = f" <code>{escape(item.uri)}</code>" if item.uri else ""
            text = f'{label} {title}{where} <span class="warn">({escape(item.state.value)})</span>'
        if item.expired:
            text += f' <span class="warn">expired {item.expires_on}</span>'
        entries.append(f"<li>{text}</li>")
    return "<ul>" + "".join(entries) + "</ul>"


def _web(uri: str | None) -> bool:
    return bool(uri) and str(uri).lower().startswith(("http://", "https://"))


def _summary(plan: BundlePlan) -> Iterator[str]:
    project, counts = plan.project, plan.counts()
    facts = [
        ("Project", f"{escape(project.name)} (<code>{escape(project.id)}</code>)"),
        ("Organization", escape(project.organization or "-")),
        ("Evaluated on", plan.as_of.isoformat()),
        (
            "Scope",
            ", ".join(f'<a href="#t-{escape(t.id)}">{escape(t.id)}</a>' for t in plan.targets)
            or "(nothing)",
        ),
        ("Requirements in scope", str(counts["requirements"])),
        ("Satisfied / gaps", f"{counts['satisfied']} / {counts['gaps']}"),
        ("Evidence items cited", str(counts["evidence"])),
        ("Files in this bundle", f"{counts['bundled']} ({size_text(plan.total_size)})"),
        ("External references", str(counts["external"])),
        ("Without a file", str(counts["no file"] + counts["unknown"])),
        ("Missing or not matching", str(len(plan.problems))),
        ("Expired on the evaluation date", str(counts["expired"])),
    ]
    yield '<h2 id="summary">Summary</h2>\n<table class="facts">'
    yield from (f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts)
    yield "</table>"
    others = [i for i in plan.items if i.state is not EvidenceState.BUNDLED or i.expired]
    if others:
        yield "<h3>Evidence not in this bundle, or expired</h3>\n<table>"
        yield "<tr><th>Evidence</th><th>Title</th><th>State</th><th>Where</th></tr>"
        for item in others:
            state = item.state.value + (f", expired {item.expires_on}" if item.expired else "")
            detail = f" ({item.detail})" if item.detail and item.state.problem else ""
            yield (
                f"<tr><td>{escape(item.id)}</td><td>{escape(item.title)}</td>"
                f'<td class="warn">{escape(state + detail)}</td>'
                f"<td><code>{escape(item.member or item.uri or '')}</code></td></tr>"
            )
        yield "</table>"
    yield (
        "<p>To check the files: <code>sha256sum -c SHA256SUMS</code> in the unpacked folder, "
        "or <code>zonewarden bundle verify</code> on the zip (see README.txt).</p>"
    )


def index_html(plan: BundlePlan) -> str:
    """``index.html``: self-contained (inline style, no scripts), every text escaped."""
    title = f"Evidence bundle: {escape(plan.project.name)}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>IEC 62443-3-3 requirements in scope of each zone and conduit on "
        f"{plan.as_of.isoformat()}, with the evidence cited by their assessments. "
        f"Made by zonewarden {escape(__version__)}.</p>",
        *_summary(plan),
    ]
    items = {i.id: i for i in plan.items}
    by_target: dict[str, list[IndexRow]] = {}
    for row in plan.rows:
        by_target.setdefault(row.target, []).append(row)
    for target in plan.targets:
        parts.append(_target_heading(plan, target))
        rows = by_target.get(target.id, [])
        if not rows:
            parts.append("<p>No requirement in scope (SL-T 0 in every FR).</p>")
            continue
        parts.append(
            '<table class="index"><tr><th>Requirement</th><th>Title</th><th>SL-T</th>'
            "<th>Status</th><th>Result</th><th>Evidence</th></tr>"
        )
        for row in rows:
            how = row.satisfied_by if row.satisfied_by != "implemented" else None
            result = (
                '<span class="ok">satisfied</span>' + (f"<br>{escape(how)}" if how else "")
                if row.satisfied
                else '<span class="gap">gap</span>'
            )
            parts.append(
                f"<tr><td>{escape(row.requirement)}</td><td>{escape(row.title)}</td>"
                f'<td class="num">{row.sl_target}</td><td>{escape(status_text(row.status))}</td>'
                f"<td>{result}</td><td>{_evidence_cell(items, row)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


CSV_COLUMNS = (
    "target",
    "target_type",
    "requirement",
    "title",
    "sl_target",
    "status",
    "result",
    "evidence",
    "evidence_title",
    "file",
    "evidence_state",
    "expired",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in _FORMULA_STARTS else text  # never run as a formula


def index_csv(plan: BundlePlan) -> str:
    """``index.csv``: one row per requirement and evidence item (one row without evidence)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    items = {i.id: i for i in plan.items}
    for row in plan.rows:
        base = [
            row.target,
            row.target_type,
            row.requirement,
            row.title,
            row.sl_target,
            row.status,
            "satisfied" if row.satisfied else "gap",
        ]
        for evidence_id in row.evidence or (None,):
            item = items.get(evidence_id) if evidence_id else None
            extra = [
                evidence_id,
                item.title if item else None,
                (item.member or item.uri) if item else None,
                item.state.value if item else None,
                ("true" if item.expired else "false") if item else None,
            ]
            writer.writerow([_csv_cell(v) for v in (*base, *extra)])
    return out.getvalue()
