"""The change record (data/changes.yaml): every change to a rule, threshold,
deadline, form or setting, with old → new, why and who approved it.

Pure: ``parse_changes`` takes the parsed document and the names that exist.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Problem, suggest
from generator.yamlsrc import YamlDoc

FILE = Path("changes.yaml")
KEYS = {
    "date": "日期（YYYY-MM-DD）",
    "target": "改了什么：rule:规则编号、form:表格编号、setting:设置项、data:数据文件路径，或 site（全站）",
    "summary": "一句话说明改动",
    "old": "改之前（新增时可不写）",
    "new": "改之后",
    "why": "为什么改",
    "approved_by": "谁批准的",
}
REQUIRED = ("date", "target", "summary", "why", "approved_by")
TARGET_KINDS = {"rule": "时限规则", "form": "表格", "setting": "机构设置", "data": "数据文件"}


@dataclass(frozen=True)
class Change:
    """One entry of the change record."""

    date: str
    targets: tuple[str, ...]
    summary: str
    why: str
    approved_by: str
    old: str = ""
    new: str = ""

    def keys(self) -> list[str]:
        """``"2026-11-29 rule:group_archive"``: how the snapshot remembers it was recorded."""
        return [f"{self.date} {t}" for t in self.targets]


@dataclass(frozen=True)
class Changes:
    entries: tuple[Change, ...]  # newest first

    def for_target(self, target: str) -> list[Change]:
        return [c for c in self.entries if target in c.targets]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def parse_changes(doc: YamlDoc, known: dict[str, set[str]], today: dt.date) -> tuple[Changes, list[Problem]]:
    """Validate the record; ``known`` maps a target kind to the names that exist."""
    problems: list[Problem] = []
    data = doc.data if isinstance(doc.data, dict) else {}
    items = data.get("changes")
    if not isinstance(items, list):
        return Changes(()), [doc.at("missing-key", "changes", key="changes", parent="文件顶层")]
    entries: list[Change] = []
    for i, item in enumerate(items):
        at = f"changes[{i}]"
        if not isinstance(item, dict):
            problems.append(doc.at("wrong-type", at, key=at, expected="映射（date: …、target: … 等）", actual=type(item).__name__, value=item))
            continue
        bad = False
        for key in item:
            if key not in KEYS:
                problems.append(doc.at("unknown-key", f"{at}.{key}", key=key, suggestion=suggest(str(key), KEYS)))
        for key in REQUIRED:
            if item.get(key) in (None, "", []):
                problems.append(doc.at("missing-key", at, key=key, parent=f"{at}（{KEYS[key]}）"))
                bad = True
        date = item.get("date")
        date_text = date.isoformat() if isinstance(date, dt.date) else str(date or "")
        if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_text):
            problems.append(doc.at("bad-value", f"{at}.date", key="date", value=date_text, detail="日期要写成 YYYY-MM-DD。", hint="如 2027-01-15。"))
            bad = True
        elif date is not None and date_text > today.isoformat():
            problems.append(doc.at("bad-value", f"{at}.date", key="date", value=date_text, detail="日期在今天之后。", hint="写改动生效（批准）的日期，不要写将来的日期。"))
        targets = item.get("target")
        targets = [targets] if isinstance(targets, str) else list(targets or [])
        for j, target in enumerate(targets):
            reason = _target_problem(str(target), known)
            if reason:
                problems.append(doc.at("unknown-reference", f"{at}.target", key="target", kind=reason[0], value=target, suggestion=reason[1]))
                bad = True
        if bad:
            continue
        entries.append(Change(
            date=date_text, targets=tuple(str(t) for t in targets), summary=_text(item["summary"]), why=_text(item["why"]),
            approved_by=_text(item["approved_by"]), old=_text(item.get("old")), new=_text(item.get("new")),
        ))
    entries.sort(key=lambda c: c.date, reverse=True)
    return Changes(tuple(entries)), problems


def _target_problem(target: str, known: dict[str, set[str]]) -> tuple[str, str] | None:
    if target == "site":
        return None
    kind, _, name = target.partition(":")
    if kind not in TARGET_KINDS or not name:
        return "修订对象", f"写成 {'、'.join(k + ':…' for k in TARGET_KINDS)} 或 site，如 rule:group_plan_submit。"
    names = known.get(kind, set())
    if kind == "data" and re.fullmatch(r"data/[\w/.-]+\.(ya?ml|csv)", name):
        return None  # a data file may be recorded before it lands (a new year's holidays)
    if name not in names:
        return TARGET_KINDS[kind], suggest(name, sorted(names))
    return None
