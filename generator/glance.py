"""Answers in one place: the "一页看懂" table and the organisation's judgements.

A task page (开案, 结案, 办小组 …) shows its deadlines, approvers and forms in one
table, rendered from data/rules/deadlines.yaml, and the situations the sources
leave open as boxes rendered from ``judgements`` in data/settings.yaml, so the
reader does not assemble the answer from three pages.
"""

from __future__ import annotations

import posixpath

import jinja2
from markupsafe import Markup, escape

from generator.context import Context
from generator.problems import problem

NAME = "glance"


_KEYS = ("title", "sources", "adopted")


def load(ctx: Context):
    """The judgements, each checked for its three texts (the model is the dict)."""
    problems = []
    for key, value in ctx.settings.judgements.items():
        for part in _KEYS:
            if not isinstance(value, dict) or not isinstance(value.get(part), str) or not value.get(part):
                problems.append(problem("missing-key", "data/settings.yaml", f"judgements.{key}", key=part, parent=f"judgements.{key}"))
    return dict(ctx.settings.judgements), problems


def _form_link(ctx: Context, form_id: str, page: str) -> str:
    forms = ctx.models.get("forms")
    found = forms.by_id.get(form_id) if forms is not None else None
    if found is None:
        return f"《{escape(form_id)}》"
    href = posixpath.relpath(f"forms/{form_id}/index.md", posixpath.dirname(page) or ".")
    return f"[《{escape(found.title)}》]({href})"


def macros(ctx: Context) -> dict:
    rules = ctx.models["rules"]
    judgements = ctx.settings.judgements

    @jinja2.pass_context
    def glance(context, *rule_ids: str) -> Markup:
        """``{{ glance("case_opening_submit", "case_first_meeting") }}``: one row per
        deadline — what, when, who does it and who approves, which forms."""
        page = context["page_path"]
        rows = ["| 事项 | 期限 | 谁做 → 交给谁 / 谁批 | 用哪张表 |", "| --- | --- | --- | --- |"]
        for rule_id in rule_ids:
            r = rules.rules[rule_id]
            who = " → ".join(escape(x) for x in (r.who, r.to) if x)
            forms = "、".join(_form_link(ctx, f, page) for f in r.forms) or "—"
            rows.append(f"| {escape(r.title)} | **{escape(r.text)}** | {who} | {forms} |")
        return Markup("\n".join(rows) + "\n")

    def judgement(key: str) -> Markup:
        """``{{ judgement("late_plan") }}``: a situation the sources leave open, what
        they say, and what the organisation adopts (data/settings.yaml judgements)."""
        if key not in judgements:
            raise KeyError(f"data/settings.yaml 的 judgements 里没有“{key}”。")
        j = judgements[key]
        return Markup(
            f'!!! rule "本机构的做法：{escape(j["title"])}"\n\n'
            f"    **本机构采用：{escape(j['adopted'])}**\n\n"
            f"    *来源怎么说：* {escape(j['sources'])}\n"
        )

    def judgement_text(key: str) -> str:
        """``{{ judgement_text("client_returns") }}``: the adopted practice as one sentence,
        for summary tables (the full box with the sources is ``judgement``)."""
        if key not in judgements:
            raise KeyError(f"data/settings.yaml 的 judgements 里没有“{key}”。")
        return str(judgements[key]["adopted"])

    return {"glance": glance, "judgement": judgement, "judgement_text": judgement_text}
