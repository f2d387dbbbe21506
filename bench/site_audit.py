"""Serve the built site, open every page in Chromium with an empty cache and
print requests, external requests, bytes (raw and gzip), DOMContentLoaded and
axe violations by impact; then totals and the worst page.

Usage: python bench/site_audit.py [--site DIR]   (builds the site when omitted)
"""

from __future__ import annotations

import argparse
import functools
import http.server
import socketserver
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.browser import launch  # noqa: E402
from site_tests.audit import measure  # noqa: E402


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[socketserver.TCPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path)
    args = parser.parse_args()
    site = args.site
    if site is None:
        from generator.build import build
        from generator.project import Project

        site = build(Project(ROOT), ROOT / "build" / "audit-site")
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    server, base = serve(site)
    audits = []
    with sync_playwright() as p:
        browser = launch(p)
        print(f"{'page':<55} {'req':>4} {'ext':>4} {'raw KB':>8} {'gzip KB':>8} {'DCL ms':>7}  axe")
        for rel in pages:
            context = browser.new_context()
            a = measure(context, base + rel)
            context.close()
            audits.append((rel, a))
            axe = "; ".join(f"{k}: {' '.join(v)}" for k, v in sorted(a.violations.items())) or "0"
            print(f"{rel:<55} {a.requests:>4} {len(a.external):>4} {a.raw_bytes/1024:>8.1f} {a.gzip_bytes/1024:>8.1f} {a.dom_content_loaded_ms:>7.0f}  {axe}")
        browser.close()
    server.shutdown()
    worst = max(audits, key=lambda x: x[1].gzip_bytes)
    external = sum(len(a.external) for _, a in audits)
    serious = sum(len(a.serious()) for _, a in audits)
    print(f"pages: {len(audits)}, external requests: {external}, serious/critical axe violations: {serious}")
    print(f"total gzip KB: {sum(a.gzip_bytes for _, a in audits)/1024:.1f}, "
          f"mean DCL ms: {sum(a.dom_content_loaded_ms for _, a in audits)/len(audits):.0f}")
    print(f"worst page: {worst[0]} ({worst[1].gzip_bytes/1024:.1f} KB gzip, {worst[1].requests} requests)")


if __name__ == "__main__":
    main()
