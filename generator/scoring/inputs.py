"""Validate a candidate's input against the contract (``spec.input_spec``).

Every problem is reported, each naming its field path (``papers[1].author``),
in the same order and wording as the browser's ``score.js``.
"""

from __future__ import annotations

import math

from generator.scoring.numbers import dec, fmt


class ScoreInputError(ValueError):
    """Bad input: ``errors`` is a list of ``"field：message"`` strings."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def kind(value) -> str:
    """The JSON type of ``value`` in plain Chinese."""
    if value is None:
        return "空值 null"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, float) and not math.isfinite(value):
        return "无效数字（NaN 或无穷大）"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, list):
        return "数组"
    return "对象"


def _is_number(value) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return not (isinstance(value, float) and not math.isfinite(value))


def _is_integer(value) -> bool:
    return isinstance(value, int) or value.is_integer()


def _choice_text(choices) -> str:
    return "、".join(f"{v}（{label}）" for v, label in choices)


def _range_text(field) -> str:
    lo, hi = field.get("min"), field.get("max")
    if lo is not None and hi is not None:
        return f"{fmt(lo)} 到 {fmt(hi)} 之间"
    if lo is not None:
        return f"不小于 {fmt(lo)}"
    return f"不大于 {fmt(hi)}"


def _expected(field) -> str:
    t = field["type"]
    if t == "number":
        return f"数字（{_range_text(field)}）" if ("min" in field or "max" in field) else "数字"
    if t == "integer":
        return f"整数（{_range_text(field)}）"
    if t in ("enum", "level_or_null"):
        return "可选值之一"
    if t == "string":
        return "文字"
    if t == "boolean":
        return "true 或 false"
    return "数组（[…]）"


def _check_number(path, field, value, errors) -> bool:
    label = field["label"]
    if not _is_number(value):
        errors.append(f"{path}：{label}应为{_expected(field)}，实际是{kind(value)}")
        return False
    if field["type"] == "integer" and not _is_integer(value):
        errors.append(f"{path}：{label}应为整数，实际是 {fmt(value)}")
        return False
    d = dec(value)
    lo, hi = field.get("min"), field.get("max")
    if (lo is not None and d < dec(lo)) or (hi is not None and d > dec(hi)):
        errors.append(f"{path}：{label}超出范围（应为 {_range_text(field)}），实际是 {fmt(value)}")
        return False
    return True


def _check_enum(path, field, value, choices, errors) -> bool:
    label = field["label"]
    if not isinstance(value, str):
        errors.append(f"{path}：{label}应为可选值之一（{_choice_text(choices)}），实际是{kind(value)}")
        return False
    if value not in [c[0] for c in choices]:
        errors.append(f"{path}：{label}的值“{value}”不是可选值；可选：{_choice_text(choices)}")
        return False
    return True


def _check_object(path: str, fields: list[dict], obj: dict, errors: list[str]) -> dict:
    """Check one object's fields in spec order, then its unknown keys."""
    clean: dict = {}
    prefix = f"{path}." if path else ""
    for field in fields:
        name, t = field["name"], field["type"]
        at = prefix + name
        value = obj.get(name)
        if value is None and t != "level_or_null":
            cond = field.get("required_if")
            if field.get("required") or (cond and obj.get(cond[0]) == cond[1]):
                if cond and not field.get("required"):
                    errors.append(f"{at}：{_cond_label(fields, cond)}时必须填写{field['label']}")
                else:
                    errors.append(f"{at}：缺少必填项{field['label']}（{_expected(field)}）")
            clean[name] = field.get("default")
            if isinstance(clean[name], list):
                clean[name] = []
            continue
        if t in ("number", "integer"):
            if _check_number(at, field, value, errors):
                clean[name] = dec(value) if t == "number" else int(value)
        elif t == "enum":
            choices = field.get("choices")
            if "choices_by" in field:
                parent = obj.get(field["choices_by"])
                choices = field["choices_map"].get(parent) if isinstance(parent, str) else None
                if choices is None:
                    continue  # the parent field already reported its own problem
            if _check_enum(at, field, value, choices, errors):
                clean[name] = value
        elif t == "level_or_null":
            if value is None:
                clean[name] = []
            elif isinstance(value, list):
                ok = [_check_enum(f"{at}[{i}]", field, v, field["choices"], errors) for i, v in enumerate(value)]
                clean[name] = list(value) if all(ok) else []
            elif _check_enum(at, field, value, field["choices"], errors):
                clean[name] = [value]
        elif t == "enum_list":
            if not isinstance(value, list):
                errors.append(f"{at}：{field['label']}应为数组（[…]），实际是{kind(value)}")
                continue
            ok = [_check_enum(f"{at}[{i}]", field, v, field["choices"], errors) for i, v in enumerate(value)]
            clean[name] = list(value) if all(ok) else []
        elif t == "string":
            if not isinstance(value, str):
                errors.append(f"{at}：{field['label']}应为文字，实际是{kind(value)}")
                continue
            clean[name] = value.strip()
        elif t == "boolean":
            if not isinstance(value, bool):
                errors.append(f"{at}：{field['label']}应为 true 或 false，实际是{kind(value)}")
                continue
            clean[name] = value
        elif t == "list":
            if not isinstance(value, list):
                errors.append(f"{at}：{field['label']}应为数组（[…]），实际是{kind(value)}")
                continue
            items = []
            for i, item in enumerate(value):
                item_at = f"{at}[{i}]"
                if not isinstance(item, dict):
                    errors.append(f"{item_at}：{field['label']}的每一项应为对象（{{…}}），实际是{kind(item)}")
                    continue
                items.append(_check_object(item_at, field["items"], item, errors))
            clean[name] = items
    known = [f["name"] for f in fields]
    for key in sorted(k for k in obj if k not in known):
        errors.append(f"{prefix}{key}：不认识的字段；可用的字段：{'、'.join(known)}")
    return clean


def _cond_label(fields, cond) -> str:
    field = next(f for f in fields if f["name"] == cond[0])
    label = dict(field.get("choices") or []).get(cond[1], cond[1])
    return f"{field['label']}是“{cond[1]}”（{label}）"


def validate(spec: list[dict], data) -> tuple[dict, list[str]]:
    """``(clean input with defaults, errors)``; errors empty when valid."""
    if not isinstance(data, dict):
        return {}, [f"input：输入应为一个 JSON 对象（{{…}}），实际是{kind(data)}"]
    errors: list[str] = []
    clean = _check_object("", spec, data, errors)
    return clean, errors
