"""The attainment calculator in the browser: the golden cases give exactly the
Python result through window.indicatorAttainment, and the page works for a
user (live result, working shown, inputs kept in the URL hash, file://)."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from generator.indicators.attainment import AttainmentInputError, attainment
from site_tests.test_attainment_core import BAD_CASES, GOLDEN, OK_CASES, check_expected

PAGE = "calculators/indicator-attainment/index.html"
RUN = """input => {
  try { return {ok: window.indicatorAttainment(input)}; }
  catch (e) { return {error: e.name, problems: e.problems, message: e.message}; }
}"""
EXAMPLE = GOLDEN[0]["input"]


@pytest.fixture
def calc(page, base_url):
    page.goto(base_url + PAGE)
    page.wait_for_function("typeof window.indicatorAttainment === 'function'")
    return page


def test_golden_cases_give_identical_results_in_browser_and_python(calc):
    for case in OK_CASES:
        browser = calc.evaluate(RUN, case["input"])
        assert "ok" in browser, (case["name"], browser)
        python = attainment(case["input"])
        # identical JSON text, not just equal numbers (1 vs 1.0 would differ)
        assert json.dumps(browser["ok"], ensure_ascii=False) == json.dumps(python, ensure_ascii=False), case["name"]
        check_expected(case, browser["ok"])


def test_bad_inputs_are_rejected_with_the_same_messages(calc):
    for case in BAD_CASES:
        browser = calc.evaluate(RUN, case["input"])
        with pytest.raises(AttainmentInputError) as info:
            attainment(case["input"])
        assert browser.get("error") == "AttainmentInputError", (case["name"], browser)
        assert browser["problems"] == info.value.problems, case["name"]


def fill_example(page, allow: str = "yes"):
    page.check(f'.js-ia-allow[value="{allow}"]')  # 合同允许折算 has no default answer
    page.fill("#ia-satisfaction", "86")
    for key, value in EXAMPLE["counts"].items():
        page.fill(f"#ia-c-{key}", str(value))


def test_user_sees_per_item_result_and_the_conversion_working(calc):
    fill_example(calc)
    verdict = calc.locator(".ia-verdict__title")
    assert verdict.inner_text() == "结论：折算后达标"
    row = calc.locator('tr[data-item="professional_case"] td').all_inner_texts()
    assert row[:4] == ["专业个案", "30", "28", "93.33%"] and "未达标" in row[4]
    service = calc.locator('[data-group="service"]').inner_text()
    assert "112.75" in service and "118.25" in service and "30×1 + 50×0.5" in service
    assert "达到 80% 的要求" in calc.locator(".ia-satisfaction").inner_text()


def test_team_posts_multiply_minimums_and_unticking_conversion_changes_the_verdict(calc):
    fill_example(calc)
    calc.check('.js-ia-allow[value="no"]')
    assert calc.locator(".ia-verdict__title").inner_text() == "结论：未达标"
    calc.check('.js-ia-allow[value="yes"]')
    calc.fill("#ia-posts", "2")
    assert calc.locator('.js-ia-min[data-item="professional_case"]').inner_text().startswith("60")
    assert calc.locator('tr[data-item="professional_case"] td').nth(1).inner_text() == "60"
    assert calc.locator(".ia-verdict__title").inner_text() == "结论：未达标"


def test_coordination_post_shows_no_minimum_instead_of_zero(calc):
    calc.select_option("#ia-post-type", "coordination")
    calc.fill("#ia-satisfaction", "90")
    calc.check('.js-ia-allow[value="yes"]')
    assert calc.locator('.js-ia-min[data-item="therapeutic_group"]').inner_text() == "无数量下限"
    assert calc.locator('tr[data-item="newsletter"] td').nth(1).inner_text() == "无数量下限"


def test_bad_field_shows_a_message_and_no_verdict(calc):
    calc.fill("#ia-satisfaction", "86")
    calc.fill("#ia-c-home_visit", "-3")
    errors = calc.locator(".js-ia-errors")
    assert errors.is_visible() and "社区探访/家访" in errors.inner_text()
    assert calc.locator(".ia-verdict").count() == 0
    calc.fill("#ia-satisfaction", "120")
    assert "0 到 100" in errors.inner_text()


def test_inputs_are_kept_in_the_url_hash_and_restored(calc, base_url, browser):
    fill_example(calc)
    # location.href, not page.url: Playwright learns of replaceState a moment later
    url = calc.evaluate("location.href")
    assert "#" in url and "&pc=28" in url and "&s=86" in url and "&a=1" in url
    context = browser.new_context()
    other = context.new_page()
    other.goto(url)
    assert other.locator("#ia-c-consultation").input_value() == "61"
    assert other.locator(".ia-verdict__title").inner_text() == "结论：折算后达标"
    context.close()


def test_user_text_is_never_parsed_as_html(calc):
    calc.fill("#ia-satisfaction", "<img src=x onerror=alert(1)>")
    assert calc.locator(".js-ia-errors img").count() == 0
    assert calc.locator(".js-ia-result img").count() == 0


def test_print_button_calls_print(calc):
    calc.evaluate("window.__printed = 0; window.print = () => { window.__printed += 1; }; 0")
    calc.click(".js-ia-print")
    assert calc.evaluate("window.__printed") == 1


def test_calculator_works_from_a_zipped_site_via_file_url(browser, site_dir, tmp_path, watch):
    archive = shutil.make_archive(str(tmp_path / "site"), "zip", site_dir)
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp_path / "unzipped")
    context = browser.new_context()
    page = context.new_page()
    watch.attach(context, page)
    page.goto((tmp_path / "unzipped" / PAGE).as_uri())
    fill_example(page)
    assert page.locator(".ia-verdict__title").inner_text() == "结论：折算后达标"
    assert page.evaluate(RUN, EXAMPLE)["ok"]["result"] == "折算后达标"
    context.close()
    assert not watch.console_errors and not watch.external


def test_without_javascript_the_minimums_are_still_readable(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PAGE)
    assert page.locator('.js-ia-min[data-item="professional_case"]').inner_text() == "30"
    assert page.locator("table.ind-annual tbody tr").count() == 16
    context.close()


def test_a_ratio_typed_into_the_percent_field_gets_a_hint(calc):
    fill_example(calc)
    calc.fill("#ia-satisfaction", "0.86")
    assert "86" in calc.locator(".ia-ratio-hint").inner_text()
    assert calc.locator(".ia-verdict__title").inner_text() == "结论：未达标"
