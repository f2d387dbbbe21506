"""The page of the annual attainment calculator (calculators/indicator-attainment/).

The form is rendered here from the data (item names, units, per-post minimums),
so without JavaScript the reader still sees every minimum; the script only adds
the live result. Text is escaped; the script writes with textContent only.
"""

from __future__ import annotations

from markupsafe import escape

from generator.indicators import render
from generator.indicators.model import FILES, Indicators
from generator.page_scripts import script_list

JS_DIR = "../../assets/javascripts"


def _form(model: Indicators) -> str:
    first = model.post_types[0].key
    options = "".join(
        f'<option value="{escape(p.key)}"{" selected" if p.key == first else ""}>{escape(p.name)}</option>' for p in model.post_types
    )
    rows = []
    for item in model.items:
        per = model.minimums[(first, item.key)].minimum
        rows.append(
            "<tr>"
            f"<td>{escape(item.category)}</td>"
            f'<td><label for="ia-c-{item.key}">{escape(item.name)}</label></td>'
            f'<td class="js-ia-min" data-item="{item.key}">{per if per is not None else "无数量下限"}</td>'
            f'<td><input class="js-ia-count ia-count" id="ia-c-{item.key}" name="{item.key}" type="text" inputmode="numeric" '
            f'pattern="[0-9]*" autocomplete="off" placeholder="0" aria-describedby="ia-unit-{item.key}"></td>'
            f'<td id="ia-unit-{item.key}">{escape(item.unit)}</td>'
            "</tr>"
        )
    sat = model.adopted("annual_satisfaction_min")
    return "\n".join(
        [
            '<div class="ia" data-module="indicator-attainment">',
            '<p class="ia-link-problem js-ia-link-problem" role="alert" hidden></p>',
            '<form class="js-ia-form ia-form" novalidate autocomplete="off">',
            '<fieldset class="ia-fieldset"><legend>岗位与满意率</legend>',
            '<div class="ia-field"><label for="ia-post-type">岗位类型</label>',
            f'<select id="ia-post-type" name="post_type" class="js-ia-post-type">{options}</select></div>',
            '<div class="ia-field"><label for="ia-posts">岗位数</label>',
            '<input id="ia-posts" name="posts" class="js-ia-posts" type="number" min="1" max="10000" step="1" value="1" inputmode="numeric">',
            '<span class="ia-hint">团队按岗位数合计，每项最低量乘以岗位数。</span></div>',
            '<div class="ia-field"><label for="ia-satisfaction">服务对象满意率（满意度，%）</label>',
            '<input id="ia-satisfaction" name="satisfaction" class="js-ia-satisfaction" type="text" inputmode="decimal" placeholder="如 86" autocomplete="off">',
            f'<span class="ia-hint">须{escape(sat.phrase())}。</span></div>',
            # Not pre-ticked: whether the contract allows conversion decides the result,
            # so the worker must say so (no default answer).
            '<fieldset class="ia-field ia-choice"><legend>合同是否允许折算（经服务单位、项目督导和运营机构三方协商确认）</legend>'
            '<label><input type="radio" name="allow_conversion" value="yes" class="js-ia-allow"> 允许</label> '
            '<label><input type="radio" name="allow_conversion" value="no" class="js-ia-allow"> 不允许</label></fieldset>',
            "</fieldset>",
            '<fieldset class="ia-fieldset ia-fieldset--counts"><legend>全年完成量</legend>',
            '<div class="ind-scroll" role="region" tabindex="0" aria-label="全年完成量">',
            '<table class="ind-table ia-inputs"><thead><tr><th scope="col">类别</th><th scope="col">项目</th><th scope="col">最低量</th><th scope="col">完成量</th><th scope="col">单位</th></tr></thead>',
            "<tbody>",
            *rows,
            "</tbody></table></div>",
            "</fieldset>",
            '<p class="ia-actions"><button type="button" class="md-button md-button--primary js-ia-print">打印结果</button> '
            '<button type="reset" class="md-button">清空重填</button></p>',
            "</form>",
            '<div class="js-ia-errors ia-errors" role="alert" hidden></div>',
            '<section class="js-ia-result ia-result" aria-live="polite"></section>',
            "</div>",
        ]
    )


def calculator_page(ctx, model: Indicators, front) -> str:
    """Markdown of the calculator page; ``front`` builds the front matter."""
    rule_a = next(r for r in model.rules if r.rule == "A")
    lines = front(ctx, FILES["annual_indicators"], "输入岗位类型、岗位数和全年完成量，逐项和折算后判断年度服务指标是否达标")
    lines += [
        "# 年度指标达标计算器",
        "",
        "按众爱《服务手册》的年度量化指标，算一个岗位或一个团队全年是否达标：先逐项比，再按折算标准 A–F 换算后比。"
        "指标、折算率和满意率门槛都读自[岗位年度指标表](../../indicators/annual.md)。",
        "",
        '!!! note "数据只在本机"',
        "",
        "    你填的数字只在这台电脑的浏览器里计算，不会上传。填写内容会写在网址 # 后面，收藏或复制网址就能保存这次的计算，"
        "打印前请确认打印件的去向。",
        "",
        '<noscript><p class="ia-noscript">这个计算器需要浏览器启用 JavaScript。不能启用时，请按下方表格的最低量逐项对照，'
        "并按“怎样判断”一节手算折算量。</p></noscript>",
        "",
        _form(model),
        "",
        script_list(
            f"{JS_DIR}/{name}"
            for name in ("indicator-attainment-rules.js", "share-link.js", "attainment-link.js", "indicator-attainment.js")
        ),
        "",
        "## 怎样判断",
        "",
        "1. **逐项达标**：每一项完成量都不少于最低量（团队为每岗最低量 × 岗位数），并且满意率达标，结论为“达标”。",
        "2. **折算后达标**：逐项没有全部达标时，如果合同允许折算，把能折算的项目换算成同一单位再比：",
        "    - 服务量（以专业个案计）：个案、咨询、探访、建档、两类小组、两类活动、讲座/工作坊；",
        "    - 督导培训量（以培训计）：督导和培训。",
        "   两组的完成量都不少于需要的量、不能折算的项目（外展宣传、服务简报、志愿者三项）各自达标、满意率达标，结论为“折算后达标”。",
        "3. 其余情况为“未达标”。没有数量下限的项目（如统筹协调岗的治疗性小组）不考核数量，但做了的数量计入折算。",
        "",
        render.conversion_table(model),
        '!!! info "口径说明"',
        "",
        f"    {rule_a.reading}",
        "",
        "## 各类岗位的最低量",
        "",
        render.post_indicator_table(model),
        # For developers, not readers (it also printed with the result): an HTML comment.
        "<!-- 给开发者：同一规则的接口",
        "",
        "页面上的计算和命令行使用同一份数据、同一套规则，结果逐字相同：",
        "",
        "- 浏览器：`window.indicatorAttainment(input)`，输入、输出为下面的 JSON 结构；输入有误时抛出 `IndicatorAttainmentInputError`，`problems` 列出全部原因。",
        "- 命令行：`echo '{\"post_type\": \"specialized\", \"posts\": 1, \"satisfaction\": 0.86, \"counts\": {\"professional_case\": 28}}' | python -m generator attainment -`",
        "输入键：`post_type`（specialized / community / coordination）、`posts`（岗位数，默认 1）、`satisfaction`（0–1）、"
        "`allow_conversion`（默认 true）、`counts`（项目代码 → 全年完成量，缺的按 0）。项目代码："
        + "、".join(f"`{i.key}` {i.name}" for i in model.items)
        + "。",
        "-->",
        "",
    ]
    return "\n".join(lines)
