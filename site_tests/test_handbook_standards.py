"""服务标准 and 年度服务指标 pages as a reader meets them in the built site.

What a new hire or supervisor relies on: every domain of the city standard
(source 002) and every field of 众爱's 服务手册 (source 001) has its page; the
non-quantitative indicator lists have the length the source gives (10, or 8
for 矫正 and 农村); the thresholds that differ between sources show the
adopted value beside the others; the damaged passages carry a 口径说明; every
rule cites its source.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
# Adopted thresholds as data (owned by the indicators section); the prose must agree.
STANDARDS_CSV = ROOT / "data" / "indicators" / "standards.csv"

# slug -> (title word, number of non-quantitative indicators in 002)
DOMAINS = {
    "children-youth": ("儿童青少年", 10),
    "elderly": ("老年人", 10),
    "women": ("妇女", 10),
    "family": ("家庭", 10),
    "correction": ("矫正", 8),
    "school": ("学校", 10),
    "rural": ("农村", 8),
    "enterprise": ("企业", 10),
}
FIELDS = {
    "field-disability": "残疾人",
    "field-women": "妇女",
    "field-elderly": "老人",
    "field-school": "学校",
    "field-medical": "医务",
}
ANNUAL = ["index", "quality-requirements", "indicators", "assessment", "definitions"]


def read(site_dir: Path, rel: str) -> lxml.html.HtmlElement:
    path = site_dir / rel
    assert path.exists(), f"{rel} 没有生成"
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def article(doc) -> lxml.html.HtmlElement:
    return doc.xpath('//article[contains(@class, "md-content__inner")]')[0]


def by_class(el, *classes: str, tag: str = "*") -> list:
    """Descendants carrying every class in ``classes`` (no cssselect needed)."""
    test = " and ".join(f'contains(concat(" ", @class, " "), " {c} ")' for c in classes)
    return el.xpath(f".//{tag}[{test}]")


def text(el) -> str:
    return re.sub(r"\s+", "", el.text_content()).rstrip("¶")


def list_after_heading(doc, word: str) -> list[str]:
    """Items of the first ordered list after the h2 containing ``word``."""
    for h2 in article(doc).xpath(".//h2"):
        if word in text(h2):
            for sib in h2.itersiblings():
                if sib.tag == "h2":
                    break
                if sib.tag == "ol":
                    return [text(li) for li in sib.findall("li")]
    raise AssertionError(f"没有找到“{word}”小节下的编号列表")


def headings(doc) -> list[str]:
    return [text(h) for h in article(doc).xpath(".//h1 | .//h2 | .//h3")]


@pytest.mark.parametrize("slug", DOMAINS)
def test_domain_page_lists_its_non_quantitative_indicators(site_dir, slug):
    word, count = DOMAINS[slug]
    doc = read(site_dir, f"standards/{slug}.html")
    assert word in text(doc.xpath("//article//h1")[0])
    items = list_after_heading(doc, "非量化指标")
    assert len(items) == count, items
    assert any(f"非量化指标（{count}条）" in h for h in headings(doc))


@pytest.mark.parametrize("slug", DOMAINS)
def test_domain_page_has_every_part_of_the_standard(site_dir, slug):
    found = "".join(headings(read(site_dir, f"standards/{slug}.html")))
    for part in ("服务理念", "服务内容", "服务方法", "成效评估", "非量化指标", "量化指标"):
        assert part in found, f"{slug} 缺少“{part}”小节"
    assert "服务对象" in found or "服务范围" in found


@pytest.mark.parametrize("slug", DOMAINS)
def test_domain_page_cites_its_own_chapter_of_002(site_dir, slug):
    word, _ = DOMAINS[slug]
    cites = [text(c) for c in article(read(site_dir, f"standards/{slug}.html")).xpath(".//*[contains(concat(' ', @class, ' '), ' cite ')]")]
    own = [c for c in cites if f"《社会工作服务质量标准》{word}" in c]
    # one per part of the chapter at least: 理念, 范围, 内容, 方法, 成效, 第二节, 第三节
    assert len(own) >= 7, cites


def test_group_sessions_adopted_rule_shows_correction_exception(site_dir):
    doc = read(site_dir, "standards/correction.html")
    box = text(by_class(article(doc), "admonition", "rule")[0])
    assert "本手册采用" in box and "至少5节" in box and "至少4节" in box


@pytest.mark.parametrize("slug", ["children-youth", "elderly", "enterprise"])
def test_lecture_and_activity_size_show_adopted_value_and_others(site_dir, slug):
    boxes = [text(b) for b in by_class(article(read(site_dir, f"standards/{slug}.html")), "admonition", "rule")]
    lecture = next(b for b in boxes if b.startswith("讲座人数"))
    assert "本手册采用：一般情况下，讲座每场至少30人参加，时长至少40分钟" in lecture
    assert "不少于20人" in lecture and "20人以上" in lecture  # 002 youth and elderly beside it
    activity = next(b for b in boxes if b.startswith("活动规模"))
    assert "大型社区活动100人及以上" in activity and "中小型社区活动至少50人、不足100人" in activity
    assert "超过50人" in activity  # the elderly domain's own line stays visible


def _threshold(rows: dict, measure: str, domain: str = "全部") -> str:
    value = float(rows[(measure, domain)]["value"])
    return f"{value * 100:g}%" if value < 1 else f"{value:g}"


@pytest.mark.skipif(not STANDARDS_CSV.exists(), reason="threshold data not merged yet")
def test_adopted_boxes_agree_with_the_threshold_data(site_dir):
    with STANDARDS_CSV.open(encoding="utf-8-sig", newline="") as f:
        rows = {(r["measure"], r["domain"]): r for r in csv.DictReader(f)}
    boxes = [text(b) for b in by_class(article(read(site_dir, "standards/children-youth.html")), "admonition", "rule")]
    group, activity, lecture = (next(b for b in boxes if b.startswith(w)) for w in ("小组节数", "活动规模", "讲座人数"))
    assert f"讲座每场至少{_threshold(rows, 'lecture_min_people')}人参加" in lecture
    assert f"时长至少{_threshold(rows, 'lecture_min_minutes')}分钟" in lecture
    assert f"儿童青少年、老年人每场{_threshold(rows, 'lecture_min_people', '儿童青少年')}人" in lecture
    assert f"大型社区活动{_threshold(rows, 'large_activity_min_people')}人及以上" in activity
    assert f"中小型社区活动至少{_threshold(rows, 'small_activity_min_people')}人" in activity
    assert f"小组至少{_threshold(rows, 'group_min_members')}人、至少{_threshold(rows, 'group_min_sessions')}节" in group
    assert f"出勤率至少{_threshold(rows, 'group_min_attendance')}" in group
    correction = next(d for (m, d) in rows if m == "group_min_sessions" and "矫正" in d)
    assert f"社区矫正小组至少{_threshold(rows, 'group_min_sessions', correction)}节" in group


def test_youth_page_gives_ages_opening_hours_and_workload_split(site_dir):
    body = text(article(read(site_dir, "standards/children-youth.html")))
    for fact in ("6-18岁", "每周至少2个晚上", "周末至少1天", "75%以上", "25%以下", "1-2项", "不少于5节", "不少于20人"):
        assert fact in body, fact


@pytest.mark.parametrize(
    ("slug", "phrase"),
    [("women", "三方面"), ("correction", "整的小组计划书"), ("rural", "司法机关领导"), ("elderly", "中小型")],
)
def test_damaged_passages_of_002_have_a_reading_note(site_dir, slug, phrase):
    notes = [text(n) for n in by_class(article(read(site_dir, f"standards/{slug}.html")), "admonition", "note")]
    assert any(n.startswith("口径说明") and phrase in n for n in notes), notes


@pytest.mark.parametrize("slug", FIELDS)
def test_each_field_of_the_service_manual_has_case_group_and_community_work(site_dir, slug):
    doc = read(site_dir, f"standards/{slug}.html")
    assert FIELDS[slug] in text(doc.xpath("//article//h1")[0])
    found = headings(doc)
    for part in ("个案", "小组", "社区工作"):
        assert any(h.startswith(part) for h in found), (part, found)
    cites = [text(c) for c in article(doc).xpath(".//*[contains(concat(' ', @class, ' '), ' cite ')]")]
    assert len(cites) == 3 and all("众爱《服务手册》五、" in c for c in cites), cites


def test_overview_links_every_domain_and_field(site_dir):
    doc = read(site_dir, "standards/index.html")
    hrefs = {a.get("href") for a in article(doc).xpath(".//a")}
    for slug in [*DOMAINS, *FIELDS]:
        assert f"{slug}.html" in hrefs, slug


def test_annual_pages_exist_with_nine_non_quantitative_indicators(site_dir):
    for name in ANNUAL:
        read(site_dir, f"annual/{name}.html")
    items = list_after_heading(read(site_dir, "annual/indicators.html"), "非量化指标")
    assert len(items) == 9, items


def test_conversion_rule_a_reading_note_reads_a_session_as_a_case(site_dir):
    doc = read(site_dir, "annual/assessment.html")
    notes = [text(n) for n in by_class(article(doc), "admonition", "note")]
    note = next(n for n in notes if "规则A" in n)
    assert "1节专业个案" in note and "1个专业个案" in note
    assert "规则C、D" in note  # says why: consistent with C and D
    rules = [text(tr) for tr in article(doc).xpath(".//table//tr")]
    for letter in "ABCDEF":
        assert any(r.startswith(letter) for r in rules), letter


def test_definitions_give_the_sizes_a_worker_counts_against(site_dir):
    body = text(article(read(site_dir, "annual/definitions.html")))
    for fact in ("100人及以上", "100人以下", "≥30人", "≥40分钟", "不少于10人", "三次以内"):
        assert fact in body, fact
    assert "口径说明：专业个案不限于妇女儿童" in body


def test_annual_overview_states_satisfaction_and_post_types(site_dir):
    body = text(article(read(site_dir, "annual/index.html")))
    assert "80%" in body
    for post in ("特定群体类深度专业服务", "社区综合类一般专业性服务", "专业统筹协调类服务"):
        assert post in body


def _norm(s: str) -> str:
    return "".join(ch for ch in s if ch.isalnum())


@pytest.mark.skipif(not SEEDS.exists(), reason="source documents not available")
def test_pages_are_written_fresh_not_copied_from_the_sources():
    seeds = "|".join(_norm(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt"))
    n = 24
    grams = {seeds[i : i + n] for i in range(len(seeds) - n + 1)}
    copied = []
    for page in sorted([*ROOT.glob("handbook/standards/*.md"), *ROOT.glob("handbook/annual/*.md")]):
        t = _norm(page.read_text(encoding="utf-8"))
        copied += [f"{page.name}: {t[i:i + n]}" for i in range(len(t) - n + 1) if t[i : i + n] in grams]
    assert not copied, copied[:5]
