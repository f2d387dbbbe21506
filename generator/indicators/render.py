"""HTML tables for the indicator pages and macros.

Raw HTML (not Markdown tables) so that each table gets a caption, a scroll
wrapper for phones and print styles for A4; every text is escaped.
"""

from __future__ import annotations

from markupsafe import escape

from generator.indicators.model import ALL_DOMAINS, AnnualItem, Indicators, Standard

MEASURES = {
    "group_min_members": "小组人数",
    "group_min_sessions": "小组节数",
    "group_min_attendance": "小组出勤率",
    "case_min_sessions": "辅导个案节数",
    "lecture_min_people": "讲座人数",
    "lecture_min_minutes": "讲座时长",
    "workshop_min_people": "工作坊人数",
    "large_activity_min_people": "大型社区活动人数",
    "small_activity_min_people": "中小型社区活动人数",
    "annual_satisfaction_min": "服务对象满意率（年度）",
}


def table(headers: list[str], rows: list[list[str]], caption: str = "", classes: str = "", raw: bool = False) -> str:
    """One scrollable table. Cells are escaped unless ``raw`` (already-safe HTML)."""
    cell = (lambda v: str(v)) if raw else (lambda v: str(escape(v)))
    head = "".join(f"<th scope=\"col\">{escape(h)}</th>" for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    # The caption sits outside the scroll box so that on a phone it wraps to
    # the screen width instead of scrolling away with a wide table.
    cap = f'<p class="ind-caption"><strong>{escape(caption)}</strong></p>\n' if caption else ""
    label = f' aria-label="{escape(caption)}"' if caption else ""
    return (
        f'\n\n<div class="ind-block">\n{cap}<div class="ind-scroll" role="region" tabindex="0"{label}>\n'
        f'<table class="ind-table {classes}"{label}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>\n</div>\n\n'
    )


def indicator_table(model: Indicators, domain: str, source_text) -> str:
    """The rebuilt 002 table of one domain, one row per indicator."""
    d = model.domain(domain)
    rows = model.rows_of(d.name)
    has_note = any(r.note for r in rows)
    headers = ["序号", d.first_column, "项目分类", "评估指标", "量化标准"] + (["说明"] if has_note else [])
    body = [[str(r.seq), r.target, r.category, r.indicator, r.standard] + ([r.note] if has_note else []) for r in rows]
    caption = f"{d.name}服务的具体量化指标（共 {len(rows)} 项；来源：{source_text(d.source)}）"
    return table(headers, body, caption, "ind-domain")


def minimum_text(model: Indicators, post_type: str, item: AnnualItem) -> str:
    """The cell as the source writes it (≥30个/年, 根据实际确定)."""
    return model.minimums[(post_type, item.key)].requirement


def volume_amount(item: AnnualItem) -> str:
    """``0.5`` for a consultation: its worth in its group's base unit."""
    v = item.volume
    return str(v.numerator) if v.denominator == 1 else f"{float(v):g}"


def volume_text(model: Indicators, item: AnnualItem) -> str:
    if item.group is None:
        return "不折算，须单独达标"
    group = next(g for g in model.groups if g.key == item.group)
    return f"1 {item.unit} = {volume_amount(item)} {group.unit_name}"


def post_indicator_table(model: Indicators) -> str:
    """Single-post annual minimums of the three post types, with the conversion value."""
    headers = ["类别", "项目"] + [p.name for p in model.post_types] + ["折算（每 1 个）"]
    body = []
    notes: list[str] = []
    for item in model.items:
        row = [item.category, item.name]
        for p in model.post_types:
            text = minimum_text(model, p.key, item)
            note = model.minimums[(p.key, item.key)].note
            if note:
                if note not in notes:
                    notes.append(note)
                text += f" [{notes.index(note) + 1}]"
            row.append(text)
        row.append(volume_text(model, item))
        body.append(row)
    html = table(headers, body, "社工岗位年度服务量化指标（单个岗位；来源：众爱《服务手册》量化指标）", "ind-annual")
    if notes:
        html += '<ol class="ind-notes">' + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ol>\n\n"
    sat = model.adopted("annual_satisfaction_min")
    html += f'<p class="ind-satisfaction">每类岗位的服务对象满意率都须{escape(sat.phrase())}。</p>\n\n'
    return html


def conversion_table(model: Indicators) -> str:
    headers = ["规则", "来源写法", "本手册的读法", "口径说明"]
    body = []
    for r in model.rules:
        a, b = model.item(r.from_item), model.item(r.to_item)
        rate = str(r.rate.numerator) if r.rate.denominator == 1 else f"{float(r.rate):g}"
        body.append([r.id, r.wording, f"1 {a.unit}{a.name} = {rate} {b.unit}{b.name}", r.reading])
    return table(headers, body, "服务量折算标准 A–F（来源：众爱《服务手册》考核与评估（2））", "ind-conversion")


def definitions_table(model: Indicators, source_text) -> str:
    headers = ["名称", "界定（本手册概述）", "对应指标", "来源", "说明"]
    body = []
    for d in model.definitions:
        names = "、".join(model.item(k).name for k in d.items)
        body.append([d.term, d.definition, names, source_text(d.source), d.note])
    return table(headers, body, "指标界定", "ind-definitions")


def standards_rows(model: Indicators, measure: str | None = None) -> list[Standard]:
    order = list(MEASURES)
    domains = [ALL_DOMAINS] + [d.name for d in model.domains] + ["残疾人", "医务"]
    items = [s for s in model.standards if measure is None or s.measure == measure]
    return sorted(items, key=lambda s: (order.index(s.measure) if s.measure in order else 99, domains.index(s.domain) if s.domain in domains else 99, not s.adopted))


def standards_table(model: Indicators, source_text, measure: str | None = None) -> str:
    """Every threshold row: adopted ones first per measure and domain."""
    if measure is not None and measure not in {s.measure for s in model.standards}:
        raise KeyError(f"standards.csv 没有指标“{measure}”。可用的有：{'、'.join(MEASURES)}。")
    headers = ["指标", "领域", "门槛", "来源", "本手册", "说明"]
    body = []
    for s in standards_rows(model, measure):
        body.append([MEASURES.get(s.measure, s.measure), s.domain, s.phrase(), source_text(s.source), "采用" if s.adopted else "不采用", s.note])
    caption = "活动定义与门槛" + (f"：{MEASURES.get(measure, measure)}" if measure else "（各领域、各来源）")
    return table(headers, body, caption, "ind-standards")


def threshold_matrix(model: Indicators) -> str:
    """Measure × domain: the value the tools use for each domain (its own row, else 全部)."""
    domains = [d.name for d in model.domains]
    headers = ["指标", "一般规定（全部领域）"] + domains
    body = []
    for measure, label in MEASURES.items():
        if measure == "annual_satisfaction_min":
            continue
        default = model.adopted(measure)
        row = [label, default.phrase()]
        for d in domains:
            own = next((s for s in model.standards if s.measure == measure and s.domain == d and s.adopted), None)
            row.append(own.phrase() if own else "同一般规定")
        body.append(row)
    return table(headers, body, "各领域采用的门槛（领域有专门规定的按领域，否则按一般规定）", "ind-matrix")


def comparison_matrix(model: Indicators) -> str:
    """Every 评估指标 of 002 against the eight domains: which domain asks for it, in what unit."""
    domains = [d.name for d in model.domains]
    order: list[str] = []
    cells: dict[tuple[str, str], list[str]] = {}
    for r in model.domain_rows:
        if r.indicator not in order:
            order.append(r.indicator)
        values = cells.setdefault((r.indicator, r.domain), [])
        if r.standard not in values:
            values.append(r.standard)
    headers = ["评估指标"] + [model.domain(d).short for d in domains]
    body = [[ind] + ["、".join(cells.get((ind, d), [])) or "—" for d in domains] for ind in order]
    return table(headers, body, "八个领域的评估指标对照（单元格为量化标准，— 表示该领域没有这一项）", "ind-compare")
