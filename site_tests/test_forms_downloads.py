"""Every blank form as a worker downloads it: the PDF opens, is A4 and has its
title as real text in an embedded font; the Word file opens and holds the
title and every label."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from generator.build import load_all
from generator.forms.webform import header_field
from generator.project import Project

ROOT = Path(__file__).resolve().parent.parent
A4 = (595.3, 841.9)


@pytest.fixture(scope="module")
def forms():
    ctx, _ = load_all(Project(ROOT))
    return list(ctx.models["forms"])


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_pdf_opens_is_a4_and_has_its_title_as_text(site_dir, forms):
    for form in forms:
        path = site_dir / "forms" / form.id / f"{form.id}.pdf"
        assert path.is_file(), path
        reader = PdfReader(path)
        assert len(reader.pages) >= 1
        for page in reader.pages:
            w, h = float(page.mediabox.width), float(page.mediabox.height)
            want = A4 if form.print.orientation != "landscape" else A4[::-1]
            assert (w, h) == pytest.approx(want, abs=1.5), (form.id, w, h)
        first = squash(reader.pages[0].extract_text())
        assert squash(form.title) in first, (form.id, first[:80])
        # Fonts are inside the file: Chromium embeds CJK glyphs (Type3 or CID subsets).
        fonts = reader.pages[0]["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            if font["/Subtype"] == "/Type3":
                continue
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), form.id


def test_pdf_text_uses_ideographs_not_kangxi_radicals(site_dir, forms):
    for form in forms:
        text = PdfReader(site_dir / "forms" / form.id / f"{form.id}.pdf").pages[0].extract_text()
        radicals = [ch for ch in text if 0x2E80 <= ord(ch) <= 0x2FDF]
        assert not radicals, (form.id, radicals)


def test_first_pdf_page_renders_to_png(site_dir, tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(str(site_dir / "forms" / "group-plan" / "group-plan.pdf"))
    image = pdf[0].render(scale=1).to_pil()
    assert image.size[0] == pytest.approx(595, abs=2)
    out = tmp_path / "group-plan.png"
    image.save(out)
    gray = image.convert("L")
    dark = sum(gray.histogram()[:128])
    assert dark > 5000, "页面几乎是空白的"


def test_every_docx_opens_with_title_and_every_label(site_dir, forms):
    for form in forms:
        path = site_dir / "forms" / form.id / f"{form.id}.docx"
        assert path.is_file(), path
        doc = Document(io.BytesIO(path.read_bytes()))
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                for cell in row.cells:
                    parts.append(cell.text)
        text = "\n".join(parts)
        assert form.title in text, form.id
        code = header_field(form)
        for f in form.fields:
            if code is not None and f.id == code.id:
                assert "服务档案编码" in text
                continue
            assert f.label in text, (form.id, f.label)
            for c in f.columns:
                assert c.label in text, (form.id, c.label)
        section = doc.sections[0]
        assert round(section.page_width.mm) in (210, 297)
        normal = doc.styles["Normal"]
        assert normal.font.size.pt == 12
        assert normal.paragraph_format.line_spacing == 1.5
        assert normal.element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "宋体"
