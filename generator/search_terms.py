"""The search box's vocabulary: everyday words → handbook terms
(data/search/synonyms.yaml) and how a query is read (data/search/query.yaml:
question words, fillers, intents, form words, page weights).

Load → validate → model; the model goes to the browser inside the search
index (generator/search_index.py, ``config.sw``) and is applied in one place,
the search worker (generator/search_engine.js), as query expansion: the index
keeps the page text as written, so highlights mark words that are really
there, and a change to the table needs no new segmentation.
Also renders the 常用说法对照 table of the glossary page (``synonym_table()``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.context import Context
import difflib

from generator.problems import Problem, problem
from generator.yamlsrc import load_yaml

NAME = "search_terms"
SYNONYMS = "data/search/synonyms.yaml"
QUERY = "data/search/query.yaml"
# Where the handbook's words come from: a target term must occur in one of these.
TEXT_SOURCES = ("handbook", "forms", "data")
QUERY_LISTS = ("question_words", "fillers", "form_words")


@dataclass(frozen=True)
class SearchTerms:
    """Everything the search worker needs to read a query."""

    synonyms: dict[str, tuple[str, ...]]
    question_words: tuple[str, ...]
    fillers: tuple[str, ...]
    intents: dict[str, tuple[str, ...]]
    form_words: tuple[str, ...]
    demote: dict[str, float]

    def to_browser(self) -> dict:
        """The ``config.sw`` object the worker reads."""
        return {
            "synonyms": {k: list(v) for k, v in self.synonyms.items()},
            "particles": list(self.question_words),
            "fillers": list(self.fillers),
            "intents": {k: list(v) for k, v in self.intents.items()},
            "form_words": list(self.form_words),
            "demote": dict(self.demote),
        }


def handbook_text(root: Path) -> str:
    """All text a page can be built from (handbook pages, form definitions, data)."""
    parts = []
    for folder in TEXT_SOURCES:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".md", ".yaml", ".yml", ".csv") and "search" not in path.relative_to(root).parts:
                parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def _key_lines(text: str, section: str) -> list[tuple[str, int]]:
    """(key, line) of every entry under top-level ``section``, duplicates kept
    (a YAML parser keeps only the last of two equal keys)."""
    keys, inside = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(r"^\S", line):
            inside = line.startswith(f"{section}:")
            continue
        m = re.match(r"^  ([^\s#][^:]*):", line)
        if inside and m:
            keys.append((m.group(1).strip(), number))
    return keys


def _word_list(doc, key: str, problems: list[Problem]) -> tuple[str, ...]:
    value = doc.data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(doc.at("wrong-type", key, key=key, expected="词的列表（[词, 词]）", actual=type(value).__name__, value=value))
        return ()
    return tuple(v.strip() for v in value)


def validate(synonyms_doc, query_doc, synonyms_text: str, corpus: str) -> tuple[SearchTerms | None, list[Problem]]:
    """Check both files against each other and the handbook text (pure)."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for word, line in _key_lines(synonyms_text, "synonyms"):
        if word in seen:
            problems.append(
                problem("search-duplicate", SYNONYMS, f"第 {line} 行，synonyms.{word}", line=line, word=word, other=f"第 {seen[word]} 行")
            )
        seen.setdefault(word, line)

    question = {k: _word_list(query_doc, k, problems) for k in QUERY_LISTS}
    particles = set(question["question_words"])
    synonyms: dict[str, tuple[str, ...]] = {}
    raw = synonyms_doc.data.get("synonyms") or {}
    if not isinstance(raw, dict):
        problems.append(synonyms_doc.at("wrong-type", "synonyms", key="synonyms", expected="映射（说法: [手册用词]）", actual=type(raw).__name__, value=raw))
        raw = {}
    for word, targets in raw.items():
        path = f"synonyms.{word}"
        word = str(word)
        if isinstance(targets, list):
            # 120, 110: numbers are words too (YAML reads them as integers).
            targets = [str(t) if isinstance(t, int) and not isinstance(t, bool) else t for t in targets]
        if not isinstance(targets, list) or not targets or not all(isinstance(t, str) and t.strip() for t in targets):
            problems.append(synonyms_doc.at("wrong-type", path, key=word, expected="手册用词的列表（[收费, 费用]）", actual=type(targets).__name__, value=targets))
            continue
        if word in particles:
            problems.append(synonyms_doc.at("search-word-conflict", path, word=word))
        for target in targets:
            if target == word:
                problems.append(synonyms_doc.at("search-self", path, word=word))
            elif target not in corpus:
                problems.append(
                    synonyms_doc.at("search-unknown-term", path, word=word, term=target, suggestion=_near(target, corpus))
                )
        if len(set(targets)) != len(targets):
            problems.append(synonyms_doc.at("search-duplicate", path, word=word, other="同一行"))
        synonyms[word] = tuple(dict.fromkeys(t for t in targets if t != word))

    intents: dict[str, tuple[str, ...]] = {}
    for word, hints in (query_doc.data.get("intents") or {}).items():
        if not isinstance(hints, list) or not all(isinstance(h, str) for h in hints):
            problems.append(query_doc.at("wrong-type", f"intents.{word}", key=str(word), expected="词的列表", actual=type(hints).__name__, value=hints))
            continue
        intents[str(word)] = tuple(hints)
    demote: dict[str, float] = {}
    for prefix, factor in (query_doc.data.get("demote") or {}).items():
        if not isinstance(factor, (int, float)) or not 0 < factor <= 1:
            problems.append(query_doc.at("bad-value", f"demote.{prefix}", key=str(prefix), value=factor, detail="系数应在 0 和 1 之间", hint="写 0.5 这样的小数：1 不降权，越小排得越后。"))
            continue
        demote[str(prefix)] = float(factor)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return (
        SearchTerms(
            synonyms=synonyms,
            question_words=question["question_words"],
            fillers=question["fillers"],
            intents=intents,
            form_words=question["form_words"],
            demote=demote,
        ),
        problems,
    )


def _near(target: str, corpus: str) -> str:
    """``（例如“…”）`` naming the closest handbook word, for the hint."""
    words = {w for w in re.findall(r"[\u4e00-\u9fff]{2,6}", corpus) if set(w) & set(target)}
    close = difflib.get_close_matches(target, sorted(words), n=1, cutoff=0.4)
    return f"（例如“{close[0]}”）" if close else ""


def load(ctx: Context):
    root = ctx.project.root
    synonyms_doc, problems = load_yaml(root / SYNONYMS, root)
    query_doc, more = load_yaml(root / QUERY, root)
    problems += more
    if synonyms_doc is None or query_doc is None:
        return None, problems
    for doc in (synonyms_doc, query_doc):
        if not isinstance(doc.data, dict):
            problems.append(problem("yaml-not-mapping", doc.file, "", actual=type(doc.data).__name__))
    if problems:
        return None, problems
    text = (root / SYNONYMS).read_text(encoding="utf-8")
    model, more = validate(synonyms_doc, query_doc, text, handbook_text(root))
    return model, problems + more


def synonym_rows(terms: SearchTerms) -> list[tuple[str, str]]:
    """(handbook terms, everyday words) rows: words with the same terms share a row."""
    by_terms: dict[tuple[str, ...], list[str]] = {}
    for word, targets in terms.synonyms.items():
        by_terms.setdefault(targets, []).append(word)
    return sorted(("、".join(t), "、".join(words)) for t, words in by_terms.items())


def macros(ctx: Context) -> dict:
    def synonym_table() -> str:
        """Markdown table: the everyday words the search box understands."""
        terms = ctx.models.get(NAME)
        if terms is None:
            return ""
        lines = ["| 手册用词 | 日常说法 |", "| --- | --- |"]
        lines += [f"| {term} | {words} |" for term, words in synonym_rows(terms)]
        return "\n".join(lines)

    return {"synonym_table": synonym_table}
