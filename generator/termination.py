"""Conditions for closing, ending or referring a case (data/rules/termination_conditions.yaml).

The handbook's closing page and the form checker's list of closing reasons both
read this one file, so a reason added here appears in both places.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from generator.context import Context
from generator.problems import Problem, suggest
from generator.yamlsrc import YamlDoc, load_yaml

NAME = "termination"
FILE = Path("rules") / "termination_conditions.yaml"
ACTIONS = ("结案", "转介", "转介或结案")
_KEYS = {"id", "label", "detail", "action", "record", "cite"}
_REQUIRED = ("id", "label", "detail", "action", "cite")


@dataclass(frozen=True)
class Condition:
    id: str
    label: str
    detail: str
    action: str
    record: str
    cites: tuple[str, ...]


@dataclass(frozen=True)
class Conditions:
    items: tuple[Condition, ...]
    # (situation, chosen condition id, why): which condition wins when several apply
    when_several: tuple[tuple[str, str, str], ...] = ()

    def to_json(self) -> list[dict]:
        """Plain data for the browser checker (closing-reason choices)."""
        return [
            {"id": c.id, "label": c.label, "action": c.action, "cites": list(c.cites)}
            for c in self.items
        ]


def parse(doc: YamlDoc, sources) -> tuple[Conditions | None, list[Problem]]:
    """Validate the document and build the model; collect every problem."""
    problems: list[Problem] = []
    data = doc.data if isinstance(doc.data, dict) else {}
    items: list[Condition] = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("conditions") or []):
        at = f"conditions[{i}]"
        if not isinstance(raw, dict):
            problems.append(doc.at("wrong-type", at, key=at, expected="映射", actual=type(raw).__name__, value=raw))
            continue
        for key in raw:
            if key not in _KEYS:
                problems.append(doc.at("unknown-key", f"{at}.{key}", key=key, suggestion=suggest(key, sorted(_KEYS))))
        missing = [k for k in _REQUIRED if not raw.get(k)]
        for key in missing:
            problems.append(doc.at("missing-key", at, key=key, parent=at))
        if missing:
            continue
        if raw["id"] in seen:
            problems.append(doc.at("duplicate-id", f"{at}.id", kind="结案条件", value=raw["id"], other="前文"))
        seen.add(raw["id"])
        if raw["action"] not in ACTIONS:
            problems.append(doc.at("bad-value", f"{at}.action", key="action", value=raw["action"], detail="不是已知的处理方式。", hint=suggest(str(raw["action"]), ACTIONS)))
        cites = raw["cite"]
        cites = [cites] if isinstance(cites, str) else list(cites)
        for j, c in enumerate(cites):
            reason = sources.check(c)
            if reason:
                problems.append(doc.at("bad-value", f"{at}.cite[{j}]", key="cite", value=c, detail=reason, hint=reason))
        items.append(Condition(raw["id"], raw["label"], raw["detail"], raw["action"], raw.get("record", ""), tuple(cites)))
    if not items and not problems:
        problems.append(doc.at("missing-key", "", key="conditions", parent="文件顶层"))
    when = []
    for i, raw in enumerate(data.get("when_several") or []):
        raw = raw if isinstance(raw, dict) else {}
        if raw.get("choose") not in seen:
            problems.append(doc.at("unknown-reference", f"when_several[{i}].choose", key="choose", kind="结案条件", value=raw.get("choose"), suggestion=suggest(str(raw.get("choose")), sorted(seen))))
        when.append((str(raw.get("situation", "")), str(raw.get("choose", "")), str(raw.get("why", ""))))
    if problems:
        return None, problems
    return Conditions(tuple(items), tuple(when)), []


def load(ctx: Context) -> tuple[Conditions | None, list[Problem]]:
    doc, problems = load_yaml(ctx.project.data / FILE, ctx.project.root)
    if doc is None:
        return None, problems
    return parse(doc, ctx.models["sources"])


def render_table(conditions: Conditions, source_text) -> str:
    """Markdown table: one row per condition, numbered as on the checker."""
    rows = ["| # | 情形 | 怎么判断 | 怎么处理 | 来源 |", "| --- | --- | --- | --- | --- |"]
    for n, c in enumerate(conditions.items, 1):
        action = f"**{escape(c.action)}**" + (f"<br>{escape(c.record)}" if c.record else "")
        cites = "；".join(escape(source_text(x)) for x in c.cites)
        rows.append(f"| {n} | {escape(c.label)} | {escape(c.detail)} | {action} | {cites} |")
    if conditions.when_several:
        numbers = {c.id: n for n, c in enumerate(conditions.items, 1)}
        labels = {c.id: c.label for c in conditions.items}
        rows += ["", "**几条同时符合时按哪一条：** 来源没有规定，下面是本手册的做法。", "", "| 情况 | 按哪一条 | 为什么 |", "| --- | --- | --- |"]
        for situation, choose, why in conditions.when_several:
            rows.append(f"| {escape(situation)} | 第 {numbers[choose]} 条：{escape(labels[choose])} | {escape(why)} |")
    return "\n".join(rows) + "\n"


def macros(ctx: Context) -> dict:
    conditions: Conditions = ctx.models[NAME]
    source_text = ctx.models["sources"].text

    def termination_table() -> Markup:
        """``{{ termination_table() }}``: every closing/referral condition with sources."""
        return Markup(render_table(conditions, source_text))

    return {"termination_table": termination_table, "termination_conditions": conditions.items}
