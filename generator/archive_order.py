"""What goes into each kind of service archive, in order (data/rules/archive_contents.yaml).

The archive chapter's big table and the per-chapter filing lists (case, group,
activity, consultation) are rendered from this one file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.context import Context
from generator.problems import Problem, suggest
from generator.yamlsrc import YamlDoc, load_yaml

NAME = "archive_order"
FILE = Path("rules") / "archive_contents.yaml"
_ITEM_KEYS = {"name", "form", "alt", "alt_name", "note"}


@dataclass(frozen=True)
class Item:
    name: str
    form: str
    alt: str
    alt_name: str
    note: str


@dataclass(frozen=True)
class ArchiveType:
    id: str
    label: str
    bag: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class ArchiveOrder:
    cite: str
    bag_cite: str
    types: tuple[ArchiveType, ...]

    def get(self, type_id: str) -> ArchiveType:
        for t in self.types:
            if t.id == type_id:
                return t
        raise KeyError(f"data/{FILE.as_posix()} 中没有档案类别“{type_id}”。{suggest(type_id, [t.id for t in self.types])}")


def parse(doc: YamlDoc, sources) -> tuple[ArchiveOrder | None, list[Problem]]:
    """Validate the document and build the model; collect every problem."""
    problems: list[Problem] = []
    data = doc.data if isinstance(doc.data, dict) else {}
    for key in ("cite", "bag_cite"):
        reason = sources.check(data.get(key))
        if reason:
            problems.append(doc.at("bad-value", key, key=key, value=data.get(key), detail=reason, hint=reason))
    types: list[ArchiveType] = []
    for i, raw in enumerate(data.get("types") or []):
        at = f"types[{i}]"
        missing = [k for k in ("id", "label", "bag", "items") if not raw.get(k)]
        for key in missing:
            problems.append(doc.at("missing-key", at, key=key, parent=at))
        if missing:
            continue
        items = []
        for j, item in enumerate(raw["items"]):
            where = f"{at}.items[{j}]"
            for key in item:
                if key not in _ITEM_KEYS:
                    problems.append(doc.at("unknown-key", f"{where}.{key}", key=key, suggestion=suggest(key, sorted(_ITEM_KEYS))))
            for key in ("name", "form"):
                if not item.get(key):
                    problems.append(doc.at("missing-key", where, key=key, parent=where))
            items.append(Item(*(str(item.get(k, "")) for k in ("name", "form", "alt", "alt_name", "note"))))
        types.append(ArchiveType(raw["id"], raw["label"], raw["bag"], tuple(items)))
    if problems:
        return None, problems
    return ArchiveOrder(data["cite"], data["bag_cite"], tuple(types)), []


def load(ctx: Context) -> tuple[ArchiveOrder | None, list[Problem]]:
    doc, problems = load_yaml(ctx.project.data / FILE, ctx.project.root)
    if doc is None:
        return None, problems
    return parse(doc, ctx.models["sources"])


def macros(ctx: Context) -> dict:
    order: ArchiveOrder = ctx.models[NAME]
    source_text = ctx.models["sources"].text

    def forms_of(context, item: Item) -> str:
        form = context.resolve("form")
        text = context.call(form, item.form, item.name)
        if item.alt:
            text += " / " + context.call(form, item.alt, item.alt_name or item.alt)
        return text

    def cite_note() -> str:
        return f'<span class="cite">来源：{escape(source_text(order.cite))}；{escape(source_text(order.bag_cite))}</span>'

    @jinja2.pass_context
    def archive_order_table(context) -> Markup:
        """``{{ archive_order_table() }}``: the four archive kinds side by side, order 1–9."""
        rows = max(len(t.items) for t in order.types)
        head = "| 顺序 | " + " | ".join(escape(t.label) for t in order.types) + " |"
        lines = [head, "| --- |" + " --- |" * len(order.types)]
        for n in range(rows):
            cells = []
            for t in order.types:
                if n < len(t.items):
                    item = t.items[n]
                    cells.append(escape(item.name) + (f"（{escape(item.note)}）" if item.note else ""))
                else:
                    cells.append("—")
            lines.append(f"| {n + 1} | " + " | ".join(cells) + " |")
        lines.append("| 装袋 | " + " | ".join(escape(t.bag) for t in order.types) + " |")
        return Markup("\n".join(lines) + "\n\n" + cite_note() + "\n")

    @jinja2.pass_context
    def archive_order_list(context, type_id: str) -> Markup:
        """``{{ archive_order_list("group") }}``: one kind's filing order with form links."""
        t = order.get(type_id)
        lines = ["| 顺序 | 来源里的名字 | 手册中的表格 |", "| --- | --- | --- |"]
        for n, item in enumerate(t.items, 1):
            note = f"（{escape(item.note)}）" if item.note else ""
            lines.append(f"| {n} | {escape(item.name)}{note} | {forms_of(context, item)} |")
        return Markup("\n".join(lines) + f"\n\n装袋：{escape(t.bag)}。" + cite_note() + "\n")

    return {"archive_order_table": archive_order_table, "archive_order_list": archive_order_list}
