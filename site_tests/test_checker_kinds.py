"""The plausibility check kinds (at_most, not_future, sum_fields, product,
date_order over table rows) and how typed spellings reach them: unit tests on
the pure core, with the synthetic form of checker_fixtures."""

from __future__ import annotations

import copy

import pytest

from generator.checker.compile import compile_form
from generator.checker.core import check, normalised_values
from site_tests.checker_fixtures import DEFINITION, VALID, inputs, rules

TODAY = "2026-12-07"


def run(**change) -> list[dict]:
    values = copy.deepcopy(VALID)
    values.update(change)
    return check(rules(), values, today=TODAY)


def codes(problems) -> list[str]:
    return [f"{p['field']}:{p['code']}" for p in problems]


def test_valid_values_have_no_problem():
    assert run() == []


def test_more_present_than_members_names_both_fields():
    got = run(present="12", members="10")
    assert codes(got) == ["present:more-than-limit"]
    assert got[0]["message"] == "“出席人数”（12）不能多于“组员人数”（10），请核对这两项。"
    assert run(present="10", members="10") == []


def test_typed_spellings_feed_the_cross_field_checks():
    # １２人 is read as 12 before it is compared with 10 members.
    assert codes(run(present="１２人", members="第10")) == ["present:more-than-limit"]


def test_a_record_dated_after_today():
    got = [p for p in run(reported="2026-12-08") if p["code"] != "deadline-missed"]
    assert codes(got) == ["reported:date-in-future"]
    assert "2026-12-08" in got[0]["message"] and "2026-12-07" in got[0]["message"]
    assert "reported:date-in-future" not in codes(run(reported="2026-12-07"))


def test_parts_must_add_up_to_the_total():
    got = run(male="3", female="4", people="8")
    assert codes(got) == ["people:sum-fields-mismatch"]
    assert "“男”与“女”加起来是 7" in got[0]["message"]
    assert run(male="3", female="5", people="8") == []
    # one part left empty still counts the other
    assert codes(run(male="3", people="8")) == ["people:sum-fields-mismatch"]


def test_each_row_amount_is_quantity_times_price():
    rows = [{"item": "茶点", "qty": "2", "price": "3", "amount": "7"}, {"item": "文具", "qty": "2", "price": "2.5", "amount": "5"}]
    got = run(rows=rows, total="12")
    assert codes(got) == ["rows[0].amount:product-mismatch"]
    assert "“明细”第 1 行的“数量”与“明细”第 1 行的“单价”相乘是 6" in got[0]["message"]
    # a row without a price is not compared
    assert run(rows=[{"item": "茶点", "qty": "2", "amount": "7"}], total="7", items_n="1") == []


def test_row_dates_in_order_and_row_dates_not_in_the_future():
    rows = [{"item": "茶点", "amount": "150.5", "day": "2027-02-01", "until": "2027-01-01"}]
    got = run(rows=rows, items_n="1")
    assert codes(got) == ["rows[0].day:date-in-future", "rows[0].until:date-order"]
    assert got[0]["severity"] == "warning" and got[1]["severity"] == "error"


def test_start_and_end_time_in_order():
    got = run(at="下午2点半", end_at="14:00")
    assert codes(got) == ["end_at:date-order"]
    assert "（14:00）不能早于“开始时间”（14:30）" in got[0]["message"]


def test_percent_default_range_and_fraction_reminder():
    assert codes(run(rate="186")) == ["rate:too-large"]
    got = run(rate="0.86")
    assert codes(got) == ["rate:percent-fraction"] and got[0]["severity"] == "warning"
    assert run(rate="86%") == []


def test_implausible_year_is_an_error_with_an_example():
    got = run(start="6930-02-02")
    assert codes(got)[0] == "start:implausible-date"
    assert "6930" in got[0]["message"] and "2026-09-30" in got[0]["message"]


def test_normalised_values_are_what_the_page_shows():
    values = {**VALID, "members": "１０人", "start": "2025年10月9日", "end": "10月30日", "at": "下午2点半", "total": "¥150.5",
              "rows": [{"item": "茶点", "amount": "１００", "day": "10.9"}], "name": "不动 １０"}
    out = normalised_values(rules(), values, today=TODAY)
    assert out["members"] == "10" and out["start"] == "2025-10-09" and out["end"] == "2025-10-30"
    assert out["at"] == "14:30" and out["total"] == "150.5"
    assert out["rows"][0] == {"item": "茶点", "amount": "100", "day": "2025-10-09"}
    assert out["name"] == "不动 １０", "text fields are left as typed"


@pytest.mark.parametrize(
    "check_def, location",
    [
        ({"kind": "at_most", "field": "present", "limit": "nobody"}, "checks[0].limit"),
        ({"kind": "not_future", "field": "members"}, "checks[0].field"),
        ({"kind": "sum_fields", "total": "people", "parts": "male"}, "checks[0].parts"),
        ({"kind": "product", "table": "rows", "total": "amount", "parts": "qty × cost"}, "checks[0].parts"),
        ({"kind": "date_order", "table": "nope", "first": "day", "then": "until"}, "checks[0].table"),
    ],
)
def test_a_bad_reference_is_a_problem_in_the_form_file(check_def, location):
    definition = {**DEFINITION, "checks": [check_def]}
    compiled, problems = compile_form(definition, inputs(), "forms/kitchen-sink.yaml")
    assert compiled["checks"] == []
    assert [p.location for p in problems] == [location]
