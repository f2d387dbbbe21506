"""Standalone print HTML of a blank form (not the MkDocs page): the input of
the PDF. Same typography as the site's print CSS: A4, 宋体 小四, 1.5 行距."""

from __future__ import annotations

from markupsafe import escape

from generator.forms.layout import Choices, GridRow, Lines, Sign, Table, numbers_itself, orientation, section_blocks, table_blank
from generator.forms.model import Form
from generator.forms.webform import header_field

PAPER_CSS = """
@page { size: A4 %(orientation)s; margin: 16mm 15mm 18mm 15mm;
  @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-family: %(font)s; font-size: 9pt; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: %(font)s; font-size: 12pt; line-height: 1.5; color: #000; }
header { text-align: center; margin-bottom: 6pt; }
.org { font-size: 10.5pt; margin: 0; }
h1 { font-size: 16pt; font-weight: 700; margin: 2pt 0 4pt; }
.code { display: flex; justify-content: flex-end; align-items: center; gap: 4pt; font-size: 10.5pt; }
.code span.box { display: inline-block; width: 62mm; height: 8mm; border: 1px solid #000; }
h2 { font-size: 12pt; font-weight: 700; margin: 8pt 0 0; padding: 2pt 4pt; border: 1px solid #000; border-bottom: 0; background: #eee; break-after: avoid; }
h2 + p.help { margin: 0; padding: 0 4pt; border: 1px solid #000; border-width: 0 1px; font-size: 10.5pt; }
table { width: 100%%; border-collapse: collapse; table-layout: fixed; }
td, th { border: 1px solid #000; padding: 3pt 4pt; vertical-align: top; overflow-wrap: anywhere; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.grid td.l { width: 17%%; font-weight: 700; }
.grid td.v { height: 2.1em; }
.lines .ruled { height: calc(%(lh)s * var(--n)); background-image: repeating-linear-gradient(to bottom, transparent 0, transparent calc(%(lh)s - 1px), #888 calc(%(lh)s - 1px), #888 %(lh)s); }
.lines .l, .choices .l { font-weight: 700; }
.sign td { text-align: right; padding: 8pt 4pt 4pt; }
.sign .line { display: inline-block; border-bottom: 1px solid #000; width: 34mm; margin-right: 10mm; }
.rows { margin-top: -1px; font-size: 12pt; }
.rows caption { caption-side: top; text-align: left; font-weight: 700; border: 1px solid #000; border-bottom: 0; padding: 2pt 4pt; font-size: 12pt; }
.rows th { font-weight: 700; text-align: center; background: #f4f4f4; }
.rows td { height: 2.2em; }
.rows .n { width: 3.2em; text-align: center; }
.note { font-size: 10.5pt; margin-top: 8pt; }
section { margin-bottom: 2pt; }
.grid, .lines, .choices, .sign { margin-top: -1px; }
"""

FONT = '"SimSun", "宋体", "Noto Serif CJK SC", "Source Han Serif SC", serif'


def _block_html(block) -> str:
    if isinstance(block, GridRow):
        cells = "".join(
            f'<td class="l">{escape(c.label)}</td><td class="v" colspan="{c.span}">{escape(c.blank)}</td>' for c in block.cells
        )
        return f'<table class="grid"><colgroup><col style="width:17%"><col><col style="width:17%"><col></colgroup><tr>{cells}</tr></table>'
    if isinstance(block, Lines):
        return (
            f'<table class="lines"><tr><td><div class="l">{escape(block.label)}</div>'
            f'<div class="ruled" style="--n:{block.count}"></div></td></tr></table>'
        )
    if isinstance(block, Choices):
        return f'<table class="choices"><tr><td><span class="l">{escape(block.label)}：</span>{escape(block.text)}</td></tr></table>'
    if isinstance(block, Sign):
        return (
            f'<table class="sign"><tr><td>{escape(block.label)}：<span class="line"></span>'
            f"日期：{'　' * 3}年{'　' * 2}月{'　' * 2}日</td></tr></table>"
        )
    if isinstance(block, Table):
        f = block.field
        own = numbers_itself(f)
        head = ("" if own else '<th class="n">序号</th>') + "".join(
            f'<th{f" style=width:{escape(c.width)}" if c.width else ""}>{escape(c.label)}{f"（{escape(c.unit)}）" if c.unit else ""}</th>'
            for c in f.columns
        )
        rows = "".join(
            ("<tr>" if own else f'<tr><td class="n">{i + 1}</td>') + "".join(f"<td>{escape(table_blank(c))}</td>" for c in f.columns) + "</tr>"
            for i in range(f.blank_rows)
        )
        return f'<table class="rows"><caption>{escape(f.label)}</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    raise TypeError(block)


def paper_html(form: Form, org_name: str) -> str:
    """The blank form as one self-contained HTML document (no scripts, no links)."""
    code = header_field(form)
    box = '<p class="code">服务档案编码：<span class="box"></span></p>' if code is not None else ""
    parts = [
        "<!doctype html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(form.title)}</title>",
        "<style>" + PAPER_CSS % {"orientation": orientation(form), "font": FONT, "lh": "1.5em"} + "</style>",
        "</head><body>",
        f'<header><p class="org">{escape(org_name)}</p><h1>{escape(form.title)}</h1>{box}</header>',
    ]
    for s in form.sections:
        blocks = section_blocks(s, skip=code.id if code is not None else None)
        if not blocks:
            continue
        help_ = f'<p class="help">{escape(s.help)}</p>' if s.help else ""
        parts.append(f"<section><h2>{escape(s.title)}</h2>{help_}{''.join(_block_html(b) for b in blocks)}</section>")
    if form.print.note:
        parts.append(f'<p class="note">填写说明：{escape(form.print.note)}</p>')
    parts.append("</body></html>")
    return "\n".join(parts)
