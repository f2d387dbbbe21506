"""Drive the real search box in Chromium and print recall@5 and MRR.

Usage: python bench/search_quality.py [--site DIR] [--queries FILE] [-v]
Builds the site first unless --site points to an existing build.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import socketserver
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.browser import launch  # noqa: E402


def load_queries(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def top_results(page, query: str, k: int = 5) -> list[str]:
    """Type ``query`` as a paste would (no keyup) and return the top-k page paths."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.fill(query)
    try:
        page.wait_for_function(
            "q => { const m = document.querySelector('.md-search-result__meta');"
            " return m && document.querySelector('.md-search__input').value === q && !/输入/.test(m.textContent) }",
            arg=query,
            timeout=5000,
        )
        page.wait_for_timeout(150)
    except Exception:
        return []
    hrefs = page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    paths = []
    for href in hrefs:
        path = urlparse(href).path.lstrip("/")
        if path not in paths:
            paths.append(path)
    return paths[:k]


def matches(path: str, expect: list[str]) -> bool:
    return any(path.startswith(e) for e in expect)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def evaluate(site: Path, queries: list[dict], verbose: bool = False) -> tuple[float, float, list]:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    misses, hits, rr = [], 0, 0.0
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.goto(base)
        # The index loads on first use of the search box: warm it up once so the
        # first real query is not timed against the download.
        top_results(page, "社工")
        page.wait_for_timeout(1000)
        for item in queries:
            results = top_results(page, item["q"])
            rank = next((i for i, r in enumerate(results) if matches(r, item["expect"])), None)
            if rank is not None:
                hits += 1
                rr += 1 / (rank + 1)
            else:
                misses.append((item["q"], results))
            if verbose:
                print(f"{'✓' if rank is not None else '✗'} {item['q']}: {results}")
        browser.close()
    server.shutdown()
    n = len(queries)
    return hits / n, rr / n, misses


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path)
    parser.add_argument("--queries", type=Path, default=ROOT / "bench" / "search_queries.yaml")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    site = args.site
    if site is None:
        from generator.build import build
        from generator.context import BuildOptions
        from generator.project import Project

        site = build(Project(ROOT), ROOT / "build" / "bench-site", options=BuildOptions(fast=True))
    queries = load_queries(args.queries)
    recall, mrr, misses = evaluate(site, queries, args.verbose)
    for q, results in misses:
        print(f"miss: {q} -> {results}")
    print(f"search MRR: {mrr:.3f}")
    print(f"search recall@5: {recall:.2f} ({len(queries) - len(misses)}/{len(queries)})")


if __name__ == "__main__":
    main()
