"""``python -m generator attainment -``: JSON in on stdin (or a file), JSON out.

A thin shell around :func:`generator.indicators.attainment.attainment`: bad
input prints the reasons to stderr and exits 2; broken data exits 1.
"""

from __future__ import annotations

import argparse
import json
import sys

USAGE_EXAMPLE = '{"post_type": "specialized", "posts": 1, "satisfaction": 0.86, "counts": {"professional_case": 28}}'


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator attainment",
        description="按《服务手册》年度量化指标计算岗位（或团队）达标情况。输入、输出均为 JSON。",
        epilog=f"示例：echo '{USAGE_EXAMPLE}' | python -m generator attainment -",
    )
    parser.add_argument("input", help="输入 JSON 文件；写 - 表示从标准输入读取")
    parser.add_argument("--indent", type=int, default=None, help="输出缩进（默认单行）")
    args = parser.parse_args(argv)

    from generator.indicators.attainment import AttainmentInputError, attainment
    from generator.problems import ProblemsFound, report

    try:
        text = sys.stdin.read() if args.input == "-" else open(args.input, encoding="utf-8-sig").read()
    except OSError as exc:
        print(f"无法读取输入文件：{exc}", file=sys.stderr)
        return 2
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        print(f"输入不是合法的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{exc.msg}", file=sys.stderr)
        return 2
    try:
        result = attainment(data)
    except AttainmentInputError as exc:
        print("输入有误：\n  " + "\n  ".join(exc.problems), file=sys.stderr)
        return 2
    except ProblemsFound as exc:
        print(report(exc.problems), file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=args.indent))
    return 0
