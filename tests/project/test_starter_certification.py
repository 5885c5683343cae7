"""The starter project's commented certification block is valid once uncommented."""

from __future__ import annotations

from datetime import date
from importlib import resources

from zonewarden.project.load import load_text


def test_uncommented_certification_block_loads() -> None:
    text = resources.files("zonewarden.project").joinpath("templates/starter.yaml").read_text()
    head, block = text.split("# certification:", 1)
    lines = ["certification:"] + [
        line[2:] if line.startswith("# ") else line for line in block.splitlines()[1:]
    ]
    project = load_text(head + "\n".join(lines) + "\n", "starter.yaml", "yaml")
    assert project.certification is not None and project.certification.scope.zones == ("control",)
    assert [d.id for d in project.documents] == ["proc-moc", "rec-moc-q1"]
    assert project.obligations[0].next_due() == date(2027, 2, 1)
    assert project.nonconformities[0].overdue(date(2026, 7, 1))
