"""How long the browser takes to check the largest form (target: under 16 ms, one frame).

Opens the largest form's page (most fields and table columns) in Chromium,
fills every field (tables with 40 rows), then times
1. ``formChecker.check(formId, values)`` alone, and
2. what the 检查 button does: read the values, check, show the errors.
Prints median and worst of many runs.

Usage: python bench/checker_speed.py [--site DIR] [--runs N]
(builds the site with --fast into bench/out/site when --site is omitted)
"""

from __future__ import annotations

import argparse
import functools
import http.server
import socketserver
import statistics
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.browser import launch  # noqa: E402
from generator.checker.step import parse_rules_js  # noqa: E402

TABLE_ROWS = 40
SAMPLE = {"date": "2025-10-09", "time": "14:30", "number": "12.5", "integer": "12", "phone": "13800138000", "archive_code": "GC-CAB-G01-202510-WM"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def rules_of(site: Path) -> dict[str, dict]:
    out = {}
    for path in (site / "assets/javascripts/checker/rules").glob("*.js"):
        text = path.read_text(encoding="utf-8")
        out[path.stem] = parse_rules_js(text)
    return out


def size(rules: dict) -> int:
    """Answers a full form holds: fields plus table columns times rows."""
    return sum(len(f.get("columns", [])) * TABLE_ROWS if f["type"] == "table" else 1 for f in rules["fields"]) + len(rules.get("checks", []))


def sample(spec: dict, i: int = 0) -> object:
    if spec.get("options"):
        return [spec["options"][0]] if spec["type"] == "multichoice" else spec["options"][i % len(spec["options"])]
    if spec["type"] == "yesno":
        return "是"
    if spec["type"] == "multichoice":
        return []
    return SAMPLE.get(spec["type"], f"内容{i}")


def fill_values(rules: dict) -> dict:
    values = {}
    for f in rules["fields"]:
        if f["type"] == "table":
            values[f["id"]] = [{c["id"]: sample(c, r) for c in f["columns"]} for r in range(TABLE_ROWS)]
        else:
            values[f["id"]] = sample(f)
    return values


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    site = args.site
    if site is None:
        from generator.build import build
        from generator.context import BuildOptions
        from generator.project import Project

        site = build(Project(ROOT), ROOT / "bench" / "out" / "site", options=BuildOptions(fast=True))
    all_rules = rules_of(site)
    form_id = max(all_rules, key=lambda k: size(all_rules[k]))
    values = fill_values(all_rules[form_id])
    handler = functools.partial(QuietHandler, directory=str(site))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.goto(f"{base}forms/{form_id}/index.html")
        page.wait_for_function("id => window.formChecker && window.formChecker.rules(id)", arg=form_id)
        page.evaluate("v => window.swForm.fill(document.querySelector('form.sw-form'), v)", values)
        result = page.evaluate(
            """([id, runs]) => {
              const form = document.querySelector('form.sw-form');
              const status = document.querySelector('.js-form-status') || document.createElement('p');
              const values = window.swForm.values(form);
              const core = [], button = [];
              let problems = 0;
              for (let i = 0; i < runs; i++) {
                let t = performance.now();
                problems = window.formChecker.check(id, values).length;
                core.push(performance.now() - t);
                t = performance.now();
                window.swFormUi.display(form, window.formChecker.check(id, window.swForm.values(form)), status);
                button.push(performance.now() - t);
              }
              return {core, button, problems, answers: JSON.stringify(values).length};
            }""",
            [form_id, args.runs],
        )
        browser.close()
    server.shutdown()
    fields = len(all_rules[form_id]["fields"])
    print(f"最大的表格：{form_id}（{fields} 个字段，表格各 {TABLE_ROWS} 行，约 {size(all_rules[form_id])} 个答案；{result['problems']} 条问题）")
    for name, key in (("formChecker.check()", "core"), ("检查按钮（读值+检查+显示）", "button")):
        times = sorted(result[key])
        print(f"{name:<24} 中位数 {statistics.median(times):6.2f} ms   95% {times[int(len(times) * 0.95) - 1]:6.2f} ms   最慢 {times[-1]:6.2f} ms   （{len(times)} 次）")
    verdict = "达标" if statistics.median(result["core"]) < 16 else "未达标"
    print(f"目标：一帧以内（< 16 ms）：{verdict}")


if __name__ == "__main__":
    main()
