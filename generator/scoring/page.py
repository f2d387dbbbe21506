"""Render the bonus table and the calculator page from the scoring rules.

Everything a supervisor reads (points, caps, options, sources) is taken from
the rules data, so the page, the handbook table and the calculator agree.
All HTML is generated here from trusted data; the browser script only ever
sets user input through ``textContent`` / ``value``.
"""

from __future__ import annotations

import json

from markupsafe import escape

from generator.scoring.numbers import fmt
from generator.scoring.spec import input_spec

PAGE = "calculators/supervisor-selection/index.md"
ASSET_DIR = "calculators/supervisor-selection"


def _levels_text(data: dict, points: dict, sep: "str" = "，") -> str:
    return sep.join(f"{data['levels'][lv]} {fmt(points[lv])}" for lv in data["levels"])


def _ranked_text(data: dict, points: dict) -> str:
    ranks = "/".join(r[:1] for r in data["ranks"])  # 一/二/三
    parts = [f"{data['levels'][lv]} {'/'.join(fmt(p) for p in points[lv])}" for lv in data["levels"]]
    return f"{ranks}等奖：" + "；".join(parts)


def _bands_text(bands: list[dict]) -> str:
    """满 3 年 10 分；满 1 年不足 3 年 6 分；多于 0 年不足 1 年 3 分."""
    out = []
    previous = None
    for b in bands:
        lower = f"满 {fmt(b['at_least'])} 年" if "at_least" in b else f"多于 {fmt(b['more_than'])} 年"
        upper = f"不足 {fmt(previous)} 年" if previous is not None else ""
        out.append(f"{lower}{upper} {fmt(b['points'])} 分")
        previous = b.get("at_least", b.get("more_than"))
    return "；".join(out) + "；不满最低一档不加分"


def bonus_rows(data: dict) -> list[tuple[str, str, str, str]]:
    """(类别, 项目, 计分标准, cite) for every bonus item, in the source's order."""
    g = data["groups"]
    pol, edu, srv, res = g["political"], g["education"], g["service"], g["research"]
    aw, rp, pp, rep, cp = (srv["service_awards"], res["research_projects"], res["papers"], res["reports"], res["competitions"])
    q = edu["qualifications"]
    roles = aw["roles"]
    venues = "；".join(f"{v['label']} {fmt(v['points'])} 分" for v in pp["venues"].values())
    authors = "，".join(f"第 {k} 作者 {v}%" for k, v in pp["author_percent"].items() if k != 1)
    books = "；".join(
        f"{t['label']}：" + "，".join(f"{r['label']} {fmt(r['points'])} 分" for r in t["roles"].values())
        for t in res["books"]["types"].values()
    )
    limits = "、".join(f"{data['levels'][lv]}前 {n} 名" for lv, n in rp["member_rank_limit"].items())
    head = lambda grp: f"{grp['label']}（上限 {fmt(grp['cap'])} 分）"
    return [
        (head(pol), pol["media_coverage"]["label"], f"{_levels_text(data, pol['media_coverage']['points'])}；{pol['media_coverage']['rule']}", pol["cite"]),
        (head(edu), q["label"], "；".join(f"{q['labels'][k]} {fmt(v)}" for k, v in q["points"].items()) + f"；{q['rule']}", edu["cite"]),
        (head(srv), srv["excellent_ratings"]["label"], f"每次 {fmt(srv['excellent_ratings']['points_each'])} 分，最多 {fmt(srv['excellent_ratings']['cap'])} 分", srv["excellent_ratings"]["cite"]),
        ("", srv["dongguan_years"]["label"], _bands_text(srv["dongguan_years"]["thresholds"]), srv["dongguan_years"]["cite"]),
        ("", srv["outside_supervisor_years"]["label"], _bands_text(srv["outside_supervisor_years"]["thresholds"]), srv["outside_supervisor_years"]["cite"]),
        ("", f"{aw['label']}（本项上限 {fmt(aw['cap'])} 分）",
         f"{_ranked_text(data, aw['points'])}；{roles['lead']['label']}计 {roles['lead']['percent']}%，{roles['participant']['label']}计 {roles['participant']['percent']}%；{aw['rule']}", aw["cite"]),
        (head(res), rp["label"],
         f"主持：{_levels_text(data, rp['host_points'])}；课题组成员（{limits}）按主持分值的 {rp['member_percent']}% 计，排名靠后不计；{rp['rule']}", rp["cite"]),
        ("", pp["label"], f"{venues}；{authors}，第三及以后作者不计分", pp["cite"]),
        ("", res["books"]["label"], books, res["books"]["cite"]),
        ("", rep["label"], f"{rep['long_label']}：{_levels_text(data, rep['points']['long'])}；{rep['short_label']}：{_levels_text(data, rep['points']['short'])}", rep["cite"]),
        ("", cp["label"], f"{_ranked_text(data, cp['points'])}；团体奖按个人奖分值的 {cp['team_percent']}% 计", cp["cite"]),
    ]


def formula_text(data: dict) -> str:
    f = data["formula"]
    return (f"总成绩 = 笔试 × {f['written_percent']}% + 面试 × {f['interview_percent']}% + 加分；"
            f"笔试满分 {fmt(f['score_max'])} 分，不足 {fmt(f['pass_mark'])} 分落选（恰好 {fmt(f['pass_mark'])} 分通过），面试不设及格线。")


def bonus_table_md(data: dict, source_text) -> str:
    """The handbook's 加分标准 table (Markdown), with the formula above it."""
    lines = [
        "",
        f"**{escape(formula_text(data))}**",
        "",
        "| 类别 | 加分项目 | 计分标准（分） | 来源 |",
        "| --- | --- | --- | --- |",
    ]
    for group, item, rule, cite in bonus_rows(data):
        lines.append(f"| {escape(group)} | {escape(item)} | {escape(rule)} | {escape(source_text(cite))} |")
    lines += ["", f'<span class="cite">评分规则版本 {escape(data["version"])}；来源：{escape(source_text(data["formula"]["cite"]))}；'
                  f'{escape(source_text(data["source_cite"]))}</span>', ""]
    return "\n".join(lines)


def readings_md(data: dict, source_text) -> str:
    rows = ["| 问题 | 本手册的读法 | 来源 |", "| --- | --- | --- |"]
    for r in data["readings"]:
        rows.append(f"| {escape(r['topic'])} | {escape(r['text'])} | {escape(source_text(r['cite']))} |")
    return "\n".join(rows) + "\n"


def browser_data(rules, source_text) -> dict:
    """What rules.js hands to score.js / eligibility.js / calculator.js."""
    cites = set()

    def collect(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if (k == "cite" or str(k).endswith("_cite")) and isinstance(v, str):
                    cites.add(v)
                else:
                    collect(v)
        elif isinstance(node, list):
            for v in node:
                collect(v)

    collect(rules.data)
    collect(rules.eligibility)
    return {
        "version": rules.version,
        "rules": rules.data,
        "spec": input_spec(rules.data),
        "eligibility": rules.eligibility,
        "cite_text": {c: source_text(c) for c in sorted(cites)},
    }


def rules_js(rules, source_text) -> str:
    payload = json.dumps(browser_data(rules, source_text), ensure_ascii=False, sort_keys=False, default=str)
    # "</" cannot end a script here (this is a .js file), but keep it safe if ever inlined.
    payload = payload.replace("</", "<\\/")
    return ("/* Generated from data/scoring/supervisor_selection.yaml and supervisor_eligibility.yaml"
            " by generator/scoring. Do not edit. */\nwindow.SUPERVISOR_SCORING = " + payload + ";\n")
