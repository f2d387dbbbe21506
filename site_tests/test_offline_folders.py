"""The zipped site searched offline (file://) from the folders people really
unzip it into: paths with ``worker``/``workers``, spaces, Chinese characters and
many levels, from pages at every depth. Material's search worker found its
lunr scripts by cutting its URL at the first ``/worker``, so a copy under
``D:\\worker\\`` never started searching (generator/theme.py patch)."""

from __future__ import annotations

import shutil
import zipfile

import pytest

FOLDERS = (
    "worker/手册 副本/workers/site",
    "workers",
    "D 盘/社工 资料/2026 年/备份/第 3 版/手册/offline/copy/site",
    "my-worker-files/web worker/site",
)
# (page, query, a result the query must reach): a top page, a nested page, a form page.
SEARCHES = (
    ("index.html", "时限", "rules/deadlines.html"),
    ("case/closing.html", "结案", "case/"),
    ("forms/index.html", "督导", "supervision/"),
)


@pytest.fixture(scope="module")
def archive(site_dir, tmp_path_factory):
    return shutil.make_archive(str(tmp_path_factory.mktemp("zip") / "site"), "zip", site_dir)


@pytest.mark.parametrize("folder", FOLDERS)
def test_offline_search_works_from_awkward_folder(browser, archive, tmp_path, folder, watch):
    target = tmp_path / folder
    with zipfile.ZipFile(archive) as z:
        z.extractall(target)
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    watch.attach(context, page)
    try:
        for rel, query, expected in SEARCHES:
            page.goto((target / rel).as_uri())
            box = page.locator("input.md-search__input")
            box.click()
            box.fill(query)
            page.wait_for_selector(".md-search-result__item", timeout=15_000)
            hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
            assert hrefs and all(h.startswith(target.as_uri()) for h in hrefs), (folder, rel, hrefs[:3])
            assert any(expected in h for h in hrefs), (folder, rel, query, hrefs[:5])
    finally:
        context.close()
    assert not watch.external, watch.external
    assert not watch.console_errors, watch.console_errors
