"""下载已填写的 Word 文件: what it costs the worker and the build.

    .venv/bin/python bench/word_fill.py        # needs a built site/ for the browser part
    .venv/bin/python bench/word_fill.py --libreoffice   # also open every filled file in LibreOffice

With --libreoffice (when ``soffice`` is installed; not part of CI) every form's
filled example is converted to PDF headless, as a second opinion that the
files open; the count of failures and the PDFs' page counts are printed.

Prints, over every form's worked example: the size of what the button loads
(fflate, sw-word.js, the form's template script; raw and gzip), Python's time
to write the template and fill it, and the browser's time from the click to
the saved file (one page reused, scripts loaded on the click as a worker's
first click does). The load average is printed: other processes make every
number bigger.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import socketserver
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import load_all  # noqa: E402
from generator.forms.example import worked_example  # noqa: E402
from generator.forms.worddoc import template_bytes  # noqa: E402
from generator.forms.wordfill import fill_docx, fill_spec  # noqa: E402
from generator.project import Project  # noqa: E402


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def sizes(site: Path, forms) -> None:
    shared = [site / "assets/javascripts/vendor/fflate.min.js", site / "assets/javascripts/sw-word.js"]
    for p in shared:
        data = p.read_bytes()
        print(f"{p.relative_to(site)}: {kb(len(data))} (gzip {kb(len(gzip.compress(data, 9)))})")
    per = [(site / "forms" / f.id / f"{f.id}-word.min.js").read_bytes() for f in forms]
    raw = [len(d) for d in per]
    gz = [len(gzip.compress(d, 9)) for d in per]
    print(f"template scripts: median {kb(statistics.median(raw))} (gzip {kb(statistics.median(gz))}), largest {kb(max(raw))}, all {len(per)} together {kb(sum(raw))}")


def python_times(ctx, forms) -> None:
    took = []
    for form in forms:
        started = time.perf_counter()
        fill_docx(template_bytes(form, ctx.settings.org_name), fill_spec(form), worked_example(form))
        took.append(time.perf_counter() - started)
    print(f"Python template + fill: median {statistics.median(took) * 1000:.0f} ms, slowest {max(took) * 1000:.0f} ms")


def browser_times(site: Path, forms) -> None:
    from playwright.sync_api import sync_playwright

    from generator.browser import launch

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    took = []
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(accept_downloads=True)
        for form in forms:
            page.goto(f"{base}forms/{form.id}/index.html")
            page.wait_for_selector(".js-word:not([hidden])")
            page.evaluate("v => window.swForm.fill(document.querySelector('form.sw-form'), v)", worked_example(form))
            started = time.perf_counter()
            with page.expect_download() as download:
                page.click(".js-word")
            download.value.path()
            took.append(time.perf_counter() - started)
        browser.close()
    server.shutdown()
    print(f"browser click → saved file: median {statistics.median(took) * 1000:.0f} ms, slowest {max(took) * 1000:.0f} ms")


def libreoffice(ctx, forms) -> None:
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice is not installed: skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for form in forms:
            (folder / f"{form.id}.docx").write_bytes(fill_docx(template_bytes(form, ctx.settings.org_name), fill_spec(form), worked_example(form)))
        started = time.perf_counter()
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf", "--outdir", str(folder / "pdf"),
             *sorted(str(p) for p in folder.glob("*.docx"))],
            check=False, capture_output=True, timeout=1800,
        )
        pdfs = {p.stem: p for p in (folder / "pdf").glob("*.pdf")}
        missing = [f.id for f in forms if f.id not in pdfs]
        from pypdf import PdfReader

        pages = {k: len(PdfReader(p).pages) for k, p in pdfs.items()}
        print(f"LibreOffice: {len(pdfs)}/{len(forms)} filled files converted in {time.perf_counter() - started:.0f} s; "
              f"failed: {missing or 'none'}; pages per file: median {statistics.median(pages.values()) if pages else 0}, most {max(pages.values(), default=0)}")


def main() -> int:
    print(f"load average: {os.getloadavg()[0]:.1f}")
    ctx, _ = load_all(Project(ROOT))
    forms = list(ctx.models["forms"])
    python_times(ctx, forms)
    if "--libreoffice" in sys.argv:
        libreoffice(ctx, forms)
    site = ROOT / "site"
    if not (site / "assets/javascripts/sw-word.js").is_file():
        print("no built site/ with sw-word.js: run `python -m generator build` for the browser numbers")
        return 0
    sizes(site, forms)
    browser_times(site, forms)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
