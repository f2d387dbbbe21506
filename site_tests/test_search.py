"""Search in the reader's own words, in the real search box: everyday words,
question words, form pages below procedures, honest "缺少" marks, and a
title's own words. Plus the build-time checks of data/search/synonyms.yaml.
Quality over many queries is measured by bench/search_quality.py, not here."""

from __future__ import annotations

import pytest

from generator.search_terms import validate
from generator.yamlsrc import parse_yaml


def results(page, query: str) -> list[dict]:
    """Type like a paste or an IME commit; return each result page's path,
    its "缺少" terms and its highlighted words, best first."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    page.wait_for_function(
        "q => document.querySelector('.md-search__input').value === q"
        " && document.querySelector('.md-search-result__item')",
        arg=query,
        timeout=10_000,
    )
    page.wait_for_timeout(200)
    return page.locator(".md-search-result__item").evaluate_all(
        """items => items.map(li => ({
            path: new URL(li.querySelector('a').href).pathname.replace(/^\\//, ''),
            missing: [...li.querySelectorAll('.md-search-result__terms del')].map(d => d.textContent),
            marked: [...li.querySelectorAll('mark')].map(m => m.textContent),
        }))"""
    )


def paths(found: list[dict], k: int = 5) -> list[str]:
    return [f["path"] for f in found[:k]]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("交钱", "general/fees.html"),  # everyday word → 收费/免费
        ("辞职", "station/index.html"),  # → 离职
        ("着火怎么办", "emergency/fire.html"),  # everyday word + question words
        ("结案报告几天内交给督导", "case/closing.html"),  # a question, not a phrase
        ("120学时", "annual/quality-requirements.html"),  # a title's own words
    ],
)
def test_reader_words_find_the_page(page, base_url, query, expected):
    page.goto(base_url)
    found = paths(results(page, query))
    assert expected in found, found


def test_question_about_a_rule_ranks_the_procedure_above_form_pages(page, base_url):
    page.goto(base_url)
    found = paths(results(page, "小组计划书提前几天交"))
    assert found[0] == "group/plan.html", found
    # A query naming a form may still lead with the form.
    assert "forms/case-consent/index.html" in paths(results(page, "知情同意书"), 3)


def test_missing_marks_use_the_index_segmentation(page, base_url):
    page.goto(base_url)
    found = results(page, "领用物资")
    assert found[0]["path"] == "station/finance.html"
    assert "领用" in found[0]["marked"]
    flagged = [item["path"] for item in found[:10] if "领用" in item["missing"]]
    for path in flagged:  # "缺少: 领用" only where the page really lacks it
        html = page.request.get(base_url + path).text()
        assert "领用" not in html.split("</header>", 1)[-1], path


def test_forms_alias_table_is_not_a_result(page, base_url):
    page.goto(base_url)
    hrefs = page.locator(".md-search-result__item a")
    results(page, "领用申请表")
    assert not [h for h in hrefs.evaluate_all("els => els.map(e => e.href)") if "#all-names" in h]


def _check(synonyms: str, query: str = "question_words: [吗]\n", corpus: str = "收费 免费 火灾"):
    syn_doc, _ = parse_yaml(synonyms, "data/search/synonyms.yaml")
    query_doc, _ = parse_yaml(query, "data/search/query.yaml")
    return validate(syn_doc, query_doc, synonyms, corpus)


def test_synonym_table_problems_name_file_line_and_fix():
    model, problems = _check("synonyms:\n  交钱: [收费, 免费]\n  着火: [火警]\n  交钱: [收费]\n  吗: [收费]\n  火灾: [火灾]\n")
    assert model is None
    by_code = {(p.code, p.line) for p in problems}
    assert ("search-unknown-term", 3) in by_code  # 火警 is not a handbook word
    assert ("search-duplicate", 4) in by_code
    assert ("search-word-conflict", 5) in by_code
    assert ("search-self", 6) in by_code
    assert all(p.file == "data/search/synonyms.yaml" and p.hint for p in problems)


def test_valid_synonym_table_goes_to_the_browser():
    model, problems = _check("synonyms:\n  交钱: [收费, 免费]\n  火警: [火灾]\n")
    assert not problems
    assert model.to_browser()["synonyms"] == {"交钱": ["收费", "免费"], "火警": ["火灾"]}


def test_index_drops_alias_table_and_separators_and_keeps_aliases_on_form_pages():
    from generator.search_index import finish

    data = {
        "config": {},
        "docs": [
            {"location": "forms/index.html#all-names", "title": "全部\u200b名称", "text": "<p>签到\u200b表</p>"},
            {"location": "forms/group-sign-in/index.html", "title": "小组\u200b签到表", "text": "<p>也叫\u200b：\u200b小组签名表</p>"},
        ],
    }
    out = finish(data, None, {"forms/group-sign-in/index.html": ["小组签名表"]})
    assert [d["location"] for d in out["docs"]] == ["forms/group-sign-in/index.html"]
    assert out["docs"][0]["title"] == "小组签到表" and out["docs"][0]["aliases"] == ["小组签名表"]
    assert {"小组", "签到表", "小组签名表"} <= set(out["config"]["sw"]["words"])
