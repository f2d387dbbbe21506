"""Forms as spreadsheets (issue 20): every form round-trips through XLSX exactly,
and a broken sheet is refused with sheet, row and column, writing nothing.

The broken-sheet cases are data: (what the editor does, where the problem must be).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from generator.forms.sheet import _models, export_form, import_form
from generator.forms.sheet.check import check_reading
from generator.forms.sheet.read import read_workbook
from generator.forms.sheet.write import form_to_workbook
from generator.forms.validate import load_schema
from generator.forms.yamlout import dump_form
from generator.project import Project

ROOT = Path(__file__).resolve().parent.parent
FORMS = sorted((ROOT / "forms").glob("*.yaml"))


@pytest.fixture(scope="module")
def models():
    return _models(Project(ROOT))


@pytest.fixture()
def copy(tmp_path) -> Project:
    """A throwaway checkout: what an import may write to."""
    for name in ("data", "forms", "handbook"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return Project(tmp_path)


def _through_file(wb):
    """Save and reopen, as Excel would hand the file back."""
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return load_workbook(buf, data_only=True)


def test_every_form_round_trips_exactly(models):
    rules, sources, forms = models
    schema = load_schema(ROOT / "forms")
    assert len(FORMS) >= 74
    for path in FORMS:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        reading = read_workbook(_through_file(form_to_workbook(data, schema)), schema, path.stem + ".xlsx")
        assert check_reading(reading, schema, rules, sources, ROOT / "handbook", forms) == [], path.name
        assert reading.data == data, path.name
        assert dump_form(reading.data, text) == text, f"{path.name}: not byte-identical"
        assert yaml.safe_load(dump_form(reading.data)) == data, f"{path.name}: fresh YAML differs"


def test_workbook_has_five_sheets_chinese_headers_and_dropdowns(tmp_path):
    out = export_form(Project(ROOT), "case-opening-record", tmp_path / "f.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["基本信息", "字段", "表格列", "选项", "检查规则"]
    fields = wb["字段"]
    headers = [c.value for c in fields[1]]
    assert headers[:4] == ["编号", "名称", "类型", "必填"]
    assert all(c.comment is not None for c in fields[1])
    lists = [dv.formula1 for dv in fields.data_validations.dataValidation]
    assert any("单行文字" in f and "分节" in f for f in lists)
    assert any(f == '"是,否"' for f in lists)
    assert "男" in [r[2].value for r in wb["选项"].iter_rows(min_row=2)]
    assert any("日期先后" in (dv.formula1 or "") for dv in wb["检查规则"].data_validations.dataValidation)


def _edit(project: Project, form: str, tmp_path: Path, edits) -> Path:
    out = export_form(project, form, tmp_path / f"{form}.xlsx")
    wb = load_workbook(out)
    for sheet, row, header, value in edits:
        ws = wb[sheet]
        col = next(c.column for c in ws[1] if c.value == header)
        ws.cell(row=row, column=col).value = value
    wb.save(out)
    return out


def test_edited_label_and_new_choice_are_written_in_place(copy, tmp_path):
    before = (copy.forms / "case-opening-record.yaml").read_text(encoding="utf-8")
    path = _edit(copy, "case-opening-record", tmp_path, [("字段", 4, "名称", "服务对象姓名（全名）")])
    wb = load_workbook(path)
    options = wb["选项"]
    options.append(["gender", None, "不愿透露"])
    wb.save(path)
    result = import_form(copy, path)
    assert result.ok and result.written
    after = (copy.forms / "case-opening-record.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(after)
    fields = {f["id"]: f for s in data["sections"] for f in s["fields"]}
    assert fields["client_name"]["label"] == "服务对象姓名（全名）"
    assert fields["gender"]["options"] == ["男", "女", "不愿透露"]
    changed = [a for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(changed) == 2 and len(before.splitlines()) == len(after.splitlines())


# (what the editor does, sheet, row, column letter, problem code)
BROKEN = [
    ([("字段", 4, "类型", "文字框")], "字段", 4, "C", "sheet-cell"),
    ([("字段", 4, "名称", None)], "字段", 4, "B", "sheet-missing-cell"),
    ([("字段", 5, "编号", "client_name")], "字段", 5, "A", "duplicate-id"),
    ([("字段", 4, "类型", "单选")], "字段", 4, "C", "sheet-missing-cell"),
    ([("字段", 6, "最大值", "很多")], "字段", 6, "I", "sheet-cell"),
    ([("基本信息", 3, "内容", None)], "基本信息", 3, "B", "sheet-missing-cell"),
    ([("检查规则", 2, "先的日期字段", "no_such_field")], "检查规则", 2, "B", "unknown-reference"),
]


@pytest.mark.parametrize("edits,sheet,row,column,code", BROKEN)
def test_broken_sheet_is_refused_with_its_cell_and_nothing_written(copy, tmp_path, edits, sheet, row, column, code):
    before = {p.name: p.read_bytes() for p in copy.forms.iterdir()}
    path = _edit(copy, "case-opening-record", tmp_path, edits)
    result = import_form(copy, path)
    assert not result.ok and not result.written
    where = f"工作表“{sheet}”第 {row} 行，{column} 列"
    assert any(p.code == code and p.location.startswith(where) and p.hint for p in result.problems), [p.format() for p in result.problems]
    assert {p.name: p.read_bytes() for p in copy.forms.iterdir()} == before


def test_cli_lists_every_problem_and_exits_nonzero(copy, tmp_path):
    import subprocess
    import sys

    path = _edit(copy, "case-opening-record", tmp_path, [("字段", 4, "类型", "文字框"), ("字段", 5, "编号", "client_name"), ("字段", 6, "名称", None)])
    run = subprocess.run([sys.executable, "-m", "generator", "form-from-xlsx", str(path), "--root", str(copy.root)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    for where in ("第 4 行，C 列（类型）", "第 5 行，A 列（编号）", "第 6 行，B 列（名称）"):
        assert where in run.stderr
    assert "没有写入任何文件" in run.stderr


def test_keys_and_check_kinds_added_to_the_schema_round_trip_too():
    """The sheet layout follows the schema: a new field key and a new check kind get columns."""
    import copy as copying

    schema = copying.deepcopy(load_schema(ROOT / "forms"))
    schema["$defs"]["field"]["properties"]["inputmode"] = {"enum": ["numeric", "tel"], "description": "手机键盘"}
    check = schema["$defs"]["check"]
    check["properties"]["kind"]["enum"].append("plausible")
    check["oneOf"].append({
        "properties": {"kind": {"const": "plausible"}, "field": {"type": "string"}, "limit": {"type": "number"}, "message": {"type": "string"}},
        "required": ["field", "limit"], "additionalProperties": False,
    })
    data = yaml.safe_load((ROOT / "forms" / "case-opening-record.yaml").read_text(encoding="utf-8"))
    data["sections"][0]["fields"][4]["inputmode"] = "numeric"
    data["checks"].append({"kind": "plausible", "field": "age", "limit": 99.5})
    wb = _through_file(form_to_workbook(data, schema))
    assert "inputmode" in [c.value for c in wb["字段"][1]] and "limit" in [c.value for c in wb["检查规则"][1]]
    reading = read_workbook(wb, schema, "x.xlsx")
    assert reading.problems == [] and reading.data == data


def test_a_changed_id_never_overwrites_another_form(copy, tmp_path):
    before = (copy.forms / "case-plan.yaml").read_bytes()
    path = _edit(copy, "case-opening-record", tmp_path, [("基本信息", 2, "内容", "case-plan")])
    result = import_form(copy, path)
    assert not result.ok and not result.written
    assert any("工作表“基本信息”第 2 行，B 列" in p.location and "case-plan" in p.message for p in result.problems)
    assert (copy.forms / "case-plan.yaml").read_bytes() == before
