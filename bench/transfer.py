"""First-visit transfer: what a phone downloads to show a page with an empty
cache, served by deploy/nginx.conf (real nginx) with the build's brotli / gzip
copies, with gzip only, and with compression off. Bytes are as sent over the
wire (bodies as encoded, plus response headers), until the network is idle.

Usage: python bench/transfer.py [--site DIR] [--all]   (builds the site when omitted;
--all also sums every page of the site)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.browser import launch  # noqa: E402
from site_tests import nginx  # noqa: E402

PAGES = [
    "index.html",
    "start/sources.html",
    "forms/group-sign-in/index.html",
    "calculators/supervisor-selection/index.html",
    "calculators/indicator-attainment/index.html",
]
# Chromium offers br only over HTTPS; asking for it here stands in for a site served over HTTPS.
MODES = (("br", True, "br, gzip, deflate"), ("gzip", True, "gzip, deflate"), ("off", False, None))


def first_visit(browser, url: str, accept: str | None) -> tuple[int, int]:
    """(requests, bytes) for one page in a fresh context (empty cache)."""
    headers = {"Accept-Encoding": accept} if accept else {}
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, extra_http_headers=headers)
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    total = 0
    for request in responses:
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    context.close()
    return len(responses), total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path)
    parser.add_argument("--all", action="store_true", help="also sum every page of the site")
    args = parser.parse_args()
    site = args.site
    if site is None:
        from generator.build import build
        from generator.project import Project

        site = build(Project(ROOT), ROOT / "build" / "audit-site")
    pages = list(PAGES)
    everything = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")) if args.all else []
    results: dict[str, dict[str, tuple[int, int]]] = {}
    with sync_playwright() as p:
        browser = launch(p)
        for mode, compression, accept in MODES:
            with nginx.running(site, compression) as base:
                for rel in dict.fromkeys(pages + everything):
                    results.setdefault(rel, {})[mode] = first_visit(browser, base + rel, accept)
        browser.close()
    print(f"{'page (first visit, empty cache, 360 px phone)':<48} {'req':>4} {'br KB':>8} {'gzip KB':>8} {'off KB':>8} {'br/off':>7}")
    for rel in pages:
        r = results[rel]
        br, gz, off = (r[m][1] / 1024 for m in ("br", "gzip", "off"))
        print(f"{rel:<48} {r['br'][0]:>4} {br:>8.1f} {gz:>8.1f} {off:>8.1f} {br / off:>7.0%}")
    if everything:
        sums = {m: sum(results[rel][m][1] for rel in everything) / 1024 for m, _, _ in MODES}
        print(f"{'all ' + str(len(everything)) + ' pages, each a first visit':<48} {'':>4} {sums['br']:>8.0f} {sums['gzip']:>8.0f} {sums['off']:>8.0f} {sums['br'] / sums['off']:>7.0%}")


if __name__ == "__main__":
    main()
