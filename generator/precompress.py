"""Write ``FILE.gz`` and ``FILE.br`` next to every text file of the built site.

A web server then sends the smallest version the browser accepts without
compressing on each request (nginx ``gzip_static`` / ``brotli_static``, Caddy
``file_server { precompressed br gzip }``; recipe in deploy/ and the README).
Made at high levels: a phone on a slow link pays for every byte, the build
pays once. gzip 9; brotli 10 (11 saves another 2 % and takes 2.7 times the
CPU: 8.6 s instead of 3.2 s for this site); files over 256 KB (the search
index and the Chinese word splitter, loaded on first search) get brotli 9,
7 % larger than 10 and 7 times faster. Results are cached by content hash under
build/cache/precompress, so a rebuild only compresses what changed.

Runs last, after every other step has finished changing the files.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

from generator.context import Context

NAME = "precompress"
# Text the browser downloads. Source maps only reach developers' tools; PDFs,
# Word and Excel files are compressed formats already.
SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".csv", ".webmanifest"}
# Below this a compressed copy saves less than a TCP packet; nginx sends these as they are.
MIN_BYTES = 512
BIG_BYTES = 256 * 1024


def load(ctx: Context):
    return None, []


def candidates(site_dir: Path) -> list[Path]:
    """The files that get compressed copies."""
    return [p for p in sorted(site_dir.rglob("*")) if p.suffix in SUFFIXES and p.is_file() and p.stat().st_size >= MIN_BYTES]


def compress(data: bytes) -> tuple[bytes, bytes]:
    """``(gzip, brotli)`` of ``data``; the gzip header carries no time or name, so builds are reproducible."""
    gz = gzip.compress(data, compresslevel=9, mtime=0)
    br = brotli.compress(data, quality=10 if len(data) <= BIG_BYTES else 9, mode=brotli.MODE_TEXT)
    return gz, br


def _compressed(data: bytes, cache: Path) -> tuple[bytes, bytes]:
    key = hashlib.sha256(data).hexdigest()
    gz_file, br_file = cache / f"{key}.gz", cache / f"{key}.br"
    if gz_file.is_file() and br_file.is_file():
        for used in (gz_file, br_file):
            used.touch()
        return gz_file.read_bytes(), br_file.read_bytes()
    gz, br = compress(data)
    cache.mkdir(parents=True, exist_ok=True)
    for target, body in ((gz_file, gz), (br_file, br)):
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(body)
        tmp.replace(target)
    return gz, br


def precompress_site(site_dir: Path, cache: Path) -> int:
    """Write the ``.gz``/``.br`` copies that are smaller than the file; returns how many were written."""

    def one(path: Path) -> int:
        data = path.read_bytes()
        written = 0
        for suffix, body in zip((".gz", ".br"), _compressed(data, cache)):
            if len(body) < len(data):
                path.with_name(path.name + suffix).write_bytes(body)
                written += 1
        return written

    # zlib and brotli release the GIL while they work, so threads use every core.
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        count = sum(pool.map(one, candidates(site_dir)))
    _prune(cache)
    return count


def _prune(cache: Path, days: int = 7) -> None:
    """Forget compressed copies no build has used for a week (used ones are touched)."""
    limit = time.time() - days * 86400
    for entry in cache.glob("*.*"):
        try:
            if entry.stat().st_mtime < limit:
                entry.unlink()
        except FileNotFoundError:
            pass


def postbuild(ctx: Context, site_dir: Path) -> None:
    precompress_site(site_dir, ctx.project.build / "cache" / "precompress")
