"""Write a form definition as YAML in the hand-written style of ``forms/*.yaml``.

When the form already has a file, every part whose value did not change is
copied from that file line for line (comments and quoting included), so an
unchanged form is written back byte for byte and an edited label changes one
line. New or changed parts are written in the house style: short field and
check mappings on one line (``- {id: x, label: 名称, type: text}``), tables and
sections as blocks.

Pure: text in, text out.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

# Top-level keys in the order the hand-written files use; keys the schema adds
# later follow in schema order.
TOP_ORDER = (
    "id", "title", "aliases", "category", "also_in", "stage", "procedure", "purpose", "sources",
    "deadlines", "signers", "domain_field", "print", "sections", "checks",
)
# Lists whose items the house style always quotes (citations contain spaces and digits).
QUOTED_LISTS = {"sources"}

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _plain_ok(text: str) -> bool:
    """True when ``text`` reads back as itself unquoted, in flow and block context."""
    if text == "" or text != text.strip() or "\n" in text:
        return False
    if any(c in text for c in ",[]{}#&*!|>'\"%@`") or ": " in text or text.endswith(":") or text.startswith(("- ", "? ")):
        return False
    try:
        return yaml.load(f"k: [{text}]", Loader=_Loader) == {"k": [text]} and yaml.load(f"k: {text}", Loader=_Loader) == {"k": text}
    except yaml.YAMLError:
        return False


def scalar(value: Any, quote: bool = False) -> str:
    """One scalar as YAML that reads back as the same value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if not quote and _plain_ok(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flowable(value: Any) -> bool:
    if isinstance(value, dict):
        return all(not isinstance(v, (dict, list)) or (isinstance(v, list) and all(not isinstance(i, (dict, list)) for i in v)) for v in value.values())
    return isinstance(value, list) and all(not isinstance(i, (dict, list)) for i in value)


def flow(value: Any, quote: bool = False) -> str:
    """A list of scalars as ``[a, b]`` or a shallow mapping as ``{k: v, …}``."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v, quote=k in QUOTED_LISTS)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v, quote) for v in value) + "]"
    return scalar(value, quote)


def _ordered(value: dict, hint: list[str] | None) -> dict:
    """Keys in the order of ``hint`` (the old file's), new keys after, in their own order."""
    if not hint:
        return value
    known = [k for k in hint if k in value]
    return {k: value[k] for k in known + [k for k in value if k not in known]}


def fresh_pair(key: str, value: Any, indent: int, hint: dict | None = None) -> list[str]:
    """``key: value`` as lines in the house style, at ``indent`` spaces."""
    pad = " " * indent
    if isinstance(value, list) and value and all(isinstance(i, dict) for i in value):
        lines = [f"{pad}{key}:"]
        for item in value:
            lines += fresh_item(item, indent + 2, (hint or {}).get(key))
        return lines
    if isinstance(value, dict):
        lines = [f"{pad}{key}:"]
        for k, v in _ordered(value, list((hint or {}).get(key) or ())).items():
            lines += fresh_pair(k, v, indent + 2)
        return lines
    if isinstance(value, list):
        return [f"{pad}{key}: {flow(value, quote=key in QUOTED_LISTS)}"]
    return [f"{pad}{key}: {scalar(value)}"]


def fresh_item(item: Any, indent: int, order: list[str] | None = None) -> list[str]:
    """One ``- …`` sequence item: a flow mapping when shallow, else a block."""
    pad = " " * indent
    if not isinstance(item, dict):
        return [f"{pad}- {scalar(item)}"]
    item = _ordered(item, order)
    if _flowable(item):
        return [f"{pad}- {flow(item)}"]
    lines: list[str] = []
    for k, v in item.items():
        lines += fresh_pair(k, v, indent + 2)
    lines[0] = pad + "- " + lines[0][indent + 2:]
    return lines


# ---- copying unchanged parts from the old file -----------------------------

def _value(node: yaml.Node) -> Any:
    return yaml.load(yaml.serialize(node), Loader=_Loader) if node is not None else None


class _Old:
    """The old file's text and node tree, with helpers to copy spans of it."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.root = yaml.compose(text, Loader=yaml.SafeLoader)

    def span(self, start: int, end: int) -> list[str]:
        return self.lines[start:end]


def _children_spans(starts: list[int], end: int) -> list[tuple[int, int]]:
    """Line spans of siblings: each runs to the next one's start (or the parent's end)."""
    return [(s, starts[i + 1] if i + 1 < len(starts) else end) for i, s in enumerate(starts)]


def _trim(lines: list[str]) -> list[str]:
    """Drop blank lines at the end of a copied span (the parent adds its own)."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def _key_order(node: yaml.Node) -> list[str]:
    return [k.value for k, _ in node.value] if isinstance(node, yaml.MappingNode) else []


def _mapping(old: _Old, node: yaml.MappingNode, value: dict, indent: int, end: int) -> list[str]:
    """A block mapping: unchanged pairs copied, changed ones re-emitted or recursed into."""
    pairs = {k.value: (k, v) for k, v in node.value}
    spans = dict(zip(pairs, _children_spans([k.start_mark.line for k, _ in node.value], end)))
    out: list[str] = []
    for key, new in value.items():
        if key not in pairs:
            out += fresh_pair(key, new, indent)
            continue
        knode, vnode = pairs[key]
        start, stop = spans[key]
        if _value(vnode) == new:
            out += _trim(old.span(start, stop))
        elif isinstance(vnode, yaml.MappingNode) and not vnode.flow_style and isinstance(new, dict):
            out += [old.lines[start]] + _mapping(old, vnode, new, indent + 2, stop)
        elif isinstance(vnode, yaml.SequenceNode) and not vnode.flow_style and isinstance(new, list) and new and all(isinstance(i, dict) for i in new):
            out += [old.lines[start]] + _sequence(old, vnode, new, stop)
        else:
            hint = {key: _key_order(vnode)} if isinstance(vnode, yaml.MappingNode) else None
            out += fresh_pair(key, new, indent, hint)
    return out


def _identity(value: Any) -> Any:
    """What makes two versions of an item 'the same item': a field's id, a section's title."""
    if isinstance(value, dict):
        return value.get("id") or value.get("title")
    return None


def _sequence(old: _Old, node: yaml.SequenceNode, items: list, end: int) -> list[str]:
    """A block sequence of mappings: each new item copies an equal old item, or is
    re-emitted in the style (and key order) of the old item with the same id."""
    olds = [(n, _value(n)) for n in node.value]
    spans = _children_spans([n.start_mark.line for n in node.value], end)
    indent = node.value[0].start_mark.column - 2 if node.value else 2
    used: set[int] = set()
    out: list[str] = []
    for pos, item in enumerate(items):
        match = next((i for i, (_, v) in enumerate(olds) if i not in used and v == item), None)
        if match is not None:
            used.add(match)
            out += _trim(old.span(*spans[match]))
            continue
        ident = _identity(item)
        same = next((i for i, (_, v) in enumerate(olds) if i not in used and ident is not None and _identity(v) == ident), None)
        if same is None and pos < len(olds) and pos not in used and ident is None:
            same = pos
        if same is not None:
            used.add(same)
            onode = olds[same][0]
            if isinstance(onode, yaml.MappingNode) and not onode.flow_style and isinstance(item, dict):
                start, stop = spans[same]
                first = onode.value[0][0].start_mark
                body = _mapping(old, onode, item, first.column, stop)
                dash = " " * (first.column - 2) + "- "
                if body and body[0].startswith(" " * first.column):
                    body[0] = dash + body[0][first.column:]
                if body and body[0].startswith(dash):
                    out += body
                    continue
            out += fresh_item(item, indent, _key_order(onode))
            continue
        out += fresh_item(item, indent)
    return out


def dump_form(data: dict, old_text: str | None = None) -> str:
    """The YAML text of ``data``; reuses ``old_text`` wherever the value is unchanged.

    Args:
        data: A form definition (the mapping ``forms/<id>.yaml`` holds).
        old_text: The current file, if there is one.

    Returns:
        Text that ``yaml.safe_load`` reads back as ``data``.
    """
    data = _ordered(data, [k for k in TOP_ORDER if k in data])
    if old_text is not None:
        try:
            if yaml.load(old_text, Loader=_Loader) == data:
                return old_text
            old = _Old(old_text)
        except yaml.YAMLError:
            old = None
        if old is not None and isinstance(old.root, yaml.MappingNode):
            data = _ordered(data, _key_order(old.root))
            first = old.root.value[0][0].start_mark.line if old.root.value else 0
            lines = old.lines[:first] + _mapping(old, old.root, data, 0, len(old.lines))
            return "\n".join(lines) + "\n"
    lines: list[str] = []
    for key, value in data.items():
        lines += fresh_pair(key, value, 0)
    return "\n".join(lines) + "\n"
