"""服务档案编码 (source 001《档案接收制度》第四章): parse, validate, build.

A code has five dash-separated segments although the source names six parts:
nature and sequence are fused (``C01``), as in every example of the source:
``GC-CAB-C01-201301-WM`` = town - service area - nature+sequence - year+month -
worker initials. The code lists live in data/tables/*.csv; this module only
reads them. The browser runs the same checks (``formchecker.js``,
``archiveProblems``) with the same tables and the same wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SHAPE = re.compile(r"^([A-Za-z]+)-([A-Za-z]+)-([A-Za-z])(\d+)-(\d+)-([A-Za-z]+)$", re.ASCII)
EXAMPLE = "GC-CAB-C01-201301-WM"


@dataclass(frozen=True)
class CodeTables:
    """Code -> Chinese name for each list, in table order."""

    towns: dict
    areas: dict
    natures: dict
    nature_categories: dict  # nature code -> form categories it belongs to

    def to_json(self) -> dict:
        return {
            "towns": self.towns,
            "areas": self.areas,
            "natures": self.natures,
            "nature_categories": self.nature_categories,
        }


def from_rows(towns: list[dict], areas: list[dict], natures: list[dict]) -> CodeTables:
    """Build the lookup tables from the CSV rows of data/tables/."""
    return CodeTables(
        towns={r["code"]: r["name"] for r in towns},
        areas={r["code"]: r["name"] for r in areas},
        natures={r["code"]: r["name"] for r in natures},
        nature_categories={r["code"]: [c for c in (r.get("categories") or "").split("|") if c] for r in natures},
    )


def problems(code: str, tables: CodeTables) -> list[str]:
    """Plain-Chinese reasons why ``code`` is not a valid archive code ([] when valid)."""
    m = SHAPE.match(code)
    if not m:
        segments = len(code.split("-"))
        return [f"应有 5 段，用半角短横线“-”隔开（镇街-服务板块-性质和次序-年月-社工），现在是 {segments} 段"]
    town, area, nature, seq, yyyymm, initials = m.groups()
    out: list[str] = []
    if code != code.upper():
        out.append(f"字母一律大写，应写成 {code.upper()}")
    town, area, nature, initials = town.upper(), area.upper(), nature.upper(), initials.upper()
    if town not in tables.towns:
        out.append(f"镇街编码“{town}”不在镇街编码表里")
    if area not in tables.areas:
        out.append(f"服务板块编码“{area}”不在表里（可用 {'、'.join(tables.areas)}）")
    if nature not in tables.natures:
        out.append(f"服务性质编码“{nature}”不在表里（可用 {'、'.join(tables.natures)}）")
    if len(seq) not in (2, 3) or int(seq) < 1:
        out.append(f"次序“{seq}”应是两位数字，从 01 起按年编号")
    month = int(yyyymm[4:6]) if len(yyyymm) == 6 else 0
    if len(yyyymm) != 6 or not 2000 <= int(yyyymm[:4]) <= 2099 or not 1 <= month <= 12:
        out.append(f"服务年月“{yyyymm}”应是 6 位的年份加月份，如 201302 表示 2013 年 2 月")
    if not 2 <= len(initials) <= 4:
        out.append(f"社工编码“{initials}”应是姓名拼音首字母，2 到 4 个字母")
    return out


def parts(code: str) -> dict | None:
    """The segments of a valid-looking code, or None."""
    m = SHAPE.match(code)
    if not m:
        return None
    town, area, nature, seq, yyyymm, initials = m.groups()
    return {"town": town, "area": area, "nature": nature, "seq": seq, "yyyymm": yyyymm, "initials": initials}


def build(town: str, area: str, nature: str, seq: int, year: int, month: int, initials: str) -> str:
    """``build("GC", "CAB", "C", 1, 2013, 1, "WM") == "GC-CAB-C01-201301-WM"``."""
    return f"{town}-{area}-{nature}{seq:02d}-{year:04d}{month:02d}-{initials.upper()}"
