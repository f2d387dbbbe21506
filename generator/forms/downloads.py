"""PDF and DOCX of every blank form, cached by content hash under build/cache,
and the Word template the form page fills in the browser.

A PDF is printed by the system Chromium (Playwright) from the standalone print
HTML; fonts used are embedded by Chromium's PDF backend. Only forms whose
print HTML (or the renderer code) changed are printed again.
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.forms import layout, paper, pdftext, webform, worddoc, wordfill
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


def _print_pages(jobs: int) -> int:
    """How many pages print at once. Printing a form is CPU work in its page's
    renderer process (Noto CJK glyphs become Type3 outlines), so one page per
    core keeps every core busy; more pages than cores only add switching
    (all 74 forms with their Word files on 2 idle cores: 1 page 45 s,
    2 pages 36 s, 3 pages 36 s)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(jobs, cores, 4))


def _write_atomic(target: Path, data: bytes) -> None:
    """Write via a tmp file and rename, so an interrupted build never leaves a
    truncated file under a name the cache trusts."""
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)


def _fix_and_write(raw: bytes, target: Path) -> None:
    _write_atomic(target, fix_pdf_text(raw))


def _print_pdfs(jobs: list[tuple[str, str, Path]], times: DownloadTimes) -> None:
    """Print each (form id, html, target) with one browser and a few pages working
    through one queue concurrently (async API: one event loop drives them all)."""

    async def run() -> None:
        from playwright.async_api import async_playwright

        from generator.browser import launch

        loop = asyncio.get_running_loop()
        # fix_pdf_text is Python work: one helper thread runs it so the event loop
        # keeps the other pages printing meanwhile. One thread, not more: the GIL
        # would serialise them anyway, and the font's radical map (lru_cached,
        # ~1 s to read) is built once, here, while the browser starts.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as fixer:
            warm = loop.run_in_executor(fixer, pdftext.radical_map)
            queue = iter(jobs)  # shared: each page takes the next job when it is free

            async def printer(browser) -> None:
                page = await browser.new_page()
                for form_id, html, target in queue:
                    started = time.perf_counter()
                    await page.set_content(html, wait_until="load")
                    await page.evaluate("document.fonts.ready")
                    raw = await page.pdf(prefer_css_page_size=True, print_background=True, tagged=True, outline=False)
                    await loop.run_in_executor(fixer, _fix_and_write, raw, target)
                    times.pdf[form_id] = time.perf_counter() - started
                await page.close()

            async with async_playwright() as p:
                browser = await launch(p)
                try:
                    async with asyncio.TaskGroup() as group:  # one failure cancels the other pages
                        for _ in range(_print_pages(len(jobs))):
                            group.create_task(printer(browser))
                finally:
                    await browser.close()
            await warm

    asyncio.run(run())


def build_downloads(forms: list[Form], org_name: str, cache: Path, times: DownloadTimes | None = None) -> dict[str, dict[str, bytes]]:
    """``{form_id: {"pdf": bytes, "docx": bytes, "word_js": bytes}}`` for every form,
    from cache where possible. ``docx`` is the template filled with nothing;
    ``word_js`` carries the template to the page (see ``word_template_js``)."""
    times = times or DownloadTimes()
    cache.mkdir(parents=True, exist_ok=True)
    pdf_code = _code_hash(paper, layout, pdftext) + PDF_VERSION
    docx_code = _code_hash(worddoc, wordfill, layout, webform)
    jobs = []
    targets: dict[str, Path] = {}
    docx_paths: dict[str, Path] = {}
    for form in forms:
        html = paper.paper_html(form, org_name)
        pdf_path = cache / f"{form.id}-{_key('pdf', html, pdf_code)}.pdf"
        targets[form.id] = pdf_path
        if pdf_path.is_file():
            times.cached.add(form.id)
        else:
            jobs.append((form.id, html, pdf_path))
        docx_paths[form.id] = cache / f"{form.id}-{_key('docx', repr(form) + org_name, docx_code)}.docx"
    # Chromium prints in its own processes while this thread writes the Word
    # files (pure Python), so the two overlap. The printer gets its own thread
    # and event loop: Playwright refuses to start inside a running one (tests).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        printing = pool.submit(_print_pdfs, jobs, times) if jobs else None
        for form in forms:
            docx_path = docx_paths[form.id]
            if not docx_path.is_file():
                started = time.perf_counter()
                _write_atomic(docx_path, worddoc.template_bytes(form, org_name))
                times.docx[form.id] = time.perf_counter() - started
        if printing is not None:
            printing.result()
    out = {}
    for f in forms:
        template = docx_paths[f.id].read_bytes()
        spec = wordfill.fill_spec(f)
        out[f.id] = {
            "pdf": targets[f.id].read_bytes(),
            "docx": wordfill.fill_docx(template, spec, {}),
            "word_js": word_template_js(f, template, spec),
        }
    used = {p.name for p in targets.values()} | {p.name for p in docx_paths.values()}
    _prune(cache, used, {f.id for f in forms})
    return out


def word_template_js(form: Form, template: bytes, spec: dict) -> bytes:
    """A classic script that hands the form's Word template and fill spec to
    sw-word.js. A script, not a fetch: pages opened from file:// may load
    scripts beside them but not read files. Loaded only when the worker asks
    for the filled Word file."""
    payload = json.dumps({"spec": spec, "docx": base64.b64encode(template).decode("ascii")}, ensure_ascii=False, separators=(",", ":"))
    return (
        f"/* Generated from forms/{form.id}.yaml by generator/forms/downloads.py: the Word template for 下载已填写的 Word 文件. */\n"
        f"(window.swWordTemplates=window.swWordTemplates||{{}})[{json.dumps(form.id)}]={payload};\n"
    ).encode("utf-8")


def _prune(cache: Path, used: set[str], ids: set[str]) -> None:
    """Drop superseded versions of current forms so build/cache stays small."""
    for path in cache.glob("*.*"):
        if path.name not in used and path.stem.rsplit("-", 1)[0] in ids:
            path.unlink(missing_ok=True)
