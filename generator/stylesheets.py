"""All of our CSS as one file, ``assets/stylesheets/site.css``.

Handbook, forms, checker and indicators each keep their own stylesheet in the
source tree. The browser gets them merged: every render-blocking stylesheet is
another round trip before a phone on a slow link can show the page.
"""

from __future__ import annotations

import tinycss2
from tinycss2 import ast

from generator.context import Staging

FOLDER = "assets/stylesheets"
TARGET = f"{FOLDER}/site.css"
# Cascade order: later parts may refine earlier ones. Parts not listed follow
# in name order, so a new stylesheet is never left out.
ORDER = ("extra.css", "procedures.css", "general.css", "sw-form.css", "checker.css", "indicators.css")


def bundle(out: Staging) -> None:
    folder = out.root / FOLDER
    present = {p.name for p in folder.glob("*.css")} if folder.is_dir() else set()
    names = [n for n in ORDER if n in present] + sorted(present - set(ORDER) - {"site.css"})
    text = "".join(f"/* {name} */\n{compact(out.take(f'{FOLDER}/{name}'))}\n" for name in names)
    out.write_text(TARGET, text, by="generator/stylesheets")


# Whitespace next to these never changes a rule's meaning.
_TIGHT = {"{", "}", ";", ",", ">"}


def compact(css: str) -> str:
    """The same rules without comments and spare whitespace (the stylesheet
    blocks the first paint; a third of its bytes were indentation and notes)."""
    return tinycss2.serialize(_tighten(tinycss2.parse_component_value_list(css, skip_comments=True))).strip()


def _tighten(tokens: list) -> list:
    out: list = []
    for tok in tokens:
        if isinstance(tok, ast.FunctionBlock):
            tok.arguments = _tighten(tok.arguments)
        elif isinstance(tok, (ast.CurlyBracketsBlock, ast.ParenthesesBlock, ast.SquareBracketsBlock)):
            tok.content = _tighten(tok.content)
        if isinstance(tok, ast.WhitespaceToken):
            if not out or _mark(out[-1]) in _TIGHT or isinstance(out[-1], ast.CurlyBracketsBlock):
                continue
            tok.value = " "
        elif out and isinstance(out[-1], ast.WhitespaceToken) and (_mark(tok) in _TIGHT or isinstance(tok, ast.CurlyBracketsBlock)):
            out.pop()
        out.append(tok)
    if out and isinstance(out[-1], ast.WhitespaceToken):
        out.pop()
    return out


def _mark(tok) -> str | None:
    return tok.value if isinstance(tok, ast.LiteralToken) else None
