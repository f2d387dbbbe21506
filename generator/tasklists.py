"""Checklists (``- [ ] …``) print a box to tick on paper. On screen the box is
a disabled checkbox with no name of its own (axe: label, critical), read out
before the item's text. It carries no information, so hide it from assistive
technology; the item's text is read as a plain list item."""

from __future__ import annotations

from pathlib import Path

from generator.context import Context

NAME = "tasklists"
BOX = '<label class="task-list-control"><input type="checkbox" disabled/>'
HIDDEN = '<label class="task-list-control" aria-hidden="true"><input type="checkbox" disabled tabindex="-1"/>'


def load(ctx: Context):
    return None, []


def postbuild(ctx: Context, site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if BOX in text:
            page.write_text(text.replace(BOX, HIDDEN), encoding="utf-8")
