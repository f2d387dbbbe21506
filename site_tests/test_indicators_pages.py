"""Generated indicator pages and downloads in the built site: every table
from data/, readable on a phone, downloads that open in Excel (BOM, XLSX)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_PAGES = {
    "children-youth": ("儿童青少年", 27), "elderly": ("老年人", 26), "women": ("妇女", 19), "family": ("家庭", 19),
    "correction": ("社区矫正", 24), "school": ("学校", 22), "rural": ("农村", 20), "enterprise": ("企业", 27),
}
RESOURCES = ("indicator_domains", "domain_indicators", "post_types", "annual_items", "annual_indicators",
             "conversion_groups", "conversion_rules", "indicator_definitions", "standards")


@pytest.mark.parametrize("name", RESOURCES)
def test_every_table_downloads_as_csv_with_bom_and_as_xlsx(site_dir, name):
    raw = (site_dir / "indicators" / "downloads" / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel on Chinese Windows needs the UTF-8 BOM"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    with open(ROOT / "data" / "indicators" / {"indicator_domains": "domains.csv", "indicator_definitions": "definitions.csv"}.get(name, f"{name}.csv"), encoding="utf-8") as f:
        source_rows = list(csv.reader(f))
    assert rows[1:] == source_rows[1:]
    wb = load_workbook(site_dir / "indicators" / "downloads" / f"{name}.xlsx")
    ws = wb.active
    assert ws.max_row == len(source_rows)
    assert [c.value for c in ws[1]] == rows[0]


def test_xlsx_keeps_numbers_as_numbers_and_empty_minimums_empty(site_dir):
    ws = load_workbook(site_dir / "indicators" / "downloads" / "annual_indicators.xlsx").active
    header = [c.value for c in ws[1]]
    col = header.index("每岗年度最低量")
    values = [row[col].value for row in ws.iter_rows(min_row=2)]
    assert 30 in values and None in values and 0 not in values


def assert_source_for_maintainers_only(page, source: str) -> None:
    """The data file is named in an HTML comment for maintainers, never in what readers see (#18)."""
    assert "<!-- 维护：" in page.content() and source in page.content()
    assert source not in page.locator("body").inner_text()


@pytest.mark.parametrize("slug", DOMAIN_PAGES)
def test_domain_page_shows_every_row_and_its_data_file(page, base_url, slug):
    name, count = DOMAIN_PAGES[slug]
    page.goto(f"{base_url}indicators/{slug}.html")
    assert name in page.locator("h1").inner_text()
    rows = page.locator("table.ind-domain tbody tr")
    assert rows.count() == count
    assert_source_for_maintainers_only(page, "data/indicators/domain_indicators.csv")
    first = rows.first.locator("td").all_inner_texts()
    assert first[0] == "1" and len(first) >= 5


def test_overview_compares_all_domains_and_links_each_page(page, base_url):
    page.goto(f"{base_url}indicators/index.html")
    text = page.locator("article").inner_text()
    for slug, (name, count) in DOMAIN_PAGES.items():
        assert page.locator(f'a[href="{slug}.html"]').count() >= 1
    compare = page.locator("table.ind-compare")
    assert compare.locator("thead th").count() == 9
    row = compare.locator("tbody tr", has_text="重新犯罪率").locator("td").all_inner_texts()
    assert row[5] == "%（年度）" and row[1] == "—"
    assert "不少于 4 节" in page.locator("table.ind-matrix").inner_text()
    assert "服务指标总览" in text


def test_annual_page_lists_post_types_conversion_rules_and_the_reading_of_rule_a(page, base_url):
    page.goto(f"{base_url}indicators/annual.html")
    table = page.locator("table.ind-annual")
    assert table.locator("tbody tr").count() == 16
    header = table.locator("thead th").all_inner_texts()
    assert header[2:5] == ["特定群体类深度专业服务", "社区综合类一般专业性服务", "专业统筹协调类服务"]
    row = table.locator("tbody tr", has_text="治疗性小组").first.locator("td").all_inner_texts()
    assert row[2].startswith("≥3") and "根据实际确定" in row[4]
    assert page.locator("table.ind-conversion tbody tr").count() == 9
    assert "1个专业个案" in page.locator("article").inner_text()
    assert "80%" in page.locator(".ind-satisfaction").first.inner_text()
    assert page.locator('a[href$="downloads/annual_indicators.xlsx"]').count() == 1


def test_standards_page_lists_every_row_of_standards_csv(page, base_url):
    page.goto(f"{base_url}indicators/standards.html")
    with open(ROOT / "data" / "indicators" / "standards.csv", encoding="utf-8") as f:
        n = sum(1 for _ in csv.DictReader(f))
    assert page.locator("table.ind-standards tbody tr").count() == n


def test_tables_scroll_inside_their_box_on_a_phone(browser, base_url, watch):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    page = context.new_page()
    watch.attach(context, page)
    page.goto(f"{base_url}indicators/children-youth.html")
    box = page.locator(".ind-scroll").first
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # the table scrolls sideways…
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")  # …the page does not
    context.close()
    assert not watch.console_errors


def test_tables_fit_an_a4_page_when_printed(page, base_url):
    page.goto(f"{base_url}indicators/annual.html")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 718, "height": 1000})  # A4 width minus margins at 96 dpi
    widths = page.locator("table.ind-table").evaluate_all("ts => ts.map(t => t.getBoundingClientRect().right)")
    assert max(widths) <= 720
    assert page.locator(".md-sidebar").first.is_hidden()


@pytest.mark.parametrize("rel, source", [
    ("indicators/index.html", "data/indicators/"),
    ("indicators/annual.html", "data/indicators/"),
    ("indicators/standards.html", "data/indicators/standards.csv"),
    ("calculators/indicator-attainment/index.html", "data/indicators/annual_indicators.csv"),
])
def test_generated_pages_say_which_data_file_they_come_from(page, base_url, rel, source):
    page.goto(base_url + rel)
    assert_source_for_maintainers_only(page, source)
