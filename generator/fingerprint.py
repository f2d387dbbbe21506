"""Give every ``NAME.<hash>.min.css|js`` a hash of what it now holds.

The theme's files carry a content hash in their names, and deploy/nginx.conf
lets browsers keep such files for a year without asking again. But the build
changes them after they are named: css_purge drops the rules no page uses,
theme.py patches the search worker and the bundle. Under the theme's names a
reader who visited before an update kept last year's stylesheet or search
engine. So after every step that edits them, each is renamed to the first 8
hex digits of the SHA-256 of its final content, and every page, script and
stylesheet that names it is rewritten to the new name.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from generator.context import Context

NAME = "fingerprint"
HASHED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{8,})\.min\.(?P<ext>css|js)$")
# Files that may name a hashed file (pages, the 404 page's inline scripts, config).
REFERRING = {".html", ".js", ".css", ".json", ".xml"}
_MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=[^\n]*|/\*# sourceMappingURL=[^*]*\*/)\s*$")


def load(ctx: Context) -> tuple[None, list]:
    return None, []


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def postbuild(ctx: Context, site_dir: Path) -> None:
    renamed = fingerprint(site_dir)
    if renamed:
        _rewrite_references(site_dir, renamed)


def fingerprint(site_dir: Path) -> dict[str, str]:
    """Rename hashed files whose hash is stale; returns ``{old name: new name}``."""
    renamed: dict[str, str] = {}
    for path in sorted(site_dir.joinpath("assets").rglob("*.min.*")):
        m = HASHED.match(path.name)
        if not m:
            continue
        data = _MAP_COMMENT.sub(b"", path.read_bytes())
        for old, new in renamed.items():  # none of the theme's files names another today
            data = data.replace(old.encode(), new.encode())
        name = f"{m['stem']}.{content_hash(data)}.min.{m['ext']}"
        # The theme's source map describes the file before our changes: it would mislead.
        path.with_name(path.name + ".map").unlink(missing_ok=True)
        if name == path.name:
            path.write_bytes(data)
            continue
        path.with_name(name).write_bytes(data)
        path.unlink()
        renamed[path.name] = name
    return renamed


def _rewrite_references(site_dir: Path, renamed: dict[str, str]) -> None:
    pattern = re.compile("|".join(re.escape(old) for old in renamed))
    for path in site_dir.rglob("*"):
        if path.suffix not in REFERRING or not path.is_file() or HASHED.match(path.name):
            continue
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        new = pattern.sub(lambda m: renamed[m.group()], text)
        if new != text:
            path.write_text(new, encoding="utf-8", errors="surrogateescape")
