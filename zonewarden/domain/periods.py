"""Periods such as ``12m`` or ``90d``: how often an obligation recurs, how long evidence stays
fresh, how far ahead ``zonewarden due`` looks.

A period is a count and a unit: ``d`` days, ``w`` weeks, ``m`` calendar months, ``y`` years.
Adding months keeps the day of the month, clamped to the month's last day (31 January + 1m is
28 or 29 February), the way people read "every month".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

UNITS = {"d": "day", "w": "week", "m": "month", "y": "year"}
PERIOD_PATTERN = r"^[1-9][0-9]{0,3}[dwmy]$"
_PERIOD = re.compile(PERIOD_PATTERN)


@dataclass(frozen=True, slots=True, order=True)
class Period:
    count: int
    unit: str  # d | w | m | y

    @classmethod
    def parse(cls, text: str) -> Period:
        """``12m`` -> Period(12, "m"); raises ValueError naming what was expected."""
        if not isinstance(text, str) or not _PERIOD.match(text.strip()):
            raise ValueError(
                f"expected a period such as 90d, 6w, 12m or 1y (1-9999 days, weeks, months "
                f"or years); got {text!r:.40}"
            )
        text = text.strip()
        return cls(int(text[:-1]), text[-1])

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"

    def words(self) -> str:
        noun = UNITS[self.unit]
        return f"{self.count} {noun}{'' if self.count == 1 else 's'}"

    def after(self, start: date) -> date:
        """The date one period after ``start``."""
        if self.unit == "d":
            return start + timedelta(days=self.count)
        if self.unit == "w":
            return start + timedelta(weeks=self.count)
        months = self.count * (12 if self.unit == "y" else 1)
        return add_months(start, months)

    def before(self, end: date) -> date:
        """The date one period before ``end`` (the start of a window ending at ``end``)."""
        if self.unit == "d":
            return end - timedelta(days=self.count)
        if self.unit == "w":
            return end - timedelta(weeks=self.count)
        months = self.count * (12 if self.unit == "y" else 1)
        return add_months(end, -months)


def add_months(start: date, months: int) -> date:
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


TWELVE_MONTHS = Period(12, "m")
