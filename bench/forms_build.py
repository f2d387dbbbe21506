"""How long generating every form's PDF and DOCX takes, per form.

    .venv/bin/python bench/forms_build.py            # all forms, empty cache
    .venv/bin/python bench/forms_build.py group-plan # some forms

Prints seconds per form (PDF through the system Chromium, DOCX through
python-docx), totals, file sizes, and the time of a second, cached run.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import load_all  # noqa: E402
from generator.context import BuildOptions  # noqa: E402
from generator.forms.downloads import DownloadTimes, build_downloads  # noqa: E402
from generator.problems import errors, report  # noqa: E402
from generator.project import Project  # noqa: E402


def main(argv: list[str]) -> int:
    ctx, problems = load_all(Project(ROOT), BuildOptions())
    if ctx is None or errors(problems):
        print(report(errors(problems)))
        return 1
    forms = [f for f in ctx.models["forms"] if not argv or f.id in argv]
    with tempfile.TemporaryDirectory() as tmp:
        times = DownloadTimes()
        started = time.perf_counter()
        files = build_downloads(forms, ctx.settings.org_name, Path(tmp), times)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        build_downloads(forms, ctx.settings.org_name, Path(tmp), DownloadTimes())
        warm = time.perf_counter() - started
    print(f"{'表格':<36}{'PDF 秒':>8}{'DOCX 秒':>9}{'PDF KB':>9}{'DOCX KB':>9}")
    for f in forms:
        print(
            f"{f.id:<36}{times.pdf.get(f.id, 0):>8.2f}{times.docx.get(f.id, 0):>9.3f}"
            f"{len(files[f.id]['pdf']) / 1024:>9.0f}{len(files[f.id]['docx']) / 1024:>9.0f}"
        )
    n = len(forms)
    pdf_total, docx_total = sum(times.pdf.values()), sum(times.docx.values())
    print(f"\n{n} 张表：PDF 共 {pdf_total:.1f} 秒（平均 {pdf_total / n:.2f}），DOCX 共 {docx_total:.1f} 秒（平均 {docx_total / n:.3f}）")
    print(f"冷启动总耗时（含启动浏览器）{cold:.1f} 秒；缓存命中再跑一次 {warm:.2f} 秒")
    print(f"PDF 合计 {sum(len(v['pdf']) for v in files.values()) / 1e6:.1f} MB，DOCX 合计 {sum(len(v['docx']) for v in files.values()) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
