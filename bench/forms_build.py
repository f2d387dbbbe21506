"""How long a full build takes from a clean clone, and the form downloads in it.

    .venv/bin/python bench/forms_build.py            # full build, cold then warm
    .venv/bin/python bench/forms_build.py group-plan # only these forms' downloads

Full mode copies the sources (data, forms, handbook, mkdocs.yml) to a temp
folder, so there is no build/ and no build/cache, as in a fresh clone; builds
it cold, then again with the cache it just filled. Prints seconds per phase:
generator (validate, generate; the form downloads are inside generate), MkDocs,
postbuild (the whole-handbook PDF); then seconds per form of the cold build
(PDF through the system Chromium, DOCX through python-docx) and file sizes.

With form ids it only builds those forms' downloads into an empty cache, then
again from the cache. The machine's load average is printed: another process
using the CPU makes every number here bigger.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import generator.forms  # noqa: E402
from generator.build import Timings, build, load_all  # noqa: E402
from generator.context import BuildOptions  # noqa: E402
from generator.forms.downloads import DownloadTimes, build_downloads  # noqa: E402
from generator.problems import errors, report  # noqa: E402
from generator.project import Project  # noqa: E402

SOURCES = ("data", "forms", "handbook", "mkdocs.yml")


def clean_copy(target: Path) -> Project:
    """The project's sources without build/ (and so without build/cache)."""
    target.mkdir(parents=True)
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy(source, target / name)
    return Project(target)


def timed_build(project: Project, site: Path) -> tuple[float, Timings, DownloadTimes | None]:
    timings = Timings()
    started = time.perf_counter()
    build(project, site, timings)
    return time.perf_counter() - started, timings, generator.forms.last_times


def phases(label: str, took: float, t: Timings) -> None:
    p = t.phases
    print(f"{label}：共 {took:.1f} 秒（负载 {load()}）")
    print(f"  生成器   {p.get('validate', 0) + p.get('generate', 0):6.1f} 秒  = validate {p.get('validate', 0):.1f} + generate {p.get('generate', 0):.1f}"
          f"（其中表格 PDF/DOCX 下载 {p.get('pages:forms', 0):.1f}）")
    print(f"  MkDocs   {p.get('mkdocs', 0):6.1f} 秒")
    print(f"  postbuild{p.get('postbuild', 0):6.1f} 秒（整本手册 PDF）")


def per_form(ids: list[str], times: DownloadTimes, size) -> None:
    print(f"\n{'表格':<36}{'PDF 秒':>8}{'DOCX 秒':>9}{'PDF KB':>9}{'DOCX KB':>9}")
    for form_id in ids:
        print(
            f"{form_id:<36}{times.pdf.get(form_id, 0):>8.2f}{times.docx.get(form_id, 0):>9.3f}"
            f"{size(form_id, 'pdf') / 1024:>9.0f}{size(form_id, 'docx') / 1024:>9.0f}"
        )
    n = len(ids)
    pdf_total, docx_total = sum(times.pdf.values()), sum(times.docx.values())
    # PDFs print concurrently (one page per core), so their seconds add up to more than the wall time.
    print(f"\n{n} 张表：每张 PDF 从开始打印到写完共 {pdf_total:.1f} 秒（平均 {pdf_total / n:.2f}，多页并行，故大于实际耗时），"
          f"DOCX 共 {docx_total:.1f} 秒（平均 {docx_total / n:.3f}）")
    print(f"PDF 合计 {sum(size(i, 'pdf') for i in ids) / 1e6:.1f} MB，DOCX 合计 {sum(size(i, 'docx') for i in ids) / 1e6:.1f} MB")


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def full() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        project = clean_copy(Path(tmp) / "clone")
        site = Path(tmp) / "site"
        cold, cold_t, times = timed_build(project, site)
        phases("冷构建（新克隆，没有 build/cache）", cold, cold_t)
        warm, warm_t, _ = timed_build(project, site)
        phases("再构建一次（缓存命中）", warm, warm_t)
        print(f"表格下载：冷 {cold_t.phases.get('pages:forms', 0):.1f} 秒，缓存命中 {warm_t.phases.get('pages:forms', 0):.2f} 秒")
        if times is not None:
            ids = sorted(times.pdf)
            per_form(ids, times, lambda i, kind: (site / "forms" / i / f"{i}.{kind}").stat().st_size)
    return 0


def some_forms(ids: list[str]) -> int:
    ctx, problems = load_all(Project(ROOT), BuildOptions())
    if ctx is None or errors(problems):
        print(report(errors(problems)))
        return 1
    forms = [f for f in ctx.models["forms"] if f.id in ids]
    with tempfile.TemporaryDirectory() as tmp:
        times = DownloadTimes()
        started = time.perf_counter()
        files = build_downloads(forms, ctx.settings.org_name, Path(tmp), times)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        build_downloads(forms, ctx.settings.org_name, Path(tmp), DownloadTimes())
        warm = time.perf_counter() - started
    per_form([f.id for f in forms], times, lambda i, kind: len(files[i][kind]))
    print(f"冷启动总耗时（含启动浏览器）{cold:.1f} 秒；缓存命中再跑一次 {warm:.2f} 秒（负载 {load()}）")
    return 0


def main(argv: list[str]) -> int:
    return some_forms(argv) if argv else full()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
