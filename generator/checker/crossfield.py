"""Checks across fields (``checks:`` in forms/*.yaml): dates in order, at
most, not in the future, parts adding up, row products, counts, sums,
conditional answers, the adopted standards and deadlines.

Pure, like core.py, which calls :func:`run_check` once per check after reading
every answer; ``runCheck`` in js/formchecker.js is its line-by-line port.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.calendar_days import YearNotCovered
from generator.calendar_deadlines import due_date
from generator.checker import formats as F
from generator.checker.messages import COMPARISON, DATE_RELATION, fmt_num
from generator.checker.report import cell_label, has_problem, problem, quote

if TYPE_CHECKING:
    from generator.checker.core import Env


def _threshold(check: dict, domain: str) -> dict | None:
    by_domain = {t["domain"]: t for t in check["thresholds"]}
    return by_domain.get(domain) or by_domain.get("全部")


def _passes(value: float, t: dict) -> bool:
    return value >= t["value"] if t["comparison"] == ">=" else value > t["value"]


def run_check(c: dict, fields: dict, parsed: dict, env: Env, rules: dict, out: list) -> None:
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
                    "total_label": quote(fields[c["total"]]["label"]),
                    "total": fmt_num(total),
                    "table_label": quote(table["label"]),
                    "column_label": column["label"],
                    "sum": fmt_num(s),
                }
                out.append(problem(c["total"], "sum-mismatch", params, sev, custom))
    elif kind == "count":
        n, rows = parsed.get(c["field"]), parsed.get(c["table"])
        if isinstance(n, float) and isinstance(rows, list) and rows and n != len(rows):
            params = {"label": quote(fields[c["field"]]["label"]), "value": fmt_num(n), "table_label": quote(fields[c["table"]]["label"]), "rows": len(rows)}
            out.append(problem(c["field"], "count-mismatch", params, sev, custom))
    elif kind == "required_if":
        when = parsed.get(c["when"])
        equals = str(c["equals"]) if not isinstance(c["equals"], bool) else ("是" if c["equals"] else "否")
        if fields[c["when"]]["type"] == "yesno":
            equals = F.yes_no(equals) or equals
        hit = (equals in when) if isinstance(when, list) else (when == equals)
        target = c["field"]
        if hit and parsed.get(target) in (None, []) and not has_problem(out, target):
            params = {"when_label": quote(fields[c["when"]]["label"]), "equals": equals, "label": quote(fields[target]["label"])}
            out.append(problem(target, "required-if", params, sev, custom))
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
                "label": quote(fields[c["field"]]["label"]),
                "value": fmt_num(v),
                "unit": t.get("unit") or "",
                "scope": scope,
                "comparison": COMPARISON[t["comparison"]],
                "threshold": fmt_num(t["value"]),
                "source": t["source"],
                "note": note,
            }
            out.append(problem(c["field"], "below-standard", params, sev, custom))
        else:
            n, d = parsed.get(c["numerator"]), parsed.get(c["denominator"])
            if not isinstance(n, float) or not isinstance(d, float) or d <= 0:
                return
            ratio = n / d
            if _passes(ratio, t):
                return
            params = {
                "numerator_label": quote(fields[c["numerator"]]["label"]),
                "denominator_label": quote(fields[c["denominator"]]["label"]),
                "value": fmt_num(ratio * 100) + "%",
                "scope": scope,
                "comparison": COMPARISON[t["comparison"]],
                "threshold": fmt_num(t["value"] * 100) + "%",
                "source": t["source"],
                "note": note,
            }
            out.append(problem(c["numerator"], "ratio-below-standard", params, sev, custom))
    elif kind == "deadline":
        event, done = parsed.get(c["event_field"]), parsed.get(c["done_field"])
        if not isinstance(event, int) or not isinstance(done, int):
            return
        try:
            due = due_date(c["unit"], c["amount"], c["direction"], F.date_from_days(event), shared.calendar)
        except YearNotCovered as exc:
            out.append(problem(c["done_field"], "calendar-year-unknown", {"year": exc.year, "rule_title": c["title"]}))
            return
        due_days = (due - F.date_from_days(0)).days
        if c["unit"] == "working_day":
            # A count through a 暂定 year may move when the State Council publishes its notice.
            first, last = sorted((F.date_from_days(event).year, due.year))
            years = sorted(y for y in shared.calendar.provisional if first <= int(y) <= last)
            if years:
                params = {"rule_title": c["title"], "due": due.isoformat(), "years": "、".join(str(y) for y in years)}
                out.append(problem(c["done_field"], "deadline-provisional", params))
        if done > due_days:
            params = {
                "done_label": quote(fields[c["done_field"]]["label"]),
                "done": F.iso(done),
                "rule_text": c["text"],
                "due": due.isoformat(),
                "source": c["source"],
            }
            out.append(problem(c["done_field"], "deadline-missed", params, sev, custom))


# Checks that compare fields of the form, or with ``table:`` columns of each row.
SCOPED = ("date_order", "at_most", "not_future", "sum_fields", "product")


def _scopes(c: dict, fields: dict, parsed: dict):
    """(values, key, label, spec) per place check ``c`` applies: the form
    once, or each filled row of its ``table``; key/label/spec take a field id."""
    if not c.get("table"):
        yield parsed, (lambda n: n), (lambda n: quote(fields[n]["label"])), (lambda n: fields[n])
        return
    table = fields[c["table"]]
    cols = {col["id"]: col for col in table["columns"]}
    rows = parsed.get(c["table"])
    for cells in rows if isinstance(rows, list) else []:
        i = cells["#"]
        yield (
            cells,
            (lambda n, i=i: f"{table['id']}[{i}].{n}"),
            (lambda n, i=i: cell_label(table["label"], i, cols[n]["label"])),
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
            out.append(problem(key(c["then"]), "date-order", params, sev, custom))
    elif kind == "at_most":
        a, b = vals.get(c["field"]), vals.get(c["limit"])
        if _num(a) and _num(b) and a > b + 1e-9:
            params = {"label": label(c["field"]), "value": fmt_num(a), "limit_label": label(c["limit"]), "limit": fmt_num(b)}
            out.append(problem(key(c["field"]), "more-than-limit", params, sev, custom))
    elif kind == "not_future":
        v = vals.get(c["field"])
        if isinstance(v, int) and not isinstance(v, bool) and v > env.today:
            params = {"label": label(c["field"]), "value": F.iso(v), "today": F.iso(env.today)}
            out.append(problem(key(c["field"]), "date-in-future", params, sev, custom))
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
            out.append(problem(key(c["total"]), "sum-fields-mismatch" if kind == "sum_fields" else "product-mismatch", params, sev, custom))


def _show(spec: dict, parsed: int) -> str:
    """A parsed date (days) or time (minutes) written back as text."""
    if spec["type"] == "time":
        return f"{parsed // 60:02d}:{parsed % 60:02d}"
    return F.iso(parsed)
