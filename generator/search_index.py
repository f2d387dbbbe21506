"""Finish the search index MkDocs writes, for both the JSON the worker
fetches over HTTP and the script the offline build loads:

- hand the search worker our vocabulary (``config.sw``, from
  generator/search_terms.py);
- leave out sections that would answer every query (the forms list's
  alias table); each form page carries its own other names instead
  (``aliases``, matched like its title);
- plain UTF-8 instead of ``\\uXXXX`` escapes for every Chinese character
  (about half the bytes)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.context import Context

NAME = "search_index"
# Sections left out of the index: page#anchor.
UNINDEXED = ("forms/index.html#all-names",)
TAG = re.compile(r"<[^>]*>")
WORD_SPLIT = re.compile(r"[\s\u200b\u3000\-、。，．？！；：（）《》“”]+")
HAN = re.compile(r"[\u3400-\u9fff]")


def load(ctx: Context):
    return None, []


def compact(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def form_aliases(forms) -> dict[str, list[str]]:
    """Each form page's other names, keyed by its index location."""
    return {f"forms/{f.id}/index.html": list(f.aliases) for f in forms or () if f.aliases}


def finish(data: dict, terms, aliases: dict[str, list[str]] | None = None) -> dict:
    """The index with our vocabulary added and the unindexed sections removed.

    MkDocs separates jieba's words with U+200B in every title and text; the
    worker matches characters, not words, so the separators go, and the
    words jieba found go once into ``config.sw.words``: the dictionary the
    worker cuts queries with (same cuts as the index, a third of the bytes)."""
    docs = [d for d in data["docs"] if d["location"] not in UNINDEXED]
    words: set[str] = set()
    for doc in docs:
        for field in ("title", "text"):
            value = doc.get(field) or ""
            words.update(w for w in WORD_SPLIT.split(TAG.sub(" ", value)) if 1 < len(w) <= 8 and HAN.search(w))
            doc[field] = value.replace("\u200b", "")
    # A form's other names weigh like its title (the worker matches them as
    # title words; Material does not display the field).
    for doc in docs:
        if doc["location"] in (aliases or {}):
            doc["aliases"] = aliases[doc["location"]]
    data["docs"] = docs
    data["config"]["sw"] = {**(terms.to_browser() if terms is not None else {}), "words": sorted(words)}
    return data


def postbuild(ctx: Context, site_dir: Path) -> None:
    folder = site_dir / "search"
    index = folder / "search_index.json"
    if not index.is_file():
        return
    data = finish(
        json.loads(index.read_text(encoding="utf-8")), ctx.models.get("search_terms"), form_aliases(ctx.models.get("forms"))
    )
    text = compact(data)
    index.write_text(text, encoding="utf-8")
    script = folder / "search_index.js"
    if script.is_file():
        script.write_text(f"var __index = {text}", encoding="utf-8")
