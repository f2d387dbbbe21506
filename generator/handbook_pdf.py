"""One PDF of the whole handbook, with a table of contents, for reading offline
or printing. Made after ``mkdocs build`` from the built pages in nav order,
printed by the system Chromium. Full builds only (skipped with --fast).

Printing takes ~15 s, so the PDF is cached under build/cache/handbook by a
hash of what it is printed from (the combined page, the site's stylesheets,
this code): a build that changed no handbook page reuses it.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import html
import re
import shutil
from pathlib import Path

import yaml

from generator.context import Context
from generator.forms import pdftext
from generator.forms.pdftext import fix_pdf_text

NAME = "handbook_pdf"
TARGET = "downloads/handbook.pdf"
# Interactive pages (forms, calculators, tools) are not part of the printed handbook.
SKIP = ("forms/", "calculators/", "tools/", "maintain/")  # maintain/: for maintainers, not the printed handbook
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_HREF = re.compile(r'\shref="[^"]*"')
# Bump when the output changes for reasons the cache key does not see.
PDF_VERSION = "handbook-1"


def load(ctx: Context):
    return None, []


def nav_pages(mkdocs_yml: Path) -> list[str]:
    """Docs paths in nav order, as written in mkdocs.yml."""
    config = yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node):
        if isinstance(node, str):
            if node.endswith(".md") and node not in found:
                found.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(config.get("nav", []))
    return [p for p in found if not p.startswith(SKIP)]


def combined_html(site_dir: Path, pages: list[str], title: str, org: str, reviewed: str) -> str:
    """Every page's article in one document, each starting on a new sheet."""
    toc, sections = [], []
    for i, rel in enumerate(pages):
        built = site_dir / rel.replace(".md", ".html")
        if not built.is_file():
            continue
        text = built.read_text(encoding="utf-8")
        match = _ARTICLE.search(text)
        if not match:
            continue
        body = _HREF.sub("", _SCRIPT.sub("", match.group(1)))  # links do not work on paper
        heading = _H1.search(body)
        name = html.unescape(_TAG.sub("", heading.group(1))).replace("¶", "").strip() if heading else rel
        toc.append(f'<li><a href="#p{i}">{html.escape(name)}</a></li>')
        sections.append(f'<section class="hb-page" id="p{i}">{body}</section>')
    css = "".join(
        f'<link rel="stylesheet" href="{(site_dir / p).as_uri()}">'
        for p in sorted(site_dir.glob("assets/stylesheets/*.css"))
    )
    return f"""<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>{css}
<style>
@page {{ size: A4; margin: 16mm 15mm; }}
body {{ margin: 0; }}
.hb-page {{ break-before: page; }}
.hb-cover {{ text-align: center; padding-top: 35vh; }}
.hb-toc {{ break-before: page; }}
.hb-toc ol {{ columns: 2; }}
.headerlink, .page-meta {{ display: none; }}
</style></head><body class="md-typeset">
<div class="hb-cover"><h1>{html.escape(title)}</h1><p>{html.escape(org)}</p><p>最后审核：{html.escape(reviewed)}</p></div>
<nav class="hb-toc"><h2>目录</h2><ol>{''.join(toc)}</ol></nav>
{''.join(sections)}
</body></html>"""


def cache_key(document: str, site_dir: Path) -> str:
    """Hash of everything the PDF is printed from. The stylesheets are linked
    by absolute path into this build's temp site, so the path is left out and
    their bytes go in instead."""
    h = hashlib.sha256(PDF_VERSION.encode())
    for code in (Path(__file__), Path(pdftext.__file__)):
        h.update(code.read_bytes())
    h.update(document.replace(site_dir.as_uri(), "").encode())
    for css in sorted(site_dir.glob("assets/stylesheets/*.css")):
        h.update(css.read_bytes())
    return h.hexdigest()[:20]


def _print(source: Path, target: Path) -> None:
    def work():
        from playwright.sync_api import sync_playwright

        from generator.browser import launch

        with sync_playwright() as p:
            browser = launch(p)
            try:
                page = browser.new_page()
                page.goto(source.as_uri(), wait_until="load")
                page.evaluate("document.fonts.ready")
                pdf = page.pdf(
                    format="A4",
                    print_background=True,
                    outline=True,
                    prefer_css_page_size=True,  # page numbers come from the print stylesheet's @page rules
                )
                tmp = target.with_suffix(".tmp")
                tmp.write_bytes(fix_pdf_text(pdf))
                tmp.replace(target)  # never a half-written file under a trusted cache name
            finally:
                browser.close()

    # Playwright's sync API cannot nest in a running instance (tests): use a thread.
    # A second thread reads the CJK font's radical map (~1 s, lru_cached) for
    # fix_pdf_text while Chromium prints; after form PDFs it is already there.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        warm = pool.submit(pdftext.radical_map)
        pool.submit(work).result()
        warm.result()


def postbuild(ctx: Context, site_dir: Path) -> None:
    if ctx.options.fast:
        return
    pages = nav_pages(ctx.project.root / "mkdocs.yml")
    source = site_dir / "downloads" / "handbook-print.html"
    source.parent.mkdir(parents=True, exist_ok=True)
    s = ctx.settings
    upkeep = ctx.models.get("upkeep")
    reviewed = max((r.reviewed for r in upkeep.reviews if r.reviewed), default="") if upkeep else ""
    document = combined_html(site_dir, pages, s.site_name, s.org_name, reviewed)
    cache = ctx.project.build / "cache" / "handbook"
    cache.mkdir(parents=True, exist_ok=True)
    cached = cache / f"handbook-{cache_key(document, site_dir)}.pdf"
    if not cached.is_file():
        source.write_text(document, encoding="utf-8")
        try:
            _print(source, cached)
        finally:
            source.unlink()
    for old in cache.glob("handbook-*.*"):  # superseded versions
        if old != cached:
            old.unlink(missing_ok=True)
    shutil.copyfile(cached, site_dir / TARGET)
