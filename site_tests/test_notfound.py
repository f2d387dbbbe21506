"""The 404 page: Chinese, the three entry points and a working search, at any
depth on a server and from file://, with no external request."""

from __future__ import annotations

from urllib.parse import urljoin

ENTRIES = ("新员工入门", "一线社工：表格与流程", "督导：评分与指标")


def _serve_404_at(page, site_dir, url: str) -> None:
    body = (site_dir / "404.html").read_text(encoding="utf-8")
    page.route(url, lambda r: r.fulfill(status=404, body=body, content_type="text/html; charset=utf-8"))


def _links_exist(page, site_dir, base: str) -> None:
    hrefs = page.eval_on_selector_all("article a[href]", "as => as.map(a => a.href)")
    assert len(hrefs) >= 8
    for href in hrefs:
        assert href.startswith(base), href
        rel = href[len(base):].split("#")[0]
        assert (site_dir / rel).is_file(), href


def test_404_at_depth_links_entry_points_and_searches(browser, site_dir, base_url):
    # Own context: the 404 status of the page itself is logged as a console error.
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    external, errors = [], []
    page.on("console", lambda m: m.type == "error" and "status of 404" not in m.text and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    context.route("**/*", lambda r: (external.append(r.request.url), r.abort()) if not r.request.url.startswith(("http://127.0.0.1", "data:", "blob:")) else r.continue_())
    missing = urljoin(base_url, "case/old/no-such-page.html")
    _serve_404_at(page, site_dir, missing)
    page.goto(missing)
    assert page.locator("h1").inner_text() == "找不到这个页面"
    for title in ENTRIES:
        assert page.get_by_role("heading", name=title).count() == 1
    _links_exist(page, site_dir, base_url)
    # the stylesheet loaded from the site root, not from /case/old/
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed", "relative")
    page.fill("#notfound-q", "结案")
    page.press("#notfound-q", "Enter")
    page.wait_for_url("**/index.html?q=*")
    assert page.url.startswith(urljoin(base_url, "index.html"))
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    assert not external and not errors, (external, errors)
    context.close()


def test_404_from_file_url(page, site_dir):
    page.goto((site_dir / "404.html").as_uri())
    assert page.locator("h1").inner_text() == "找不到这个页面"
    _links_exist(page, site_dir, site_dir.as_uri() + "/")
    page.mouse.click(5, 5)  # starts Material's bundle: it must find its files from here too
    page.wait_for_timeout(1500)


def test_404_when_the_site_lives_in_a_subfolder(browser, site_dir, base_url):
    """A server that hosts the site under /handbook-site/ shows 404.html for any missing address."""
    import mimetypes

    prefix = urljoin(base_url, "handbook-site/")
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def serve(route):
        rel = route.request.url[len(prefix):].split("?")[0].split("#")[0]
        path = site_dir / rel
        if rel and path.is_file():
            route.fulfill(status=200, body=path.read_bytes(), content_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        else:
            route.fulfill(status=404, body=(site_dir / "404.html").read_bytes(), content_type="text/html; charset=utf-8")

    page.route(prefix + "**", serve)
    page.goto(prefix + "group/2019/old-page.html")
    assert page.locator("h1").inner_text() == "找不到这个页面"
    _links_exist(page, site_dir, prefix)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    assert not errors
    context.close()
