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
    field_id: str = ""


@dataclass(frozen=True)
class GridRow:
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Lines:
    label: str
    count: int
    hint: str = ""
    field_id: str = ""


@dataclass(frozen=True)
class Choices:
    label: str
    text: str
    field_id: str = ""


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
            blocks.append(GridRow((Cell(pending.label, pending.blank, 3, pending.field_id),)))
            pending = None

    for f in section.fields:
        if f.id == skip:
            continue
        short = f.type not in ("textarea", "table", "signature") and not (
            f.type in ("choice", "multichoice") and len(blank_text(f)) > 14
        )
        if short and f.width in ("half", "third"):
            cell = Cell(label_of(f), blank_text(f), 1, f.id)
            if pending is None:
                pending = cell
            else:
                blocks.append(GridRow((pending, cell)))
                pending = None
            continue
        flush()
        if f.type == "textarea":
            blocks.append(Lines(f.label, f.blank_lines, field_id=f.id))
        elif f.type == "table":
            blocks.append(Table(f))
        elif f.type == "signature":
            blocks.append(Sign(f.label))
        elif f.type in ("choice", "multichoice") and len(blank_text(f)) > 30:
            blocks.append(Choices(label_of(f), blank_text(f), f.id))
        else:
            blocks.append(GridRow((Cell(label_of(f), blank_text(f), 3, f.id),)))
    flush()
    return blocks


def table_blank(c) -> str:
    if c.type == "yesno":
        return "□是 □否"
    if c.type == "choice" and len("".join(c.options)) <= 8:
        return " ".join(f"□{o}" for o in c.options)
    return ""


def numbers_itself(f: Field) -> bool:
    """True when a table already has its own 序号 column (no second one on paper)."""
    return any(c.label.strip() in ("序号", "编号", "序") for c in f.columns[:1])


# Page geometry shared by the Word file and the PDF: A4 with 15 mm side margins.
TEXT_WIDTH_MM = {"portrait": 210 - 30, "landscape": 297 - 30}
CHAR_MM = 4.3  # one ideograph at 12 pt (小四)
CELL_PAD_MM = 4.0  # left and right cell margins together
NUMBER_COLUMN_MM = 14.0  # "序号" at 12 pt

# What a column needs besides its heading, in characters at 12 pt.
_CONTENT_CHARS = {"date": 6, "time": 3, "phone": 6, "number": 3, "integer": 2, "signature": 5, "textarea": 8, "text": 4}


def column_min_mm(c) -> float:
    """The narrowest a table column can be at 12 pt: its heading on at most two
    lines, or what it usually holds, whichever is wider."""
    head = len(c.label) + (len(c.unit) + 2 if c.unit else 0)
    head_chars = min(head, max(2, -(-head // 2)))  # two lines of heading at most
    content = len(table_blank(c)) * 0.9 or _CONTENT_CHARS.get(c.type, 4)
    if c.max_length:
        content = min(content, c.max_length)
    return CELL_PAD_MM + CHAR_MM * max(head_chars, content, 2)


def table_min_mm(f: Field) -> float:
    return (0 if numbers_itself(f) else NUMBER_COLUMN_MM) + sum(column_min_mm(c) for c in f.columns)


def orientation(form: Form) -> str:
    """Landscape when the form asks for it or when a table does not fit the
    portrait width at 12 pt: wide tables get a wider page, never a smaller font."""
    if form.print.orientation == "landscape":
        return "landscape"
    widest = max((table_min_mm(f) for f in form.fields if f.type == "table"), default=0)
    return "landscape" if widest > TEXT_WIDTH_MM["portrait"] else "portrait"


def column_widths_mm(f: Field, width: float) -> list[float]:
    """Widths of a table's columns (序号 first when the table gets one) that fill
    ``width``: each column its minimum, the rest shared in proportion to it."""
    lead = [] if numbers_itself(f) else [NUMBER_COLUMN_MM]
    mins = [column_min_mm(c) for c in f.columns]
    spare = width - sum(lead) - sum(mins)
    if spare <= 0:  # cannot happen on the chosen page; shrink evenly rather than overflow
        scale = (width - sum(lead)) / sum(mins)
        return lead + [m * scale for m in mins]
    return lead + [m + spare * m / sum(mins) for m in mins]
