"""Browser test harness: build the site once, serve it on 127.0.0.1, drive the
system Chromium. Every page test fails on a request to another host and on any
console error."""

from __future__ import annotations

import contextlib
import functools
import http.server
import socketserver
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

from generator.browser import launch
from generator.build import build
from generator.project import Project

ROOT = Path(__file__).resolve().parent.parent
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}

# Forms, calculators and tools start their scripts after the first paint
# (generator/page_scripts.py), so "load" can come before they are ready. A
# reader waits for the page; every test does too, after each navigation.
SCRIPTS_READY = "() => document.documentElement.getAttribute('data-sw-scripts') !== 'loading'"


def _then_ready(navigate):
    @functools.wraps(navigate)
    def navigate_and_wait(self, *args, **kwargs):
        response = navigate(self, *args, **kwargs)
        if kwargs.get("wait_until") != "commit":
            # A PDF or a download has no page to wait for.
            with contextlib.suppress(PlaywrightError):
                self.wait_for_function(SCRIPTS_READY, timeout=15_000)
        return response

    return navigate_and_wait


for _name in ("goto", "reload", "go_back", "go_forward"):
    setattr(Page, _name, _then_ready(getattr(Page, _name)))


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, project) -> Path:
    """The whole site, built once per test session into a temp folder."""
    return build(project, tmp_path_factory.mktemp("built") / "site")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def is_external(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about", "file", "chrome-extension", "javascript"):
        return False
    return parsed.hostname not in LOCAL_HOSTS


class PageWatch:
    """What a page did that a test must never allow."""

    def __init__(self):
        self.external: list[str] = []
        self.console_errors: list[str] = []
        self.requests: list[str] = []

    def attach(self, context, page) -> None:
        def route(r):
            self.requests.append(r.request.url)
            if is_external(r.request.url):
                self.external.append(r.request.url)
                r.abort()
            else:
                r.continue_()

        context.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))


@pytest.fixture
def watch() -> PageWatch:
    return PageWatch()


@contextlib.contextmanager
def watched_page(browser, watch: PageWatch, **context_options):
    """A page in a fresh context; on leaving, fails on external requests or console errors."""
    context = browser.new_context(**context_options)
    pg = context.new_page()
    watch.attach(context, pg)
    yield pg
    context.close()
    assert not watch.external, f"页面请求了外部主机：{watch.external}"
    assert not watch.console_errors, f"浏览器控制台报错：{watch.console_errors}"


@pytest.fixture
def page(browser, watch):
    """A fresh desktop page; fails the test on external requests or console errors."""
    with watched_page(browser, watch, locale="zh-CN", viewport={"width": 1280, "height": 900}) as pg:
        yield pg


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the built site, as paths relative to its root."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
