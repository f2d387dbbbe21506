"""Load YAML and remember where each key came from, for problem locations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem, problem


@dataclass(frozen=True)
class YamlDoc:
    """A parsed YAML file plus a map from dotted key path to 1-based line."""

    file: str
    data: Any
    lines: dict[str, int]

    def line(self, path: str) -> int | None:
        """Line of ``path`` or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = _parent(path)
        return self.lines.get("", 1)

    def at(self, code: str, path: str, **params) -> Problem:
        """A problem located at key path ``path`` of this file."""
        line = self.line(path)
        location = f"第 {line} 行，{path}" if path else f"第 {line} 行"
        return problem(code, self.file, location, line=line, **params)


def _parent(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rsplit(".", 1)[0] if "." in path else ""


def _walk(node: yaml.Node, path: str, lines: dict[str, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value
            child = f"{path}.{k}" if path else str(k)
            lines[child] = key.start_mark.line + 1
            _walk(value, child, lines)
            lines[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, f"{path}[{i}]", lines)


def parse_yaml(text: str, file: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse ``text``; on a syntax error return a located problem instead."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        detail = getattr(exc, "problem", None) or str(exc)
        source_line = text.splitlines()[line - 1].strip() if line and line <= len(text.splitlines()) else ""
        if source_line:
            detail = f"{detail}（该行内容：{source_line}）"
        location = f"第 {line} 行" if line else ""
        return None, [problem("yaml-syntax", file, location, line=line, detail=detail)]
    lines: dict[str, int] = {}
    if node is not None:
        _walk(node, "", lines)
    return YamlDoc(file=file, data=data, lines=lines), []


def load_yaml(path: Path, root: Path) -> tuple[YamlDoc | None, list[Problem]]:
    rel = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
    return parse_yaml(path.read_text(encoding="utf-8"), rel)
