"""Read what people type into number, date and time fields.

Pure functions over the spellings table ``data/input/spellings.yaml`` (passed
in as a plain dict): no files, no clock. ``js/formchecker.js`` interprets the
same table the same way (``normalise*`` there); the parity test runs the golden
cases of site_tests/cases/spellings/ through both.

Each reader returns a :class:`Reading`: the answer written the standard way
(``2026-09-30``, ``09:30``, ``10``) to show back in the field, the parsed value
(days since 1970-01-01, minutes after midnight, or a float), or the code of the
problem when the text cannot be read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

# The same explicit set as formats.WHITESPACE and formchecker.js (\s differs between the two languages).
WHITESPACE = frozenset(" \t\n\r\f\v\u00a0\u3000\ufeff")
EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Reading:
    """One typed answer, read.

    Attributes:
        text: the answer written the standard way, or None when unreadable.
        value: days (date), minutes (time) or a float (number); None when unreadable.
        problem: the message code when unreadable (``invalid-date`` …), else None.
        note: a warning code that does not stop reading (``percent-fraction``).
        detail: extra message parameters for the problem or note.
    """

    text: str | None
    value: float | int | None
    problem: str | None = None
    note: str | None = None
    detail: tuple = ()


def _bad(code: str, **detail) -> Reading:
    return Reading(None, None, code, None, tuple(sorted(detail.items())))


@lru_cache(maxsize=64)
def _rx(pattern: str) -> re.Pattern:
    # ASCII: \d means 0-9 only, as in JavaScript.
    return re.compile(pattern, re.ASCII)


def fold(s: str, spellings: dict) -> str:
    """Full-width and IME characters replaced, all whitespace removed."""
    table = {}
    for row in spellings["fold"]:
        table.update(zip(row["from"], row["to"]))
    return "".join(table.get(ch, ch) for ch in s if ch not in WHITESPACE)


def _strip_prefix(s: str, prefixes) -> str:
    for p in sorted(prefixes, key=len, reverse=True):
        if s.startswith(p) and len(s) > len(p):
            return s[len(p):]
    return s


def _canonical(sign: str, whole: str, frac: str) -> str:
    whole = whole.lstrip("0") or "0"
    frac = frac.rstrip("0")
    text = whole + ("." + frac if frac else "")
    return "-" + text if sign == "-" and text != "0" else text


NUMBER_HEAD = r"^([+-]?)(\d[\d.,]*)(.*)$"
PLAIN = r"^(\d+)(?:\.(\d+))?$"


def number(s: str, spellings: dict, integer: bool = False, unit: str = "") -> Reading:
    """Read a number: ``１０`` ``12人`` ``第1节`` ``86%`` ``1,500`` ``12。5`` ``¥50``.

    Args:
        s: the typed text (already trimmed, not empty).
        spellings: the spellings table.
        integer: the field takes whole numbers only.
        unit: the field's unit (``人``, ``元``, ``%``, or empty).
    """
    table = spellings["number"]
    bad = "invalid-integer" if integer else "invalid-number"
    t = _strip_prefix(fold(s, spellings), table["prefixes"])
    if unit == "元":
        t = _strip_prefix(t, table["money_prefixes"])
    m = _rx(NUMBER_HEAD).match(t)
    if not m:
        return _bad(bad)
    sign, digits, rest = m.groups()
    if rest:
        allowed = table["unit_synonyms"].get(unit, [unit]) if unit else table["count_words"]
        if rest not in allowed:
            return _bad("wrong-unit", typed=rest) if unit else _bad(bad)
    if "," in digits:
        if _rx(table["thousands"]).match(digits):
            digits = digits.replace(",", "")
        elif _rx(table["decimal_comma"]).match(digits):
            digits = digits.replace(",", ".")
        else:
            return _bad(bad)
    p = _rx(PLAIN).match(digits)
    if not p:
        return _bad(bad)
    whole, frac = p.group(1), p.group(2) or ""
    if integer and frac.strip("0"):
        return _bad(bad)
    text = _canonical(sign, whole, "" if integer else frac)
    value = float(text)
    note = None
    detail: tuple = ()
    if unit and unit == table["percent_unit"] and rest == "" and 0 < value < 1:
        note = "percent-fraction"
        detail = (("percent", _canonical("", *f"{value * 100:.6f}".split("."))),)
    return Reading(text, value, None, note, detail)


def days(d: dt.date) -> int:
    return (d - EPOCH).days


def from_days(n: int) -> dt.date:
    return EPOCH + dt.timedelta(days=n)


def _ymd(y: int, m: int, d: int) -> int | None:
    try:
        return days(dt.date(y, m, d))
    except ValueError:
        return None


def _groups(rule: dict, match: re.Match) -> dict:
    return {name: int(match.group(i + 1)) for i, name in enumerate(rule["groups"])}


def full_date(s: str, spellings: dict) -> int | None:
    """Days for a date written with its year (any accepted spelling), else None."""
    t = _strip_notes(fold(s, spellings), spellings)
    for rule in spellings["date"]["full"]:
        m = _rx(rule["pattern"]).match(t)
        if m:
            g = _groups(rule, m)
            if g["y"] < 1:
                return None
            return _ymd(g["y"], g["m"], g["d"])
    return None


def _strip_notes(t: str, spellings: dict) -> str:
    for pattern in spellings["date"]["strip"]:
        t = _rx(pattern).sub("", t)
    return t


def date(s: str, spellings: dict, reference: int, today: int) -> Reading:
    """Read a date: ``2026年9月30日`` ``2026.9.30`` ``20260930`` ``9月30日`` ….

    Args:
        s: the typed text (trimmed, not empty).
        spellings: the spellings table.
        reference: days of the date a year-less answer is placed nearest to.
        today: days of today, for the plausible range of years.
    """
    table = spellings["date"]
    t = _strip_notes(fold(s, spellings), spellings)
    value = None
    for rule in table["full"]:
        m = _rx(rule["pattern"]).match(t)
        if m:
            g = _groups(rule, m)
            value = _ymd(g["y"], g["m"], g["d"]) if g["y"] >= 1 else None
            if value is None:
                return _bad("invalid-date")
            break
    else:
        for rule in table["no_year"]:
            m = _rx(rule["pattern"]).match(t)
            if m:
                g = _groups(rule, m)
                year = from_days(reference).year
                options = [v for v in (_ymd(y, g["m"], g["d"]) for y in (year - 1, year, year + 1)) if v is not None]
                if not options:
                    return _bad("invalid-date")
                value = min(options, key=lambda v: (abs(v - reference), v))
                break
    if value is None:
        return _bad("invalid-date")
    year, this_year = from_days(value).year, from_days(today).year
    if not this_year - table["years_back"] <= year <= this_year + table["years_ahead"]:
        return _bad("implausible-date", year=year)
    return Reading(from_days(value).isoformat(), value)


def time(s: str, spellings: dict) -> Reading:
    """Read a time of day: ``9:30`` ``９：３０`` ``下午3点`` ``3点半`` ``1430`` ``3:00 PM``."""
    table = spellings["time"]
    t = fold(s, spellings).lower()
    add12_below = None
    for period in table["periods"]:
        for word in sorted(period["words"], key=len, reverse=True):
            if len(t) > len(word) and (t.startswith(word) or t.endswith(word)):
                t = t[len(word):] if t.startswith(word) else t[: -len(word)]
                add12_below = period["add12_below"]
                break
        if add12_below is not None:
            break
    for rule in table["patterns"]:
        m = _rx(rule["pattern"]).match(t)
        if not m or (rule.get("with_period") and add12_below is None):
            continue
        g = _groups(rule, m)
        h, mi = g["h"], g.get("mi", rule.get("minute", 0))
        if add12_below is not None:
            if h > 12:
                return _bad("invalid-time")
            if h < add12_below:
                h += 12
        if h > 23 or mi > 59:
            return _bad("invalid-time")
        return Reading(f"{h:02d}:{mi:02d}", h * 60 + mi)
    return _bad("invalid-time")


def table_problems(spellings, file: str) -> list:
    """What is wrong with a spellings table, as Problems (empty when usable):
    the sections both readers need, equal-length fold rows, patterns that
    compile and name their groups."""
    from generator.problems import problem

    if not isinstance(spellings, dict):
        return [problem("yaml-not-mapping", file, "", actual=type(spellings).__name__)]
    out = []
    need = {"fold": list, "number": dict, "date": dict, "time": dict}
    for key, kind in need.items():
        if not isinstance(spellings.get(key), kind):
            out.append(problem("missing-key", file, key, key=key, parent="文件顶层"))
    if out:
        return out
    for i, row in enumerate(spellings["fold"]):
        if not isinstance(row, dict) or len(str(row.get("from", ""))) != len(str(row.get("to", ""))):
            out.append(problem("bad-value", file, f"fold[{i}]", key="fold", value=row, detail="from 和 to 的字数要相同（逐字替换）。", hint="两串按位置一一对应，各写同样多的字。"))
    rules = [("date.full", r) for r in spellings["date"].get("full", [])] + [("date.no_year", r) for r in spellings["date"].get("no_year", [])]
    rules += [("time.patterns", r) for r in spellings["time"].get("patterns", [])]
    for where, rule in rules:
        try:
            rx = re.compile(rule["pattern"], re.ASCII)
        except (re.error, KeyError, TypeError) as exc:
            out.append(problem("bad-value", file, where, key="pattern", value=rule, detail=f"正则表达式有误：{exc}", hint="用单引号包住正则；只用 \\d、[...]、(...)、?、|。"))
            continue
        if rx.groups != len(rule.get("groups") or []):
            out.append(problem("bad-value", file, where, key="groups", value=rule.get("groups"), detail=f"正则有 {rx.groups} 个括号，groups 列了 {len(rule.get('groups') or [])} 个。", hint="每个括号在 groups 里写一个名字（y/m/d 或 h/mi）。"))
    return out
