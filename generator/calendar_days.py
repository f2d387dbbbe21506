"""Working days in mainland China: public holidays and make-up workdays (调休).

The data comes from the maintained ``chinesecalendar`` package, extended or
overridden year by year by ``data/calendar/<year>.yaml`` (generator/calendar_years.py),
turned once into a small plain table (:class:`CalendarData`). Python and the
browser both count with that same table (it is written into ``checker-data.js``),
so they can never disagree, and a year neither covers is reported, never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field


class YearNotCovered(Exception):
    """A working-day count needs a year the holiday data does not have."""

    def __init__(self, year: int, first: int, last: int):
        self.year, self.first, self.last = year, first, last
        super().__init__(f"{year} 年的节假日安排未收录（已收录 {first}–{last} 年；添加方法：新建 data/calendar/{year}.yaml）")


@dataclass(frozen=True)
class CalendarData:
    """Holidays that fall on weekdays and weekend days that are workdays.

    Args:
        years: the years with data.
        holidays: ISO dates that are days off although Monday–Friday.
        workdays: ISO dates that are workdays although Saturday/Sunday (调休).
        names: ISO date -> holiday name (for showing why a day is skipped).
        provisional: year -> source, for years marked ``status: 暂定`` (statutory
            holidays only, before the State Council's notice): every date that
            depends on one is shown with a caution.
        sources: year -> source of a year that came from data/calendar/.
    """

    years: frozenset[int]
    holidays: frozenset[str]
    workdays: frozenset[str]
    names: dict
    provisional: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)

    @property
    def first_year(self) -> int:
        return min(self.years)

    @property
    def last_year(self) -> int:
        return max(self.years)

    def covers(self, day: dt.date) -> bool:
        return day.year in self.years

    def is_workday(self, day: dt.date) -> bool:
        """True for a working day; raises YearNotCovered outside the data."""
        if not self.covers(day):
            raise YearNotCovered(day.year, self.first_year, self.last_year)
        iso = day.isoformat()
        if iso in self.workdays:
            return True
        if iso in self.holidays:
            return False
        return day.weekday() < 5

    def names_by_name(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for day in sorted(set(self.names) & (set(self.holidays) | set(self.workdays))):
            grouped.setdefault(self.names[day], []).append(day)
        return grouped

    def to_json(self) -> dict:
        return {
            "first_year": self.first_year,
            "last_year": self.last_year,
            "years": sorted(self.years),
            "provisional": {str(y): s for y, s in sorted(self.provisional.items())},
            "holidays": sorted(self.holidays),
            "workdays": sorted(self.workdays),
            # Only the days a page names (a day off or a make-up workday),
            # grouped by name: a per-day map was 30 KB of every form page.
            "names": self.names_by_name(),
        }


HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def from_library() -> CalendarData:
    """Build the table from ``chinesecalendar`` (declared in pyproject.toml)."""
    import chinese_calendar

    holidays: set[str] = set()
    names: dict[str, str] = {}
    for day, name in chinese_calendar.holidays.items():
        label = HOLIDAY_NAMES_ZH.get(getattr(name, "value", str(name)).split(",")[0], "")
        if day.weekday() < 5:
            holidays.add(day.isoformat())
        if label:
            names[day.isoformat()] = label
    workdays = {day.isoformat() for day in chinese_calendar.workdays if day.weekday() >= 5}
    for day, name in chinese_calendar.workdays.items():
        label = HOLIDAY_NAMES_ZH.get(getattr(name, "value", str(name)).split(",")[0], "")
        if label and day.weekday() >= 5:
            names[day.isoformat()] = f"{label}调休上班"
    years = sorted({d.year for d in chinese_calendar.holidays})
    return CalendarData(frozenset(range(years[0], years[-1] + 1)), frozenset(holidays), frozenset(workdays), names)


def add_working_days(cal: CalendarData, start: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``start`` (before it when ``n`` < 0).

    ``start`` itself is not counted, as in 'within 5 working days after the
    meeting': the meeting day is day 0.
    """
    step = 1 if n >= 0 else -1
    day, left = start, abs(n)
    while left:
        day += dt.timedelta(days=step)
        if cal.is_workday(day):
            left -= 1
    return day


def add_months(start: dt.date, n: int) -> dt.date:
    """Same day ``n`` months later; the 31st becomes the month's last day."""
    month0 = start.month - 1 + n
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def next_month_day(start: dt.date, day: int) -> dt.date:
    """Day ``day`` of the month after ``start``'s month."""
    first = add_months(start.replace(day=1), 1)
    return first.replace(day=min(day, calendar.monthrange(first.year, first.month)[1]))


def next_quarter_first_month_day(start: dt.date, day: int) -> dt.date:
    """Day ``day`` of the first month of the quarter after ``start``'s quarter."""
    quarter_first = dt.date(start.year, (start.month - 1) // 3 * 3 + 1, 1)
    first = add_months(quarter_first, 3)
    return first.replace(day=min(day, calendar.monthrange(first.year, first.month)[1]))
