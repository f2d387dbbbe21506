"""Fill a form's Word template with the values a worker typed.

Contract (mirrored line for line by ``assets/sw-word.js``; the parity test in
site_tests/test_forms_word_fill.py runs both over every form's worked example):

- the template is the .docx that ``worddoc.template_bytes`` writes; each place a
  value goes is a ``<w:t>`` holding only a marker: ``⟦f:FIELD⟧`` for a field,
  ``⟦t:TABLE:COL⟧`` (``⟦t:TABLE:#⟧`` for the row number) in the one row of a table;
- the *spec* (``fill_spec``) is plain JSON data: how each field is written
  (its type, options, unit, lines) and how many rows each table has on paper;
- the values are what the page exports (``swForm.values``): strings, lists of
  ticked options, lists of row objects; ``<id>_other`` holds 其他 text.

Written text: trimmed; dates as 2026年3月5日 in the form's cells and 2026-03-05
in table cells (narrow columns); numbers, times and phones in half-width
characters; a unit after a number; choices as ☑/☐ before every option (as on
paper); line breaks kept as ``<w:br/>``. An empty field shows what the blank
paper shows. A table gets one row per entry, then blank rows up to the count
the paper form has. Pure: no files, no clock, no network.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from generator.forms.layout import W, table_blank
from generator.forms.model import Form
from generator.forms.webform import header_field

TICKED, UNTICKED = "\u2611", "\u2610"  # ☑ ☐
DOCUMENT = "word/document.xml"
OTHER_BLANK = "其他：＿＿＿＿"

_T = re.compile(r"<w:t(?: [^>]*)?>⟦([ft]):([^⟧<]*)⟧</w:t>")
_TR = re.compile(r"<w:tr[ >]")
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT = {"number", "integer", "phone", "time", "date", "archive_code"}


def field_marker(field_id: str) -> str:
    return f"⟦f:{field_id}⟧"


def row_marker(table_id: str, column: str) -> str:
    return f"⟦t:{table_id}:{column}⟧"


# ---- the spec: how each value is written, as data for Python and the browser --


def _options(f) -> list[str]:
    return ["是", "否"] if f.type == "yesno" else list(f.options)


def _field_spec(f) -> dict:
    spec = {"type": f.type}
    if f.type in ("choice", "multichoice", "yesno"):
        spec["options"] = _options(f)
        spec["other"] = bool(f.other_option)
    elif f.type == "textarea":
        spec["lines"] = f.blank_lines
    spec["unit"] = f.unit
    return spec


def _column_spec(c) -> dict:
    ticks = bool(table_blank(c))
    spec = {"type": c.type, "ticks": ticks}
    if ticks:
        spec["options"] = _options(c)
    return spec


def fill_spec(form: Form) -> dict:
    """Everything the filler needs to know about ``form`` besides the template."""
    fields, tables = {}, {}
    code = header_field(form)
    for f in ([code] if code is not None else []) + [f for f in form.fields if code is None or f.id != code.id]:
        if f.type == "signature":
            continue
        if f.type == "table":
            tables[f.id] = {"rows": f.blank_rows, "columns": {c.id: _column_spec(c) for c in f.columns}}
        else:
            fields[f.id] = _field_spec(f)
    return {"form": form.id, "fields": fields, "tables": tables}


# ---- one value → the text written in its place --------------------------------


def _text(v) -> str:
    if v is None or isinstance(v, (dict, list)):
        return ""
    return _BAD_XML.sub("", str(v).replace("\r\n", "\n").replace("\r", "\n")).strip()


def _compact(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _date(text: str, iso: bool) -> str:
    m = _DATE.match(_compact(text))
    if not m:
        return text
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return text
    return f"{y:04d}-{mo:02d}-{d:02d}" if iso else f"{y}年{mo}月{d}日"


def _ticks(options: list[str], value, other: bool, other_text: str, sep: str) -> str:
    chosen = [_text(x) for x in value] if isinstance(value, list) else [_text(value)]
    chosen = [x for x in chosen if x]
    parts = [(TICKED if o in chosen else UNTICKED) + o for o in options]
    parts += [TICKED + x for x in chosen if x not in options]
    if other:
        parts.append(TICKED + "其他：" + other_text if other_text else UNTICKED + OTHER_BLANK)
    return sep.join(parts)


def field_text(spec: dict, value, other_value) -> str:
    """What a field's cell says for ``value`` (``other_value``: its 其他 text)."""
    t = spec["type"]
    if t in ("choice", "multichoice", "yesno"):
        return _ticks(spec["options"], value, spec["other"], _text(other_value), W)
    text = _text(value)
    if t == "textarea":
        lines = text.split("\n") if text else []
        return "\n".join(lines + [""] * (spec["lines"] - len(lines)))
    if not text:
        return _empty(t, spec["unit"])
    if t == "date":
        return _date(text, iso=False)
    if t in _COMPACT:
        text = _compact(text)
    return text + spec["unit"] if spec["unit"] else text


def _empty(t: str, unit: str) -> str:
    if t == "date":
        return f"{W * 3}年{W * 2}月{W * 2}日"
    if t == "time":
        return f"{W * 2}时{W * 2}分"
    return W * 4 + unit if unit else ""


def cell_text(spec: dict, value) -> str:
    """What a table cell says for ``value``."""
    t = spec["type"]
    if t == "signature":
        return ""
    if spec["ticks"]:
        return _ticks(spec["options"], value, False, "", " ")
    text = _text(value)
    if t == "date":
        return _date(text, iso=True)
    return _compact(text) if t in _COMPACT else text


# ---- the template's XML → the filled XML ---------------------------------------


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _runs(text: str) -> str:
    """``<w:t>`` content for ``text``: one text element per line, ``<w:br/>`` between."""
    return "<w:br/>".join(f'<w:t xml:space="preserve">{_escape(line)}</w:t>' for line in text.split("\n"))


def _rows(values) -> list[dict]:
    rows = values if isinstance(values, list) else []
    return [r for r in rows if isinstance(r, dict) and any(_text(v) for v in r.values())]


def fill_xml(xml: str, spec: dict, values: dict) -> str:
    """The template's ``word/document.xml`` with every marker replaced."""
    values = values if isinstance(values, dict) else {}
    for table_id, table in spec["tables"].items():
        at = xml.find(f"⟦t:{table_id}:")
        if at < 0:
            continue
        start = [m.start() for m in _TR.finditer(xml, 0, at)][-1]
        end = xml.index("</w:tr>", at) + len("</w:tr>")
        template = xml[start:end]
        rows = _rows(values.get(table_id))
        out = []
        for n in range(max(len(rows), table["rows"])):
            row = rows[n] if n < len(rows) else {}

            def cell(m, row=row, n=n):
                key = m.group(2).split(":", 1)[1]
                if key == "#":
                    return _runs(str(n + 1))
                column = table["columns"].get(key)
                return _runs(cell_text(column, row.get(key)) if column else "")

            out.append(_T.sub(cell, template))
        xml = xml[:start] + "".join(out) + xml[end:]

    def field(m):
        spec_ = spec["fields"].get(m.group(2))
        if m.group(1) != "f" or spec_ is None:
            return _runs("")
        return _runs(field_text(spec_, values.get(m.group(2)), values.get(m.group(2) + "_other")))

    return _T.sub(field, xml)


def fill_docx(template: bytes, spec: dict, values: dict) -> bytes:
    """The filled .docx: the template's parts in their order, document.xml filled."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == DOCUMENT:
                data = fill_xml(data.decode("utf-8"), spec, values).encode("utf-8")
            dst.writestr(info.filename, data)
    return out.getvalue()
