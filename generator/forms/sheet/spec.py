"""The workbook layout of a form, derived from ``forms/form.schema.json``.

Which key goes in which sheet and column comes from the schema, so a key or a
check kind added to the schema gets its own column without code changes. The
tables here only give known keys a Chinese header and known enum values a
Chinese word; an unknown key shows its own name and the schema's description.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SHEET_INFO = "基本信息"
SHEET_FIELDS = "字段"
SHEET_COLUMNS = "表格列"
SHEET_OPTIONS = "选项"
SHEET_CHECKS = "检查规则"
# 基本信息's last row: the id the workbook was exported from, so an import under a
# changed id never overwrites a different existing form.
SOURCE_KEY = "_exported_from"
SHEETS = (SHEET_INFO, SHEET_FIELDS, SHEET_COLUMNS, SHEET_OPTIONS, SHEET_CHECKS)

# The 类型 of a row in 字段 that starts a section instead of being a field.
SECTION_ROW = "分节"
YES, NO = "是", "否"
# A list cell holding this word means "explicitly none" (``signers: []``), not "not given".
NONE_WORD = "（无）"

TOP_WORDS = {
    "id": ("表格编号", "英文小写和短横线，与文件名相同，如 case-opening-record；导入后写入 forms/<编号>.yaml"),
    "title": ("表格名称", "本手册使用的表格名称"),
    "aliases": ("其他叫法", "来源文件里的其他名称，每行一个（单元格内换行：Alt+Enter）"),
    "category": ("分类", "从下拉列表选"),
    "also_in": ("也列在分类", "也列在这些分类下，每行一个"),
    "stage": ("流程步骤", "哪个流程步骤使用，如 接案、计划与审批"),
    "procedure": ("对应流程页", "手册中的流程页路径，如 case/intake.md"),
    "purpose": ("用途", "一两句话：这张表做什么用"),
    "sources": ("来源", "来源引用，每行一个，如 004 附件一 3"),
    "deadlines": ("时限规则", "data/rules/deadlines.yaml 中的规则编号，每行一个"),
    "signers": ("签名人", "每行一个，如 负责社工、督导；没有人签名写“（无）”"),
    "domain_field": ("服务领域字段", "记录服务领域的字段编号"),
    "print.orientation": ("打印方向", "纵向或横向"),
    "print.archive_code": ("页眉档案编码框", "打印版页眉是否有服务档案编码框"),
    "print.note": ("打印版表尾说明", "打印版表尾的填写说明"),
}

FIELD_WORDS = {
    "id": ("编号", "字段编号：小写字母开头，只用小写字母、数字、下划线；同一张表内不能重复。分节行不填"),
    "label": ("名称", "表上显示的名称；分节行填分节标题"),
    "type": ("类型", "从下拉列表选。选“分节”的行开始一个新分节，下面各行是这一节的字段"),
    "required": ("必填", "是 / 否（空着等于否）"),
    "help": ("填写提示", "显示在名称下面；分节行填分节说明"),
    "placeholder": ("输入框示例", "输入框里的灰色示例文字"),
    "unit": ("单位", "如 人、节、元"),
    "min": ("最小值", "数字"),
    "max": ("最大值", "数字"),
    "min_length": ("最少字数", "整数"),
    "max_length": ("最多字数", "整数"),
    "pattern": ("格式（正则）", "整串匹配的正则表达式"),
    "pattern_message": ("格式不符的提示", "不符合格式时显示的话"),
    "other_option": ("带“其他（请注明）”", "单选、多选是否带“其他（请注明）”"),
    "lines": ("打印行数", "多行文字打印时留的行数"),
    "width": ("宽度", "整行、半行或三分之一行"),
    "min_rows": ("最少行数", "表格至少几行"),
    "max_rows": ("最多行数", "表格最多几行"),
    "print_rows": ("打印空行数", "空白打印时表格留的行数"),
    "options_from": ("选项来自", "选项来自 data/ 的列表，如 termination_conditions"),
}

COLUMN_WORDS = {
    "table": ("所属表格字段", "这一列属于“字段”表里哪个表格字段（填它的编号）"),
    "id": ("列编号", "小写字母开头，只用小写字母、数字、下划线"),
    "label": ("列标题", "表头上显示的名称"),
    "width": ("打印列宽", "如 3em、20%"),
}

OPTION_WORDS = {
    "field": ("字段编号", "单选或多选字段的编号（表格列的选项：填表格字段的编号）"),
    "column": ("列编号", "只有表格列的选项才填：列的编号"),
    "option": ("选项", "一行一个选项，按显示顺序排列"),
}

CHECK_WORDS = {
    "kind": ("规则类型", "从下拉列表选；各类型要填的列见每列的批注"),
    "first": ("先的日期字段", "日期先后：较早的日期字段编号"),
    "then": ("后的日期字段", "日期先后：较晚的日期字段编号"),
    "allow_equal": ("可以同一天", "日期先后：两个日期相同算不算对"),
    "total": ("合计字段", "合计：放合计数的字段编号"),
    "table": ("表格字段", "合计、计数：表格字段编号"),
    "column": ("相加的列", "合计：表格里要相加的列编号"),
    "field": ("字段", "计数、来源标准、条件必填：字段编号"),
    "measure": ("标准名称", "来源标准、比例：标准的名称"),
    "severity": ("严重程度", "错误（必须改）或提醒"),
    "rule": ("时限规则", "时限：data/rules/deadlines.yaml 中的规则编号"),
    "event_field": ("起算日期字段", "时限：起算事件的日期字段"),
    "done_field": ("完成日期字段", "时限：完成日期字段"),
    "numerator": ("分子字段", "比例：分子字段编号"),
    "denominator": ("分母字段", "比例：分母字段编号"),
    "when": ("条件字段", "条件必填：看哪个字段"),
    "equals": ("条件取值", "条件必填：那个字段等于这个值时"),
    "message": ("提示语", "不符合时显示的话（可不填，用默认说法）"),
}

# enum value -> Chinese word shown in the drop-down; values not listed show as they are.
ENUM_WORDS = {
    "type": {
        "text": "单行文字", "textarea": "多行文字", "date": "日期", "time": "时间", "number": "数字", "integer": "整数",
        "choice": "单选", "multichoice": "多选", "yesno": "是否", "phone": "电话", "archive_code": "档案编码",
        "signature": "签名", "table": "表格",
    },
    "width": {"full": "整行", "half": "半行", "third": "三分之一行"},
    "print.orientation": {"portrait": "纵向", "landscape": "横向"},
    "kind": {
        "date_order": "日期先后", "sum": "合计", "count": "计数", "standard": "来源标准", "deadline": "时限",
        "ratio": "比例", "required_if": "条件必填",
    },
    "severity": {"error": "错误", "warning": "提醒"},
}


@dataclass(frozen=True)
class Col:
    """One key shown in one column (or, in 基本信息, one row).

    Args:
        key: The YAML key (dotted for ``print.*``).
        header: Chinese header.
        note: What to write, for the header's comment.
        kind: ``string``, ``integer``, ``number``, ``boolean``, ``list`` (of strings,
            one per line in the cell), ``enum``, ``any`` or ``yaml`` (anything else,
            written as YAML flow text).
        choices: For ``enum``: the allowed values.
        words: For ``enum``: value → Chinese word.
    """

    key: str
    header: str
    note: str = ""
    kind: str = "string"
    choices: tuple = ()
    words: tuple = ()

    def word(self, value: Any) -> Any:
        return dict(self.words).get(value, value)

    def dropdown(self) -> list[str]:
        if self.kind == "boolean":
            return [YES, NO]
        return [str(self.word(v)) for v in self.choices]


def _resolve(schema: dict, spec: dict) -> dict:
    while "$ref" in spec:
        spec = schema["$defs"][spec["$ref"].split("/")[-1]]
    return spec


def _col(schema: dict, key: str, spec: dict, words: dict, word_key: str | None = None) -> Col:
    spec = _resolve(schema, spec)
    header, note = words.get(key, (key, ""))
    note = note or spec.get("description", "")
    if "enum" in spec:
        table = ENUM_WORDS.get(word_key or key, {})
        return Col(key, header, note, "enum", tuple(spec["enum"]), tuple(table.items()))
    kind = spec.get("type")
    if kind == "array":
        inner = _resolve(schema, spec.get("items", {}))
        if "enum" in inner or inner.get("type") == "string":
            return Col(key, header, note, "list", tuple(inner.get("enum", ())))
        return Col(key, header, note, "yaml")
    if kind in ("string", "integer", "number", "boolean"):
        return Col(key, header, note, kind)
    return Col(key, header, note, "any" if not spec else "yaml")


def info_rows(schema: dict) -> list[Col]:
    """Rows of 基本信息: top-level keys (``print`` flattened), house order first."""
    from generator.forms.yamlout import TOP_ORDER

    props = schema["properties"]
    keys = [k for k in TOP_ORDER if k in props] + [k for k in props if k not in TOP_ORDER]
    out: list[Col] = []
    for key in keys:
        if key in ("sections", "checks"):
            continue
        spec = _resolve(schema, props[key])
        if spec.get("type") == "object" and "properties" in spec:
            for sub, subspec in spec["properties"].items():
                out.append(_col(schema, f"{key}.{sub}", subspec, TOP_WORDS))
        else:
            out.append(_col(schema, key, spec, TOP_WORDS))
    return out


def field_cols(schema: dict) -> list[Col]:
    """Columns of 字段: every field key but ``options`` (sheet 选项) and ``columns`` (sheet 表格列)."""
    props = schema["$defs"]["field"]["properties"]
    return [_col(schema, k, v, FIELD_WORDS) for k, v in props.items() if k not in ("options", "columns")]


def section_keys(schema: dict) -> list[str]:
    """Section keys other than ``fields``; a section row puts ``title`` under 名称."""
    return [k for k in schema["properties"]["sections"]["items"]["properties"] if k != "fields"]


def column_cols(schema: dict) -> list[Col]:
    """Columns of 表格列: the parent table field, then every column key but ``options``."""
    props = schema["$defs"]["column"]["properties"]
    words = {**FIELD_WORDS, **COLUMN_WORDS}
    parent = Col("table", *COLUMN_WORDS["table"])
    return [parent] + [_col(schema, k, v, words) for k, v in props.items() if k != "options"]


def option_cols() -> list[Col]:
    return [Col(k, *OPTION_WORDS[k]) for k in ("field", "column", "option")]


def check_cols(schema: dict) -> list[Col]:
    """Columns of 检查规则: ``kind``, then every parameter any kind takes, in schema order."""
    check = schema["$defs"]["check"]
    specs: dict[str, dict] = {}
    for branch in [check] + list(check.get("oneOf", [])):
        for key, spec in branch.get("properties", {}).items():
            if key == "kind" and "const" in spec:
                continue
            bare = {k: v for k, v in spec.items() if k != "description"}
            known = specs.setdefault(key, bare)
            if {k: v for k, v in known.items() if k != "description"} != bare:
                specs[key] = {}  # kinds disagree on this parameter's type: keep the cell's own type
    message = specs.pop("message", None)
    if message is not None:
        specs["message"] = message  # the free text last
    return [_col(schema, k, v, CHECK_WORDS) for k, v in specs.items()]


def kind_params(schema: dict) -> dict[str, list[str]]:
    """Check kind → the parameters it takes, for the 规则类型 header note."""
    out: dict[str, list[str]] = {}
    for branch in schema["$defs"]["check"].get("oneOf", []):
        const = branch.get("properties", {}).get("kind", {}).get("const")
        if const:
            out[const] = [k for k in branch["properties"] if k != "kind"]
    return out
