"""Shrink the search index MkDocs writes: plain UTF-8 instead of ``\\uXXXX``
escapes for every Chinese character (about half the bytes), for both the
JSON the worker fetches over HTTP and the script the offline build loads."""

from __future__ import annotations

import json
from pathlib import Path

from generator.context import Context

NAME = "search_index"


def load(ctx: Context):
    return None, []


def compact(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def postbuild(ctx: Context, site_dir: Path) -> None:
    folder = site_dir / "search"
    index = folder / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    text = compact(data)
    index.write_text(text, encoding="utf-8")
    script = folder / "search_index.js"
    if script.is_file():
        script.write_text(f"var __index = {text}", encoding="utf-8")
