"""The procedure chapters (case, group, activity, consultation, archive) as a new
hire reads them: every adopted deadline with the competing rules and their
sources, the full list of closing conditions, the archive order table, and a
flow diagram on each chapter's first page. Values are read from data/, so the
tests follow the data instead of repeating numbers."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
import yaml

from generator.build import load_all
from generator.problems import errors
from site_tests.scratch import scratch_project

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "rules"
CHAPTERS = ("case", "group", "activity", "consult", "archive")
# Topics whose rule boxes live in these chapters; other topics belong to other chapters.
OWN_TOPICS = {"个案", "小组", "社区活动", "档案"}


def _yaml(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _doc(site_dir: Path, rel: str):
    return lxml.html.fromstring((site_dir / rel).read_text(encoding="utf-8"))


def _text(node) -> str:
    return " ".join(node.text_content().split())


def _rule_boxes(doc) -> dict[str, str]:
    """Rule admonitions on a page: title -> whole text."""
    boxes = {}
    for box in doc.xpath('//div[contains(@class, "admonition") and contains(@class, "rule")]'):
        title = box.xpath('./p[contains(@class, "admonition-title")]')
        boxes[_text(title[0]) if title else ""] = _text(box)
    return boxes


def _chapter_pages(site_dir: Path) -> list[Path]:
    return [p for c in CHAPTERS for p in sorted((site_dir / c).glob("*.html"))]


def _rules() -> dict[str, dict]:
    return {r["id"]: r for r in _yaml("deadlines.yaml")["rules"]}


def _box_title(rule: dict) -> str:
    """Rules answering one shared question are shown in one box titled by the question."""
    if rule.get("question"):
        return _yaml("deadlines.yaml")["questions"][rule["question"]]["title"]
    return rule["title"]


def test_group_plan_page_shows_adopted_lead_time_and_competing_rules(site_dir):
    rule = _rules()["group_plan_submit"]
    boxes = _rule_boxes(_doc(site_dir, "group/plan.html"))
    box = boxes[rule["title"]]
    assert rule["adopted"]["text"] in box
    assert "本手册采用" in box
    # 绿叶's 3 days and 众爱's 5 working days, each with its article
    assert "3 天" in box and "绿叶《承诺服务制度》第四章第二条" in box
    assert "5 个工作日" in box and "众爱《服务程序》二、（二）2" in box
    assert "社联《服务标准与流程指引》第三十五条" in box


def test_every_own_rule_has_a_box_in_a_chapter(site_dir):
    shown: dict[str, str] = {}
    for page in _chapter_pages(site_dir):
        shown.update(_rule_boxes(lxml.html.fromstring(page.read_text(encoding="utf-8"))))
    missing = [r["id"] for r in _rules().values() if r["topic"] in OWN_TOPICS and _box_title(r) not in shown]
    assert not missing, f"这些时限没有出现在任何章节页：{missing}"


def test_every_competing_rule_is_shown_beside_the_adopted_one(site_dir):
    shown: dict[str, str] = {}
    for page in _chapter_pages(site_dir):
        shown.update(_rule_boxes(lxml.html.fromstring(page.read_text(encoding="utf-8"))))
    for rule in _rules().values():
        if rule["topic"] not in OWN_TOPICS:
            continue
        box = shown[_box_title(rule)]
        if rule.get("question"):
            assert rule["applies"] in box and rule["adopted"]["text"] in box, rule["id"]
        for other in rule.get("others", []):
            assert other["text"] in box, (rule["id"], other["text"])
        if rule.get("others"):
            assert "为什么采用这一条" in box, rule["id"]


def test_case_termination_page_lists_every_condition_from_data(site_dir):
    conditions = _yaml("termination_conditions.yaml")["conditions"]
    doc = _doc(site_dir, "case/termination.html")
    rows = doc.xpath("//article//table")[0].xpath(".//tr[td]")
    labels = [_text(r.xpath("./td")[1]) for r in rows]
    assert labels == [c["label"] for c in conditions]
    page = _text(doc)
    for needle in ("众爱《基本服务制度》第六条", "众爱《基本服务制度》第十五条", "社联《服务标准与流程指引》第三十二条（三）"):
        assert needle in page
    # the three months without contact and the 3-working-day closing report both reach the reader
    assert "三个月" in page


def test_closing_page_has_closing_report_deadline_and_one_month_alternative(site_dir):
    rule = _rules()["case_closing_report"]
    box = _rule_boxes(_doc(site_dir, "case/closing.html"))[rule["title"]]
    assert "3 个工作日" in box and "一个月" in box
    assert "众爱《服务跟踪制度》一、3（1）" in box


def test_archive_order_table_has_four_kinds_in_source_order(site_dir):
    data = _yaml("archive_contents.yaml")
    doc = _doc(site_dir, "archive/contents.html")
    table = doc.xpath("//table")[0]
    head = [_text(th) for th in table.xpath(".//th")]
    assert head == ["顺序"] + [t["label"] for t in data["types"]]
    rows = [[_text(td) for td in tr.xpath("./td")] for tr in table.xpath(".//tr[td]")]
    numbered = [r for r in rows if r[0].isdigit()]
    assert [r[0] for r in numbered] == [str(n) for n in range(1, 10)]
    for col, kind in enumerate(data["types"], start=1):
        names = [r[col] for r in numbered if r[col] != "—"]
        assert [n.split("（")[0] for n in names] == [i["name"] for i in kind["items"]], kind["id"]


def test_each_chapter_starts_with_a_flow_diagram_without_mermaid(site_dir):
    for chapter in CHAPTERS:
        html = (site_dir / chapter / "index.html").read_text(encoding="utf-8")
        doc = lxml.html.fromstring(html)
        steps = doc.xpath('//ol[contains(@class, "flow")]/li')
        assert len(steps) >= 5, chapter
        assert all(s.xpath("./strong") for s in steps), chapter
        assert "mermaid" not in html.lower()
        # Markdown inside the flow is rendered, never left as raw brackets
        assert "](" not in _text(doc.xpath('//ol[contains(@class, "flow")]')[0])


def test_archive_code_page_reads_the_examples_and_explains_the_fused_segment(site_dir):
    page = _text(_doc(site_dir, "archive/coding.html"))
    for code in ("GC-CAB-C01-201301-WM", "FG-CMW-G06-201304-WM", "CS-REC-P01-201302-WM", "LB-REH-I02-201302-WM"):
        assert code in page
    assert "口径说明" in page and "C01" in page and "HJ" in page


def test_document_format_page_title_says_the_format(site_dir):
    doc = _doc(site_dir, "archive/format.html")
    title = _text(doc.xpath("//h1")[0])
    assert all(word in title for word in ("文书格式", "宋体", "小四", "1.5"))
    assert "姓名 + 月份 + 文件性质" in _text(doc)


def test_damaged_passages_get_a_reading_note(site_dir):
    notes = {
        "case/closing.html": "工作关系",
        "group/sessions.html": "小节记录表",
        "group/report.html": "预决算表",
        "consult/visits.html": "编号",
        "archive/storage.html": "截断",
    }
    for rel, needle in notes.items():
        admonitions = [_text(a) for a in _doc(site_dir, rel).xpath('//div[contains(@class, "admonition")]')]
        assert any("口径说明" in a and needle in a for a in admonitions), rel


@pytest.mark.parametrize(
    "edit, code, where",
    [
        (("action: 转介\n", "action: 移交\n"), "bad-value", "action"),
        (("id: danger\n", "id: goal_reached\n"), "duplicate-id", ".id"),
        (('cite: ["004 第二十四条"]', 'cite: ["第二十四条"]'), "bad-value", "cite"),
    ],
)
def test_broken_termination_data_is_reported_with_its_place(tmp_path, edit, code, where):
    project = scratch_project(tmp_path)
    path = project.data / "rules" / "termination_conditions.yaml"
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    _ctx, problems = load_all(project)
    found = [p for p in errors(problems) if p.file == "data/rules/termination_conditions.yaml"]
    assert found and found[0].code == code and where in found[0].location, problems
    assert found[0].hint


def test_procedure_pages_take_deadline_numbers_from_data():
    """A deadline typed by hand would drift from data/rules/deadlines.yaml."""
    import re

    typed = []
    for chapter in CHAPTERS:
        for path in sorted((ROOT / "handbook" / chapter).glob("*.md")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                outside_macros = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", line)
                if re.search(r"[0-9]+ ?(个工作日|天|日前|个月)", outside_macros):
                    typed.append(f"{path.relative_to(ROOT)}:{n}")
    assert not typed, f"这些行手写了期限数字，请改用 rule()/rule_text()/deadline()：{typed}"


def test_deadline_phrase_reads_like_the_rule():
    from generator.build import load_all
    from generator.project import Project

    ctx, _problems = load_all(Project(ROOT))
    rules = ctx.models["rules"].rules
    by_unit = {
        "case_closing_report": "{n} 个工作日内",
        "group_plan_submit": "提前 {n} 天",
        "monthly_documents": "次月{n}日前",
        "case_assessment_report": "{n} 个月内",
    }
    for rule_id, pattern in by_unit.items():
        assert rules[rule_id].period() == pattern.format(n=rules[rule_id].amount)
    assert rules["consult_record_same_day"].period() == "当天"



@pytest.mark.parametrize(
    "query, target",
    [
        ("结案条件", "case/termination.html"),
        ("转介", "case/referral.html"),
        ("点名表", "group/sessions.html"),
        ("档案编码", "archive/coding.html"),
        ("宋体", "archive/format.html"),
        ("家访", "consult/visits.html"),
    ],
)
def test_search_finds_procedure_page(page, base_url, query, target):
    from site_tests.test_site import search

    page.goto(base_url)
    hrefs = search(page, query)
    assert any(target in h for h in hrefs[:5]), hrefs[:5]


def test_termination_data_covers_every_listed_article():
    """Each article of the sources' closing lists is behind at least one condition."""
    cited = {c for item in _yaml("termination_conditions.yaml")["conditions"] for c in item["cite"]}
    numerals = "六七八九十"
    articles = [f"001《基本服务制度》第{n}条" for n in numerals] + [
        f"001《基本服务制度》第十{n}条" for n in "一二三四五"
    ]
    articles += ["004 第二十四条", "004 第三十二条（一）", "004 第三十二条（二）", "004 第三十二条（三）"]
    missing = [a for a in articles if a not in cited]
    assert not missing, missing
