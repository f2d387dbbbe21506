"""The five source documents and the one citation style used everywhere.

A citation is written ``"编号 条款"`` (``"004 第三十五条"``). For the policy
collection 001 the article starts with the policy name in 《》, which then
replaces the collection title: ``"001《服务跟踪制度》二、1"`` renders as
``众爱《服务跟踪制度》二、1``. For 002 the article starts with the domain
(``"002 老年人 第一节 四"``). ``parts`` and ``sections`` in sources.yaml say
which policy or domain names and which article shapes a citation may use, so
one source is never cited under two names.
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
    parts: tuple[str, ...] = ()
    sections: str = ""

    def check_article(self, article: str) -> str | None:
        """None when ``article`` names a known part and a section of the right shape."""
        rest = article
        if self.parts:
            if article.startswith("《"):
                part, _, rest = article[1:].partition("》")
            else:
                part, _, rest = article.partition(" ")
            if part not in self.parts:
                return f"{self.short}没有“{part}”这一部分，只能写 " + "、".join(self.parts)
            rest = rest.strip()
            if not rest and article.startswith("《"):
                return None  # a whole policy of the collection is itself a section
        if not rest:
            return f"引用{self.short}要写到条款（章、条或节），如 {self.example()}"
        if self.sections and not re.match(self.sections, rest):
            return f"条款“{rest}”不是{self.short}的条款写法，应类似 {self.example()}"
        return None

    def example(self) -> str:
        return {"000": "\"000 第四章第二条\"", "001": "\"001《服务跟踪制度》二、1\"", "002": "\"002 老年人 第一节 四（三）3\"", "003": "\"003 五、（二）1\"", "004": "\"004 第三十五条\""}.get(self.code, f"\"{self.code} 第一条\"")


@dataclass(frozen=True)
class Sources:
    documents: dict[str, Document]
    mentioned: tuple[str, ...] = ()

    def titles(self) -> set[str]:
        """Every document title a page may write in 《》: sources, their parts, documents they mention."""
        names = set(self.mentioned)
        for doc in self.documents.values():
            names.add(doc.title)
            names.update(doc.parts)
        return names

    def parse(self, cite: str) -> tuple[Document, str] | None:
        m = _CITE.match(cite or "")
        if not m or m.group(1) not in self.documents:
            return None
        return self.documents[m.group(1)], m.group(2)

    def text(self, cite: str) -> str:
        """``众爱《服务跟踪制度》二、1`` for ``001《服务跟踪制度》二、1``."""
        parsed = self.parse(cite)
        reason = self.check(cite)
        if parsed is None or reason:
            raise ValueError(f"无法识别的来源引用：{cite!r}。{reason}")
        doc, article = parsed
        if article.startswith("《"):
            return f"{doc.short}{article}"
        return f"{doc.short}《{doc.title}》{article}".rstrip()

    def check(self, cite: str) -> str | None:
        """None when ``cite`` is well formed, else a plain-Chinese reason."""
        parsed = self.parse(cite) if isinstance(cite, str) else None
        if parsed is None:
            codes = "、".join(self.documents)
            return f"引用应写成“编号 条款”，编号是 {codes} 之一，如 \"004 第三十五条\""
        doc, article = parsed
        return doc.check_article(article)


def load(ctx: Context) -> tuple[Sources | None, list[Problem]]:
    doc, problems = load_yaml(ctx.project.data / FILE, ctx.project.root)
    if doc is None:
        return None, problems
    docs = {}
    for code, item in (doc.data or {}).get("documents", {}).items():
        try:
            item = {**item, "parts": tuple(item.get("parts") or ())}
            docs[str(code)] = Document(code=str(code), **item)
            re.compile(docs[str(code)].sections)
        except TypeError as exc:
            problems.append(doc.at("bad-value", f"documents.{code}", key=code, value=item, detail=str(exc), hint="只用 short、title、org、seed、covers、note、parts、sections 这几个键。"))
        except re.error as exc:
            problems.append(doc.at("bad-value", f"documents.{code}.sections", key="sections", value=item.get("sections"), detail=f"正则表达式写错了：{exc}", hint="参照其他文件的 sections 写法。"))
    mentioned = tuple(str(t) for t in ((doc.data or {}).get("mentioned") or ()))
    return Sources(docs, mentioned), problems


def macros(ctx: Context) -> dict:
    sources: Sources = ctx.models[NAME]

    def cite(*cites: str) -> Markup:
        """Inline source note: ``{{ cite("004 第三十五条") }}``."""
        parts = "；".join(str(escape(sources.text(c))) for c in cites)
        return Markup(f'<span class="cite">来源：{parts}</span>')

    return {"cite": cite, "source_text": sources.text, "documents": sources.documents}
