"""Build step ``generator.forms``: form definitions → web form, print, PDF, Word.

- ``load``: every ``forms/*.yaml`` checked against ``forms/form.schema.json`` and
  against the rest of the project (rules, sources, handbook pages);
- ``pages``: ``forms/index.md``, ``forms/format.md``, ``forms/<id>/index.md`` with
  ``<id>.pdf`` and ``<id>.docx`` beside it (skipped with ``--fast``), and the
  form assets ``sw-form.css`` / ``sw-form.js``; for 下载已填写的 Word 文件 the
  per-form template script ``<id>-word.min.js``, the filler ``sw-word.js`` and
  the vendored zip library fflate (all loaded only on that button's click).
"""

from __future__ import annotations

from pathlib import Path

from generator.context import Context, Staging
from generator.forms.model import Column, Field, Form, Forms, Section  # noqa: F401  (public model)
from generator.forms.validate import load_forms, load_schema
from generator.problems import Problem

NAME = "forms"
ASSETS = Path(__file__).parent / "assets"
CSS = "assets/stylesheets/sw-form.css"
JS = "assets/javascripts/sw-form.js"
# Loaded only when a worker asks for the filled Word file (see formpages.word_button).
WORD_JS = "%s-word.min.js"  # per form, beside its page; .min.js: js_minify leaves the base64 alone
WORD_FILLER = "assets/javascripts/sw-word.js"
ZIP_JS = "assets/javascripts/vendor/fflate.min.js"
VENDOR = Path(__file__).resolve().parent.parent / "vendor"

# Times of the last download build, for bench/forms_build.py.
last_times = None


def load(ctx: Context) -> tuple[Forms | None, list[Problem]]:
    return load_forms(
        ctx.project.forms,
        ctx.project.root,
        rules=ctx.models.get("rules"),
        sources=ctx.models.get("sources"),
        handbook=ctx.project.handbook,
    )


def pages(ctx: Context, out: Staging) -> None:
    """Write the index, the format guide, every form page and its downloads."""
    global last_times
    from generator.forms.downloads import DownloadTimes, build_downloads
    from generator.forms.formatdoc import format_page
    from generator.forms.formpages import form_page, index_page

    forms: Forms = ctx.models[NAME]
    by = "generator/forms"
    out.copy(CSS, ASSETS / "sw-form.css", by=by)
    out.copy(JS, ASSETS / "sw-form.js", by=by)
    out.copy(WORD_FILLER, ASSETS / "sw-word.js", by=by)
    out.copy(ZIP_JS, VENDOR / "fflate" / "fflate.min.js", by="generator/vendor/fflate")
    out.copy(ZIP_JS.replace(".min.js", ".LICENSE.txt"), VENDOR / "fflate" / "LICENSE", by="generator/vendor/fflate")
    downloads = not ctx.options.fast
    files = {}
    if downloads and len(forms):
        last_times = DownloadTimes()
        files = build_downloads(list(forms), ctx.settings.org_name, ctx.project.build / "cache" / "forms", last_times)
    for form in forms:
        exists = bool(form.procedure) and (ctx.project.handbook / form.procedure).is_file()
        out.write_text(f"forms/{form.id}/index.md", form_page(form, forms, ctx, exists, downloads), by=form.file)
        if downloads:
            out.write_bytes(f"forms/{form.id}/{form.id}.pdf", files[form.id]["pdf"], by=form.file)
            out.write_bytes(f"forms/{form.id}/{form.id}.docx", files[form.id]["docx"], by=form.file)
            out.write_bytes(f"forms/{form.id}/{WORD_JS % form.id}", files[form.id]["word_js"], by=form.file)
    out.write_text("forms/index.md", index_page(forms, ctx, downloads), by="forms/*.yaml")
    example = (ctx.project.forms / "group-plan.yaml")
    out.write_text(
        "forms/format.md",
        format_page(load_schema(ctx.project.forms), example.read_text(encoding="utf-8") if example.is_file() else "", ""),
        by="forms/form.schema.json",
    )
