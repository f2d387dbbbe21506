"""Copy handbook/ into the docs dir, rendering Markdown through Jinja macros.

Macros let a page show a value that lives in data/ (``{{ rule("group_report") }}``)
instead of repeating it. Jinja comments use ``<!--j … j-->`` so that
attr_list's ``{#id}`` in Markdown stays Markdown.
"""

from __future__ import annotations

import shutil
import traceback
from pathlib import Path

import jinja2

from generator.context import Context, Staging
from generator.problems import Problem, problem


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
    env = environment(ctx, macros)
    root = ctx.project.handbook
    for path in sorted(root.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(root).as_posix()
        if path.suffix != ".md":
            out.copy(rel, path, by=f"handbook/{rel}")
            continue
        try:
            text = env.get_template(rel).render()
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
        out.write_text(rel, with_review_date(text, ctx.settings.reviewed), by=f"handbook/{rel}")
    return problems


def with_review_date(text: str, reviewed: str) -> str:
    """Give the page a ``reviewed`` date unless its front matter has one."""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1 and "\nreviewed:" not in "\n" + text[4:end]:
            return f'---\nreviewed: "{reviewed}"\n' + text[4:]
        return text
    return f'---\nreviewed: "{reviewed}"\n---\n\n' + text
