"""Serve our scripts without their comments and indentation.

The sources in generator/ stay readable (no build step while writing them);
the copies in the built site are minified with rjsmin, which removes only
comments and spare whitespace. A form page's scripts were 116 KB, a third of
it notes for the next developer that a phone on a slow link had to download
before the checker could run. Material's own files are minified already.
"""

from __future__ import annotations

from pathlib import Path

import rjsmin

from generator.context import Context

NAME = "js_minify"
# Not ours, or already minified: Material's bundle and worker, the search
# index, and the template partials MkDocs copies along.
SKIP_DIRS = {"search", "partials", "workers", "lunr"}


def load(ctx: Context):
    return None, []


def ours(site_dir: Path) -> list[Path]:
    return [
        p
        for p in sorted(site_dir.rglob("*.js"))
        if not p.name.endswith(".min.js") and not SKIP_DIRS & set(p.relative_to(site_dir).parts[:-1])
    ]


def postbuild(ctx: Context, site_dir: Path) -> None:
    for script in ours(site_dir):
        text = script.read_text(encoding="utf-8")
        script.write_text(rjsmin.jsmin(text).strip() + "\n", encoding="utf-8")
