"""``python -m generator fill FORM VALUES.json OUT.docx``: the filled Word file
of a form, the same one the form page's 下载已填写的 Word 文件 makes.

VALUES is a file exported from the form page (``{"form": …, "values": …}``) or
a plain ``{field: value}`` object. To fill many at once:
``fill FORM a.json b.json … --out-dir DIR`` writes ``DIR/a.docx`` and so on.
Exit code 0 when every file was written, 2 when the command cannot run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator fill", description="把表格页导出的 JSON 填进这张表的 Word 文件")
    parser.add_argument("form", help="表格编号、名称或别名，如 activity-sign-in")
    parser.add_argument("files", nargs="+", help="VALUES.json OUT.docx；用 --out-dir 时为一个或多个 JSON 文件")
    parser.add_argument("--out-dir", help="批量填写：每个 JSON 文件写成此文件夹里同名的 .docx")
    parser.add_argument("--root", help="项目根目录（默认：向上查找 mkdocs.yml）")
    args = parser.parse_args(argv)

    from generator.checker.cli import load_model, read_values
    from generator.checker.core import normalised_values
    from generator.forms.wordfill import fill_docx, fill_spec
    from generator.forms.worddoc import template_bytes
    from generator.problems import suggest

    if args.out_dir:
        jobs = [(Path(f), Path(args.out_dir) / (Path(f).stem + ".docx")) for f in args.files]
    elif len(args.files) == 2:
        jobs = [(Path(args.files[0]), Path(args.files[1]))]
    else:
        parser.error("需要两个参数 VALUES.json OUT.docx，或用 --out-dir 指定输出文件夹")
    ctx = load_model(args.root, "forms", "forms/ 有错误，无法填写。")
    if ctx is None:
        return 2
    forms = ctx.models["forms"]
    form = forms.find(args.form)
    if form is None:
        print(f"没有“{args.form}”这张表格。{suggest(args.form, sorted(forms.by_id))}", file=sys.stderr)
        return 2
    template, spec = template_bytes(form, ctx.settings.org_name), fill_spec(form)
    checker = ctx.models.get("checker")
    for source, target in jobs:
        try:
            text = source.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"无法读取 {source}：{exc}", file=sys.stderr)
            return 2
        values, found = read_values(text, form.id)
        if found:
            print(f"{source}：{found[0]['message']}", file=sys.stderr)
            return 2
        if not isinstance(values, dict):
            print(f"{source}：文件里不是 {{字段: 值}} 形式的表格数据。", file=sys.stderr)
            return 2
        if checker is not None and form.id in checker.forms:
            # As the page does before it builds the file: numbers, dates, times
            # and phones written the standard way (a draft never tidied, say).
            values = normalised_values(checker.forms[form.id], values, checker.shared)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(fill_docx(template, spec, values))
        print(f"已写入 {target}")
    return 0
