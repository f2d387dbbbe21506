"""The fact audit: checklists of every source's facts (site_tests/facts/) checked
against the built site. Shared by test_facts.py and bench/fact_audit.py.

Pure over plain data except ``PageTexts``, which reads built HTML files. A page's
text is its article (no menu, header or footer), HTML stripped, NFKC-normalised
and with all whitespace removed, so "3 天" and "3天" compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import yaml

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "site_tests" / "facts"
SOURCES = ("000", "001", "002", "003", "004")


def normalise(text: str) -> str:
    """Compare text the way a reader sees it: no whitespace, full-width = half-width."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Fact:
    """One checked item: ``texts`` must all appear on ``page``."""

    source: str
    section: str
    what: str
    page: str
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Miss:
    fact: Fact
    missing: tuple[str, ...]

    def __str__(self) -> str:
        f = self.fact
        return f"{f.source} {f.section}｜{f.what} → {f.page} 缺：{'、'.join(self.missing)}"


def adopted_texts(root: Path = ROOT) -> dict[str, str]:
    """Rule id → the adopted sentence, as data/rules/deadlines.yaml words it."""
    data = yaml.safe_load((root / "data/rules/deadlines.yaml").read_text(encoding="utf-8"))
    return {r["id"]: r["adopted"]["text"] for r in data["rules"]}


def _texts(item: dict, rules: dict[str, str]) -> tuple[str, ...]:
    texts = item.get("text", ())
    texts = [texts] if isinstance(texts, str) else list(texts)
    if "rule" in item:  # the page must show the rule rendered from data/, not a typed copy
        texts.append(rules[item["rule"]])
    return tuple(str(t) for t in texts)


def source_facts(source: str, root: Path = ROOT) -> list[Fact]:
    """Every item of one source's checklist (site_tests/facts/<source>.yaml)."""
    doc = yaml.safe_load((root / "site_tests/facts" / f"{source}.yaml").read_text(encoding="utf-8"))
    rules = adopted_texts(root)
    return [
        Fact(source, s["section"], item["what"], item["page"], _texts(item, rules))
        for s in doc["sections"]
        for item in s["items"]
    ]


def list_facts(root: Path = ROOT) -> list[Fact]:
    """Every item of the reconciled lists (site_tests/facts/lists.yaml)."""
    doc = yaml.safe_load((root / "site_tests/facts/lists.yaml").read_text(encoding="utf-8"))
    rules = adopted_texts(root)
    out = []
    for lst in doc["lists"]:
        for item in lst["items"]:
            what = item.get("text") or item.get("rule")
            out.append(Fact("+".join(item["in"]), lst["id"], str(what), item.get("page", lst["page"]), _texts(item, rules)))
    return out


class PageTexts:
    """Normalised article text of built pages, read once each."""

    def __init__(self, site_dir: Path):
        self.site_dir = Path(site_dir)
        self._cache: dict[str, str | None] = {}

    def __getitem__(self, rel: str) -> str | None:
        if rel not in self._cache:
            path = self.site_dir / rel
            if not path.is_file():
                self._cache[rel] = None
            else:
                tree = lxml.html.fromstring(path.read_text(encoding="utf-8"))
                found = tree.xpath('//article[contains(@class, "md-content__inner")]') or [tree]
                self._cache[rel] = normalise(found[0].text_content())
        return self._cache[rel]


def check(facts: list[Fact], pages: PageTexts) -> list[Miss]:
    """The facts whose page lacks one of their texts (or does not exist)."""
    misses = []
    for fact in facts:
        text = pages[fact.page]
        if text is None:
            misses.append(Miss(fact, ("（页面不存在）",)))
            continue
        missing = tuple(t for t in fact.texts if normalise(t) not in text)
        if missing:
            misses.append(Miss(fact, missing))
    return misses


def coverage(site_dir: Path, root: Path = ROOT) -> dict[str, tuple[int, int]]:
    """Source → (items listed, items found on their page)."""
    pages = PageTexts(site_dir)
    out = {}
    for source in SOURCES:
        facts = source_facts(source, root)
        out[source] = (len(facts), len(facts) - len(check(facts, pages)))
    facts = list_facts(root)
    out["lists"] = (len(facts), len(facts) - len(check(facts, pages)))
    return out
