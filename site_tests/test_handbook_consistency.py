"""One voice (issue 18): pages agree with each other and with data/, name which
rule applies where two could, link the forms they name, and show readers no
maintainer notes. Values are read from data/ so the tests follow the data."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import yaml

from site_tests.conftest import site_pages

ROOT = Path(__file__).resolve().parent.parent
MAINTAINER = re.compile(r"本页由.{0,40}生成|修改请改|\b(?:data|forms)/[\w./*-]+\.(?:ya?ml|csv|json)|generator/|给开发者")


def _doc(site_dir: Path, rel: str):
    return lxml.html.fromstring((site_dir / rel).read_text(encoding="utf-8"))


def _article(site_dir: Path, rel: str):
    return _doc(site_dir, rel).xpath("//article")[0]


def _text(node) -> str:
    return " ".join(node.text_content().split())


def _hrefs(node) -> list[str]:
    return node.xpath(".//a/@href")


def _reader_text(path: Path) -> str:
    doc = lxml.html.fromstring(path.read_bytes())
    for bad in doc.xpath("//script|//style|//template"):
        bad.getparent().remove(bad)
    return doc.text_content()


def test_reader_pages_show_no_maintainer_notes(site_dir):
    found = []
    for rel in site_pages(site_dir):
        if rel == "forms/format.html" or rel.startswith("maintain/"):  # guides for maintainers
            continue
        found += [(rel, m.group(0)) for m in MAINTAINER.finditer(_reader_text(site_dir / rel))]
    assert not found, found[:10]


def test_generated_from_stays_in_an_html_comment(site_dir):
    html = (site_dir / "rules" / "deadlines.html").read_text(encoding="utf-8")
    assert "<!-- 维护：本页由 data/rules/deadlines.yaml 生成" in html


def test_first_meeting_deadlines_are_one_box_saying_which_applies(site_dir):
    rules = {r["id"]: r for r in yaml.safe_load((ROOT / "data/rules/deadlines.yaml").read_text(encoding="utf-8"))["rules"]}
    article = _article(site_dir, "case/intake.html")
    boxes = [b for b in article.xpath('.//div[contains(@class, "admonition") and contains(@class, "rule")]')
             if "第二次接触" in _text(b) or "约见服务对象" in _text(b)]
    assert len(boxes) == 1
    text = _text(boxes[0])
    for rid in ("case_second_contact", "case_first_meeting"):
        assert rules[rid]["applies"] in text
        assert f'{rules[rid]["adopted"]["amount"]} 个工作日' in text
    assert "其他来源的规定" not in text


def test_consultation_forms_say_which_to_use_on_both_pages(site_dir):
    boxes = []
    for rel in ("case/intake.html", "consult/index.html"):
        box = [b for b in _article(site_dir, rel).xpath('.//div[contains(@class, "admonition")]') if "咨询记录表还是个案咨询记录表" in _text(b)]
        assert len(box) == 1, rel
        hrefs = _hrefs(box[0])
        assert any("forms/consult-record/" in h for h in hrefs) and any("forms/case-consultation-record/" in h for h in hrefs)
        boxes.append(_text(box[0]))
    assert boxes[0] == boxes[1]


def test_standards_overview_lecture_size_is_the_adopted_value(site_dir):
    adopted = next(r for r in (ROOT / "data/indicators/standards.csv").read_text(encoding="utf-8").splitlines()
                   if r.startswith("lecture_min_people,全部,")).split(",")[2]
    table = next(t for t in _article(site_dir, "standards/index.html").xpath(".//table") if _text(t.xpath(".//th")[0]) == "领域")
    row = next(tr for tr in table.xpath(".//tr[td]") if "儿童青少年" in _text(tr.xpath("./td")[0]))
    assert f"讲座 ≥{adopted} 人" in _text(row)


def test_emergency_overview_first_step_matches_the_fire_plan(site_dir):
    table = _article(site_dir, "emergency/index.html").xpath(".//table")[0]
    fire = next(tr for tr in table.xpath(".//tr[td]") if "火灾" in _text(tr))
    first_step = _text(_article(site_dir, "emergency/fire.html").xpath(".//ol/li")[0])
    assert "呼喊" in _text(fire.xpath("./td")[2]) and "呼喊" in first_step
    assert "119" not in _text(fire.xpath("./td")[2])


def test_outing_pages_link_the_outing_application_form(site_dir):
    for rel in ("emergency/outing.html", "activity/safety.html", "emergency/index.html"):
        assert any("forms/outing-application/" in h for h in _hrefs(_article(site_dir, rel))), rel


def test_referral_links_go_to_the_referral_page(site_dir):
    for rel in ("start/glossary.html", "general/index.html"):
        links = [a for a in _article(site_dir, rel).xpath(".//a") if "转介" in _text(a)]
        assert links and all(a.get("href").endswith("case/referral.html") for a in links), rel


def test_archive_code_page_names_the_button_it_has(site_dir):
    article = _article(site_dir, "tools/archive-code/index.html")
    buttons = [_text(b) for b in article.xpath(".//button")]
    assert "校验" in buttons
    assert "按“校验”" in _text(article) and "按“检查”" not in _text(article)


def test_supervision_menu_opens_the_supervision_overview(site_dir):
    for rel, prefix in (("supervision/duties.html", ""), ("annual/index.html", "../"), ("calculators/supervisor-selection/index.html", "../../")):
        doc = _doc(site_dir, rel)
        tab = [a.get("href") for a in doc.xpath('//a[contains(@class, "md-tabs__link")]') if _text(a) == "督导"]
        assert tab == [prefix + "supervision/index.html" if prefix else "index.html"], rel


def test_group_bag_puts_the_cover_first_like_its_form_page(site_dir):
    table = _article(site_dir, "group/archive.html").xpath(".//table")[0]
    first = table.xpath(".//tr[td]")[0]
    assert any("forms/group-file-cover/" in h for h in _hrefs(first))
    assert "最前面" in _text(_article(site_dir, "forms/group-file-cover/index.html"))


def test_closed_case_file_is_one_reconciled_checklist(site_dir):
    article = _article(site_dir, "case/closed-file.html")
    table = article.xpath(".//table")[0]
    head = [_text(th) for th in table.xpath(".//th")]
    assert "绿叶要求" in head and "众爱要求" in head
    hrefs = " ".join(_hrefs(table))
    for form in ("case-closing-evaluation", "case-service-log", "case-feedback", "case-file-cover", "case-referral-out"):
        assert f"forms/{form}/" in hrefs, form
    assert "只有绿叶要求" in _text(table) and "只有众爱要求" in _text(table)


def test_supplies_approver_is_named_from_settings(site_dir):
    approver = yaml.safe_load((ROOT / "data/settings.yaml").read_text(encoding="utf-8"))["approvers"]["supplies_request"]
    text = _text(_article(site_dir, "station/finance.html"))
    assert approver in text and "没有写由谁审批" in text


def test_closing_conditions_say_which_wins(site_dir):
    text = _text(_article(site_dir, "case/termination.html"))
    assert "几条同时符合时" in text and "搬走" in text and "联系不上" in text


def test_consent_signer_worded_once(site_dir):
    boxes = []
    for rel in ("case/intake.html", "general/principles.html"):
        box = [b for b in _article(site_dir, rel).xpath('.//div[contains(@class, "admonition")]') if "谁在同意书上签字" in _text(b)]
        assert len(box) == 1, rel
        boxes.append(_text(box[0]))
    assert boxes[0] == boxes[1] and "监护人代签" in boxes[0]
    for rel in ("case/intake.html", "general/principles.html", "start/glossary.html"):
        assert "或家属）签" not in _text(_article(site_dir, rel)) and "或其家属）签" not in _text(_article(site_dir, rel))


def test_journal_size_reading_has_no_tie(site_dir):
    text = _text(_article(site_dir, "supervision/selection.html"))
    assert "有一项不足" in text and "120 页、每期 40 篇的期刊算小刊" in text


def test_roll_call_sheet_has_one_adopted_way(site_dir):
    text = _text(_article(site_dir, "group/sessions.html"))
    assert "点名表怎么做" in text and "名单按实际报名" in text


def test_one_name_per_source_in_citations(site_dir):
    for rel in site_pages(site_dir):
        text = _reader_text(site_dir / rel)
        assert "众爱《投诉处理制度》" not in text, rel
        assert "标准》社区矫正" not in text, rel
