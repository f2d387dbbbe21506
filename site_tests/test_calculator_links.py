"""Calculator links and messages as supervisors meet them: a short link with
no candidate name unless ticked, a link cut by a chat app or changed on the way
that says what it kept, 合同允许折算 that nobody has answered yet, a printout
with nothing for developers, and messages without internal keys."""

from __future__ import annotations

import json
from urllib.parse import quote

import yaml

from site_tests.supervisor_cases import PAGE as SCORE_PAGE, load_cases

ATTAIN_PAGE = "calculators/indicator-attainment/index.html"
EXAMPLE = next(c for c in load_cases() if c["name"] == "issue example")["input"]
ASCII_KEY = r"\b[a-z]+_[a-z_]+\b|\b(written|interview|posts|counts|satisfaction)\b"


def score(page, base_url, hash_text: str = ""):
    page.goto(base_url + SCORE_PAGE + hash_text)
    page.wait_for_function("typeof window.supervisorScore === 'function' && window.supervisorLink")
    return page


def href(page) -> str:
    return page.evaluate("location.href")


def test_score_link_is_short_and_has_no_name_unless_ticked(page, base_url):
    score(page, base_url)
    page.click(".js-example")  # fills 示例候选人 as the name
    url = href(page)
    hash_text = url.split("#", 1)[1]
    assert len(hash_text) < 400, len(hash_text)
    assert quote("示例候选人") not in url and "示例候选人" not in url
    assert "written" not in hash_text and "%7B" not in hash_text  # short keys, not JSON
    page.check(".js-share-name")
    assert quote("示例候选人") in href(page)
    page.uncheck(".js-share-name")
    assert quote("示例候选人") not in href(page)


def test_cut_score_link_says_what_it_kept(page, base_url, browser):
    score(page, base_url)
    page.click(".js-example")
    whole = href(page)
    total = page.locator(".js-total").inner_text()
    other = browser.new_context().new_page()
    cut = whole[: whole.index("&pa=") + 6]  # cut inside 论文, as a chat app might
    score(other, base_url, "#" + cut.split("#", 1)[1])
    problem = other.locator(".js-link-problem")
    assert problem.is_visible()
    text = problem.inner_text()
    assert "不完整" in text and "笔试成绩" in text and "面试成绩" in text and "“论文”及其后的内容没有恢复" in text
    assert other.input_value("#ssc-written") == "72"
    assert other.locator(".js-total").inner_text() not in ("—", total)  # kept part scored, not the whole
    # The full link opens without any warning.
    score(other, base_url, "#" + whole.split("#", 1)[1])
    other.reload()
    other.wait_for_function("t => document.querySelector('.js-total').textContent === t", arg=total)
    assert not other.locator(".js-link-problem").is_visible()
    other.context.close()


def test_changed_or_unreadable_score_link_is_never_silent(page, base_url, browser):
    score(page, base_url)
    page.click(".js-example")
    hash_text = href(page).split("#", 1)[1]
    ctx = browser.new_context()
    other = ctx.new_page()
    score(other, base_url, "#" + hash_text.replace("w=72", "w=27"))
    assert "被改动" in other.locator(".js-link-problem").inner_text()
    other.close()
    other = ctx.new_page()
    old_json = quote(json.dumps({"input": EXAMPLE, "meta": {"name": "旧链接"}}, ensure_ascii=False))
    score(other, base_url, "#" + old_json[: len(old_json) // 2])  # an old-style link, cut
    assert "已损坏" in other.locator(".js-link-problem").inner_text()
    other.close()
    other = ctx.new_page()
    score(other, base_url, "#" + old_json)  # an old-style link, whole: still opens
    assert other.input_value("#ssc-name") == "旧链接" and not other.locator(".js-link-problem").is_visible()
    ctx.close()


def test_score_messages_name_fields_in_chinese(page, base_url):
    score(page, base_url)
    page.fill("#ssc-written", "八十")
    page.fill("#ssc-interview", "80")
    page.click(".js-list[data-list='papers'] .js-add")
    page.locator(".js-list[data-list='papers'] [data-item='author']").fill("第一")
    errors = page.locator(".js-error-list").inner_text()
    assert "笔试成绩应为数字" in errors and "论文第 1 条：" in errors
    assert "written" not in errors and "papers[" not in errors


def attain(page, base_url, hash_text: str = ""):
    page.goto(base_url + ATTAIN_PAGE + hash_text)
    page.wait_for_function("typeof window.indicatorAttainment === 'function' && window.attainmentLink")
    return page


def fill(page):
    page.fill("#ia-satisfaction", "86")
    page.fill("#ia-c-professional_case", "28")
    page.fill("#ia-c-consultation", "61")


def test_conversion_must_be_chosen_before_a_result(page, base_url):
    attain(page, base_url)
    assert page.locator(".js-ia-allow:checked").count() == 0
    fill(page)
    assert page.locator(".ia-verdict").count() == 0
    assert "是否允许折算" in page.locator(".js-ia-errors").inner_text()
    page.check('.js-ia-allow[value="no"]')
    assert page.locator(".ia-verdict").count() == 1
    page.click(".js-ia-form button[type=reset]")
    page.wait_for_timeout(50)
    assert page.locator(".js-ia-allow:checked").count() == 0 and page.locator(".ia-verdict").count() == 0


def test_printout_has_nothing_for_developers(page, base_url):
    attain(page, base_url)
    fill(page)
    page.check('.js-ia-allow[value="yes"]')
    page.emulate_media(media="print")
    printed = page.locator("body").inner_text()
    assert "结论" in printed
    for word in ("给开发者", "indicatorAttainment", "python -m", "allow_conversion", "post_type"):
        assert word not in printed, word
    assert "给开发者" in page.content()  # still there for maintainers, as an HTML comment


def test_attainment_messages_have_no_internal_keys(page, base_url):
    import re

    attain(page, base_url)
    page.check('.js-ia-allow[value="yes"]')
    page.fill("#ia-satisfaction", "86")
    page.fill("#ia-posts", "0")
    text = page.locator(".js-ia-errors").inner_text()
    assert "岗位数请填 1 到" in text and not re.search(ASCII_KEY, text), text
    page.fill("#ia-posts", "2")
    page.fill("#ia-c-home_visit", "1000000001")  # past the contract's limit: its message, in page words
    text = page.locator(".js-ia-errors").inner_text()
    assert "社区探访/家访不能超过" in text and not re.search(ASCII_KEY, text), text


def test_attainment_link_short_cut_and_old(page, base_url, browser):
    attain(page, base_url)
    fill(page)
    page.check('.js-ia-allow[value="yes"]')
    url = href(page)
    hash_text = url.split("#", 1)[1]
    assert len(hash_text) < 80 and "&a=1" in hash_text and "&n=" not in hash_text, hash_text  # 1 post: left out
    ctx = browser.new_context()
    other = ctx.new_page()
    attain(other, base_url, "#" + hash_text[: hash_text.index("&cn=") + 4])
    text = other.locator(".js-ia-link-problem").inner_text()
    assert "不完整" in text and "专业个案" in text and "“咨询" in text, text
    other.close()
    other = ctx.new_page()
    attain(other, base_url, "#post_type=specialized&posts=1&satisfaction=86&allow_conversion=0&professional_case=28")
    assert not other.locator(".js-ia-link-problem").is_visible()
    assert other.locator('.js-ia-allow[value="no"]').is_checked()
    assert other.input_value("#ia-c-professional_case") == "28"
    ctx.close()
