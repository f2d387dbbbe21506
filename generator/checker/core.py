"""The form checker: ``check(form_rules, values) -> [{field, code, severity, message}]``.

Pure: no files, no clock, no network. ``form_rules`` is the JSON compiled from
a form definition and data/ by :mod:`generator.checker.compile`; ``values`` is
what ``window.swForm.values(form)`` returns (or an exported JSON file's
``values``). ``js/formchecker.js`` is a line-by-line port of this module; the
parity test requires identical output for every case file.

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
from generator.calendar_days import CalendarData, YearNotCovered
from generator.calendar_deadlines import due_date
from generator.checker import formats as F
from generator.checker import normalise as N
from generator.checker.messages import COMPARISON, DATE_RELATION, MESSAGES, SEVERITY, fmt, fmt_num

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


# For these the generated text names the rule and its source, so a custom
# message from the form definition is put in front of it instead of replacing it.
CITING = {"below-standard", "ratio-below-standard", "deadline-missed"}


def _problem(field: str, code: str, params: dict, severity: str | None = None, template: str | None = None) -> dict:
    message = fmt(MESSAGES[code], params)
    if template:
        message = fmt(template, params) + (message if code in CITING else "")
    return {
        "field": field,
        "code": code,
        "severity": severity or SEVERITY[code],
        "message": message,
    }


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


def _q(label: str) -> str:
    return f"“{label}”"


def _cell_label(table_label: str, row: int, col_label: str) -> str:
    return f"“{table_label}”第 {row + 1} 行的“{col_label}”"


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
            out.append(_problem(key, "wrong-type", {"label": label, "expected": EXPECTED["list"]}))
            return None
        items = [F.trim(x) for x in raw if F.trim(x)]
        if not items:
            if spec.get("required"):
                out.append(_problem(key, "required", {"label": label}))
            return []
        if spec.get("options") and not spec.get("other_option"):
            for item in items:
                if item not in spec["options"]:
                    out.append(_problem(key, "not-an-option", {"label": label, "value": F.clip(item)}))
                    return None
        return items
    if isinstance(raw, bool) and kind != "yesno":
        out.append(_problem(key, "wrong-type", {"label": label, "expected": EXPECTED["text"]}))
        return None
    s = _text(raw)
    if s is None:
        out.append(_problem(key, "wrong-type", {"label": label, "expected": EXPECTED["text"]}))
        return None
    if s == "":
        if spec.get("required"):
            out.append(_problem(key, "required", {"label": label}))
        return None
    value = F.clip(s)
    parsed: object = s
    reading = read(spec, s, env)
    if reading is not None:
        if reading.problem:
            params = {"label": label, "value": value, "unit": spec.get("unit", ""), **dict(reading.detail)}
            out.append(_problem(key, reading.problem, params))
            return None
        parsed, s = reading.value, reading.text
        if reading.note:
            out.append(_problem(key, reading.note, {"label": label, "value": s, **dict(reading.detail)}))
    if kind in ("number", "integer"):
        unit = spec.get("unit", "")
        if spec.get("min") is not None and parsed < spec["min"]:
            out.append(_problem(key, "too-small", {"label": label, "min": fmt_num(spec["min"]), "value": s, "unit": unit}))
            return None
        if spec.get("max") is not None and parsed > spec["max"]:
            out.append(_problem(key, "too-large", {"label": label, "max": fmt_num(spec["max"]), "value": s, "unit": unit}))
            return None
    elif kind == "phone":
        if not F.is_phone(s):
            out.append(_problem(key, "invalid-phone", {"label": label, "value": value}))
            return None
    elif kind == "archive_code":
        reasons = archive_code.problems(s, shared.codes)
        if reasons:
            out.append(_problem(key, "invalid-archive-code", {"label": label, "detail": "；".join(reasons)}))
            return None
        nature = archive_code.parts(s)["nature"]
        expected = rules.get("archive_natures") or []
        if expected and nature not in expected:
            out.append(
                _problem(
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
            out.append(_problem(key, "not-an-option", {"label": label, "value": value}))
            return None
    elif kind == "choice":
        if spec.get("options") and not spec.get("other_option") and s not in spec["options"]:
            out.append(_problem(key, "not-an-option", {"label": label, "value": value}))
            return None
    if kind in ("text", "textarea", "choice", "phone"):
        length = len(s)
        if spec.get("min_length") is not None and length < spec["min_length"]:
            out.append(_problem(key, "too-short", {"label": label, "min_length": spec["min_length"], "length": length}))
            return None
        if spec.get("max_length") is not None and length > spec["max_length"]:
            out.append(_problem(key, "too-long", {"label": label, "max_length": spec["max_length"], "length": length}))
            return None
    if spec.get("pattern") and kind in ("text", "textarea", "phone", "choice", "date", "time", "number", "integer"):
        if not re.fullmatch(spec["pattern"], s, re.ASCII):
            message = spec.get("pattern_message") or "请按说明的格式填写。"
            out.append(_problem(key, "pattern", {"label": label, "pattern_message": message}))
            return None
    return parsed


def _check_table(spec: dict, raw, env: Env, rules: dict, out: list) -> list | None:
    """Check a repeating table; return its non-blank rows as (index, parsed cells)."""
    fid, label = spec["id"], _q(spec["label"])
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        out.append(_problem(fid, "wrong-type", {"label": label, "expected": EXPECTED["table"]}))
        return None
    rows = []
    for i, row in enumerate(raw):
        if not isinstance(row, dict):
            out.append(_problem(f"{fid}[{i}]", "wrong-type", {"label": f"{label}第 {i + 1} 行", "expected": EXPECTED["row"]}))
            return None
        if all(_is_blank(row.get(c["id"])) for c in spec["columns"]):
            continue
        rows.append((i, row))
    count = len(rows)
    min_rows = spec.get("min_rows") or (1 if spec.get("required") else 0)
    if count == 0 and spec.get("required"):
        out.append(_problem(fid, "required", {"label": label}))
    elif count < min_rows:
        out.append(_problem(fid, "too-few-rows", {"label": label, "min_rows": min_rows, "rows": count}))
    elif spec.get("max_rows") is not None and count > spec["max_rows"]:
        out.append(_problem(fid, "too-many-rows", {"label": label, "max_rows": spec["max_rows"], "rows": count}))
    parsed_rows = []
    for i, row in rows:
        cells: dict = {"#": i}
        for col in spec["columns"]:
            key = f"{fid}[{i}].{col['id']}"
            cells[col["id"]] = _check_scalar(col, row.get(col["id"]), key, _cell_label(spec["label"], i, col["label"]), env, rules, out)
        parsed_rows.append(cells)
    return parsed_rows


def _threshold(check: dict, domain: str) -> dict | None:
    by_domain = {t["domain"]: t for t in check["thresholds"]}
    return by_domain.get(domain) or by_domain.get("全部")


def _passes(value: float, t: dict) -> bool:
    return value >= t["value"] if t["comparison"] == ">=" else value > t["value"]


def _run_check(c: dict, fields: dict, parsed: dict, env: Env, rules: dict, out: list) -> None:
    shared = env.shared
    kind = c["kind"]
    custom = c.get("message")
    sev = c.get("severity")
    if kind in SCOPED:
        for vals, key, label, spec in _scopes(c, fields, parsed):
            _run_scoped(c, vals, key, label, spec, env, out)
    if kind == "sum":
        total, rows = parsed.get(c["total"]), parsed.get(c["table"])
        if isinstance(total, float) and isinstance(rows, list) and rows:
            s = 0.0
            for cells in rows:
                v = cells.get(c["column"])
                if isinstance(v, float):
                    s += v
            if abs(s - total) > 0.005:
                table = fields[c["table"]]
                column = next(col for col in table["columns"] if col["id"] == c["column"])
                params = {
                    "total_label": _q(fields[c["total"]]["label"]),
                    "total": fmt_num(total),
                    "table_label": _q(table["label"]),
                    "column_label": column["label"],
                    "sum": fmt_num(s),
                }
                out.append(_problem(c["total"], "sum-mismatch", params, sev, custom))
    elif kind == "count":
        n, rows = parsed.get(c["field"]), parsed.get(c["table"])
        if isinstance(n, float) and isinstance(rows, list) and rows and n != len(rows):
            params = {"label": _q(fields[c["field"]]["label"]), "value": fmt_num(n), "table_label": _q(fields[c["table"]]["label"]), "rows": len(rows)}
            out.append(_problem(c["field"], "count-mismatch", params, sev, custom))
    elif kind == "required_if":
        when = parsed.get(c["when"])
        equals = str(c["equals"]) if not isinstance(c["equals"], bool) else ("是" if c["equals"] else "否")
        if fields[c["when"]]["type"] == "yesno":
            equals = F.yes_no(equals) or equals
        hit = (equals in when) if isinstance(when, list) else (when == equals)
        target = c["field"]
        if hit and parsed.get(target) in (None, []) and not _has_problem(out, target):
            params = {"when_label": _q(fields[c["when"]]["label"]), "equals": equals, "label": _q(fields[target]["label"])}
            out.append(_problem(target, "required-if", params, sev, custom))
    elif kind in ("standard", "ratio"):
        domain_field = rules.get("domain_field")
        domain = parsed.get(domain_field) if domain_field else None
        t = _threshold(c, domain if isinstance(domain, str) else "")
        if t is None:
            return
        scope = f"{t['domain']}领域的" if t["domain"] != "全部" else "本手册采用的"
        note = t.get("note") or ""
        if kind == "standard":
            v = parsed.get(c["field"])
            if not isinstance(v, float) or _passes(v, t):
                return
            params = {
                "label": _q(fields[c["field"]]["label"]),
                "value": fmt_num(v),
                "unit": t.get("unit") or "",
                "scope": scope,
                "comparison": COMPARISON[t["comparison"]],
                "threshold": fmt_num(t["value"]),
                "source": t["source"],
                "note": note,
            }
            out.append(_problem(c["field"], "below-standard", params, sev, custom))
        else:
            n, d = parsed.get(c["numerator"]), parsed.get(c["denominator"])
            if not isinstance(n, float) or not isinstance(d, float) or d <= 0:
                return
            ratio = n / d
            if _passes(ratio, t):
                return
            params = {
                "numerator_label": _q(fields[c["numerator"]]["label"]),
                "denominator_label": _q(fields[c["denominator"]]["label"]),
                "value": fmt_num(ratio * 100) + "%",
                "scope": scope,
                "comparison": COMPARISON[t["comparison"]],
                "threshold": fmt_num(t["value"] * 100) + "%",
                "source": t["source"],
                "note": note,
            }
            out.append(_problem(c["numerator"], "ratio-below-standard", params, sev, custom))
    elif kind == "deadline":
        event, done = parsed.get(c["event_field"]), parsed.get(c["done_field"])
        if not isinstance(event, int) or not isinstance(done, int):
            return
        try:
            due = due_date(c["unit"], c["amount"], c["direction"], F.date_from_days(event), shared.calendar)
        except YearNotCovered as exc:
            out.append(_problem(c["done_field"], "calendar-year-unknown", {"year": exc.year, "rule_title": c["title"]}))
            return
        due_days = (due - F.date_from_days(0)).days
        if done > due_days:
            params = {
                "done_label": _q(fields[c["done_field"]]["label"]),
                "done": F.iso(done),
                "rule_text": c["text"],
                "due": due.isoformat(),
                "source": c["source"],
            }
            out.append(_problem(c["done_field"], "deadline-missed", params, sev, custom))


# Checks that compare fields of the form, or with ``table:`` columns of each row.
SCOPED = ("date_order", "at_most", "not_future", "sum_fields", "product")


def _scopes(c: dict, fields: dict, parsed: dict):
    """(values, key, label, spec) per place check ``c`` applies: the form
    once, or each filled row of its ``table``; key/label/spec take a field id."""
    if not c.get("table"):
        yield parsed, (lambda n: n), (lambda n: _q(fields[n]["label"])), (lambda n: fields[n])
        return
    table = fields[c["table"]]
    cols = {col["id"]: col for col in table["columns"]}
    rows = parsed.get(c["table"])
    for cells in rows if isinstance(rows, list) else []:
        i = cells["#"]
        yield (
            cells,
            (lambda n, i=i: f"{table['id']}[{i}].{n}"),
            (lambda n, i=i: _cell_label(table["label"], i, cols[n]["label"])),
            (lambda n: cols[n]),
        )


def _num(v) -> bool:
    return isinstance(v, float)


def _run_scoped(c: dict, vals: dict, key, label, spec, env: Env, out: list) -> None:
    kind, custom, sev = c["kind"], c.get("message"), c.get("severity")
    if kind == "date_order":
        a, b = vals.get(c["first"]), vals.get(c["then"])
        allow_equal = bool(c.get("allow_equal", True))
        if isinstance(a, int) and isinstance(b, int) and (b < a or (b == a and not allow_equal)):
            params = {
                "first_label": label(c["first"]),
                "then_label": label(c["then"]),
                "first": _show(spec(c["first"]), a),
                "then": _show(spec(c["then"]), b),
                "relation": DATE_RELATION[allow_equal],
            }
            out.append(_problem(key(c["then"]), "date-order", params, sev, custom))
    elif kind == "at_most":
        a, b = vals.get(c["field"]), vals.get(c["limit"])
        if _num(a) and _num(b) and a > b + 1e-9:
            params = {"label": label(c["field"]), "value": fmt_num(a), "limit_label": label(c["limit"]), "limit": fmt_num(b)}
            out.append(_problem(key(c["field"]), "more-than-limit", params, sev, custom))
    elif kind == "not_future":
        v = vals.get(c["field"])
        if isinstance(v, int) and not isinstance(v, bool) and v > env.today:
            params = {"label": label(c["field"]), "value": F.iso(v), "today": F.iso(env.today)}
            out.append(_problem(key(c["field"]), "date-in-future", params, sev, custom))
    elif kind in ("sum_fields", "product"):
        total = vals.get(c["total"])
        parts = [vals.get(p) for p in c["part_ids"]]
        numbers = [p for p in parts if _num(p)]
        if not _num(total) or not numbers or (kind == "product" and len(numbers) < len(parts)):
            return
        if kind == "product":
            result = 1.0
            for p in numbers:
                result *= p
        else:
            result = 0.0
            for p in numbers:
                result += p
        if abs(result - total) > 0.005:
            joiner = "与" if len(parts) == 2 else "、"
            params = {
                "total_label": label(c["total"]),
                "total": fmt_num(total),
                "parts_label": joiner.join(label(p) for p in c["part_ids"]),
                "result": fmt_num(result),
            }
            out.append(_problem(key(c["total"]), "sum-fields-mismatch" if kind == "sum_fields" else "product-mismatch", params, sev, custom))


def _show(spec: dict, parsed: int) -> str:
    """A parsed date (days) or time (minutes) written back as text."""
    if spec["type"] == "time":
        return f"{parsed // 60:02d}:{parsed % 60:02d}"
    return F.iso(parsed)


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


def _has_problem(out: list, field: str) -> bool:
    return any(p["field"] == field for p in out)


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
        return [_problem("", "damaged", {"detail": f"内容应是“字段: 值”的对象，实际是{_kind(values)}"})]
    env = _env(form_rules, values, shared, today)
    out: list[dict] = []
    fields = {f["id"]: f for f in form_rules["fields"]}
    parsed: dict = {}
    for f in form_rules["fields"]:
        raw = values.get(f["id"])
        if f["type"] == "table":
            parsed[f["id"]] = _check_table(f, raw, env, form_rules, out)
        else:
            parsed[f["id"]] = _check_scalar(f, raw, f["id"], _q(f["label"]), env, form_rules, out)
    for c in form_rules.get("checks", []):
        _run_check(c, fields, parsed, env, form_rules, out)
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
    """Calendar from the library and code lists from this checkout's data/."""
    if not _DEFAULT:
        import csv
        from pathlib import Path

        from generator.calendar_days import from_library

        tables = Path(__file__).resolve().parents[2] / "data" / "tables"

        def rows(name):
            with open(tables / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
                return list(csv.DictReader(fh))

        codes = archive_code.from_rows(rows("towns"), rows("archive_areas"), rows("archive_natures"))
        _DEFAULT.append(Shared(from_library(), codes, load_spellings(tables.parent / "input" / "spellings.yaml")))
    return _DEFAULT[0]
