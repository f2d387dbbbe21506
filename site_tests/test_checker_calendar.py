"""Working days with the Chinese public-holiday calendar and make-up workdays,
and every deadline unit of data/rules/deadlines.yaml."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.calendar_days import YearNotCovered, from_library
from generator.calendar_deadlines import deadlines_for, due_date

CAL = from_library()
D = dt.date.fromisoformat


@pytest.mark.parametrize(
    "day, workday",
    [
        ("2025-10-01", False),  # 国庆节
        ("2025-10-08", False),  # 国庆、中秋连休最后一天（周三）
        ("2025-09-28", True),  # 周日调休上班
        ("2025-10-11", True),  # 周六调休上班
        ("2025-01-28", False),  # 春节（除夕）
        ("2025-02-04", False),
        ("2025-01-26", True),  # 周日调休上班
        ("2025-02-08", True),  # 周六调休上班
        ("2025-10-12", False),  # 普通周日
        ("2025-10-13", True),  # 普通周一
    ],
)
def test_holidays_and_make_up_workdays(day, workday):
    assert CAL.is_workday(D(day)) is workday


@pytest.mark.parametrize(
    "event, n, due",
    [
        ("2025-09-30", 3, "2025-10-11"),  # 国庆 8 天假后，10-11 周六补班算第 3 天
        ("2025-09-26", 1, "2025-09-28"),  # 周五之后的第一个工作日是周日补班
        ("2024-09-30", 5, "2024-10-12"),  # 2024 国庆：10-12 周六补班
        ("2025-01-24", 5, "2025-02-07"),  # 2025 春节：01-26 周日补班，01-28–02-04 放假
        ("2025-01-27", 10, "2025-02-17"),  # 02-08 周六补班计入
        ("2024-02-08", 3, "2024-02-19"),  # 2024 春节：02-18 周日补班
        ("2025-10-14", -5, "2025-09-30"),  # 倒数同样跳过假期
    ],
)
def test_working_days_across_national_day_and_spring_festival(event, n, due):
    assert due_date("working_day", abs(n), "after" if n > 0 else "before", D(event), CAL) == D(due)


def test_year_without_data_is_reported_not_guessed():
    with pytest.raises(YearNotCovered) as exc:
        due_date("working_day", 3, "after", dt.date(CAL.last_year + 1, 3, 2), CAL)
    assert exc.value.year == CAL.last_year + 1
    # calendar days need no holiday data
    assert due_date("calendar_day", 14, "before", dt.date(CAL.last_year + 1, 3, 20), CAL) == dt.date(CAL.last_year + 1, 3, 6)


@pytest.mark.parametrize(
    "unit, amount, direction, event, due",
    [
        ("calendar_day", 14, "before", "2025-10-09", "2025-09-25"),
        ("calendar_day", 3, "after", "2025-12-30", "2026-01-02"),
        ("month", 2, "after", "2025-12-31", "2026-02-28"),
        ("month", 6, "after", "2024-08-31", "2025-02-28"),
        ("next_month_day", 5, "after", "2025-12-31", "2026-01-05"),
        ("next_month_day", 5, "after", "2025-02-10", "2025-03-05"),
        ("next_quarter_first_month_day", 20, "after", "2025-09-30", "2025-10-20"),
        ("next_quarter_first_month_day", 20, "after", "2025-11-15", "2026-01-20"),
        ("next_quarter_first_month_day", 20, "after", "2025-01-01", "2025-04-20"),
    ],
)
def test_other_units(unit, amount, direction, event, due):
    assert due_date(unit, amount, direction, D(event), CAL) == D(due)


def test_every_adopted_rule_of_an_event(project):
    from generator.build import load_all

    ctx, _problems = load_all(project)
    rules = ctx.models["rules"]
    got = {d.rule_id: d.date for d in deadlines_for(rules.rules.values(), "group_end", D("2025-09-30"), CAL)}
    expected = {r.id for r in rules.rules.values() if r.event == "group_end"}
    assert set(got) == expected
    if "service_evaluation" in got:  # 10 working days after 09-30 across National Day
        assert got["service_evaluation"] == D("2025-10-21")


def test_calendar_json_is_what_the_browser_gets():
    data = CAL.to_json()
    assert data["first_year"] <= 2024 and data["last_year"] >= 2025
    assert "2025-10-01" in data["holidays"] and "2025-10-11" in data["workdays"]
    named = {day: name for name, days in data["names"].items() for day in days}
    assert named["2025-10-11"].endswith("调休上班") and named["2025-10-01"] == "国庆节"
    # Every day off and make-up workday is named; nothing else is sent.
    assert set(named) == set(data["holidays"]) | set(data["workdays"])
