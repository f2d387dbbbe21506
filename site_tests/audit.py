"""Measure one page as a first-time visitor: requests, bytes (raw and gzip),
DOMContentLoaded, and axe-core violations. Shared by bench/site_audit.py and
the budget tests."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path

import axe_playwright_python

from site_tests.conftest import is_external

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"


@dataclass
class PageAudit:
    url: str
    requests: int = 0
    external: list[str] = field(default_factory=list)
    raw_bytes: int = 0
    gzip_bytes: int = 0
    dom_content_loaded_ms: float = 0.0
    violations: dict[str, list[str]] = field(default_factory=dict)  # impact -> rule ids

    def serious(self) -> list[str]:
        return self.violations.get("serious", []) + self.violations.get("critical", [])


def measure(context, url: str, axe: bool = True, before_axe=None) -> PageAudit:
    """Open ``url`` in a fresh page of ``context`` (empty cache) and measure it."""
    result = PageAudit(url=url)
    page = context.new_page()
    bodies: list[bytes] = []

    def on_route(route):
        result.requests += 1
        if is_external(route.request.url):
            result.external.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def on_response(response):
        try:
            bodies.append(response.body())
        except Exception:
            pass

    page.route("**/*", on_route)
    page.on("response", on_response)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    result.dom_content_loaded_ms = page.evaluate(
        "(() => { const n = performance.getEntriesByType('navigation')[0];"
        " return n ? n.domContentLoadedEventEnd - n.startTime : 0 })()"
    )
    result.raw_bytes = sum(len(b) for b in bodies)
    result.gzip_bytes = sum(len(gzip.compress(b, 6)) for b in bodies)
    if axe:
        if before_axe:
            before_axe(page)
        page.add_script_tag(path=str(AXE_JS))
        report = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for v in report["violations"]:
            result.violations.setdefault(v["impact"] or "unknown", []).append(v["id"])
    page.close()
    return result
