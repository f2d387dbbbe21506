"""Print how long the site takes to build, and how cost grows with page count.

Builds the real site, then a scratch copy whose handbook has every page four
times over, and prints seconds in total, per phase and per page.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import Timings, build  # noqa: E402
from generator.project import Project  # noqa: E402


def timed_build(project: Project, site: Path) -> tuple[float, Timings, int]:
    timings = Timings()
    started = time.perf_counter()
    build(project, site, timings)
    took = time.perf_counter() - started
    pages = sum(1 for _ in site.rglob("*.html"))
    return took, timings, pages


def scaled_copy(tmp: Path, factor: int) -> Project:
    for name in ("data", "forms", "handbook"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, tmp / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    pages = [p for p in (tmp / "handbook").rglob("*.md") if p.name != "index.md" or p.parent != tmp / "handbook"]
    for copy in range(2, factor + 1):
        for page in pages:
            target = page.with_name(f"{page.stem}-x{copy}.md")
            target.write_text(page.read_text(encoding="utf-8").replace("](", "](") , encoding="utf-8")
    # Extra pages are left out of nav on purpose: MkDocs still builds and indexes them.
    config = (tmp / "mkdocs.yml").read_text(encoding="utf-8").replace("omitted_files: warn", "omitted_files: info")
    (tmp / "mkdocs.yml").write_text(config, encoding="utf-8")
    return Project(tmp)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        took, timings, pages = timed_build(Project(ROOT), tmp / "site")
        phases = ", ".join(f"{k} {v:.2f}s" for k, v in timings.phases.items())
        print(f"site: {took:.2f} s, {pages} pages, {took / pages:.3f} s/page ({phases})")
        scaled = scaled_copy(tmp / "x4", 4)
        took4, timings4, pages4 = timed_build(scaled, tmp / "site4")
        phases4 = ", ".join(f"{k} {v:.2f}s" for k, v in timings4.phases.items())
        print(f"site x4: {took4:.2f} s, {pages4} pages, {took4 / pages4:.3f} s/page ({phases4})")


if __name__ == "__main__":
    main()
