"""Drive the real search box in Chromium and print recall@5 and MRR.

Usage: python bench/search_quality.py [--site DIR] [--queries FILE] [--half tune|held-out|both] [--scale N] [-v]
Builds the site first unless --site points to an existing build. ``--scale 4``
measures latency only, on a copy of the site whose search index holds every
page four times (the engine sees nothing but the index).

The queries are split by a fixed rule (``half``): decide each change on the
tuning half (``--half tune``) and run the held-out half only afterwards.
Prints recall@5 and MRR per half and per kind, and the median time from the
last keystroke to the rendered result list.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import statistics
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


HALVES = ("tune", "held-out")


def half(query: str) -> str:
    """The fixed split: first byte of the query's SHA-1 even → tuning half."""
    return HALVES[hashlib.sha1(query.encode("utf-8")).digest()[0] % 2]


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


# From the reader's last input event to Material replacing the result list
# (it empties the list when the worker's answer arrives).
LATENCY_JS = """async q => {
  const box = document.querySelector('.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  box.value = ''; box.dispatchEvent(new Event('input', {bubbles: true}));
  await new Promise(r => setTimeout(r, 80));
  return await new Promise(resolve => {
    const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now() - t0); });
    obs.observe(list, {childList: true});
    const t0 = performance.now();
    box.value = q; box.dispatchEvent(new Event('input', {bubbles: true}));
    setTimeout(() => { obs.disconnect(); resolve(null); }, 5000);
  });
}"""


def scaled_site(site: Path, scale: int, into: Path) -> Path:
    """A copy of ``site`` whose search index holds every page ``scale`` times."""
    import json
    import shutil

    shutil.copytree(site, into)
    index = into / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    docs = data["docs"]
    data["docs"] = docs + [{**d, "location": f"copy{k}/{d['location']}"} for k in range(1, scale) for d in docs]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    index.write_text(text, encoding="utf-8")
    (into / "search" / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")
    return into


def latencies(site: Path, queries: list[dict]) -> list[float]:
    """Milliseconds from input to result list for each query, typed one after another."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    times = []
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        top_results(page, "社工")
        page.wait_for_timeout(1000)
        for item in queries:
            took = page.evaluate(LATENCY_JS, item["q"])
            if took is not None:
                times.append(took)
        browser.close()
    server.shutdown()
    return times


def matches(path: str, expect: list[str]) -> bool:
    return any(path.startswith(e) for e in expect)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def evaluate(site: Path, queries: list[dict], verbose: bool = False) -> list[dict]:
    """Run every query in the real search box; return one row per query
    (query, kind, half, rank or None, results)."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
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
            rows.append({"q": item["q"], "kind": item.get("kind", "short"), "half": half(item["q"]), "rank": rank, "results": results})
            if verbose:
                print(f"{'✓' if rank is not None else '✗'} {item['q']}: {results}")
        browser.close()
    server.shutdown()
    return rows


def scores(rows: list[dict]) -> str:
    """``recall@5 0.93 (40/43) MRR 0.81`` for a group of result rows."""
    if not rows:
        return "—"
    hits = sum(r["rank"] is not None for r in rows)
    mrr = sum(1 / (r["rank"] + 1) for r in rows if r["rank"] is not None) / len(rows)
    return f"recall@5 {hits / len(rows):.2f} ({hits}/{len(rows)}) MRR {mrr:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path)
    parser.add_argument("--queries", type=Path, default=ROOT / "bench" / "search_queries.yaml")
    parser.add_argument("--half", choices=(*HALVES, "both"), default="tune")
    parser.add_argument("--scale", type=int, default=1, help="latency only, on an index with every page N times")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    site = args.site
    if site is None:
        from generator.build import build
        from generator.context import BuildOptions
        from generator.project import Project

        site = build(Project(ROOT), ROOT / "build" / "bench-site", options=BuildOptions(fast=True))
    queries = [q for q in load_queries(args.queries) if args.half == "both" or half(q["q"]) == args.half]
    if args.scale > 1:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            big = scaled_site(site, args.scale, Path(tmp) / "site")
            times = latencies(big, load_queries(args.queries))
        print(f"search latency x{args.scale} pages: median {statistics.median(times):.0f} ms, "
              f"p90 {sorted(times)[int(len(times) * 0.9)]:.0f} ms ({len(times)} queries)")
        return
    rows = evaluate(site, queries, args.verbose)
    times = latencies(site, queries)
    for r in rows:
        if r["rank"] is None:
            print(f"miss ({r['half']}, {r['kind']}): {r['q']} -> {r['results']}")
    kinds = sorted({r["kind"] for r in rows})
    for name in HALVES:
        part = [r for r in rows if r["half"] == name]
        if not part:
            continue
        print(f"{name:9} all        {scores(part)}")
        for kind in kinds:
            print(f"{name:9} {kind:10} {scores([r for r in part if r['kind'] == kind])}")
    print(f"both      all        {scores(rows)}")
    print(f"search latency: median {statistics.median(times):.0f} ms, p90 {sorted(times)[int(len(times) * 0.9)]:.0f} ms (input to result list, {len(times)} queries)")


if __name__ == "__main__":
    main()
