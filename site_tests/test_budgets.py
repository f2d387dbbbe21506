"""Budgets a reader notices: no serious accessibility problem on any page type,
a light first visit, and nothing fetched from another host."""

from __future__ import annotations

import pytest

from site_tests.audit import measure

# One page per page type; types whose page is not in the site yet are skipped.
PAGE_TYPES = {
    "home": "index.html",
    "handbook": "start/sources.html",
    "checklist": "emergency/fire.html",
    "code sample": "forms/format.html",
    "generated": "rules/deadlines.html",
    "procedure": "group/index.html",
    "forms index": "forms/index.html",
    "form": "forms/group-plan/index.html",
    "score calculator": "calculators/supervisor-selection/index.html",
    "attainment calculator": "calculators/indicator-attainment/index.html",
    "indicators": "indicators/index.html",
    "archive code tool": "tools/archive-code/index.html",
    "deadline tool": "tools/deadlines/index.html",
}
MAX_GZIP_KB = 150
# Form, tool and calculator pages also carry their scripts and every form's rules.
MAX_GZIP_KB_TOOLS = 200
TOOL_TYPES = {"form", "score calculator", "attainment calculator", "archive code tool", "deadline tool"}


def _pages(site_dir):
    return {k: v for k, v in PAGE_TYPES.items() if (site_dir / v).is_file()}


@pytest.fixture(scope="module")
def audits(browser, base_url, site_dir):
    results = {}
    for kind, rel in _pages(site_dir).items():
        context = browser.new_context()
        results[kind] = measure(context, base_url + rel)
        context.close()
    return results


def test_no_serious_accessibility_violations(audits):
    bad = {kind: a.serious() for kind, a in audits.items() if a.serious()}
    assert not bad, bad


def test_no_serious_accessibility_violations_with_search_open(browser, base_url):
    def open_search(page):
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").fill("时限")
        page.wait_for_selector(".md-search-result__item")

    context = browser.new_context()
    audit = measure(context, base_url + "index.html", before_axe=open_search)
    context.close()
    assert not audit.serious(), audit.violations


def test_first_visit_weight_within_budget(audits):
    def limit(kind):
        return (MAX_GZIP_KB_TOOLS if kind in TOOL_TYPES else MAX_GZIP_KB) * 1024

    heavy = {kind: round(a.gzip_bytes / 1024, 1) for kind, a in audits.items() if a.gzip_bytes > limit(kind)}
    assert not heavy, f"超过预算（gzip KB）：{heavy}"


def test_no_external_requests_on_any_page_type(audits):
    external = {kind: a.external for kind, a in audits.items() if a.external}
    assert not external, external
