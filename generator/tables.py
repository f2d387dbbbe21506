"""The Frictionless data package in data/: every CSV validated at each build.

Frictionless reports each bad cell with its row and field; we turn those into
our Problems so the editor sees file, row, column and a fix in Chinese.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from frictionless import Package, system

from generator.context import Context
from generator.problems import Problem, problem
from generator.yamlsrc import load_yaml

NAME = "tables"
FILE = "datapackage.yaml"

# Frictionless error type -> how to fix it, in plain Chinese.
FIXES = {
    "type-error": "把这个单元格改成该列要求的类型（{type}）。",
    "constraint-error": "这个值不满足该列的约束：{constraint}。",
    "missing-cell": "这一行少了单元格：检查是否漏了逗号。",
    "extra-cell": "这一行多了单元格：检查是否多了逗号，或文字里的逗号没有加引号。",
    "unique-error": "这一列的值必须唯一，改掉重复的那个。",
    "primary-key": "主键列的值必须唯一且不能为空。",
    "foreign-key": "这个值必须在被引用的表里存在，先在那张表里加上，或改成已有的值。",
    "blank-row": "删除空行。",
    "duplicate-label": "表头有重复的列名，改成不同的名字。",
    "incorrect-label": "表头和表结构里的字段名不一致，按 datapackage.yaml 改表头。",
    "missing-label": "表头缺少列，按 datapackage.yaml 补上。",
    "extra-label": "表头多出了列，删掉或在 datapackage.yaml 里声明。",
    "blank-label": "表头有空列名，补上名字。",
    "scheme-error": "找不到这个文件，检查 datapackage.yaml 里的 path。",
    "encoding-error": "文件请用 UTF-8 编码保存。",
}


@dataclass(frozen=True)
class Tables:
    """Rows of every resource, as lists of dicts of strings (typed by the schema)."""

    rows: dict[str, list[dict]]
    package: dict

    def resource(self, name: str) -> list[dict]:
        return self.rows[name]


_CONSTRAINTS = {
    "required": "必填",
    "unique": "不能与其他行重复",
    "pattern": "格式须匹配",
    "enum": "只能取",
    "minimum": "不能小于",
    "maximum": "不能大于",
    "minLength": "长度不能少于",
    "maxLength": "长度不能超过",
}


def _note_zh(note: str) -> str:
    """``constraint "enum" is "['a']"`` -> ``：不满足约束（只能取 ['a']）``."""
    import re

    m = re.match(r'constraint "(\w+)" is "(.*)"', note or "")
    if m:
        return f"：不满足约束（{_CONSTRAINTS.get(m.group(1), m.group(1))} {m.group(2)}）"
    if note and "type" in note:
        return f"：类型不对（{note}）"
    return f"：{note}" if note else ""


def _constraint_text(field) -> str:
    if field is None:
        return ""
    return "、".join(f"{_CONSTRAINTS.get(k, k)} {v}" for k, v in (field.constraints or {}).items() if v is not True or k != "required")


def _foreign_key_problem(error, rel_file: str, schema, package) -> Problem:
    """A foreign-key error names the column, the missing value and the table it
    must come from, with the nearest existing value as a suggestion."""
    from generator.problems import suggest

    names = list(error.field_names or [])
    cells = list(error.field_cells or [])
    columns = []
    for name in names:
        number = schema.field_names.index(name) + 1 if schema and name in schema.field_names else "?"
        field = schema.get_field(name) if schema and schema.has_field(name) else None
        columns.append(f"第 {number} 列（{name}{'·' + field.title if field and field.title else ''}）")
    ref = error.reference_name or ""
    ref_fields = list(error.reference_field_names or [])
    choices: list[str] = []
    try:
        target = package.get_resource(ref) if ref else None
        if target is not None and len(ref_fields) == 1:
            with target:
                choices = [str(r[ref_fields[0]]) for r in target.read_rows()]
    except Exception:  # a broken lookup table reports its own problems
        choices = []
    value = "、".join(cells)
    ref_path = next((r.path for r in package.resources if r.name == ref), ref)
    detail = f"单元格内容“{value}”在 {ref_path} 的 {'、'.join(ref_fields)} 列里找不到。"
    hint = FIXES["foreign-key"] + (suggest(value, choices) if choices else "")
    return problem("csv-cell", rel_file, "，".join([f"第 {error.row_number} 行", *columns]), line=error.row_number, detail=detail, hint=hint)


def validate(project_data: Path, root: Path) -> tuple[Tables | None, list[Problem]]:
    doc, problems = load_yaml(project_data / FILE, root)
    if doc is None:
        return None, problems
    descriptor = doc.data or {}
    with system.use_context(trusted=False):
        try:
            package = Package(descriptor, basepath=str(project_data))
        except Exception as exc:  # a malformed descriptor is an editor error, not a crash
            return None, [doc.at("bad-value", "resources", key="resources", value="…", detail=str(exc), hint="对照 Table Schema 规范检查 datapackage.yaml。")]
        reports = [(resource, resource.validate()) for resource in package.resources]
    for resource, report in reports:
        rel_file = (project_data / resource.path).relative_to(root).as_posix() if resource.path else FILE
        schema = resource.schema
        for error in (e for task in report.tasks for e in task.errors):
            field = None
            field_name = getattr(error, "field_name", None)
            if field_name and schema and schema.has_field(field_name):
                field = schema.get_field(field_name)
            row = getattr(error, "row_number", None)
            column = getattr(error, "field_number", None)
            if error.type == "foreign-key":
                problems.append(_foreign_key_problem(error, rel_file, schema, package))
                continue
            parts = []
            if row:
                parts.append(f"第 {row} 行")
            if field_name:
                parts.append(f"第 {column} 列（{field_name}{'·' + field.title if field and field.title else ''}）")
            fix = FIXES.get(error.type, "按 datapackage.yaml 中的表结构修改。").format(
                type=field.type if field else "", constraint=_constraint_text(field)
            )
            cell = getattr(error, "cell", None)
            detail = error.message if cell is None else f"单元格内容“{cell}”{_note_zh(error.note)}"
            problems.append(problem("csv-cell", rel_file, "，".join(parts), line=row, detail=detail, hint=fix))
    if problems:
        return None, problems
    rows = {}
    for resource in descriptor.get("resources", []):
        with open(project_data / resource["path"], encoding="utf-8-sig", newline="") as f:
            rows[resource["name"]] = list(csv.DictReader(f))
    return Tables(rows=rows, package=descriptor), []


def load(ctx: Context) -> tuple[Tables | None, list[Problem]]:
    return validate(ctx.project.data, ctx.project.root)
