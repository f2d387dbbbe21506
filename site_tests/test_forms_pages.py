"""Every form page as a worker meets it: it renders, it can be filled, a table
row can be added, and swForm.values()/fill() round-trip what was typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build import load_all
from generator.forms.webform import header_field
from generator.project import Project

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = '<img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def forms():
    ctx, _ = load_all(Project(ROOT))
    return list(ctx.models["forms"])


def sample(kind: str, options=(), field_id: str = "") -> str | list:
    """A value a worker could type for a field or column of this type."""
    return {
        "text": "张三",
        "textarea": "第一行\n第二行",
        "date": "2026-03-01",
        "time": "09:30",
        "number": "12.5",
        "integer": "8",
        "phone": "13800138000",
        "archive_code": "GC-CAB-C01-201301-WM",
        "yesno": "是",
    }.get(kind, options[0] if options else "")


def fill_like_a_worker(page, form) -> dict:
    """Type into every control the way a user does; return the expected values()."""
    expected: dict = {}
    code = header_field(form)
    fields = list(form.fields)
    if code is not None and form.field(code.id) is None:
        fields.insert(0, code)
    for f in fields:
        if f.type == "signature":
            continue
        if f.type in ("choice", "yesno"):
            options = ["是", "否"] if f.type == "yesno" else list(f.options)
            if options:
                page.check(f"#f-{f.id}")
            expected[f.id] = options[0] if options else ""
        elif f.type == "multichoice":
            picks = list(f.options)[:2]
            for i, _ in enumerate(picks):
                page.check(f"#f-{f.id}" if i == 0 else f"#f-{f.id}-{i + 1}")
            expected[f.id] = picks
        elif f.type == "table":
            start = page.locator(f'[data-field="{f.id}"] tbody tr.sw-row').count()
            page.click(f'button.js-add-row[data-table="{f.id}"]')
            rows = []
            for r in range(start + 1):
                row = {}
                for c in f.columns:
                    if c.type == "signature":
                        continue
                    value = sample(c.type, c.options)
                    selector = f"#f-{f.id}-{r}-{c.id}"
                    if c.type in ("choice", "yesno"):
                        page.select_option(selector, value)
                    else:
                        page.fill(selector, value)
                    row[c.id] = value
                rows.append(row)
            expected[f.id] = [r for r in rows if any(v != "" for v in r.values())]
        else:
            value = sample(f.type)
            page.fill(f"#f-{f.id}", value)
            expected[f.id] = value
        if f.other_option:
            expected[f"{f.id}_other"] = ""
    return expected


def test_every_form_page_renders_its_fields(page, base_url, forms):
    for form in forms:
        page.goto(f"{base_url}forms/{form.id}/index.html")
        assert page.locator("h1").first.inner_text().strip().rstrip("¶").strip() == form.title
        el = page.locator(f'form.sw-form[data-module="sw-form"][data-form-id="{form.id}"]')
        assert el.count() == 1
        assert el.get_attribute("novalidate") is not None
        assert page.locator(".sw-form > .sw-error-summary[hidden][tabindex='-1']").count() == 1
        for f in form.fields:
            group = page.locator(f'.sw-form [data-field="{f.id}"]')
            assert group.count() == 1, f"{form.id}: {f.id}"
            if f.type == "signature":
                continue
            assert page.locator(f"#f-{f.id}-error.sw-error-message[hidden]").count() == 1, f"{form.id}: {f.id}"
            assert page.locator(f"#f-{f.id}").count() == 1, f"{form.id}: {f.id}"
            if f.type not in ("choice", "multichoice", "yesno", "table"):
                assert page.locator(f'label[for="f-{f.id}"]').count() == 1, f"{form.id}: {f.id}"
                assert page.get_attribute(f"#f-{f.id}", "name") == f.id
        definition = json.loads(page.locator("script.sw-form-definition").text_content())
        assert definition["id"] == form.id


def test_fill_add_row_and_values_round_trip_on_every_form(page, base_url, forms):
    for form in forms:
        url = f"{base_url}forms/{form.id}/index.html"
        page.goto(url)
        expected = fill_like_a_worker(page, form)
        values = page.evaluate("swForm.values(document.querySelector('form.sw-form'))")
        assert values == expected, form.id
        page.goto(url)
        again = page.evaluate(
            "v => { const f = document.querySelector('form.sw-form'); swForm.fill(f, v); return swForm.values(f); }", values
        )
        assert again == values, form.id


def test_rows_are_added_removed_and_renumbered(page, base_url):
    page.goto(f"{base_url}forms/group-plan/index.html")
    page.click('button.js-add-row[data-table="sessions"]')
    page.click('button.js-add-row[data-table="sessions"]')
    page.fill("#f-sessions-0-theme", "一")
    page.fill("#f-sessions-1-theme", "二")
    page.fill("#f-sessions-2-theme", "三")
    page.locator('[data-field="sessions"] tbody tr').nth(1).locator(".js-remove-row").click()
    names = page.locator('[data-field="sessions"] [data-col="theme"]').evaluate_all("els => els.map(e => [e.name, e.id, e.value])")
    assert names == [["sessions.0.theme", "f-sessions-0-theme", "一"], ["sessions.1.theme", "f-sessions-1-theme", "三"]]
    values = page.evaluate("swForm.values(document.querySelector('form.sw-form'))")
    assert [r["theme"] for r in values["sessions"]] == ["一", "三"]


def test_hostile_text_stays_text(page, base_url):
    page.goto(f"{base_url}forms/group-plan/index.html")
    page.fill("#f-group_name", HOSTILE)
    page.evaluate(
        "h => { const f = document.querySelector('form.sw-form'); swForm.fill(f, {need: h, sessions: [{theme: h}]}); swForm.beforePrint(); }",
        HOSTILE,
    )
    assert page.locator(".sw-form img").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.locator('[data-field="need"] .sw-print-value').text_content() == HOSTILE


def test_print_is_a4_serif_12pt_without_site_chrome(page, base_url):
    page.goto(f"{base_url}forms/group-plan/index.html")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden()
    assert page.locator(".sw-toolbar").is_hidden()
    assert page.locator(".sw-form-header .sw-form-title").is_visible()
    style = page.evaluate("getComputedStyle(document.querySelector('.sw-form'))")
    assert style["fontSize"] == "16px"  # 12pt
    assert float(style["lineHeight"].rstrip("px")) == pytest.approx(24, abs=0.5)  # 1.5
    assert "Serif" in style["fontFamily"] or "SimSun" in style["fontFamily"]
    page.evaluate("swForm.beforePrint()")
    pads = page.locator('[data-field="sessions"] tbody tr').count()
    assert pads == 8  # print_rows: room to handwrite
    page.evaluate("swForm.afterPrint()")
    assert page.locator('[data-field="sessions"] tbody tr').count() == 1


def test_index_lists_every_form_with_every_name(page, base_url, forms):
    page.goto(f"{base_url}forms/index.html")
    text = page.locator("article").inner_text()
    for form in forms:
        assert form.title in text
        for alias in form.aliases:
            assert alias in text, alias
        assert page.locator(f'a[href="{form.id}/index.html"]').count() >= 1, form.id


@pytest.mark.parametrize("name,form_id", [("个案接案信息表", "case-opening-record"), ("小组签名表", "group-sign-in"), ("小组计划书", "group-plan")])
def test_search_finds_a_form_by_another_name(page, base_url, site_dir, name, form_id):
    if not (site_dir / "forms" / form_id / "index.html").is_file():
        pytest.skip(f"{form_id} 还没有定义")
    page.goto(base_url + "forms/index.html")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(name)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    assert any(f"forms/{form_id}/index.html" in h for h in hrefs[:5]), hrefs
