"""The two generated tool pages: 服务档案编码 and 办理时限计算.

Both render their tables from data/ (code lists, deadline rules) and carry a
small form that ``tools.js`` brings to life; without JavaScript the tables
still tell the reader everything.
"""

from __future__ import annotations

from markupsafe import escape

from generator.context import Context, Staging
from generator.page_scripts import script_list

ARCHIVE_PAGE = "tools/archive-code/index.md"
DEADLINE_PAGE = "tools/deadlines/index.md"
ARCHIVE_CITES = ("001《档案接收制度》第四章 1", "001《档案接收制度》第四章 2")


def _front(ctx: Context, source: str) -> list[str]:
    return ["---", f"generated_from: {source}", "---", ""]


def _cite(ctx: Context, *cites: str) -> str:
    text = "；".join(str(escape(ctx.models["sources"].text(c))) for c in cites)
    return f'<span class="cite">来源：{text}</span>'


def archive_code_tables(ctx: Context) -> str:
    """Markdown tables of the three code lists (macro ``archive_code_tables()``)."""
    rows = ctx.models["tables"].rows
    out = ["### 镇街编码", "", "| 镇街 | 类型 | 拼音首字母 | 本手册采用的编码 | 说明 |", "| --- | --- | --- | --- | --- |"]
    for r in rows["towns"]:
        code = f"**{escape(r['code'])}**" if r["code"] != r["initials"] else escape(r["code"])
        out.append(f"| {escape(r['name'])} | {escape(r['kind'])} | {escape(r['initials'])} | {code} | {escape(r.get('note') or '')} |")
    out += ["", "### 服务板块编码", "", "| 编码 | 服务板块 | 英文 | 对应的服务 |", "| --- | --- | --- | --- |"]
    for r in rows["archive_areas"]:
        out.append(f"| **{escape(r['code'])}** | {escape(r['name'])} | {escape(r['english'])} | {escape(r.get('service') or '')} |")
    out += ["", "### 服务性质编码", "", "| 编码 | 服务性质 | 英文 | 用于哪类表格 | 说明 |", "| --- | --- | --- | --- | --- |"]
    for r in rows["archive_natures"]:
        cats = "、".join(c for c in (r.get("categories") or "").split("|") if c)
        out.append(f"| **{escape(r['code'])}** | {escape(r['name'])} | {escape(r['english'])} | {escape(cats)} | {escape(r.get('note') or '')} |")
    return "\n".join(out) + "\n"


def _options(pairs) -> str:
    return "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in pairs)


def archive_page(ctx: Context) -> str:
    rows = ctx.models["tables"].rows
    dup = [r for r in rows["towns"] if r["code"] != r["initials"]]
    dup_text = "；".join(f"{r['name']}用 {r['code']}" for r in dup)
    towns = _options((r["code"], f"{r['name']}（{r['code']}）") for r in rows["towns"])
    areas = _options((r["code"], f"{r['name']}（{r['code']}）") for r in rows["archive_areas"])
    natures = _options((r["code"], f"{r['name']}（{r['code']}）") for r in rows["archive_natures"])
    parts = _front(ctx, "data/tables/towns.csv, archive_areas.csv, archive_natures.csv") + [
        "# 服务档案编码：生成与校验",
        "",
        "每份个案、小组、活动、咨询和探访档案都有一个服务档案编码，写在表格页眉的编码框里，归档和查找都靠它。",
        _cite(ctx, *ARCHIVE_CITES),
        "",
        "## 编码由五段组成",
        "",
        "| 段 | 内容 | 写法 | 例 |",
        "| --- | --- | --- | --- |",
        "| 1 | 镇街编码 | 镇街名称拼音首字母，大写；重名的见下方说明 | GC（莞城） |",
        "| 2 | 服务板块编码 | 三个大写字母，见服务板块编码表 | CAB（民政局·医务） |",
        "| 3 | 服务性质和次序 | 一个字母加两位次序，连在一起写 | C01（当年第 1 个个案） |",
        "| 4 | 服务年月 | 四位年份加两位月份 | 201301（2013 年 1 月） |",
        "| 5 | 社工编码 | 负责社工姓名拼音首字母，大写 | WM（王明） |",
        "",
        "各段之间用半角短横线“-”连接，完整的例子：**GC-CAB-C01-201301-WM**，表示莞城民政局（医务）板块的社工王明，2013 年 1 月开的当年第一个个案。",
        "",
        "次序怎么编：",
        "",
        "1. 每位社工自己编号，不分服务领域；",
        "2. 每种服务性质分开编，每年从 01 重新开始；",
        "3. 按开始服务的先后排：1 月开了两个个案（C01、C02），2 月的第一个个案就是 C03。",
        "",
        "市直岗位和镇街岗位用同一套编码。",
        "",
        '<div class="sw-tool" data-module="sw-archive-code" markdown="0">',
        '<h2 id="generate">生成编码</h2>',
        '<form class="sw-tool__form js-archive-build" novalidate>',
        f'<p><label for="ac-town">镇街</label><br><select id="ac-town">{towns}</select></p>',
        f'<p><label for="ac-area">服务板块</label><br><select id="ac-area">{areas}</select></p>',
        f'<p><label for="ac-nature">服务性质</label><br><select id="ac-nature">{natures}</select></p>',
        '<p><label for="ac-seq">次序（当年第几个）</label><br><input id="ac-seq" type="number" min="1" max="999" value="1" inputmode="numeric"></p>',
        '<p><label for="ac-month">服务年月</label><br><input id="ac-month" type="month" placeholder="2025-03"></p>',
        '<p><label for="ac-initials">社工编码（姓名拼音首字母，如 王明 → WM）</label><br><input id="ac-initials" type="text" maxlength="4" autocomplete="off" spellcheck="false"></p>',
        '<p><button type="submit" class="md-button md-button--primary">生成</button></p>',
        "</form>",
        '<p class="sw-tool__result js-archive-result" role="status" aria-live="polite"></p>',
        '<h2 id="validate">校验编码</h2>',
        '<form class="sw-tool__form js-archive-check" novalidate>',
        '<p><label for="ac-code">服务档案编码</label><br><input id="ac-code" type="text" autocomplete="off" spellcheck="false" placeholder="GC-CAB-C01-201301-WM"></p>',
        '<p><button type="submit" class="md-button">校验</button></p>',
        "</form>",
        '<div class="sw-tool__result js-archive-verdict" role="status" aria-live="polite"></div>',
        "<noscript><p>生成和校验需要浏览器开启 JavaScript；不开也可以对照下面的编码表手工编写。</p></noscript>",
        "</div>",
        "",
        "各表格页眉的编码框用同一套规则检查：按“校验”时，编码格式不对会报错；性质字母和表格不一致（如在小组表格上写 C 开头的个案编码）会提醒。",
        "",
        "## 编码表",
        "",
        archive_code_tables(ctx),
        "",
        '!!! note "口径说明：来源文件里不一致的地方"',
        "",
        "    1. **六部分还是五段。** 来源写的格式有六个部分（镇街、服务板块、服务性质、次序、服务年月、社工），但所有例子都只有五段：性质字母和次序连写，如 C01。本手册按例子执行：五段，性质和次序之间不加短横线。",
        "    2. **Inquites。** 来源编码表里“咨询”的英文拼作 Inquites，应为 Inquiry；编码字母仍是 I，不受影响。",
        f"    3. **镇街首字母重复。** 按“拼音首字母”的规则，厚街和黄江都是 HJ，虎门和洪梅都是 HM。为了让编码唯一，本手册规定：{escape(dup_text)}，厚街和虎门保留原来的首字母。旧档案里已经写成 HJ、HM 的，结合档案内容判断是哪个镇。",
        "    4. **社工首字母重复。** 同一服务点两位社工首字母相同（如王明、吴敏都是 WM）时，编码可能完全一样。本手册建议由组长指定其中一位在首字母后加名字中第二个字的声母以示区别（如 WMM），并在档案移交清单上注明。",
        "",
        _cite(ctx, *ARCHIVE_CITES),
        "",
    ]
    return "\n".join(parts)


def _years(years) -> str:
    """2004–2026、2028: runs of consecutive years."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return "、".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def calendar_coverage(cal) -> list[str]:
    """What the holiday data covers, which years are provisional, how to add one."""
    lines = [
        f"节假日和调休数据来自国务院每年公布的放假安排，目前收录 {_years(cal.years)} 年。"
        "没有收录的年份，按工作日计算的期限不会给出日期，而是提示你对照当年的放假通知人工核对。",
    ]
    for year, source in sorted(cal.provisional.items()):
        lines += [
            "",
            f"**{year} 年是暂定数据**：国务院 {year} 年放假安排的通知公布前，只按法律列出法定假日本身"
            f"（来源：{escape(source)}），没有补休和调休上班日。凡是用到 {year} 年的日期，旁边都有核对提示。",
        ]
    lines += [
        "",
        "维护人员：国务院每年公布下一年放假安排后，新建或改写 `data/calendar/<年份>.yaml`"
        "（放假起止日期、调休上班的周末、通知标题文号），重新构建网站即可；格式见维护指南。",
    ]
    return lines


def deadline_page(ctx: Context, checker) -> str:
    rules = ctx.models["rules"]
    cal = checker.shared.calendar
    events = _options(rules.events.items())
    parts = _front(ctx, "data/rules/deadlines.yaml") + [
        "# 办理时限计算",
        "",
        "选一个起算事件，填上它的日期，就能看到由此产生的全部办理期限：每一条都写明按哪条规则、出自哪份文件。",
        "按“工作日”计算的期限跳过周末和国家法定节假日，并把调休上班的周末算作工作日。",
        "",
        '<div class="sw-tool" data-module="sw-deadlines" markdown="0">',
        '<form class="sw-tool__form js-deadline-form" novalidate>',
        f'<p><label for="dl-event">起算事件</label><br><select id="dl-event">{events}</select></p>',
        '<p><label for="dl-date">事件日期</label><br><input id="dl-date" type="date"></p>',
        '<p><button type="submit" class="md-button md-button--primary">计算期限</button></p>',
        "</form>",
        '<p class="sw-tool__error js-deadline-error" role="alert"></p>',
        '<div class="js-deadline-result" aria-live="polite"></div>',
        "<noscript><p>计算需要浏览器开启 JavaScript；不开也可以对照下面的规则表手工推算。</p></noscript>",
        "</div>",
        "",
        "## 任意天数推算 {#count}",
        "",
        "规则不在下表里，或想核对别人的说法（如“收到后 5 个工作日内”）时，从任意一天往后（或往前）数几个工作日或自然日。"
        "起算日当天不算；结果列出跳过了哪些周末和节假日、哪些调休上班的周末算作了工作日。",
        "",
        '<div class="sw-tool" data-module="sw-day-count" markdown="0">',
        '<form class="sw-tool__form js-count-form" novalidate>',
        '<p><label for="dc-date">从哪天起算</label><br><input id="dc-date" type="date"></p>',
        '<p><label for="dc-n">数几天</label><br><input id="dc-n" type="text" inputmode="numeric" autocomplete="off" size="6" placeholder="如 5"></p>',
        '<fieldset class="sw-tool__choice"><legend>按什么天数</legend>'
        '<label><input type="radio" name="dc-unit" value="working_day" checked> 工作日</label> '
        '<label><input type="radio" name="dc-unit" value="calendar_day"> 自然日（周末、节假日都算）</label></fieldset>',
        '<fieldset class="sw-tool__choice"><legend>往哪边数</legend>'
        '<label><input type="radio" name="dc-direction" value="after" checked> 往后（之后第几天）</label> '
        '<label><input type="radio" name="dc-direction" value="before"> 往前（之前第几天）</label></fieldset>',
        '<p><button type="submit" class="md-button md-button--primary">推算</button></p>',
        "</form>",
        '<p class="sw-tool__error js-count-error" role="alert"></p>',
        '<div class="js-count-result" aria-live="polite"></div>',
        "<noscript><p>推算需要浏览器开启 JavaScript。</p></noscript>",
        "</div>",
        "",
        '!!! warning "节假日数据的范围"',
        "",
        *(f"    {line}" for line in calendar_coverage(cal)),
        "",
        "## 全部规则",
        "",
        "| 起算事件 | 事项 | 期限 | 本手册采用的规则 | 来源 |",
        "| --- | --- | --- | --- | --- |",
    ]
    source_text = ctx.models["sources"].text
    for event_id, event_name in rules.events.items():
        for r in rules.rules.values():
            if r.event == event_id:
                parts.append(
                    f"| {escape(event_name)} | {escape(r.title)} | {escape(r.span())} | {escape(r.text)} | {escape('；'.join(source_text(c) for c in r.cites))} |"
                )
    parts += ["", "本页、关键时限一览和表格检查用的是同一份规则，规则改动后一起更新。<!-- 维护：data/rules/deadlines.yaml -->", ""]
    return "\n".join(parts)


def write(ctx: Context, checker, out: Staging) -> None:
    # Tool pages load the checker data and tool scripts themselves (tools/x/index.md -> ../../assets).
    scripts = script_list(f"../../assets/javascripts/checker/{n}" for n in ("formchecker.js", "tools.js"))
    out.write_text(ARCHIVE_PAGE, archive_page(ctx) + "\n\n" + scripts + "\n", by="generator/checker")
    out.write_text(DEADLINE_PAGE, deadline_page(ctx, checker) + "\n\n" + scripts + "\n", by="generator/checker")
