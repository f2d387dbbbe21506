"""Make the PDF's text layer say 小 and 页, not ⼩ and ⻚.

Noto CJK draws a Kangxi radical (U+2F29 ⼩) and its unified ideograph (U+5C0F 小)
with one glyph. Chromium's PDF backend maps each glyph back to the LOWEST code
point that uses it, so copied or searched text (and a PDF's extractable title)
comes out as radicals. We rewrite the ToUnicode maps: every radical or
compatibility code point goes back to the unified ideograph that shares its
glyph in the installed font (read with fontTools), NFKC as a fallback.
"""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from functools import lru_cache

RADICAL_RANGES = ((0x2E80, 0x2FDF), (0xF900, 0xFAFF), (0x31C0, 0x31EF))
FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")


def _is_radical(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in RADICAL_RANGES)


@lru_cache(maxsize=1)
def radical_map() -> dict[int, int]:
    """Radical/compatibility code point → unified ideograph drawn by the same glyph."""
    mapping: dict[int, int] = {}
    try:
        from fontTools.ttLib import TTFont
    except ImportError:  # pragma: no cover - fontTools is a dependency
        return mapping
    for family in FAMILIES:
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}|%{index}", family], capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            continue
        path, _, index = found.partition("|")
        if not path:
            continue
        for font in [TTFont(path, fontNumber=int(index or 0), lazy=True)]:
            cmap = font.getBestCmap() or {}
            by_glyph: dict[str, list[int]] = {}
            for cp, glyph in cmap.items():
                if 0x3400 <= cp and not _is_radical(cp):
                    by_glyph.setdefault(glyph, []).append(cp)
            for cp, glyph in cmap.items():
                if _is_radical(cp) and cp not in mapping and by_glyph.get(glyph):
                    mapping[cp] = min(by_glyph[glyph])
    return mapping


def unify(text: str) -> str:
    """Replace radicals in ``text`` by the ideographs they stand for."""
    table = radical_map()
    out = []
    for ch in text:
        cp = ord(ch)
        if _is_radical(cp):
            if cp in table:
                ch = chr(table[cp])
            else:
                ch = unicodedata.normalize("NFKC", ch)
        out.append(ch)
    return "".join(out)


_HEX_PAIR = re.compile(rb"(<[0-9A-Fa-f]+>\s*)<([0-9A-Fa-f]+)>")


def _fix_cmap(data: bytes) -> bytes:
    def dest(m: re.Match) -> bytes:
        raw = bytes.fromhex(m.group(2).decode())
        try:
            text = raw.decode("utf-16-be")
        except UnicodeDecodeError:
            return m.group(0)
        fixed = unify(text)
        if fixed == text:
            return m.group(0)
        return m.group(1) + b"<" + fixed.encode("utf-16-be").hex().upper().encode() + b">"

    # Only bfchar entries are rewritten; a bfrange over radicals would need
    # splitting, and Chromium writes single mappings for CJK glyphs.
    parts = re.split(rb"(beginbfchar|endbfchar)", data)
    inside = False
    for i, part in enumerate(parts):
        if part == b"beginbfchar":
            inside = True
        elif part == b"endbfchar":
            inside = False
        elif inside:
            parts[i] = _HEX_PAIR.sub(dest, part)
    return b"".join(parts)


_TOUNICODE_REF = re.compile(rb"/ToUnicode\s+(\d+)\s+(\d+)\s+R")


def fix_pdf_text(pdf: bytes) -> bytes:
    """The same PDF with ToUnicode maps pointing at unified ideographs.

    Written as a PDF incremental update (new versions of the changed CMap
    streams appended, with their own xref section), which is fast and leaves
    every other byte of Chromium's output untouched.
    """
    import zlib

    from pypdf import PdfReader
    from pypdf.generic import IndirectObject

    refs = sorted({(int(n), int(g)) for n, g in _TOUNICODE_REF.findall(pdf)})
    if not refs:
        return pdf
    reader = PdfReader(io.BytesIO(pdf))
    updates: list[tuple[int, int, bytes]] = []
    for num, gen in refs:
        old = reader.get_object(IndirectObject(num, gen, reader)).get_data()
        new = _fix_cmap(old)
        if new != old:
            updates.append((num, gen, new))
    if not updates:
        return pdf
    prev = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    trailer = reader.trailer
    out = bytearray(pdf)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets = []
    for num, gen, data in updates:
        packed = zlib.compress(data)
        offsets.append((num, gen, len(out)))
        out += f"{num} {gen} obj\n<</Filter /FlateDecode /Length {len(packed)}>>\nstream\n".encode()
        out += packed + b"\nendstream\nendobj\n"
    xref_at = len(out)
    out += b"xref\n"
    for num, gen, offset in offsets:
        out += f"{num} 1\n{offset:010d} {gen:05d} n \n".encode()
    root = trailer.raw_get("/Root")
    info = trailer.raw_get("/Info") if "/Info" in trailer else None
    extra = f" /Info {info.idnum} {info.generation} R" if info is not None else ""
    out += (
        f"trailer\n<</Size {trailer['/Size']} /Root {root.idnum} {root.generation} R{extra} /Prev {prev}>>\n"
        f"startxref\n{xref_at}\n%%EOF\n"
    ).encode()
    return bytes(out)
