"""Pages without the template's indentation.

Material's templates indent every nested tag, and Jinja keeps the blank
lines of every ``{% if %}``: a fifth of a handbook page was whitespace
between tags (case/intake 62 KB → 49 KB). Before a phone can show any
text it has to download the whole page over a link that may not compress.

Only runs of whitespace are touched, and only where HTML renders any run
like one: a run with a line break becomes one line break, any other run one
space. Left as they are: attribute values (tags are copied unchanged),
comments, and the contents of ``pre``, ``textarea``, ``script``, ``style``,
``code`` and ``kbd`` (the theme shows code with ``white-space: pre-wrap``).
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.context import Context

NAME = "html_squeeze"
# A tag with quoted attribute values (which may hold ">"), or a comment.
_TAG = re.compile(r"<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S)
_KEEP = re.compile(r"<(pre|textarea|script|style|code|kbd)\b", re.I)
_RUN = re.compile(r"[ \t\r\n\f]+")


def load(ctx: Context) -> tuple[None, list]:
    return None, []


def squeeze(html: str) -> str:
    out, pos = [], 0
    while m := _TAG.search(html, pos):
        out.append(_RUN.sub(_one, html[pos : m.start()]))
        out.append(m.group())
        pos = m.end()
        kept = _KEEP.match(m.group())
        if kept and not m.group().endswith("/>"):
            # Copied up to its end tag, found by name: script text may hold "<" and quotes.
            close = re.compile(rf"</{kept.group(1)}\s*>", re.I).search(html, pos)
            end = close.end() if close else len(html)
            out.append(html[pos:end])
            pos = end
    out.append(_RUN.sub(_one, html[pos:]))
    return "".join(out)


def _one(run: re.Match) -> str:
    return "\n" if "\n" in run.group() else " "


def postbuild(ctx: Context, site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        squeezed = squeeze(html)
        if squeezed != html:
            page.write_text(squeezed, encoding="utf-8")
