"""PDF and DOCX of every blank form, cached by content hash under build/cache.

A PDF is printed by the system Chromium (Playwright) from the standalone print
HTML; fonts used are embedded by Chromium's PDF backend. Only forms whose
print HTML (or the renderer code) changed are printed again.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.forms import layout, paper, pdftext, worddoc
from generator.forms.pdftext import fix_pdf_text
from generator.forms.model import Form

# Bump when the output changes for reasons the HTML hash does not see.
PDF_VERSION = "pdf-1"
_HERE = Path(__file__).parent


def _code_hash(*modules) -> str:
    h = hashlib.sha256()
    for m in modules:
        h.update(Path(m.__file__).read_bytes())
    return h.hexdigest()[:12]


@dataclass
class DownloadTimes:
    """Seconds per form, for bench/forms_build.py; ``cached`` marks cache hits."""

    pdf: dict[str, float] = field(default_factory=dict)
    docx: dict[str, float] = field(default_factory=dict)
    cached: set[str] = field(default_factory=set)


def _key(kind: str, text: str, extra: str) -> str:
    return hashlib.sha256(f"{kind}\0{extra}\0{text}".encode()).hexdigest()[:20]


def _print_pdfs(jobs: list[tuple[str, str, Path]], times: DownloadTimes) -> None:
    """Print each (form id, html, target) with one browser, in its own thread:
    Playwright's sync API refuses to nest inside another running instance."""

    def work():
        from playwright.sync_api import sync_playwright

        from generator.browser import launch

        with sync_playwright() as p:
            browser = launch(p)
            try:
                page = browser.new_page()
                for form_id, html, target in jobs:
                    started = time.perf_counter()
                    page.set_content(html, wait_until="load")
                    page.evaluate("document.fonts.ready")
                    data = fix_pdf_text(page.pdf(prefer_css_page_size=True, print_background=True, tagged=True, outline=False))
                    tmp = target.with_suffix(".tmp")
                    tmp.write_bytes(data)
                    tmp.replace(target)
                    times.pdf[form_id] = time.perf_counter() - started
            finally:
                browser.close()

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(work).result()


def build_downloads(forms: list[Form], org_name: str, cache: Path, times: DownloadTimes | None = None) -> dict[str, dict[str, bytes]]:
    """``{form_id: {"pdf": bytes, "docx": bytes}}`` for every form, from cache where possible."""
    times = times or DownloadTimes()
    cache.mkdir(parents=True, exist_ok=True)
    pdf_code = _code_hash(paper, layout, pdftext) + PDF_VERSION
    docx_code = _code_hash(worddoc, layout)
    out: dict[str, dict[str, bytes]] = {}
    jobs = []
    targets: dict[str, Path] = {}
    docx_paths: list[Path] = []
    for form in forms:
        html = paper.paper_html(form, org_name)
        pdf_path = cache / f"{form.id}-{_key('pdf', html, pdf_code)}.pdf"
        targets[form.id] = pdf_path
        if pdf_path.is_file():
            times.cached.add(form.id)
        else:
            jobs.append((form.id, html, pdf_path))
        docx_path = cache / f"{form.id}-{_key('docx', repr(form) + org_name, docx_code)}.docx"
        docx_paths.append(docx_path)
        if not docx_path.is_file():
            started = time.perf_counter()
            docx_path.write_bytes(worddoc.docx_bytes(form, org_name))
            times.docx[form.id] = time.perf_counter() - started
        out[form.id] = {"docx": docx_path.read_bytes()}
    if jobs:
        _print_pdfs(jobs, times)
    for form in forms:
        out[form.id]["pdf"] = targets[form.id].read_bytes()
    used = {p.name for p in targets.values()} | {p.name for p in docx_paths}
    _prune(cache, used, {f.id for f in forms})
    return out


def _prune(cache: Path, used: set[str], ids: set[str]) -> None:
    """Drop superseded versions of current forms so build/cache stays small."""
    for path in cache.glob("*.*"):
        if path.name not in used and path.stem.rsplit("-", 1)[0] in ids:
            path.unlink(missing_ok=True)
