"""The calculator page: static HTML for the inputs, the live result, the
eligibility check and the print sheet. Options and labels come from the
rules; ``calculator.js`` wires it up (hooks are ``js-`` classes and
``data-*`` attributes, the govuk-frontend way)."""

from __future__ import annotations

from markupsafe import escape

from generator.page_scripts import script_list
from generator.scoring.page import bonus_table_md, readings_md
from generator.scoring.spec import input_spec

# Repeatable lists: list name -> (legend hint, "add" button text).
LIST_TEXT = {
    "service_awards": ("个人服务获奖（因服务成效获表彰）", "＋ 添加一项获奖"),
    "research_projects": ("主持或参与的社会工作课题", "＋ 添加一项课题"),
    "papers": ("以第一或第二作者发表的论文、研究文章", "＋ 添加一篇论文"),
    "books": ("公开出版的著作、教材、译著", "＋ 添加一部著作"),
    "reports": ("报刊、网络媒体上的社会工作通讯报道", "＋ 添加一篇报道"),
    "competitions": ("社会工作相关部门组织的比赛（征文、演讲等）", "＋ 添加一项比赛"),
}
# Which bonus group each repeatable list belongs to (the fieldsets follow 附表2).
GROUP_OF = {"service_awards": "service", "research_projects": "research", "papers": "research",
            "books": "research", "reports": "research", "competitions": "research"}


def _e(text) -> str:
    return str(escape(text))


def _options(choices, placeholder: str | None = "请选择…") -> str:
    opts = [f'<option value="">{_e(placeholder)}</option>'] if placeholder is not None else []
    opts += [f'<option value="{_e(v)}">{_e(label)}</option>' for v, label in choices]
    return "".join(opts)


def _item_control(list_name: str, f: dict) -> str:
    """One input of a repeatable row; ``data-item`` names the contract field."""
    name, t = f["name"], f["type"]
    label = f["label"]
    attrs = f'class="js-item" data-item="{_e(name)}"'
    if t == "enum" and "choices_by" in f:
        control = f'<select {attrs} data-choices-by="{_e(f["choices_by"])}"><option value="">先选类型…</option></select>'
    elif t == "enum" or (t == "integer" and f.get("choices")):
        control = f"<select {attrs}>{_options(f['choices'])}</select>"
    elif t == "boolean":
        return f'<label class="ssc-check"><input type="checkbox" {attrs}> {_e(label)}</label>'
    elif t == "string":
        control = f'<input type="text" {attrs} autocomplete="off" placeholder="用于识别重复">'
    else:
        default = f.get("default")
        ph = f'placeholder="{_e(default)}"' if default not in (None, "") else ""
        control = f'<input type="text" inputmode="numeric" {attrs} {ph} size="5">'
    extra = ' data-show-if="role=member"' if f.get("required_if") else ""
    return f'<label class="ssc-cell"{extra}><span>{_e(label)}</span>{control}</label>'


def _list_fieldset(f: dict) -> str:
    name = f["name"]
    hint, add = LIST_TEXT[name]
    row = "".join(_item_control(name, item) for item in f["items"])
    return (
        f'<div class="ssc-list js-list" data-list="{_e(name)}">'
        f'<div class="ssc-list-head"><strong>{_e(f["label"])}</strong><span class="ssc-hint">{_e(hint)}</span></div>'
        f'<ol class="ssc-rows js-rows"></ol>'
        f'<button type="button" class="md-button ssc-add js-add">{_e(add)}</button>'
        f'<template class="js-row-template"><li class="ssc-row js-row">{row}'
        f'<button type="button" class="ssc-remove js-remove" aria-label="删除这一项" title="删除这一项">✕</button></li></template>'
        f"</div>"
    )


def _number(f: dict, placeholder: str = "", hint: str = "") -> str:
    name = f["name"]
    return (
        f'<label class="ssc-field" for="ssc-{_e(name)}"><span>{_e(f["label"])}</span>'
        f'<input type="text" inputmode="decimal" id="ssc-{_e(name)}" class="js-field" data-field="{_e(name)}" '
        f'placeholder="{_e(placeholder)}" autocomplete="off">'
        + (f'<small>{_e(hint)}</small>' if hint else "")
        + "</label>"
    )


def form_html(data: dict) -> str:
    spec = {f["name"]: f for f in input_spec(data)}
    g = data["groups"]
    lists = {n: _list_fieldset(spec[n]) for n in LIST_TEXT}
    quals = "".join(
        f'<label class="ssc-check"><input type="checkbox" class="js-qual" value="{_e(v)}"> {_e(label)}</label>'
        for v, label in spec["qualifications"]["choices"]
    )
    excellent = "".join(f'<option value="{n}">{n} 次</option>' for n in range(spec["excellent_ratings"]["max"] + 1))

    def fieldset(group: str, number: str, body: str) -> str:
        grp = g[group]
        return (f'<fieldset class="ssc-group" data-group="{group}"><legend>{number}、{_e(grp["label"])}'
                f'<span class="ssc-cap">（上限 {grp["cap"]} 分）</span>'
                f'<output class="ssc-sub js-subtotal" data-group="{group}">0 分</output></legend>{body}</fieldset>')

    return "".join([
        '<div class="ssc" data-module="supervisor-score">',
        '<noscript><p class="ssc-noscript">这个计算器需要浏览器的 JavaScript。没有 JavaScript 时，请按本页下方的“加分标准”表手工计分。</p></noscript>',
        '<p class="ssc-link-problem js-link-problem" role="alert" hidden></p>',
        '<form class="ssc-form js-form" autocomplete="off" novalidate>',
        '<fieldset class="ssc-group"><legend>候选人与考试成绩</legend><div class="ssc-grid">',
        '<label class="ssc-field" for="ssc-name"><span>候选人姓名</span><input type="text" id="ssc-name" class="js-meta" data-meta="name" autocomplete="off"></label>',
        # A text box, not <input type=date>: that one shows and prints the browser's locale (12/07/2026).
        '<label class="ssc-field" for="ssc-date"><span>评分日期</span><input type="text" id="ssc-date" class="js-meta" data-meta="date" autocomplete="off" spellcheck="false" placeholder="如 2026-12-07"></label>',
        _number(spec["written"], "0–100", "60 分及以上才通过"),
        _number(spec["interview"], "0–100", "不设及格线"),
        "</div></fieldset>",
        fieldset("political", "一", (
            '<label class="ssc-field" for="ssc-media_coverage"><span>先进事迹获主流媒体专题报道（只按最高一级）</span>'
            f'<select id="ssc-media_coverage" class="js-field" data-field="media_coverage">{_options(spec["media_coverage"]["choices"], "没有")}</select></label>')),
        fieldset("education", "二", f'<div class="ssc-checks">{quals}</div><small>多项只取最高一项，不累加。</small>'),
        fieldset("service", "三", (
            '<div class="ssc-grid">'
            f'<label class="ssc-field" for="ssc-excellent_ratings"><span>{_e(spec["excellent_ratings"]["label"])}（近三年）</span>'
            f'<select id="ssc-excellent_ratings" class="js-field" data-field="excellent_ratings">{excellent}</select></label>'
            + _number(spec["dongguan_years"], "如 2.5", "满 1 / 2 / 3 年分别加 1 / 3 / 5 分")
            + _number(spec["outside_supervisor_years"], "没有填 0", "外地认定督导资质并实际担任督导")
            + "</div>" + lists["service_awards"])),
        fieldset("research", "四", "".join(lists[n] for n in ("research_projects", "papers", "books", "reports", "competitions"))),
        '<div class="ssc-actions">',
        '<button type="button" class="md-button md-button--primary js-print">打印结果单</button>',
        '<button type="button" class="md-button js-copy">复制本次评分链接</button>',
        '<label class="ssc-share-name"><input type="checkbox" class="js-share-name"> 链接里包含候选人姓名</label>',
        '<button type="button" class="md-button js-clear">清空重填</button>',
        '<button type="button" class="md-button js-example">填入示例</button>',
        '<span class="ssc-status js-status" role="status" aria-live="polite"></span>',
        "</div></form>",
        '<aside class="ssc-result js-result" aria-live="polite">',
        '<div class="ssc-errors js-errors" role="alert" hidden><strong>输入有误，暂不计分：</strong><ul class="js-error-list"></ul></div>',
        '<p class="ssc-verdict js-verdict">请先填写笔试和面试成绩。</p>',
        '<p class="ssc-total"><span>总成绩</span><output class="js-total">—</output></p>',
        '<p class="ssc-formula js-formula"></p>',
        '<table class="ssc-subtotals js-subtotal-table" hidden><thead><tr><th>类别</th><th>合计</th><th>上限</th><th>计入</th></tr></thead><tbody class="js-subtotals"></tbody></table>',
        '<details class="ssc-working js-working" open hidden><summary>计分过程（每一条规则）</summary><ol class="js-notes"></ol></details>',
        "</aside>",
        "</div>",
    ])


def eligibility_html(elig: dict) -> str:
    """The 资格自查 inputs; results are filled in by calculator.js."""
    def yes_no(field: str, label: str) -> str:
        return (f'<label class="ssc-field"><span>{_e(label)}</span><select class="js-elig" data-elig="{field}">'
                '<option value="">未填</option><option value="yes">是</option><option value="no">否</option></select></label>')

    def select(field: str, label: str, options: dict) -> str:
        return (f'<label class="ssc-field"><span>{_e(label)}</span><select class="js-elig" data-elig="{field}">'
                f'{_options(list(options.items()), "未填")}</select></label>')

    def number(field: str, label: str, hint: str = "") -> str:
        return (f'<label class="ssc-field"><span>{_e(label)}</span><input type="text" inputmode="decimal" class="js-elig" data-elig="{field}" autocomplete="off">'
                + (f"<small>{_e(hint)}</small>" if hint else "") + "</label>")

    d = elig["service_days"]["deductions"]
    return "".join([
        '<div class="ssc-elig" data-module="supervisor-eligibility">',
        '<form class="ssc-form js-elig-form" autocomplete="off" novalidate>',
        '<fieldset class="ssc-group"><legend>学历、资格、注册（两种岗位相同）</legend><div class="ssc-grid">',
        select("education", "最高学历与专业", elig["education_options"]),
        select("qualification", "社工职业资格", elig["qualification_options"]),
        yes_no("registration", "已登记注册且在有效期内"),
        yes_no("continuing_education", "按规定参加继续教育"),
        "</div></fieldset>",
        '<fieldset class="ssc-group"><legend>服务时间与考核</legend><div class="ssc-grid">',
        number("service_years", "在社会工作岗位的服务年限（年）"),
        number("days_last_year", "最近一年实际服务天数", "督导助理：要求 240 天"),
        number("days_last_3_years", "最近三年实际服务天数合计", "见习督导：要求 720 天（年均 240 天）"),
        number("leave.maternity", f"{d['maternity']['label']}（计入上限 {d['maternity']['max_days']} 天）"),
        number("leave.injury", f"{d['injury']['label']}（计入上限 {d['injury']['max_days']} 天）"),
        number("leave.sick", f"{d['sick']['label']}（计入上限 {d['sick']['max_days']} 天）"),
        yes_no("last_assessment_pass", "上年度考核合格及以上"),
        yes_no("assessments_3y_pass", "近三年考核都合格及以上"),
        "</div></fieldset>",
        '<fieldset class="ssc-group"><legend>只看见习督导：现任岗位与破格条件</legend><div class="ssc-grid">',
        yes_no("is_assistant", "现任督导助理"),
        yes_no("has_sw_certificate", "有社会工作师证书（中级）"),
        yes_no("postgraduate", "有研究生学历或学位"),
        yes_no("outside_supervisor", "外地认定督导资质并实际担任过督导"),
        yes_no("publications", "公开发表社工论文 2 篇以上或出版理论专著"),
        "</div></fieldset></form>",
        '<div class="ssc-elig-result js-elig-result" aria-live="polite"></div>',
        "</div>",
    ])


def sheet_html() -> str:
    """The printable result sheet; hidden on screen, the only thing printed."""
    return (
        '<div class="ssc-sheet js-sheet" aria-hidden="true">'
        '<h2>督导助理选拔总成绩结果单</h2>'
        '<table class="ssc-sheet-meta"><tbody>'
        '<tr><th>候选人</th><td class="js-sheet-name"></td><th>评分日期</th><td class="js-sheet-date"></td></tr>'
        '<tr><th>笔试</th><td class="js-sheet-written"></td><th>面试</th><td class="js-sheet-interview"></td></tr>'
        '<tr><th>总成绩</th><td class="js-sheet-total" colspan="3"></td></tr>'
        '</tbody></table>'
        '<h3>加分明细</h3><table class="ssc-sheet-items"><thead><tr><th>类别</th><th>申报项目</th><th>分值</th><th>是否计入</th></tr></thead>'
        '<tbody class="js-sheet-items"></tbody></table>'
        '<h3>分类合计</h3><table class="ssc-sheet-groups"><thead><tr><th>类别</th><th>合计</th><th>上限</th><th>计入</th></tr></thead>'
        '<tbody class="js-sheet-groups"></tbody></table>'
        '<h3>计分过程</h3><ol class="js-sheet-notes"></ol>'
        '<div class="js-sheet-elig" hidden><h3>资格自查</h3><ul class="js-sheet-elig-list"></ul></div>'
        '<p class="js-sheet-rule"></p>'
        '<p class="ssc-sign">评分人签名：＿＿＿＿＿＿＿＿　　复核人签名：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿＿＿</p>'
        "</div>"
    )


def calculator_page(rules, source_text, reviewed: str, related: list[tuple[str, str]] = ()) -> str:
    """The whole generated Markdown page; ``related`` = (text, relative .md link) pairs."""
    data = rules.data
    elig = rules.eligibility
    qr = elig["qualification_reading"]
    others = "".join(f"\n    - {escape(o['text'])}（{escape(source_text(o['cite']))}）" for o in qr["others"])
    others = "\n" + others
    return "\n".join([
        "---",
        f'reviewed: "{reviewed}"',
        "generated_from: data/scoring/supervisor_selection.yaml, data/scoring/supervisor_eligibility.yaml",
        "hide:",
        "  - navigation",
        "---",
        "",
        # Printing this page prints the result sheet only (supervisor-score.css).
        '<div class="ssc-print-sheet-only" hidden></div>',
        "",
        "# 督导助理选拔评分",
        "",
        "按附表2 的加分标准给督导助理候选人算总成绩，并自查报名资格。边填边算，每一分从哪来都列在右侧。",
        "",
        "1. 填笔试、面试成绩（必填）。",
        "2. 按候选人交来的加分材料逐组填写；同类材料可以“添加”多行。",
        "3. 看右侧总成绩和计分过程，点“打印结果单”存档；地址栏里的链接可以收藏，打开即可重现本次评分。",
        "",
        *([("相关：" + "　".join(f"[{escape(text)}]({href})" for text, href in related)), ""] if related else []),
        '!!! note "数据只在本机"',
        "",
        "    填写的内容只在你的浏览器里计算，不会上传。链接里保存了本次填写的成绩和加分项，转发前请确认对方有权查看；"
        "候选人姓名默认不放进链接，要放时勾选“链接里包含候选人姓名”。",
        "",
        f'<p class="cite">{escape(_formula_line(data))}　评分规则版本 {escape(rules.version)}；来源：'
        f'{escape(source_text(data["formula"]["cite"]))}；{escape(source_text(data["source_cite"]))}</p>',
        "",
        form_html(data),
        "",
        sheet_html(),
        "",
        "## 资格自查",
        "",
        "报名前先对照下面的条件。没有填的项目显示“待确认”；每一条都注明出处。",
        "",
        eligibility_html(elig),
        "",
        f'!!! rule "资格证书的写法不一致：本手册采用“{escape(qr["adopted"])}”"',
        "",
        f"    {escape(qr['why'])}",
        "",
        f"    其他写法：{others}",
        "",
        '!!! warning "240 天的核减怎么算"',
        "",
        f"    {escape(elig['service_days']['reading'])}",
        f"    <span class=\"cite\">来源：{escape(source_text(elig['service_days']['cite']))}</span>",
        "",
        '!!! info "见习督导的两条路"',
        "",
        "    常规选拔要求现任督导助理（见习督导从督导助理中选拔）；破格选拔专门给还没有督导助理资质的优秀社工，"
        "须符合其余基本条件并具备四项中的任意三项。两条路的条件都列在上面。",
        "",
        "## 加分标准",
        "",
        bonus_table_md(data, source_text),
        "## 口径说明",
        "",
        "原文有几处没有写清楚，计算器按下表的读法计分：",
        "",
        readings_md(data, source_text),
        script_list(
            ["rules.js", "decimal.js", "score.js", "eligibility.js", "view.js",
             "../../assets/javascripts/share-link.js", "link.js", "calculator.js"]
        ),
        "",
    ])


def _formula_line(data: dict) -> str:
    f = data["formula"]
    return f"总成绩 = 笔试 × {f['written_percent']}% + 面试 × {f['interview_percent']}% + 加分。"
