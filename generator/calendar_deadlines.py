"""When is a deadline due? One pure function per unit of data/rules/deadlines.yaml.

The same computation runs in the browser (``deadlines.js`` through
``formChecker.dueDate``); both count working days with one
:class:`~generator.calendar_days.CalendarData` table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.calendar_days import (
    CalendarData,
    YearNotCovered,
    add_months,
    add_working_days,
    next_month_day,
    next_quarter_first_month_day,
)


@dataclass(frozen=True)
class Due:
    """A computed deadline. ``date`` is None when the calendar has no data."""

    rule_id: str
    date: dt.date | None
    uncovered_year: int | None = None


def due_date(unit: str, amount: int, direction: str, event: dt.date, cal: CalendarData) -> dt.date:
    """The last allowed day for a rule counted from ``event``.

    ``before`` rules give the latest day to act before the event, ``after``
    rules the latest day after it. Raises YearNotCovered for working days in
    a year without holiday data.
    """
    sign = -1 if direction == "before" else 1
    if unit == "calendar_day":
        return event + dt.timedelta(days=sign * amount)
    if unit == "working_day":
        return add_working_days(cal, event, sign * amount)
    if unit == "month":
        return add_months(event, sign * amount)
    if unit == "next_month_day":
        return next_month_day(event, amount)
    if unit == "next_quarter_first_month_day":
        return next_quarter_first_month_day(event, amount)
    raise ValueError(f"unknown unit {unit!r}")


def deadlines_for(rules, event_id: str, event: dt.date, cal: CalendarData) -> list[Due]:
    """Every adopted rule counted from ``event_id``, in file order."""
    out = []
    for rule in rules:
        if rule.event != event_id:
            continue
        try:
            out.append(Due(rule.id, due_date(rule.unit, rule.amount, rule.direction, event, cal)))
        except YearNotCovered as exc:
            out.append(Due(rule.id, None, exc.year))
    return out
