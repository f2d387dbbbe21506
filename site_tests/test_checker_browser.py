"""The checker in the browser: parity with Python, GOV.UK-style errors,
drafts, export/import, privacy (no request) and hostile input."""

from __future__ import annotations

import copy
import json
import math
import re

import pytest
import yaml

from generator.checker.core import check, default_shared
from generator.checker.step import parse_rules_js
from site_tests.checker_cases import CASES, cases
from site_tests.checker_fixtures import VALID, rules as kitchen_sink_rules

FORM = "group-plan"
TODAY = "2026-12-07"
HOSTILE = "<img src=x onerror=alert(1)>"
GOOD = yaml.safe_load((CASES / "checker" / "group-plan-valid.yaml").read_text(encoding="utf-8"))["values"]


def built_rules(site_dir, form_id: str) -> dict:
    """The rules exactly as the browser gets them (rules/<id>.js of the built site)."""
    text = (site_dir / "assets/javascripts/checker/rules" / f"{form_id}.js").read_text(encoding="utf-8")
    return parse_rules_js(text)


def all_form_ids(site_dir) -> list[str]:
    return sorted(p.stem for p in (site_dir / "assets/javascripts/checker/rules").glob("*.js"))


def open_form(page, base_url, form_id: str = FORM):
    page.goto(f"{base_url}forms/{form_id}/index.html")
    page.wait_for_function("id => window.formChecker && window.swCheckerData && window.formChecker.rules(id)", arg=form_id)
    page.wait_for_selector(".js-check:not([hidden])")


def load_rules(page, ids):
    page.evaluate("ids => new Promise(done => window.formChecker.load(ids, done))", ids)


def json_safe(values) -> bool:
    try:
        json.dumps(values, allow_nan=False)
        return True
    except ValueError:
        return False


# ---- parity ---------------------------------------------------------------


def variants() -> list:
    """Values for the synthetic form: valid, every rule kind broken, damaged."""
    out = [VALID]
    changes = [
        {"name": ""}, {"name": "甲"}, {"name": "一二三四五六七八九十十"}, {"code": "ab123"}, {"domain": "外星"},
        {"kinds": ["讲座", "唱歌"]}, {"kinds": "讲座"}, {"paid": "也许"}, {"paid": True}, {"paid": "是"}, {"phone": "22223333"},
        {"phone": "138 0013 8000"}, {"start": "2025-02-30"}, {"start": "2025/10/9"}, {"start": "０２５-10-09"}, {"at": "25:00"},
        {"members": "十"}, {"members": "8.5"}, {"members": 0}, {"members": "101"}, {"members": "7"}, {"total": "一百"},
        {"total": 150.5}, {"total": "151"}, {"rows": []}, {"rows": [{"item": "a"}] * 4}, {"items_n": "3"},
        {"archive_code": "GC-CAB-C01-2025-WM"}, {"archive_code": "gc-cab-g01-202510-wm"}, {"archive_code": "GC-CAB-C01-202510-WM"},
        {"end": "2025-10-01"}, {"sessions_n": "4"}, {"sessions_n": "4", "domain": "社区矫正"}, {"attended": "11"},
        {"attended": "5", "expected": "0"}, {"submitted": "2025-09-26"}, {"reported": "2025-11-07"},
        {"end": "2025-09-30", "reported": "2025-10-15"}, {"end": "2028-01-05", "reported": "2028-01-08"},
        {"name": HOSTILE, "note": "<script>alert(1)</script>", "start": HOSTILE}, {"name": "9" * 100, "start": "9" * 100},
        {"name": {"a": 1}}, {"name": ["x"]}, {"rows": "x"}, {"rows": [1]}, {"kinds": [1]}, {"name": None, "rows": None},
        {"members": 1e20}, {"total": 0.1 + 0.2}, {"name": "\u3000甲乙\ufeff"}, {"name": "😀😀"},
        # spellings (data/input/spellings.yaml) and the plausibility kinds
        {"phone": "138-0013-8000"}, {"phone": "１３８００１３８０００"}, {"phone": "（0769）22223333"}, {"members": "１０人"}, {"members": "第10"}, {"members": "10元"}, {"total": "¥150.5"}, {"total": "150，5"},
        {"start": "2025年10月9日", "end": "10月30日"}, {"end": "1月3日"}, {"start": "6930-02-02"}, {"at": "下午2点半", "end_at": "14:00"},
        {"present": "12"}, {"present": "１２人", "members": "10"}, {"reported": "2027-01-05"}, {"reported": "2026-12-08"},
        {"male": "3", "female": "4", "people": "8"}, {"male": "3", "people": "3"}, {"rate": "0.86"}, {"rate": "86%"}, {"rate": "186"},
        {"rows": [{"item": "a", "qty": "2", "price": "3", "amount": "7", "day": "2027-02-01", "until": "2027-01-01"}]},
        {"rows": [{"item": "a", "qty": "２", "price": "3元", "amount": "6"}, {"item": "b", "qty": "2", "amount": "6"}]},
    ]
    for change in changes:
        v = copy.deepcopy(VALID)
        v.update(change)
        out.append(v)
    return out + [None, [], "text", 42, True, {}]


def test_parity_on_every_rule_kind(page, base_url, site_dir):
    open_form(page, base_url)
    rules = kitchen_sink_rules()
    shared = default_shared()
    values = [v for v in variants() if json_safe(v)]
    expected = [check(rules, v, shared, TODAY) for v in values]
    got = page.evaluate("([rules, list, today]) => list.map(v => window.formChecker.checkRules(rules, v, today))", [rules, values, TODAY])
    for v, e, g in zip(values, expected, got):
        assert g == e, json.dumps(v, ensure_ascii=False)[:300]
    assert sum(len(e) for e in expected) > 40


def test_parity_on_case_files(page, base_url, site_dir):
    open_form(page, base_url)
    known = set(all_form_ids(site_dir))
    chosen = [c for c in cases() if c["form"] in known and json_safe(c["values"])]
    assert chosen
    load_rules(page, sorted({c["form"] for c in chosen}))
    shared = default_shared()
    got = page.evaluate("([list, today]) => list.map(c => window.formChecker.check(c.form, c.values, today))", [chosen, TODAY])
    for case, g in zip(chosen, got):
        assert g == check(built_rules(site_dir, case["form"]), case["values"], shared, TODAY), case["name"]


def fake_values(rules: dict, seed: int) -> dict:
    """Deterministic, mostly wrong values for any form: exercises every field."""
    samples = ["", "2025-10-09", "2025-13-40", "14:30", "12", "-3", "3.5", "abc", HOSTILE, "13800138000", "GC-CAB-C01-202510-WM", "是", "甲" * 60,
               "１２", "2026年9月30日", "12月30日", "下午3点", "86%", "第1节", "0.5", "2027-03-01"]
    out = {}
    for i, f in enumerate(rules["fields"]):
        k = (i * 7 + seed * 13) % len(samples)
        if f["type"] == "table":
            out[f["id"]] = [{c["id"]: samples[(k + j + r) % len(samples)] for j, c in enumerate(f["columns"])} for r in range(seed % 4)]
        elif f["type"] == "multichoice":
            out[f["id"]] = (f.get("options") or ["x"])[: seed % 3] + ([samples[k]] if seed % 2 else [])
        elif f["type"] in ("choice", "yesno") and f.get("options") and seed % 2 == 0:
            out[f["id"]] = f["options"][k % len(f["options"])]
        else:
            out[f["id"]] = samples[k]
    return out


def test_parity_on_every_form(page, base_url, site_dir):
    open_form(page, base_url)
    ids = all_form_ids(site_dir)
    load_rules(page, ids)
    shared = default_shared()
    batch = [{"form": i, "values": fake_values(built_rules(site_dir, i), seed)} for i in ids for seed in range(4)]
    got = page.evaluate("([list, today]) => list.map(c => window.formChecker.check(c.form, c.values, today))", [batch, TODAY])
    for item, g in zip(batch, got):
        assert g == check(built_rules(site_dir, item["form"]), item["values"], shared, TODAY), item["form"]


def test_any_form_checks_at_once_without_downloading_all_rules(page, base_url, site_dir):
    # Over HTTP a form page never downloads the other forms' rules (175 KB), yet
    # check(anyFormId) answers at once.
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{base_url}forms/{FORM}/index.html")
    page.wait_for_function("id => window.formChecker && window.swCheckerData && window.formChecker.rules(id)", arg=FORM)
    page.wait_for_timeout(300)
    assert page.evaluate("Object.keys(window.swCheckerRules)") == [FORM]
    assert not [u for u in requested if u.endswith("rules-all.js")]
    other = next(i for i in all_form_ids(site_dir) if i != "group-plan")
    got = page.evaluate("id => window.formChecker.check(id, {})", other)
    assert got and "unknown-form" not in [p["code"] for p in got]
    assert got == check(built_rules(site_dir, other), {}, default_shared())


def test_unknown_form_is_reported(page, base_url):
    open_form(page, base_url)
    got = page.evaluate("window.formChecker.check('no-such-form', {})")
    assert [p["code"] for p in got] == ["unknown-form"]


# ---- error display ----------------------------------------------------------


def test_error_summary_is_focused_and_links_to_fields(page, base_url):
    open_form(page, base_url)
    title = page.title()
    page.click(".js-check")
    summary = page.locator(".sw-error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('sw-error-summary')")
    assert page.title() == "错误：" + title
    assert re.match(r"请先改正以下 \d+ 个问题", summary.locator(".sw-error-summary__title").inner_text())
    link = summary.locator('a[href="#f-worker"]')
    assert "负责社工" in link.inner_text()
    link.click()
    assert page.evaluate("document.activeElement.id") == "f-worker"
    worker = page.locator("#f-worker")
    assert worker.get_attribute("aria-invalid") == "true"
    assert "f-worker-error" in worker.get_attribute("aria-describedby").split()
    slot = page.locator("#f-worker-error")
    assert slot.is_visible() and "负责社工" in slot.inner_text() and "错误：" in slot.text_content()
    # a table cell: the link goes to the cell's own control
    fill(page, {"sessions": [{"session_no": "1", "date": "2025-10-11", "theme": ""}]})
    page.click(".js-check")
    cell = page.locator('.sw-error-summary a[href="#f-sessions-0-theme"]')
    assert cell.count() == 1
    cell.click()
    assert page.evaluate("document.activeElement.id") == "f-sessions-0-theme"
    assert page.locator("#f-sessions-0-theme").get_attribute("aria-invalid") == "true"


def fill(page, values):
    page.evaluate("v => window.swForm.fill(document.querySelector('form.sw-form'), v)", values)


def read(page):
    return page.evaluate("window.swForm.values(document.querySelector('form.sw-form'))")


def test_fixing_the_errors_clears_the_display_and_title(page, base_url):
    open_form(page, base_url)
    title = page.title()
    page.click(".js-check")
    fill(page, GOOD)
    page.click(".js-check")
    assert page.title() == title
    assert not page.locator(".sw-error-summary").is_visible()
    assert page.locator("[aria-invalid=true]").count() == 0
    assert "没有发现问题" in page.locator(".js-form-status").inner_text()


def test_warnings_look_different_from_errors(page, base_url):
    open_form(page, base_url)
    title = page.title()
    fill(page, {**GOOD, "archive_code": "FG-CMW-C06-202510-WM"})
    page.click(".js-check")
    summary = page.locator(".sw-error-summary")
    assert summary.is_visible() and "sw-error-summary--warnings" in summary.get_attribute("class")
    assert page.title() == title, "warnings alone do not mark the page as an error"
    assert page.locator(".sw-error-summary__item--warning").count() == 1
    assert page.locator("#f-archive_code").get_attribute("aria-invalid") is None
    assert "提醒：" in page.locator("#f-archive_code-error").text_content()


# ---- drafts ---------------------------------------------------------------


def test_draft_survives_reload_and_says_it_stays_local(page, base_url):
    open_form(page, base_url)
    assert "这台电脑" in page.locator(".sw-draft-notice").inner_text()
    page.fill("#f-group_name", "周六亲子小组")
    page.fill("#f-need", HOSTILE)
    page.wait_for_function("() => localStorage.getItem('sw-draft:group-plan')")
    page.reload()
    open_form(page, base_url)
    assert page.input_value("#f-group_name") == "周六亲子小组"
    assert page.input_value("#f-need") == HOSTILE
    assert "已恢复" in page.locator(".js-draft-status").inner_text()


def test_clear_draft_asks_first(page, base_url):
    open_form(page, base_url)
    page.fill("#f-group_name", "要清除的内容")
    page.wait_for_function("() => localStorage.getItem('sw-draft:group-plan')")
    page.once("dialog", lambda d: d.dismiss())
    page.click(".js-clear-draft")
    assert page.input_value("#f-group_name") == "要清除的内容"
    messages = []
    page.once("dialog", lambda d: (messages.append(d.message), d.accept()))
    page.click(".js-clear-draft")
    assert "清除" in messages[0]
    assert page.input_value("#f-group_name") == ""
    assert page.evaluate("localStorage.getItem('sw-draft:group-plan')") is None
    page.reload()
    open_form(page, base_url)
    assert page.input_value("#f-group_name") == ""


def test_old_drafts_expire(page, base_url):
    open_form(page, base_url)
    days = page.evaluate("window.swCheckerData.drafts.max_age_days")
    page.evaluate(
        """days => {
          const day = 86400000, now = Date.now();
          localStorage.setItem('sw-draft:group-plan', JSON.stringify({form: 'group-plan', saved: now - (days + 1) * day, values: {group_name: '旧草稿'}}));
          localStorage.setItem('sw-draft:case-plan', JSON.stringify({form: 'case-plan', saved: now - (days + 1) * day, values: {}}));
          localStorage.setItem('sw-draft:group-roll', JSON.stringify({form: 'group-roll', saved: now - day, values: {}}));
          localStorage.setItem('sw-draft:broken', '{oops');
        }""",
        days,
    )
    page.reload()
    open_form(page, base_url)
    assert page.input_value("#f-group_name") == ""
    left = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('sw-draft:')).sort()")
    assert left == ["sw-draft:group-roll"]


# ---- export / import --------------------------------------------------------


def export(page, tmp_path):
    with page.expect_download() as info:
        page.click(".js-export")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_export_import_round_trip_is_exact(page, base_url, tmp_path):
    open_form(page, base_url)
    values = {**GOOD, "group_name": HOSTILE, "need": '多行\n"引号" & <标签>\t制表', "recruit": ["微信群"], "recruit_other": "居委会"}
    fill(page, values)
    before = read(page)
    path = export(page, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["form"] == FORM and data["values"] == before
    assert HOSTILE in path.read_text(encoding="utf-8")
    page.once("dialog", lambda d: d.accept())
    page.click(".js-clear-draft")
    assert read(page)["group_name"] == ""
    page.set_input_files(".js-import-file", str(path))
    page.wait_for_function("() => document.querySelector('#f-group_name').value !== ''")
    assert read(page) == before
    assert "已导入" in page.locator(".js-form-status").inner_text()


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("{oops", "不是有效的 JSON"),
        ("[1, 2, 3]", "没有表格数据"),
        (json.dumps({"form": "case-plan", "values": {}}), "不能导入"),
        (json.dumps({"form": FORM, "values": {"group_name": {"x": 1}}}), "损坏"),
    ],
)
def test_bad_import_changes_nothing(page, base_url, tmp_path, content, fragment):
    open_form(page, base_url)
    fill(page, {"group_name": "原来的内容"})
    before = read(page)
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    page.set_input_files(".js-import-file", str(path))
    page.wait_for_function("() => document.querySelector('.js-import-error').textContent !== ''")
    assert fragment in page.locator(".js-import-error").inner_text()
    assert "没有改动" in page.locator(".js-import-error").inner_text()
    assert read(page) == before


# ---- privacy and hostile input -------------------------------------------------


def test_no_request_while_filling_checking_saving_printing(page, base_url, watch, tmp_path):
    open_form(page, base_url)
    page.wait_for_load_state("networkidle")
    seen = len(watch.requests)
    page.fill("#f-group_name", "保密内容")
    page.fill("#f-need", "服务对象的家庭情况")
    fill(page, GOOD)
    page.click(".js-check")
    page.wait_for_function("() => localStorage.getItem('sw-draft:group-plan')")
    # Printing is the print stylesheet plus the beforeprint handler.
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint')); window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    export(page, tmp_path)
    page.wait_for_timeout(300)
    assert watch.requests[seen:] == []


def test_hostile_text_stays_text_everywhere(page, base_url, tmp_path):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_form(page, base_url)
    fill(page, {**GOOD, "group_name": HOSTILE, "need": "<script>alert(2)</script>", "sessions": [{"session_no": "1", "theme": "<svg onload=alert(3)>"}]})
    # a message that quotes the hostile value, shown in the summary and next to the field
    page.evaluate(
        """h => {
          const form = document.querySelector('form.sw-form');
          const problems = window.formChecker.check('group-plan', Object.assign(window.swForm.values(form), {submit_date: h}));
          window.swFormUi.display(form, problems, document.querySelector('.js-form-status'));
        }""",
        HOSTILE,
    )
    assert HOSTILE in page.locator(".sw-error-summary").inner_text()
    assert HOSTILE in page.locator("#f-submit_date-error").inner_text()
    # print: the textarea's print copy is text
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator('[data-field="need"] .sw-print-value').text_content() == "<script>alert(2)</script>"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    # export: the file holds the literal text
    assert HOSTILE in export(page, tmp_path).read_text(encoding="utf-8")
    # draft restored after reload: still text
    page.wait_for_function("() => localStorage.getItem('sw-draft:group-plan')")
    page.reload()
    open_form(page, base_url)
    assert page.input_value("#f-group_name") == HOSTILE
    page.click(".js-check")
    assert page.locator("form.sw-form img, form.sw-form script, form.sw-form [onload], form.sw-form [onerror]").count() == 0
    assert dialogs == []


def test_deadline_through_a_provisional_year_carries_a_caution(page, base_url, site_dir):
    """Feedback due 3 working days after 2026-12-29 runs over 元旦 2027, whose
    data is 暂定: both checkers give the date and say it may still move."""
    values = dict(GOOD, submit_date="2026-12-29", feedback_date="2027-01-04", start_date="2027-01-16", end_date="2027-02-27")
    values["sessions"] = [dict(row, date=f"2027-01-{16 + 7 * i:02d}" if i < 2 else "2027-02-06") for i, row in enumerate(GOOD["sessions"])]
    open_form(page, base_url)
    got = page.evaluate("([v, today]) => window.formChecker.check('group-plan', v, today)", [values, "2027-01-05"])
    assert got == check(built_rules(site_dir, FORM), values, default_shared(), "2027-01-05")
    caution = [p for p in got if p["code"] == "deadline-provisional"]
    assert [p["field"] for p in caution] == ["feedback_date"], got
    assert "2027-01-04" in caution[0]["message"] and "暂定" in caution[0]["message"]
    assert caution[0]["severity"] == "warning"
    assert not [p for p in got if p["code"] == "deadline-missed"], got
