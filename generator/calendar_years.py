"""Build step ``calendar``: holiday years as data, on top of ``chinesecalendar``.

The library ends with the last year it was released for (1.11.0: 2026), and the
State Council publishes next year's arrangement in November or December. A
maintainer adds that year the day it is published, as ``data/calendar/<year>.yaml``::

    year: 2027
    source: 国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕N号，2026年11月X日）
    status: 正式            # or 暂定: statutory holidays only, notice not out yet
    holidays:               # inclusive ranges; weekend days inside are listed too
      - {name: 春节, from: 2027-02-05, to: 2027-02-11}
    workdays:               # Saturdays/Sundays that are workdays (调休上班)
      - {date: 2027-02-14, name: 春节}

A file replaces the library's data for its year. Every problem is reported with
its file, key path and a plain-Chinese fix; a year the build will soon need and
nobody has added yet is a warning that names the file to create.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.calendar_days import CalendarData, from_library
from generator.context import Context
from generator.problems import WARNING, Problem, problem, suggest
from generator.yamlsrc import YamlDoc, load_yaml

NAME = "calendar"
FOLDER = "data/calendar"
STATUSES = ("正式", "暂定")
TOP_KEYS = ("year", "source", "status", "holidays", "workdays")
HOLIDAY_KEYS = ("name", "from", "to")
WORKDAY_KEYS = ("date", "name")
# A notice may start the New Year holiday (or a make-up workday) in the last
# days of December of the year before (2024: 2023-12-30 to 2024-01-01).
DECEMBER_GRACE = 7
LONGEST_HOLIDAY = 15
_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


@dataclass(frozen=True)
class Holiday:
    name: str
    first: dt.date
    last: dt.date
    row: int = 0  # index in the file's holidays list, for problem locations

    def days(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=i) for i in range((self.last - self.first).days + 1)]


@dataclass(frozen=True)
class YearFile:
    """One validated ``data/calendar/<year>.yaml``."""

    file: str
    year: int
    source: str
    status: str
    holidays: tuple[Holiday, ...]
    workdays: tuple[tuple[dt.date, str, int], ...]  # (date, name, row)

    @property
    def provisional(self) -> bool:
        return self.status == "暂定"


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = _DATE.match(str(value).strip())
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def _in_year(day: dt.date, year: int) -> bool:
    return day.year == year or (day.year == year - 1 and day.month == 12 and day.day > 31 - DECEMBER_GRACE)


def _unknown_keys(doc: YamlDoc, item: dict, allowed, path: str) -> list[Problem]:
    return [
        doc.at("unknown-key", f"{path}.{k}" if path else str(k), key=k, suggestion=suggest(str(k), allowed))
        for k in item
        if k not in allowed
    ]


def _text(doc: YamlDoc, item: dict, key: str, path: str, problems: list[Problem]) -> str:
    value = item.get(key)
    if value is None or str(value).strip() == "":
        problems.append(doc.at("missing-key", f"{path}.{key}" if path else key, key=key, parent=path or "文件顶层"))
        return ""
    return str(value).strip()


def _day(doc: YamlDoc, item: dict, key: str, path: str, year: int, problems: list[Problem]) -> dt.date | None:
    where = f"{path}.{key}"
    if item.get(key) is None:
        problems.append(doc.at("missing-key", where, key=key, parent=path))
        return None
    day = _date(item[key])
    if day is None:
        problems.append(doc.at("calendar-date", where, key=key, value=str(item[key])))
        return None
    if year and not _in_year(day, year):
        problems.append(doc.at("calendar-outside-year", where, key=key, value=day.isoformat(), year=year))
        return None
    return day


def parse_year(doc: YamlDoc) -> tuple[YearFile | None, list[Problem]]:
    """Validate one year file; every problem found, with its key path."""
    data = doc.data
    if not isinstance(data, dict):
        return None, [doc.at("yaml-not-mapping", "", actual=type(data).__name__)]
    problems = _unknown_keys(doc, data, TOP_KEYS, "")
    stem = doc.file.rsplit("/", 1)[-1].removesuffix(".yaml")
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1949 < year < 2200:
        problems.append(doc.at("wrong-type", "year", key="year", expected="四位年份（如 2027）", actual="", value=year))
        year = 0
    elif stem != str(year):
        problems.append(doc.at("calendar-file-name", "year", year=year, name=stem))
    source = _text(doc, data, "source", "", problems)
    status = _text(doc, data, "status", "", problems)
    if status and status not in STATUSES:
        problems.append(
            doc.at("bad-value", "status", key="status", value=status, detail="只能写“正式”或“暂定”。",
                   hint="国务院放假通知已公布写 正式；只按《全国年节及纪念日放假办法》列出法定假日写 暂定。")
        )
    holidays: list[Holiday] = []
    workdays: list[tuple[dt.date, str, int]] = []
    for key, row_keys in (("holidays", HOLIDAY_KEYS), ("workdays", WORKDAY_KEYS)):
        rows = data.get(key)
        if rows is None:
            if key == "holidays":
                problems.append(doc.at("missing-key", key, key=key, parent="文件顶层"))
            continue
        if not isinstance(rows, list):
            problems.append(doc.at("wrong-type", key, key=key, expected="列表（每行以“- ”开头）", actual=type(rows).__name__, value=rows))
            continue
        for i, item in enumerate(rows):
            path = f"{key}[{i}]"
            if not isinstance(item, dict):
                problems.append(doc.at("wrong-type", path, key=path, expected="“{name: …, …}”这样的一项", actual=type(item).__name__, value=item))
                continue
            problems += _unknown_keys(doc, item, row_keys, path)
            name = _text(doc, item, "name", path, problems)
            if key == "holidays":
                first = _day(doc, item, "from", path, year, problems)
                last = _day(doc, item, "to", path, year, problems)
                if first and last:
                    if last < first:
                        problems.append(doc.at("calendar-range", path, first=first.isoformat(), last=last.isoformat(), detail="结束日期早于开始日期"))
                    elif (last - first).days + 1 > LONGEST_HOLIDAY:
                        problems.append(doc.at("calendar-range", path, first=first.isoformat(), last=last.isoformat(), detail=f"连续放假超过 {LONGEST_HOLIDAY} 天"))
                    else:
                        holidays.append(Holiday(name, first, last, i))
            else:
                day = _day(doc, item, "date", path, year, problems)
                if day and day.weekday() < 5:
                    problems.append(doc.at("calendar-workday-not-weekend", f"{path}.date", value=day.isoformat(), weekday="一二三四五"[day.weekday()]))
                elif day:
                    workdays.append((day, name, i))
    problems += _conflicts(doc, holidays, workdays)
    if problems or not year:
        return None, problems
    return YearFile(doc.file, year, source, status, tuple(holidays), tuple(workdays)), []


def _conflicts(doc: YamlDoc, holidays: list[Holiday], workdays) -> list[Problem]:
    """Overlapping holidays, a make-up workday inside a holiday, one date twice."""
    out = []
    for i, a in enumerate(holidays):
        for b in holidays[i + 1 :]:
            if a.first <= b.last and b.first <= a.last:
                out.append(doc.at("calendar-overlap", f"holidays[{b.row}]", name=b.name, other=a.name, where=f"holidays[{a.row}]"))
    seen: dict[dt.date, int] = {}
    for day, name, i in workdays:
        path = f"workdays[{i}].date"
        inside = [h for h in holidays if h.first <= day <= h.last]
        if inside:
            out.append(doc.at("calendar-workday-in-holiday", path, value=day.isoformat(), name=inside[0].name))
        if day in seen:
            out.append(doc.at("duplicate-id", path, kind="调休上班日", value=day.isoformat(), other=f"workdays[{seen[day]}]"))
        seen.setdefault(day, i)
    return out


def merge(base: CalendarData, files: list[YearFile]) -> CalendarData:
    """``base`` with each file's year replaced by the file's days."""
    holidays, workdays, names = set(base.holidays), set(base.workdays), dict(base.names)
    years, provisional, sources = set(base.years), dict(base.provisional), dict(base.sources)
    for f in sorted(files, key=lambda f: f.year):
        prefix = f"{f.year}-"
        holidays = {d for d in holidays if not d.startswith(prefix)}
        workdays = {d for d in workdays if not d.startswith(prefix)}
        names = {d: n for d, n in names.items() if not d.startswith(prefix)}
        for h in f.holidays:
            for day in h.days():
                iso = day.isoformat()
                workdays.discard(iso)
                names[iso] = h.name
                if day.weekday() < 5:
                    holidays.add(iso)
        for day, name, _row in f.workdays:
            iso = day.isoformat()
            holidays.discard(iso)
            workdays.add(iso)
            names[iso] = f"{name}调休上班"
        years.add(f.year)
        sources[f.year] = f.source
        if f.provisional:
            provisional[f.year] = f.source
        else:
            provisional.pop(f.year, None)
    return CalendarData(frozenset(years), frozenset(holidays), frozenset(workdays), names, provisional, sources)


def coverage_problems(cal: CalendarData, today: dt.date) -> list[Problem]:
    """Warn about the years a worker will count into soon: this year, and next
    year from October (deadlines counted in December run into January)."""
    soon = [today.year] + ([today.year + 1] if today.month >= 10 else [])
    out = []
    for year in soon:
        file = f"{FOLDER}/{year}.yaml"
        if year not in cal.years:
            out.append(problem("calendar-year-missing", file, severity=WARNING, year=year, file_path=file, last=cal.last_year))
        elif year in cal.provisional:
            out.append(problem("calendar-year-provisional", file, severity=WARNING, year=year, file_path=file))
    return out


def load_files(root, folder: str = FOLDER) -> tuple[list[YearFile], list[Problem]]:
    """Every ``<folder>/*.yaml`` under ``root``, validated."""
    files, problems = [], []
    for path in sorted((root / folder).glob("*.yaml")):
        doc, found = load_yaml(path, root)
        if doc is not None:
            parsed, found = parse_year(doc)
            if parsed is not None:
                files.append(parsed)
        problems += found
    return files, problems


def project_calendar(root, today: dt.date | None = None) -> tuple[CalendarData, list[Problem]]:
    """The library's calendar with this project's year files; coverage warnings
    when ``today`` is given."""
    files, problems = load_files(root)
    cal = merge(from_library(), files)
    if today is not None:
        problems += coverage_problems(cal, today)
    return cal, problems


def load(ctx: Context) -> tuple[CalendarData, list[Problem]]:
    # The build is a shell: the clock is read here, never in the functions above.
    return project_calendar(ctx.project.root, dt.date.today())
