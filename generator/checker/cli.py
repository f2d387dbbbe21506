"""``python -m generator check FORM_ID FILE.json``: check a filled form offline.

FILE is either a file exported from the form page (``{"form": …, "values": …}``)
or a plain ``{field: value}`` object. Prints every problem; exit code 0 when
there is no error (warnings allowed), 1 when there are errors, 2 when the
command itself cannot run (unknown form, missing file, broken data/).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from generator.checker.core import check
from generator.checker.messages import MESSAGES, fmt

LABEL = {"error": "错误", "warning": "提醒"}


def _reject_constant(name: str):
    # JSON.parse in the browser rejects NaN/Infinity; so do we, for parity.
    raise ValueError(f"不是合法的 JSON 值：{name}")


def read_values(text: str, form_id: str) -> tuple[object, list[dict]]:
    """The values in a file's text, or a 'damaged' problem list."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except ValueError as exc:
        return None, [{"field": "", "code": "damaged", "severity": "error", "message": fmt(MESSAGES["damaged"], {"detail": f"不是有效的 JSON（{exc}）"})}]
    if isinstance(data, dict) and "values" in data and "form" in data:
        if data["form"] != form_id:
            detail = f"这是表格“{str(data['form'])[:40]}”的数据，不是“{form_id}”的"
            return None, [{"field": "", "code": "damaged", "severity": "error", "message": fmt(MESSAGES["damaged"], {"detail": detail})}]
        return data["values"], []
    return data, []


def load_model(root: str | None, name: str, failure: str):
    """The project's validated context for a command that needs model ``name``.

    Returns None after printing every problem and ``failure`` to stderr, so a
    command never works from data/ or forms/ that the build would refuse.
    """
    from generator.build import load_all
    from generator.context import BuildOptions
    from generator.problems import errors, report
    from generator.project import Project, find_root

    project = Project(find_root(Path(root) if root else None))
    ctx, problems = load_all(project, BuildOptions(fast=True))
    if ctx is None or ctx.models.get(name) is None or errors(problems):
        print(report(problems), file=sys.stderr)
        print(failure, file=sys.stderr)
        return None
    return ctx


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator check", description="用网页上同一套规则检查一份填好的表格")
    parser.add_argument("form_id", help="表格编号，如 group-plan")
    parser.add_argument("file", help="从表格页面导出的 JSON 文件，或 {字段: 值} 的 JSON")
    parser.add_argument("--json", action="store_true", help="以 JSON 列表输出（与 window.formChecker.check 相同）")
    parser.add_argument("--root", help="项目根目录（默认：向上查找 mkdocs.yml）")
    args = parser.parse_args(argv)

    ctx = load_model(args.root, "checker", "data/ 或 forms/ 有错误，无法检查。")
    if ctx is None:
        return 2
    checker = ctx.models["checker"]
    rules = checker.forms.get(args.form_id)
    if rules is None:
        from generator.problems import suggest

        print(f"没有编号为“{args.form_id}”的表格。{suggest(args.form_id, sorted(checker.forms))}", file=sys.stderr)
        return 2
    path = Path(args.file)
    if not path.is_file():
        print(f"找不到文件：{path}", file=sys.stderr)
        return 2
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = "\x00"  # not UTF-8: reported as damaged below
    values, found = read_values(text, args.form_id)
    found = found or check(rules, values, checker.shared)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        for p in found:
            where = f"[{p['field']}] " if p["field"] else ""
            print(f"{LABEL.get(p['severity'], p['severity'])} {p['code']} {where}{p['message']}")
        n_err = sum(1 for p in found if p["severity"] == "error")
        print(f"《{rules['title']}》：{n_err} 个错误，{len(found) - n_err} 条提醒。" if found else f"《{rules['title']}》：没有发现问题。")
    return 1 if any(p["severity"] == "error" for p in found) else 0
