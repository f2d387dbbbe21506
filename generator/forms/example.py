"""A worked example of any form, made from its definition: every field filled
with a value of its type that no other field of the form has, tables with a
few rows. The values have the shape the form page exports (``swForm.values``),
so tests can fill a page with them and look for each one in what comes out.
"""

from __future__ import annotations

from generator.forms.model import Column, Field, Form
from generator.forms.webform import header_field

TABLE_ROWS = 3


def _fit(text: str, f: Field | Column) -> str:
    return text[: f.max_length] if f.max_length else text


def _number(f: Field | Column, n: int, decimal: bool) -> str:
    low = f.min if f.min is not None else 0
    high = f.max if f.max is not None else low + 1000
    value = low + (n % max(int(high - low), 1)) if high > low else low
    value = min(max(value, low), high)
    return f"{value:g}.5" if decimal and value + 0.5 <= high else f"{int(value)}" if float(value).is_integer() else f"{value:g}"


def value_for(f: Field | Column, n: int):
    """A value of ``f``'s type; ``n`` makes it differ from its neighbours'."""
    t = f.type
    if t == "text":
        return _fit(f"例{n}{f.label}", f)
    if t == "textarea":
        return f"例{n}第一行：{f.label}\n例{n}第二行"
    if t == "date":
        return f"2026-{(n % 12) + 1:02d}-{(n % 27) + 1:02d}"
    if t == "time":
        return f"{8 + n % 10:02d}:{(n * 5) % 60:02d}"
    if t == "phone":
        return f"138{n:08d}"[-11:]
    if t == "archive_code":
        return "GC-CAB-C01-201301-WM"
    if t in ("number", "integer"):
        return _number(f, n, t == "number")
    if t == "yesno":
        return "是" if n % 2 else "否"
    if t == "choice":
        return f.options[n % len(f.options)] if f.options else ""
    if t == "multichoice":
        return list(f.options[:2])
    return ""


def worked_example(form: Form, rows: int = TABLE_ROWS) -> dict:
    """``{field id: value}`` for every field of ``form`` (signatures have none)."""
    values: dict = {}
    code = header_field(form)
    fields = ([code] if code is not None and form.field(code.id) is None else []) + list(form.fields)
    for n, f in enumerate(fields, start=1):
        if f.type == "signature":
            continue
        if f.type == "table":
            count = min(max(rows, f.min_rows or 0), f.max_rows or rows)
            values[f.id] = [
                {c.id: "" if c.type == "signature" else str(value_for(c, n * 10 + r)) for c in f.columns} for r in range(count)
            ]
            continue
        values[f.id] = value_for(f, n)
        if getattr(f, "other_option", False):
            values[f"{f.id}_other"] = f"例{n}其他"
    return values
