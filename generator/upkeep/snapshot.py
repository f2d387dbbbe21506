"""The adopted values of the last release (data/snapshot/adopted.json).

Every rule's adopted value, every setting, every form's definition and every
other data file are reduced to comparable values. The build compares them with
the snapshot: a value that differs without an entry in data/changes.yaml is a
build problem. ``python -m generator snapshot`` records the current values
after the change has been written down.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.project import Project

FILE = Path("snapshot") / "adopted.json"
RULE_KEYS = ("event", "amount", "unit", "direction", "who", "to", "forms")
# Data files compared as a whole (by a hash of their parsed content, so comments do not count).
DATA_GLOBS = ("rules/termination_conditions.yaml", "rules/archive_contents.yaml", "scoring/*.yaml", "indicators/*.csv", "tables/*.csv", "calendar/*.yaml")


def _digest(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _load(path: Path) -> Any:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.reader(fh))
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _form_value(data: dict) -> dict:
    """What a reader sees of a form, plus a hash of the whole definition."""
    fields = {}
    for section in data.get("sections") or []:
        for f in section.get("fields") or []:
            fields[f.get("id")] = "｜".join(str(x) for x in (f.get("label"), f.get("type"), "必填" if f.get("required") else ""))
    return {"title": data.get("title"), "fields": fields, "hash": _digest(data)}


def _try_load(path: Path) -> tuple[bool, Any]:
    """A file's content, or (False, None) when it does not parse (its own step reports that)."""
    try:
        return True, _load(path)
    except (yaml.YAMLError, csv.Error, UnicodeDecodeError, OSError):
        return False, None


def current_values(project: Project) -> tuple[dict[str, Any], set[str]]:
    """Target → adopted value, read straight from data/ and forms/; and the target
    prefixes that could not be read (not compared, so one broken file is one problem)."""
    values: dict[str, Any] = {}
    unreadable: set[str] = set()
    ok, deadlines = _try_load(project.data / "rules" / "deadlines.yaml")
    if not ok or not isinstance(deadlines, dict):
        unreadable.add("rule:")
        deadlines = {}
    for rule in deadlines.get("rules") or []:
        if not isinstance(rule, dict) or not isinstance(rule.get("adopted") or {}, dict):
            continue
        adopted = rule.get("adopted") or {}
        value = {"event": rule.get("event"), **{k: adopted.get(k) for k in RULE_KEYS if k != "event"}}
        values[f"rule:{rule.get('id')}"] = value
    ok, settings = _try_load(project.data / "settings.yaml")
    if not ok or not isinstance(settings, dict):
        unreadable.add("setting:")
        settings = {}
    for key, value in settings.items():
        values[f"setting:{key}"] = value
    for path in sorted(project.forms.glob("*.yaml")):
        ok, data = _try_load(path)
        if ok and isinstance(data, dict):
            values[f"form:{path.stem}"] = _form_value(data)
        else:
            unreadable.add(f"form:{path.stem}")
    for pattern in DATA_GLOBS:
        for path in sorted(project.data.glob(pattern)):
            target = f"data:{path.relative_to(project.root).as_posix()}"
            ok, data = _try_load(path)
            if ok:
                values[target] = _digest(data)
            else:
                unreadable.add(target)
    return values, unreadable


@dataclass(frozen=True)
class Snapshot:
    taken: str
    recorded: frozenset[str]
    values: dict[str, Any] = field(default_factory=dict)


def read_snapshot(project: Project) -> Snapshot | None:
    path = project.data / FILE
    if not path.is_file():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Snapshot(raw.get("taken", ""), frozenset(raw.get("recorded") or ()), raw.get("values") or {})


def write_snapshot(project: Project, values: dict[str, Any], recorded: list[str], taken: str) -> Path:
    path = project.data / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {
        "说明": "上次发布时采用的数值。由 python -m generator snapshot 生成，不要手改；改动先记入 data/changes.yaml。",
        "taken": taken,
        "recorded": sorted(recorded),
        "values": dict(sorted(values.items())),
    }
    path.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def describe(old: Any, new: Any) -> str:
    """A short 'old → new' for a problem message."""
    if old is None:
        return "新增"
    if new is None:
        return "已删除"
    if isinstance(old, dict) and isinstance(new, dict):
        parts = []
        for key in list(dict.fromkeys([*old, *new])):
            if key == "hash" or old.get(key) == new.get(key):
                continue
            a, b = old.get(key), new.get(key)
            if isinstance(a, dict) and isinstance(b, dict):
                for sub in dict.fromkeys([*a, *b]):
                    if a.get(sub) != b.get(sub):
                        parts.append(f"{sub}：{a.get(sub) or '（无）'} → {b.get(sub) or '（无）'}")
            else:
                parts.append(f"{key}：{a} → {b}")
        return "；".join(parts[:4]) + ("；……" if len(parts) > 4 else "") if parts else "定义有改动（字段以外的内容）"
    return f"{old} → {new}" if not isinstance(old, str) or len(old) < 40 else "内容有改动"


def unrecorded(values: dict[str, Any], snapshot: Snapshot, changes, unreadable: set[str] = frozenset()) -> list[tuple[str, Any, Any]]:
    """Targets whose value differs from the snapshot with no new change entry for them."""
    out = []
    for target in sorted(set(values) | set(snapshot.values)):
        old, new = snapshot.values.get(target), values.get(target)
        if old == new or any(target.startswith(prefix) for prefix in unreadable):
            continue
        if any(f"{c.date} {target}" not in snapshot.recorded for c in changes.for_target(target)):
            continue
        out.append((target, old, new))
    return out
