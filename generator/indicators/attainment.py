"""Annual indicator attainment: the pure core behind the CLI and the browser calculator.

The contract (issue 8): per item the team minimum (per-post minimum × posts),
the actual count, ``rate`` = actual / minimum rounded half-up to 4 decimals,
and met; per conversion group the exact required and actual volume; strict
and after-conversion results. Everything numeric is exact (integers and
Fractions) until the very end, and the same arithmetic runs in
``assets/indicator-attainment.js`` so both give identical JSON.

The rules (items, minimums, volumes, the satisfaction threshold) come from the
data package via :func:`rules_from_model`; nothing here is hard-coded.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from fractions import Fraction

from generator.indicators.model import Indicators

RESULT_STRICT = "达标"
RESULT_CONVERTED = "折算后达标"
RESULT_NOT_MET = "未达标"
TOP_KEYS = ("post_type", "posts", "satisfaction", "allow_conversion", "counts")
REQUIRED_KEYS = ("post_type", "satisfaction")
# Limits keep every intermediate product an exact integer in JavaScript
# (below 2**53) while being far above any real year's counts.
MAX_POSTS = 10_000
MAX_COUNT = 1_000_000_000

# Error texts, shared with the browser (the page embeds this dict), so both
# interfaces reject the same input with the same words.
MESSAGES = {
    "not_object": "输入必须是一个 JSON 对象，例如 {{\"post_type\": \"specialized\", \"posts\": 1, …}}。",
    "unknown_key": "未知的键“{key}”。可用的键：post_type、posts、satisfaction、allow_conversion、counts。",
    "missing_key": "缺少必填的键“{key}”。",
    "post_type": "post_type（岗位类型）只能是 {choices} 之一，收到 {value}。",
    "posts": "posts（岗位数）必须是 1 到 {max} 之间的整数，收到 {value}。",
    "satisfaction": "satisfaction（满意率）必须是 0 到 1 之间的数字，如 0.86 表示 86%，收到 {value}。",
    "allow_conversion": "allow_conversion（允许折算）必须是 true 或 false，收到 {value}。",
    "counts": "counts（完成量）必须是一个对象，如 {{\"professional_case\": 28}}，收到 {value}。",
    "unknown_count": "counts 里有未知的项目“{key}”。可用的项目：{keys}。",
    "count_type": "counts.{key}（{name}）必须是整数，收到 {value}。",
    "count_negative": "counts.{key}（{name}）不能是负数，收到 {value}。",
    "count_max": "counts.{key}（{name}）不能超过 {max}，收到 {value}。",
}


class AttainmentInputError(ValueError):
    """Bad calculator input. ``problems`` lists every message, in a fixed order."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class RuleItem:
    key: str
    name: str
    group: str | None
    volume: Fraction | None
    minimums: dict[str, int | None]


@dataclass(frozen=True)
class AttainmentRules:
    """What the calculation needs, taken from the data package."""

    post_types: tuple[str, ...]
    items: tuple[RuleItem, ...]
    groups: tuple[str, ...]
    satisfaction_min: Fraction

    def to_json(self) -> dict:
        """Plain data for ``window.indicatorAttainment``: volumes as [num, den]."""
        return {
            "post_types": list(self.post_types),
            "groups": list(self.groups),
            "satisfaction_min": [self.satisfaction_min.numerator, self.satisfaction_min.denominator],
            "items": [
                {
                    "key": i.key,
                    "name": i.name,
                    "group": i.group,
                    "volume": None if i.volume is None else [i.volume.numerator, i.volume.denominator],
                    "minimums": i.minimums,
                }
                for i in self.items
            ],
            "input_keys": list(TOP_KEYS),
            "required_keys": list(REQUIRED_KEYS),
            "results": {"strict": RESULT_STRICT, "converted": RESULT_CONVERTED, "not_met": RESULT_NOT_MET},
            "limits": {"posts": MAX_POSTS, "count": MAX_COUNT},
            "messages": MESSAGES,
        }


def rules_from_model(model: Indicators) -> AttainmentRules:
    """The calculation rules from the indicator model (single source of truth)."""
    return AttainmentRules(
        post_types=tuple(p.key for p in model.post_types),
        items=tuple(
            RuleItem(i.key, i.name, i.group, i.volume, {p.key: model.minimums[(p.key, i.key)].minimum for p in model.post_types})
            for i in model.items
        ),
        groups=tuple(g.key for g in model.groups),
        satisfaction_min=model.satisfaction_min,
    )


_DEFAULT: AttainmentRules | None = None


def default_rules() -> AttainmentRules:
    """Rules from this checkout's data/indicators/, cached.

    The CSVs are read directly (the build has validated them with
    frictionless, which takes seconds to import); only when that fails is the
    full validation run, so a broken table is reported with file, row and column.
    """
    global _DEFAULT
    if _DEFAULT is None:
        import csv
        from pathlib import Path

        from generator.indicators.model import FILES, build
        from generator.problems import ProblemsFound

        root = Path(__file__).resolve().parents[2]
        model = None
        try:
            rows = {}
            for name, rel in FILES.items():
                with open(root / rel, encoding="utf-8-sig", newline="") as f:
                    rows[name] = list(csv.DictReader(f))
            model, _problems = build(rows)
        except (OSError, ValueError, KeyError, TypeError, ZeroDivisionError):
            model = None
        if model is None:
            from generator.tables import validate  # slow import: only for the error report

            tables, problems = validate(root / "data", root)
            if tables is None:
                raise ProblemsFound(problems)
            model, problems = build(tables.rows)
            if model is None:
                raise ProblemsFound(problems)
        _DEFAULT = rules_from_model(model)
    return _DEFAULT


def show(value) -> str:
    """A value as JSON text, the way JavaScript's JSON.stringify writes it."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        return str(value)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_integer(value) -> bool:
    return _is_number(value) and float(value).is_integer()


def _message(code: str, **params) -> str:
    return MESSAGES[code].format(**params)


def parse_input(data, rules: AttainmentRules) -> tuple[str, int, float, bool, dict[str, int]]:
    """Check the input and return (post_type, posts, satisfaction, allow_conversion, counts).

    Every problem is collected, in this order: unknown and missing top-level
    keys, then each key's value, then each count in input order.
    """
    if not isinstance(data, dict):
        raise AttainmentInputError([_message("not_object")])
    problems: list[str] = []
    for key in data:
        if key not in TOP_KEYS:
            problems.append(_message("unknown_key", key=key))
    for key in REQUIRED_KEYS:
        if key not in data:
            problems.append(_message("missing_key", key=key))
    post_type = data.get("post_type")
    if "post_type" in data and post_type not in rules.post_types:
        problems.append(_message("post_type", choices="、".join(rules.post_types), value=show(post_type)))
    posts = data.get("posts", 1)
    if not _is_integer(posts) or not 1 <= posts <= MAX_POSTS:
        problems.append(_message("posts", max=MAX_POSTS, value=show(posts)))
    satisfaction = data.get("satisfaction")
    if "satisfaction" in data and (not _is_number(satisfaction) or not 0 <= satisfaction <= 1):
        problems.append(_message("satisfaction", value=show(satisfaction)))
    allow = data.get("allow_conversion", True)
    if not isinstance(allow, bool):
        problems.append(_message("allow_conversion", value=show(allow)))
    counts_in = data.get("counts", {})
    counts: dict[str, int] = {}
    names = {i.key: i.name for i in rules.items}
    if not isinstance(counts_in, dict):
        problems.append(_message("counts", value=show(counts_in)))
    else:
        for key, value in counts_in.items():
            if key not in names:
                problems.append(_message("unknown_count", key=key, keys="、".join(names)))
            elif not _is_integer(value):
                problems.append(_message("count_type", key=key, name=names[key], value=show(value)))
            elif value < 0:
                problems.append(_message("count_negative", key=key, name=names[key], value=show(value)))
            elif value > MAX_COUNT:
                problems.append(_message("count_max", key=key, name=names[key], max=MAX_COUNT, value=show(value)))
            else:
                counts[key] = int(value)
    if problems:
        raise AttainmentInputError(problems)
    return post_type, int(posts), float(satisfaction), allow, counts


def round_half_up(value: Fraction, places: int = 4) -> Fraction:
    """Exact half-up rounding of a non-negative fraction."""
    scale = 10**places
    return Fraction(math.floor(value * scale + Fraction(1, 2)), scale)


def as_json_number(value: Fraction) -> int | float:
    """An int when whole (18, not 18.0), else the nearest double — as JS prints it."""
    return value.numerator if value.denominator == 1 else float(value)


def attainment(data, rules: AttainmentRules | None = None) -> dict:
    """Attainment of one post or team for a year; see the module docstring.

    Raises:
        AttainmentInputError: unknown keys, negative or non-integer counts,
            posts < 1, satisfaction outside 0–1, wrong types.
    """
    rules = rules or default_rules()
    post_type, posts, satisfaction, allow, counts = parse_input(data, rules)
    items = []
    required = {g: Fraction(0) for g in rules.groups}
    actual_volume = {g: Fraction(0) for g in rules.groups}
    for item in rules.items:
        per_post = item.minimums[post_type]
        minimum = None if per_post is None else per_post * posts
        actual = counts.get(item.key, 0)
        met = minimum is None or actual >= minimum
        rate = None if minimum is None else as_json_number(round_half_up(Fraction(actual, minimum)))
        items.append({"key": item.key, "minimum": minimum, "actual": actual, "rate": rate, "met": met})
        if item.group is not None:
            actual_volume[item.group] += actual * item.volume
            if minimum is not None:
                required[item.group] += minimum * item.volume
    groups = [
        {"key": g, "required_volume": as_json_number(required[g]), "actual_volume": as_json_number(actual_volume[g]), "met": actual_volume[g] >= required[g]}
        for g in rules.groups
    ]
    # Compared as doubles, exactly as the browser does: the user typed a
    # decimal, and 0.8 must meet a threshold of 0.8 in both interfaces.
    satisfaction_met = satisfaction >= float(rules.satisfaction_min)
    strict = all(i["met"] for i in items) and satisfaction_met
    in_group = {i.key for i in rules.items if i.group is not None}
    converted = (
        all(g["met"] for g in groups) and all(i["met"] for i in items if i["key"] not in in_group) and satisfaction_met
    )
    # Without permission to convert only the strict result counts.
    converted = converted and (allow or strict)
    return {
        "items": items,
        "groups": groups,
        "satisfaction_met": satisfaction_met,
        "strict_met": strict,
        "converted_met": converted,
        "result": RESULT_STRICT if strict else RESULT_CONVERTED if converted else RESULT_NOT_MET,
    }
