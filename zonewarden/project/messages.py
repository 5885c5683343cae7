"""Turn pydantic validation errors into one clear sentence each, naming what was expected."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from zonewarden.project.schema import ProjectFileModel


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated/Optional to the class that holds fields, or the container type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def model_at(path: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The schema model that holds the mapping at ``path`` (for 'allowed keys' hints)."""
    current: Any = ProjectFileModel
    for part in path:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
            continue
        origin = typing.get_origin(current)
        if origin is list:
            current = typing.get_args(current)[0]
        elif origin is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _shown(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{value} (write true/false values and words like yes, no, on, off in quotes)"
    if isinstance(value, int) and abs(value) > 10**12:
        return "a very large number"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe(error: ErrorDetails) -> str:
    """One sentence for one pydantic error."""
    kind = error["type"]
    loc = tuple(error["loc"])
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(loc[-1])
        model = model_at(loc[:-1])
        allowed = sorted(model.model_fields) if model else []
        hint = difflib.get_close_matches(key, allowed, n=1)
        text = f"unknown key {key!r}"
        if hint:
            text += f" (did you mean {hint[0]!r}?)"
        if allowed:
            text += f"; allowed keys: {', '.join(allowed)}"
        return text
    if kind == "missing":
        return f"missing required key {str(loc[-1])!r}"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return f"expected one of {expected}; got {_shown(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected an integer; got {_shown(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false; got {_shown(value)}"
    if kind == "string_type":
        return f"expected text; got {_shown(value)}"
    if kind == "string_pattern_mismatch" and "x00" in str(ctx.get("pattern", "")):
        return (
            "text must not contain control characters (such as terminal escape sequences) "
            f"or bidirectional overrides; got {_shown(value)}"
        )
    if kind == "string_pattern_mismatch":
        return (
            f"expected an id (letters, digits, '.', '_' or '-', starting with a letter or "
            f"digit, at most 64 characters); got {_shown(value)}"
        )
    if kind == "string_too_long":
        return f"text too long (at most {ctx.get('max_length')} characters)"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list; got {_shown(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of keys to values; got {_shown(value)}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"expected a date YYYY-MM-DD; got {_shown(value)}"
    if kind in ("too_short", "too_long"):
        return f"expected {_length(ctx)} items; got {_shown(value)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{error['msg'].lower()}; got {_shown(value)}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{error['msg']}; got {_shown(value)}"


def _length(ctx: dict[str, Any]) -> str:
    low, high = ctx.get("min_length"), ctx.get("max_length")
    if low is not None and high is not None:
        return f"exactly {low}" if low == high else f"{low} to {high}"
    return f"at least {low}" if low is not None else f"at most {high}"
