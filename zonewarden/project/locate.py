"""Find the line and column of a key path in YAML or JSON text, for error messages only.

Parsing fast (C loaders, ``json``) loses positions; when something is wrong we compose the
text once more with PyYAML, which keeps marks, and walk to the offending node. JSON documents
are YAML flow documents, so the same walk serves both.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def locate(root: yaml.Node | None, path: Sequence[str | int]) -> tuple[int, int] | None:
    """1-based (line, column) of the node at ``path``: the value when it is a scalar, else its
    key (so an error about a whole section points at the line that names it)."""
    node = root
    if node is None:
        return None
    best = node.start_mark
    for part in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and str(key.value) == str(part):
                    child = value
                    best = key.start_mark
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
            best = child.start_mark
        if child is None:
            break
        node = child
    else:
        if isinstance(node, yaml.ScalarNode):
            best = node.start_mark
    return best.line + 1, best.column + 1


def path_at(root: yaml.Node | None, line: int, column: int) -> tuple[str | int, ...]:
    """The key path of the mapping key that starts at 1-based (line, column), or ()."""

    def walk(node: yaml.Node, path: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = (*path, str(key.value)) if isinstance(key, yaml.ScalarNode) else path
                mark = key.start_mark
                if (mark.line + 1, mark.column + 1) == (line, column):
                    return here
                found = walk(value, here)
                if found is not None:
                    return found
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                found = walk(item, (*path, index))
                if found is not None:
                    return found
        return None

    if root is None:
        return ()
    return walk(root, ()) or ()
