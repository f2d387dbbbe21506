"""下载已填写的 Word 文件, as a worker meets it: every form filled with its
worked example, downloaded from the page in Chromium, opened with python-docx.
Each typed value sits in the cell (or paragraph) of its label; the file is A4,
宋体 12 pt, valid OOXML; the browser and ``python -m generator fill`` write the
same document; building it makes no request; nothing typed leaves the page."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from docx import Document
from docx.shared import Pt

from generator.build import load_all
from generator.forms.example import worked_example
from generator.forms.layout import TEXT_WIDTH_MM, label_of, numbers_itself, table_blank
from generator.forms.webform import header_field
from generator.forms.worddoc import template_bytes
from generator.forms.wordfill import fill_docx, fill_spec
from generator.project import Project

ROOT = Path(__file__).resolve().parent.parent
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A4_MM = {(210, 297), (297, 210)}


@pytest.fixture(scope="module")
def ctx():
    c, _ = load_all(Project(ROOT))
    return c


@pytest.fixture(scope="module")
def forms(ctx):
    return list(ctx.models["forms"])


def py_fill(ctx, form, values) -> bytes:
    return fill_docx(template_bytes(form, ctx.settings.org_name), fill_spec(form), values)


# ---- reading a Word file the way a person reads the form ---------------------


def unique_cells(row):
    out = []
    for c in row.cells:
        if not out or out[-1]._tc is not c._tc:
            out.append(c)
    return out


def labelled_cells(doc) -> list[tuple[str, str]]:
    """(label, what is written for it) for every label cell, ticked-choice line
    and lined box of the document."""
    pairs = []
    for t in doc.tables:
        for row in t.rows:
            cells = unique_cells(row)
            if len(cells) in (2, 4):
                pairs += [(cells[i].text, cells[i + 1].text) for i in range(0, len(cells), 2)]
            elif len(cells) == 1:
                paras = [p.text for p in cells[0].paragraphs]
                pairs.append((paras[0], "\n".join(paras[1:])))
                if "：" in paras[0]:
                    label, _, rest = paras[0].partition("：")
                    pairs.append((label, rest))
    return pairs


def data_table(doc, f):
    """Header labels and body rows (lists of cell texts) of table field ``f``."""
    for t in doc.tables:
        rows = t.rows
        if len(rows) > 2 and rows[0].cells[0].text == f.label and f.columns[0].label in rows[1].cells[-len(f.columns)].text:
            heads = [c.text for c in rows[1].cells]
            return heads, [[c.text for c in r.cells] for r in rows[2:]]
    raise AssertionError(f"没有找到表格“{f.label}”")


def iso_to_cn(value: str) -> str:
    y, m, d = value.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def expected_bits(f, value, other) -> list[str]:
    """What a reader must find in the field's cell, written independently of the filler."""
    if f.type == "textarea":
        return value.split("\n")
    if f.type == "date":
        return [iso_to_cn(value)]
    if f.type in ("number", "integer"):
        return [value + f.unit]
    if f.type in ("choice", "yesno", "multichoice"):
        options = ["是", "否"] if f.type == "yesno" else list(f.options)
        chosen = value if isinstance(value, list) else [value]
        bits = ["☑" + c for c in chosen] + ["☐" + o for o in options if o not in chosen]
        if f.other_option:
            bits.append("☑其他：" + other)
        return bits
    return [value]


def assert_values_in_place(doc, form, values) -> None:
    pairs = labelled_cells(doc)
    code = header_field(form)
    fields = ([code] if code is not None and form.field(code.id) is None else []) + list(form.fields)
    for f in fields:
        if f.type == "signature":
            continue
        value = values[f.id]
        if f.type == "table":
            heads, rows = data_table(doc, f)
            lead = 0 if numbers_itself(f) else 1
            assert len(rows) == max(len(value), f.blank_rows), (form.id, f.id, len(rows))
            for r, entry in enumerate(value):
                if lead:
                    assert rows[r][0] == str(r + 1), (form.id, f.id, r)
                for i, c in enumerate(f.columns, start=lead):
                    want = entry[c.id]
                    if c.type == "signature":
                        continue
                    if table_blank(c):
                        want = "☑" + want
                    assert want in rows[r][i], (form.id, f.id, r, c.label, want, rows[r][i])
            for r in range(len(value), len(rows)):  # blank rows left for handwriting
                assert all("☑" not in cell for cell in rows[r]), (form.id, f.id, r)
            continue
        label = "服务档案编码" if code is not None and f.id == code.id else label_of(f)
        written = [v for k, v in pairs if k == label]
        assert written, (form.id, f"没有找到标签“{label}”")
        for bit in expected_bits(f, value, values.get(f"{f.id}_other", "")):
            assert any(bit in w for w in written), (form.id, label, bit, written)


def assert_a4_songti_12pt(data: bytes, name: str) -> None:
    doc = Document(io.BytesIO(data))
    for section in doc.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) in A4_MM, name
        width = TEXT_WIDTH_MM["landscape" if section.page_width > section.page_height else "portrait"]
        assert round((section.page_width - section.left_margin - section.right_margin) / 36000) == width, name
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(12), name
    assert normal.element.rPr.rFonts.get(f"{W_NS}eastAsia") == "宋体", name
    parts = [doc.element.body, *(s.header._element for s in doc.sections), *(s.footer._element for s in doc.sections)]
    for part in parts:
        for rpr in part.iter(f"{W_NS}rPr"):
            size = rpr.find(f"{W_NS}sz")
            if size is not None:  # no run smaller than 小四; only the title is larger
                assert int(size.get(f"{W_NS}val")) >= 24, (name, size.get(f"{W_NS}val"))
            fonts = rpr.find(f"{W_NS}rFonts")
            if fonts is not None and fonts.get(f"{W_NS}eastAsia"):
                assert fonts.get(f"{W_NS}eastAsia") == "宋体", name
    for t in doc.tables:  # wide tables fit the page at 12 pt
        grid = t._tbl.tblGrid
        total = sum(int(g.get(f"{W_NS}w")) for g in grid.iter(f"{W_NS}gridCol")) / 1440 * 25.4
        assert total <= width + 0.5, (name, round(total))


def assert_valid_ooxml(data: bytes, name: str) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None, name
        names = z.namelist()
        types = z.read("[Content_Types].xml").decode()
        for part in names:
            if part.endswith((".xml", ".rels")):
                ElementTree.fromstring(z.read(part))  # parses
        overrides = set(re.findall(r'PartName="/([^"]+)"', types))
        assert overrides <= set(names), (name, overrides - set(names))
        for rels in (n for n in names if n.endswith(".rels")):
            base = rels.replace("_rels/", "").removesuffix(".rels").rsplit("/", 1)[0] if "/" in rels.replace("_rels/", "") else ""
            for target, mode in re.findall(r'Target="([^"]+)"(?: TargetMode="(\w+)")?', z.read(rels).decode()):
                if mode == "External":
                    continue
                path = target.lstrip("/") if target.startswith("/") else "/".join(filter(None, [base, target]))
                parts = []
                for bit in path.split("/"):
                    if bit == "..":
                        parts.pop()
                    else:
                        parts.append(bit)
                assert "/".join(parts) in names, (name, rels, target)
        assert "⟦" not in z.read("word/document.xml").decode(), name


# ---- Python: the filler and the files it writes ------------------------------


def test_every_form_filled_in_python_has_each_value_in_its_labels_cell(ctx, forms):
    for form in forms:
        values = worked_example(form)
        data = py_fill(ctx, form, values)
        assert_values_in_place(Document(io.BytesIO(data)), form, values)
        assert_a4_songti_12pt(data, form.id)
        assert_valid_ooxml(data, form.id)


def test_every_blank_word_file_is_a4_12pt_and_blank(site_dir, forms):
    for form in forms:
        data = (site_dir / "forms" / form.id / f"{form.id}.docx").read_bytes()
        assert_a4_songti_12pt(data, form.id)
        assert_valid_ooxml(data, form.id)
        assert "☑" not in Document(io.BytesIO(data)).element.xml, form.id


def test_written_text_follows_the_paper_conventions(ctx):
    form = ctx.models["forms"].by_id["activity-sign-in"]
    values = {
        "archive_code": " GC-CAB-C01-201301-WM ",
        "activity_name": "中秋<游园>&会",
        "date": "2026-09-05",
        "venue": "社区广场\n二楼活动室",
        "time": "１４：３０",
        "present_count": "１２",
        "attendees": [{"name": f"参加者{i}", "gender": "女", "age": "30", "phone": "", "identity": "居民"} for i in range(10)],
    }
    doc = Document(io.BytesIO(py_fill(ctx, form, values)))
    pairs = dict(labelled_cells(doc))
    assert pairs["服务档案编码"] == "GC-CAB-C01-201301-WM"
    assert pairs["活动名称"] == "中秋<游园>&会"  # escaped in the XML, intact in Word
    assert pairs["日期"] == "2026年9月5日"
    assert pairs["地点"] == "社区广场\n二楼活动室"  # a line break, not a lost line
    assert pairs["开始时间"] == "14:30"
    assert pairs["签到人数"] == "12人"
    f = form.field("attendees")
    heads, rows = data_table(doc, f)
    filled = [r for r in rows if r[1]]
    assert len(filled) == 10 and len(rows) == f.blank_rows  # 10 entries, then the paper's blank rows
    assert [r[0] for r in rows] == [str(n) for n in range(1, f.blank_rows + 1)]
    assert filled[0][2] == "☐男 ☑女" and rows[-1][2] == "☐男 ☐女"


def test_empty_fields_stay_blank_for_handwriting(ctx):
    form = ctx.models["forms"].by_id["group-plan"]
    blank = Document(io.BytesIO(py_fill(ctx, form, {})))
    pairs = dict(labelled_cells(blank))
    assert pairs[form.field("submit_date").label] == "\u3000" * 3 + "年" + "\u3000" * 2 + "月" + "\u3000" * 2 + "日"
    assert "☑" not in blank.element.xml
    lines = [v for k, v in labelled_cells(blank) if k == form.field("need").label][0]
    assert lines == "\n" * (form.field("need").blank_lines - 1)  # room for the pen, as on paper


def test_fill_command_writes_the_same_file_as_the_filler(ctx, tmp_path):
    from generator.forms.fill_cli import main

    form = ctx.models["forms"].by_id["group-plan"]
    values = worked_example(form)
    exported = tmp_path / "group-plan-20261207.json"
    exported.write_text(json.dumps({"format": "sw-form-data", "version": 1, "form": form.id, "values": values}, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.docx"
    assert main([form.title, str(exported), str(out), "--root", str(ROOT)]) == 0
    got = zipfile.ZipFile(out).read("word/document.xml")
    assert got == zipfile.ZipFile(io.BytesIO(py_fill(ctx, form, values))).read("word/document.xml")
    assert main(["activity-sign-in", str(exported), str(tmp_path / "x.docx"), "--root", str(ROOT)]) == 2  # other form's data


# ---- the browser: the button, the download, parity with Python ---------------


def _document_xml(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_every_form_downloads_its_filled_word_file_from_the_page(ctx, forms, browser, base_url, tmp_path):
    """One page, every form: fill the worked example, press the button, open the
    download. Same document.xml as Python's; no request while typing; building
    loads only the three scripts the button names, from this site."""
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    started = time.perf_counter()
    try:
        for form in forms:
            page.goto(f"{base_url}forms/{form.id}/index.html")
            page.wait_for_function("window.swForm && document.querySelector('.js-word:not([hidden])')")
            values = worked_example(form)
            page.evaluate("v => window.swForm.fill(document.querySelector('form.sw-form'), v)", values)
            page.wait_for_timeout(50)
            requests.clear()
            with page.expect_download() as download:
                page.click(".js-word")
            data = Path(download.value.path()).read_bytes()
            scripts = page.eval_on_selector(".js-word", "b => b.dataset.scripts.split(' ').map(s => new URL(s, location.href).href)")
            # Only this site's files (the three scripts; Material's own bundle may
            # start on a first click), and nothing typed in any address.
            assert all(u.startswith(base_url) for u in requests), (form.id, requests)
            typed = [v for v in values.values() if isinstance(v, str) and len(v) > 3]
            assert not [u for u in requests for v in typed if v in u], (form.id, requests)
            name = download.value.suggested_filename
            assert name.startswith(re.sub(r'[\\/:*?"<>|]', "、", form.title)) and name.endswith(".docx"), name
            exported = page.evaluate("() => window.swForm.values(document.querySelector('form.sw-form'))")
            assert _document_xml(data) == _document_xml(py_fill(ctx, form, exported)), form.id
            doc = Document(io.BytesIO(data))
            assert_values_in_place(doc, form, values)
            assert_a4_songti_12pt(data, form.id)
            assert_valid_ooxml(data, form.id)
            if form is forms[0]:  # a second file from the same page needs nothing more from the network
                requests.clear()
                with page.expect_download():
                    page.click(".js-word")
                assert not set(requests) & set(scripts), requests
        assert not errors, errors
    finally:
        context.close()
    print(f"\n{len(forms)} forms filled and downloaded in {time.perf_counter() - started:.1f} s")


def test_ten_typed_sign_in_rows_give_ten_filled_rows(page, base_url, watch, ctx):
    """Typed with the keyboard, not set by script; no request while typing."""
    page.goto(f"{base_url}forms/activity-sign-in/index.html")
    page.wait_for_selector(".js-word:not([hidden])")
    seen = len(watch.requests)
    page.fill("#f-activity_name", "重阳敬老茶话会")
    page.fill("#f-date", "2026-10-18")
    for r in range(10):
        if r:
            page.click(".js-add-row[data-table=attendees]")
        page.fill(f"#f-attendees-{r}-name", f"居民{r + 1}号")
        page.select_option(f"#f-attendees-{r}-gender", "男" if r % 2 else "女")
        page.fill(f"#f-attendees-{r}-age", str(60 + r))
    page.fill("#f-present_count", "10")
    assert watch.requests[seen:] == []
    with page.expect_download() as download:
        page.click(".js-word")
    assert [u for u in watch.requests[seen:] if not u.endswith(".js")] == []
    doc = Document(download.value.path())
    form = ctx.models["forms"].by_id["activity-sign-in"]
    heads, rows = data_table(doc, form.field("attendees"))
    filled = [r for r in rows if r[1]]
    assert [r[1] for r in filled] == [f"居民{n}号" for n in range(1, 11)]
    assert len(rows) == form.field("attendees").blank_rows
    assert "重阳敬老茶话会" in doc.element.xml and "2026年10月18日" in doc.element.xml
    assert "已生成" in page.inner_text(".js-word-status")


def test_filled_word_file_from_a_page_opened_as_a_file(browser, site_dir, ctx):
    """Opened from an unzipped copy (file://): the scripts load beside the page."""
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto((site_dir / "forms" / "group-plan" / "index.html").as_uri())
        page.wait_for_selector(".js-word:not([hidden])")
        page.fill("#f-group_name", "亲子沟通小组")
        with page.expect_download() as download:
            page.click(".js-word")
        doc = Document(download.value.path())
        assert dict(labelled_cells(doc))["小组名称"] == "亲子沟通小组"
        assert all(u.startswith("file://") for u in requests), requests
    finally:
        context.close()


def test_page_says_what_each_download_is(page, base_url):
    page.goto(f"{base_url}forms/group-plan/index.html")
    text = page.inner_text("article")
    for phrase in ("下载空白 PDF", "下载空白 Word 文件", "下载已填写的 Word 文件", "另存为 PDF"):
        assert phrase in text, phrase
    assert page.is_visible(".js-word")


AWKWARD = [
    {},
    {"group_name": "A&B <小组> \"甲\" '乙'", "venue": "  前后空格  ", "target": "第一行\r\n第二行\r第三行\n\n第五行\n\n\n\n\n\n第十一行"},
    {"submit_date": "２０２６年３月５日", "start_date": "2026/3/5", "end_date": "2026-13-40", "feedback_date": "明天"},
    {"session_minutes": "９０", "planned_members": " 12 ", "budget_total": "1,234.50", "session_count": 8},
    {"domain": "不在选项里", "recruit": ["海报/通知", "", None, "自创渠道"], "recruit_other": "  ", "supervisor_decision": ["批准开展"]},
    {"group_name": "表情😀与控制\u0001字符\u000b", "need": None, "theory": {"x": 1}, "goals": ["列表"]},
    {"sessions": [{"session_no": "１", "date": "2026-9-1", "theme": "<b>粗</b>", "objective": "", "materials": ""}, {"theme": ""}, "不是行", None]},
    {"budget": [{"item": f"物品{i}", "quantity": str(i), "unit_price": "1", "amount": str(i)} for i in range(12)]},
    {"constructor": "x", "__proto__": {"group_name": "原型"}, "toString": "y"},
]


def test_browser_and_python_fill_awkward_values_the_same(ctx, page, base_url):
    """Typed oddities a worker or an old export brings: markup characters, CR/LF,
    full-width digits, odd dates, values of the wrong type, more rows than paper."""
    from generator.forms.wordfill import fill_xml

    form = ctx.models["forms"].by_id["group-plan"]
    xml = zipfile.ZipFile(io.BytesIO(template_bytes(form, ctx.settings.org_name))).read("word/document.xml").decode()
    spec = fill_spec(form)
    page.goto(f"{base_url}forms/group-plan/index.html")
    page.add_script_tag(url=f"{base_url}assets/javascripts/sw-word.js")
    for values in AWKWARD:
        js = page.evaluate("([x, s, v]) => window.swWord.fillXml(x, s, v)", [xml, spec, values])
        assert js == fill_xml(xml, spec, values), values
        ElementTree.fromstring(js)  # still well-formed XML
