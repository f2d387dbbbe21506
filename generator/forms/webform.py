"""The fillable form as semantic HTML (GOV.UK habits), for the form's web page.

Contract with the checker (issue 6) and sw-form.js:
- ``<form class="sw-form" data-module="sw-form" data-form-id=ID novalidate>``;
- one wrapper ``.sw-field[data-field=ID][data-type=TYPE]`` per field, holding the
  label or legend, hint ``#f-ID-hint``, error slot ``#f-ID-error`` and controls;
- the first control of a field is ``#f-ID`` (for radios and checkboxes the first
  option, the others ``#f-ID-2`` …), ``name=ID``; table cells are
  ``name=ID.ROW.COL`` / ``#f-ID-ROW-COL`` (ROW from 0) and the table is ``#f-ID``;
- the 服务档案编码 box in the header is a field too (``archive_code`` unless the
  form defines its own ``type: archive_code`` field, which then moves there).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.forms.layout import numbers_itself
from generator.forms.model import Column, Field, Form

ARCHIVE_CODE_FIELD = Field(
    id="archive_code", label="服务档案编码", type="archive_code",
    help="按《档案编码规则》填写，如 GC-CAB-C01-201301-WM；没有编码时留空。",
)

INPUT_TYPES = {"text": "text", "date": "text", "time": "text", "phone": "tel", "archive_code": "text"}
# Dates and times are text boxes, not <input type=date/time>: the native boxes
# show and print the browser's locale (12/07/2026 in an English browser) and,
# typed into with the keyboard, read "2026930" as the year 6930. A text box
# takes every spelling in data/input/spellings.yaml and shows it back as
# 2026-09-30 / 14:30; the native picker stays available beside it (field-input.js).
PICKERS = {"date": ("date", "从日历选择日期", "如 2026-09-30"), "time": ("time", "选择时间", "如 14:30")}


def header_field(form: Form) -> Field | None:
    """The field shown in the header's code box, or None when the form has no box."""
    own = next((f for f in form.fields if f.type == "archive_code"), None)
    if own is not None:
        return own
    return ARCHIVE_CODE_FIELD if form.print.archive_code else None


def _attrs(**attrs) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        parts.append(name if value is True else f'{name}="{escape(value)}"')
    return " ".join(parts)


def _described(f: Field) -> str:
    return f"f-{f.id}-hint" if f.help or f.unit else None


def _text_control(f: Field | Column, id_: str, name: str, described: str | None = None, label: str | None = None, col: str | None = None) -> str:
    """One ``<input>`` for text-like types, with browser hints from the definition."""
    common = dict(id=id_, name=name, aria_describedby=described, aria_label=label, data_col=col)
    if f.type == "textarea":
        return f"<textarea {_attrs(**common, rows=getattr(f, 'lines', None) or 3, maxlength=f.max_length, autocomplete='off')}></textarea>"
    if f.type in ("number", "integer"):
        # type=text + inputmode keeps what the worker typed ("１０", "12人", "86%" are read and shown back as numbers).
        return f"<input {_attrs(**common, type='text', inputmode='decimal' if f.type == 'number' else 'numeric', autocomplete='off', enterkeyhint='next', class_='sw-input sw-input--number')}>"
    input_type = INPUT_TYPES.get(f.type, "text")
    extra = {"spellcheck": "false", "autocapitalize": "characters"} if f.type == "archive_code" else {}
    if f.type == "phone":
        extra = {"inputmode": "tel"}
    if f.type in PICKERS:
        kind, picker_label, placeholder = PICKERS[f.type]
        box = f"<input {_attrs(**common, type='text', autocomplete='off', enterkeyhint='next', spellcheck='false', placeholder=placeholder, class_=f'sw-input sw-input--{kind}')}>"
        # Shown once field-input.js runs (checker.css); not a Tab stop: the text box takes typing.
        picker = f"<input {_attrs(type=kind, class_='sw-picker no-print js-picker', tabindex='-1', aria_label=picker_label)}>"
        return f'<span class="sw-datebox">{box}{picker}</span>'
    return f"<input {_attrs(**common, type=input_type, maxlength=f.max_length, autocomplete='off', enterkeyhint='next', class_='sw-input', **extra)}>"


def _cell_control(c: Column, id_: str, name: str, label: str) -> str:
    common = dict(id=id_, name=name, aria_label=label)
    attrs = _attrs(**common, data_col=c.id)
    if c.type in ("choice", "yesno"):
        options = ["是", "否"] if c.type == "yesno" else list(c.options)
        opts = '<option value=""></option>' + "".join(f'<option value="{escape(o)}">{escape(o)}</option>' for o in options)
        return f'<select {attrs} class="sw-select" autocomplete="off">{opts}</select>'
    if c.type == "signature":
        return f'<span class="sw-cell-sign" aria-hidden="true"></span>'
    return _text_control(c, id_, name, label=label, col=c.id)


def _hint(f: Field) -> str:
    bits = [escape(f.help)] if f.help else []
    if f.unit:
        bits.append(f"单位：{escape(f.unit)}")
    return f'<p class="sw-hint" id="f-{f.id}-hint">{"　".join(bits)}</p>' if bits else ""


def _error(f: Field) -> str:
    return f'<p class="sw-error-message" id="f-{f.id}-error" hidden></p>'


def _required(f: Field) -> str:
    return '<span class="sw-required" title="必填">（必填）</span>' if f.required else ""


def _choices(f: Field, kind: str, options: list[str]) -> str:
    items = []
    for i, option in enumerate(options):
        id_ = f"f-{f.id}" if i == 0 else f"f-{f.id}-{i + 1}"
        items.append(
            f'<div class="sw-choice"><input {_attrs(type=kind, id=id_, name=f.id, value=option, aria_describedby=_described(f))}>'
            f'<label for="{id_}">{escape(option)}</label></div>'
        )
    if f.other_option:
        id_ = f"f-{f.id}-other"
        items.append(
            f'<div class="sw-choice sw-choice--other"><label for="{id_}">其他（请注明）</label>'
            f'<input {_attrs(type="text", id=id_, name=f"{f.id}_other", class_="sw-input", autocomplete="off")}></div>'
        )
    return f'<div class="sw-choices sw-choices--{"inline" if len(options) <= 4 else "wrap"}">{"".join(items)}</div>'


def _table(f: Field) -> str:
    head = "".join(
        f'<th scope="col"{_width(c)}>{escape(c.label)}{"<span class=sw-required>*</span>" if c.required else ""}'
        f'{f"<span class=sw-unit>（{escape(c.unit)}）</span>" if c.unit else ""}</th>'
        for c in f.columns
    )
    head = f'<th scope="col" class="sw-rownum">序号</th>{head}<th class="sw-row-actions no-print"><span class="sw-visually-hidden">操作</span></th>'
    rows = "".join(_row(f, str(r)) for r in range(f.start_rows))
    template = _row(f, "__ROW__")
    add = (
        f'<button type="button" class="md-button sw-button js-add-row" data-table="{f.id}" disabled>添加一行</button>'
    )
    return (
        f'<div class="sw-table-wrap"><table class="sw-table{" sw-table--numbered" if numbers_itself(f) else ""}" id="f-{f.id}" tabindex="-1" aria-labelledby="f-{f.id}-label"'
        f'{_attrs_prefixed(f)}><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
        f'<template class="sw-row-template">{template}</template>'
        f'<div class="sw-table-actions no-print">{add}</div>'
    )


def _attrs_prefixed(f: Field) -> str:
    a = _attrs(data_min_rows=f.min_rows, data_max_rows=f.max_rows, data_print_rows=f.blank_rows)
    return f" {a}" if a else ""


def _width(c: Column) -> str:
    return f' style="width:{escape(c.width)}"' if c.width else ""


def _cell_label(c: Column, id_: str) -> str:
    """The column's name inside each cell, shown only when a narrow screen lays
    the rows out as cards (the column headings are then hidden). The control's
    aria-label stays its accessible name."""
    required = '<span class="sw-required" aria-hidden="true">*</span>' if c.required else ""
    if c.type == "signature":
        return f'<span class="sw-cell-label" aria-hidden="true">{escape(c.label)}</span>'
    return f'<label class="sw-cell-label" for="{id_}" aria-hidden="true">{escape(c.label)}{required}</label>'


def _row(f: Field, row: str) -> str:
    n = "" if row == "__ROW__" else str(int(row) + 1)
    cells = "".join(
        f"<td>{_cell_label(c, f'f-{f.id}-{row}-{c.id}')}{_cell_control(c, f'f-{f.id}-{row}-{c.id}', f'{f.id}.{row}.{c.id}', f'{c.label}')}</td>"
        for c in f.columns
    )
    remove = f'<button type="button" class="sw-link-button js-remove-row" aria-label="删除这一行" disabled>删除</button>'
    return f'<tr class="sw-row"><td class="sw-rownum">{n}</td>{cells}<td class="sw-row-actions no-print">{remove}</td></tr>'


def field_html(f: Field) -> str:
    """One field group: label/legend, hint, error slot, control(s)."""
    cls = f"sw-field sw-field--{f.type} sw-width--{f.width or 'full'}"
    data = _attrs(data_field=f.id, data_type=f.type, data_required="true" if f.required else None)
    if f.type in ("choice", "multichoice", "yesno"):
        options = ["是", "否"] if f.type == "yesno" else list(f.options)
        kind = "checkbox" if f.type == "multichoice" else "radio"
        note = '<span class="sw-note">（可多选）</span>' if f.type == "multichoice" else ""
        return (
            f'<fieldset class="{cls}" {data}><legend class="sw-label">{escape(f.label)}{_required(f)}{note}</legend>'
            f"{_hint(f)}{_error(f)}{_choices(f, kind, options)}</fieldset>"
        )
    if f.type == "signature":
        return (
            f'<div class="{cls}" {data}><p class="sw-label" id="f-{f.id}-label">{escape(f.label)}</p>'
            f'<p class="sw-sign-line"><span>签名：</span><span class="sw-blank sw-blank--sign"></span>'
            f'<span>日期：</span><span class="sw-blank sw-blank--short"></span>年<span class="sw-blank sw-blank--tiny"></span>月'
            f'<span class="sw-blank sw-blank--tiny"></span>日</p>'
            f'<p class="sw-hint no-print">打印后手写签名和日期。</p></div>'
        )
    if f.type == "table":
        return (
            f'<div class="{cls}" {data}><p class="sw-label" id="f-{f.id}-label">{escape(f.label)}{_required(f)}</p>'
            f"{_hint(f)}{_error(f)}{_table(f)}</div>"
        )
    unit = f'<span class="sw-unit">{escape(f.unit)}</span>' if f.unit else ""
    control = _text_control(f, f"f-{f.id}", f.id, _described(f))
    lines = f' style="--sw-lines:{f.blank_lines}"' if f.type == "textarea" else ""
    return (
        f'<div class="{cls}" {data}{lines}><label class="sw-label" for="f-{f.id}">{escape(f.label)}{_required(f)}</label>'
        f'{_hint(f)}{_error(f)}<div class="sw-control">{control}{unit}</div>'
        f'{"<div class=sw-print-value aria-hidden=true></div>" if f.type == "textarea" else ""}</div>'
    )


def form_header(form: Form, org_name: str) -> str:
    """Organisation, title and the 服务档案编码 box: on paper and on screen."""
    code = header_field(form)
    box = ""
    if code is not None:
        box = (
            f'<div class="sw-code-box sw-field sw-field--archive_code" {_attrs(data_field=code.id, data_type="archive_code", data_required="true" if code.required else None)}>'
            f'<label class="sw-label" for="f-{code.id}">{escape(code.label)}{_required(code)}</label>'
            f'{_error(code)}{_text_control(code, f"f-{code.id}", code.id, None, None)}</div>'
        )
    return (
        f'<header class="sw-form-header"><p class="sw-org">{escape(org_name)}</p>'
        f'<p class="sw-form-title">{escape(form.title)}</p>{box}</header>'
    )


def form_html(form: Form, org_name: str, word_scripts: tuple[str, ...] = ()) -> Markup:
    """The whole fillable form, buttons included.

    Args:
        form: the form.
        org_name: printed above the title.
        word_scripts: URLs (relative to the page) of the scripts that make the
            filled Word file; without them the form has no 下载已填写的 Word 文件 button.
    """
    code = header_field(form)
    sections = []
    for s in form.sections:
        fields = "".join(field_html(f) for f in s.fields if code is None or f.id != code.id)
        if not fields:
            continue
        help_ = f'<p class="sw-hint">{escape(s.help)}</p>' if s.help else ""
        sections.append(f'<fieldset class="sw-section"><legend class="sw-section-title">{escape(s.title)}</legend>{help_}<div class="sw-grid">{fields}</div></fieldset>')
    note = f'<p class="sw-print-note">填写说明：{escape(form.print.note)}</p>' if form.print.note else ""
    toolbar = (
        '<div class="sw-toolbar no-print" role="group" aria-label="表格操作">'
        '<button type="button" class="md-button md-button--primary sw-button js-check" hidden>检查</button>'
        '<button type="button" class="md-button sw-button js-print" disabled>打印</button>'
        + (
            f'<button type="button" class="md-button sw-button js-word" hidden data-scripts="{escape(" ".join(word_scripts))}">'
            "下载已填写的 Word 文件</button>"
            if word_scripts
            else ""
        )
        + '<button type="button" class="md-button sw-button js-export" hidden>导出</button>'
        '<button type="button" class="md-button sw-button js-import" hidden>导入</button>'
        '<button type="button" class="md-button sw-button js-clear-draft" hidden>清除本机草稿</button>'
        "</div>"
    )
    summary = (
        '<div class="sw-error-summary" tabindex="-1" hidden role="alert" aria-labelledby="sw-error-summary-title">'
        '<h2 class="sw-error-summary__title" id="sw-error-summary-title">请先改正以下问题</h2>'
        '<ul class="sw-error-summary__list"></ul></div>'
    )
    # The same actions again at the end of the form: on a phone this bar sticks
    # to the bottom of the screen, so 检查 is never 37 Shift+Tabs or a long
    # scroll away. form-ui.js and sw-form.js handle both bars by their js- classes.
    actionbar = (
        '<div class="sw-actionbar no-print" role="group" aria-label="表格操作（底部）">'
        '<button type="button" class="md-button md-button--primary sw-button js-check" hidden>检查</button>'
        '<button type="button" class="md-button sw-button js-save-draft" hidden>保存草稿</button>'
        '<button type="button" class="md-button sw-button js-print" disabled>打印</button>'
        + (
            # 下载 gives what the worker filled in: the Word file when the site makes one, else the data file.
            '<button type="button" class="md-button sw-button js-word" hidden aria-label="下载已填写的 Word 文件">下载</button>'
            if word_scripts
            else '<button type="button" class="md-button sw-button js-export" hidden aria-label="下载填写内容（JSON 文件，可再导入）">下载</button>'
        )
        + '<p class="sw-actionbar__status js-bar-status" aria-hidden="true"></p>'
        "</div>"
    )
    orientation = " sw-form--landscape" if form.print.orientation == "landscape" else ""
    return Markup(
        f'<form class="sw-form{orientation}" data-module="sw-form" data-form-id="{escape(form.id)}" novalidate>'
        f"{summary}{toolbar}{form_header(form, org_name)}{''.join(sections)}{note}{actionbar}</form>"
    )
