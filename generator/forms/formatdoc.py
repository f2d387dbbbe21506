"""The page 表格定义格式说明 (forms/format.md), generated from the JSON Schema's
descriptions so the guide and the validator never disagree."""

from __future__ import annotations

from markupsafe import escape

TYPE_WORDS = {
    "text": "一行文字", "textarea": "多行文字（打印时留 lines 行）", "date": "日期（YYYY-MM-DD）", "time": "时间（HH:MM）",
    "number": "数字（可有小数）", "integer": "整数", "choice": "单选（options）", "multichoice": "多选（options）",
    "yesno": "是 / 否", "phone": "电话号码", "archive_code": "服务档案编码（放在表头的编码框里）",
    "signature": "签名和日期（只在打印版出现，手写）", "table": "可重复的行（columns 定义各列）",
}

CHECK_WORDS = {
    "date_order": "日期先后：first 不晚于 then",
    "sum": "合计：total 等于表格 table 中 column 列之和",
    "count": "计数：field 等于表格 table 的行数",
    "standard": "来源标准：field 的值要达到 measure 指定的标准（如小组人数、节数）",
    "deadline": "时限：done_field 与 event_field 相差不超过规则 rule 的期限",
    "ratio": "比例：numerator / denominator 要达到 measure 指定的比例（如出席率）",
    "required_if": "条件必填：when 等于 equals 时，field 必填",
    "at_most": "不能多于：field 的数不大于 limit 的数（如 出席人数 ≤ 组员人数）",
    "not_future": "不能晚于今天：记录已发生的事的日期 field",
    "sum_fields": "相加：total 等于 parts 中各字段之和（parts 写成 male + female）",
    "product": "相乘：total 等于 parts 中各字段之积（parts 写成 quantity × unit_price）",
}


def _type(spec: dict) -> str:
    if "enum" in spec:
        return " / ".join(f"`{v}`" for v in spec["enum"])
    if "$ref" in spec:
        return {"#/$defs/fieldType": "字段类型（见下表）", "#/$defs/field": "字段", "#/$defs/check": "检查规则"}.get(spec["$ref"], spec["$ref"])
    t = spec.get("type", "")
    if t == "array":
        inner = spec.get("items", {})
        return f"列表，每项是{_type(inner) or '文字'}"
    return {"string": "文字", "integer": "整数", "number": "数字", "boolean": "true / false", "object": "映射"}.get(t, t)


def _keys_table(obj: dict, extra: dict[str, str] | None = None) -> list[str]:
    required = set(obj.get("required", []))
    rows = ["| 键 | 必填 | 写法 | 说明 |", "| --- | --- | --- | --- |"]
    for key, spec in obj.get("properties", {}).items():
        desc = spec.get("description") or (extra or {}).get(key, "")
        rows.append(f"| `{key}` | {'是' if key in required else ''} | {escape(_type(spec))} | {escape(desc)} |")
    return rows


FIELD_EXTRA = {
    "id": "字段编号：小写字母开头，只用小写字母、数字、下划线；同一张表内不能重复",
    "label": "表上显示的名称",
    "type": "字段类型，见下表",
    "required": "是否必填（检查时提示）",
    "help": "填写提示，显示在名称下面",
    "placeholder": "输入框里的灰色示例",
    "unit": "单位，如 人、节、元",
    "min": "最小值（数字）", "max": "最大值（数字）",
    "min_length": "最少字数", "max_length": "最多字数",
    "pattern_message": "不符合 pattern 时的提示",
    "options": "choice / multichoice 的选项",
    "width": "宽度：full 整行、half 半行、third 三分之一行",
    "min_rows": "table 至少几行", "max_rows": "table 最多几行",
    "columns": "table 的各列（见“表格列”）",
}

COLUMN_EXTRA = {"id": "列编号", "label": "列标题", "type": "列的类型", "required": "该列是否必填", "options": "choice 列的选项"}

TOP_EXTRA = {"category": "分类", "print": "打印提示（见下表）", "sections": "分节，每节有 title 和 fields", "checks": "跨字段规则和来源标准（见“检查规则”）"}


def format_page(schema: dict, example: str, reviewed: str) -> str:
    defs = schema["$defs"]
    lines = [
        "---",
        "title: 表格定义格式说明",
        "generated_from: forms/form.schema.json",
        # for colleagues who add or change forms: file paths are the point here
        "audience: maintainer",
        f'reviewed: "{reviewed}"',
        "---",
        "",
        "# 表格定义格式说明（给新增或修改表格的同事）",
        "",
        "每张表格是 `forms/` 下的一个 YAML 文件，文件名就是表格编号，如 `forms/case-opening-record.yaml`。",
        "构建时按本页的格式逐项检查；写错时，构建会报出文件、第几行、哪个键，以及怎么改。",
        "网页表格、打印版、PDF、Word 和在线检查都从这一个文件生成，不要另外手工做 Word 表。",
        "",
        "## 新增一张表格的步骤",
        "",
        "1. 复制一个相近的表格文件（如下面的示例），改文件名和 `id`（两者必须相同）。",
        "2. 写 `title`（手册里用的名称）和 `aliases`（来源文件里的其他叫法，方便搜索）。",
        "3. 写 `category`、`stage`、`procedure`（手册流程页）、`purpose`、`sources`（来源条款）。",
        "4. 按纸质表的顺序分节（`sections`），每节列出字段（`fields`）。",
        "5. 需要检查的关系写在 `checks`，时限写在 `deadlines`（引用 data/rules/deadlines.yaml 的规则编号）。",
        "6. 运行 `python -m generator build --fast` 看有没有报错，再打开表格页面试填、打印预览。",
        "",
        "## 顶层的键",
        "",
        *_keys_table(schema, TOP_EXTRA),
        "",
        "### 打印提示 `print`",
        "",
        *_keys_table(schema["properties"]["print"], {"orientation": "纸张方向：portrait 竖向、landscape 横向。竖向时若表格各列按小四号字放不下，Word 和 PDF 自动改为横向（字号不缩小）"}),
        "",
        "### 分节 `sections[]`",
        "",
        *_keys_table(schema["properties"]["sections"]["items"], {"title": "节标题", "help": "本节说明", "fields": "本节的字段"}),
        "",
        "## 字段 `fields[]`",
        "",
        *_keys_table(defs["field"], FIELD_EXTRA),
        "",
        "### 字段类型 `type`",
        "",
        "| 类型 | 用途 |",
        "| --- | --- |",
        *[f"| `{t}` | {escape(TYPE_WORDS.get(t, ''))} |" for t in defs["fieldType"]["enum"]],
        "",
        "### 表格列 `columns[]`",
        "",
        *_keys_table(defs["column"], COLUMN_EXTRA),
        "",
        "## 检查规则 `checks[]`",
        "",
        "| kind | 含义 | 要写的键 |",
        "| --- | --- | --- |",
    ]
    for branch in defs["check"]["oneOf"]:
        kind = branch["properties"]["kind"]["const"]
        keys = "、".join(f"`{k}`" for k in branch.get("required", []))
        lines.append(f"| `{kind}` | {escape(CHECK_WORDS.get(kind, ''))} | {keys} |")
    lines += [
        "",
        "每条规则都可以写 `message`，替换默认的提示语。"
        "`date_order`、`at_most`、`not_future`、`sum_fields`、`product` 写了 `table` 时，其余键都是这张表格的列编号，逐行检查（如每一行的结束时间不早于开始时间）。",
        "",
        "## 示例",
        "",
        "```yaml",
        example.rstrip(),
        "```",
        "",
    ]
    return "\n".join(lines)
