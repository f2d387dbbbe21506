"""Organisation settings (data/settings.yaml): declared once, typed, validated."""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems import Problem
from generator.project import Project
from generator.yamlsrc import load_yaml

FILE = "settings.yaml"


@dataclass(frozen=True)
class Settings:
    org_name: str
    org_short: str
    # situations the sources leave open: key -> {title, sources, adopted} (see glance.py)
    judgements: dict
    site_name: str
    city: str
    draft_max_age_days: int
    # where the sources name no approver, the one the organisation adopts (key -> who)
    approvers: dict


_FIELDS = {
    "org_name": str,
    "org_short": str,
    "judgements": dict,
    "site_name": str,
    "city": str,
    "draft_max_age_days": int,
    "approvers": dict,
}


def load(project: Project) -> tuple[Settings | None, list[Problem]]:
    doc, problems = load_yaml(project.data / FILE, project.root)
    if doc is None:
        return None, problems
    data = doc.data if isinstance(doc.data, dict) else {}
    for key, typ in _FIELDS.items():
        if key not in data:
            problems.append(doc.at("missing-key", key, key=key, parent="文件顶层"))
        elif not isinstance(data[key], typ) or isinstance(data[key], bool):
            expected = {str: "文字", int: "整数", dict: "“键: 值”的映射"}[typ]
            problems.append(
                doc.at("wrong-type", key, key=key, expected=expected, actual=type(data[key]).__name__, value=data[key])
            )
    from generator.problems import suggest

    for key in data:
        if key not in _FIELDS:
            problems.append(doc.at("unknown-key", key, key=key, suggestion=suggest(key, _FIELDS)))
    if problems:
        return None, problems
    return Settings(**{k: data[k] for k in _FIELDS}), []
