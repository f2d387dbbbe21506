"""Validate form definitions: JSON Schema first, then what a schema cannot say.

Every problem names the file, the dotted key path, the line, what is wrong in
plain Chinese and how to fix it (with the nearest valid name where there is one).
All files are checked; nothing stops at the first problem.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import jsonschema

from generator.forms.model import Column, Field, Form, Forms, PrintHints, Section
from generator.problems import WARNING, Problem, problem, suggest
from generator.yamlsrc import YamlDoc, parse_yaml

SCHEMA_FILE = "form.schema.json"

_TYPE_NAMES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "true 或 false",
    "array": "列表（[a, b] 或每行一个“- ”）",
    "object": "映射（键: 值）",
}


@lru_cache(maxsize=4)
def _schema_cached(path: str, mtime: float) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_schema(forms_dir: Path) -> dict:
    """The JSON Schema, parsed once per change of the file."""
    path = forms_dir / SCHEMA_FILE
    return _schema_cached(str(path), path.stat().st_mtime)


def dotted(parts: Iterable[Any]) -> str:
    """``["sections", 0, "fields"]`` → ``sections[0].fields`` (the yamlsrc key-path style)."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _kind_name(value: Any) -> str:
    return {
        str: "文字", int: "整数", float: "数字", bool: "true/false", list: "列表", dict: "映射", type(None): "空值"
    }.get(type(value), type(value).__name__)


def _schema_problem(doc: YamlDoc, error: jsonschema.ValidationError) -> list[Problem]:
    """One jsonschema error → located plain-Chinese problems."""
    path = dotted(error.absolute_path)
    key = str(error.absolute_path[-1]) if error.absolute_path else "文件顶层"
    v = error.validator
    if v == "oneOf" and isinstance(error.instance, dict) and "kind" in error.instance:
        # A check: report the errors of the branch its ``kind`` selects, not all six.
        branches: dict[int, list] = {}
        for sub in error.context:
            branches.setdefault(sub.schema_path[0], []).append(sub)
        for subs in branches.values():
            if not any(s.validator == "const" for s in subs):
                return [p for s in subs for p in _schema_problem(doc, s)]
        return []
    if v == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message) or [error.message]
        return [doc.at("missing-key", path, key=m, parent=path or "文件顶层") for m in missing]
    if v == "additionalProperties":
        allowed = sorted((error.schema.get("properties") or {}).keys())
        extra = [k for k in error.instance if k not in allowed]
        return [
            doc.at("unknown-key", dotted([*error.absolute_path, k]), key=k, suggestion=suggest(str(k), allowed))
            for k in extra
        ]
    if v == "type":
        expected = error.validator_value
        expected = "或".join(_TYPE_NAMES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
        return [doc.at("wrong-type", path, key=key, expected=expected, actual=_kind_name(error.instance), value=error.instance)]
    if v == "enum":
        choices = [str(c) for c in error.validator_value]
        return [doc.at("bad-value", path, key=key, value=error.instance, detail="不是允许的取值。", hint=suggest(str(error.instance), choices))]
    if v == "const":
        return [doc.at("bad-value", path, key=key, value=error.instance, detail=f"应为 {error.validator_value!r}。", hint=f"写成 {error.validator_value}。")]
    if v == "pattern":
        hint = "只用小写英文字母、数字和短横线，如 case-opening-record。" if key == "id" and "-" in error.validator_value else "只用小写英文字母、数字和下划线，以字母开头，如 start_date。"
        return [doc.at("bad-value", path, key=key, value=error.instance, detail="写法不符合编号规则。", hint=hint)]
    if v in ("minItems", "minLength"):
        return [doc.at("bad-value", path, key=key, value=error.instance, detail=f"不能为空（至少 {error.validator_value} 项/个字）。", hint=f"给“{key}”补上内容。")]
    if v == "uniqueItems":
        return [doc.at("bad-value", path, key=key, value=error.instance, detail="列表里有重复项。", hint="删掉重复的那一项。")]
    if v in ("minimum", "maximum"):
        word = "小于" if v == "minimum" else "大于"
        return [doc.at("bad-value", path, key=key, value=error.instance, detail=f"不能{word} {error.validator_value}。", hint=f"改成不{word} {error.validator_value} 的数。")]
    return [doc.at("bad-value", path, key=key, value=error.instance, detail=error.message, hint="对照 forms/form.schema.json 和《表格定义格式说明》修改。")]


def schema_problems(doc: YamlDoc, schema: dict) -> list[Problem]:
    """Every JSON Schema violation of one document, in file order."""
    validator = jsonschema.Draft202012Validator(schema)
    found: list[Problem] = []
    for error in validator.iter_errors(doc.data):
        found += _schema_problem(doc, error)
    return sorted(found, key=lambda p: p.line or 0)


# ---- semantic checks -------------------------------------------------------

def _opt(x, cast=None):
    return None if x is None else (cast(x) if cast else x)


def build_form(data: dict, file: str) -> Form:
    """The frozen model of an already schema-valid mapping."""
    sections = []
    for s in data["sections"]:
        fields = []
        for f in s["fields"]:
            columns = tuple(
                Column(
                    id=c["id"], label=c["label"], type=c["type"], required=bool(c.get("required")),
                    min=c.get("min"), max=c.get("max"), max_length=c.get("max_length"), pattern=c.get("pattern"),
                    pattern_message=c.get("pattern_message"), options=tuple(c.get("options") or ()),
                    unit=c.get("unit", ""), width=str(c.get("width", "")),
                )
                for c in f.get("columns") or ()
            )
            fields.append(Field(
                id=f["id"], label=f["label"], type=f["type"], required=bool(f.get("required")), help=f.get("help", ""),
                placeholder=f.get("placeholder", ""), unit=f.get("unit", ""), min=f.get("min"), max=f.get("max"),
                min_length=f.get("min_length"), max_length=f.get("max_length"), pattern=f.get("pattern"),
                pattern_message=f.get("pattern_message"), options=tuple(f.get("options") or ()),
                other_option=bool(f.get("other_option")), lines=f.get("lines"), width=f.get("width", "full"),
                min_rows=f.get("min_rows"), max_rows=f.get("max_rows"), print_rows=f.get("print_rows"),
                columns=columns, options_from=f.get("options_from"),
            ))
        sections.append(Section(title=s["title"], help=s.get("help", ""), fields=tuple(fields)))
    p = data.get("print") or {}
    return Form(
        id=data["id"], title=data["title"], category=data["category"], stage=data["stage"], purpose=data["purpose"],
        sources=tuple(data["sources"]), sections=tuple(sections), file=file,
        aliases=tuple(data.get("aliases") or ()), also_in=tuple(data.get("also_in") or ()),
        procedure=data.get("procedure"), deadlines=tuple(data.get("deadlines") or ()),
        signers=tuple(data.get("signers") or ()), domain_field=data.get("domain_field"),
        print=PrintHints(orientation=p.get("orientation", "portrait"), archive_code=p.get("archive_code", True), note=p.get("note", "")),
        checks=tuple(data.get("checks") or ()), raw=data,
    )


# check kind -> keys that name a field (any type), and what that key must be
_CHECK_FIELDS = {
    "date_order": {"first": "date", "then": "date"},
    "sum": {"total": None, "table": "table"},
    "count": {"field": None, "table": "table"},
    "standard": {"field": None},
    "deadline": {"event_field": "date", "done_field": "date"},
    "ratio": {"numerator": None, "denominator": None},
    "required_if": {"field": None, "when": None},
    "at_most": {"field": None, "limit": None},
    "not_future": {"field": "date"},
    "sum_fields": {"total": None},
    "product": {"total": None},
}
# These compare columns of each row instead when the check names a ``table``.
_ROW_CHECKS = ("date_order", "at_most", "not_future", "sum_fields", "product")


def semantic_problems(doc: YamlDoc, form: Form, stem: str, rules, sources, handbook: Path | None) -> list[Problem]:
    """What JSON Schema cannot check: names that must exist or be unique."""
    out: list[Problem] = []
    if form.id != stem:
        out.append(doc.at("bad-value", "id", key="id", value=form.id, detail=f"必须与文件名 {stem}.yaml 相同。", hint=f"把 id 改成 {stem}，或把文件改名为 {form.id}.yaml。"))
    seen: dict[str, str] = {}
    all_fields: dict[str, Field] = {}
    for si, section in enumerate(form.sections):
        for fi, f in enumerate(section.fields):
            at = f"sections[{si}].fields[{fi}]"
            if f.id in seen:
                out.append(doc.at("duplicate-id", f"{at}.id", kind="字段", value=f.id, other=seen[f.id]))
            else:
                seen[f.id] = f"{at}（第 {doc.line(at)} 行）"
                all_fields[f.id] = f
            out += _field_problems(doc, at, f)
    if form.domain_field and form.domain_field not in all_fields:
        out.append(doc.at("unknown-reference", "domain_field", key="domain_field", kind="字段", value=form.domain_field, suggestion=suggest(form.domain_field, all_fields)))
    for i, cite in enumerate(form.sources):
        reason = sources.check(cite) if sources is not None else None
        if reason:
            out.append(doc.at("bad-value", f"sources[{i}]", key="sources", value=cite, detail=reason, hint=reason))
    rule_ids = list(rules.rules) if rules is not None else None
    for i, rid in enumerate(form.deadlines):
        if rule_ids is not None and rid not in rule_ids:
            out.append(doc.at("unknown-reference", f"deadlines[{i}]", key="deadlines", kind="时限规则（data/rules/deadlines.yaml）", value=rid, suggestion=suggest(rid, rule_ids)))
    if form.procedure and handbook is not None and not (handbook / form.procedure).is_file():
        p = doc.at("missing-link", "procedure", target=f"handbook/{form.procedure}")
        out.append(Problem(**{**p.__dict__, "severity": WARNING}))
    for ci, check in enumerate(form.checks):
        out += _check_problems(doc, f"checks[{ci}]", check, all_fields, rule_ids)
    return out


def _field_problems(doc: YamlDoc, at: str, f: Field) -> list[Problem]:
    out: list[Problem] = []
    if f.type in ("choice", "multichoice") and not f.options and not f.options_from:
        out.append(doc.at("missing-key", at, key="options", parent=f"{at}（{f.type} 要列出选项）"))
    if f.type == "table" and not f.columns:
        out.append(doc.at("missing-key", at, key="columns", parent=f"{at}（table 要列出各列）"))
    if f.columns and f.type != "table":
        out.append(doc.at("bad-value", f"{at}.columns", key="columns", value=f.type, detail="只有 type: table 的字段才有 columns。", hint="把 type 改成 table，或删掉 columns。"))
    if f.min is not None and f.max is not None and f.min > f.max:
        out.append(doc.at("bad-value", f"{at}.min", key="min", value=f.min, detail=f"大于 max（{f.max}）。", hint="把 min 和 max 对调。"))
    if f.min_rows is not None and f.max_rows is not None and f.min_rows > f.max_rows:
        out.append(doc.at("bad-value", f"{at}.min_rows", key="min_rows", value=f.min_rows, detail=f"大于 max_rows（{f.max_rows}）。", hint="把 min_rows 和 max_rows 对调。"))
    cols_seen: set[str] = set()
    for ci, c in enumerate(f.columns):
        if c.id in cols_seen:
            out.append(doc.at("duplicate-id", f"{at}.columns[{ci}].id", kind="列", value=c.id, other=f"{at}.columns"))
        cols_seen.add(c.id)
        if c.type == "choice" and not c.options:
            out.append(doc.at("missing-key", f"{at}.columns[{ci}]", key="options", parent=f"{at}.columns[{ci}]（choice 要列出选项）"))
    for key, pattern in [("pattern", f.pattern)] + [(f"columns[{ci}].pattern", c.pattern) for ci, c in enumerate(f.columns)]:
        if pattern:
            try:
                re.compile(pattern)
            except re.error as exc:
                out.append(doc.at("bad-value", f"{at}.{key}", key="pattern", value=pattern, detail=f"正则表达式有误：{exc}", hint="检查括号和反斜杠是否成对；YAML 里用单引号包住正则。"))
    return out


def _check_problems(doc: YamlDoc, at: str, check: dict, fields: dict[str, Field], rule_ids) -> list[Problem]:
    out: list[Problem] = []
    kind = check.get("kind")
    if kind in _ROW_CHECKS and check.get("table") is not None:
        table = fields.get(check["table"])
        if table is None or table.type != "table":
            out.append(doc.at("unknown-reference", f"{at}.table", key="table", kind="表格字段（type: table）", value=check["table"], suggestion=suggest(str(check["table"]), [f.id for f in fields.values() if f.type == "table"])))
            return out
        fields = {c.id: c for c in table.columns}
    for key, must_be in _CHECK_FIELDS.get(kind, {}).items():
        name = check.get(key)
        if name is None:
            continue
        if name not in fields:
            out.append(doc.at("unknown-reference", f"{at}.{key}", key=key, kind="字段", value=name, suggestion=suggest(str(name), fields)))
            continue
        ok = fields[name].type in ("date", "time") if must_be == "date" else fields[name].type == must_be
        if must_be and not ok:
            want = {"date": "日期或时间（type: date / time）", "table": "表格（type: table）"}[must_be]
            out.append(doc.at("bad-value", f"{at}.{key}", key=key, value=name, detail=f"这里要引用{want}字段，它的类型是 {fields[name].type}。", hint=f"改为引用一个{want}字段。"))
    if kind == "date_order" and check.get("first") in fields and check.get("then") in fields:
        a, b = fields[check["first"]].type, fields[check["then"]].type
        if {a, b} <= {"date", "time"} and a != b:
            out.append(doc.at("bad-value", f"{at}.then", key="then", value=check["then"], detail=f"first 是 {a}，then 是 {b}，两者类型要相同。", hint="日期和日期比、时间和时间比。"))
    if kind == "sum" and check.get("table") in fields:
        cols = [c.id for c in fields[check["table"]].columns]
        if check.get("column") not in cols:
            out.append(doc.at("unknown-reference", f"{at}.column", key="column", kind=f"表格 {check['table']} 的列", value=check.get("column"), suggestion=suggest(str(check.get("column")), cols)))
    if kind == "deadline" and rule_ids is not None and check.get("rule") not in rule_ids:
        out.append(doc.at("unknown-reference", f"{at}.rule", key="rule", kind="时限规则（data/rules/deadlines.yaml）", value=check.get("rule"), suggestion=suggest(str(check.get("rule")), rule_ids)))
    if kind == "required_if" and check.get("when") in fields:
        when = fields[check["when"]]
        allowed = list(when.options) if when.type in ("choice", "multichoice") else (["是", "否"] if when.type == "yesno" else None)
        if allowed and check.get("equals") not in allowed:
            out.append(doc.at("bad-value", f"{at}.equals", key="equals", value=check.get("equals"), detail=f"不是字段 {when.id} 的选项。", hint=suggest(str(check.get("equals")), allowed)))
    return out


def parse_form(text: str, file: str, schema: dict, rules=None, sources=None, handbook: Path | None = None) -> tuple[Form | None, list[Problem], YamlDoc | None]:
    """Validate one definition. Pure: used by the build and by the tests."""
    doc, found = parse_yaml(text, file)
    if doc is None:
        return None, found, None
    if not isinstance(doc.data, dict):
        return None, [problem("yaml-not-mapping", file, "第 1 行", line=1, actual=_kind_name(doc.data))], doc
    found = schema_problems(doc, schema)
    if found:
        return None, found, doc
    form = build_form(doc.data, file)
    found = semantic_problems(doc, form, Path(file).stem, rules, sources, handbook)
    if any(p.severity == "error" for p in found):
        return None, found, doc
    return form, found, doc


def collection_problems(forms: list[tuple[Form, YamlDoc]], rules) -> list[Problem]:
    """Across files: ids, titles and aliases unique; deadline rules name real forms."""
    out: list[Problem] = []
    names: dict[str, str] = {}
    for form, doc in forms:
        for path, name in [("title", form.title)] + [(f"aliases[{i}]", a) for i, a in enumerate(form.aliases)]:
            owner = names.get(name)
            if owner is not None and owner != form.id:
                out.append(doc.at("duplicate-id", path, kind="表格名称或别名", value=name, other=f"forms/{owner}.yaml"))
            names.setdefault(name, form.id)
    if rules is not None:
        ids = {f.id for f, _ in forms}
        for rule in rules.rules.values():
            for fid in rule.forms:
                if fid not in ids:
                    out.append(problem(
                        "unknown-reference", "data/rules/deadlines.yaml", f"规则 {rule.id}.adopted.forms", severity=WARNING,
                        key="forms", kind="表格", value=fid, suggestion=_nearest_form(fid, ids),
                    ))
    return out


def _nearest_form(name: str, ids: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(ids), n=1, cutoff=0.75)
    also = f"如果指的是已有的表格，是不是“{close[0]}”？" if close else ""
    return f"在 forms/ 下新建 {name}.yaml（编号见 forms/ 目录和表格定义格式说明）。{also}"


def load_forms(forms_dir: Path, root: Path, rules, sources, handbook: Path | None) -> tuple[Forms, list[Problem]]:
    """Read and check every ``forms/*.yaml``; return the valid ones and all problems."""
    schema = load_schema(forms_dir)
    problems: list[Problem] = []
    valid: list[tuple[Form, YamlDoc]] = []
    by_id: dict[str, Form] = {}
    for path in sorted(forms_dir.glob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        form, found, doc = parse_form(path.read_text(encoding="utf-8"), rel, schema, rules, sources, handbook)
        problems += found
        if form is None:
            continue
        if form.id in by_id:
            problems.append(doc.at("duplicate-id", "id", kind="表格", value=form.id, other=by_id[form.id].file))
            continue
        by_id[form.id] = form
        valid.append((form, doc))
    problems += collection_problems(valid, rules)
    return Forms(by_id=dict(sorted(by_id.items()))), problems
