"""The built site as a reader meets it: Chinese home page, working search,
no request to any other host, and the same from a zip opened via file://."""

from __future__ import annotations

import shutil
import zipfile

from site_tests.conftest import is_external, site_pages


def test_home_page_is_chinese_with_three_entry_points(page, base_url):
    page.goto(base_url)
    assert page.get_attribute("html", "lang") == "zh"
    assert "社工服务标准手册" in page.title()
    cards = page.locator(".entry-card h2")
    assert [t.rstrip("¶ ") for t in cards.all_inner_texts()] == ["新员工入门", "一线社工：表格与流程", "督导：评分与指标"]


def search(page, query: str) -> list[str]:
    """Type like a user pasting or committing an IME: no keyup event."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")


def test_two_character_query_finds_page_after_paste(page, base_url):
    page.goto(base_url)
    hrefs = search(page, "时限")
    assert any("rules/deadlines.html" in h for h in hrefs[:5]), hrefs


def test_dictionary_word_at_end_of_query_is_recognised(page, base_url):
    page.goto(base_url)
    # 计划书 closes the query: it must still be read as one word, so the group-plan
    # procedure page (not pages that merely contain 计划 or 书) comes first.
    hrefs = search(page, "提交小组计划书")
    assert "group/plan.html" in hrefs[0], hrefs


def test_no_page_requests_another_host(browser, site_dir, base_url, watch):
    context = browser.new_context()
    page = context.new_page()
    watch.attach(context, page)
    pages = site_pages(site_dir)
    assert len(pages) >= 5
    for rel in pages:
        page.goto(base_url + rel)
        page.wait_for_load_state("networkidle")
    context.close()
    assert not watch.external, watch.external
    assert not watch.console_errors, watch.console_errors


def test_no_page_requests_another_host_without_javascript(browser, site_dir, base_url):
    context = browser.new_context(java_script_enabled=False)
    external = []
    context.route("**/*", lambda r: (external.append(r.request.url), r.abort()) if is_external(r.request.url) else r.continue_())
    page = context.new_page()
    for rel in site_pages(site_dir):
        page.goto(base_url + rel)
    context.close()
    assert not external, external


def test_zipped_site_works_from_file_url(browser, site_dir, tmp_path, watch):
    archive = shutil.make_archive(str(tmp_path / "site"), "zip", site_dir)
    unpacked = tmp_path / "unzipped"
    with zipfile.ZipFile(archive) as z:
        z.extractall(unpacked)
    context = browser.new_context()
    page = context.new_page()
    watch.attach(context, page)
    page.goto((unpacked / "index.html").as_uri())
    page.get_by_role("link", name="关键时限一览").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.endswith("rules/deadlines.html")
    assert "关键时限一览" in page.locator("h1").inner_text()
    hrefs = search(page, "时限")
    assert any(h.startswith("file://") and "rules/deadlines.html" in h for h in hrefs[:5]), hrefs
    context.close()
    assert not watch.external, watch.external


def test_search_index_loads_only_when_search_is_used(page, base_url, watch):
    page.goto(base_url + "start/sources.html")
    page.wait_for_load_state("networkidle")
    assert not [u for u in watch.requests if "search_index" in u]
    hrefs = search(page, "引用")
    assert [u for u in watch.requests if "search_index.json" in u]
    assert any("start/sources.html" in h for h in hrefs[:5]), hrefs


def test_search_index_is_plain_utf8(site_dir):
    text = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u" not in text.replace("\\u200b", "").replace("\\u3000", "")
    assert "时限" in text and "手册" in text


def test_whole_handbook_pdf_has_contents_and_every_chapter(site_dir):
    from pypdf import PdfReader

    reader = PdfReader(site_dir / "downloads" / "handbook.pdf")
    assert len(reader.pages) > 50
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 595) < 3 and abs(height - 842) < 3  # A4 portrait
    front = "".join(reader.pages[i].extract_text() for i in range(4))
    assert "目录" in front
    for chapter in ("个案工作流程", "关键时限一览", "突发事件"):
        assert chapter in front, chapter
