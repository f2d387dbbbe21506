"""Wide handbook tables scroll in their own box, with a shadow, from the first paint.

Material wraps each plain table (``table:not([class])``) in
``div.md-typeset__scrollwrap > div.md-typeset__table`` from its script, and
that script now starts at the reader's first touch (theme.py). Until then a
wide table on a phone was its own scroll box, where Chromium paints no
scroll shadow: nothing said more columns were hidden. The wrap is written
into the built pages instead, and a theme patch makes the script skip
tables that are already wrapped.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.context import Context

NAME = "table_wrap"
OPEN = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
CLOSE = "</div></div>"
# Markdown tables come out as a bare <table>: exactly what Material wraps.
_TAG = re.compile(r"<table>|<table\b[^>]*>|</table>")


def load(ctx: Context) -> tuple[None, list]:
    return None, []


def wrap_tables(html: str) -> str:
    """Wrap every bare ``<table>…</table>`` (nested tables are carried along)."""
    out, pos, stack = [], 0, []
    for m in _TAG.finditer(html):
        tag = m.group()
        if tag == "</table>":
            if stack and stack.pop():
                out.append(html[pos : m.end()] + CLOSE)
                pos = m.end()
            continue
        bare = tag == "<table>" and not _already_wrapped(html, m.start())
        stack.append(bare)
        if bare:
            out.append(html[pos : m.start()] + OPEN)
            pos = m.start()
    out.append(html[pos:])
    return "".join(out)


def _already_wrapped(html: str, at: int) -> bool:
    return html[max(0, at - len(OPEN) - 16) : at].rstrip().endswith('<div class="md-typeset__table">')


def postbuild(ctx: Context, site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "<table>" in html:
            page.write_text(wrap_tables(html), encoding="utf-8")
