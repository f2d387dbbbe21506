"""Build step ``indicators``: model from data/indicators/, macros, generated pages, downloads."""

from __future__ import annotations

import json
from pathlib import Path

from markupsafe import Markup, escape

from generator.context import Context, Staging
from generator.indicators import render
from generator.indicators.attainment import rules_from_model
from generator.indicators.calculator_page import calculator_page
from generator.indicators.downloads import from_package
from generator.indicators.model import FILES, Indicators, build
from generator.problems import Problem

NAME = "indicators"
HERE = Path(__file__).parent
DOWNLOADS = "indicators/downloads"
RULES_JS = "assets/javascripts/indicator-attainment-rules.js"
CALC_JS = "assets/javascripts/indicator-attainment.js"
LINK_JS = "assets/javascripts/attainment-link.js"
CSS = "assets/stylesheets/indicators.css"


def load(ctx: Context) -> tuple[Indicators | None, list[Problem]]:
    tables = ctx.models.get("tables")
    if tables is None:
        # tables.py already reported why the data package could not be read
        return None, []
    return build(tables.rows, ctx.models.get("sources"))


def macros(ctx: Context) -> dict:
    model: Indicators = ctx.models[NAME]
    source_text = ctx.models["sources"].text

    def indicator_table(domain: str) -> Markup:
        """``{{ indicator_table("老年人") }}``: the 002 quantitative indicators of one domain."""
        return Markup(render.indicator_table(model, domain, source_text))

    def post_indicator_table() -> Markup:
        """``{{ post_indicator_table() }}``: annual minimums of the three post types."""
        return Markup(render.post_indicator_table(model))

    def standards_table(measure: str | None = None) -> Markup:
        """``{{ standards_table("lecture_min_people") }}``: thresholds by domain and source."""
        return Markup(render.standards_table(model, source_text, measure))

    def conversion_table() -> Markup:
        """``{{ conversion_table() }}``: rules A–F with the handbook's reading."""
        return Markup(render.conversion_table(model))

    def standard_value(measure: str, domain: str = "全部") -> str:
        """``{{ standard_value("group_min_sessions", "社区矫正") }}`` -> ``不少于 4 节``."""
        return model.adopted(measure, domain).phrase()

    def standard_short(measure: str, domain: str = "全部") -> str:
        """``{{ standard_short("lecture_min_people") }}`` -> ``≥30 人``, for summary tables."""
        return model.adopted(measure, domain).short()

    return {
        "standard_short": standard_short,
        "indicator_table": indicator_table,
        "post_indicator_table": post_indicator_table,
        "standards_table": standards_table,
        "conversion_table": conversion_table,
        "standard_value": standard_value,
    }


def _front(ctx: Context, generated_from: str, description: str = "") -> list[str]:
    lines = ["---", f"generated_from: {generated_from}"]
    if description:
        lines.append(f"description: {json.dumps(description, ensure_ascii=False)}")
    return lines + ["---", ""]


def _download_links(names: list[str], fast: bool, depth: str = "") -> str:
    """Links to the CSV (and XLSX, unless a fast preview build skipped them)."""
    lines = []
    for name, title in names:
        parts = [f"[CSV]({depth}downloads/{name}.csv)"]
        if not fast:
            parts.append(f"[Excel]({depth}downloads/{name}.xlsx)")
        lines.append(f"- {escape(title)}：" + " · ".join(parts))
    return "\n".join(lines) + "\n"


def _handbook_link(ctx: Context, rel: str, text: str, from_dir: str = "indicators") -> str:
    """A link to a hand-written page when it exists, else the plain text."""
    if (ctx.project.handbook / rel).is_file():
        import posixpath

        return f"[{text}]({posixpath.relpath(rel, from_dir)})"
    return text


def pages(ctx: Context, out: Staging) -> None:
    model: Indicators = ctx.models[NAME]
    source_text = ctx.models["sources"].text
    tables = ctx.models["tables"]
    titles = {r["name"]: r.get("title", r["name"]) for r in tables.package["resources"]}
    fast = ctx.options.fast

    # Downloads first: pages link to them.
    for d in from_package(tables.package, ctx.project.data):
        out.write_bytes(f"{DOWNLOADS}/{d.name}.csv", d.csv_bytes(), by=FILES.get(d.name, "data/indicators"))
        if not fast:
            out.write_bytes(f"{DOWNLOADS}/{d.name}.xlsx", d.xlsx_bytes(), by=FILES.get(d.name, "data/indicators"))
    out.copy(CSS, HERE / "assets" / "indicators.css", by="generator/indicators")

    for d in model.domains:
        out.write_text(f"indicators/{d.slug}.md", _domain_page(ctx, model, d, source_text, titles, fast), by=FILES["domain_indicators"])
    out.write_text("indicators/index.md", _overview_page(ctx, model, titles, fast), by=FILES["domain_indicators"])
    out.write_text("indicators/annual.md", _annual_page(ctx, model, source_text, titles, fast), by=FILES["annual_indicators"])
    out.write_text("indicators/standards.md", _standards_page(ctx, model, source_text, titles, fast), by=FILES["standards"])

    rules = rules_from_model(model)
    out.write_text(RULES_JS, "/* 由 data/indicators/ 生成，勿手改 */\nwindow.INDICATOR_ATTAINMENT_RULES = " + json.dumps(rules.to_json(), ensure_ascii=False) + ";\n", by=FILES["annual_indicators"])
    out.copy(CALC_JS, HERE / "assets" / "indicator-attainment.js", by="generator/indicators")
    out.copy(LINK_JS, HERE / "assets" / "attainment-link.js", by="generator/indicators")
    out.write_text("calculators/indicator-attainment/index.md", calculator_page(ctx, model, _front), by=FILES["annual_indicators"])


def _domain_thresholds(model: Indicators, domain: str, source_text) -> str:
    rows = []
    for measure, label in render.MEASURES.items():
        if measure == "annual_satisfaction_min":
            continue
        s = model.adopted(measure, domain)
        scope = "本领域规定" if s.domain == domain else "一般规定"
        rows.append([label, s.phrase(), scope, source_text(s.source), s.note])
    return render.table(["事项", "门槛", "适用", "来源", "说明"], rows, f"{domain}领域采用的活动门槛", "ind-standards")


def _domain_page(ctx, model: Indicators, d, source_text, titles, fast) -> str:
    rows = model.rows_of(d.name)
    groups = []
    for r in rows:
        if r.target not in groups:
            groups.append(r.target)
    targets = [r for r in rows if r.target_percent is not None]
    lines = _front(ctx, FILES["domain_indicators"], f"{d.name}社会工作服务的具体量化指标（{len(rows)} 项）")
    lines += [
        f"# {d.name}服务的量化指标",
        "",
        f"{d.name}社会工作（{d.short}社工）服务的考核项目：个案、小组、活动等各做多少、用什么单位统计。",
        "",
        f"本表按来源 002《{ctx.models['sources'].documents['002'].title}》{d.chapter}第三节逐行整理，共 **{len(rows)}** 项，"
        f"按“{d.first_column}”分为 {len(groups)} 类：{'、'.join(groups)}。",
        "",
        "!!! note \"怎么读这张表\"",
        "",
        "    - “量化标准”一栏大多只写了计量单位（如“人次”“例”“份”），具体数量由服务合同或年度计划约定。",
    ]
    if targets:
        examples = "、".join(dict.fromkeys(f"{r.indicator} {r.standard}" for r in targets))
        lines.append(f"    - 写了百分数的是目标值，如 {examples}。")
    lines += [
        "    - 来源表格里上下合并的单元格，这里在每一行都重复写出，方便筛选和打印。",
        "",
        render.indicator_table(model, d.name, source_text),
        "## 本领域采用的活动门槛",
        "",
        "办小组、讲座和社区活动时，表单检查器按下表判断人数、节数、出勤率（出席率）是否达到要求。本领域没有专门规定的，按一般规定。",
        _domain_thresholds(model, d.name, source_text),
        "## 相关页面",
        "",
        f"- {_handbook_link(ctx, f'standards/{d.slug}.md', f'{d.name}服务质量标准（服务理念、范围、内容和方法）')}",
        "- [八个领域对照与总览](index.md)",
        "- [各领域、各来源的活动门槛](standards.md)",
        "",
        "## 下载",
        "",
        _download_links([("domain_indicators", titles["domain_indicators"] + "（八个领域合在一个文件）")], fast),
    ]
    return "\n".join(lines)


def _overview_page(ctx, model: Indicators, titles, fast) -> str:
    lines = _front(ctx, "data/indicators/（domains.csv、domain_indicators.csv、standards.csv）", "八个服务领域量化指标的对照与总览")
    domain_rows = []
    for d in model.domains:
        rows = model.rows_of(d.name)
        groups = []
        for r in rows:
            if r.target not in groups:
                groups.append(r.target)
        domain_rows.append([f'<a href="{d.slug}.html">{escape(d.name)}</a>', escape(d.chapter), escape(d.first_column + "：" + "、".join(groups)), str(len(rows))])
    lines += [
        "# 服务指标总览",
        "",
        "本栏把来源里的指标表整理成数据，每张表都能在线查看、打印和下载：",
        "",
        "- **八个服务领域的具体量化指标**（来源 002，市级服务质量标准，每章第三节）：每个领域一页，下面先对照；",
        "- **三类岗位的年度服务量化指标**、折算标准和指标界定（来源 001 众爱《服务手册》）：见[岗位年度指标与折算](annual.md)，达标情况可用"
        + " [年度指标达标计算器](../calculators/indicator-attainment/index.md) 计算；",
        "- **活动定义与门槛**（小组人数、节数、出勤率，讲座和社区活动的人数等）：见[活动门槛](standards.md)。",
        "",
        "## 八个领域",
        "",
        render.table(["领域", "来源章节", "分类", "指标数"], domain_rows, "八个领域的量化指标表", "ind-domains", raw=True),
        "## 评估指标对照",
        "",
        "同一项评估指标在各领域的量化标准。看得出：个案建档率各领域都要求 100%；只有社区矫正考核重新犯罪率，只有农村考核互助组织。",
        render.comparison_matrix(model),
        "## 各领域采用的活动门槛",
        "",
        "各来源对小组、讲座和活动的规模要求不完全一样。下表是本手册对每个领域采用的值，来源和理由见[活动门槛](standards.md)。",
        render.threshold_matrix(model),
        "## 下载",
        "",
        _download_links([(n, titles[n]) for n in ("indicator_domains", "domain_indicators", "standards")], fast),
    ]
    return "\n".join(lines)


def _annual_page(ctx, model: Indicators, source_text, titles, fast) -> str:
    sat = model.adopted("annual_satisfaction_min")
    rule_a = next(r for r in model.rules if r.rule == "A")
    pt_rows = [[p.name, p.scope] for p in model.post_types]
    group_lines = []
    for g in model.groups:
        members = [i for i in model.items if i.group == g.key]
        terms = "；".join(f"1 {i.unit}{i.name} = {render.volume_amount(i)} {g.unit_name}" for i in members)
        group_lines.append(f"- **{g.name}**（单位：{g.unit_name}）：{terms}。")
    lines = _front(ctx, "data/indicators/（post_types.csv、annual_items.csv、annual_indicators.csv、conversion_rules.csv、definitions.csv）", "三类社工岗位的年度服务量化指标、折算标准与指标界定")
    lines += [
        "# 岗位年度指标与折算",
        "",
        f"众爱《服务手册》按岗位的服务内容把社工岗位分成三类，每类规定了**单个岗位一年**的最低服务量。服务对象满意率（满意度）一律须{sat.phrase()}。"
        " 其他类型的岗位可参照这三类、结合实际设定。",
        "",
        "## 三类岗位",
        "",
        render.table(["岗位类型", "适用于"], pt_rows, "三类岗位的适用范围（来源：众爱《服务手册》量化指标）", "ind-posts"),
        "## 年度指标表",
        "",
        render.post_indicator_table(model),
        "!!! warning \"空着的不是 0\"",
        "",
        "    写着“根据实际确定”“依实际需求确定”或“不设数量指标”的格子，来源没有给出数量下限：计算达标时这一项总算达标，但做了的数量照样计入折算。",
        "",
        "## 团队怎么算",
        "",
        "表内数字是**每个岗位**的年度量。以团队运作的项目或服务点，把每项指标乘以岗位数，按团队合计判断是否达标"
        f"（{source_text('001《服务手册》考核与评估（1）')}）。",
        "",
        "## 折算标准",
        "",
        "原则上每一项都要单独达标（逐项达标）。只有服务合同允许、且经服务单位、项目督导和运营机构三方协商确认时，才可以把不同服务互相折算，"
        "但折算后的服务总量必须达标（折算后达标）。",
        render.conversion_table(model),
        "把各条规则连起来，每项服务都能换算成同一单位，能折算的项目分成两组：",
        "",
        *group_lines,
        "",
        "其余项目（外展宣传、服务简报、志愿者三项）没有折算规则，必须各自达标。",
        "",
        '!!! info "口径说明：规则 A 的“1节专业个案”"',
        "",
        f"    {rule_a.reading}",
        "",
        "## 指标界定",
        "",
        render.definitions_table(model, source_text),
        "## 下载",
        "",
        _download_links([(n, titles[n]) for n in ("post_types", "annual_items", "annual_indicators", "conversion_groups", "conversion_rules", "indicator_definitions")], fast),
        "",
        "## 相关页面",
        "",
        "- [年度指标达标计算器](../calculators/indicator-attainment/index.md)：输入全年完成量，逐项和折算后判断是否达标。",
        f"- {_handbook_link(ctx, 'annual/index.md', '年度服务指标（手册正文）')}",
        f"- {_handbook_link(ctx, 'annual/assessment.md', '达标标准与折算的说明')}",
        "",
    ]
    return "\n".join(lines)


def _standards_page(ctx, model: Indicators, source_text, titles, fast) -> str:
    lines = _front(ctx, FILES["standards"], "小组、讲座、工作坊、社区活动和个案的门槛：各领域、各来源的规定与本手册的采用")
    lines += [
        "# 活动定义与门槛",
        "",
        "几份来源对“多少人算一个小组”“讲座人数和时长”“大型活动人数”“小组出勤率（出席率）”的规定不完全一样。本页列出每一条规定和出处，并标明本手册采用哪一条。",
        "",
        "1. 每个指标有一条“全部”领域的一般规定。",
        "2. 某个领域有自己的规定时，这个领域按自己的规定（如社区矫正的小组至少 4 节）。",
        "3. 表单检查器和本手册各页用的是同一组数字，改一处即全部更新。<!-- 维护：data/indicators/standards.csv -->",
        "",
        render.threshold_matrix(model),
        "## 全部规定与出处",
        "",
        render.standards_table(model, source_text),
        "## 下载",
        "",
        _download_links([("standards", titles["standards"])], fast),
    ]
    return "\n".join(lines)
