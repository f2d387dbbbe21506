"""Check a form read from a workbook with the build's own rules, located by cell.

The JSON Schema and ``generator.forms.validate.semantic_problems`` run exactly as
in the build; ``SheetDoc`` stands in for the YAML document they normally
report against and turns each key path into 工作表、行、列 with a fix written
for someone editing the spreadsheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.forms.sheet.read import Cell, Reading
from generator.forms.sheet.spec import (
    SHEET_CHECKS, SHEET_COLUMNS, SHEET_FIELDS, SHEET_INFO, SHEET_OPTIONS, check_cols, column_cols, field_cols, info_rows,
)
from generator.forms.validate import build_form, schema_problems, semantic_problems
from generator.problems import ERROR, Problem, problem


def _parent(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rsplit(".", 1)[0] if "." in path else ""


def _last_key(path: str) -> str:
    return re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1]


@dataclass(frozen=True)
class SheetDoc:
    """Duck-types ``yamlsrc.YamlDoc`` (``file``, ``data``, ``line``, ``at``) for a workbook."""

    file: str
    data: dict
    cells: dict[str, Cell]
    headers: dict[tuple[str, str], Cell]
    words: dict[str, dict[str, str]]

    def cell(self, path: str, key: str | None = None) -> Cell:
        """The cell of ``path`` (or of ``path.key``); else the row it is on and the key's column."""
        full = f"{path}.{key}" if key and path else (key or path)
        if full in self.cells:
            return self.cells[full]
        name = key or _last_key(path)
        probe = path if key else _parent(path)
        while probe and probe not in self.cells:
            probe = _parent(probe)
        row = self.cells.get(probe) or Cell(SHEET_INFO, 1)
        header = self.words.get(row.sheet, {}).get(name)
        if header is None:
            return Cell(row.sheet, row.row)
        column = self.headers.get((row.sheet, name))
        return Cell(row.sheet, row.row, column.column if column else "", header)

    def line(self, path: str) -> int | None:
        return self.cell(path).row

    def where(self, path: str) -> str:
        """A key path as 工作表“…”第 N 行 (for 'see also' in messages)."""
        path = path.split("（", 1)[0]
        return self.cell(path).location() if path.startswith(("sections", "checks")) else path

    def at(self, code: str, path: str, **params) -> Problem:
        key = params.get("key")
        if code == "missing-key":
            cell = self.cell(path, key)
            what = self.words.get(cell.sheet, {}).get(key, key)
            if key in ("options", "columns"):
                cell = self.cell(path, "type")
            if key == "options":
                fid = _field_id(self.data, path)
                hint = f"在“{SHEET_OPTIONS}”工作表为字段“{fid}”的每个选项加一行（字段编号填 {fid}，选项列填选项文字），或把类型改成不需要选项的类型。"
                what = "选项"
            elif key == "columns":
                fid = _field_id(self.data, path)
                hint = f"在“{SHEET_COLUMNS}”工作表为表格字段“{fid}”的每一列加一行（所属表格字段填 {fid}）。"
                what = "表格列"
            elif key == "sections":
                hint = f"在“{SHEET_FIELDS}”工作表加一行“分节”，下面写字段。"
                cell = Cell(SHEET_FIELDS, 2)
                what = "分节和字段"
            elif key == "fields":
                hint = "在这个分节行下面至少写一个字段，或删除这一分节行。"
                what = "字段"
            else:
                hint = f"在这一格填写{what}。"
            return problem("sheet-missing-cell", self.file, cell.location(), line=cell.row, header=what, hint=hint)
        cell = self.cell(path)
        if key is not None and cell.header:
            params["key"] = cell.header
        if "other" in params and isinstance(params["other"], str):
            params["other"] = self.where(params["other"])
        p = problem(code, self.file, cell.location(), line=cell.row, **params)
        return p


def _early_problems(doc: SheetDoc) -> list[Problem]:
    """The build's checks that only run once the schema passes, done here first so
    that one import lists a duplicate id or a choice without options together with
    every other mistake."""
    out: list[Problem] = []
    seen: dict[str, str] = {}
    for si, section in enumerate(doc.data.get("sections") or []):
        for fi, f in enumerate(section.get("fields") or []):
            at = f"sections[{si}].fields[{fi}]"
            fid = f.get("id")
            if isinstance(fid, str) and fid in seen:
                out.append(doc.at("duplicate-id", f"{at}.id", kind="字段", value=fid, other=seen[fid]))
            elif isinstance(fid, str):
                seen[fid] = at
            if f.get("type") in ("choice", "multichoice") and not f.get("options") and not f.get("options_from"):
                out.append(doc.at("missing-key", at, key="options"))
            if f.get("type") == "table" and not f.get("columns"):
                out.append(doc.at("missing-key", at, key="columns"))
    return out


def _field_id(data: dict, path: str) -> str:
    m = re.match(r"sections\[(\d+)\]\.fields\[(\d+)\]", path)
    try:
        return data["sections"][int(m.group(1))]["fields"][int(m.group(2))].get("id", "") if m else ""
    except (IndexError, KeyError, TypeError):
        return ""


def _words(schema: dict) -> dict[str, dict[str, str]]:
    """Sheet → key → header, for naming a column in a message."""
    return {
        SHEET_INFO: {c.key: c.header for c in info_rows(schema)} | {c.key.split(".")[-1]: c.header for c in info_rows(schema) if "." in c.key},
        SHEET_FIELDS: {c.key: c.header for c in field_cols(schema)} | {"title": "名称"},
        SHEET_COLUMNS: {c.key: c.header for c in column_cols(schema)},
        SHEET_CHECKS: {c.key: c.header for c in check_cols(schema)},
    }


def check_reading(reading: Reading, schema: dict, rules=None, sources=None, handbook=None, others=None) -> list[Problem]:
    """Every problem of a form read from a workbook, cell problems first.

    Args:
        reading: What ``read_workbook`` returned.
        schema: ``forms/form.schema.json``.
        rules, sources: The build's loaded models (``None`` skips those checks).
        handbook: The handbook folder, to check ``procedure``.
        others: The other forms (``Forms``), to keep titles and aliases unique.
    """
    found = list(reading.problems)
    if any(p.code == "sheet-structure" and "缺少工作表" in p.message for p in found):
        return found
    doc = SheetDoc(reading.file, reading.data, reading.cells, reading.headers, _words(schema))
    found += _early_problems(doc)
    taken = {p.location for p in found}
    for p in schema_problems(doc, schema):
        if p.location not in taken:
            found.append(p)
            taken.add(p.location)
    if any(p.severity == ERROR for p in found):
        return found
    form = build_form(reading.data, f"forms/{reading.data['id']}.yaml")
    for p in semantic_problems(doc, form, form.id, rules, sources, handbook):
        if (p.code, p.location) not in {(q.code, q.location) for q in found}:
            found.append(p)
    if others is not None:
        names = {}
        for other in others:
            if other.id != form.id:
                for name in (other.title, *other.aliases):
                    names.setdefault(name, other.id)
        for key, name in [("title", form.title)] + [("aliases", a) for a in form.aliases]:
            if name in names:
                found.append(doc.at("duplicate-id", key, key=key, kind="表格名称或别名", value=name, other=f"forms/{names[name]}.yaml"))
    return found
