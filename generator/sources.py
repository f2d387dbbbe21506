"""The five source documents and the one citation style used everywhere.

A citation is written ``"编号 条款"`` (``"004 第三十五条"``). For the policy
collection 001 the article starts with the policy name in 《》, which then
replaces the collection title: ``"001《服务跟踪制度》二、1"`` renders as
``众爱《服务跟踪制度》二、1``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.context import Context
from generator.problems import Problem
from generator.yamlsrc import load_yaml

NAME = "sources"
FILE = "sources.yaml"
_CITE = re.compile(r"^\s*(\d{3})\s*(.*?)\s*$")


@dataclass(frozen=True)
class Document:
    code: str
    short: str
    title: str
    org: str
    seed: str
    covers: str = ""
    note: str = ""


@dataclass(frozen=True)
class Sources:
    documents: dict[str, Document]

    def parse(self, cite: str) -> tuple[Document, str] | None:
        m = _CITE.match(cite or "")
        if not m or m.group(1) not in self.documents:
            return None
        return self.documents[m.group(1)], m.group(2)

    def text(self, cite: str) -> str:
        """``众爱《服务跟踪制度》二、1`` for ``001《服务跟踪制度》二、1``."""
        parsed = self.parse(cite)
        if parsed is None:
            raise ValueError(f"无法识别的来源引用：{cite!r}")
        doc, article = parsed
        if article.startswith("《"):
            return f"{doc.short}{article}"
        return f"{doc.short}《{doc.title}》{article}".rstrip()

    def check(self, cite: str) -> str | None:
        """None when ``cite`` is well formed, else a plain-Chinese reason."""
        if not isinstance(cite, str) or self.parse(cite) is None:
            codes = "、".join(self.documents)
            return f"引用应写成“编号 条款”，编号是 {codes} 之一，如 \"004 第三十五条\""
        return None


def load(ctx: Context) -> tuple[Sources | None, list[Problem]]:
    doc, problems = load_yaml(ctx.project.data / FILE, ctx.project.root)
    if doc is None:
        return None, problems
    docs = {}
    for code, item in (doc.data or {}).get("documents", {}).items():
        try:
            docs[str(code)] = Document(code=str(code), **item)
        except TypeError as exc:
            problems.append(doc.at("bad-value", f"documents.{code}", key=code, value=item, detail=str(exc), hint="只用 short、title、org、seed、covers、note 这几个键。"))
    return Sources(docs), problems


def macros(ctx: Context) -> dict:
    sources: Sources = ctx.models[NAME]

    def cite(*cites: str) -> Markup:
        """Inline source note: ``{{ cite("004 第三十五条") }}``."""
        parts = "；".join(str(escape(sources.text(c))) for c in cites)
        return Markup(f'<span class="cite">来源：{parts}</span>')

    return {"cite": cite, "source_text": sources.text, "documents": sources.documents}
