"""Copy handbook/ into the docs dir, rendering Markdown through Jinja macros.

Macros let a page show a value that lives in data/ (``{{ rule("group_report") }}``)
instead of repeating it. Text two pages must say alike lives once in
``handbook/_partials/`` and is pulled in with ``{% include "_partials/…" %}``. Jinja comments use ``<!--j … j-->`` so that
attr_list's ``{#id}`` in Markdown stays Markdown.
"""

from __future__ import annotations

import shutil
import traceback
from pathlib import Path

import jinja2

from generator.context import Context, Staging
from generator.problems import WARNING, Problem, problem


def _relative(target: str, page: str) -> str:
    """Link from docs page ``page`` to docs path ``target`` (both root-relative)."""
    import posixpath

    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(page) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def link_macros(ctx: Context, out: Staging, problems: list[Problem]) -> dict:
    """``link()`` and ``form()``: cross-links that degrade to plain text (with a
    warning) while the target page does not exist yet, so sections can be
    written in parallel and wired up when they meet."""
    handbook_pages = {p.relative_to(ctx.project.handbook).as_posix() for p in ctx.project.handbook.rglob("*.md")}

    def exists(path: str) -> bool:
        path = path.partition("#")[0]
        return path in handbook_pages or path in out.written

    def missing(page: str, what: str) -> None:
        problems.append(problem("missing-link", f"handbook/{page}", "", target=what))

    @jinja2.pass_context
    def link(context, target: str, text: str) -> str:
        """``{{ link("case/closing.md", "结案") }}``: a Markdown link by docs path."""
        page = context["page_path"]
        if exists(target):
            return f"[{text}]({_relative(target, page)})"
        missing(page, target)
        return text

    @jinja2.pass_context
    def form(context, form_id: str, text: str | None = None) -> str:
        """``{{ form("case-opening-record") }}``: 《表格名》 linked to its form page."""
        page = context["page_path"]
        forms = ctx.models.get("forms")
        found = forms.by_id.get(form_id) if forms is not None else None
        if found is not None:
            return f"[《{found.title}》]({_relative(f'forms/{form_id}/index.md', page)})"
        missing(page, f"forms/{form_id}")
        return f"《{text or form_id}》"

    return {"link": link, "form": form}


def environment(ctx: Context, macros: dict) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ctx.project.handbook),
        undefined=jinja2.StrictUndefined,
        comment_start_string="<!--j",
        comment_end_string="j-->",
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.globals.update(macros)
    env.globals["settings"] = ctx.settings
    return env


def _error_line(exc: Exception, name: str) -> int | None:
    line = getattr(exc, "lineno", None)
    if line:
        return line
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(name):
            return frame.lineno
    return None


def render(ctx: Context, macros: dict, out: Staging) -> list[Problem]:
    """Write every handbook file into ``out``; collect template problems."""
    problems: list[Problem] = []
    env = environment(ctx, {**macros, **link_macros(ctx, out, problems)})
    root = ctx.project.handbook
    for path in sorted(root.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(root).as_posix()
        if rel.startswith("_partials/"):
            continue  # text shared by several pages, pulled in with {% include %}
        if path.suffix != ".md":
            out.copy(rel, path, by=f"handbook/{rel}")
            continue
        try:
            text = env.get_template(rel).render(page_path=rel)
        except Exception as exc:  # every template failure becomes a located problem
            line = _error_line(exc, rel)
            problems.append(
                problem(
                    "template-error",
                    f"handbook/{rel}",
                    f"第 {line} 行" if line else "",
                    line=line,
                    detail=f"{type(exc).__name__}: {exc}",
                )
            )
            continue
        out.write_text(rel, text, by=f"handbook/{rel}")
    return problems
