"""Security levels and SL vectors (the SL vector model of IEC 62443-3-3 and 62443-1-1).

A security level is an integer 0..4 (0 = no requirement). An SL vector holds one level per
foundational requirement FR 1..FR 7 (IAC, UC, SI, DC, RDF, TRE, RA). See spec section 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import IntEnum
from typing import Final


class FR(IntEnum):
    """The seven foundational requirements of IEC 62443-3-3 (clauses 5-11)."""

    IAC = 1  # Identification and authentication control
    UC = 2  # Use control
    SI = 3  # System integrity
    DC = 4  # Data confidentiality
    RDF = 5  # Restricted data flow
    TRE = 6  # Timely response to events
    RA = 7  # Resource availability

    @property
    def title(self) -> str:
        return FR_TITLES[self]

    @property
    def label(self) -> str:
        """``FR 1`` style label used in tables."""
        return f"FR {int(self)}"


FR_TITLES: Final[dict[FR, str]] = {
    FR.IAC: "Identification and authentication control",
    FR.UC: "Use control",
    FR.SI: "System integrity",
    FR.DC: "Data confidentiality",
    FR.RDF: "Restricted data flow",
    FR.TRE: "Timely response to events",
    FR.RA: "Resource availability",
}

FRS: Final[tuple[FR, ...]] = tuple(FR)
MIN_SL: Final = 0
MAX_SL: Final = 4

SL_DEFINITIONS: Final[dict[int, str]] = {
    0: "No specific requirement or protection needed.",
    1: "Protection against casual or coincidental violation.",
    2: "Protection against intentional violation using simple means with low resources.",
    3: "Protection against intentional violation using sophisticated means with moderate "
    "resources and IACS-specific knowledge.",
    4: "Protection against intentional violation using sophisticated means with extended "
    "resources and IACS-specific knowledge.",
}


class SLVectorError(ValueError):
    """An SL vector written in a project file does not have one of the accepted forms."""


class SLVector(tuple[int, ...]):
    """Seven security levels, one per FR, each 0..4. Immutable.

    It is a plain tuple indexed from 0 (``vector[0]`` is FR 1); ``vector.level(FR.RDF)`` and
    ``vector.level(5)`` give the FR 5 entry.
    """

    __slots__ = ()

    def __new__(cls, levels: Iterable[int] = (0,) * 7) -> SLVector:
        values = tuple(levels)
        if len(values) != 7:
            raise SLVectorError(f"an SL vector has 7 entries (FR 1..FR 7), got {len(values)}")
        for value in values:
            if type(value) is not int or not MIN_SL <= value <= MAX_SL:
                raise SLVectorError(f"security levels are integers 0-4, got {_short(value)}")
        return super().__new__(cls, values)

    @classmethod
    def uniform(cls, level: int) -> SLVector:
        """All seven FRs at the same level (the scalar form)."""
        return cls((level,) * 7)

    def level(self, fr: int) -> int:
        """The level of FR ``fr`` (1-based)."""
        return self[fr - 1]

    def meets(self, target: SLVector) -> bool:
        """True when every entry is at least the target's (spec section 1: SL-A >= SL-T)."""
        return all(a >= t for a, t in zip(self, target, strict=True))

    @property
    def maximum(self) -> int:
        return max(self)

    def as_list(self) -> list[int]:
        return list(self)

    def __repr__(self) -> str:
        return f"SLVector({list(self)})"


ZERO: Final = SLVector.uniform(0)


def _fr_key(key: object) -> int | None:
    """Accept ``FR1``, ``FR 1``, ``fr1``, ``1`` or an :class:`FR` as a mapping key."""
    if isinstance(key, int) and not isinstance(key, bool):
        return key if 1 <= key <= 7 else None
    if isinstance(key, str):
        text = key.strip().upper().replace(" ", "")
        if text.startswith("FR"):
            text = text[2:]
        if text.isdigit() and 1 <= int(text) <= 7:
            return int(text)
        names = {fr.name: int(fr) for fr in FR}
        return names.get(text)
    return None


def parse_sl_vector(value: object) -> SLVector:
    """Read an SL vector in any of the forms of spec section 1.

    - scalar ``2``: all seven FRs at 2;
    - list of seven integers;
    - mapping ``{FR1: 2, FR5: 3}``: missing FRs are 0.

    Raises :class:`SLVectorError` with a message that says what was expected.
    """
    if isinstance(value, SLVector):
        return value
    if isinstance(value, bool) or value is None:
        raise SLVectorError(_expected(value))
    if isinstance(value, int):
        if not MIN_SL <= value <= MAX_SL:
            raise SLVectorError(f"security level must be 0-4, got {_short(value)}")
        return SLVector.uniform(value)
    if isinstance(value, list | tuple):
        if len(value) != 7:
            raise SLVectorError(
                f"a list SL vector needs exactly 7 integers (FR 1..FR 7), got {len(value)}"
            )
        for index, item in enumerate(value):
            if type(item) is not int:
                raise SLVectorError(f"FR {index + 1}: expected an integer 0-4, got {_short(item)}")
            if not MIN_SL <= item <= MAX_SL:
                raise SLVectorError(
                    f"FR {index + 1}: security level must be 0-4, got {_short(item)}"
                )
        return SLVector(value)
    if isinstance(value, Mapping):
        levels = [0] * 7
        seen: set[int] = set()
        for key, item in value.items():
            fr = _fr_key(key)
            if fr is None:
                raise SLVectorError(f"unknown FR key {key!r} (expected FR1..FR7)")
            if fr in seen:
                raise SLVectorError(f"FR {fr} is given twice")
            seen.add(fr)
            if type(item) is not int:
                raise SLVectorError(f"{key}: expected an integer 0-4, got {_short(item)}")
            if not MIN_SL <= item <= MAX_SL:
                raise SLVectorError(f"{key}: security level must be 0-4, got {_short(item)}")
            levels[fr - 1] = item
        return SLVector(levels)
    raise SLVectorError(_expected(value))


def _expected(value: object) -> str:
    return (
        "expected an SL vector: an integer 0-4, a list of 7 integers, or a mapping "
        f"FR1..FR7 -> 0-4; got {_short(value)}"
    )


def _short(value: object) -> str:
    """A value as shown in a message: huge numbers and long text are not echoed in full."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**12:
        return "a very large number"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
