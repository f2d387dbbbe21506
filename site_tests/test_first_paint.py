"""What a slow phone connection shows first (issue 16): the text, painted
before the page's own scripts are fetched; wide tables with their scroll
cue from that first paint, before any script."""

from __future__ import annotations

import pytest

from generator.table_wrap import CLOSE, OPEN, wrap_tables

MODULE_PAGES = [
    ("forms/group-plan/index.html", "formchecker.js"),
    ("forms/index.html", "drafts.js"),
    ("calculators/supervisor-selection/index.html", "calculator.js"),
    ("calculators/indicator-attainment/index.html", "indicator-attainment.js"),
    ("tools/deadlines/index.html", "tools.js"),
]

# When each page script was requested, and when the first text was painted.
TIMELINE = """name => ({
  fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime,
  scripts: performance.getEntriesByType('resource').filter(r => r.initiatorType === 'script').map(r => [r.name.split('/').pop(), r.startTime]),
  state: document.documentElement.getAttribute('data-sw-scripts'),
})"""


@pytest.mark.parametrize("path,script", MODULE_PAGES)
def test_page_scripts_are_fetched_after_the_first_paint(page, base_url, path, script):
    page.goto(base_url + path)
    seen = page.evaluate(TIMELINE, script)
    assert seen["state"] == "ready"
    assert seen["fcp"] is not None
    started = dict(seen["scripts"])
    assert script in started, f"{path} 没有加载 {script}：{seen['scripts']}"
    early = [name for name, at in seen["scripts"] if at < seen["fcp"] and not name.startswith("bundle.")]
    assert not early, f"{path} 在首次绘制（{seen['fcp']:.0f} ms）之前就请求了页面脚本：{early}"


def test_a_form_works_when_its_scripts_arrive_late(browser, base_url, watch):
    """Typed before the scripts arrive: nothing is lost, 检查 appears and checks it."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    watch.attach(context, page)
    held = []
    page.route("**/checker/form-ui.js", lambda route: held.append(route))
    page.goto(base_url + "forms/group-plan/index.html", wait_until="commit")
    page.fill("#f-group_name", "长者智能手机互助小组")
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "form-ui.js 一直没有被请求"
    assert page.locator(".sw-toolbar .js-check").is_hidden(), "脚本还没到时“检查”按钮不应显示（点了也没用）"
    held[0].continue_()
    page.wait_for_function("document.documentElement.getAttribute('data-sw-scripts') === 'ready'")
    page.locator(".sw-toolbar .js-check").click()
    assert page.locator("#f-group_name").input_value() == "长者智能手机互助小组"
    summary = page.locator(".sw-error-summary")
    assert summary.is_visible()
    assert "小组名称" not in summary.inner_text()
    context.close()


def test_bare_tables_are_wrapped_once():
    html = "<p>x</p><table><tr><td>1</td></tr></table><table class=\"sw-table\"></table>"
    once = wrap_tables(html)
    assert once == f"<p>x</p>{OPEN}<table><tr><td>1</td></tr></table>{CLOSE}<table class=\"sw-table\"></table>"
    assert wrap_tables(once) == once


def test_wide_tables_scroll_in_their_own_box_with_a_cue_before_any_script(browser, base_url, site_dir):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "start/sources.html")
    boxes = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap')].map(w => ({
        scrolls: w.scrollWidth > w.clientWidth,
        cue: getComputedStyle(w).backgroundImage.includes('radial-gradient'),
    }))""")
    assert any(b["scrolls"] for b in boxes), "这页的宽表格应在自己的框里左右滚动"
    assert all(b["cue"] for b in boxes if b["scrolls"]), "可滚动的表格框没有阴影提示"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
    # Every bare table in the built site is wrapped (Material's script then skips it).
    for path in site_dir.rglob("*.html"):
        assert "<table>" not in path.read_text(encoding="utf-8").replace(OPEN + "<table>", ""), path


def test_the_theme_script_does_not_wrap_a_table_twice(page, base_url):
    page.goto(base_url + "start/sources.html")
    page.locator("article h1").click()  # the first click starts Material's script
    page.wait_for_function("!document.documentElement.classList.contains('sw-wait')")
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelectorAll('.md-typeset__scrollwrap .md-typeset__scrollwrap').length") == 0
    assert page.evaluate("document.querySelectorAll('.md-typeset__scrollwrap').length") >= 1


# Layout shifts so far (not caused by input); entries only reach an observer.
LAYOUT_SHIFT = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(total), 250);
})"""

SHIFT_PAGES = [path for path, _ in MODULE_PAGES] + ["forms/group-sign-in/index.html", "tools/archive-code/index.html"]


@pytest.mark.parametrize("width", [360, 1280])
def test_nothing_on_screen_moves_when_the_page_scripts_start(browser, base_url, width):
    """The scripts arrive after the text is on screen: what they add was
    hidden or had its room kept, so no layout shift (Lighthouse's CLS)."""
    context = browser.new_context(viewport={"width": width, "height": 740}, locale="zh-CN")
    page = context.new_page()
    moved = {}
    for path in SHIFT_PAGES:
        page.goto(base_url + path)
        page.wait_for_timeout(300)
        shift = page.evaluate(LAYOUT_SHIFT)
        if shift > 0.01:
            moved[path] = round(shift, 3)
    context.close()
    assert not moved, f"脚本开始后页面内容移动了（累计布局偏移）：{moved}"


def test_typing_at_once_waits_for_the_script_instead_of_being_lost(page, base_url):
    """Straight after "load" (the scripts may not have arrived): a calculator's
    boxes and a form's script-only buttons are disabled until they have, so a
    person or a test that starts at once is held back, not ignored."""
    from playwright.sync_api import Page

    goto = Page.goto.__wrapped__  # without the harness's wait for the scripts
    goto(page, base_url + "calculators/supervisor-selection/index.html")
    page.fill("#ssc-written", "85")
    page.fill("#ssc-interview", "90")
    assert page.locator(".js-total").first.inner_text() == "52.5"

    goto(page, base_url + "tools/deadlines/index.html")
    page.fill("#dc-n", "5")
    page.locator(".js-count-form button[type=submit]").click()
    assert page.locator(".js-count-result").inner_text().strip() or page.locator(".js-count-error").inner_text().strip()
    assert "tools/deadlines" in page.url and "?" not in page.url, "脚本未到时按钮把表单提交了，页面被重新打开"

    goto(page, base_url + "forms/group-sign-in/index.html")
    rows = page.locator("table.sw-table tbody tr.sw-row")
    before = rows.count()
    page.locator(".js-add-row").first.click()
    assert rows.count() == before + 1
