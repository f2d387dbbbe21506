"""Which data files drive which page, and which pages a change touches.

A page depends on the file it was generated from (``Staging.written``) and,
for a hand-written page, on the data behind every macro it calls
(``{{ rule("…") }}`` → data/rules/deadlines.yaml, ``{{ form("…") }}`` → that form).
"""

from __future__ import annotations

import fnmatch
import re

# Build step → the data files its macros read.
STEP_FILES = {
    "sources": ["data/sources.yaml"],
    "tables": ["data/tables/*.csv"],
    "rules": ["data/rules/deadlines.yaml"],
    "termination": ["data/rules/termination_conditions.yaml"],
    "archive_order": ["data/rules/archive_contents.yaml"],
    "forms": ["forms/*.yaml"],
    "scoring": ["data/scoring/supervisor_selection.yaml", "data/scoring/supervisor_eligibility.yaml"],
    "indicators": ["data/indicators/*.csv"],
    "checker": ["data/tables/*.csv"],
}
_CALL = re.compile(r"\{[{%].*?[%}]\}", re.S)


def macro_calls(source: str) -> list[str]:
    """The text of every ``{{ … }}`` and ``{% … %}`` in a page's source."""
    return _CALL.findall(source)


def page_files(source: str, macro_owner: dict[str, str]) -> list[str]:
    """Data files a hand-written page reads through its macros."""
    files: list[str] = []
    for call in macro_calls(source):
        if "settings." in call:
            files.append("data/settings.yaml")
        for name in re.findall(r"\b([a-z_]+)\s*\(", call):
            if name == "form":
                files += [f"forms/{fid}.yaml" for fid in re.findall(r"form\(\s*[\"']([a-z0-9-]+)[\"']", call)]
            elif name in macro_owner:
                files += STEP_FILES.get(macro_owner[name], [])
    return list(dict.fromkeys(files))


def pages_for_target(target: str, sources: dict[str, str], handbook: dict[str, str], rules, forms) -> set[str]:
    """Docs pages a change to ``target`` shows on.

    Args:
        target: ``rule:id``, ``form:id``, ``setting:key``, ``data:path`` or ``site``.
        sources: Docs page → the file it was written from.
        handbook: Docs page → its Markdown source (hand-written pages only).
        rules, forms: Loaded models (may be ``None``).
    """
    kind, _, name = target.partition(":")
    pages: set[str] = set()
    if kind == "rule":
        pages.add("rules/deadlines.md")
        pattern = re.compile(rf"[\"']{re.escape(name)}[\"']")
        pages |= {p for p, src in handbook.items() if any(pattern.search(c) for c in macro_calls(src))}
        if forms is not None:
            pages |= {f"forms/{f.id}/index.md" for f in forms if name in f.deadlines}
    elif kind == "form":
        pages.add(f"forms/{name}/index.md")
        pattern = re.compile(rf"form\(\s*[\"']{re.escape(name)}[\"']")
        pages |= {p for p, src in handbook.items() if any(pattern.search(c) for c in macro_calls(src))}
    elif kind == "setting" or target == "site":
        pages.add("index.md")
    elif kind == "data":
        pages |= {p for p, by in sources.items() if by == name}
    return {p for p in pages if p in sources}


def files_of_pages(sources: dict[str, str], handbook: dict[str, str], macro_owner: dict[str, str]) -> dict[str, list[str]]:
    """Docs page → the files to edit to change it (its own source first)."""
    out: dict[str, list[str]] = {}
    for page, by in sorted(sources.items()):
        if not page.endswith(".md"):
            continue
        files = [by] if by else []
        if page in handbook:
            files += [f for f in page_files(handbook[page], macro_owner) if f != by]
        out[page] = files
    return out


def matches(path: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(path, p) for p in patterns)
