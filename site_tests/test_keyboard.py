"""Keyboard-only use of forms, calculators and tools: a user who cannot use a
mouse reaches every field in reading order, always sees where the focus is,
gets a result, is taken to the error summary after 检查 and from an error
link to its field, and never gets stuck.

Everything a test does to the page goes through ``page.keyboard``; the page
is only *read* (where is the focus, what does it look like, what was
computed)."""

from __future__ import annotations

import itertools

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from generator.scoring.core import score
from site_tests.checker_cases import CASES
from site_tests.supervisor_cases import PAGE as SUPERVISOR_PAGE
from site_tests.test_attainment_core import GOLDEN as ATTAINMENT_CASES

GROUP_PLAN = yaml.safe_load((CASES / "checker" / "group-plan-valid.yaml").read_text(encoding="utf-8"))["values"]
ATTAINMENT_PAGE = "calculators/indicator-attainment/index.html"
ARCHIVE_PAGE = "tools/archive-code/index.html"
DEADLINE_PAGE = "tools/deadlines/index.html"

# Installed in every page before its own scripts. Reads the page, never changes it.
PROBE = r"""
(() => {
  const CANDIDATES = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]';
  const names = new WeakMap();
  const unfocused = new WeakMap();
  let counter = 0;

  function key(e) {
    if (e.tagName === 'INPUT' && e.type === 'radio' && e.name) { return 'radio:' + e.name; }
    if (e.id) { return '#' + e.id; }
    if (!names.has(e)) {
      const cls = typeof e.className === 'string' ? e.className.split(/\s+/).filter(c => c && c !== 'focus-visible') : [];
      names.set(e, e.tagName.toLowerCase() + cls.map(c => '.' + c).join('') + '~' + (++counter));
    }
    return names.get(e);
  }
  function label(e) {
    const own = e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].textContent) || e.textContent || e.value || '';
    return key(e) + ' “' + own.replace(/\s+/g, ' ').trim().slice(0, 30) + '”';
  }
  function tabbable(e) {
    if (e.disabled || e.tabIndex < 0 || e.closest('[inert], [hidden]')) { return false; }
    if (e.tagName === 'INPUT' && e.type === 'hidden') { return false; }
    return e.getClientRects().length > 0 && getComputedStyle(e).visibility === 'visible';
  }
  /** The stops the browser should make inside root, in document order (a radio group is one stop). */
  function tabbables(root) {
    root = typeof root === 'string' ? document.querySelector(root) : (root || document);
    const out = [];
    root.querySelectorAll(CANDIDATES).forEach(e => {
      if (!tabbable(e)) { return; }
      const k = key(e);
      if (out[out.length - 1] !== k && !(k.startsWith('radio:') && out.includes(k))) { out.push(k); }
    });
    return out;
  }
  function outlineOf(s) {
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && s.outlineColor !== 'rgba(0, 0, 0, 0)'
      ? s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor : 'none';
  }
  /** Remember how every focusable element looks without focus, to tell a focus style from a permanent one. */
  function remember() {
    document.querySelectorAll(CANDIDATES).forEach(e => {
      if (e === document.activeElement) { return; }
      const s = getComputedStyle(e);
      unfocused.set(e, { outline: outlineOf(s), shadow: s.boxShadow });
    });
  }
  /** Where the focus is and how it looks. */
  function state(root) {
    const e = document.activeElement;
    remember();
    if (!e || e === document.body || e === document.documentElement) { return null; }
    const s = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    const base = unfocused.get(e) || { outline: 'none', shadow: 'none' };
    const outline = outlineOf(s);
    const indicator = (outline !== 'none' && outline !== base.outline) || (s.boxShadow !== 'none' && s.boxShadow !== base.shadow);
    const onscreen = r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
    let covered = null;
    if (onscreen) {
      const box = e.getClientRects()[0] || r;  // a link that wraps: its first line
      const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      if (hit && hit !== e && !e.contains(hit)) { covered = hit.tagName.toLowerCase() + '.' + String(hit.className).split(' ')[0]; }
    }
    root = typeof root === 'string' ? document.querySelector(root) : root;
    return {
      key: key(e), label: label(e), tag: e.tagName.toLowerCase(), type: e.type || '', id: e.id,
      inside: root ? root.contains(e) : true,
      visible: r.width > 0 && r.height > 0 && e.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
      onscreen: onscreen, covered: covered, indicator: indicator,
      style: outline + ' / ' + s.boxShadow,
      top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left + scrollX, right: r.right + scrollX
    };
  }
  function positiveTabindex() {
    return Array.from(document.querySelectorAll('[tabindex]')).filter(e => e.tabIndex > 0).map(label);
  }
  window.__kbd = { tabbables: tabbables, state: state, positiveTabindex: positiveTabindex, key: key };
})();
"""


@pytest.fixture
def kpage(page):
    page.add_init_script(PROBE)
    return page


# ---- typing into date and month fields ------------------------------------------------

@pytest.fixture(scope="session")
def segment_typing(browser) -> dict:
    """How this browser takes a typed date: the order of the parts, and whether a
    part needs →  to move on (month names do not jump ahead, digits do)."""
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    found = {}
    for kind, iso in (("date", "2003-11-12"), ("month", "2003-11")):
        parts = dict(zip("ymd", iso.split("-")))
        for order, arrow in itertools.product(itertools.permutations(parts), (False, True)):
            pg.set_content(f'<input id="a"><input id="t" type="{kind}">')
            pg.focus("#a")
            pg.keyboard.press("Tab")
            _enter(pg, [parts[p] for p in order], arrow)
            if pg.input_value("#t") == iso:
                found[kind] = ("".join(order), arrow)
                break
        assert kind in found, f"不知道怎样在这个浏览器的 {kind} 输入框里打字"
    context.close()
    return found


def _enter(page, parts, arrow: bool) -> None:
    for i, part in enumerate(parts):
        page.keyboard.type(part)
        if arrow and i < len(parts) - 1:
            page.keyboard.press("ArrowRight")


def type_segmented(page, typing: dict, kind: str, iso: str) -> None:
    """Type an ISO date (or month) into the focused date (month) field, first segment focused."""
    order, arrow = typing[kind]
    parts = dict(zip("ymd", iso.split("-")))
    _enter(page, [parts[p] for p in order], arrow)


# ---- moving the focus ----------------------------------------------------------------------

def state(page, root=None) -> dict | None:
    return page.evaluate("root => window.__kbd.state(root)", root)


def assert_focus_shown(s: dict, where: str = "") -> None:
    """The focused element can be seen, and so can the fact that it has the focus."""
    assert s is not None, f"{where}焦点丢失（落在 body 上）"
    assert s["visible"], f"{where}焦点落在看不见或零尺寸的元素上：{s['label']}"
    assert s["onscreen"], f"{where}获得焦点的元素在屏幕外：{s['label']}"
    assert not s["covered"], f"{where}获得焦点的元素被 {s['covered']} 挡住：{s['label']}"
    assert s["indicator"], f"{where}获得焦点的元素没有可见的焦点样式：{s['label']}（{s['style']}）"


SHOWN = "s => s.visible && s.onscreen && s.indicator && !s.covered"
SEEN = "s => s.visible && s.onscreen"


def tab(page, root=None, shift: bool = False, settled: str = SHOWN) -> dict | None:
    """Press Tab (Shift+Tab); where the focus is once it has ``settled``, or 1 s later."""
    page.keyboard.press("Shift+Tab" if shift else "Tab")
    s = state(page, root)
    if s and not page.evaluate(f"s => ({settled})(s)", s):
        # Let a focus transition (a link fading in) or a scroll finish, then look again.
        try:
            page.wait_for_function(f"() => {{ const s = window.__kbd.state(); return !!s && ({settled})(s); }}", timeout=1000)
        except PlaywrightTimeoutError:
            pass
        s = state(page, root)
    return s


def tab_until(page, predicate, root=None, shift=False, limit=150) -> dict:
    """Press Tab until predicate(state) holds; fail if it never does."""
    seen = []
    for _ in range(limit):
        s = tab(page, root, shift)
        if s and predicate(s):
            return s
        seen.append(s["label"] if s else None)
    raise AssertionError(f"按了 {limit} 次 Tab 仍没有到达目标；经过：{seen[-15:]}")


def walk(page, root: str, shift: bool = False, check_focus: bool = True, limit: int = 600) -> list[dict]:
    """From the element focused now (inside root), Tab until the focus leaves root.
    Returns one state per distinct stop (a date field's segments count once)."""
    stops = [state(page, root)]
    for _ in range(limit):
        s = tab(page, root, shift)
        if s is None or not s["inside"]:
            return stops
        if check_focus:
            assert_focus_shown(s, f"{root} 中 ")
        if s["key"] != stops[-1]["key"]:
            stops.append(s)
    raise AssertionError(f"按了 {limit} 次 Tab 焦点仍没有离开 {root}：可能是键盘陷阱")


def assert_reading_order(stops: list[dict]) -> None:
    """Each stop is below the previous one, or beside it to the right on the same line."""
    for a, b in zip(stops, stops[1:]):
        below = b["top"] >= a["top"] - 2
        right = b["left"] >= a["left"] and b["top"] < a["bottom"]
        assert below or right, f"Tab 顺序和阅读顺序不一致：{a['label']} 之后是上方的 {b['label']}"


def assert_tab_order_is_document_order(page, root: str, stops: list[dict]) -> None:
    expected = page.evaluate("root => window.__kbd.tabbables(root)", root)
    got = [s["key"] for s in stops]
    missing = [k for k in expected if k not in got]
    assert not missing, f"用 Tab 到不了：{missing}"
    assert got == expected, f"Tab 顺序与页面顺序不一致：\n实际 {got}\n应为 {expected}"


def assert_no_positive_tabindex(page) -> None:
    assert page.evaluate("window.__kbd.positiveTabindex()") == [], "有 tabindex 为正数的元素，会打乱 Tab 顺序"


# ---- 1. a form ------------------------------------------------------------------------------

def open_form(page, base_url, form_id: str):
    page.goto(f"{base_url}forms/{form_id}/index.html")
    page.wait_for_function("id => window.formChecker && window.swCheckerData && window.formChecker.rules(id)", arg=form_id)
    page.wait_for_selector(".js-check:not([hidden])")


def tab_through(page, root: str) -> tuple[dict, list[dict]]:
    """Tab from the top of the page into ``root`` and through all of it: no
    positive tabindex, stops in document and reading order. Returns the first
    stop inside and every stop."""
    assert_no_positive_tabindex(page)
    first = tab_until(page, lambda s: s["inside"], root)
    stops = walk(page, root)
    assert_tab_order_is_document_order(page, root, stops)
    assert_reading_order(stops)
    return first, stops


def test_form_can_be_filled_and_checked_with_the_keyboard_only(kpage, base_url, segment_typing):
    page = kpage
    form = "form.sw-form"
    open_form(page, base_url, "group-plan")
    assert_no_positive_tabindex(page)
    title = page.title()

    # From the top of the page, Tab reaches the form; its first stop is 检查.
    first = tab_until(page, lambda s: s["inside"], form)
    assert "js-check" in first["key"], first["label"]
    assert_focus_shown(first)

    # Every field in document and reading order, each with a visible focus; back again with Shift+Tab.
    forward = walk(page, form)
    assert_tab_order_is_document_order(page, form, forward)
    assert_reading_order(forward)
    keys = [s["key"] for s in forward]
    for field in ("#f-archive_code", "#f-group_name", "#f-submit_date", "radio:domain", "#f-recruit",
                  "#f-need", "#f-sessions-0-theme", "#f-budget-0-amount", "radio:supervisor_decision", "#f-feedback_date"):
        assert field in keys, field
    page.keyboard.press("Shift+Tab")  # back into the form, on its last stop
    backward = walk(page, form, shift=True)
    assert [s["key"] for s in backward] == keys[::-1], "Shift+Tab 不是按相反顺序走"

    # 检查 on the empty form: the error summary takes the focus, visibly.
    assert tab(page, form)["key"] == first["key"]
    page.keyboard.press("Enter")
    s = state(page, ".sw-error-summary")
    assert s["inside"] and "sw-error-summary" in s["key"], f"按“检查”后焦点没有移到错误摘要：{s['label']}"
    assert_focus_shown(s, "错误摘要：")
    assert page.title() == "错误：" + title

    # Its links are the next Tab stops, each visibly focused.
    links = walk(page, ".sw-error-summary")[1:]
    hrefs = page.eval_on_selector_all(".sw-error-summary a", "as => as.map(a => a.getAttribute('href'))")
    assert len(links) == len(hrefs) >= 3
    assert all(s["tag"] == "a" for s in links)

    # Enter on the 负责社工 link puts the focus in that field, ready to type.
    tab_until(page, lambda s: s["inside"] and page.evaluate("document.activeElement.getAttribute('href')") == "#f-worker",
              ".sw-error-summary", shift=True)
    page.keyboard.press("Enter")
    s = state(page)
    assert s["id"] == "f-worker", f"错误链接没有把焦点移到对应的输入框：{s['label']}"
    assert_focus_shown(s, "从错误链接跳到字段：")
    below_header = page.evaluate(
        "() => document.querySelector('label[for=f-worker]').getBoundingClientRect().top - document.querySelector('.md-header').getBoundingClientRect().bottom"
    )
    assert below_header >= 0, "从错误链接跳到字段后，字段的标签被页头挡住"
    page.keyboard.type(GROUP_PLAN["worker"])
    assert page.input_value("#f-worker") == GROUP_PLAN["worker"]

    # Fill the whole form from the top, by keyboard only.
    tab_until(page, lambda s: s["id"] == "f-archive_code", form, shift=True, limit=5)
    fill_form_by_keyboard(page, form, GROUP_PLAN, segment_typing)
    values = page.evaluate("window.swForm.values(document.querySelector('form.sw-form'))")
    assert {k: values[k] for k in GROUP_PLAN} == GROUP_PLAN

    # Back up to 检查 and press it with the space bar: no problems left.
    tab_until(page, lambda s: "js-check" in s["key"], form, shift=True, limit=200)
    page.keyboard.press(" ")
    assert "没有发现问题" in page.locator(".js-form-status").inner_text()
    assert page.locator(".sw-error-summary").is_hidden()
    assert page.title() == title


def fill_form_by_keyboard(page, form: str, values: dict, typing: dict) -> None:
    """The focus is on the first field: Tab through the form typing ``values``
    (checker value format), adding table rows with the 添加一行 button."""
    previous = None
    s = state(page, form)
    for _ in range(400):
        if s is None or not s["inside"]:
            return
        if s["key"] != previous:  # not the next segment of the same date field
            fill_one(page, s, values, typing)
            previous = state(page, form)["key"]
        s = tab(page, form)
    raise AssertionError("填写表格时焦点没有离开表格")


def fill_one(page, s: dict, values: dict, typing: dict) -> None:
    info = page.evaluate(
        """() => { const e = document.activeElement;
             return {name: e.getAttribute('name') || '', table: e.getAttribute('data-table') || '',
                     add: e.classList.contains('js-add-row'), value: e.value, checked: e.checked}; }"""
    )
    name = info["name"]
    if info["add"]:
        table = info["table"]
        rows = page.locator(f'[data-field="{table}"] tbody tr').count()
        if rows < len(values.get(table) or []):
            page.keyboard.press("Enter")
            after = state(page)
            assert after["id"] == f"f-{table}-{rows}-{first_column(page, table)}", f"添加一行后焦点没有落在新行：{after['label']}"
            assert_focus_shown(after, "添加一行：")
            fill_one(page, after, values, typing)
        return
    if s["tag"] == "button":
        return
    if "." in name:  # a table cell: FIELD.ROW.COLUMN
        field, row, col = name.split(".")
        rows = values.get(field) or []
        wanted = rows[int(row)].get(col, "") if int(row) < len(rows) else ""
    elif s["type"] == "checkbox":
        if (info["value"] in (values.get(name) or [])) != info["checked"]:
            page.keyboard.press(" ")
        return
    elif s["type"] == "radio":
        wanted = values.get(name, "")
        if not wanted:
            return
        count = page.locator(f'input[type=radio][name="{name}"]').count()
        if not info["checked"]:
            page.keyboard.press(" ")
        for _ in range(count):
            if page.evaluate("document.activeElement.value") == wanted:
                break
            page.keyboard.press("ArrowRight")
        assert page.evaluate("document.activeElement.checked && document.activeElement.value") == wanted
        return
    else:
        wanted = values.get(name, "")
    if not wanted or info["value"] == wanted:
        return
    if s["type"] in ("date", "month"):
        type_segmented(page, typing, s["type"], wanted)
    else:
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.type(wanted)


def first_column(page, table: str) -> str:
    return page.eval_on_selector(f'[data-field="{table}"] template', "t => t.content.querySelector('[data-col]').getAttribute('data-col')")


@pytest.mark.parametrize("form_id", ["safety-inspection", "archive-catalogue", "case-basic-info"])
def test_other_forms_tab_in_order_with_visible_focus(kpage, base_url, form_id):
    """Choice, yes/no, selects in table rows, time fields: all reached in order, all visibly focused;
    检查 focuses the summary and its first link leads to its field."""
    page = kpage
    form = "form.sw-form"
    open_form(page, base_url, form_id)
    _, stops = tab_through(page, form)
    page.keyboard.press("Shift+Tab")
    tab_until(page, lambda s: "js-check" in s["key"], form, shift=True, limit=len(stops) + 40)
    page.keyboard.press("Enter")
    s = state(page, ".sw-error-summary")
    assert s["inside"] and "sw-error-summary" in s["key"], f"按“检查”后焦点没有移到错误摘要：{s['label']}"
    link = tab(page, ".sw-error-summary")
    assert link["tag"] == "a" and link["inside"]
    assert_focus_shown(link)
    target = page.evaluate("document.activeElement.getAttribute('href').slice(1)")
    page.keyboard.press("Enter")
    s = state(page)
    assert s["id"] == target, f"错误链接指向 #{target}，焦点却在 {s['label']}"
    assert_focus_shown(s)


# ---- 2. calculators and tools -------------------------------------------------------------------

def test_supervisor_calculator_by_keyboard(kpage, base_url):
    page = kpage
    page.goto(base_url + SUPERVISOR_PAGE)
    page.wait_for_function("typeof window.supervisorScore === 'function'")
    form = "form.js-form"
    first, stops = tab_through(page, form)
    assert first["id"] == "ssc-name"

    # Fill it in: Shift+Tab back to the top, then field by field.
    tab_until(page, lambda s: s["id"] == "ssc-name", form, shift=True, limit=len(stops) + 5)
    page.keyboard.type("王小明")
    tab_until(page, lambda s: s["id"] == "ssc-written", form)
    page.keyboard.type("72")
    tab(page, form)
    page.keyboard.type("80")
    s = tab(page, form)
    assert s["id"] == "ssc-media_coverage"
    select_by_keyboard(page, "province")
    tab(page, form)
    page.keyboard.press(" ")  # 社工证
    tab(page, form)
    page.keyboard.press(" ")  # 硕士
    s = tab(page, form)
    tab(page, form)
    assert s["key"].startswith("input.js-qual")
    select_by_keyboard(page, "2")
    assert state(page)["id"] == "ssc-excellent_ratings"
    tab(page, form)
    page.keyboard.type("2.5")
    # 添加一项获奖: the focus goes to the new row, whose fields are next in Tab order.
    s = tab_until(page, lambda s: "js-add" in s["key"], form)
    page.keyboard.press("Enter")
    s = state(page, form)
    assert s["inside"] and "js-item" in s["key"], f"添加一项后焦点没有落在新的一行：{s['label']}"
    assert_focus_shown(s, "添加一项：")
    award = {"level": "province", "rank": "1", "role": "lead", "project": "P1"}
    for _ in range(10):
        item = page.evaluate("document.activeElement.getAttribute('data-item')")
        if item is None:
            break
        if item in award:
            if s["tag"] == "select":
                select_by_keyboard(page, award.pop(item))
            else:
                page.keyboard.type(award.pop(item))
        s = tab(page, form)
    assert not award, f"这一行里用 Tab 到不了：{list(award)}"
    assert "js-remove" in s["key"], f"一行的最后应是“删除这一项”按钮：{s['label']}"
    assert_focus_shown(s)

    expected = score({
        "written": 72, "interview": 80, "media_coverage": "province", "qualifications": ["sw_certificate", "master"],
        "excellent_ratings": 2, "dongguan_years": 2.5,
        "service_awards": [{"level": "province", "rank": 1, "role": "lead", "project": "P1"}],
    })
    assert page.locator(".js-total").inner_text() == str(expected["total"])

    # A wrong entry: the error list names it, and its entry takes the user to the field.
    tab_until(page, lambda s: s["id"] == "ssc-written", form, shift=True)
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("七十二")
    assert page.locator(".js-errors").is_visible()
    assert state(page)["id"] == "ssc-written", "计算器在输入时抢走了焦点"
    s = tab_until(page, lambda s: s["inside"], ".js-errors")
    assert_focus_shown(s, "错误列表：")
    page.keyboard.press("Enter")
    s = state(page)
    assert s["id"] == "ssc-written", f"在错误上按回车没有回到出错的输入框：{s['label']}"
    assert_focus_shown(s)


def select_by_keyboard(page, value: str) -> None:
    """Choose an option of the focused closed <select> with the arrow keys."""
    options = page.evaluate("Array.from(document.activeElement.options).map(o => o.value)")
    assert value in options, (value, options)
    page.keyboard.press("Home")
    for _ in range(options.index(value)):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == value


def test_attainment_calculator_by_keyboard(kpage, base_url):
    page = kpage
    page.goto(base_url + ATTAINMENT_PAGE)
    page.wait_for_function("typeof window.indicatorAttainment === 'function'")
    form = "form.js-ia-form"
    first, stops = tab_through(page, form)
    assert first["id"] == "ia-post-type"

    example = ATTAINMENT_CASES[0]["input"]  # the issue example: 折算后达标
    tab_until(page, lambda s: s["id"] == "ia-post-type", form, shift=True, limit=len(stops) + 5)
    select_by_keyboard(page, example["post_type"])
    tab(page, form)
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(str(example.get("posts", 1)))
    tab(page, form)
    page.keyboard.type("86")
    # 合同是否允许折算 has no default: one tab stop, Space chooses 允许.
    tab(page, form)
    assert page.evaluate("document.activeElement.name") == "allow_conversion"
    page.keyboard.press("Space")
    assert page.locator('.js-ia-allow[value="yes"]').is_checked()
    for item, value in example["counts"].items():
        tab_until(page, lambda s, item=item: s["id"] == f"ia-c-{item}", form, limit=5)
        page.keyboard.type(str(value))
    assert page.locator(".ia-verdict__title").inner_text() == "结论：折算后达标"

    # A count that is not a number: marked at once, and the focus stays where the user types.
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("十")
    assert page.locator(".js-ia-errors").is_visible()
    s = state(page)
    assert s["id"].startswith("ia-c-"), "计算器在输入时抢走了焦点"
    assert page.get_attribute("#" + s["id"], "aria-invalid") == "true"


def test_archive_code_tool_by_keyboard(kpage, base_url, segment_typing):
    page = kpage
    page.goto(base_url + ARCHIVE_PAGE)
    page.wait_for_function("() => window.formChecker && window.swCheckerData")
    root = ".sw-tool"
    first, stops = tab_through(page, root)
    assert first["id"] == "ac-town"

    tab_until(page, lambda s: s["id"] == "ac-town", root, shift=True, limit=len(stops) + 10)
    select_by_keyboard(page, "GC")
    tab(page, root)
    select_by_keyboard(page, "CAB")
    tab(page, root)
    select_by_keyboard(page, "C")
    tab(page, root)
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("3")
    tab(page, root)
    # Enter without the initials: the tool says what is missing.
    page.keyboard.press("Enter")
    assert "社工编码" in page.locator(".js-archive-result").inner_text()
    type_segmented(page, segment_typing, "month", "2025-03")
    s = tab_until(page, lambda s: s["id"] == "ac-initials", root, limit=5)
    page.keyboard.type("wm")
    page.keyboard.press("Enter")
    assert page.locator(".js-archive-code").inner_text() == "GC-CAB-C03-202503-WM"
    s = tab_until(page, lambda s: s["id"] == "ac-code", root, limit=3)
    assert page.input_value("#ac-code") == "GC-CAB-C03-202503-WM"
    s = tab(page, root)
    assert s["tag"] == "button"
    page.keyboard.press(" ")
    assert "编码有效" in page.locator(".js-archive-verdict").inner_text()
    tab(page, root, shift=True)
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("GC-CAB-C03-2025-WM")
    page.keyboard.press("Enter")
    assert "编码无效" in page.locator(".js-archive-verdict").inner_text()


def test_deadline_tool_by_keyboard(kpage, base_url, segment_typing):
    page = kpage
    page.goto(base_url + DEADLINE_PAGE)
    page.wait_for_function("() => window.formChecker && window.swCheckerData")
    root = ".sw-tool"
    first, stops = tab_through(page, root)
    assert first["id"] == "dl-event"

    tab_until(page, lambda s: s["id"] == "dl-event", root, shift=True, limit=len(stops) + 10)
    event = page.evaluate("document.activeElement.options[1].value")
    select_by_keyboard(page, event)
    tab(page, root)
    page.keyboard.press("Enter")  # no date yet
    assert page.locator(".js-deadline-error").inner_text() != ""
    assert state(page)["id"] == "dl-date"
    type_segmented(page, segment_typing, "date", "2025-09-30")
    page.keyboard.press("Enter")
    assert page.locator(".js-deadline-error").inner_text() == ""
    assert page.locator(".js-deadline-result .js-due").count() >= 1


# ---- 3. no keyboard trap ----------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "forms/group-plan/index.html", SUPERVISOR_PAGE, ATTAINMENT_PAGE, ARCHIVE_PAGE, DEADLINE_PAGE,
])
def test_tab_goes_round_the_whole_page_without_a_trap(kpage, base_url, path):
    """Tab from the top visits every focusable element once and comes back round;
    so does Shift+Tab. No stop is invisible."""
    page = kpage
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    expected = page.evaluate("window.__kbd.tabbables()")
    for shift in (False, True):
        seen = []
        for _ in range(3 * len(expected) + 50):
            s = tab(page, shift=shift, settled=SEEN)
            if s is None:
                continue  # the focus went out to the browser's own UI; the next Tab comes back in
            assert s["visible"] and s["onscreen"], f"焦点落在看不见的元素上：{s['label']}"
            if seen and s["key"] == seen[-1]:
                continue  # another segment of the same date field
            if s["key"] in seen:
                assert s["key"] == seen[0], f"没走完一圈就回到了 {s['label']}"
                break
            seen.append(s["key"])
        else:
            raise AssertionError(f"{'Shift+' if shift else ''}Tab 走不回页面开头：可能是键盘陷阱；最后经过 {seen[-10:]}")
        missing = [k for k in expected if k not in seen]
        assert not missing, f"{'Shift+' if shift else ''}Tab 一圈没有经过：{missing}"

