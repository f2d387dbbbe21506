"""The Python checker, one test (or more) per rule kind. The browser runs the
same rules; test_checker_browser.py requires identical results."""

from __future__ import annotations

import copy

import pytest

from generator.checker.core import check
from site_tests.checker_fixtures import VALID, rules

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def form():
    return rules()


def run(form, **changes):
    values = copy.deepcopy(VALID)
    for key, value in changes.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    return check(form, values)


def codes(problems):
    return [(p["field"], p["code"], p["severity"]) for p in problems]


def test_valid_form_has_no_problem(form):
    assert check(form, VALID) == []


def test_every_problem_has_the_four_keys(form):
    for p in run(form, name="", start="x"):
        assert set(p) == {"field", "code", "severity", "message"}
        assert p["severity"] in ("error", "warning") and p["message"]


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"name": ""}, ("name", "required", "error")),
        ({"name": None}, ("name", "required", "error")),
        ({"name": "　 "}, ("name", "required", "error")),
        ({"name": "甲"}, ("name", "too-short", "error")),
        ({"name": "一二三四五六七八九十十"}, ("name", "too-long", "error")),
        ({"code": "ab123"}, ("code", "pattern", "error")),
        ({"domain": "外星"}, ("domain", "not-an-option", "error")),
        ({"kinds": ["讲座", "唱歌"]}, ("kinds", "not-an-option", "error")),
        ({"paid": "也许"}, ("paid", "not-an-option", "error")),
        ({"phone": "22223333"}, ("phone", "invalid-phone", "error")),
        ({"phone": "12800138000"}, ("phone", "invalid-phone", "error")),
        ({"start": "2025-02-30"}, ("start", "invalid-date", "error")),
        ({"start": "下周一"}, ("start", "invalid-date", "error")),
        ({"at": "25:00"}, ("at", "invalid-time", "error")),
        ({"members": "十"}, ("members", "invalid-integer", "error")),
        ({"members": "8.5"}, ("members", "invalid-integer", "error")),
        ({"members": "0"}, ("members", "too-small", "error")),
        ({"members": "101"}, ("members", "too-large", "error")),
        ({"total": "一百"}, ("total", "invalid-number", "error")),
        ({"rows": []}, ("rows", "too-few-rows", "error")),
        ({"rows": [{"item": "a"}] * 4}, ("rows", "too-many-rows", "error")),
        ({"archive_code": "GC-CAB-C01-2025-WM"}, ("archive_code", "invalid-archive-code", "error")),
        ({"archive_code": "GC-CAB-C01-202510-WM"}, ("archive_code", "archive-code-nature", "warning")),
        ({"end": "2025-10-01"}, ("end", "date-order", "error")),
        ({"total": "151"}, ("total", "sum-mismatch", "error")),
        ({"items_n": "3"}, ("items_n", "count-mismatch", "error")),
        ({"paid": "是"}, ("fee_note", "required-if", "error")),
        ({"members": "7"}, ("members", "below-standard", "error")),
        ({"sessions_n": "4"}, ("sessions_n", "below-standard", "warning")),
        ({"attended": "11"}, ("attended", "ratio-below-standard", "error")),
        ({"submitted": "2025-09-26"}, ("submitted", "deadline-missed", "error")),
        ({"reported": "2025-11-07"}, ("reported", "deadline-missed", "warning")),
        ({"end": "2028-01-05", "reported": "2028-01-08"}, ("reported", "calendar-year-unknown", "warning")),
    ],
)
def test_each_rule_kind(form, changes, expected):
    assert expected in codes(run(form, **changes))


def test_accepted_formats(form):
    ok = {"phone": "13800138000", "start": "2025/10/9", "at": "9:05", "total": 150.5, "items_n": 2, "paid": True, "fee_note": "每人 5 元"}
    assert run(form, **ok) == []
    for phone in ("+8613800138000", "(0769)22223333", "0769-2222333", "020-12345678-123", "138 0013 8000"):
        assert run(form, phone=phone) == [], phone


def test_table_cells_are_located_by_row_and_column(form):
    bad = [{"item": "茶点", "amount": "-1", "day": "2025-13-01"}, {"item": "", "amount": "", "day": ""}, {"item": "", "amount": "5"}]
    got = codes(run(form, rows=bad, total=None, items_n=None))
    assert ("rows[0].amount", "too-small", "error") in got
    assert ("rows[0].day", "invalid-date", "error") in got
    assert ("rows[2].item", "required", "error") in got
    assert not any(f.startswith("rows[1]") for f, _c, _s in got), "blank rows are ignored"


def test_domain_decides_the_standard_and_the_message_cites_it(form):
    # 4 sessions: below the general 5, enough for 社区矫正 (adopted 4, the non-adopted 6 is ignored)
    general = run(form, sessions_n="4")
    assert [p for p in general if p["code"] == "below-standard"]
    message = next(p["message"] for p in general if p["code"] == "below-standard")
    assert "至少 5节" in message and "S002" in message and "本手册采用的" in message
    assert run(form, sessions_n="4", domain="社区矫正") == []
    three = run(form, sessions_n="3", domain="社区矫正")
    assert "社区矫正领域" in three[0]["message"] and "至少 4节" in three[0]["message"]


def test_deadline_message_names_rule_due_date_and_source(form):
    p = run(form, submitted="2025-09-26")[0]
    assert "2025-09-25" in p["message"] and "开始前至少 14 天提交" in p["message"] and "S004" in p["message"]


def test_working_day_deadline_skips_national_day(form):
    # 2025-09-30 + 5 working days: 10-01..08 off, 10-11 (Saturday) is a make-up workday -> 10-14
    assert run(form, start="2025-09-01", submitted="2025-08-01", end="2025-09-30", reported="2025-10-14") == []
    late = run(form, start="2025-09-01", submitted="2025-08-01", end="2025-09-30", reported="2025-10-15")
    assert late[0]["code"] == "deadline-missed" and "2025-10-14" in late[0]["message"]


@pytest.mark.parametrize("values", [None, [], "text", 42, True])
def test_damaged_values_give_one_clear_error(form, values):
    got = check(form, values)
    assert [(p["code"], p["severity"]) for p in got] == [("damaged", "error")]


@pytest.mark.parametrize("field, value", [("name", {"a": 1}), ("name", ["x"]), ("name", True), ("rows", "x"), ("rows", [1]), ("kinds", [1]), ("members", float("nan"))])
def test_wrong_types_are_errors_not_crashes(form, field, value):
    got = codes(run(form, **{field: value}))
    assert any(c == "wrong-type" for _f, c, _s in got), got


def test_hostile_text_is_kept_literally_in_messages(form):
    got = run(form, start="<img src=x onerror=alert(1)>")
    assert "<img src=x onerror=alert(1)>" in got[0]["message"]
    assert run(form, name="<b>x</b>", note=HOSTILE) == []


def test_long_values_are_clipped_in_messages(form):
    got = run(form, start="9" * 100)
    assert "9" * 30 + "…" in got[0]["message"] and "9" * 31 not in got[0]["message"]
