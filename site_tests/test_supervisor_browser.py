"""督导助理选拔评分 in the browser: the same golden cases as Python (parity),
the form a supervisor fills in, messages for bad input, the URL hash round
trip, the print sheet, the eligibility check, and file:// use."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import yaml

from generator.scoring.eligibility import eligibility
from generator.scoring.model import default_rules
from site_tests.supervisor_cases import PAGE, contract_part, error_paths, load_cases, python_outcome

CASES = load_cases()
ELIG_CASES = yaml.safe_load((Path(__file__).parent / "cases" / "supervisor_eligibility.yaml").read_text(encoding="utf-8"))["cases"]
EXAMPLE = next(c for c in CASES if c["name"] == "issue example")


def open_calculator(page, base_url, hash_state: dict | None = None):
    url = base_url + PAGE
    if hash_state is not None:
        url += "#" + quote(json.dumps(hash_state, ensure_ascii=False))
    page.goto(url)
    page.wait_for_function("typeof window.supervisorScore === 'function'")


def test_golden_cases_match_python_exactly(page, base_url):
    open_calculator(page, base_url)
    browser_results = page.evaluate("cases => cases.map(c => window.supervisorScore(c))", [c["input"] for c in CASES])
    mismatches = []
    for case, js in zip(CASES, browser_results):
        kind, py = python_outcome(case)
        if "errors" in case:
            ok = kind == "errors" and set(js) == {"errors"} and js["errors"] == py and error_paths(js["errors"]) == sorted(case["errors"])
        else:
            ok = kind == "result" and js == py and contract_part(js) == case["expect"]
        if not ok:
            mismatches.append((case["name"], js, py))
    assert not mismatches, mismatches


def test_eligibility_matches_python(page, base_url):
    open_calculator(page, base_url)
    js = page.evaluate("cases => cases.map(a => window.supervisorEligibility(a))", [c["answers"] for c in ELIG_CASES])
    rules = default_rules().eligibility
    for case, got in zip(ELIG_CASES, js):
        assert got == eligibility(rules, case["answers"]), case["name"]
        for route, status in case["expect"].items():
            assert got[route]["status"] == status, (case["name"], route)


def test_score_function_rejects_non_objects(page, base_url):
    open_calculator(page, base_url)
    for arg in ("null", "undefined", "'72'", "[1, 2]", "42"):
        result = page.evaluate(f"window.supervisorScore({arg})")
        assert result["errors"] and result["errors"][0].startswith("input："), arg


def fill_example(page):
    page.fill("#ssc-name", "王小明")
    page.fill("#ssc-written", "72")
    page.fill("#ssc-interview", "80")
    page.select_option("#ssc-media_coverage", "province")
    page.check(".js-qual[value='sw_certificate']")
    page.check(".js-qual[value='master']")
    page.select_option("#ssc-excellent_ratings", "2")
    page.fill("#ssc-dongguan_years", "2.5")

    def add(list_name):
        page.click(f".js-list[data-list='{list_name}'] .js-add")
        return page.locator(f".js-list[data-list='{list_name}'] .js-row").last

    row = add("service_awards")
    row.locator("[data-item='level']").select_option("province")
    row.locator("[data-item='rank']").select_option("1")
    row.locator("[data-item='role']").select_option("lead")
    row.locator("[data-item='project']").fill("P1")
    row.locator("[data-item='year']").fill("2023")
    row = add("research_projects")
    row.locator("[data-item='level']").select_option("city")
    row.locator("[data-item='role']").select_option("member")
    row.locator("[data-item='member_rank']").fill("1")
    row.locator("[data-item='project']").fill("R1")
    row = add("papers")
    row.locator("[data-item='venue']").select_option("core")
    row = add("books")
    row.locator("[data-item='type']").select_option("monograph")
    row.locator("[data-item='role']").select_option("first")
    row = add("reports")
    row.locator("[data-item='level']").select_option("national")
    row.locator("[data-item='long']").check()
    row = add("competitions")
    row.locator("[data-item='level']").select_option("city")
    row.locator("[data-item='rank']").select_option("2")


def test_supervisor_fills_the_form_and_sees_the_working(page, base_url):
    open_calculator(page, base_url)
    assert page.locator(".js-verdict").inner_text() == "请先填写笔试和面试成绩。"
    assert page.locator(".js-errors").is_hidden()
    fill_example(page)
    assert page.locator(".js-total").inner_text() == "94.6"
    assert page.locator(".js-formula").inner_text() == "笔试 72 × 30% + 面试 80 × 30% + 加分 49 = 21.6 + 24 + 49 = 94.6"
    assert page.locator(".js-subtotal[data-group='research']").inner_text() == "20 分（已封顶）"
    assert page.locator(".js-subtotal[data-group='service']").inner_text() == "18 分"
    rows = page.locator(".js-list[data-list='research_projects'] .ssc-row-points")
    assert rows.inner_text() == "1.5 分"
    notes = page.locator(".js-notes li").all_inner_texts()
    assert "研究及宣传成果小计 23.5 分，超过 20 分上限，按 20 分计。" in notes
    # The member-rank box only shows for members.
    row = page.locator(".js-list[data-list='research_projects'] .js-row").first
    row.locator("[data-item='role']").select_option("host")
    assert row.locator("[data-item='member_rank']").is_hidden()


def test_dedupe_is_visible_on_the_row(page, base_url):
    state = {"input": {"written": 70, "interview": 70, "service_awards": [
        {"level": "city", "rank": 1, "role": "lead", "project": "A", "year": 2022},
        {"level": "national", "rank": 1, "role": "lead", "project": "A", "year": 2022}]}}
    open_calculator(page, base_url, state)
    points = page.locator(".js-list[data-list='service_awards'] .ssc-row-points").all_inner_texts()
    assert points == ["3 分，不计（重复或超限）", "9 分"]
    assert page.locator(".js-total").inner_text() == "51"


def test_bad_input_is_explained_next_to_the_field(page, base_url):
    open_calculator(page, base_url)
    # Untouched, nothing is marked invalid (a screen reader would say so on first focus).
    assert page.locator("[aria-invalid]").count() == 0
    page.fill("#ssc-written", "七十")
    page.fill("#ssc-interview", "120")
    errors = page.locator(".js-error-list li").all_inner_texts()
    # The page names fields in Chinese; the contract's key paths stay for the CLI.
    assert errors == ["笔试成绩应为数字（0 到 100 之间），实际是文字",
                      "面试成绩超出范围（应为 0 到 100 之间），实际是 120"]
    assert page.locator(".js-errors").is_visible()
    assert page.get_attribute("#ssc-written", "aria-invalid") == "true"
    assert page.locator(".js-total").inner_text() == "—"
    page.click(".js-list[data-list='research_projects'] .js-add")
    row = page.locator(".js-list[data-list='research_projects'] .js-row").first
    row.locator("[data-item='level']").select_option("national")
    row.locator("[data-item='role']").select_option("member")
    assert "课题研究第 1 条：角色是“课题组成员”时必须填写成员排名" in page.locator(".js-error-list li").all_inner_texts()
    assert row.locator("[data-item='member_rank']").get_attribute("aria-invalid") == "true"
    page.fill("#ssc-written", "59.99")
    page.fill("#ssc-interview", "90")
    row.locator("[data-item='member_rank']").fill("3")
    assert page.locator(".js-total").inner_text() == "落选"
    assert "不足 60 分" in page.locator(".js-verdict").inner_text()


def test_url_hash_round_trip(page, base_url, browser):
    open_calculator(page, base_url, {"input": EXAMPLE["input"]})
    assert page.url.split("#")[0].endswith(PAGE)
    # Then the supervisor edits: a name, one more paper, a qualification answer.
    page.fill("#ssc-name", "王小明")
    page.check(".js-share-name")  # the name goes into the link only when ticked
    page.click(".js-list[data-list='papers'] .js-add")
    row = page.locator(".js-list[data-list='papers'] .js-row").last
    row.locator("[data-item='venue']").select_option("other_small")
    row.locator("[data-item='author']").fill("2")
    page.select_option(".js-elig[data-elig='qualification']", "assistant")
    url = page.url
    state = page.evaluate("h => window.supervisorLink.decode(h).state", url.split("#", 1)[1])
    assert state["meta"]["name"] == "王小明"
    # The link leaves out defaults: author 1 is the contract's default.
    assert state["input"]["papers"] == [{"venue": "core"}, {"venue": "other_small", "author": 2}]
    expected = page.evaluate("s => window.supervisorScore(s)", state["input"])
    assert page.locator(".js-total").inner_text() == str(expected["total"])
    other = browser.new_context(locale="zh-CN").new_page()
    other.goto(url)
    other.wait_for_function("t => document.querySelector('.js-total').textContent === t", arg=str(expected["total"]))
    assert other.input_value("#ssc-name") == "王小明"
    assert other.input_value("#ssc-dongguan_years") == "2.5"
    assert other.locator(".js-list[data-list='papers'] [data-item='author']").last.input_value() == "2"
    assert other.locator(".js-list[data-list='books'] [data-item='role']").input_value() == "first"
    assert other.input_value(".js-elig[data-elig='qualification']") == "assistant"
    assert other.locator(".js-notes li").all_inner_texts() == page.locator(".js-notes li").all_inner_texts()
    assert other.url == url  # restoring writes back the very same hash
    other.context.close()


def test_example_button_loads_the_worked_example(page, base_url):
    open_calculator(page, base_url)
    page.click(".js-example")
    assert page.locator(".js-total").inner_text() == "94.6"
    assert page.input_value("#ssc-name") == "示例候选人"
    assert "#" in page.url


def test_clear_empties_form_and_hash(page, base_url):
    open_calculator(page, base_url, {"input": EXAMPLE["input"]})
    assert page.locator(".js-total").inner_text() == "94.6"
    page.click(".js-clear")
    assert page.locator(".js-total").inner_text() == "—"
    assert page.locator(".js-row").count() == 0


def test_print_view_shows_only_the_result_sheet(page, base_url):
    open_calculator(page, base_url, {"input": EXAMPLE["input"], "meta": {"name": "王小明", "date": "2026-11-29"}})
    assert page.locator(".js-sheet").is_hidden()
    page.emulate_media(media="print")
    sheet = page.locator(".js-sheet")
    assert sheet.is_visible()
    for hidden in (".js-form", ".js-result", ".md-header", ".md-sidebar--primary", ".ssc-elig", "h1"):
        assert page.locator(hidden).first.is_hidden(), hidden
    text = sheet.inner_text()
    for expected in ("王小明", "2026-11-29", "94.6 分（笔试 21.6 + 面试 24 + 加分 49）", "评分规则版本 2026.1",
                     "众爱《督导人才选拔培养制度》附表2", "市级课题成员第 1 名", "研究及宣传成果小计 23.5 分，超过 20 分上限",
                     "研究及宣传成果\t23.5\t20\t20（已封顶）"):
        assert expected in text, expected
    assert "资格自查" not in text  # nothing answered, nothing printed
    page.emulate_media(media="screen")
    page.select_option(".js-elig[data-elig='education']", "other")
    page.emulate_media(media="print")
    assert "督导助理：不符合（不符合：学历" in sheet.inner_text()


def test_eligibility_shows_status_and_source(page, base_url):
    open_calculator(page, base_url)
    result = page.locator(".js-elig-result")
    assert result.locator(".ssc-route").count() == 3
    assert "待确认" in result.locator(".ssc-route").first.inner_text()
    page.select_option(".js-elig[data-elig='education']", "other")
    first = result.locator(".ssc-route").first
    assert "督导助理：不符合" in first.locator("h3").inner_text()
    assert "众爱《督导人才选拔培养制度》第三章 一（二）1" in first.inner_text()


def test_bonus_table_and_readings_on_the_page(page, base_url):
    open_calculator(page, base_url)
    body = page.locator("article").inner_text()
    for text in ("加分标准", "口径说明", "恰好 150 页", "18.045 记为 18.05", "助理社会工作师（即初级社会工作师）及以上资格"):
        assert text in body, text


def test_calculator_works_from_file_url(browser, site_dir, watch):
    context = browser.new_context()
    page = context.new_page()
    watch.attach(context, page)
    page.goto((site_dir / PAGE).as_uri())
    result = page.evaluate("x => window.supervisorScore(x)", EXAMPLE["input"])
    assert contract_part(result) == EXAMPLE["expect"]
    context.close()
    assert not watch.console_errors and not watch.external


def test_calculator_is_in_the_supervision_tab(page, base_url):
    page.goto(base_url)
    page.locator(".md-tabs__link", has_text="督导").first.click()
    page.wait_for_load_state()
    page.locator(".md-nav--primary a[href$='calculators/supervisor-selection/index.html']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(PAGE), page.url  # an untouched calculator keeps a clean address
    assert "督导助理选拔评分" in page.locator("h1").inner_text()


def random_profile(rng) -> dict:
    """A random but mostly valid candidate, with awkward decimals and duplicates."""
    levels = ["national", "province", "city"]

    def num(lo, hi):
        return rng.choice([rng.randint(lo, hi), round(rng.uniform(lo, hi), rng.randint(1, 4)), lo, hi])

    projects = ["A", "B", ""]
    x = {"written": num(55, 100), "interview": num(0, 100)}
    if rng.random() < 0.5:
        x["media_coverage"] = rng.choice(levels + [None])
    x["qualifications"] = rng.sample(["sw_certificate", "master", "phd"], rng.randint(0, 3))
    x["excellent_ratings"] = rng.randint(0, 3)
    x["dongguan_years"] = num(0, 4)
    x["outside_supervisor_years"] = num(0, 4)
    x["service_awards"] = [
        {"level": rng.choice(levels), "rank": rng.randint(1, 3), "role": rng.choice(["lead", "participant"]),
         "project": rng.choice(projects), "year": rng.choice([2022, 2023])} for _ in range(rng.randint(0, 5))]
    x["research_projects"] = []
    for _ in range(rng.randint(0, 3)):
        p = {"level": rng.choice(levels), "role": rng.choice(["host", "member"]), "project": rng.choice(projects)}
        if p["role"] == "member":
            p["member_rank"] = rng.randint(1, 4)
        x["research_projects"].append(p)
    venues = ["core", "national_small", "national_large", "other_small", "other_large",
              "newspaper_national", "newspaper_province", "newspaper_city"]
    x["papers"] = [{"venue": rng.choice(venues), "author": rng.randint(1, 4)} for _ in range(rng.randint(0, 3))]
    books = {"monograph": ["first", "other"], "textbook_national": ["chief", "contributor"],
             "textbook_province": ["chief", "contributor"], "translation": ["first", "other"]}
    x["books"] = []
    for _ in range(rng.randint(0, 2)):
        t = rng.choice(list(books))
        x["books"].append({"type": t, "role": rng.choice(books[t])})
    x["reports"] = [{"level": rng.choice(levels), "long": rng.random() < 0.5} for _ in range(rng.randint(0, 3))]
    x["competitions"] = [{"level": rng.choice(levels), "rank": rng.randint(1, 3), "team": rng.random() < 0.5}
                         for _ in range(rng.randint(0, 3))]
    if rng.random() < 0.1:  # now and then something wrong, to compare messages too
        x[rng.choice(["written", "excellent_ratings", "colour"])] = rng.choice(["72", 101, 4.5, None])
    return x


def test_random_profiles_agree_with_python(page, base_url):
    import random

    from generator.scoring.core import score
    from generator.scoring.inputs import ScoreInputError

    rng = random.Random(20261129)
    profiles = [random_profile(rng) for _ in range(400)]
    open_calculator(page, base_url)
    js_results = page.evaluate("ps => ps.map(p => window.supervisorScore(p))", profiles)
    for profile, js in zip(profiles, js_results):
        try:
            py = score(profile)
        except ScoreInputError as exc:
            py = {"errors": exc.errors}
        assert js == py, json.dumps(profile, ensure_ascii=False)


def test_nan_and_infinity_are_rejected_like_python(page, base_url):
    open_calculator(page, base_url)
    result = page.evaluate("window.supervisorScore({written: NaN, interview: Infinity})")
    assert result["errors"] == ["written：笔试成绩应为数字（0 到 100 之间），实际是无效数字（NaN 或无穷大）",
                                "interview：面试成绩应为数字（0 到 100 之间），实际是无效数字（NaN 或无穷大）"]
    from generator.scoring.core import score
    from generator.scoring.inputs import ScoreInputError

    try:
        score({"written": float("nan"), "interview": float("inf")})
    except ScoreInputError as exc:
        assert exc.errors == result["errors"]


def test_no_sideways_scrolling_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 400, "height": 800})
    page = context.new_page()
    page.goto(base_url + PAGE + "#" + quote(json.dumps({"input": EXAMPLE["input"]})))
    page.wait_for_function("document.querySelector('.js-total').textContent === '94.6'")
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    context.close()
