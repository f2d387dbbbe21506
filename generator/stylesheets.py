"""All of our CSS as one file, ``assets/stylesheets/site.css``.

Handbook, forms, checker and indicators each keep their own stylesheet in the
source tree. The browser gets them merged: every render-blocking stylesheet is
another round trip before a phone on a slow link can show the page.
"""

from __future__ import annotations

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
    text = "".join(f"/* {name} */\n{out.take(f'{FOLDER}/{name}').rstrip()}\n" for name in names)
    out.write_text(TARGET, text, by="generator/stylesheets")
