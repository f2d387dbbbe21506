"""A form definition → an XLSX workbook that Excel and WPS open and edit.

Five sheets (基本信息 / 字段 / 表格列 / 选项 / 检查规则), Chinese headers with
notes as comments, drop-down lists for types, 是/否 columns and every enum, and
drop-downs of the form's own field ids where a cell names a field.
"""

from __future__ import annotations

from typing import Any

import yaml
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from generator.forms.sheet.spec import (
    NO, NONE_WORD, SECTION_ROW, SOURCE_KEY, SHEET_CHECKS, SHEET_COLUMNS, SHEET_FIELDS, SHEET_INFO, SHEET_OPTIONS, YES, Col,
    check_cols, column_cols, field_cols, info_rows, kind_params, option_cols, section_keys,
)

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
MAX_ROWS = 500  # how far down drop-downs reach, so new rows get them too
# check parameters that name a field of this form (drop-down of the 字段 sheet's ids)
FIELD_REFS = {"first", "then", "total", "table", "field", "event_field", "done_field", "numerator", "denominator", "when"}


def cell_value(col: Col, value: Any) -> Any:
    """A YAML value as what the cell shows."""
    if value is None:
        return None
    if col.kind == "boolean" or (col.kind != "any" and isinstance(value, bool)):
        return YES if value else NO
    if col.kind == "list":
        return "\n".join(str(col.word(v)) for v in value) if value else NONE_WORD
    if col.kind == "enum":
        return col.word(value)
    if col.kind == "yaml":
        return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000).strip()
    return value


def _header(ws, cols: list[Col], notes: dict[str, str] | None = None) -> None:
    for i, col in enumerate(cols, start=1):
        cell = ws.cell(row=1, column=i, value=col.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        note = (notes or {}).get(col.key) or col.note
        cell.comment = Comment(f"{note}\n（键：{col.key}）" if note else f"键：{col.key}", "表格定义", width=260, height=120)
        ws.column_dimensions[get_column_letter(i)].width = max(8, min(40, 2.2 * len(col.header) + 4))
    ws.freeze_panes = "A2"


def _validate(ws, col_letter: str, values: list[str] | str, strict: bool, first_row: int = 2, last_row: int = MAX_ROWS) -> None:
    """A drop-down on one column. ``strict`` refuses other values; otherwise Excel only warns."""
    formula = values if isinstance(values, str) else '"' + ",".join(values) + '"'
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False, showErrorMessage=True)
    dv.errorStyle = "stop" if strict else "warning"
    dv.error = "请从下拉列表中选择。" if strict else "这个值不在列表里，确定要用吗？"
    dv.errorTitle = "取值不在列表中"
    ws.add_data_validation(dv)
    dv.add(f"{col_letter}{first_row}:{col_letter}{last_row}")


def _dropdowns(ws, cols: list[Col], refs: dict[str, str] | None = None, lists: dict[str, list[str]] | None = None) -> None:
    for i, col in enumerate(cols, start=1):
        letter = get_column_letter(i)
        if lists and col.key in lists:
            _validate(ws, letter, lists[col.key], strict=True)
        elif col.kind in ("enum", "boolean") and col.dropdown():
            _validate(ws, letter, col.dropdown(), strict=True)
        elif refs and col.key in refs:
            _validate(ws, letter, refs[col.key], strict=False)
        if col.kind in ("string", "list", "yaml"):
            ws.column_dimensions[letter].number_format = "@"  # keep 0101, 1/2 and 3em as typed


def _row(ws, row: int, cols: list[Col], item: dict) -> None:
    for i, col in enumerate(cols, start=1):
        value = cell_value(col, item.get(col.key))
        if value is not None:
            cell = ws.cell(row=row, column=i, value=value)
            if isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _info_sheet(wb: Workbook, schema: dict, data: dict) -> None:
    ws = wb.active
    ws.title = SHEET_INFO
    heads = [Col("item", "项目"), Col("value", "内容"), Col("note", "说明"), Col("key", "键")]
    for i, col in enumerate(heads, start=1):
        cell = ws.cell(row=1, column=i, value=col.header)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    ws.cell(row=1, column=2).comment = Comment("在这一列填写；“键”列供程序识别，请不要改。", "表格定义")
    for r, col in enumerate(info_rows(schema), start=2):
        head, _, sub = col.key.partition(".")
        value = (data.get(head) or {}).get(sub) if sub else data.get(head)
        required = head in schema.get("required", [])
        ws.cell(row=r, column=1, value=col.header + ("（必填）" if required else "")).font = Font(bold=required)
        cell = ws.cell(row=r, column=2, value=cell_value(col, value))
        cell.number_format = "@" if col.kind in ("string", "list", "yaml") else "General"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=r, column=3, value=col.note)
        ws.cell(row=r, column=4, value=col.key).font = Font(color="808080")
        if col.kind in ("enum", "boolean") and col.dropdown():
            _validate(ws, "B", col.dropdown(), strict=True, first_row=r, last_row=r)
    r = ws.max_row + 1
    grey = Font(color="808080")
    ws.cell(row=r, column=1, value="导出自").font = grey
    ws.cell(row=r, column=2, value=data.get("id")).font = grey
    ws.cell(row=r, column=3, value="导出时的表格编号，请不要改。用本表做模板新建表格时，只改上面的“表格编号”。").font = grey
    ws.cell(row=r, column=4, value=SOURCE_KEY).font = grey
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 50
    ws.column_dimensions["D"].width = 18
    ws.freeze_panes = "B2"


def _fields_sheet(wb: Workbook, schema: dict, data: dict) -> list[Col]:
    ws = wb.create_sheet(SHEET_FIELDS)
    cols = field_cols(schema)
    _header(ws, cols)
    type_col = next(c for c in cols if c.key == "type")
    # the 类型 drop-down also offers 分节 (a row that starts a section)
    _dropdowns(ws, cols, lists={"type": [SECTION_ROW] + type_col.dropdown()})
    by_key = {c.key: i for i, c in enumerate(cols, start=1)}
    row = 2
    for section in data.get("sections") or []:
        ws.cell(row=row, column=by_key["type"], value=SECTION_ROW)
        ws.cell(row=row, column=by_key["label"], value=section.get("title"))
        for key in section_keys(schema):
            if key != "title" and section.get(key) is not None:
                target = "help" if key == "help" else key
                ws.cell(row=row, column=by_key.get(target, by_key["help"]), value=section[key])
        for i in range(1, len(cols) + 1):
            ws.cell(row=row, column=i).fill = SECTION_FILL
            ws.cell(row=row, column=i).font = Font(bold=True)
        row += 1
        for field in section.get("fields") or []:
            _row(ws, row, cols, field)
            row += 1
    return cols


def _columns_sheet(wb: Workbook, schema: dict, data: dict) -> None:
    ws = wb.create_sheet(SHEET_COLUMNS)
    cols = column_cols(schema)
    _header(ws, cols)
    _dropdowns(ws, cols, {"table": f"'{SHEET_FIELDS}'!$A$2:$A${MAX_ROWS}"})
    row = 2
    for field in _fields(data):
        for column in field.get("columns") or []:
            _row(ws, row, cols, {"table": field["id"], **column})
            row += 1


def _options_sheet(wb: Workbook, data: dict) -> None:
    ws = wb.create_sheet(SHEET_OPTIONS)
    cols = option_cols()
    _header(ws, cols)
    _dropdowns(ws, cols, {"field": f"'{SHEET_FIELDS}'!$A$2:$A${MAX_ROWS}"})
    row = 2
    for field in _fields(data):
        for option in field.get("options") or []:
            _row(ws, row, cols, {"field": field["id"], "option": option})
            row += 1
        for column in field.get("columns") or []:
            for option in column.get("options") or []:
                _row(ws, row, cols, {"field": field["id"], "column": column["id"], "option": option})
                row += 1


def _checks_sheet(wb: Workbook, schema: dict, data: dict) -> None:
    ws = wb.create_sheet(SHEET_CHECKS)
    cols = check_cols(schema)
    params = kind_params(schema)
    kind = cols[0]
    notes = {"kind": kind.note + "\n" + "\n".join(f"{kind.word(k)}：{'、'.join(next((c.header for c in cols if c.key == p), p) for p in ps)}" for k, ps in params.items())}
    _header(ws, cols, notes)
    ref = f"'{SHEET_FIELDS}'!$A$2:$A${MAX_ROWS}"
    _dropdowns(ws, cols, {k: ref for k in FIELD_REFS})
    for row, check in enumerate(data.get("checks") or [], start=2):
        _row(ws, row, cols, check)


def _fields(data: dict) -> list[dict]:
    return [f for s in data.get("sections") or [] for f in s.get("fields") or []]


def form_to_workbook(data: dict, schema: dict) -> Workbook:
    """The workbook for one form definition (the mapping in ``forms/<id>.yaml``).

    Args:
        data: The form definition.
        schema: ``forms/form.schema.json``, which decides the sheets' columns.
    """
    wb = Workbook()
    _info_sheet(wb, schema, data)
    _fields_sheet(wb, schema, data)
    _columns_sheet(wb, schema, data)
    _options_sheet(wb, data)
    _checks_sheet(wb, schema, data)
    return wb
