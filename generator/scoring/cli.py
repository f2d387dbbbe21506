"""``python -m generator score -``: one input JSON on stdin → result JSON on stdout.

Bad input exits 1 (2 for unreadable JSON) with one message per line on stderr
and prints nothing on stdout, so a script can never mistake it for a score.
"""

from __future__ import annotations

import json
import sys

USAGE = "用法：python -m generator score -      （从标准输入读一个 JSON 对象）\n      python -m generator score 文件.json"


def main(args: list[str]) -> int:
    """Entry point registered in generator/cli.py EXTRA_COMMANDS."""
    from generator.scoring.core import score
    from generator.scoring.inputs import ScoreInputError

    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(USAGE, file=sys.stderr)
        return 0 if args and args[0] in ("-h", "--help") else 2
    try:
        text = sys.stdin.read() if args[0] == "-" else open(args[0], encoding="utf-8").read()
    except OSError as exc:
        print(f"无法读取输入文件：{exc}", file=sys.stderr)
        return 2
    try:
        data = json.loads(text, parse_constant=lambda name: float("nan"))
    except json.JSONDecodeError as exc:
        print(f"input：不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）", file=sys.stderr)
        return 2
    try:
        result = score(data)
    except ScoreInputError as exc:
        print("输入有误，未计算成绩：", file=sys.stderr)
        for line in exc.errors:
            print(f"  {line}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
