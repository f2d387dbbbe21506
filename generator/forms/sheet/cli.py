"""``form-to-xlsx`` and ``form-from-xlsx``: read arguments, call the core, print, exit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.forms.sheet import export_form, import_form
from generator.problems import report
from generator.project import Project, find_root


def to_xlsx(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator form-to-xlsx", description="把一张表格的定义导出为 Excel/WPS 可编辑的 .xlsx")
    parser.add_argument("form", help="表格编号（如 case-plan）或 forms/ 下的 YAML 文件")
    parser.add_argument("out", help="要写入的 .xlsx 文件")
    parser.add_argument("--root", help="项目根目录（默认：向上查找 mkdocs.yml）")
    args = parser.parse_args(argv)
    project = Project(find_root(Path(args.root) if args.root else None))
    try:
        out = export_form(project, args.form, Path(args.out))
    except FileNotFoundError:
        print(f"找不到表格“{args.form}”：forms/ 下没有 {args.form}.yaml。用表格编号（文件名去掉 .yaml），如 case-plan。", file=sys.stderr)
        return 2
    print(f"已导出：{out}（工作表：基本信息、字段、表格列、选项、检查规则）")
    return 0


def from_xlsx(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator form-from-xlsx", description="检查一个表格定义 .xlsx，没有问题时写入 forms/<编号>.yaml")
    parser.add_argument("xlsx", help="用 form-to-xlsx 导出、在 Excel/WPS 里改过的 .xlsx 文件")
    parser.add_argument("--check", action="store_true", help="只检查，不写文件")
    parser.add_argument("--root", help="项目根目录（默认：向上查找 mkdocs.yml）")
    args = parser.parse_args(argv)
    project = Project(find_root(Path(args.root) if args.root else None))
    source = Path(args.xlsx)
    if not source.is_file():
        print(f"找不到文件：{source}", file=sys.stderr)
        return 2
    result = import_form(project, source, write=not args.check)
    if not result.ok:
        print(report(result.problems), file=sys.stderr)
        print("\n没有写入任何文件：请按上面的提示改好表格后再导入。", file=sys.stderr)
        return 1
    if result.problems:
        print(report(result.problems), file=sys.stderr)
    target = project.rel(result.target)
    sections = result.data.get("sections") or []
    counts = f"{len(sections)} 个分节，{sum(len(s.get('fields') or []) for s in sections)} 个字段，{len(result.data.get('checks') or [])} 条检查规则"
    if args.check:
        print(f"检查通过：{counts}。{'会更新' if result.changed else '与'} {target}{'' if result.changed else ' 相同，不需要导入'}。")
    elif result.written:
        print(f"已写入 {target}（{counts}）。下一步：在 data/changes.yaml 记下这次改动（target: form:{result.data['id']}），运行 snapshot，再运行 build。")
    else:
        print(f"{target} 没有变化（{counts}）。")
    return 0
