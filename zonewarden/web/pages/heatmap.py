"""SL-A against SL-T as a cell: a colour class and a text mark, so the state is not told by
colour alone (met, short by 1, short by 2 or more, not targeted)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zonewarden.domain.levels import FR


@dataclass(frozen=True, slots=True)
class Cell:
    fr: int
    sl_achieved: int
    sl_target: int
    state: str  # met | short1 | short2 | none
    mark: str
    label: str  # what a screen reader says

    @property
    def css(self) -> str:
        return f"heat-{self.state}"


def cell(fr: int, sl_achieved: int, sl_target: int) -> Cell:
    title = FR(fr).title
    if sl_target == 0:
        state, mark, verdict = "none", "·", "not targeted"
    elif sl_achieved >= sl_target:
        state, mark, verdict = "met", "✓", "meets its target"
    else:
        short = sl_target - sl_achieved
        state = "short1" if short == 1 else "short2"
        mark, verdict = f"−{short}", f"short by {short}"
    label = f"FR {fr} {title}: SL-A {sl_achieved}, SL-T {sl_target}, {verdict}"
    return Cell(fr, sl_achieved, sl_target, state, mark, label)


def cells(sl_achieved: Sequence[int], sl_target: Sequence[int]) -> list[Cell]:
    """One cell per FR 1..FR 7."""
    return [cell(n, sl_achieved[n - 1], sl_target[n - 1]) for n in range(1, 8)]
