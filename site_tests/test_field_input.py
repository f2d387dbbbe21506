"""Typing into real form fields the way workers do (Chinese input method,
phone keyboards, an English-language browser): answers are read and shown back
the standard way, implausible ones are caught, and no date depends on the
browser's locale."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.checker.step import parse_rules_js
from site_tests.conftest import PageWatch


def open_form(page, base_url, form_id):
    page.goto(f"{base_url}forms/{form_id}/index.html")
    page.wait_for_selector(f'form[data-form-id="{form_id}"][data-sw-input-init="true"]')
    page.wait_for_selector(".js-check:not([hidden])")


def type_into(page, selector: str, text: str) -> str:
    """Click the box, type as a person would, leave it with Tab; the box's value afterwards."""
    page.click(selector)
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(text)
    page.keyboard.press("Tab")
    return page.input_value(selector)


def check(page) -> list[dict]:
    page.click(".sw-toolbar .js-check")
    return page.eval_on_selector_all(
        ".sw-error-summary li", "lis => lis.map(li => ({field: li.getAttribute('data-problem-field'), code: li.getAttribute('data-code'), text: li.textContent}))"
    )


@pytest.mark.parametrize(
    "selector, typed, shown",
    [
        ("#f-session_no", "第1节", "1"),
        ("#f-session_no", "第３节", "3"),
        ("#f-members_total", "１０", "10"),
        ("#f-members_total", "12人", "12"),
        ("#f-session_date", "2026年9月30日", "2026-09-30"),
        ("#f-session_date", "２０２６．９．３０", "2026-09-30"),
        ("#f-session_date", "20260930", "2026-09-30"),
        ("#f-start_time", "９：３０", "09:30"),
        ("#f-start_time", "下午3点半", "15:30"),
    ],
)
def test_typed_answer_is_shown_back_the_standard_way(page, base_url, selector, typed, shown):
    open_form(page, base_url, "group-session-record")
    assert type_into(page, selector, typed) == shown


def test_percent_sign_and_fraction_in_a_percentage_field(page, base_url):
    open_form(page, base_url, "activity-evaluation")
    assert type_into(page, "#f-satisfaction", "86%") == "86"
    assert not [p for p in check(page) if p["field"] == "satisfaction"]
    # 0.86 is not silently 0.86 %: kept as typed, with a visible reminder that offers 86.
    assert type_into(page, "#f-satisfaction", "0.86") == "0.86"
    found = [p for p in check(page) if p["field"] == "satisfaction"]
    assert [p["code"] for p in found] == ["percent-fraction"]
    assert "86%" in found[0]["text"] and "改填 86" in found[0]["text"]
    assert page.locator('[data-field="satisfaction"]').get_attribute("class").count("sw-field--warning") == 1


def test_year_less_date_takes_the_year_of_the_form(page, base_url):
    open_form(page, base_url, "group-session-record")
    type_into(page, "#f-session_date", "2025年12月29日")
    assert type_into(page, "#f-record_date", "1月2日") == "2026-01-02"


def test_twelve_present_out_of_ten_members_is_an_error_naming_both(page, base_url):
    open_form(page, base_url, "group-session-record")
    type_into(page, "#f-members_total", "10")
    type_into(page, "#f-members_present", "１２人")
    found = [p for p in check(page) if p["field"] == "members_present"]
    assert [p["code"] for p in found] == ["more-than-limit"]
    assert "“本节出席人数”（12）" in found[0]["text"] and "“组员人数”（10）" in found[0]["text"]
    assert page.locator("#f-members_present").get_attribute("aria-invalid") == "true"


def test_digits_typed_into_a_date_box_never_become_year_6930(page, base_url):
    # A native <input type=date> reads the keys 2 0 2 6 9 3 0 as 6930-02-02
    # (measured in Chromium). The date box is a text box now: the same keys stay
    # as typed and 检查 says what is expected.
    open_form(page, base_url, "group-session-record")
    assert page.get_attribute("#f-session_date", "type") == "text"
    assert type_into(page, "#f-session_date", "2026930") == "2026930"
    found = [p for p in check(page) if p["field"] == "session_date"]
    assert [p["code"] for p in found] == ["invalid-date"] and "2026-09-30" in found[0]["text"]
    type_into(page, "#f-session_date", "6930-02-02")
    found = [p for p in check(page) if p["field"] == "session_date"]
    assert [p["code"] for p in found] == ["implausible-date"] and "6930" in found[0]["text"]


def test_date_in_the_future_on_a_record_is_an_error(page, base_url):
    open_form(page, base_url, "group-session-record")
    next_year = dt.date.today().year + 1
    type_into(page, "#f-session_date", f"{next_year}-03-01")
    found = [p for p in check(page) if p["field"] == "session_date"]
    assert [p["code"] for p in found] == ["date-in-future"]


def test_picker_writes_the_standard_date_into_the_box(page, base_url):
    open_form(page, base_url, "group-session-record")
    picker = page.locator('[data-field="session_date"] .js-picker')
    assert picker.is_visible() and picker.get_attribute("type") == "date"
    assert picker.get_attribute("tabindex") == "-1" and picker.get_attribute("aria-label")
    type_into(page, "#f-session_date", "9月30日")
    picker.dispatch_event("pointerdown")
    year = dt.date.today().year
    assert picker.get_attribute("min") == f"{year - 120:04d}-01-01" and picker.get_attribute("max") == f"{year + 10}-12-31"
    assert picker.input_value().endswith("-09-30")
    picker.evaluate("p => { p.value = '2026-10-08'; p.dispatchEvent(new Event('change', {bubbles: true})); }")
    assert page.input_value("#f-session_date") == "2026-10-08"


def test_english_browser_prints_dates_as_yyyy_mm_dd(browser, base_url):
    context = browser.new_context(locale="en-US", timezone_id="America/Los_Angeles")
    watch = PageWatch()
    page = context.new_page()
    watch.attach(context, page)
    try:
        open_form(page, base_url, "group-session-record")
        type_into(page, "#f-session_date", "2026/9/30")
        type_into(page, "#f-start_time", "3:00 PM")
        page.wait_for_selector(".js-draft-status:has-text('草稿已保存')")
        stamp = page.locator(".js-draft-status").inner_text()
        assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", stamp), stamp
        page.emulate_media(media="print")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        today = dt.datetime.now(ZoneInfo("America/Los_Angeles")).date().isoformat()
        assert page.locator(".sw-print-date").inner_text() == f"打印日期：{today}"
        assert page.locator(".sw-print-date").is_visible()
        assert page.input_value("#f-session_date") == "2026-09-30"
        assert page.input_value("#f-start_time") == "15:00"
        assert not page.locator('form.sw-form input[type="date"]:visible, form.sw-form input[type="time"]:visible').count()
        assert watch.external == [] and watch.console_errors == []
    finally:
        context.close()


def test_phone_sized_inputs_are_16px_or_more(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    try:
        open_form(page, base_url, "group-sign-in")
        sizes = page.eval_on_selector_all(
            "form.sw-form input:not([type=radio]):not([type=checkbox]):not([type=file]), form.sw-form textarea, form.sw-form select",
            "els => els.filter(e => e.getClientRects().length).map(e => [e.id || e.className, parseFloat(getComputedStyle(e).fontSize)])",
        )
        assert sizes and all(size >= 16 for _, size in sizes), [s for s in sizes if s[1] < 16]
    finally:
        context.close()


# ---- every form, from the built pages ---------------------------------------------

INPUT = re.compile(r"<(input|textarea|select)\b([^>]*)>")


def attrs(text: str) -> dict:
    return dict(re.findall(r'([a-z-]+)(?:="([^"]*)")?', text))


def form_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in (site_dir / "forms").glob("*/index.html") if "data-form-id=" in p.read_text(encoding="utf-8"))


def test_every_field_gets_the_right_phone_keyboard_and_no_autocomplete(site_dir):
    pages = form_pages(site_dir)
    assert len(pages) >= 70
    wrong = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        form = html[html.index("<form"): html.index("</form>")]
        for tag, raw in INPUT.findall(form):
            a = attrs(raw)
            kind, cls = a.get("type", ""), a.get("class", "")
            if kind in ("radio", "checkbox", "file") or "js-picker" in cls:
                continue
            where = f"{path.parent.name} {a.get('id') or a.get('name') or cls}"
            if a.get("autocomplete") != "off":
                wrong.append(f"{where}: autocomplete")
            if "sw-input--number" in cls and a.get("inputmode") not in ("numeric", "decimal"):
                wrong.append(f"{where}: number without inputmode")
            if kind == "tel" and a.get("inputmode") != "tel":
                wrong.append(f"{where}: phone without inputmode=tel")
            if kind in ("date", "time"):
                wrong.append(f"{where}: native {kind} box (prints in the browser's locale)")
        # every date and time box has its picker
        boxes = len(re.findall(r'class="sw-input sw-input--(?:date|time)"', form))
        assert boxes == len(re.findall(r'class="sw-picker no-print js-picker"', form)), path
    assert not wrong, wrong[:20]


def test_archive_code_required_mark_is_the_checkers_rule(site_dir):
    rules_dir = site_dir / "assets/javascripts/checker/rules"
    checked = 0
    for path in form_pages(site_dir):
        form_id = path.parent.name
        rules = parse_rules_js((rules_dir / f"{form_id}.js").read_text(encoding="utf-8"))
        code = next((f for f in rules["fields"] if f["type"] == "archive_code"), None)
        html = path.read_text(encoding="utf-8")
        box = re.search(r'<div class="sw-code-box[^"]*"[^>]*>.*?</label>', html, re.S)
        if code is None:
            assert box is None, form_id
            continue
        assert box, form_id
        assert ("必填" in box.group(0)) == bool(code.get("required")), form_id
        checked += 1
    assert checked >= 40


def test_check_tidies_answers_restored_without_typing(page, base_url):
    open_form(page, base_url, "group-session-record")
    page.evaluate("v => window.swForm.fill(document.querySelector('form.sw-form'), v)",
                  {"session_no": "第２节", "session_date": "2026.9.30", "start_time": "下午2点"})
    check(page)
    assert [page.input_value(s) for s in ("#f-session_no", "#f-session_date", "#f-start_time")] == ["2", "2026-09-30", "14:00"]
