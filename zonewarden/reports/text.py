"""Text shared by the report renderers: cleaning, escaping, number formatting and fitting.

Names, ids and protocols come from project files: :func:`clean` makes one printable line of
them (no control characters, no bidi overrides that could spoof a label, nothing that is invalid
in XML), :func:`esc` also escapes it for XML. Widths are estimated from the advance widths of
DejaVu Sans (the font the SVG asks for first), so that :func:`fit`, :func:`fit_parts` and
:func:`wrap` can shorten text to a box without a font library. Everything here is pure and
deterministic: the same text gives the same result on every machine.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

FONT_FAMILY = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', 'Segoe UI', Arial, sans-serif"
# Advance widths of ASCII 32..126 in DejaVu Sans and DejaVu Sans Bold, in 1/1000 em; rows of 16
# characters: " " to "/", "0" to "?", "@" to "O", "P" to "_", "`" to "o", "p" to "~".
# fmt: off
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
    1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
    733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
    500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
    716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
)
# fmt: on
# Control characters, bidi overrides (spoofing), surrogates and non-characters (invalid XML).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]+")
_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def clean(text: str) -> str:
    """One line of printable text: control characters and runs of blanks become one space."""
    return " ".join(_UNSAFE.sub(" ", str(text)).split())


def esc(text: str) -> str:
    """Text cleaned and escaped for XML content and attribute values (newlines kept)."""
    lines = (clean(line).translate(_XML) for line in str(text).split("\n"))
    return "&#10;".join(lines)


def escape(text: str) -> str:
    """Text escaped for XML content and attribute values as it is, without cleaning; ``'``
    becomes ``&#x27;`` (:func:`html.escape`). The charts use it; the diagrams use :func:`esc`."""
    return html.escape(text)


def num(value: float, digits: int = 1) -> str:
    """A number with at most ``digits`` (1 or more) decimals, trailing zeros dropped and never
    ``-0``: the same text for the same value."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def vector(values: Iterable[int]) -> str:
    """A security level vector as text: ``2 2 1 0 3 1 2``."""
    return " ".join(str(v) for v in values)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated rendered width of ``text`` in DejaVu Sans at ``size`` px."""
    table, total = _BOLD if bold else _REGULAR, 0
    for ch in text:
        code = ord(ch)
        if 32 <= code < 127:
            total += table[code - 32]
        elif not unicodedata.combining(ch):
            total += 1000 if unicodedata.east_asian_width(ch) in "WF" else 720
    return total * size / 1000


def fit(text: str, width: float, size: float, bold: bool = False, force: bool = False) -> str:
    """``text`` if it fits in ``width``, else its longest prefix that fits followed by "…"."""
    if not force and text_width(text, size, bold) <= width:
        return text
    room, end = width - text_width("…", size, bold), 0
    for ch in text:
        room -= text_width(ch, size, bold)
        if room < 0:
            break
        end += 1
    return text[:end].rstrip() + "…"


def fit_parts(parts: list[str], width: float, size: float, sep: str, more: bool = False) -> str:
    """Join as many leading non-empty ``parts`` as fit (with "+N" for the rest if ``more``)."""
    parts = [p for p in parts if p]
    for n in range(len(parts), 0, -1):
        rest = f"{sep}+{len(parts) - n}" if more and n < len(parts) else ""
        text = sep.join(parts[:n]) + rest
        if text_width(text, size) <= width:
            return text
    return fit(parts[0], width, size) if parts else ""


def wrap(text: str, width: float, size: float, bold: bool = False, max_lines: int = 2) -> list[str]:
    """Greedy word wrap into at most ``max_lines`` lines; long words are broken, the last line
    ellipsized when the text does not fit. Only the first 200 characters a line are read."""
    lines: list[str] = []
    current = ""
    for word in text[: 200 * max_lines].split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while text_width(word, size, bold) > width and len(word) > 1:
            cut = max(len(fit(word, width, size, bold, force=True)) - 1, 1)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines or len(text) > 200 * max_lines:
        lines = [
            *lines[: max_lines - 1],
            fit(" ".join(lines[max_lines - 1 :]), width, size, bold, force=True),
        ]
    return lines
