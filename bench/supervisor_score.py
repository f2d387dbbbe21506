"""Print how fast the supervisor score runs: Python core per candidate, the
CLI end to end, and window.supervisorScore in Chromium (needs a built site/)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.scoring.core import score  # noqa: E402
from site_tests.supervisor_cases import load_cases  # noqa: E402

EXAMPLE = next(c for c in load_cases() if c["name"] == "issue example")["input"]
BIG = dict(EXAMPLE, service_awards=EXAMPLE["service_awards"] * 10, papers=EXAMPLE["papers"] * 10)


def per_call(fn, n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - started) / n * 1000


def main() -> None:
    print(f"Python score()，示例候选人：{per_call(lambda: score(EXAMPLE), 2000):.3f} ms/次")
    print(f"Python score()，20 项材料：{per_call(lambda: score(BIG), 500):.3f} ms/次")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "score", "-"], input=json.dumps(EXAMPLE), text=True,
                   capture_output=True, cwd=ROOT, check=True)
    print(f"CLI 端到端（含启动 Python）：{(time.perf_counter() - started) * 1000:.0f} ms")
    page_file = ROOT / "site/calculators/supervisor-selection/index.html"
    if not page_file.is_file():
        print("浏览器：跳过（先运行 python -m generator build --fast）")
        return
    from playwright.sync_api import sync_playwright

    from generator.browser import launch

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.goto(page_file.as_uri())
        # The calculator's scripts start after the first paint (generator/page_scripts.py).
        page.wait_for_function("typeof window.supervisorScore === 'function'")
        ms = page.evaluate(
            "x => { const t = performance.now(); for (let i = 0; i < 2000; i++) window.supervisorScore(x);"
            " return (performance.now() - t) / 2000; }", EXAMPLE)
        print(f"浏览器 window.supervisorScore()，示例候选人：{ms:.3f} ms/次")
        browser.close()


if __name__ == "__main__":
    main()
