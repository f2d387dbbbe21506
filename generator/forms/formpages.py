"""Generated Markdown: one page per form, the forms index, the format guide."""

from __future__ import annotations

import json
import posixpath

from markupsafe import escape

from generator.forms.model import CATEGORIES, Form, Forms
from generator.forms.webform import form_html, header_field
from generator.page_scripts import script_list

# Procedure steps in the order a worker meets them; unknown stages follow, sorted.
STAGE_ORDER = (
    "咨询", "接案", "开案", "预估", "评估", "计划", "计划与审批", "审批", "招募与报名", "招募", "报名", "介入",
    "开展与记录", "服务过程", "每节记录", "探访", "转介", "结案", "评估与结案", "结束与报告", "报告", "意见与投诉",
    "质量监督", "月度检查", "半年与年度总结", "督导", "选拔", "考核", "归档", "汇总与归档", "目录与清点", "查阅",
    "移交与接收", "清理与销毁", "离职交接", "物资管理", "安全与应急",
)


def stage_key(stage: str) -> tuple[int, str]:
    for i, s in enumerate(STAGE_ORDER):
        if stage == s:
            return (i, stage)
    # "评估与结案" sorts with its later step (结案), after 介入 and 转介.
    hits = [i for i, s in enumerate(STAGE_ORDER) if s in stage]
    return (max(hits), stage) if hits else (len(STAGE_ORDER), stage)


def _rel(target: str, page: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def _md(text: str) -> str:
    """Plain text safe inside a Markdown table cell or paragraph."""
    return str(escape(text)).replace("|", "&#124;").replace("*", "&#42;").replace("_", "&#95;").replace("[", "&#91;")


def related_rules(form: Form, rules) -> list:
    """Its own ``deadlines`` first, then every adopted rule that names this form."""
    if rules is None:
        return []
    ids = list(form.deadlines) + [r.id for r in rules.rules.values() if form.id in r.forms and r.id not in form.deadlines]
    return [rules.rules[i] for i in ids if i in rules.rules]


def definition_json(form: Form) -> str:
    """The definition for the browser checker, safe inside <script>."""
    data = dict(form.raw)
    code = header_field(form)
    if code is not None and code.id == "archive_code" and form.field("archive_code") is None:
        data["header_fields"] = [{"id": "archive_code", "label": code.label, "type": "archive_code"}]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def form_page(form: Form, forms: Forms, ctx, procedure_exists: bool, downloads: bool) -> str:
    page = f"forms/{form.id}/index.md"
    rules = ctx.models.get("rules")
    sources = ctx.models.get("sources")
    lines = [
        "---",
        f"title: {json.dumps(form.title, ensure_ascii=False)}",
        f"generated_from: forms/{form.id}.yaml",
        "---",
        "",
        f"# {_md(form.title)}",
        "",
    ]
    if form.aliases:
        lines += [f'<p class="sw-aka">也叫：{"、".join(_md(a) for a in form.aliases)}</p>', ""]
    lines += [_md(form.purpose), ""]
    cats = "、".join(form.categories)
    if form.procedure and procedure_exists:
        proc = f"{_md(form.stage)}（[看办理流程]({_rel(form.procedure, page)})）"
    else:
        proc = _md(form.stage)
    rows = [
        ("分类", _md(cats)),
        ("什么时候用", proc),
        ("谁签名", _md("、".join(form.signers)) if form.signers else "表上无签名栏"),
        ("来源", "；".join(_md(sources.text(c)) for c in form.sources) if sources else "；".join(form.sources)),
    ]
    lines += ["| 项目 | 说明 |", "| --- | --- |"] + [f"| {k} | {v} |" for k, v in rows] + [""]
    linked = related_rules(form, rules)
    if linked:
        lines += ["## 办理时限", "", "| 事项 | 期限 | 谁做 → 交给谁 | 来源 |", "| --- | --- | --- | --- |"]
        for r in linked:
            who = " → ".join(x for x in (r.who, r.to) if x)
            span = f"{rules.events.get(r.event, r.event)} {r.span()}"
            cite = "；".join(sources.text(c) for c in r.cites) if sources else ""
            lines.append(f"| {_md(r.title)}：{_md(r.text)} | **{_md(span)}** | {_md(who)} | {_md(cite)} |")
        lines += ["", f"全部时限见 [关键时限一览]({_rel('rules/deadlines.md', page)})。", ""]
    lines += ["## 下载空白表", ""]
    if downloads:
        lines += [
            f'<div class="sw-downloads" markdown>[下载空白 PDF（A4，打印后手写）]({form.id}.pdf){{ .md-button .md-button--primary }}'
            f" [下载空白 Word 文件（在 Word/WPS 中填写）]({form.id}.docx){{ .md-button }}</div>",
            "",
        ]
    else:
        lines += ["!!! note \"预览构建\"", "    这是快速预览构建，没有生成 PDF 和 Word 文件。正式构建会生成。", ""]
    lines += [
        "## 在线填写",
        "",
        "在下面直接填写，按 **检查** 查出漏填和错填，然后：",
        "",
        *(["- **下载已填写的 Word 文件**：内容已填进同一份 Word 文件，可在 Word/WPS 里继续修改；"] if downloads else []),
        "- **打印**：打印出来签名；在打印窗口选“另存为 PDF”可存成 PDF。",
        "",
        "填写的内容只留在这台电脑的浏览器里（Word 文件也在本机生成），不会发送到任何地方。办公电脑多人共用：填完打印后请清除草稿。",
        "",
        f'<div class="sw-print-area">{form_html(form, ctx.settings.org_name, word_scripts(form, page) if downloads else ())}</div>',
        "",
        drafts_list("../", ctx.settings.draft_max_age_days),
        "",
        f'<script type="application/json" class="sw-form-definition" data-form-id="{form.id}">{definition_json(form)}</script>',
        "",
        # Only form pages carry the form and checker scripts; handbook pages stay light.
        script_list(_rel(f"assets/javascripts/{name}", page) for name in FORM_PAGE_SCRIPTS),
        "",
    ]
    return "\n".join(lines)


FORM_PAGE_SCRIPTS = ("sw-form.js", "checker/formchecker.js", "checker/form-ui.js", "checker/field-input.js", "checker/drafts.js")


def word_scripts(form: Form, page: str) -> tuple[str, ...]:
    """What 下载已填写的 Word 文件 loads, in order, relative to the form's page:
    the zip library, the filler and this form's template."""
    from generator.forms import WORD_FILLER, WORD_JS, ZIP_JS

    return (_rel(ZIP_JS, page), _rel(WORD_FILLER, page), _rel(f"forms/{form.id}/{WORD_JS % form.id}", page))


DRAFTS_HEADING = "本机草稿"
DRAFTS_INTRO = (
    "下面是这台电脑的浏览器里保存的表格草稿（只列表格名称和时间，不显示填写内容）。"
    "草稿可能含有服务对象的资料：办公室电脑多人共用，用完请删除。"
)
DRAFTS_CLEAR_ALL = "清除本机全部草稿"


def drafts_list(forms_root: str, max_age_days: int) -> str:
    """The 本机草稿 box; checker/js/drafts.js lists the drafts in its body.

    Without JavaScript no draft is ever saved, so the box stays hidden; with
    it, the inline line after the box shows it while the page is still being
    read, so the box is there from the first paint and the list that arrives
    later (page_scripts.py) does not push the page down."""
    return (
        f'<div class="sw-drafts js-drafts no-print" data-forms-root="{forms_root}" '
        f'data-max-age-days="{max_age_days}" hidden>'
        f'<h2 class="sw-drafts__title" id="local-drafts" tabindex="-1">{DRAFTS_HEADING}</h2>'
        f"<p>{DRAFTS_INTRO}</p>"
        # One blank line (an ideographic space, so it is as tall as a line of
        # Chinese) where drafts.js writes "none" or the list.
        '<div class="sw-drafts__body"><p aria-hidden="true">\u3000</p></div>'
        f'<button type="button" class="md-button sw-button sw-drafts__clear js-drafts-clear">{DRAFTS_CLEAR_ALL}</button>'
        '<p class="sw-drafts__status" role="status"></p>'
        "</div><script>document.currentScript.previousElementSibling.hidden=false</script>"
    )


def _row(form: Form, page: str, downloads: bool) -> str:
    link = f"[{_md(form.title)}]({_rel(f'forms/{form.id}/index.md', page)})"
    aka = "、".join(_md(a) for a in form.aliases) or "—"
    dl = f"[空白 PDF](./{form.id}/{form.id}.pdf) · [空白 Word](./{form.id}/{form.id}.docx)" if downloads else "—"
    return f"| {link} | {aka} | {_md(form.stage)} | {dl} |"


def index_page(forms: Forms, ctx, downloads: bool) -> str:
    page = "forms/index.md"
    lines = [
        "---",
        'title: 表格下载与在线填写',
        "generated_from: forms/*.yaml",
        "---",
        "",
        "# 表格下载与在线填写",
        "",
        f"共 {len(forms)} 张表格。每张表都可以在线填写后打印或下载为 Word 文件，也可以下载空白的 PDF（打印后手写）或 Word 文件。",
        "同一张表在不同来源里叫法不同，下面“也叫”一栏列出了其他名称；在顶部搜索框输入任何一个名称都能找到它。",
        "",
        "- [按分类查找](#by-category)",
        "- [按办理环节查找](#by-stage)",
        "- [全部名称对照](#all-names)",
        "",
        drafts_list("./", ctx.settings.draft_max_age_days),
        "",
        script_list([_rel("assets/javascripts/checker/drafts.js", page)]),
        "",
        "## 按分类 {#by-category}",
        "",
    ]
    for cat in CATEGORIES:
        items = sorted((f for f in forms if cat in f.categories), key=lambda f: (stage_key(f.stage), f.id))
        if not items:
            continue
        lines += [f"### {cat}", "", "| 表格 | 也叫 | 使用环节 | 下载 |", "| --- | --- | --- | --- |"]
        lines += [_row(f, page, downloads) for f in items] + [""]
    lines += ["## 按办理环节 {#by-stage}", "", "按服务流程的先后排列。", ""]
    for cat in CATEGORIES:
        items = [f for f in forms if cat in f.categories]
        if not items:
            continue
        lines += [f"### {cat}", ""]
        stages = sorted({f.stage for f in items}, key=stage_key)
        for stage in stages:
            names = "、".join(
                f"[{_md(f.title)}]({_rel(f'forms/{f.id}/index.md', page)})" for f in sorted(items, key=lambda f: f.id) if f.stage == stage
            )
            lines.append(f"- **{_md(stage)}**：{names}")
        lines.append("")
    lines += ["## 全部名称对照 {#all-names}", "", "| 名称 | 对应表格 |", "| --- | --- |"]
    names = sorted(
        [(f.title, f) for f in forms] + [(a, f) for f in forms for a in f.aliases], key=lambda x: x[0]
    )
    for name, f in names:
        lines.append(f"| {_md(name)} | [{_md(f.title)}]({_rel(f'forms/{f.id}/index.md', page)}) |")
    lines += ["", f"要新增或修改表格，见[表格定义格式说明]({_rel('forms/format.md', page)})。", ""]
    return "\n".join(lines)
