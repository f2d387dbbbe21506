"""The 入门, 服务总则, 质量, 应急预案, 督导 and 社工站 chapters as a new hire reads them:
every emergency plan is a numbered, printable checklist; the glossary's links lead
somewhere; the supervision facts (ratios, meeting frequencies, pass mark, notice
periods) are on the page; deadlines come from data/rules, not retyped text."""

from __future__ import annotations

import posixpath
from pathlib import Path

import lxml.html
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("start", "general", "quality", "emergency", "supervision", "station")

# Emergency plan page → words a worker types when it happens (at least one must be in the H1).
EMERGENCY_PLANS = {
    "emergency/fire.html": ("火灾", "着火"),
    "emergency/food-poisoning.html": ("食物中毒",),
    "emergency/outing.html": ("外出",),
    "emergency/illness.html": ("急病", "突发疾病"),
    "emergency/mental-health.html": ("精神疾病",),
    "emergency/traffic.html": ("交通事故", "车祸"),
}

GLOSSARY_TERMS = ("个案", "小组", "社区活动", "建档", "咨询（即时辅导）", "探访（家访）", "外展", "督导", "见习督导",
                  "督导助理", "转介", "结案", "预估", "介入", "工作日", "服务档案编码")


def article(site_dir: Path, rel: str):
    """The page's main content (no nav, header or footer)."""
    tree = lxml.html.fromstring((site_dir / rel).read_text(encoding="utf-8"))
    found = tree.xpath('//article[contains(@class, "md-content__inner")]')
    assert found, f"{rel} 没有正文"
    return found[0]


def text_of(node) -> str:
    return " ".join(node.text_content().split())


def rule(rule_id: str) -> dict:
    data = yaml.safe_load((ROOT / "data/rules/deadlines.yaml").read_text(encoding="utf-8"))
    return next(r for r in data["rules"] if r["id"] == rule_id)


@pytest.mark.parametrize("rel,words", EMERGENCY_PLANS.items())
def test_each_emergency_plan_is_a_numbered_checklist_with_who_does_what(site_dir, rel, words):
    main = article(site_dir, rel)
    title = text_of(main.xpath(".//h1")[0])
    assert any(w in title for w in words), title
    steps = main.xpath(".//ol[not(contains(@class, 'flow'))]/li")
    assert len(steps) >= 3, f"{rel} 的处置步骤不足 3 步"
    # Each plan names who acts, with a role from the safety leadership group or staff on the spot.
    roles = ("组长", "组员", "后勤人员", "员工", "工作人员")
    assert sum(any(r in text_of(li) for r in roles) for li in steps) >= 2, rel
    boxes = main.xpath('.//li[contains(@class, "task-list-item")]')
    assert len(boxes) >= 3, f"{rel} 没有可打印的检查单"
    assert "来源" in text_of(main)


def test_emergency_index_lists_leadership_group_and_links_every_plan(site_dir):
    main = article(site_dir, "emergency/index.html")
    text = text_of(main)
    for role, holder in (("组长", "理事长"), ("副组长", "副理事长"), ("组员", "行政人员"), ("后勤人员", "小组长")):
        assert role in text and holder in text
    hrefs = {a.get("href") for a in main.xpath(".//a[@href]")}
    for rel in EMERGENCY_PLANS:
        assert posixpath.basename(rel) in hrefs, f"总览页缺少到 {rel} 的链接"


def test_outing_plan_shows_the_adopted_lead_time_from_data(site_dir):
    r = rule("outing_application")
    text = text_of(article(site_dir, "emergency/outing.html"))
    assert r["adopted"]["text"] in text
    assert f"{r['adopted']['amount']} 天" in text


def test_complaint_page_promises_feedback_within_the_adopted_days(site_dir):
    r = rule("complaint_feedback")
    main = article(site_dir, "quality/complaints.html")
    text = text_of(main)
    assert "投诉" in text_of(main.xpath(".//h1")[0])
    assert r["adopted"]["text"] in text
    assert "行政人事部" in text
    assert len(main.xpath(".//ol/li")) >= 5, "处理步骤应逐条编号"


def test_glossary_has_the_core_terms_and_every_link_resolves(site_dir):
    rel = "start/glossary.html"
    main = article(site_dir, rel)
    headings = {text_of(h).rstrip("¶ ") for h in main.xpath(".//h3")}
    missing = [t for t in GLOSSARY_TERMS if not any(h == t or h.startswith(t + "（") for h in headings)]
    assert not missing, f"术语表缺少：{missing}"
    links = [a.get("href") for a in main.xpath(".//a[@href]") if not a.get("href").startswith(("#", "http"))]
    assert len(links) >= 10
    for href in links:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href.partition("#")[0]))
        assert (site_dir / target).is_file(), f"术语表链接 {href} 指向不存在的页面"


def test_every_term_entry_points_somewhere(site_dir):
    """Each glossary entry either links to a page or cites its source."""
    main = article(site_dir, "start/glossary.html")
    for h in main.xpath(".//h3"):
        body = h.getnext()
        assert body is not None and ("来源" in text_of(body) or body.xpath(".//a")), text_of(h)


def test_first_week_reading_path_and_first_month_checklist(site_dir):
    week = article(site_dir, "start/index.html")
    assert len(week.xpath(".//table//tr")) >= 8, "第一周阅读路线应按天列表"
    month = article(site_dir, "start/first-month.html")
    assert len(month.xpath('.//li[contains(@class, "task-list-item")]')) >= 15
    assert "月报" in text_of(month) and "述职" in text_of(month)


def test_supervision_ratios_and_meeting_frequencies_are_stated(site_dir):
    text = text_of(article(site_dir, "supervision/index.html"))
    for fact in ("1 名督导助理 : 12 名一线社工", "1 名见习督导 : 2 名督导助理", "每月至少 2 次", "每月至少 1 次",
                 "每周不少于 3 天", "口径说明"):
        assert fact in text, fact
    duties = text_of(article(site_dir, "supervision/duties.html"))
    assert "每月向机构做 1 次工作报告" in duties and "每月至少向上级督导汇报 1 次" in duties


def test_supervisor_selection_page_states_formula_pass_mark_and_notice_periods(site_dir):
    main = article(site_dir, "supervision/selection.html")
    text = text_of(main)
    for fact in ("笔试成绩 × 30% + 面试成绩 × 30% + 加分项", "60 分", "240 天", "任意三项", "一周", "两周",
                 "dgzhanneng@qq.com"):
        assert fact in text, fact
    assert text.count("口径说明") >= 3, "资格措辞、社工推荐 30%、150 页边界都要有口径说明"


def test_fees_page_adopts_free_service_over_station_fee_income(site_dir):
    text = text_of(article(site_dir, "general/fees.html"))
    assert "本手册采用" in text and "服务收费" in text and "免费" in text
    assert "借钱" in text and "捐赠" in text


def test_every_page_of_these_chapters_cites_a_source(site_dir):
    pages = [p for s in SECTIONS for p in sorted((site_dir / s).glob("*.html"))]
    assert len(pages) >= 25
    for path in pages:
        main = article(site_dir, path.relative_to(site_dir).as_posix())
        assert main.xpath('.//span[contains(@class, "cite")]'), f"{path.name} 没有注明来源"


def test_emergency_page_prints_without_navigation(page, base_url):
    page.goto(base_url + "emergency/fire.html")
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator("article ol li").first.is_visible()


@pytest.mark.parametrize("query,expected", [("着火", "emergency/fire.html"), ("投诉", "quality/complaints.html"),
                                            ("督导助理", "supervision/"), ("保密", "quality/confidentiality.html")])
def test_search_finds_the_page_a_worker_needs(page, base_url, query, expected):
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    assert any(expected in h for h in hrefs[:5]), hrefs[:5]
