"""``snapshot``: record the current adopted values as the release's snapshot."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.problems import report
from generator.project import Project, find_root
from generator.upkeep import review
from generator.upkeep.changes import FILE as CHANGES_FILE
from generator.upkeep.changes import parse_changes
from generator.upkeep.snapshot import FILE, Snapshot, current_values, describe, read_snapshot, unrecorded, write_snapshot
from generator.yamlsrc import load_yaml


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator snapshot", description="记好 data/changes.yaml 之后，把现在的采用值存为快照 data/snapshot/adopted.json")
    parser.add_argument("--force", action="store_true", help="有改动没有记录时也写快照（不推荐）")
    parser.add_argument("--root", help="项目根目录（默认：向上查找 mkdocs.yml）")
    args = parser.parse_args(argv)
    project = Project(find_root(Path(args.root) if args.root else None))
    values, unreadable = current_values(project)
    if unreadable:
        print(f"这些文件读不出来，先改好再更新快照：{'、'.join(sorted(unreadable))}（运行 build 可看到具体问题）", file=sys.stderr)
        return 1
    doc, problems = load_yaml(project.data / CHANGES_FILE, project.root)
    if doc is None:
        print(report(problems), file=sys.stderr)
        return 1
    known = {}
    old = read_snapshot(project) or Snapshot("", frozenset(), {})
    for target in list(values) + list(old.values):
        kind, _, name = target.partition(":")
        known.setdefault(kind, set()).add(name)
    known.setdefault("data", set()).update(p.relative_to(project.root).as_posix() for p in project.data.rglob("*") if p.is_file())
    changes, problems = parse_changes(doc, known, review.today())
    if problems:
        print(report(problems), file=sys.stderr)
        print("\n快照没有更新：先改好 data/changes.yaml。", file=sys.stderr)
        return 1
    missing = unrecorded(values, old, changes) if old.values else []
    if missing and not args.force:
        for target, a, b in missing:
            print(f"  {target}：{describe(a, b)}", file=sys.stderr)
        print(f"\n这 {len(missing)} 项改动还没有记入 data/changes.yaml，快照没有更新。先记录（target 写上面的名字），再运行本命令。", file=sys.stderr)
        return 1
    changed = [t for t in sorted(set(values) | set(old.values)) if values.get(t) != old.values.get(t)]
    # An entry is taken into the snapshot once its target's value is there; one
    # written ahead (a file still to be merged) keeps covering that file until then.
    present = set(values) | set(old.values)
    recorded = [f"{c.date} {t}" for c in changes.entries for t in c.targets if t in present or t == "site"]
    path = write_snapshot(project, values, recorded, review.today().isoformat())
    print(f"已更新 {project.rel(path)}：{len(values)} 项采用值，其中 {len(changed)} 项与上次快照不同；修订记录 {len(changes.entries)} 条。")
    return 0
