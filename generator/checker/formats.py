"""Parsing of typed answers: dates, times, numbers, phone numbers.

Each function mirrors one in ``js/formchecker.js``; keep the two in step
(the parity test in site_tests/test_checker_parity.py compares them).
"""

from __future__ import annotations

import datetime as dt
import re

# Patterns are ASCII-only (re.ASCII) like JavaScript's \d: a full-width
# digit is not accepted on either side.
# Explicit set instead of str.strip(): JavaScript's trim() and Python's strip()
# disagree on a few exotic characters, and results must be identical.
WHITESPACE = " \t\n\r\f\v\u00a0\u3000\ufeff"

DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$", re.ASCII)
TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$", re.ASCII)
NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$", re.ASCII)
INTEGER = re.compile(r"^[+-]?\d+$", re.ASCII)
MOBILE = re.compile(r"^(\+?86-?)?1[3-9]\d{9}$", re.ASCII)
LANDLINE = re.compile(r"^(\(0\d{2,3}\)|0\d{2,3}-?)\d{7,8}(-\d{1,6})?$", re.ASCII)
YES = ("是", "yes", "true")
NO = ("否", "no", "false")


def trim(s: str) -> str:
    return s.strip(WHITESPACE)


def clip(s: str, n: int = 30) -> str:
    """At most ``n`` characters of a user's value, for messages."""
    return s if len(s) <= n else s[:n] + "…"


def parse_date(s: str) -> int | None:
    """Days since 1970-01-01 for a valid date, else None."""
    m = DATE.match(s)
    if not m:
        return None
    try:
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return (day - dt.date(1970, 1, 1)).days


def date_from_days(days: int) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=days)


def iso(days: int) -> str:
    return date_from_days(days).isoformat()


def parse_time(s: str) -> int | None:
    """Minutes after midnight, else None."""
    m = TIME.match(s)
    return int(m.group(1)) * 60 + int(m.group(2)) if m else None


def parse_number(s: str, integer: bool = False) -> float | None:
    if not (INTEGER if integer else NUMBER).match(s):
        return None
    return float(s)


def is_phone(s: str) -> bool:
    """Mainland mobile (1[3-9] + 9 digits) or a landline with its area code."""
    compact = s.replace(" ", "")
    # 138-0013-8000: a mobile number written in groups.
    return bool(MOBILE.match(compact) or MOBILE.match(compact.replace("-", "")) or LANDLINE.match(compact))


def yes_no(s: str) -> str | None:
    """``是`` / ``否`` for the accepted spellings, else None."""
    low = s.lower()
    if low in YES:
        return "是"
    if low in NO:
        return "否"
    return None
