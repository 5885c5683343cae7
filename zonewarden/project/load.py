"""Load a project file (YAML or JSON) into the domain model, or fail with located problems.

Spec section 4: one schema for both formats; JSON takes the fast path (``json``); YAML uses
PyYAML's C loader when present. Input is bounded (size, no anchors/aliases, no duplicate keys)
because project files come from outside. Every problem names the file, line and column where
known, and the key path.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from zonewarden.catalog import default_catalog
from zonewarden.domain.projects import Project
from zonewarden.domain.requirements import Catalog
from zonewarden.project.build import build_project
from zonewarden.project.errors import Problem, ProjectError
from zonewarden.project.fields import FORMAT
from zonewarden.project.locate import compose, locate, path_at
from zonewarden.project.messages import describe
from zonewarden.project.references import check_references
from zonewarden.project.schema import ProjectFileModel
from zonewarden.runtime import paused_gc

DEFAULT_MAX_BYTES = 256 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)

try:
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _BaseLoader = yaml.SafeLoader


def max_bytes() -> int:
    """Largest project file accepted (``ZONEWARDEN_MAX_PROJECT_BYTES``, default 256 MiB)."""
    try:
        return int(os.environ.get("ZONEWARDEN_MAX_PROJECT_BYTES", DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that refuses duplicate mapping keys (the later one would silently win)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _DuplicateKey(
                    problem="a mapping key must be plain text, not a list or mapping",
                    problem_mark=key_node.start_mark,
                )
            key = key_node.value
            if key in seen:
                raise _DuplicateKey(
                    problem=f"duplicate key {key!r} in the same mapping",
                    problem_mark=key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _StrictLoader.construct_mapping
)
# Dates stay text here and are parsed by the schema, so an impossible date such as 2026-02-30
# is reported with its key path like any other bad value (and YAML and JSON behave alike).
_StrictLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)

_ANCHOR_HINT = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s\[\]{},]")


def _refuse_aliases(text: str, name: str) -> None:
    """Anchors and aliases can expand a small file into a huge document: not accepted."""
    if not _ANCHOR_HINT.search(text):
        return
    try:
        for token in yaml.scan(text, Loader=_BaseLoader):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                mark = token.start_mark
                raise ProjectError(
                    [
                        Problem(
                            "YAML anchors and aliases are not supported in project files; "
                            "write the values out",
                            (),
                            name,
                            mark.line + 1,
                            mark.column + 1,
                        )
                    ]
                )
    except yaml.YAMLError:
        return  # the parser reports the syntax error with its position


class _DuplicateJSONKey(ValueError):
    pass


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateJSONKey(f"duplicate key {key!r} in the same object")
            seen.add(key)
    return result


def parse_text(text: str, name: str, kind: str) -> Any:
    """Parse YAML or JSON text into plain data; malformed input raises a located problem."""
    if kind == "json":
        try:
            return json.loads(text, object_pairs_hook=_json_pairs)
        except json.JSONDecodeError as error:
            raise ProjectError(
                [Problem(f"malformed JSON: {error.msg}", (), name, error.lineno, error.colno)]
            ) from None
        except _DuplicateJSONKey as error:
            line, column = _find_duplicate_json(text) or (None, None)
            path = path_at(compose(text), line, column) if line and column else ()
            raise ProjectError([Problem(str(error), path, name, line, column)]) from None
        except RecursionError:
            raise ProjectError([Problem("JSON nested too deeply", (), name)]) from None
        except ValueError as error:  # e.g. an integer of thousands of digits
            raise ProjectError([Problem(f"malformed JSON: {_plain(error)}", (), name)]) from None
    _refuse_aliases(text, name)
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(p for p in (error.context, error.problem) if p) or "malformed YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        if isinstance(error, _DuplicateKey):
            path = path_at(compose(text), line, column) if line and column else ()
            raise ProjectError([Problem(problem, path, name, line, column)]) from None
        raise ProjectError(
            [Problem(f"malformed YAML: {problem}", (), name, line, column)]
        ) from None
    except yaml.YAMLError as error:
        raise ProjectError([Problem(f"malformed YAML: {error}", (), name)]) from None
    except RecursionError:
        raise ProjectError([Problem("YAML nested too deeply", (), name)]) from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        raise ProjectError([Problem(f"malformed YAML: {_plain(error)}", (), name)]) from None


def _plain(error: ValueError) -> str:
    text = str(error)
    if "digits" in text:
        return "a number is far too long (thousands of digits)"
    return text[:200]


def _find_duplicate_json(text: str) -> tuple[int, int] | None:
    node = compose(text)
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                if key.value in seen:
                    return key.start_mark.line + 1, key.start_mark.column + 1
                seen.add(key.value)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None


def kind_of(path: Path) -> str:
    if path.is_dir():
        raise ProjectError([Problem("is a directory, not a project file", (), str(path))])
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in YAML_SUFFIXES:
        return "yaml"
    raise ProjectError(
        [
            Problem(
                f"unknown file type {suffix or '(none)'!r}: "
                "a project file ends in .yaml, .yml or .json",
                (),
                str(path),
            )
        ]
    )


def read_text(path: Path) -> str:
    """Read a project file, bounded in size, as UTF-8."""
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ProjectError([Problem("file not found", (), name)]) from None
    except OSError as error:
        raise ProjectError([Problem(f"cannot read: {error.strerror}", (), name)]) from None
    if path.is_dir():
        raise ProjectError([Problem("is a directory, not a project file", (), name)])
    limit = max_bytes()
    if size > limit:
        raise ProjectError(
            [
                Problem(
                    f"file is {size} bytes, larger than the limit of {limit} bytes "
                    "(set ZONEWARDEN_MAX_PROJECT_BYTES to raise it)",
                    (),
                    name,
                )
            ]
        )
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ProjectError(
            [Problem(f"not UTF-8 text (byte {error.start} cannot be decoded)", (), name)]
        ) from None
    except OSError as error:
        raise ProjectError([Problem(f"cannot read: {error.strerror}", (), name)]) from None


@dataclass(frozen=True, slots=True)
class LoadedProject:
    """A project and where it came from."""

    project: Project
    name: str
    kind: str


def validate_data(data: Any, name: str, catalog: Catalog, text: str | None = None) -> Project:
    """Validate parsed data against the schema and the references, and build the project."""
    if data is None:
        raise ProjectError(
            [
                Problem(
                    "the file is empty: a project file starts with 'format: zonewarden/v1' "
                    "(zonewarden init writes a starter)",
                    (),
                    name,
                    1,
                    1,
                )
            ]
        )
    if not isinstance(data, Mapping):
        raise ProjectError(
            [
                Problem(
                    "a project file is a mapping with 'format', 'project', 'zones', ...; "
                    f"got {type(data).__name__}",
                    (),
                    name,
                    1,
                    1,
                )
            ]
        )
    if data.get("format") != FORMAT:
        got = data.get("format")
        message = (
            "missing 'format: zonewarden/v1' at the top"
            if got is None
            else f"unsupported format {got!r}; this version reads {FORMAT!r}"
        )
        raise located(text, name, [(message, ("format",) if got is not None else ())])
    try:
        model = ProjectFileModel.model_validate(data)
    except ValidationError as error:
        raise located(
            text, name, [(describe(e), tuple(e["loc"])) for e in error.errors()]
        ) from None
    problems, assessments = check_references(model, catalog)
    if problems:
        raise located(text, name, problems)
    return build_project(model, assessments)


def located(
    text: str | None, name: str, found: list[tuple[str, tuple[str | int, ...]]]
) -> ProjectError:
    """One error listing each (message, key path) with its line and column in ``text``."""
    root = compose(text) if text is not None else None
    problems = []
    for message, path in found:
        position = locate(root, path) if root is not None else None
        line, column = position if position else (None, None)
        problems.append(Problem(message, path, name, line, column))
    return ProjectError(problems)


def load_text(text: str, name: str, kind: str, catalog: Catalog | None = None) -> Project:
    """Load a project from YAML or JSON text (``kind`` is ``yaml`` or ``json``)."""
    with paused_gc():
        data = parse_text(text, name, kind)
        return validate_data(data, name, catalog or default_catalog(), text)


def load_project(path: str | Path, catalog: Catalog | None = None) -> LoadedProject:
    """Load and validate a project file. Raises :class:`ProjectError` on any bad input."""
    path = Path(path)
    kind = kind_of(path)
    text = read_text(path)
    project = load_text(text, str(path), kind, catalog)
    return LoadedProject(project, str(path), kind)
