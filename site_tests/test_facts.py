"""Fact audit: every rule, number, deadline, list and table of the five sources,
listed section by section in site_tests/facts/, is stated on the handbook page the
checklist names (plain file reads of the built site, no browser). Situations a new
hire meets are each answered on one page (site_tests/facts/situations.yaml)."""

from __future__ import annotations

import pytest
import yaml

from site_tests.fact_audit import FACTS, SOURCES, PageTexts, check, list_facts, normalise, source_facts


@pytest.fixture(scope="module")
def pages(site_dir) -> PageTexts:
    return PageTexts(site_dir)


@pytest.mark.parametrize("source", SOURCES)
def test_every_listed_fact_of_a_source_is_on_its_page(pages, source):
    facts = source_facts(source)
    assert len(facts) >= 25, f"{source} 的清单太短，是否漏了章节？"
    misses = check(facts, pages)
    assert not misses, f"{source}：{len(misses)}/{len(facts)} 项没有出现在所列页面：\n" + "\n".join(map(str, misses))


def test_reconciled_lists_are_stated_in_full(pages):
    misses = check(list_facts(), pages)
    assert not misses, "\n".join(map(str, misses))


def test_reconciled_lists_name_each_item_s_sources():
    doc = yaml.safe_load((FACTS / "lists.yaml").read_text(encoding="utf-8"))
    for lst in doc["lists"]:
        for item in lst["items"]:
            assert item["in"], (lst["id"], item)
            assert set(item["in"]) <= set(lst["sources"]), (lst["id"], item)
            assert set(item.get("names", {})) <= set(item["in"]), (lst["id"], item)


def _situations():
    return yaml.safe_load((FACTS / "situations.yaml").read_text(encoding="utf-8"))["situations"]


def test_there_are_thirty_situations_half_held_out():
    items = _situations()
    assert len(items) >= 30
    held = [s for s in items if s.get("held_out")]
    assert len(held) * 2 >= len(items) - 1, "至少一半情境要留作最后检查"


@pytest.mark.parametrize("situation", _situations(), ids=lambda s: s["id"])
def test_each_situation_is_answered_on_one_page(pages, situation):
    text = pages[situation["page"]]
    assert text is not None, situation["page"]
    missing = [a for a in situation["answer"] if normalise(str(a)) not in text]
    assert not missing, f"{situation['ask']} → {situation['page']} 缺：{missing}"
