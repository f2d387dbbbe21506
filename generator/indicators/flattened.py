"""Rebuild the quantitative-indicator tables of source 002 from their flattened text.

When 002 was converted to text, each table cell became one line that starts
with a tab, a cell that spans several text lines continues on lines without a
tab, rows are separated by blank lines, and a cell merged with the one above
(a vertical span in the original table) is an empty tab line. Every table has
four columns: 服务对象/服务内容, 项目分类, 评估指标, 量化标准.

The data in ``data/indicators/domain_indicators.csv`` was rebuilt with this
parser and then reviewed by hand; the tests run it again over the seed (when
the seed is available) to prove the CSV still matches the source row by row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COLUMNS = 4
# Only the first two columns are ever merged vertically in 002; an empty cell
# there repeats the value above it.
FILL_DOWN = (0, 1)
_TABLE_HEADING = re.compile(r"^第三节\s*(\S+?)服务质量标准的具体量化指标\s*$")
_CHAPTER = re.compile(r"^\s*第.章")


@dataclass(frozen=True)
class FlatTable:
    """One rebuilt table: the heading's domain word, its header and its rows."""

    heading: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _cells(lines: list[str]) -> list[str]:
    cells: list[str] = []
    for line in lines:
        if line.startswith("\t"):
            cells.append(line[1:].strip())
        elif line.strip() and cells:
            # a cell spanning several text lines, e.g. 治疗性小组/ 支持性小组/ 互助性小组
            cells[-1] += line.strip()
    return cells


def parse(text: str) -> list[FlatTable]:
    """Every quantitative-indicator table of 002, in document order.

    Raises ValueError when a table's cell count is not a multiple of four,
    which would mean the flattening lost or added a cell.
    """
    lines = text.split("\n")
    tables: list[FlatTable] = []
    for i, line in enumerate(lines):
        m = _TABLE_HEADING.match(line.strip())
        if not m:
            continue
        end = i + 1
        while end < len(lines) and not _CHAPTER.match(lines[end]):
            end += 1
        cells = _cells(lines[i + 1 : end])
        if len(cells) % COLUMNS:
            raise ValueError(f"{line.strip()}：{len(cells)} 个单元格，不是 {COLUMNS} 的倍数")
        grid = [cells[k : k + COLUMNS] for k in range(0, len(cells), COLUMNS)]
        header, body = tuple(grid[0]), grid[1:]
        rows: list[tuple[str, ...]] = []
        above = [""] * COLUMNS
        for raw in body:
            row = [above[j] if (not c and j in FILL_DOWN) else c for j, c in enumerate(raw)]
            rows.append(tuple(row))
            above = row
        tables.append(FlatTable(heading=m.group(1), header=header, rows=tuple(rows)))
    return tables
