"""Report formats and the one function that writes any of them safely.

Text formats (HTML, SVG, draw.io, JSON) are written with :func:`write_atomic`; binary formats
(PDF, XLSX) are written to a temporary file beside the target and moved into place with
``os.replace``. Either way a reader sees the old file or the whole new one, never half of it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from zonewarden.project.dump import default_file_mode, write_atomic
from zonewarden.reports.model import ReportModel, to_document

FORMATS = ("html", "pdf", "xlsx", "svg", "drawio", "json")
BINARY_FORMATS = ("pdf", "xlsx")

#: the file name each format gets when a folder is given (``zonewarden report --format all``)
FILE_NAMES = {
    "html": "report.html",
    "pdf": "report.pdf",
    "xlsx": "report.xlsx",
    "svg": "diagram.svg",
    "drawio": "diagram.drawio",
    "json": "report.json",
}

#: file suffix -> format, to infer ``--format`` from ``--output``
SUFFIXES = {Path(name).suffix: fmt for fmt, name in FILE_NAMES.items()}


def render_text(model: ReportModel, fmt: str) -> str:
    """The report in a text format: html, svg, drawio or json."""
    if fmt == "html":
        from zonewarden.reports.html import render_html

        return render_html(model)
    if fmt == "svg":
        from zonewarden.reports.diagram import render_svg

        return render_svg(model)
    if fmt == "drawio":
        from zonewarden.reports.drawio import render_drawio

        return render_drawio(model)
    if fmt == "json":
        return json.dumps(to_document(model), indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"not a text report format: {fmt!r} (expected html, svg, drawio or json)")


def _binary_writer(fmt: str) -> Callable[[ReportModel, Path], None]:
    if fmt == "pdf":
        from zonewarden.reports.pdf import write_pdf

        return write_pdf
    from zonewarden.reports.xlsx import write_xlsx

    return write_xlsx


def write_report(model: ReportModel, fmt: str, path: str | Path) -> Path:
    """Write the report in format ``fmt`` to ``path``, atomically; returns the path.

    Raises ``ValueError`` for an unknown format and ``OSError`` when the file cannot be
    written (nothing is left behind in that case).
    """
    path = Path(path)
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if fmt not in BINARY_FORMATS:
        write_atomic(path, render_text(model, fmt))
        return path
    writer = _binary_writer(fmt)
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    os.close(handle)
    try:
        writer(model, Path(temporary))
        os.chmod(temporary, default_file_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
