"""Compile a form definition plus data/ into the checker's rules (plain JSON).

Nothing here is written per form: field limits come from forms/<id>.yaml,
thresholds from the standards table (data/indicators/standards.csv, adopted
rows only), deadlines from data/rules/deadlines.yaml and choice lists named by
``options_from`` from data/ tables. A reference that does not resolve is a
Problem for the editor, located in the form file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.problems import Problem, WARNING, problem, suggest

FIELD_KEYS = ("required", "unit", "min", "max", "min_length", "max_length", "pattern", "pattern_message", "options", "other_option", "min_rows", "max_rows")
CHECKED_TYPES = {"text", "textarea", "date", "time", "number", "integer", "choice", "multichoice", "yesno", "phone", "archive_code", "table"}
NUMERIC = {"number", "integer"}
# Which archive-code nature letters belong to a form category is a column
# of data/tables/archive_natures.csv (categories).
ARCHIVE_FIELD = {"id": "archive_code", "label": "服务档案编码", "type": "archive_code"}


@dataclass(frozen=True)
class Inputs:
    """Everything from data/ that compiling a form may need.

    Args:
        standards: rows of the standards table (strings, as in the CSV).
        deadlines: rule id -> generator.rules.Rule.
        cite_text: turns ``"004 第三十五条"`` into readable source text.
        option_lists: name -> list of options (for ``options_from``).
        nature_categories: archive nature code -> form categories.
    """

    standards: list[dict] | None
    deadlines: dict
    cite_text: object
    option_lists: dict = field(default_factory=dict)
    nature_categories: dict = field(default_factory=dict)


def _num(text: str) -> float:
    return float(str(text).strip())


def _cite(inputs: Inputs, cite: str) -> str:
    try:
        return inputs.cite_text(cite)
    except (ValueError, KeyError):
        return cite


def _field_rules(spec: dict, inputs: Inputs, where: str, file: str, problems: list) -> dict:
    out = {"id": spec["id"], "label": spec.get("label", spec["id"]), "type": spec.get("type", "text")}
    for key in FIELD_KEYS:
        if spec.get(key) is not None:
            out[key] = spec[key]
    if out["type"] in NUMERIC and out.get("unit") == "%":
        # A percentage lies between 0 and 100 unless the form says otherwise.
        out.setdefault("min", 0)
        out.setdefault("max", 100)
    name = spec.get("options_from")
    if name:
        if name in inputs.option_lists:
            out["options"] = list(inputs.option_lists[name])
        else:
            problems.append(
                problem("unknown-reference", file, f"{where}.options_from", severity=WARNING, key="options_from", kind="选项列表", value=name, suggestion=suggest(name, inputs.option_lists))
            )
    if out["type"] == "table":
        out["columns"] = [_field_rules(c, inputs, f"{where}.columns[{j}]", file, problems) for j, c in enumerate(spec.get("columns") or [])]
    return out


def _thresholds(measure: str, inputs: Inputs) -> list[dict]:
    rows = [r for r in inputs.standards or [] if r.get("measure") == measure and str(r.get("adopted", "")).strip().lower() in ("true", "1", "yes", "是")]
    return [
        {
            "domain": r.get("domain") or "全部",
            "value": _num(r["value"]),
            "unit": r.get("unit") or "",
            "comparison": r.get("comparison") or ">=",
            "source": _cite(inputs, r.get("source") or ""),
            "note": r.get("note") or "",
        }
        for r in rows
    ]


# Checks that may compare columns of each row of a ``table:`` instead of fields.
SCOPED = ("date_order", "at_most", "not_future", "sum_fields", "product")
# kind -> (parameter, accepted types, what they are, in words)
SCOPED_PARAMS = {
    # Two dates, or two times (start and end time of one session).
    "date_order": (("first", {"date", "time"}, "日期或时间"), ("then", {"date", "time"}, "日期或时间")),
    "at_most": (("field", NUMERIC, "数字"), ("limit", NUMERIC, "数字")),
    "not_future": (("field", {"date"}, "日期"),),
    "sum_fields": (("total", NUMERIC, "数字"),),
    "product": (("total", NUMERIC, "数字"),),
}
PARTS = re.compile(r"\s*[+＋×*]\s*")


def _ref(scope: dict, raw: dict, where: str, key: str, fid, types: set, what: str, file: str, problems: list) -> bool:
    if fid not in scope:
        problems.append(problem("unknown-reference", file, f"{where}.{key}", key=key, kind="字段", value=fid, suggestion=suggest(str(fid), scope)))
        return False
    if scope[fid]["type"] not in types:
        problems.append(problem("bad-value", file, f"{where}.{key}", key=key, value=fid, detail=f"这项检查要求{what}字段，它是 {scope[fid]['type']}。", hint=f"改成一个{what}字段的编号。"))
        return False
    return True


def _scoped(raw: dict, c: dict, scope: dict, where: str, file: str, problems: list) -> bool:
    """Check the field references of an at_most / not_future / sum_fields /
    product check (fields of the form, or columns of its table); compile
    ``parts: "a + b"`` into ``part_ids``."""
    ok = True
    for key, types, what in SCOPED_PARAMS[raw["kind"]]:
        ok = _ref(scope, raw, where, key, raw.get(key), types, what, file, problems) and ok
    if ok and raw["kind"] == "date_order" and scope[raw["first"]]["type"] != scope[raw["then"]]["type"]:
        problems.append(problem("bad-value", file, f"{where}.then", key="then", value=raw.get("then"), detail="两个字段的类型不同（一个日期，一个时间）。", hint="比较两个日期，或比较两个时间。"))
        return False
    if raw["kind"] in ("sum_fields", "product"):
        ids = [p for p in PARTS.split(str(raw.get("parts") or "").strip()) if p]
        if len(ids) < 2:
            problems.append(problem("bad-value", file, f"{where}.parts", key="parts", value=raw.get("parts"), detail="至少要有两个字段。", hint="写成 字段1 + 字段2（相乘写 字段1 × 字段2）。"))
            return False
        for fid in ids:
            ok = _ref(scope, raw, where, "parts", fid, NUMERIC, "数字", file, problems) and ok
        c["part_ids"] = ids
    return ok


def compile_form(definition: dict, inputs: Inputs, file: str) -> tuple[dict, list[Problem]]:
    """Rules JSON for one form definition (already schema-valid) and any problems."""
    problems: list[Problem] = []
    fields: list[dict] = []
    for i, section in enumerate(definition.get("sections") or []):
        for j, spec in enumerate(section.get("fields") or []):
            if spec.get("type") in CHECKED_TYPES:
                fields.append(_field_rules(spec, inputs, f"sections[{i}].fields[{j}]", file, problems))
    by_id = {f["id"]: f for f in fields}
    # The header's code box is a field named archive_code unless the form has
    # its own archive_code field (contract of generator/forms/webform.py).
    has_own = any(f["type"] == "archive_code" for f in fields)
    if (definition.get("print") or {}).get("archive_code", True) and not has_own and "archive_code" not in by_id:
        fields.insert(0, dict(ARCHIVE_FIELD))
        by_id["archive_code"] = fields[0]
    categories = {definition.get("category"), *(definition.get("also_in") or [])}
    natures = [code for code, cats in inputs.nature_categories.items() if categories & set(cats)]
    rules = {
        "id": definition["id"],
        "title": definition.get("title", definition["id"]),
        "category": definition.get("category", ""),
        "domain_field": definition.get("domain_field") if definition.get("domain_field") in by_id else None,
        "archive_natures": natures,
        "fields": fields,
        "checks": [],
    }

    def need(where: str, key: str, fid, types: set | None = None, what: str = "") -> bool:
        if fid not in by_id:
            problems.append(problem("unknown-reference", file, f"{where}.{key}", key=key, kind="字段", value=fid, suggestion=suggest(str(fid), by_id)))
            return False
        if types and by_id[fid]["type"] not in types:
            problems.append(problem("bad-value", file, f"{where}.{key}", key=key, value=fid, detail=f"这项检查要求{what}字段，它是 {by_id[fid]['type']}。", hint=f"改成一个{what}字段的编号。"))
            return False
        return True

    for k, raw in enumerate(definition.get("checks") or []):
        where = f"checks[{k}]"
        kind = raw.get("kind")
        c = {key: value for key, value in raw.items()}
        if kind in SCOPED:
            ok, scope = True, by_id
            if raw.get("table") is not None:
                ok = need(where, "table", raw.get("table"), {"table"}, "表格")
                scope = {col["id"]: col for col in by_id[raw["table"]]["columns"]} if ok else {}
            if ok:
                ok = _scoped(raw, c, scope, where, file, problems)
        elif kind == "sum":
            ok = need(where, "total", raw.get("total"), NUMERIC, "数字") & need(where, "table", raw.get("table"), {"table"}, "表格")
            if ok and raw.get("column") not in {col["id"] for col in by_id[raw["table"]]["columns"]}:
                problems.append(problem("unknown-reference", file, f"{where}.column", key="column", kind="列", value=raw.get("column"), suggestion=suggest(str(raw.get("column")), [col["id"] for col in by_id[raw["table"]]["columns"]])))
                ok = False
        elif kind == "count":
            ok = need(where, "field", raw.get("field"), NUMERIC, "数字") & need(where, "table", raw.get("table"), {"table"}, "表格")
        elif kind == "required_if":
            ok = need(where, "field", raw.get("field")) & need(where, "when", raw.get("when"))
        elif kind in ("standard", "ratio"):
            if kind == "standard":
                ok = need(where, "field", raw.get("field"), NUMERIC, "数字")
            else:
                ok = need(where, "numerator", raw.get("numerator"), NUMERIC, "数字") & need(where, "denominator", raw.get("denominator"), NUMERIC, "数字")
            if inputs.standards is None:
                problems.append(problem("unknown-reference", file, f"{where}.measure", severity=WARNING, key="measure", kind="标准表（data/indicators/standards.csv）", value=raw.get("measure"), suggestion="标准表还没有加入 data/datapackage.yaml，这项检查暂时跳过。"))
                ok = False
            else:
                c["thresholds"] = _thresholds(raw.get("measure"), inputs)
                if not c["thresholds"]:
                    measures = sorted({r.get("measure") for r in inputs.standards})
                    problems.append(problem("unknown-reference", file, f"{where}.measure", key="measure", kind="采用的标准（standards.csv 中 adopted 为 true 的行）", value=raw.get("measure"), suggestion=suggest(str(raw.get("measure")), measures)))
                    ok = False
        elif kind == "deadline":
            ok = need(where, "event_field", raw.get("event_field"), {"date"}, "日期") & need(where, "done_field", raw.get("done_field"), {"date"}, "日期")
            rule = inputs.deadlines.get(raw.get("rule"))
            if rule is None:
                problems.append(problem("unknown-reference", file, f"{where}.rule", key="rule", kind="时限规则", value=raw.get("rule"), suggestion=suggest(str(raw.get("rule")), inputs.deadlines)))
                ok = False
            else:
                c.update(
                    unit=rule.unit,
                    amount=rule.amount,
                    direction=rule.direction,
                    text=rule.text,
                    title=rule.title,
                    source="；".join(_cite(inputs, x) for x in rule.cites),
                )
        else:
            ok = False
        if ok:
            rules["checks"].append(c)
    return rules, problems
