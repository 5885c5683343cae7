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
    """1-based (line, column) of the deepest node reachable along ``path``."""
    node = root
    if node is None:
        return None
    best = node.start_mark
    for part in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if str(key.value) == str(part):
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
        best = node.start_mark
    return best.line + 1, best.column + 1
