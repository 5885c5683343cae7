"""The documentation cannot drift from the code: CLI reference, format page, links."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from zonewarden.cli.reference import reference
from zonewarden.project.load import load_text
from zonewarden.project.schema import json_schema

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))

# Placeholders for the keys of free-form mappings, as written on the format page.
MAPPING_KEYS = {"assessments": ["<zone>", "<requirement>"], "risk": ["<zone>"]}


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` and unwrap ``anyOf [X, null]`` (optional sections)."""
    while True:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            refs = [n for n in node["anyOf"] if n.get("type") != "null"]
            if len(refs) != 1:
                return node
            node = refs[0]
        else:
            return node


def schema_keys() -> tuple[list[str], set[str]]:
    """Every key path of the project file (``zones[].sl_target``) and the $defs reached."""
    schema = json_schema()
    paths: list[str] = []
    reached: set[str] = set()

    def walk(node: dict[str, Any], prefix: str, top: str, depth: int) -> None:
        reached.update(_refs(node))
        node = _resolve(schema, node)
        for key, child in node.get("properties", {}).items():
            path = f"{prefix}.{key}" if prefix else key
            paths.append(path)
            walk(child, path, top or key, 0)
        items = node.get("items")
        if isinstance(items, dict) and items:
            walk(items, prefix + "[]", top, depth)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            names = MAPPING_KEYS.get(top, [])
            name = names[depth] if depth < len(names) else "<key>"
            walk(extra, f"{prefix}.{name}", top, depth + 1)

    walk(schema, "", "", 0)
    return paths, reached


def _refs(node: dict[str, Any]) -> set[str]:
    found = {node["$ref"].rsplit("/", 1)[-1]} if "$ref" in node else set()
    for option in node.get("anyOf", []):
        found |= _refs(option)
    return found


def test_cli_reference_is_generated_from_help() -> None:
    committed = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert committed == reference(), "run python -m zonewarden.cli.reference > docs/cli.md"


def test_cli_reference_does_not_depend_on_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("TERMINAL_WIDTH", "40")
    assert reference() == (DOCS / "cli.md").read_text(encoding="utf-8")


def test_format_page_documents_every_schema_key() -> None:
    page = (DOCS / "format.md").read_text(encoding="utf-8")
    paths, _ = schema_keys()
    assert len(paths) > 50, "the schema walk found too few keys"
    missing = [path for path in paths if f"`{path}`" not in page]
    assert not missing, f"docs/format.md does not document these keys: {missing}"
    names = {path.rsplit(".", 1)[-1].removesuffix("[]") for path in paths}
    in_code = {word for span in CODE.findall(page) for word in re.findall(r"[\w<>]+", span)}
    unmentioned = sorted(names - in_code)
    assert not unmentioned, f"docs/format.md never mentions: {unmentioned}"


def test_schema_walk_reaches_every_definition() -> None:
    defs = {name for name, node in json_schema()["$defs"].items() if node.get("properties")}
    _, reached = schema_keys()
    assert defs <= reached, f"$defs not reached from the root: {sorted(defs - reached)}"


FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
CODE = re.compile(r"`[^`\n]*`")
INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$", re.MULTILINE)


def relative_links(text: str) -> list[str]:
    """Targets of relative links, outside code (``http:``, ``mailto:`` and ``#anchor`` skipped)."""
    prose = CODE.sub("", FENCE.sub("", text))
    targets = INLINE_LINK.findall(prose) + REFERENCE_LINK.findall(prose)
    return [t for t in targets if not re.match(r"^([a-z][a-z0-9+.-]*:|#)", t, re.IGNORECASE)]


YAML_PROJECT = re.compile(r"^```yaml\n(format: zonewarden/v1\n.*?)^```", re.MULTILINE | re.DOTALL)


def test_complete_yaml_examples_in_docs_are_valid_projects() -> None:
    examples = [
        (page, text) for page in PAGES for text in YAML_PROJECT.findall(page.read_text("utf-8"))
    ]
    assert len(examples) >= 4
    for page, text in examples:
        load_text(text, str(page.relative_to(ROOT)), "yaml")


def test_docs_exist() -> None:
    for name in ("index.md", "cli.md", "format.md", "development.md", "concepts/index.md"):
        assert (DOCS / name).is_file(), name


HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def anchors(text: str) -> set[str]:
    """GitHub-style anchors of the headings of a Markdown page."""
    found: set[str] = set()
    for heading in HEADING.findall(FENCE.sub("", text)):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        candidate, n = slug, 0
        while candidate in found:
            n += 1
            candidate = f"{slug}-{n}"
        found.add(candidate)
    return found


def resolves(page: Path, target: str) -> bool:
    """True when ``target`` (a relative link from ``page``) names a file and, if any, a heading."""
    path, _, anchor = target.split("?", 1)[0].partition("#")
    file = (page.parent / path).resolve() if path else page
    if not file.exists():
        return False
    return not anchor or file.suffix != ".md" or anchor in anchors(file.read_text("utf-8"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_relative_links_point_to_existing_files(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    broken = [t for t in relative_links(text) + _anchor_links(text) if not resolves(page, t)]
    assert not broken, f"{page.relative_to(ROOT)}: broken links {broken}"


def _anchor_links(text: str) -> list[str]:
    prose = CODE.sub("", FENCE.sub("", text))
    return [t for t in INLINE_LINK.findall(prose) if t.startswith("#")]


def test_link_finder_sees_links_and_skips_code() -> None:
    text = (
        "See [a](a.md), [b](../b.md#x), [c](https://x.org), [d](#top), `[e](e.md)`.\n"
        "```\n[f](f.md)\n```\n[g]: g.md\n"
    )
    assert relative_links(text) == ["a.md", "../b.md#x", "g.md"]


def test_anchors_follow_github_slugs() -> None:
    text = "# Top\n## `zones[]`: zones\n## SL-A, SL-T\n## Using `ZONEWARDEN_CATALOG_DIR`\n## Top\n"
    assert anchors(text) == {
        "top",
        "zones-zones",
        "sl-a-sl-t",
        "using-zonewarden_catalog_dir",
        "top-1",
    }
