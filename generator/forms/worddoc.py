"""Word (.docx) of a form with python-docx: 宋体 小四 (12 pt) throughout, 1.5 行距,
A4, org name in the page header, title and 服务档案编码 box on top, page
numbers in the footer, real tables for repeating rows. Opens in Word and WPS.

What python-docx writes here is the form's *template*: every place a value
goes holds a marker (``⟦f:ID⟧`` for a field, ``⟦t:ID:COL⟧`` in the one row of
a table). ``generator.forms.wordfill`` (Python) and ``sw-word.js`` (browser)
replace the markers; the blank download is the template filled with nothing,
so the blank and the filled file are the same document by construction.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from generator.forms.layout import (
    TEXT_WIDTH_MM, Choices, GridRow, Lines, Sign, Table, column_widths_mm, numbers_itself, orientation, section_blocks,
)
from generator.forms.model import Form
from generator.forms.webform import header_field
from generator.forms.wordfill import field_marker, row_marker

SONG = "宋体"
# Latin letters and digits in 宋体 too: one font for the whole form, as the
# organisation's own Word forms are set, and what Word shows as the font name.
LATIN = SONG
BODY_PT = 12  # 小四: every word on the page, tables included
TITLE_PT = 16  # 三号, bold


def _font(run_or_style, size: float = BODY_PT, bold: bool | None = None) -> None:
    font = run_or_style.font
    font.name = LATIN
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


def _para(container, text: str = "", size: float = BODY_PT, bold: bool = False, align=None, space_after: float = 0):
    p = container.add_paragraph()
    if text:
        _font(p.add_run(text), size, bold)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


def _cell_text(cell, text: str, bold: bool = False, align=None) -> None:
    p = cell.paragraphs[0]
    if text:
        _font(p.add_run(text), bold=bold)
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


def _fixed(table, width_mm: float) -> None:
    """Fixed layout at the given total width, so Word and WPS keep our column
    widths instead of squeezing columns to their content."""
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(width_mm / 25.4 * 1440)))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    # Schema order matters to Word ("unreadable content" otherwise): tblLayout
    # comes before tblCellMar and tblLook.
    later = next((tbl_pr.find(qn(t)) for t in ("w:tblCellMar", "w:tblLook", "w:tblCaption") if tbl_pr.find(qn(t)) is not None), None)
    if later is not None:
        later.addprevious(layout)
    else:
        tbl_pr.append(layout)


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) so page numbers update in Word and WPS."""
    run = paragraph.add_run()
    _font(run)
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
    landscape = orientation(form) == "landscape"
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(15))
    section.top_margin, section.bottom_margin = Mm(16), Mm(18)
    normal = doc.styles["Normal"]
    _font(normal)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(0)
    head = section.header.paragraphs[0]
    _font(head.add_run(f"{org_name}　{form.title}"))
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(foot.add_run("第 "))
    _field(foot, "PAGE")
    _font(foot.add_run(" 页 / 共 "))
    _field(foot, "NUMPAGES")
    _font(foot.add_run(" 页"))
    return TEXT_WIDTH_MM["landscape" if landscape else "portrait"]


def _grid_widths(width: float) -> list[float]:
    label_w = width * 0.17
    return [label_w, width / 2 - label_w, label_w, width / 2 - label_w]


def _grid(doc, width: float):
    t = doc.add_table(rows=0, cols=4)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed(t, width)
    for col, w in zip(t.columns, _grid_widths(width)):
        col.width = Mm(w)
    return t


def _widths(row, width: float) -> None:
    for cell, w in zip(row.cells, _grid_widths(width)):
        cell.width = Mm(w)


def template_bytes(form: Form, org_name: str) -> bytes:
    """The form as a .docx with a marker wherever a value goes (see module doc)."""
    doc = Document()
    width = _setup(doc, form, org_name)
    _para(doc, org_name, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, form.title, TITLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4)
    code = header_field(form)
    if code is not None:
        box = doc.add_table(rows=1, cols=2)
        box.alignment = WD_TABLE_ALIGNMENT.RIGHT
        box.style = "Table Grid"
        _fixed(box, 100)
        cells = box.rows[0].cells
        _cell_text(cells[0], "服务档案编码")
        _cell_text(cells[1], field_marker(code.id))
        box.columns[0].width = cells[0].width = Mm(34)
        box.columns[1].width = cells[1].width = Mm(66)
        _para(doc, "")
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
            _para(cell, s.help)
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
                    _cell_text(cells[1].merge(cells[3]), field_marker(c.field_id))
                else:
                    for i, c in enumerate(block.cells):
                        _cell_text(cells[2 * i], c.label, bold=True)
                        _cell_text(cells[2 * i + 1], field_marker(c.field_id))
                _row_props(row, 24)
            elif isinstance(block, Lines):
                cell = row.cells[0].merge(row.cells[3])
                _cell_text(cell, block.label, bold=True)
                _para(cell, field_marker(block.field_id))
                _row_props(row)
            elif isinstance(block, Choices):
                cell = row.cells[0].merge(row.cells[3])
                _cell_text(cell, f"{block.label}：", bold=True)
                _font(cell.paragraphs[0].add_run(field_marker(block.field_id)))
                _row_props(row)
            elif isinstance(block, Sign):
                cell = row.cells[0].merge(row.cells[3])
                _cell_text(cell, f"{block.label}：＿＿＿＿＿＿＿＿　　日期：　　　年　　月　　日", align=WD_ALIGN_PARAGRAPH.RIGHT)
                _row_props(row, 30)
    if form.print.note:
        _para(doc, f"填写说明：{form.print.note}").paragraph_format.space_before = Pt(6)
    core = doc.core_properties
    core.title, core.author, core.subject = form.title, org_name, form.purpose
    _slim(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _slim(doc) -> None:
    """Leave out two parts of python-docx's default template that a form does not
    need: the Word 2010 copy of the styles and the thumbnail of some other
    document. The file halves (39 → 21 KB), and so does what a form page loads
    when the worker downloads it filled."""
    for rels, kind in ((doc.part.rels, "/stylesWithEffects"), (doc.part.package.rels, "/thumbnail")):
        for rid in [rid for rid, rel in rels.items() if rel.reltype.endswith(kind)]:
            rels.pop(rid)


def _rows_table(doc, f, width: float) -> None:
    """Caption, column heads (repeated on every page) and one marker row that
    the filler repeats for each entry and for the blank rows after them."""
    own = numbers_itself(f)
    widths = column_widths_mm(f, width)
    t = doc.add_table(rows=0, cols=len(widths))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed(t, width)
    caption = t.add_row()
    cell = caption.cells[0].merge(caption.cells[-1]) if len(widths) > 1 else caption.cells[0]
    _cell_text(cell, f.label, bold=True)
    _row_props(caption, header=True)  # header rows must start at the top to repeat
    head = t.add_row()
    _row_props(head, header=True)
    heads = ([] if own else ["序号"]) + [c.label + (f"（{c.unit}）" if c.unit else "") for c in f.columns]
    for cell, text in zip(head.cells, heads):
        _cell_text(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _shade(cell, "F4F4F4")
    row = t.add_row()
    _row_props(row, 26)
    keys = ([] if own else ["#"]) + [c.id for c in f.columns]
    for cell, key in zip(row.cells, keys):
        _cell_text(cell, row_marker(f.id, key), align=WD_ALIGN_PARAGRAPH.CENTER if key == "#" else None)
    cell.width = Mm(width)
    for i, w in enumerate(widths):
        t.columns[i].width = Mm(w)
        for r in t.rows[1:]:
            r.cells[i].width = Mm(w)
