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


# libyaml (C) when PyYAML was built with it: several times faster than the
# pure-Python parser, which took most of the validate phase (74 forms + data).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _lenient_timestamp(loader, node):
    # PyYAML raised a bare ValueError for an impossible date (2028-02-30) and
    # the whole file failed without a place: keep the text, so the file's own
    # validator reports the bad date at its key path.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


class _FastLoader(_FAST_LOADER):
    pass


class _SafeLoader(yaml.SafeLoader):
    pass


for _loader in (_FastLoader, _SafeLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)


def _lines_and_data(text: str, loader_class) -> tuple[dict[str, int], Any]:
    """Key-path line numbers and the data from one parse, where ``yaml.compose``
    plus ``yaml.safe_load`` took two. Lines are read before constructing: the
    constructor rewrites merge keys (``<<``) in the node tree."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        lines: dict[str, int] = {}
        if node is None:
            return lines, None
        _walk(node, "", lines)
        return lines, loader.construct_document(node)
    finally:
        loader.dispose()


def _parse(text: str) -> tuple[dict[str, int], Any]:
    try:
        return _lines_and_data(text, _FastLoader)
    except yaml.YAMLError:
        # libyaml words its errors differently: parse again with the pure-Python
        # parser so authors get the same message and line as always.
        return _lines_and_data(text, _SafeLoader)


def parse_yaml(text: str, file: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse ``text``; on a syntax error return a located problem instead."""
    try:
        lines, data = _parse(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        detail = getattr(exc, "problem", None) or str(exc)
        source_line = text.splitlines()[line - 1].strip() if line and line <= len(text.splitlines()) else ""
        if source_line:
            detail = f"{detail}（该行内容：{source_line}）"
        location = f"第 {line} 行" if line else ""
        return None, [problem("yaml-syntax", file, location, line=line, detail=detail)]
    return YamlDoc(file=file, data=data, lines=lines), []


def load_yaml(path: Path, root: Path) -> tuple[YamlDoc | None, list[Problem]]:
    rel = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
    return parse_yaml(path.read_text(encoding="utf-8"), rel)
