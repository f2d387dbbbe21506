"""An XLSX workbook → a form definition, with every cell's place remembered.

Reading never stops at a bad cell: it records a problem located by sheet, row
and column and goes on, so the editor sees every mistake at once. The schema
and the build's own checks then run on the result (``generator.forms.sheet.check``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from openpyxl.utils import get_column_letter

from generator.forms.sheet.spec import (
    NO, NONE_WORD, SECTION_ROW, SOURCE_KEY, SHEET_CHECKS, SHEET_COLUMNS, SHEET_FIELDS, SHEET_INFO, SHEET_OPTIONS, SHEETS, YES, Col,
    check_cols, column_cols, field_cols, info_rows, option_cols, section_keys,
)
from generator.problems import Problem, problem, suggest

TRUE_WORDS = {YES, "true", "TRUE", "True", "Y", "y", "1", "√", "✓"}
FALSE_WORDS = {NO, "false", "FALSE", "False", "N", "n", "0", "×"}


@dataclass(frozen=True)
class Cell:
    """Where a value came from: sheet, 1-based row, column letter and header."""

    sheet: str
    row: int
    column: str = ""
    header: str = ""

    def location(self) -> str:
        text = f"工作表“{self.sheet}”第 {self.row} 行"
        if self.column:
            text += f"，{self.column} 列（{self.header}）"
        elif self.header:
            text += f"，“{self.header}”列"
        return text


@dataclass
class Reading:
    """What reading found: the form mapping, each key path's cell, and problems."""

    file: str
    data: dict = field(default_factory=dict)
    cells: dict[str, Cell] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    headers: dict[tuple[str, str], Cell] = field(default_factory=dict)
    source: str | None = None  # the form id the workbook was exported from

    def bad(self, cell: Cell, detail: str, hint: str) -> None:
        self.problems.append(problem("sheet-cell", self.file, cell.location(), line=cell.row, detail=detail, hint=hint))


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def convert(col: Col, value: Any, cell: Cell, reading: Reading) -> Any:
    """One cell's value as the YAML value its key expects; a problem when it cannot be."""
    if col.kind == "any":
        if isinstance(value, str):
            return value.strip()
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if col.kind == "boolean":
        if isinstance(value, bool):
            return value
        text = _text(value)
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        reading.bad(cell, f"“{col.header}”只能填“是”或“否”，现在是“{text}”。", "从下拉列表选“是”或“否”；不需要时空着。")
        return text
    if col.kind in ("integer", "number"):
        if isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            try:
                value = float(value.strip().replace("，", ".").replace("。", "."))
            except ValueError:
                want = "整数" if col.kind == "integer" else "数字"
                reading.bad(cell, f"“{col.header}”要填{want}，现在是“{value.strip()}”。", f"只填阿拉伯数字，如 5；单位写在“单位”列。")
                return value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if col.kind == "integer" and isinstance(value, float):
            reading.bad(cell, f"“{col.header}”要填整数，现在是 {value}。", "去掉小数部分。")
        return value
    if col.kind == "enum":
        text = _text(value)
        by_word = {str(w): v for v, w in col.words}
        if text in by_word:
            return by_word[text]
        if text in col.choices:
            return text
        reading.bad(cell, f"“{col.header}”填的“{text}”不是可选的值。", suggest(text, col.dropdown()) + "请从下拉列表里选。")
        return text
    if col.kind == "list":
        if _text(value) in (NONE_WORD, "无", "[]"):
            return []
        items = [line.strip() for line in str(value).replace("\r", "\n").split("\n") if line.strip()]
        if col.choices:
            by_word = {str(w): v for v, w in col.words}
            items = [by_word.get(i, i) for i in items]
        return items
    if col.kind == "yaml":
        try:
            return yaml.safe_load(str(value))
        except yaml.YAMLError as exc:
            reading.bad(cell, f"“{col.header}”写法有误：{exc}", "照导出时的写法填写（[a, b] 或 {键: 值}）。")
            return str(value)
    return _text(value) if not isinstance(value, str) else value.strip()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(ws, cols: list[Col], reading: Reading) -> list[tuple[int, dict[str, tuple[Any, Cell, Col]]]]:
    """The sheet's rows as {key: (raw value, cell, col)}, located by header text.

    Headers are matched by their Chinese text or by the key itself; an unknown
    header is a problem (its column would otherwise be lost silently).
    """
    by_header = {c.header: c for c in cols} | {c.key: c for c in cols}
    positions: dict[int, Col] = {}
    for cell in ws[1]:
        if _blank(cell.value):
            continue
        text = _text(cell.value)
        col = by_header.get(text)
        where = Cell(ws.title, 1, get_column_letter(cell.column), text)
        if col is None:
            reading.problems.append(problem(
                "sheet-structure", reading.file, where.location(), line=1,
                detail=f"不认识的列标题“{text}”。", hint=suggest(text, [c.header for c in cols]) + "改回原来的列标题，或删除这一列。",
            ))
            continue
        positions[cell.column] = col
        reading.headers[(ws.title, col.key)] = where
    rows = []
    for row in ws.iter_rows(min_row=2):
        values = {}
        for cell in row:
            col = positions.get(cell.column)
            if col is None or _blank(cell.value):
                continue
            values[col.key] = (cell.value, Cell(ws.title, cell.row, get_column_letter(cell.column), col.header), col)
        if values:
            rows.append((row[0].row, values))
    return rows


def _take(values: dict, reading: Reading, path: str, keys: list[str] | None = None) -> dict:
    """Converted values of one row, and their cells recorded under ``path``."""
    out: dict = {}
    for key, (raw, cell, col) in values.items():
        if keys is not None and key not in keys:
            continue
        out[key] = convert(col, raw, cell, reading)
        reading.cells[f"{path}.{key}"] = cell
    return out


def _info(wb, schema: dict, reading: Reading) -> None:
    ws = wb[SHEET_INFO]
    rows = info_rows(schema)
    by_key = {c.key: c for c in rows}
    by_header = {c.header: c for c in rows}
    for row in ws.iter_rows(min_row=2):
        cells = {c.column: c for c in row}
        label, value, key = (cells.get(i).value if cells.get(i) else None for i in (1, 2, 4))
        if not _blank(key) and _text(key) == SOURCE_KEY:
            reading.source = None if _blank(value) else _text(value)
            continue
        col = by_key.get(_text(key)) if not _blank(key) else None
        if col is None and not _blank(label):
            col = by_header.get(_text(label).removesuffix("（必填）"))
        rownum = row[0].row
        if col is None:
            if not _blank(value):
                reading.bad(Cell(SHEET_INFO, rownum, "A", "项目"), f"不认识的项目“{_text(label or key)}”。", suggest(_text(label or key), list(by_header)) + "不要改 A 列和 D 列。")
            continue
        cell = Cell(SHEET_INFO, rownum, "B", col.header)
        head, _, sub = col.key.partition(".")
        reading.cells[col.key] = cell
        reading.cells.setdefault(head, Cell(SHEET_INFO, rownum))
        reading.headers[(SHEET_INFO, col.key)] = cell
        if _blank(value):
            continue
        converted = convert(col, value, cell, reading)
        if sub:
            reading.data.setdefault(head, {})[sub] = converted
        else:
            reading.data[head] = converted


def _fields(wb, schema: dict, reading: Reading) -> dict[str, tuple[str, dict]]:
    """Sections and fields; returns field id → (key path, field mapping)."""
    cols = field_cols(schema)
    sections: list[dict] = []
    by_id: dict[str, tuple[str, dict]] = {}
    extra_section_keys = [k for k in section_keys(schema) if k not in ("title", "help")]
    for rownum, values in _table(wb[SHEET_FIELDS], cols, reading):
        raw_type = values.get("type", (None,))[0]
        if not _blank(raw_type) and _text(raw_type) == SECTION_ROW:
            si = len(sections)
            path = f"sections[{si}]"
            section: dict = {}
            reading.cells[path] = Cell(SHEET_FIELDS, rownum)
            for key, target in [("title", "label"), ("help", "help")] + [(k, k) for k in extra_section_keys]:
                if target in values:
                    raw, cell, col = values[target]
                    section[key] = convert(col, raw, cell, reading) if key != "title" else _text(raw)
                    reading.cells[f"{path}.{key}"] = cell
            for key in values:
                if key not in ("type", "label", "help", *extra_section_keys):
                    _, cell, _ = values[key]
                    reading.bad(cell, "分节行只填“名称”（分节标题）和“填写提示”（分节说明）。", "把这一格移到下面的字段行，或清空。")
            section["fields"] = []
            sections.append(section)
            continue
        if not sections:
            cell = Cell(SHEET_FIELDS, rownum, "", "")
            reading.bad(cell, "这一行字段前面没有“分节”行。", f"在它上面插入一行，“类型”选“{SECTION_ROW}”，“名称”填分节标题。")
            sections.append({"title": "", "fields": []})
            reading.cells["sections[0]"] = Cell(SHEET_FIELDS, rownum)
        si = len(sections) - 1
        fi = len(sections[si]["fields"])
        path = f"sections[{si}].fields[{fi}]"
        reading.cells[path] = Cell(SHEET_FIELDS, rownum)
        item = _take(values, reading, path)
        sections[si]["fields"].append(item)
        fid = item.get("id")
        if isinstance(fid, str) and fid not in by_id:
            by_id[fid] = (path, item)
    if sections:
        reading.data["sections"] = sections
    return by_id


def _columns(wb, schema: dict, reading: Reading, fields: dict[str, tuple[str, dict]]) -> dict[tuple[str, str], tuple[str, dict]]:
    cols = column_cols(schema)
    out: dict[tuple[str, str], tuple[str, dict]] = {}
    for rownum, values in _table(wb[SHEET_COLUMNS], cols, reading):
        if "table" not in values:
            reading.bad(Cell(SHEET_COLUMNS, rownum, "A", cols[0].header), "没有填这一列属于哪个表格字段。", "填“字段”表里类型为“表格”的字段编号。")
            continue
        raw, cell, _ = values["table"]
        parent = _text(raw)
        if parent not in fields:
            reading.bad(cell, f"“字段”表里没有编号为“{parent}”的字段。", suggest(parent, [k for k, (_, f) in fields.items() if f.get("type") == "table"] or list(fields)))
            continue
        fpath, field_map = fields[parent]
        columns = field_map.setdefault("columns", [])
        path = f"{fpath}.columns[{len(columns)}]"
        reading.cells[path] = Cell(SHEET_COLUMNS, rownum)
        item = _take(values, reading, path, [c.key for c in cols[1:]])
        columns.append(item)
        if isinstance(item.get("id"), str):
            out.setdefault((parent, item["id"]), (path, item))
    return out


def _options(wb, reading: Reading, fields: dict, columns: dict) -> None:
    cols = option_cols()
    for rownum, values in _table(wb[SHEET_OPTIONS], cols, reading):
        if "option" not in values:
            reading.bad(Cell(SHEET_OPTIONS, rownum, "C", cols[2].header), "这一行没有填选项文字。", "填上选项，或删除这一行。")
            continue
        raw, ocell, _ = values["option"]
        option = _text(raw)
        if "field" not in values:
            reading.bad(Cell(SHEET_OPTIONS, rownum, "A", cols[0].header), f"选项“{option}”没有填属于哪个字段。", "填单选或多选字段的编号。")
            continue
        fid = _text(values["field"][0])
        if "column" in values:
            cid = _text(values["column"][0])
            target = columns.get((fid, cid))
            if target is None:
                reading.bad(values["column"][1], f"表格字段“{fid}”没有编号为“{cid}”的列。", suggest(cid, [c for f, c in columns if f == fid]))
                continue
        else:
            target = fields.get(fid)
            if target is None:
                reading.bad(values["field"][1], f"“字段”表里没有编号为“{fid}”的字段。", suggest(fid, list(fields)))
                continue
        path, item = target
        options = item.setdefault("options", [])
        reading.cells[f"{path}.options[{len(options)}]"] = ocell
        reading.cells.setdefault(f"{path}.options", ocell)
        options.append(option)


def _checks(wb, schema: dict, reading: Reading) -> None:
    cols = check_cols(schema)
    checks = []
    for rownum, values in _table(wb[SHEET_CHECKS], cols, reading):
        path = f"checks[{len(checks)}]"
        reading.cells[path] = Cell(SHEET_CHECKS, rownum)
        checks.append(_take(values, reading, path))
    if checks:
        reading.data["checks"] = checks


def read_workbook(wb, schema: dict, file: str) -> Reading:
    """Read a workbook made by ``form_to_workbook`` (and edited by a person).

    Args:
        wb: An openpyxl workbook.
        schema: ``forms/form.schema.json``.
        file: The workbook's name, for problem locations.

    Returns:
        The form mapping, where each value came from, and the problems found.
    """
    reading = Reading(file=file)
    missing = [name for name in SHEETS if name not in wb.sheetnames]
    for name in missing:
        reading.problems.append(problem(
            "sheet-structure", file, f"工作表“{name}”", detail=f"缺少工作表“{name}”。",
            hint=f"工作簿要有这五张工作表：{'、'.join(SHEETS)}；用 form-to-xlsx 导出的文件为模板，不要改工作表名称。",
        ))
    if missing:
        return reading
    _info(wb, schema, reading)
    fields = _fields(wb, schema, reading)
    columns = _columns(wb, schema, reading, fields)
    _options(wb, reading, fields, columns)
    _checks(wb, schema, reading)
    return reading
