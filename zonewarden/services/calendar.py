"""The compliance calendar as documents: ``due --format json`` and ``csv`` rows, and an
iCalendar (RFC 5545) file for calendar applications (docs/concepts/obligations.md).

The iCalendar text is built and serialised by the ``icalendar`` library (escaping of commas,
semicolons and newlines, line folding at 75 octets, CRLF line ends). It is deterministic: the
same project and ``as_of`` give the same bytes, because DTSTAMP is ``as_of`` at midnight UTC
and every UID is derived from the item (``<kind>-<id>-<date>@<project-id>.zonewarden``).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from zonewarden.domain.calendar import (
    DEFAULT_WINDOW,
    KIND_TITLES,
    DueItem,
    due_items,
    window_end,
)
from zonewarden.domain.periods import Period
from zonewarden.domain.projects import Project

DUE_COLUMNS = (
    "date",
    "days",
    "overdue",
    "kind",
    "ids",
    "title",
    "owner",
    "period",
    "last_done",
    "note",
)
PRODID = "-//ZoneWarden//Compliance calendar//EN"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def item_row(item: DueItem) -> dict[str, Any]:
    """One item of ``due --format json``."""
    return {
        "date": item.day.isoformat(),
        "days": item.days,
        "overdue": item.overdue,
        "kind": item.kind,
        "ids": list(item.ids),
        "title": item.title,
        "owner": item.owner,
        "period": None if item.period is None else str(item.period),
        "last_done": None if item.last_done is None else item.last_done.isoformat(),
        "note": item.note,
    }


def due_document(project: Project, as_of: date, within: Period | None = None) -> dict[str, Any]:
    """``due --format json``: what is due on or before ``as_of`` + ``within``, overdue first
    (by date), with counts of overdue items and of items due in the window."""
    window = within or DEFAULT_WINDOW
    items = due_items(project, as_of, window)
    overdue = sum(1 for item in items if item.overdue)
    return {
        "project": project.id,
        "as_of": as_of.isoformat(),
        "within": str(window),
        "until": window_end(as_of, window).isoformat(),
        "counts": {"overdue": overdue, "due": len(items) - overdue},
        "items": [item_row(item) for item in items],
    }


def due_csv_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The items of a :func:`due_document` as CSV rows (ids joined with ``; ``, since
    requirement ids contain spaces)."""
    return [{**row, "ids": "; ".join(row["ids"])} for row in document["items"]]


def _rrule(item: DueItem) -> dict[str, Any] | None:
    """The recurrence of an obligation, from its due date.

    Months and years recur monthly (a year is twelve months). A due date after the 28th
    recurs on that day or the month's last day when shorter (BYMONTHDAY 28..day with
    BYSETPOS=-1), the same clamping as :meth:`Period.after` (31 January, then 28 February).
    """
    period = item.period
    if period is None:
        return None
    if period.unit == "d":
        return {"freq": "daily", "interval": period.count}
    if period.unit == "w":
        return {"freq": "weekly", "interval": period.count}
    months = period.count * (12 if period.unit == "y" else 1)
    rule: dict[str, Any] = {"freq": "monthly", "interval": months}
    if item.day.day > 28:
        rule["bymonthday"] = list(range(28, item.day.day + 1))
        rule["bysetpos"] = -1
    return rule


def _description(item: DueItem, as_of: date) -> str:
    """The event's details; the title is its SUMMARY and the project the calendar's name."""
    lines = [f"What: {KIND_TITLES[item.kind]}", f"Concerns: {', '.join(item.ids)}"]
    if item.owner:
        lines.append(f"Owner: {item.owner}")
    if item.period is not None:
        done = item.last_done.isoformat() if item.last_done else "never done"
        lines.append(f"Every {item.period.words()}; last done: {done}")
    if item.note and item.note != "never done":
        lines.append(f"Note: {item.note}")
    if item.overdue:
        late = -item.days
        lines.append(f"Overdue on {as_of.isoformat()} by {late} day{'' if late == 1 else 's'}")
    return "\n".join(lines)


def item_uid(item: DueItem, project: Project) -> str:
    """``<kind>-<id>-<date>@<project-id>.zonewarden``; ids reduced to letters, digits, ``.``,
    ``_`` and ``-``."""
    key = _UNSAFE.sub("-", item.key).strip("-") or "item"
    return f"{item.kind}-{key}-{item.day.isoformat()}@{project.id}.zonewarden"


def ics_calendar(project: Project, as_of: date, within: Period | None = None) -> str:
    """The items due within the window as an iCalendar text: one all-day VEVENT each (an
    RRULE for obligations), CRLF line ends, identical bytes for identical input."""
    from icalendar import Calendar, Event, vCategory, vDDDTypes, vText

    stamp = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)
    dtstamp, transparent = vDDDTypes(stamp), vText("TRANSPARENT")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # an X- property is not known to be text: say so, or it would go out unescaped
    calendar.add("x-wr-calname", vText(f"{project.name}: IEC 62443 compliance calendar"))
    seen: dict[str, int] = {}
    for item in due_items(project, as_of, within or DEFAULT_WINDOW):
        uid = item_uid(item, project)
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:  # two items with the same ids on the same day: keep UIDs unique
            local, _, domain = uid.partition("@")
            uid = f"{local}-{seen[uid]}@{domain}"
        # properties set as typed values: Component.add would infer each type again
        event = Event()
        event["UID"] = vText(uid)
        event["DTSTAMP"] = dtstamp
        event["DTSTART"] = vDDDTypes(item.day)
        if item.day < date.max:  # without DTEND an all-day event lasts that one day
            event["DTEND"] = vDDDTypes(item.day + timedelta(days=1))
        event["SUMMARY"] = vText(("OVERDUE: " if item.overdue else "") + item.title)
        event["DESCRIPTION"] = vText(_description(item, as_of))
        event["CATEGORIES"] = vCategory([item.kind])
        event["TRANSP"] = transparent
        rule = _rrule(item)
        if rule is not None:
            event.add("rrule", rule)
        calendar.add_component(event)
    text: str = calendar.to_ical().decode("utf-8")
    return text
