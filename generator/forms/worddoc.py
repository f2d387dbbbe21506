"""Word (.docx) of a blank form with python-docx: 宋体 小四 (12 pt), 1.5 行距,
A4, org name in the page header, title and 服务档案编码 box on top, page
numbers in the footer, real tables for repeating rows. Opens in Word and WPS.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from generator.forms.layout import Choices, GridRow, Lines, Sign, Table, section_blocks, table_blank
from generator.forms.model import Form
from generator.forms.webform import header_field

SONG = "宋体"
LATIN = "Times New Roman"


def _font(run_or_style, size: float | None = None, bold: bool | None = None) -> None:
    font = run_or_style.font
    font.name = LATIN
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), SONG)
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)


def _para(container, text: str = "", size: float | None = None, bold: bool = False, align=None, space_after: float = 0):
    p = container.add_paragraph()
    if text:
        _font(p.add_run(text), size, bold)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


def _cell_text(cell, text: str, bold: bool = False, size: float | None = None, align=None) -> None:
    p = cell.paragraphs[0]
    if text:
        _font(p.add_run(text), size, bold)
    if align is not None:
        p.alignment = align


def _row_props(row, height_pt: float | None = None, header: bool = False) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))  # repeat on every page
    if height_pt:
        row.height = Pt(height_pt)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _shade(cell, fill: str = "EEEEEE") -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) so page numbers update in Word and WPS."""
    run = paragraph.add_run()
    _font(run, 9)
    begin, instr, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = code
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instr)
    run._r.append(end)


def _setup(doc, form: Form, org_name: str) -> float:
    """Page, styles, header and footer; returns the text width in mm."""
    section = doc.sections[0]
    landscape = form.print.orientation == "landscape"
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(15))
    section.top_margin, section.bottom_margin = Mm(16), Mm(18)
    normal = doc.styles["Normal"]
    _font(normal, 12)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(0)
    head = section.header.paragraphs[0]
    _font(head.add_run(f"{org_name}　{form.title}"), 9)
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(foot.add_run("第 "), 9)
    _field(foot, "PAGE")
    _font(foot.add_run(" 页 / 共 "), 9)
    _field(foot, "NUMPAGES")
    _font(foot.add_run(" 页"), 9)
    return (297 if landscape else 210) - 30


def _grid(doc, width: float):
    t = doc.add_table(rows=0, cols=4)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    label_w = width * 0.17
    for i, col in enumerate(t.columns):
        col.width = Mm(label_w if i % 2 == 0 else width / 2 - label_w)
    return t


def _widths(row, width: float) -> None:
    label_w = width * 0.17
    for i, cell in enumerate(row.cells):
        cell.width = Mm(label_w if i % 2 == 0 else width / 2 - label_w)


def docx_bytes(form: Form, org_name: str) -> bytes:
    """The blank form as a .docx file."""
    doc = Document()
    width = _setup(doc, form, org_name)
    _para(doc, org_name, 10.5, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, form.title, 16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4)
    code = header_field(form)
    if code is not None:
        box = doc.add_table(rows=1, cols=2)
        box.alignment = WD_TABLE_ALIGNMENT.RIGHT
        box.style = "Table Grid"
        _cell_text(box.rows[0].cells[0], "服务档案编码", size=10.5)
        box.rows[0].cells[0].width, box.rows[0].cells[1].width = Mm(28), Mm(62)
        _para(doc, "", 6)
    for s in form.sections:
        blocks = section_blocks(s, skip=code.id if code is not None else None)
        if not blocks:
            continue
        heading = _grid(doc, width)
        row = heading.add_row()
        _widths(row, width)
        cell = row.cells[0].merge(row.cells[3])
        _cell_text(cell, s.title, bold=True)
        _shade(cell)
        _row_props(row)
        if s.help:
            _para(cell, s.help, 10.5)
        grid = heading
        for block in blocks:
            if isinstance(block, Table):
                grid = None
                _rows_table(doc, block.field, width)
                continue
            if grid is None:
                grid = _grid(doc, width)
            row = grid.add_row()
            _widths(row, width)
            if isinstance(block, GridRow):
                cells = row.cells
                if len(block.cells) == 1:
                    c = block.cells[0]
                    _cell_text(cells[0], c.label, bold=True)
                    _cell_text(cells[1].merge(cells[3]), c.blank)
                else:
                    for i, c in enumerate(block.cells):
                        _cell_text(cells[2 * i], c.label, bold=True)
                        _cell_text(cells[2 * i + 1], c.blank)
                _row_props(row, 24)
            elif isinstance(block, Lines):
                cell = row.cells[0].merge(row.cells[3])
                _cell_text(cell, block.label, bold=True)
                for _ in range(block.count):
                    _para(cell, "")
                _row_props(row)
            elif isinstance(block, Choices):
                cell = row.cells[0].merge(row.cells[3])
                _cell_text(cell, f"{block.label}：", bold=True)
                _font(cell.paragraphs[0].add_run(block.text))
                _row_props(row)
            elif isinstance(block, Sign):
                cell = row.cells[0].merge(row.cells[3])
                _cell_text(cell, f"{block.label}：＿＿＿＿＿＿＿＿　　日期：　　　年　　月　　日", align=WD_ALIGN_PARAGRAPH.RIGHT)
                _row_props(row, 30)
    if form.print.note:
        _para(doc, f"填写说明：{form.print.note}", 10.5, space_after=0).paragraph_format.space_before = Pt(6)
    core = doc.core_properties
    core.title, core.author, core.subject = form.title, org_name, form.purpose
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _rows_table(doc, f, width: float) -> None:
    cols = len(f.columns) + 1
    t = doc.add_table(rows=0, cols=cols)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    caption = t.add_row()
    cell = caption.cells[0].merge(caption.cells[-1])
    _cell_text(cell, f.label, bold=True)
    _row_props(caption)
    head = t.add_row()
    _row_props(head, header=True)
    _cell_text(head.cells[0], "序号", bold=True, size=11, align=WD_ALIGN_PARAGRAPH.CENTER)
    for i, c in enumerate(f.columns, start=1):
        _cell_text(head.cells[i], c.label + (f"（{c.unit}）" if c.unit else ""), bold=True, size=11, align=WD_ALIGN_PARAGRAPH.CENTER)
        _shade(head.cells[i], "F4F4F4")
    _shade(head.cells[0], "F4F4F4")
    n_w = 12
    rest = (width - n_w) / max(len(f.columns), 1)
    for n in range(f.blank_rows):
        row = t.add_row()
        _row_props(row, 26)
        _cell_text(row.cells[0], str(n + 1), size=11, align=WD_ALIGN_PARAGRAPH.CENTER)
        for i, c in enumerate(f.columns, start=1):
            _cell_text(row.cells[i], table_blank(c), size=11)
    for row in t.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Mm(n_w if i == 0 else rest)
