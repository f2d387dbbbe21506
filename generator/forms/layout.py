"""The blank paper form as layout blocks, shared by the print HTML (→ PDF) and
the Word file, so both look alike: a bordered 4-column grid of label and blank
cells, ruled lines for long answers, real tables for repeating rows, and
signature-and-date lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.forms.model import Field, Form, Section

GRID_COLUMNS = 4  # label, blank, label, blank


@dataclass(frozen=True)
class Cell:
    label: str
    blank: str  # pre-printed text in the blank cell (□ options, 年 月 日)
    span: int  # blank cell width in grid columns (1 or 3)


@dataclass(frozen=True)
class GridRow:
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Lines:
    label: str
    count: int
    hint: str = ""


@dataclass(frozen=True)
class Choices:
    label: str
    text: str


@dataclass(frozen=True)
class Sign:
    label: str


@dataclass(frozen=True)
class Table:
    field: Field


Block = GridRow | Lines | Choices | Sign | Table

W = "\u3000"  # ideographic space: room to write


def blank_text(f) -> str:
    """What the blank cell shows before a pen touches it."""
    if f.type == "date":
        return f"{W * 3}年{W * 2}月{W * 2}日"
    if f.type == "time":
        return f"{W * 2}时{W * 2}分"
    if f.type in ("choice", "multichoice"):
        opts = list(f.options) + (["其他：＿＿＿＿"] if getattr(f, "other_option", False) else [])
        return "　".join(f"□{o}" for o in opts)
    if f.type == "yesno":
        return "□是　□否"
    if f.unit:
        return f"{W * 4}{f.unit}"
    return ""


def label_of(f: Field) -> str:
    if f.type == "multichoice":
        return f"{f.label}（可多选）"
    return f.label


def section_blocks(section: Section, skip: str | None = None) -> list[Block]:
    """Lay one section out: half/third-width short fields pair up on one row."""
    blocks: list[Block] = []
    pending: Cell | None = None

    def flush():
        nonlocal pending
        if pending is not None:
            blocks.append(GridRow((Cell(pending.label, pending.blank, 3),)))
            pending = None

    for f in section.fields:
        if f.id == skip:
            continue
        short = f.type not in ("textarea", "table", "signature") and not (
            f.type in ("choice", "multichoice") and len(blank_text(f)) > 14
        )
        if short and f.width in ("half", "third"):
            cell = Cell(label_of(f), blank_text(f), 1)
            if pending is None:
                pending = cell
            else:
                blocks.append(GridRow((pending, cell)))
                pending = None
            continue
        flush()
        if f.type == "textarea":
            blocks.append(Lines(f.label, f.blank_lines))
        elif f.type == "table":
            blocks.append(Table(f))
        elif f.type == "signature":
            blocks.append(Sign(f.label))
        elif f.type in ("choice", "multichoice") and len(blank_text(f)) > 30:
            blocks.append(Choices(label_of(f), blank_text(f)))
        else:
            blocks.append(GridRow((Cell(label_of(f), blank_text(f), 3),)))
    flush()
    return blocks


def table_blank(c) -> str:
    if c.type == "yesno":
        return "□是 □否"
    if c.type == "choice" and len("".join(c.options)) <= 8:
        return " ".join(f"□{o}" for o in c.options)
    return ""
