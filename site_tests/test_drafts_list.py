"""本机草稿 on a shared office computer: every draft of every form listed on
the forms index and on each form page (title and times only, never what was
typed), opened or deleted one by one, and 清除本机全部草稿 leaving nothing of
any form in browser storage."""

from __future__ import annotations

import re

STAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
CLIENT = "王小明"
PHONE = "13800138000"
HOSTILE = "<img src=x onerror=alert(1)>"


def open_form(page, base_url, form_id):
    page.goto(f"{base_url}forms/{form_id}/index.html")
    page.wait_for_function("id => window.formChecker && window.formChecker.rules(id)", arg=form_id)
    page.wait_for_selector(".js-check:not([hidden])")
    page.wait_for_selector(".js-drafts:not([hidden]) .sw-drafts__body > *")


def type_draft(page, base_url, form_id, selector, text):
    open_form(page, base_url, form_id)
    page.fill(selector, text)
    page.wait_for_function("id => localStorage.getItem('sw-draft:' + id)", arg=form_id)


def rows(page):
    return page.locator(".js-drafts tbody tr")


def site_storage(page) -> dict:
    """Everything in local and session storage, as {key: value}."""
    return page.evaluate(
        """() => { const out = {};
          for (const s of [localStorage, sessionStorage]) for (let i = 0; i < s.length; i++) out[s.key(i)] = s.getItem(s.key(i));
          return out; }"""
    )


def two_drafts(page, base_url):
    type_draft(page, base_url, "case-basic-info", "#f-client_name", CLIENT)
    page.fill("#f-phone", PHONE)
    type_draft(page, base_url, "group-plan", "#f-group_name", f"{CLIENT}的亲子小组")


def test_forms_index_lists_every_draft_without_client_data(page, base_url):
    two_drafts(page, base_url)
    page.goto(base_url + "forms/index.html")
    page.wait_for_selector(".js-drafts tbody tr")
    box = page.locator(".js-drafts")
    text = box.inner_text()
    assert "本机草稿" in text and "共 2 份草稿" in text
    assert CLIENT not in text and PHONE not in text
    assert rows(page).count() == 2
    titles = rows(page).locator("td:first-child a").all_inner_texts()
    assert titles == ["小组计划书", "个案基本资料表"], titles  # newest first
    for r in range(2):
        saved, expires = (rows(page).nth(r).locator("td").nth(i).inner_text() for i in (1, 2))
        assert STAMP.match(saved) and STAMP.match(expires), (saved, expires)
        assert expires > saved
    # 打开 goes to the form, which restores the draft.
    rows(page).filter(has=page.locator('a[href$="case-basic-info/index.html"]')).get_by_role("link", name=re.compile("打开")).click()
    page.wait_for_function("() => window.formChecker && document.querySelector('#f-client_name').value")
    assert page.input_value("#f-client_name") == CLIENT


def test_every_form_page_lists_other_forms_drafts_and_deletes_one(page, base_url):
    two_drafts(page, base_url)
    open_form(page, base_url, "case-plan")
    assert rows(page).count() == 2
    target = rows(page).filter(has=page.locator('a[href="../case-basic-info/index.html"]'))
    page.once("dialog", lambda d: d.dismiss())
    target.get_by_role("button").click()
    assert rows(page).count() == 2
    page.once("dialog", lambda d: d.accept())
    target.get_by_role("button").click()
    assert rows(page).count() == 1
    assert "已删除" in page.locator(".sw-drafts__status").inner_text()
    assert page.evaluate("localStorage.getItem('sw-draft:case-basic-info')") is None
    # Deleting the open form's own draft empties the form: nothing to save again.
    open_form(page, base_url, "group-plan")
    assert "（本页）" in rows(page).first.inner_text()
    page.once("dialog", lambda d: d.accept())
    rows(page).first.get_by_role("button").click()
    assert page.input_value("#f-group_name") == ""
    assert "这台电脑的浏览器里没有保存表格草稿" in page.locator(".js-drafts").inner_text()


def test_clear_all_leaves_nothing_of_any_form(page, base_url):
    two_drafts(page, base_url)
    page.evaluate("sessionStorage.setItem('sw-test', '1')")
    page.fill("#f-group_name", "还没保存的字")  # autosave pending when 清除 is pressed
    messages = []
    page.once("dialog", lambda d: (messages.append(d.message), d.dismiss()))
    page.get_by_role("button", name="清除本机全部草稿").click()
    assert "全部" in messages[0] and "2 份" in messages[0]
    assert rows(page).count() == 2
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="清除本机全部草稿").click()
    assert "已清除本机全部 2 份草稿" in page.locator(".sw-drafts__status").inner_text()
    assert page.input_value("#f-group_name") == ""
    page.wait_for_timeout(600)  # longer than the autosave delay
    # Leave and come back: the open form did not save itself again.
    page.goto(base_url + "forms/index.html")
    page.wait_for_selector(".sw-drafts__none")
    stored = site_storage(page)
    assert not [k for k in stored if k.startswith("sw-")], stored
    assert not [k for k, v in stored.items() if CLIENT in v or PHONE in v or "还没保存" in v], stored
    for form_id, field in (("case-basic-info", "#f-client_name"), ("group-plan", "#f-group_name")):
        open_form(page, base_url, form_id)
        assert page.input_value(field) == ""


def test_dates_do_not_follow_the_browser_locale_and_titles_stay_text(browser, base_url, watch):
    context = browser.new_context(locale="en-US", timezone_id="America/New_York")
    page = context.new_page()
    watch.attach(context, page)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base_url + "forms/index.html")
    page.evaluate(
        """h => {
          const saved = new Date(2026, 11, 7, 14, 30).getTime();
          localStorage.setItem('sw-draft:case-plan', JSON.stringify({form: 'case-plan', title: h, saved: Math.min(saved, Date.now()), values: {x: 1}}));
        }""",
        HOSTILE,
    )
    page.reload()
    page.wait_for_selector(".js-drafts tbody tr")
    cells = rows(page).first.locator("td").all_inner_texts()
    assert cells[0].startswith(HOSTILE)
    assert STAMP.match(cells[1]) and STAMP.match(cells[2]), cells
    assert page.locator(".js-drafts img").count() == 0
    context.close()
    assert dialogs == [] and not watch.console_errors, (dialogs, watch.console_errors)


def test_list_is_hidden_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "forms/index.html")
    assert page.locator(".js-drafts").count() == 1 and not page.locator(".js-drafts").is_visible()
    context.close()
