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


def test_every_judgement_in_settings_is_shown_on_a_task_page(pages, site_dir):
    """A situation the sources leave open is answered where the reader meets it, in
    the words of data/settings.yaml (one source of truth, not a typed copy)."""
    settings = yaml.safe_load((FACTS.parent.parent / "data/settings.yaml").read_text(encoding="utf-8"))
    task_pages = ["case/intake.html", "case/closing.html", "group/index.html", "activity/index.html",
                  "archive/index.html", "annual/index.html", "consult/index.html", "supervision/index.html"]
    for key, j in settings["judgements"].items():
        shown = [p for p in task_pages if normalise(j["adopted"]) in (pages[p] or "")]
        assert shown, f"judgements.{key} 没有出现在任何任务页"


def test_a_judgement_without_its_adopted_text_is_a_located_problem(project):
    from dataclasses import replace

    from generator import glance
    from generator.context import Context
    from generator.settings import load

    settings, problems = load(project)
    assert not problems
    broken = replace(settings, judgements={"late_plan": {"title": "计划书来不及", "sources": "来源没写"}})
    model, problems = glance.load(Context(project=project, settings=broken))
    assert [(p.file, p.location) for p in problems] == [("data/settings.yaml", "judgements.late_plan")]
    assert "adopted" in problems[0].message
