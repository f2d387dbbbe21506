"""The 服务档案编码 and 办理时限计算 pages: same answers as the Python core."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import archive_code
from generator.calendar_deadlines import due_date
from generator.checker.core import default_shared
from generator.rules import FILE as RULES_FILE
from generator.yamlsrc import load_yaml

ARCHIVE = "tools/archive-code/index.html"
DEADLINES = "tools/deadlines/index.html"


def open_tool(page, base_url, rel):
    page.goto(base_url + rel)
    page.wait_for_function("window.formChecker && window.swCheckerData")


def test_archive_page_lists_every_code_from_data(page, base_url):
    open_tool(page, base_url, ARCHIVE)
    text = page.locator("article").inner_text()
    codes = default_shared().codes
    for code in [*codes.areas, "HUJ", "HOM", "Inquites"]:
        assert code in text
    assert page.locator("#ac-town option").count() == len(codes.towns) == 32
    assert page.locator("#ac-area option").count() == 10 and page.locator("#ac-nature option").count() == 6
    assert "厚街" in text and "黄江" in text and "重复" in text


def test_generate_then_validate(page, base_url):
    open_tool(page, base_url, ARCHIVE)
    page.select_option("#ac-town", "GC")
    page.select_option("#ac-area", "CAB")
    page.select_option("#ac-nature", "C")
    page.fill("#ac-seq", "1")
    page.fill("#ac-month", "2013-01")
    page.fill("#ac-initials", "wm")
    page.click(".js-archive-build button[type=submit]")
    assert page.locator(".js-archive-code").inner_text() == "GC-CAB-C01-201301-WM"
    page.click(".js-archive-check button[type=submit]")
    assert "编码有效" in page.locator(".js-archive-verdict").inner_text()
    assert "莞城" in page.locator(".js-archive-verdict").inner_text()


@pytest.mark.parametrize("code", ["GC-CAB-C01-201301-WM", "gc-cab-c01-201301-wm", "HJ-XYZ-Q00-201399-W", "GC-CAB-C-01-201301-WM", "<img src=x onerror=alert(1)>"])
def test_validator_matches_python(page, base_url, code):
    open_tool(page, base_url, ARCHIVE)
    assert page.evaluate("c => window.formChecker.archiveProblems(c)", code) == archive_code.problems(code, default_shared().codes)
    page.fill("#ac-code", code)
    page.click(".js-archive-check button[type=submit]")
    verdict = page.locator(".js-archive-verdict").inner_text()
    for reason in archive_code.problems(code, default_shared().codes):
        assert reason in verdict
    assert page.locator(".js-archive-verdict img").count() == 0


def rules(project):
    doc, _ = load_yaml(project.data / RULES_FILE, project.root)
    return doc.data


@pytest.mark.parametrize("event, date", [("group_end", "2025-09-30"), ("case_opened", "2025-01-24"), ("quarter_end", "2025-09-30"), ("group_start", "2025-10-09"), ("case_goal_reached", "2024-09-27")])
def test_deadline_calculator_matches_python(page, base_url, project, event, date):
    open_tool(page, base_url, DEADLINES)
    page.select_option("#dl-event", event)
    page.fill("#dl-date", date)
    page.click(".js-deadline-form button[type=submit]")
    rows = page.locator(".js-deadline-result tr[data-rule]")
    shown = {rows.nth(i).get_attribute("data-rule"): rows.nth(i).locator(".js-due").inner_text() for i in range(rows.count())}
    cal = default_shared().calendar
    expected = {
        r["id"]: due_date(r["adopted"]["unit"], r["adopted"]["amount"], r["adopted"]["direction"], dt.date.fromisoformat(date), cal).isoformat()
        for r in rules(project)["rules"]
        if r["event"] == event
    }
    assert shown == expected
    for i in range(rows.count()):
        assert rows.nth(i).locator("td").nth(4).inner_text()  # every row names its source


def test_working_days_over_national_day_in_the_page(page, base_url):
    open_tool(page, base_url, DEADLINES)
    page.select_option("#dl-event", "group_end")
    page.fill("#dl-date", "2025-09-30")
    page.click(".js-deadline-form button[type=submit]")
    row = page.locator('tr[data-rule="service_evaluation"]')
    assert "2025-10-21" in row.inner_text() and "10 个工作日" in row.inner_text()
    assert "国庆节" in row.locator(".js-skipped").inner_text()
    assert "10-11" in row.locator(".js-made-up").inner_text()


def test_year_without_holiday_data_is_flagged(page, base_url):
    open_tool(page, base_url, DEADLINES)
    year = page.evaluate("window.swCheckerData.calendar.last_year") + 1
    page.select_option("#dl-event", "group_end")
    page.fill("#dl-date", f"{year}-03-02")
    page.click(".js-deadline-form button[type=submit]")
    row = page.locator('tr[data-rule="service_evaluation"]')
    assert "还没有收录" in row.inner_text() and f"data/calendar/{year}.yaml" in row.inner_text()
    assert page.locator('tr[data-rule="group_report"] .js-due').inner_text() == f"{year}-03-05"
