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


@dataclass(frozen=True)
class DayNote:
    """A day the count passed over or counted, and why (holiday name, 周六/周日, …调休上班)."""

    date: dt.date
    why: str


@dataclass(frozen=True)
class Count:
    """The result of counting ``n`` working or calendar days from ``start``.

    Args:
        end: the ``n``-th day (``start`` itself is day 0).
        skipped: working days: the days off passed over, in order.
        made_up: working days: Saturdays/Sundays counted because they are 调休 workdays.
        end_note: calendar days: why the last day is a day off ("" when it is a workday
            or its year has no data).
        provisional: years with 暂定 holiday data the result depends on.
    """

    start: dt.date
    end: dt.date
    unit: str
    n: int
    skipped: tuple[DayNote, ...] = ()
    made_up: tuple[DayNote, ...] = ()
    end_note: str = ""
    provisional: tuple[int, ...] = ()

    def to_json(self) -> dict:
        """The shape the browser's ``swTools.countDays`` returns (parity tests)."""
        return {
            "end": self.end.isoformat(),
            "skipped": [[d.date.isoformat(), d.why] for d in self.skipped],
            "madeUp": [[d.date.isoformat(), d.why] for d in self.made_up],
            "endNote": self.end_note,
            "provisional": list(self.provisional),
        }


WEEKDAY_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def day_off_reason(cal: CalendarData, day: dt.date) -> str:
    """Why ``day`` is not a working day: its holiday's name, else 周六/周日.

    A Saturday or Sunday inside a holiday is named 周六/周日: the browser gets
    names only for weekday holidays and make-up workdays (CalendarData.to_json),
    and both sides must say the same.
    """
    iso = day.isoformat()
    if iso in cal.holidays and iso in cal.names:
        return cal.names[iso]
    return WEEKDAY_ZH[day.weekday()] if day.weekday() >= 5 else "节假日"


def count_days(cal: CalendarData, start: dt.date, n: int, unit: str) -> Count:
    """Count ``n`` working days (``working_day``) or calendar days (``calendar_day``)
    from ``start``, backwards when ``n`` < 0, and say which days were passed over
    and which 调休 workdays were counted. Raises YearNotCovered for working days
    in a year without holiday data.
    """
    if unit == "calendar_day":
        end = start + dt.timedelta(days=n)
        note = day_off_reason(cal, end) if cal.covers(end) and not cal.is_workday(end) else ""
        years = {end.year} if note else set()
        return Count(start, end, unit, n, end_note=note, provisional=tuple(sorted(years & set(cal.provisional))))
    if unit != "working_day":
        raise ValueError(f"unknown unit {unit!r}")
    end = add_working_days(cal, start, n)
    step = 1 if n >= 0 else -1
    skipped, made_up, years = [], [], set()
    day = start
    while day != end:
        day += dt.timedelta(days=step)
        years.add(day.year)
        if not cal.is_workday(day):
            skipped.append(DayNote(day, day_off_reason(cal, day)))
        elif day.weekday() >= 5:
            made_up.append(DayNote(day, cal.names.get(day.isoformat()) or "调休上班"))
    return Count(start, end, unit, n, tuple(skipped), tuple(made_up), provisional=tuple(sorted(years & set(cal.provisional))))
