"""Thin command line: parse arguments, call the core, print, exit."""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

from generator.problems import ProblemsFound, report
from generator.project import Project, find_root

# Commands whose core lives in a feature package: "name": ("module", "function", "help").
# Each function takes (args: list[str]) and returns an exit code.
EXTRA_COMMANDS: dict[str, tuple[str, str, str]] = {
    "check": ("generator.checker.cli", "main", "检查一份填好的表格（JSON），有错误时退出码非零"),
    "score": ("generator.scoring.cli", "main", "督导助理选拔总成绩：从标准输入读 JSON，输出计分结果 JSON"),
    "attainment": ("generator.indicators.cli", "main", "年度服务指标达标计算：JSON 从标准输入读入，结果 JSON 输出"),
    "fill": ("generator.forms.fill_cli", "main", "把表格页导出的 JSON 填进这张表的 Word 文件（与页面上“下载已填写的 Word 文件”相同）"),
    "form-to-xlsx": ("generator.forms.sheet.cli", "to_xlsx", "把一张表格的定义导出为 .xlsx（Excel/WPS 编辑）"),
    "snapshot": ("generator.upkeep.cli", "main", "记好 data/changes.yaml 后，更新采用值快照 data/snapshot/adopted.json"),
    "form-from-xlsx": ("generator.forms.sheet.cli", "from_xlsx", "检查改好的 .xlsx，没有问题时写入 forms/<编号>.yaml"),
}


def _project(args) -> Project:
    return Project(find_root(Path(args.root) if args.root else None))


def cmd_build(args) -> int:
    from generator.build import Timings, build
    from generator.context import BuildOptions

    project = _project(args)
    timings = Timings()
    started = time.perf_counter()
    try:
        site = build(project, Path(args.site_dir) if args.site_dir else None, timings, BuildOptions(fast=args.fast))
    except ProblemsFound as exc:
        print(report(exc.problems), file=sys.stderr)
        print("\n构建失败：上一次成功构建的 site/ 没有改动。", file=sys.stderr)
        return 1
    took = time.perf_counter() - started
    phases = "，".join(f"{k} {v:.1f}s" for k, v in timings.phases.items())
    print(f"站点已生成：{project.rel(site)}（{took:.1f} 秒；{phases}）")
    return 0


def cmd_generate(args) -> int:
    from generator.build import generate

    project = _project(args)
    try:
        generate(project)
    except ProblemsFound as exc:
        print(report(exc.problems), file=sys.stderr)
        return 1
    print(f"已生成 {project.rel(project.docs)} 和 {project.rel(project.theme)}；现在可以运行 mkdocs build。")
    return 0


def cmd_serve(args) -> int:
    from generator.serve import serve

    return serve(_project(args), host=args.host, port=args.port)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in EXTRA_COMMANDS:
        module, function, _help = EXTRA_COMMANDS[argv[0]]
        return getattr(importlib.import_module(module), function)(argv[1:])

    parser = argparse.ArgumentParser(prog="python -m generator", description="社工服务标准手册：校验数据、生成页面、构建站点")
    parser.add_argument("--root", help="项目根目录（默认：向上查找 mkdocs.yml）")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="校验 data/ 和 forms/，生成页面，构建 site/")
    p.add_argument("--site-dir", help="输出目录（默认 site/）")
    p.add_argument("--fast", action="store_true", help="跳过 PDF、Word、Excel 下载文件（只用于开发预览）")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("generate", help="只做预构建：校验并写入 build/，之后可直接 mkdocs build")
    p.set_defaults(func=cmd_generate)
    p = sub.add_parser("serve", help="构建并在 127.0.0.1:8000 预览，修改后自动刷新")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    for name, (_m, _f, help_text) in EXTRA_COMMANDS.items():
        sub.add_parser(name, help=help_text, add_help=False)
    args = parser.parse_args(argv)
    return args.func(args)
