"""The form checker: ``check(form_rules, values) -> [{field, code, severity, message}]``.

Pure: no files, no network; the clock only when ``today`` is not given.
``form_rules`` is the JSON compiled from a form definition and data/ by
:mod:`generator.checker.compile`; ``values`` is what ``window.swForm.values(form)``
returns (or an exported JSON file's ``values``). Each answer is read through the
spellings table (:mod:`generator.checker.normalise`), then the form's checks run
(:mod:`generator.checker.crossfield`). ``js/formchecker.js`` is a line-by-line
port of all three; the parity test requires identical output for every case file.

Values: text-like fields are strings (numbers are accepted), multichoice a list
of strings, yesno ``是``/``否`` (``true``/``false`` accepted), a table a list of
row objects. Blank rows of a table are ignored. Empty means missing, an empty
string, only whitespace or an empty list.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from generator import archive_code
from generator.calendar_days import CalendarData
from generator.checker import formats as F
from generator.checker import normalise as N
from generator.checker.crossfield import run_check
from generator.checker.messages import fmt_num
from generator.checker.report import cell_label, problem, quote

EXPECTED = {"list": "列表", "text": "文字", "table": "表格（多行）", "row": "一行数据", "object": "表格数据"}


@dataclass(frozen=True)
class Shared:
    """Data every form's rules use: the holiday calendar, the archive code
    lists and the spellings table (data/input/spellings.yaml)."""

    calendar: CalendarData
    codes: archive_code.CodeTables
    spellings: dict


@dataclass(frozen=True)
class Env:
    """What reading one form's answers depends on besides the answers.

    Attributes:
        shared: the shared data.
        today: days since 1970-01-01 of the day the form is checked.
        reference: days of the date a year-less date is placed nearest to
            (the form's first complete date, else today).
    """

    shared: Shared
    today: int
    reference: int


def read(spec: dict, s: str, env: Env) -> N.Reading | None:
    """A non-empty answer of a number, date, time, phone or code field, read
    through the spellings table; None for other types (taken as typed)."""
    kind, sp = spec["type"], env.shared.spellings
    if kind in ("number", "integer"):
        return N.number(s, sp, kind == "integer", spec.get("unit") or "")
    if kind == "date":
        return N.date(s, sp, env.reference, env.today)
    if kind == "time":
        return N.time(s, sp)
    if kind in ("phone", "archive_code"):
        t = N.fold(s, sp)
        return N.Reading(t, t)
    return None


def reference_day(form_rules: dict, values, spellings: dict, today: int) -> int:
    """The first complete date of the form, in field order (table cells
    included), else today: where a date typed without its year belongs."""
    if not isinstance(values, dict):
        return today
    for f in form_rules["fields"]:
        raw = values.get(f["id"])
        if f["type"] == "date" and isinstance(raw, str):
            found = N.full_date(F.trim(raw), spellings)
            if found is not None:
                return found
        if f["type"] == "table" and isinstance(raw, list):
            for col in f["columns"]:
                if col["type"] != "date":
                    continue
                for row in raw:
                    cell = row.get(col["id"]) if isinstance(row, dict) else None
                    found = N.full_date(F.trim(cell), spellings) if isinstance(cell, str) else None
                    if found is not None:
                        return found
    return today


def _is_blank(v) -> bool:
    if v is None:
        return True
    if isinstance(v, str):
        return F.trim(v) == ""
    if isinstance(v, list):
        return len(v) == 0
    return False


def _text(v):
    """A scalar answer as trimmed text, or None when it is not text-like."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, (int, float)):
        return fmt_num(float(v)) if math.isfinite(v) else None
    if isinstance(v, str):
        return F.trim(v)
    return None


def _check_scalar(spec: dict, raw, key: str, label: str, env: Env, rules: dict, out: list) -> object:
    """Check one answer; append at most one problem; return its parsed value."""
    shared = env.shared
    kind = spec["type"]
    if kind == "signature":
        return None
    if kind == "multichoice":
        if isinstance(raw, str):
            raw = [raw] if F.trim(raw) else []
        if raw is None:
            raw = []
        if not isinstance(raw, list) or any(not isinstance(x, str) for x in raw):
            out.append(problem(key, "wrong-type", {"label": label, "expected": EXPECTED["list"]}))
            return None
        items = [F.trim(x) for x in raw if F.trim(x)]
        if not items:
            if spec.get("required"):
                out.append(problem(key, "required", {"label": label}))
            return []
        if spec.get("options") and not spec.get("other_option"):
            for item in items:
                if item not in spec["options"]:
                    out.append(problem(key, "not-an-option", {"label": label, "value": F.clip(item)}))
                    return None
        return items
    if isinstance(raw, bool) and kind != "yesno":
        out.append(problem(key, "wrong-type", {"label": label, "expected": EXPECTED["text"]}))
        return None
    s = _text(raw)
    if s is None:
        out.append(problem(key, "wrong-type", {"label": label, "expected": EXPECTED["text"]}))
        return None
    if s == "":
        if spec.get("required"):
            out.append(problem(key, "required", {"label": label}))
        return None
    value = F.clip(s)
    parsed: object = s
    reading = read(spec, s, env)
    if reading is not None:
        if reading.problem:
            params = {"label": label, "value": value, "unit": spec.get("unit", ""), **dict(reading.detail)}
            out.append(problem(key, reading.problem, params))
            return None
        parsed, s = reading.value, reading.text
        if reading.note:
            out.append(problem(key, reading.note, {"label": label, "value": s, **dict(reading.detail)}))
    if kind in ("number", "integer"):
        unit = spec.get("unit", "")
        if spec.get("min") is not None and parsed < spec["min"]:
            out.append(problem(key, "too-small", {"label": label, "min": fmt_num(spec["min"]), "value": s, "unit": unit}))
            return None
        if spec.get("max") is not None and parsed > spec["max"]:
            out.append(problem(key, "too-large", {"label": label, "max": fmt_num(spec["max"]), "value": s, "unit": unit}))
            return None
    elif kind == "phone":
        if not F.is_phone(s):
            out.append(problem(key, "invalid-phone", {"label": label, "value": value}))
            return None
    elif kind == "archive_code":
        reasons = archive_code.problems(s, shared.codes)
        if reasons:
            out.append(problem(key, "invalid-archive-code", {"label": label, "detail": "；".join(reasons)}))
            return None
        nature = archive_code.parts(s)["nature"]
        expected = rules.get("archive_natures") or []
        if expected and nature not in expected:
            out.append(
                problem(
                    key,
                    "archive-code-nature",
                    {
                        "label": label,
                        "nature": nature,
                        "nature_name": shared.codes.natures.get(nature, ""),
                        "expected": "、".join(f"{n}（{shared.codes.natures.get(n, '')}）" for n in expected),
                    },
                )
            )
    elif kind == "yesno":
        parsed = F.yes_no(s)
        if parsed is None:
            out.append(problem(key, "not-an-option", {"label": label, "value": value}))
            return None
    elif kind == "choice":
        if spec.get("options") and not spec.get("other_option") and s not in spec["options"]:
            out.append(problem(key, "not-an-option", {"label": label, "value": value}))
            return None
    if kind in ("text", "textarea", "choice", "phone"):
        length = len(s)
        if spec.get("min_length") is not None and length < spec["min_length"]:
            out.append(problem(key, "too-short", {"label": label, "min_length": spec["min_length"], "length": length}))
            return None
        if spec.get("max_length") is not None and length > spec["max_length"]:
            out.append(problem(key, "too-long", {"label": label, "max_length": spec["max_length"], "length": length}))
            return None
    if spec.get("pattern") and kind in ("text", "textarea", "phone", "choice", "date", "time", "number", "integer"):
        if not re.fullmatch(spec["pattern"], s, re.ASCII):
            message = spec.get("pattern_message") or "请按说明的格式填写。"
            out.append(problem(key, "pattern", {"label": label, "pattern_message": message}))
            return None
    return parsed


def _check_table(spec: dict, raw, env: Env, rules: dict, out: list) -> list | None:
    """Check a repeating table; return its non-blank rows as (index, parsed cells)."""
    fid, label = spec["id"], quote(spec["label"])
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        out.append(problem(fid, "wrong-type", {"label": label, "expected": EXPECTED["table"]}))
        return None
    rows = []
    for i, row in enumerate(raw):
        if not isinstance(row, dict):
            out.append(problem(f"{fid}[{i}]", "wrong-type", {"label": f"{label}第 {i + 1} 行", "expected": EXPECTED["row"]}))
            return None
        if all(_is_blank(row.get(c["id"])) for c in spec["columns"]):
            continue
        rows.append((i, row))
    count = len(rows)
    min_rows = spec.get("min_rows") or (1 if spec.get("required") else 0)
    if count == 0 and spec.get("required"):
        out.append(problem(fid, "required", {"label": label}))
    elif count < min_rows:
        out.append(problem(fid, "too-few-rows", {"label": label, "min_rows": min_rows, "rows": count}))
    elif spec.get("max_rows") is not None and count > spec["max_rows"]:
        out.append(problem(fid, "too-many-rows", {"label": label, "max_rows": spec["max_rows"], "rows": count}))
    parsed_rows = []
    for i, row in rows:
        cells: dict = {"#": i}
        for col in spec["columns"]:
            key = f"{fid}[{i}].{col['id']}"
            cells[col["id"]] = _check_scalar(col, row.get(col["id"]), key, cell_label(spec["label"], i, col["label"]), env, rules, out)
        parsed_rows.append(cells)
    return parsed_rows


def _kind(v) -> str:
    """What a JSON value is, in words (same as kindOf() in JS)."""
    if v is None:
        return "空值"
    if isinstance(v, list):
        return "列表"
    if isinstance(v, bool):
        return "真假值"
    if isinstance(v, (int, float)):
        return "数字"
    if isinstance(v, str):
        return "文字"
    return "对象"


def check(form_rules: dict, values, shared: Shared | None = None, today: str | None = None) -> list[dict]:
    """Check one filled form against its compiled rules.

    Args:
        form_rules: one entry of the compiled rules (see compile.compile_form).
        values: field id -> answer, as described in the module docstring.
        shared: calendar, archive code lists and spellings; read from the
            library and data/ when omitted.
        today: ``YYYY-MM-DD`` of the day of checking (dates in the future,
            plausible years, year-less dates); the computer's date when omitted.

    Returns:
        Problems in form order, each ``{field, code, severity, message}``.
    """
    shared = shared or default_shared()
    if not isinstance(values, dict):
        return [problem("", "damaged", {"detail": f"内容应是“字段: 值”的对象，实际是{_kind(values)}"})]
    env = _env(form_rules, values, shared, today)
    out: list[dict] = []
    fields = {f["id"]: f for f in form_rules["fields"]}
    parsed: dict = {}
    for f in form_rules["fields"]:
        raw = values.get(f["id"])
        if f["type"] == "table":
            parsed[f["id"]] = _check_table(f, raw, env, form_rules, out)
        else:
            parsed[f["id"]] = _check_scalar(f, raw, f["id"], quote(f["label"]), env, form_rules, out)
    for c in form_rules.get("checks", []):
        run_check(c, fields, parsed, env, form_rules, out)
    return out


def _env(form_rules: dict, values, shared: Shared, today: str | None) -> Env:
    day = N.days(dt.date.fromisoformat(today) if today else dt.date.today())
    return Env(shared, day, reference_day(form_rules, values, shared.spellings, day))


def normalised_values(form_rules: dict, values: dict, shared: Shared | None = None, today: str | None = None) -> dict:
    """``values`` with every readable number, date, time and phone written the
    standard way (what the form page shows after leaving each field); answers
    that cannot be read are left as typed."""
    shared = shared or default_shared()
    env = _env(form_rules, values, shared, today)

    def one(spec, raw):
        if not isinstance(raw, str) or not F.trim(raw):
            return raw
        reading = read(spec, F.trim(raw), env)
        return reading.text if reading is not None and reading.text is not None else raw

    out = dict(values)
    for f in form_rules["fields"]:
        raw = values.get(f["id"])
        if f["type"] == "table" and isinstance(raw, list):
            cols = {c["id"]: c for c in f["columns"]}
            out[f["id"]] = [{k: one(cols[k], v) if k in cols else v for k, v in row.items()} if isinstance(row, dict) else row for row in raw]
        elif f["type"] != "table" and f["id"] in values:
            out[f["id"]] = one(f, raw)
    return out


_DEFAULT: list[Shared] = []


def load_spellings(path) -> dict:
    """The spellings table as a plain dict (the same JSON the browser gets)."""
    import yaml

    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def default_shared() -> Shared:
    """Calendar (library plus data/calendar/) and code lists from this checkout's data/."""
    if not _DEFAULT:
        import csv
        from pathlib import Path

        from generator.calendar_years import project_calendar

        root = Path(__file__).resolve().parents[2]
        tables = root / "data" / "tables"

        def rows(name):
            with open(tables / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
                return list(csv.DictReader(fh))

        codes = archive_code.from_rows(rows("towns"), rows("archive_areas"), rows("archive_natures"))
        _DEFAULT.append(Shared(project_calendar(root)[0], codes, load_spellings(tables.parent / "input" / "spellings.yaml")))
    return _DEFAULT[0]
