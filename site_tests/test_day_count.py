"""任意天数推算: from any date, N working or calendar days, forwards or
backwards, with the days passed over and the 调休 workdays counted. Python
(calendar_deadlines.count_days) and the page (tools.js countDays) agree on the
same cases, including a held-out random set."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from generator.calendar_days import YearNotCovered
from generator.calendar_deadlines import count_days
from generator.checker.core import default_shared

DEADLINES = "tools/deadlines/index.html"
D = dt.date.fromisoformat
CAL = default_shared().calendar  # library + data/calendar/, as the built site has it

CASES = [
    ("2026-12-28", 5, "working_day"),  # the question: runs into January 2027
    ("2025-09-30", 3, "working_day"),  # National Day, 10-11 Saturday counted
    ("2025-09-26", 1, "working_day"),  # the next working day is a Sunday (调休)
    ("2025-10-14", -5, "working_day"),  # backwards across the holiday
    ("2025-01-24", 5, "working_day"),
    ("2024-02-08", 3, "working_day"),
    ("2025-03-03", 0, "working_day"),
    ("2025-06-30", 30, "working_day"),
    ("2027-12-20", 10, "working_day"),  # no 2028 data: reported, never guessed
    ("2025-09-24", 7, "calendar_day"),  # ends on 国庆节
    ("2026-12-30", 3, "calendar_day"),  # ends on a provisional 2027 weekend
    ("2028-03-02", 14, "calendar_day"),  # calendar days need no holiday data
    ("2025-10-09", -14, "calendar_day"),
]


def held_out(seed: int = 20261207, n: int = 60):
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        start = dt.date(2023, 1, 1) + dt.timedelta(days=rnd.randrange(0, 5 * 365))
        out.append((start.isoformat(), rnd.randint(-25, 40), rnd.choice(["working_day", "calendar_day"])))
    return out


def python(start: str, n: int, unit: str) -> dict:
    try:
        return count_days(CAL, D(start), n, unit).to_json()
    except YearNotCovered as exc:
        return {"uncoveredYear": exc.year}


def test_five_working_days_from_2026_12_28():
    got = python("2026-12-28", 5, "working_day")
    assert got["end"] == "2027-01-05"
    assert got["skipped"] == [["2027-01-01", "元旦"], ["2027-01-02", "周六"], ["2027-01-03", "周日"]]
    assert got["provisional"] == [2027]


def test_make_up_workday_is_counted_and_named():
    got = python("2025-09-26", 1, "working_day")
    assert got["end"] == "2025-09-28" and got["madeUp"] == [["2025-09-28", "国庆节调休上班"]]
    assert got["skipped"] == [["2025-09-27", "周六"]]


def test_backwards_skips_the_same_days():
    got = python("2025-10-14", -5, "working_day")
    assert got["end"] == "2025-09-30"
    assert {why for _d, why in got["skipped"]} == {"国庆节", "中秋节", "周六", "周日"}


def test_calendar_days_say_when_the_last_day_is_a_day_off():
    assert python("2025-09-24", 7, "calendar_day")["endNote"] == "国庆节"
    assert python("2025-09-23", 7, "calendar_day")["endNote"] == ""  # a Tuesday


def test_browser_agrees_with_python(page, base_url):
    page.goto(base_url + DEADLINES)
    page.wait_for_function("window.swTools && window.formChecker && window.swCheckerData")
    cases = CASES + held_out()
    got = page.evaluate("cases => cases.map(c => window.swTools.countDays(c[0], c[1], c[2]))", cases)
    for case, js in zip(cases, got):
        assert js == python(*case), case


def submit(page, date, n, unit="working_day", direction="after"):
    page.fill("#dc-date", date)
    page.fill("#dc-n", n)
    page.check(f'input[name="dc-unit"][value="{unit}"]')
    page.check(f'input[name="dc-direction"][value="{direction}"]')
    page.click(".js-count-form button[type=submit]")


@pytest.fixture
def tool(page, base_url):
    page.goto(base_url + DEADLINES)
    page.wait_for_function("window.swTools && window.formChecker && window.swCheckerData")
    return page


def test_page_answers_five_working_days_with_reasons_and_caution(tool):
    submit(tool, "2026-12-28", "５")  # full-width digit from a Chinese IME
    assert tool.locator(".js-count-end").inner_text() == "2027-01-05"
    result = tool.locator(".js-count-result").inner_text()
    assert "2027-01-05（周二）" in result and "往后数 5 个工作日" in result
    skipped = tool.locator(".js-count-skipped").inner_text()
    assert "2027-01-01（周五） 至 2027-01-03（周日）（3 天）：元旦、周末" in skipped
    caution = tool.locator(".js-provisional").inner_text()
    assert "2027" in caution and "暂定" in caution and "核对" in caution


def test_page_counts_make_up_workdays_and_backwards(tool):
    submit(tool, "2025-09-26", "1")
    assert tool.locator(".js-count-end").inner_text() == "2025-09-28"
    assert "2025-09-28（周日）：国庆节调休上班，按工作日计算" in tool.locator(".js-count-made-up").inner_text()
    assert tool.locator(".js-provisional").count() == 0
    submit(tool, "2025-10-14", "5", direction="before")
    assert tool.locator(".js-count-end").inner_text() == "2025-09-30"
    assert "国庆节" in tool.locator(".js-count-skipped").inner_text()
    assert "往前数 5 个工作日" in tool.locator(".js-count-result").inner_text()


def test_page_calendar_days_and_bad_input(tool):
    submit(tool, "2025-09-24", "7 天", unit="calendar_day")
    assert tool.locator(".js-count-end").inner_text() == "2025-10-01"
    assert "国庆节" in tool.locator(".js-count-end-off").inner_text()
    submit(tool, "2025-09-24", "五")
    assert "如 5" in tool.locator(".js-count-error").inner_text()
    assert tool.locator(".js-count-end").count() == 0
    tool.fill("#dc-date", "")
    tool.fill("#dc-n", "3")
    tool.click(".js-count-form button[type=submit]")
    assert "起算日期" in tool.locator(".js-count-error").inner_text()


def test_page_year_without_data_names_the_file_to_add(tool):
    submit(tool, "2027-12-20", "10")
    text = tool.locator(".js-count-unknown").inner_text()
    assert "2028 年" in text and "data/calendar/2028.yaml" in text
    assert tool.locator(".js-count-end").count() == 0


def test_named_rules_into_a_provisional_year_carry_the_caution(tool):
    tool.select_option("#dl-event", "group_end")
    tool.fill("#dl-date", "2026-12-28")
    tool.click(".js-deadline-form button[type=submit]")
    row = tool.locator('tr[data-rule="service_evaluation"]')
    assert row.locator(".js-due").inner_text().startswith("2027-01")
    assert "暂定" in row.locator(".js-provisional").inner_text()
    assert "暂定" in tool.locator(".admonition.warning").inner_text()


def test_english_browser_prints_tool_dates_as_yyyy_mm_dd(browser, base_url):
    """A date box draws 12/28/2026 in an English browser; on paper it reads 2026-12-28."""
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    try:
        page.goto(base_url + DEADLINES)
        page.wait_for_selector("#dc-date + .sw-print-value", state="attached")
        page.fill("#dc-date", "2026-12-28")
        page.fill("#dl-date", "2026-12-28")
        page.emulate_media(media="print")
        for box in ("#dc-date", "#dl-date"):
            assert page.locator(box).is_hidden()
            assert page.locator(f"{box} + .sw-print-value").inner_text() == "2026-12-28"
    finally:
        context.close()
