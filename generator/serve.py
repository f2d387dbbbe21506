"""Preview server: regenerate build/ when handbook/, data/ or forms/ change and
let ``mkdocs serve`` (which watches build/docs) rebuild and live-reload."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from generator.build import generate
from generator.problems import ProblemsFound, report
from generator.project import Project


def _snapshot(project: Project) -> dict[str, float]:
    stamps = {}
    for folder in (project.handbook, project.data, project.forms):
        for path in folder.rglob("*"):
            if path.is_file():
                stamps[str(path)] = path.stat().st_mtime
    return stamps


def _regenerate(project: Project) -> bool:
    try:
        generate(project)
        return True
    except ProblemsFound as exc:
        print(report(exc.problems), file=sys.stderr, flush=True)
        print("生成失败：预览保持上一个版本。", file=sys.stderr, flush=True)
        return False


def _watch(project: Project, stop: threading.Event) -> None:
    seen = _snapshot(project)
    while not stop.wait(1.0):
        now = _snapshot(project)
        if now != seen:
            seen = now
            print("检测到修改，重新生成……", flush=True)
            _regenerate(project)


def serve(project: Project, host: str = "127.0.0.1", port: int = 8000) -> int:
    if not _regenerate(project):
        return 1
    stop = threading.Event()
    threading.Thread(target=_watch, args=(project, stop), daemon=True).start()
    print(f"预览地址：http://{host}:{port}/", flush=True)
    try:
        return subprocess.call(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"{host}:{port}", "--watch", str(project.theme)],
            cwd=project.root,
        )
    except KeyboardInterrupt:
        return 0
    finally:
        stop.set()
