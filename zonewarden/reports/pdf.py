"""The PDF gap assessment report: the HTML report laid out by WeasyPrint (A4, print CSS).

Nothing is fetched while rendering: the HTML is self-contained and the URL fetcher refuses every
URL, so a project file cannot make the renderer read local files or reach the network. The PDF
metadata (title, author, subject, keywords, creator, creation and modification dates) comes from
the HTML ``<meta>`` elements, which hold the report date rather than the time of the run, so the
same model gives the same PDF.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time
from pathlib import Path

from zonewarden.reports.model import ReportModel


def _refusing_fetcher() -> object:
    from weasyprint.urls import URLFetcher

    class RefusingFetcher(URLFetcher):  # type: ignore[misc]
        """Refuses every URL: the report must not read files or reach the network."""

        def fetch(self, url: str, headers: object = None) -> object:
            raise ValueError(f"external resources are disabled in reports: {url}")

    return RefusingFetcher()


@contextmanager
def _source_date(model: ReportModel) -> Iterator[None]:
    """Pin the timestamps that font subsetting (fontTools) writes into embedded fonts.

    fontTools stamps a subset font with the current time unless ``SOURCE_DATE_EPOCH`` is set
    (the reproducible-builds convention); without this the PDF would differ on every run. A
    value already in the environment is respected.
    """
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    epoch = int(datetime.combine(model.as_of, time(), tzinfo=UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def render_pdf(model: ReportModel) -> bytes:
    """The report as PDF bytes."""
    from weasyprint import HTML

    from zonewarden.reports.html import render_html

    document = HTML(string=render_html(model), base_url=None, url_fetcher=_refusing_fetcher())
    with _source_date(model):
        pdf = document.write_pdf(pdf_identifier=True)  # /ID from a hash of the content
    return bytes(pdf or b"")


def write_pdf(model: ReportModel, path: str | Path) -> None:
    """Write the PDF report to ``path`` (overwritten; see ``formats`` for atomic writes)."""
    Path(path).write_bytes(render_pdf(model))
