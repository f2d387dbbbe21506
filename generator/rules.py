"""Adopted deadlines (data/rules/deadlines.yaml): model, validation, rendering.

The handbook, the form checker and the deadline calculator all read this one
file, so a deadline is changed in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from generator.context import Context, Staging
from generator.problems import Problem, suggest
from generator.yamlsrc import YamlDoc, load_yaml

NAME = "rules"
FILE = Path("rules") / "deadlines.yaml"
TOPICS = ("个案", "小组", "社区活动", "档案", "自查与总结", "督导与人事", "投诉与反馈")
UNITS = {
    "calendar_day": "天",
    "working_day": "个工作日",
    "month": "个月",
    "next_month_day": "次月{n}日前",
    "next_quarter_first_month_day": "下季度第一个月{n}日前",
}
DIRECTIONS = {"before": "前", "after": "后"}


@dataclass(frozen=True)
class Other:
    text: str
    cite: str


@dataclass(frozen=True)
class Rule:
    id: str
    topic: str
    title: str
    event: str
    amount: int
    unit: str
    direction: str
    text: str
    who: str
    to: str
    forms: tuple[str, ...]
    cites: tuple[str, ...]
    why: str
    others: tuple[Other, ...]
    question: str = ""
    applies: str = ""

    def period(self) -> str:
        """``3 个工作日内``, ``提前 14 天``, ``次月5日前``, ``当天``: the period as a phrase."""
        unit = UNITS[self.unit]
        if self.amount == 0 and self.unit == "calendar_day":
            return "当天"
        if "{n}" in unit:
            return unit.format(n=self.amount)
        if self.direction == "before":
            return f"提前 {self.amount} {unit}"
        return f"{self.amount} {unit}内"

    def span(self) -> str:
        """``14 天前``, ``3 个工作日后``, ``次月5日前``: the amount in words."""
        unit = UNITS[self.unit]
        if self.amount == 0 and self.unit == "calendar_day":
            return "当天"
        if "{n}" in unit:
            return unit.format(n=self.amount)
        return f"{self.amount} {unit}{DIRECTIONS[self.direction]}"


@dataclass(frozen=True)
class Question:
    """One question several adopted rules answer together, each for its own cases."""

    id: str
    title: str
    why: str


@dataclass(frozen=True)
class Rules:
    events: dict[str, str]
    rules: dict[str, Rule]
    questions: dict[str, Question] = field(default_factory=dict)

    def siblings(self, rule: Rule) -> list[Rule]:
        """Every adopted rule answering the same question as ``rule`` (itself included)."""
        if not rule.question:
            return [rule]
        return [r for r in self.rules.values() if r.question == rule.question]

    def by_topic(self, topic: str) -> list[Rule]:
        return [r for r in self.rules.values() if r.topic == topic]

    def to_json(self) -> dict:
        """Plain data for the browser (checker, deadline calculator)."""
        return {
            "events": self.events,
            "rules": [
                {
                    "id": r.id,
                    "topic": r.topic,
                    "title": r.title,
                    "event": r.event,
                    "amount": r.amount,
                    "unit": r.unit,
                    "direction": r.direction,
                    "text": r.text,
                    "who": r.who,
                    "to": r.to,
                    "forms": list(r.forms),
                    "cites": list(r.cites),
                }
                for r in self.rules.values()
            ],
        }


_RULE_KEYS = {"id", "topic", "title", "event", "adopted", "why", "others", "question", "applies"}
_ADOPTED_KEYS = {"amount", "unit", "direction", "who", "to", "forms", "text", "cite"}


def parse(doc: YamlDoc, sources) -> tuple[Rules | None, list[Problem]]:
    """Validate the YAML document and build the model; collect every problem."""
    problems: list[Problem] = []
    data = doc.data if isinstance(doc.data, dict) else {}
    events = data.get("events") or {}
    rules: dict[str, Rule] = {}
    for i, raw in enumerate(data.get("rules") or []):
        at = f"rules[{i}]"
        if not isinstance(raw, dict):
            problems.append(doc.at("wrong-type", at, key=at, expected="映射", actual=type(raw).__name__, value=raw))
            continue
        for key in raw:
            if key not in _RULE_KEYS:
                problems.append(doc.at("unknown-key", f"{at}.{key}", key=key, suggestion=suggest(key, sorted(_RULE_KEYS))))
        missing = [k for k in ("id", "topic", "title", "event", "adopted") if k not in raw]
        for key in missing:
            problems.append(doc.at("missing-key", at, key=key, parent=at))
        if missing:
            continue
        adopted = raw["adopted"] or {}
        for key in adopted:
            if key not in _ADOPTED_KEYS:
                problems.append(doc.at("unknown-key", f"{at}.adopted.{key}", key=key, suggestion=suggest(key, sorted(_ADOPTED_KEYS))))
        for key in ("amount", "unit", "direction", "text", "cite"):
            if key not in adopted:
                problems.append(doc.at("missing-key", f"{at}.adopted", key=key, parent=f"{at}.adopted"))
        if raw["id"] in rules:
            problems.append(doc.at("duplicate-id", f"{at}.id", kind="规则", value=raw["id"], other="前文"))
        if raw["topic"] not in TOPICS:
            problems.append(doc.at("bad-value", f"{at}.topic", key="topic", value=raw["topic"], detail="不是已知的主题。", hint=suggest(str(raw["topic"]), TOPICS)))
        if raw["event"] not in events:
            problems.append(doc.at("unknown-reference", f"{at}.event", key="event", kind="事件", value=raw["event"], suggestion=suggest(str(raw["event"]), events)))
        if adopted.get("unit") not in UNITS:
            problems.append(doc.at("bad-value", f"{at}.adopted.unit", key="unit", value=adopted.get("unit"), detail="不是已知的单位。", hint=suggest(str(adopted.get("unit")), UNITS)))
        if adopted.get("direction") not in DIRECTIONS:
            problems.append(doc.at("bad-value", f"{at}.adopted.direction", key="direction", value=adopted.get("direction"), detail="只能是 before 或 after。", hint="写 before（事件之前）或 after（事件之后）。"))
        amount = adopted.get("amount")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
            problems.append(doc.at("wrong-type", f"{at}.adopted.amount", key="amount", expected="非负整数", actual=type(amount).__name__, value=amount))
        cites = adopted.get("cite") or []
        cites = [cites] if isinstance(cites, str) else list(cites)
        others = []
        for j, other in enumerate(raw.get("others") or []):
            others.append(Other(text=str(other.get("text", "")), cite=str(other.get("cite", ""))))
            cites_to_check = [(f"{at}.others[{j}].cite", other.get("cite"))]
            for path, c in cites_to_check:
                reason = sources.check(c)
                if reason:
                    problems.append(doc.at("bad-value", path, key="cite", value=c, detail=reason, hint=reason))
        for j, c in enumerate(cites):
            reason = sources.check(c)
            if reason:
                problems.append(doc.at("bad-value", f"{at}.adopted.cite[{j}]", key="cite", value=c, detail=reason, hint=reason))
        if others and not raw.get("why"):
            problems.append(doc.at("missing-key", at, key="why", parent=f"{at}（有 others 时要说明为什么采用这一条）"))
        if problems:
            continue
        rules[raw["id"]] = Rule(
            id=raw["id"],
            topic=raw["topic"],
            title=raw["title"],
            event=raw["event"],
            amount=amount,
            unit=adopted["unit"],
            direction=adopted["direction"],
            text=adopted["text"],
            who=adopted.get("who", ""),
            to=adopted.get("to", ""),
            forms=tuple(adopted.get("forms") or ()),
            cites=tuple(cites),
            why=raw.get("why", ""),
            others=tuple(others),
            question=str(raw.get("question") or ""),
            applies=str(raw.get("applies") or ""),
        )
    questions, found = _questions(doc, data, list(rules.values()))
    problems += found
    if problems:
        return None, problems
    return Rules(events=dict(events), rules=rules, questions=questions), []


def _questions(doc: YamlDoc, data: dict, rules: list[Rule]) -> tuple[dict[str, Question], list[Problem]]:
    """One question, one adopted rule: rules sharing a question must each say which cases they cover."""
    problems: list[Problem] = []
    questions = {}
    for qid, raw in (data.get("questions") or {}).items():
        raw = raw if isinstance(raw, dict) else {}
        if not raw.get("title"):
            problems.append(doc.at("missing-key", f"questions.{qid}", key="title", parent=f"questions.{qid}"))
        questions[str(qid)] = Question(id=str(qid), title=str(raw.get("title", "")), why=str(raw.get("why", "")))
    for i, rule in enumerate(rules):
        if rule.question and rule.question not in questions:
            problems.append(doc.at("unknown-reference", f"rules[{i}].question", key="question", kind="问题", value=rule.question, suggestion=suggest(rule.question, questions)))
    groups: dict[str, list[Rule]] = {}
    for rule in rules:
        if rule.question:
            groups.setdefault(rule.question, []).append(rule)
    for qid, members in groups.items():
        for rule in members:
            if len(members) > 1 and not rule.applies:
                problems.append(doc.at("rule-overlap", f"rules.{rule.id}", rule=rule.id, question=qid, others="、".join(r.id for r in members if r is not rule)))
    # Two rules with the same event and title answer one question even without saying so.
    seen: dict[tuple[str, str], Rule] = {}
    for rule in rules:
        key = (rule.event, rule.title)
        if key in seen and not (rule.question and rule.question == seen[key].question):
            problems.append(doc.at("rule-overlap", f"rules.{rule.id}", rule=rule.id, question=rule.title, others=seen[key].id))
        seen[key] = rule
    return questions, problems


def load(ctx: Context) -> tuple[Rules | None, list[Problem]]:
    doc, problems = load_yaml(ctx.project.data / FILE, ctx.project.root)
    if doc is None:
        return None, problems
    return parse(doc, ctx.models["sources"])


def render_rule(rule: Rule, source_text) -> str:
    """An admonition: the adopted rule with who/whom and sources, others beside it."""
    def cites(items):
        return "；".join(escape(source_text(c)) for c in items)

    lines = [f'!!! rule "{escape(rule.title)}"', ""]
    body = [f"**本手册采用：{escape(rule.text)}**"]
    if rule.who or rule.to:
        parts = []
        if rule.who:
            parts.append(f"谁做：{escape(rule.who)}")
        if rule.to:
            parts.append(f"交给 / 审批：{escape(rule.to)}")
        body.append("　".join(parts))
    body.append(f'<span class="cite">来源：{cites(rule.cites)}</span>')
    if rule.others:
        body.append(f"*为什么采用这一条：* {escape(rule.why)}")
        body.append("")
        body.append("| 其他来源的规定 | 来源 |")
        body.append("| --- | --- |")
        for other in rule.others:
            body.append(f"| {escape(other.text)} | {escape(source_text(other.cite))} |")
    for b in body:
        lines.append(f"    {b}" if b else "")
        if b and not b.startswith("|"):
            lines.append("")
    return "\n".join(lines) + "\n"


def render_question(question: Question, members: list[Rule], source_text) -> str:
    """One box for one question: each adopted rule with the cases it covers."""
    lines = [f'!!! rule "{escape(question.title)}"', ""]
    body = [f"本手册对这个问题采用 {len(members)} 条规定，各管一种情况：", ""]
    for r in members:
        who = "　".join(x for x in (f"谁做：{escape(r.who)}" if r.who else "", f"交给 / 审批：{escape(r.to)}" if r.to else "") if x)
        cite = f'<span class="cite">来源：{"；".join(escape(source_text(c)) for c in r.cites)}</span>'
        body.append(f"- **{escape(r.applies)}**：{escape(r.text)}。<br>" + (f"{who}<br>" if who else "") + cite)
    body.append("")
    if question.why:
        body.append(f"*哪条什么时候适用：* {escape(question.why)}")
    for b in body:
        lines.append(f"    {b}" if b else "")
    return "\n".join(lines) + "\n"


def macros(ctx: Context) -> dict:
    rules: Rules = ctx.models[NAME]
    source_text = ctx.models["sources"].text

    def get(rule_id: str) -> Rule:
        if rule_id not in rules.rules:
            raise KeyError(f"data/{FILE.as_posix()} 中没有规则“{rule_id}”。{suggest(rule_id, rules.rules)}")
        return rules.rules[rule_id]

    def rule(rule_id: str) -> Markup:
        """``{{ rule("group_plan_submit") }}``: the full rule box (one box per question)."""
        found = get(rule_id)
        members = rules.siblings(found)
        if len(members) > 1:
            return Markup(render_question(rules.questions[found.question], members, source_text))
        return Markup(render_rule(found, source_text))

    def rule_text(rule_id: str) -> str:
        """``{{ rule_text("group_report") }}``: the adopted rule as one phrase."""
        return get(rule_id).text

    def deadline(rule_id: str) -> str:
        """``{{ deadline("case_closing_report") }}`` → ``3 个工作日内``: the bare period, for
        diagrams and tables where the whole sentence of ``rule_text`` is too long."""
        text = get(rule_id).period()
        # "的 5 个工作日内": a leading number gets the same space as in the rule texts
        return f" {text}" if text[:1].isdigit() else text

    def deadline_table(topic: str) -> Markup:
        """``{{ deadline_table("个案") }}``: every adopted deadline of a topic."""
        return Markup(_table(rules.by_topic(topic), rules, source_text))

    return {
        "rule": rule,
        "rule_text": rule_text,
        "deadline": deadline,
        # the Rule itself, for worked examples that compute a date from its amount
        "deadline_rule": get,
        "deadline_table": deadline_table,
    }


def _table(items: list[Rule], rules: Rules, source_text) -> str:
    rows = ["| 事项 | 起算事件 | 期限 | 谁做 → 交给谁 | 来源 |", "| --- | --- | --- | --- | --- |"]
    for r in items:
        flag = " ⚖" if r.others else ""
        who = " → ".join(x for x in (r.who, r.to) if x)
        rows.append(
            f"| {escape(r.title)}{flag} | {escape(rules.events[r.event])} | **{escape(r.span())}** | {escape(who)} | {escape('；'.join(source_text(c) for c in r.cites))} |"
        )
    return "\n".join(rows) + "\n"


def pages(ctx: Context, out: Staging) -> None:
    """The generated 关键时限一览 page, one section per topic."""
    rules: Rules = ctx.models[NAME]
    source_text = ctx.models["sources"].text
    parts = [
        "---",
        "generated_from: data/rules/deadlines.yaml",
        "---",
        "",
        "# 关键时限一览（计划书、报告、结案、归档的期限）",
        "",
        "本页列出手册采用的全部办理时限。标 ⚖ 的事项各来源规定不同，点开对应章节可看到其他来源的规定和采用理由。",
        "",
        "## 工作日、自然日怎么算",
        "",
        "- **工作日**：不算周六、周日和国家法定节假日；节假日前后的调休上班日（补班的周末）算工作日。",
        "- **天 / 自然日**：日历上的每一天都算，周末和节假日也算。",
        "- **次月 5 日前、下季度第一个月 20 日前**：按日历日期算，到这一天为止。",
        "",
        "想知道某个日期之后的具体截止日，用[办理时限计算](../tools/deadlines/index.md)：选事件、填日期，全部期限自动算出，节假日和调休已计入。",
        "",
    ]
    for topic in TOPICS:
        items = rules.by_topic(topic)
        if not items:
            continue
        parts += [f"## {topic}", "", _table(items, rules, source_text)]
        shown: set[str] = set()
        for r in items:
            if r.question and r.question not in shown and len(rules.siblings(r)) > 1:
                shown.add(r.question)
                parts.append(render_question(rules.questions[r.question], rules.siblings(r), source_text))
            elif r.others:
                parts.append(render_rule(r, source_text))
    out.write_text("rules/deadlines.md", "\n".join(parts), by="data/rules/deadlines.yaml")
