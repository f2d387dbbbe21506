"""The pure scoring core: ``score(input) -> result`` for 督导助理选拔总成绩.

总成绩 = 笔试 × 30% + 面试 × 30% + 加分 (caps per 附表2), rounded half-up to
2 decimals only at the end. Every number comes from the rules data
(data/scoring/supervisor_selection.yaml); ``score.js`` is a line-by-line
mirror of this module and the golden cases keep the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.scoring.inputs import ScoreInputError, validate
from generator.scoring.numbers import add, dec, fmt, mul_percent, round2, to_json
from generator.scoring.spec import input_spec

GROUPS = ("political", "education", "service", "research")


@dataclass
class Item:
    """One line of the working: what was claimed, its points, whether it counts."""

    group: str
    kind: str
    index: int  # position in its input list (0-based), -1 for single fields
    label: str
    points: Decimal
    counted: bool = True


@dataclass
class Working:
    items: list[Item] = field(default_factory=list)
    raw: dict = field(default_factory=dict)  # group -> sum before its cap
    capped: dict = field(default_factory=dict)  # group -> points after its cap
    notes: list[str] = field(default_factory=list)


def _threshold(value: Decimal, thresholds: list[dict]) -> tuple[Decimal, str]:
    """Points of the first band that ``value`` reaches, and the band in words."""
    for band in thresholds:
        if "at_least" in band and value >= dec(band["at_least"]):
            return dec(band["points"]), f"满 {fmt(band['at_least'])} 年"
        if "more_than" in band and value > dec(band["more_than"]):
            return dec(band["points"]), f"多于 {fmt(band['more_than'])} 年"
    return Decimal(0), ""


def _dedupe(w: Working, items: list[Item], keys: list, what: str, same: str) -> None:
    """Among items sharing a key keep the first highest; note the others as not counted."""
    groups: dict = {}
    for item, key in zip(items, keys):
        if key is not None:
            groups.setdefault(key, []).append(item)
    for key, members in groups.items():
        if len(members) < 2:
            continue
        best = members[0]
        for m in members[1:]:
            if m.points > best.points:
                best = m
        for m in members:
            m.counted = m is best
        numbers = "、".join(str(m.index + 1) for m in members)
        w.notes.append(f"{what}第 {numbers} 项是{same(key)}，只计最高的第 {best.index + 1} 项 {fmt(best.points)} 分，其余不重复计分。")


def _cap(w: Working, group: str, label: str, raw: Decimal, cap) -> Decimal:
    w.raw[group] = raw
    capped = min(raw, dec(cap))
    w.capped[group] = capped
    if raw > capped:
        w.notes.append(f"{label}小计 {fmt(raw)} 分，超过 {fmt(cap)} 分上限，按 {fmt(cap)} 分计。")
    else:
        w.notes.append(f"{label}小计 {fmt(raw)} 分（上限 {fmt(cap)} 分）。")
    return capped


def _political(w: Working, data: dict, x: dict) -> None:
    g = data["groups"]["political"]
    rule = g["media_coverage"]
    levels = data["levels"]
    raw = Decimal(0)
    if x["media_coverage"]:
        best = max(x["media_coverage"], key=lambda lv: dec(rule["points"][lv]))
        raw = dec(rule["points"][best])
        w.items.append(Item("political", "media_coverage", -1, f"{levels[best]}主流媒体专题报道", raw))
        extra = "；多项报道只按最高一项计分" if len(set(x["media_coverage"])) > 1 else ""
        w.notes.append(f"思想政治：{levels[best]}主流媒体专题报道，计 {fmt(raw)} 分{extra}。")
    _cap(w, "political", g["label"], raw, g["cap"])


def _education(w: Working, data: dict, x: dict) -> None:
    g = data["groups"]["education"]
    rule = g["qualifications"]
    raw = Decimal(0)
    chosen = list(dict.fromkeys(x["qualifications"]))
    if chosen:
        best = max(chosen, key=lambda q: dec(rule["points"][q]))
        raw = dec(rule["points"][best])
        names = "、".join(rule["labels"][q] for q in chosen)
        w.items.append(Item("education", "qualifications", -1, rule["labels"][best], raw))
        if len(chosen) > 1:
            w.notes.append(f"学历、学位：{names}，不累加，只取最高一项 {fmt(raw)} 分。")
        else:
            w.notes.append(f"学历、学位：{names}，计 {fmt(raw)} 分。")
    _cap(w, "education", g["label"], raw, g["cap"])


def _service(w: Working, data: dict, x: dict) -> None:
    g = data["groups"]["service"]
    levels, ranks = data["levels"], data["ranks"]
    parts: list[Decimal] = []
    ex = g["excellent_ratings"]
    n = x["excellent_ratings"]
    if n:
        pts = min(dec(ex["points_each"]) * n, dec(ex["cap"]))
        parts.append(pts)
        w.items.append(Item("service", "excellent_ratings", -1, f"年度考核优秀 {n} 次", pts))
        w.notes.append(f"年度考核优秀 {n} 次 × {fmt(ex['points_each'])} 分 = {fmt(pts)} 分（上限 {fmt(ex['cap'])} 分）。")
    for key, what in (("dongguan_years", "东莞服务年限"), ("outside_supervisor_years", "外地督导年限")):
        years = x[key]
        if years > 0:
            pts, band = _threshold(years, g[key]["thresholds"])
            parts.append(pts)
            if pts > 0:
                w.items.append(Item("service", key, -1, f"{what} {fmt(years)} 年", pts))
                w.notes.append(f"{what} {fmt(years)} 年，{band}，计 {fmt(pts)} 分。")
            else:
                lowest = g[key]["thresholds"][-1]
                w.notes.append(f"{what} {fmt(years)} 年，不足 {fmt(lowest.get('at_least', lowest.get('more_than')))} 年，不加分。")
    aw = g["service_awards"]
    items, keys = [], []
    for i, a in enumerate(x["service_awards"]):
        base = dec(aw["points"][a["level"]][a["rank"] - 1])
        role = aw["roles"][a["role"]]
        pts = mul_percent(base, role["percent"])
        where = ""
        if a["project"]:
            where += f"，项目“{a['project']}”"
        if a["year"] is not None:
            where += f"，{a['year']} 年"
        label = f"{levels[a['level']]}{ranks[a['rank'] - 1]}（{role['label']}）"
        item = Item("service", "service_awards", i, label + where, pts)
        items.append(item)
        keys.append((a["project"], a["year"]) if a["project"] and a["year"] is not None else None)
        w.items.append(item)
        w.notes.append(f"服务成效奖第 {i + 1} 项：{label}{where}，{fmt(base)} 分 × {fmt(role['percent'])}% = {fmt(pts)} 分。")
    _dedupe(w, items, keys, "服务成效奖", lambda k: f"同一项目“{k[0]}”同一年度（{k[1]} 年）的奖项")
    if items:
        total = add(*(it.points for it in items if it.counted))
        capped = min(total, dec(aw["cap"]))
        if total > capped:
            w.notes.append(f"服务成效奖合计 {fmt(total)} 分，超过 {fmt(aw['cap'])} 分上限，按 {fmt(aw['cap'])} 分计。")
        parts.append(capped)
    _cap(w, "service", g["label"], add(*parts), g["cap"])


def _research(w: Working, data: dict, x: dict) -> None:
    g = data["groups"]["research"]
    levels, ranks = data["levels"], data["ranks"]
    parts: list[Decimal] = []
    rp = g["research_projects"]
    items, keys = [], []
    for i, p in enumerate(x["research_projects"]):
        lv = levels[p["level"]]
        host = dec(rp["host_points"][p["level"]])
        where = f"（“{p['project']}”）" if p["project"] else ""
        if p["role"] == "host":
            pts = host
            note = f"课题第 {i + 1} 项：{lv}课题主持人{where}，计 {fmt(pts)} 分。"
            label = f"{lv}课题主持人"
        else:
            limit = rp["member_rank_limit"][p["level"]]
            rank = p["member_rank"]
            label = f"{lv}课题成员第 {rank} 名"
            if rank <= limit:
                pts = mul_percent(host, rp["member_percent"])
                note = f"课题第 {i + 1} 项：{label}{where}（{lv}限前 {limit} 名），{fmt(host)} 分 × {fmt(rp['member_percent'])}% = {fmt(pts)} 分。"
            else:
                pts = Decimal(0)
                note = f"课题第 {i + 1} 项：{label}{where}，超出{lv}前 {limit} 名的限制，不计分。"
        item = Item("research", "research_projects", i, label + where, pts)
        items.append(item)
        keys.append(p["project"] or None)
        w.items.append(item)
        w.notes.append(note)
    _dedupe(w, items, keys, "课题", lambda k: f"同一课题“{k}”")
    parts += [it.points for it in items if it.counted]

    pp = g["papers"]
    for i, p in enumerate(x["papers"]):
        venue = pp["venues"][p["venue"]]
        base = dec(venue["points"])
        author = p["author"]
        percent = pp["author_percent"].get(author, pp["author_percent"].get(str(author), 0))
        pts = mul_percent(base, percent)
        who = "第一作者（或独立作者）" if author == 1 else f"第 {author} 作者"
        if author == 1:
            note = f"论文第 {i + 1} 项：{venue['label']}，{who}，计 {fmt(pts)} 分。"
        elif percent:
            note = f"论文第 {i + 1} 项：{venue['label']}，{who}，{fmt(base)} 分 × {fmt(percent)}% = {fmt(pts)} 分。"
        else:
            note = f"论文第 {i + 1} 项：{venue['label']}，{who}，不计分。"
        w.items.append(Item("research", "papers", i, f"{venue['label']}，{who}", pts))
        w.notes.append(note)
        parts.append(pts)

    bt = g["books"]["types"]
    for i, b in enumerate(x["books"]):
        t = bt[b["type"]]
        role = t["roles"][b["role"]]
        pts = dec(role["points"])
        label = f"{t['label']}（{role['label']}）"
        w.items.append(Item("research", "books", i, label, pts))
        w.notes.append(f"著作第 {i + 1} 项：{label}，计 {fmt(pts)} 分。")
        parts.append(pts)

    rep = g["reports"]
    for i, r in enumerate(x["reports"]):
        size = "long" if r["long"] else "short"
        pts = dec(rep["points"][size][r["level"]])
        label = f"{levels[r['level']]}通讯报道（{rep[size + '_label']}）"
        w.items.append(Item("research", "reports", i, label, pts))
        w.notes.append(f"通讯报道第 {i + 1} 项：{label}，计 {fmt(pts)} 分。")
        parts.append(pts)

    cp = g["competitions"]
    for i, c in enumerate(x["competitions"]):
        base = dec(cp["points"][c["level"]][c["rank"] - 1])
        label = f"{levels[c['level']]}比赛{ranks[c['rank'] - 1]}"
        if c["team"]:
            pts = mul_percent(base, cp["team_percent"])
            label += "（团体）"
            note = f"比赛获奖第 {i + 1} 项：{label}，{fmt(base)} 分 × {fmt(cp['team_percent'])}% = {fmt(pts)} 分。"
        else:
            pts = base
            label += "（个人）"
            note = f"比赛获奖第 {i + 1} 项：{label}，计 {fmt(pts)} 分。"
        w.items.append(Item("research", "competitions", i, label, pts))
        w.notes.append(note)
        parts.append(pts)
    _cap(w, "research", g["label"], add(*parts), g["cap"])


def evaluate(data: dict, x: dict) -> tuple[dict, Working]:
    """Score a validated input ``x``; the result plus the full working."""
    f = data["formula"]
    w = Working()
    written, interview = x["written"], x["interview"]
    passed = written >= dec(f["pass_mark"])
    if passed:
        w.notes.append(f"笔试 {fmt(written)} 分，达到 {fmt(f['pass_mark'])} 分及格线（含 {fmt(f['pass_mark'])} 分），计入总成绩；面试不设及格线。")
    else:
        w.notes.append(f"笔试 {fmt(written)} 分，低于 {fmt(f['pass_mark'])} 分及格线，落选：不计总成绩（加分照列，供参考）。")
    _political(w, data, x)
    _education(w, data, x)
    _service(w, data, x)
    _research(w, data, x)
    bonus_total = add(*(w.capped[g] for g in GROUPS))
    w.notes.append("加分合计：" + " + ".join(fmt(w.capped[g]) for g in GROUPS) + f" = {fmt(bonus_total)} 分。")
    places = f["decimals"]
    total = None
    if passed:
        wp, ip = mul_percent(written, f["written_percent"]), mul_percent(interview, f["interview_percent"])
        exact = add(wp, ip, bonus_total)
        total = round2(exact, places)
        text = (
            f"总成绩 = 笔试 {fmt(written)} × {fmt(f['written_percent'])}% + 面试 {fmt(interview)} × {fmt(f['interview_percent'])}%"
            f" + 加分 {fmt(bonus_total)} = {fmt(wp)} + {fmt(ip)} + {fmt(bonus_total)} = {fmt(exact)}"
        )
        if exact != total:
            text += f"，四舍五入保留 {places} 位小数为 {fmt(total)}"
        w.notes.append(text + " 分。")
    bonus = {g: to_json(round2(w.capped[g], places)) for g in GROUPS}
    bonus["total"] = to_json(round2(bonus_total, places))
    result = {
        "written_passed": passed,
        "bonus": bonus,
        "total": None if total is None else to_json(total),
        "notes": list(w.notes),
    }
    return result, w


def score(data_input, data: dict | None = None) -> dict:
    """The contract: input dict → result dict. Raises ScoreInputError on bad input."""
    if data is None:
        from generator.scoring.model import default_rules

        data = default_rules().data
    x, errors = validate(input_spec(data), data_input)
    if errors:
        raise ScoreInputError(errors)
    return evaluate(data, x)[0]
