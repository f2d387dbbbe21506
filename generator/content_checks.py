"""Build-time checks on what pages say, so whole classes of reader problems cannot ship.

- every 《…》 on a handbook page is a known form (then it must link to the form
  page) or a known document (data/sources.yaml: sources, their parts, ``mentioned``);
- summary tables marked ``<!-- summary-table -->`` type no number that has an
  adopted value in data/ (it must come from a macro, so it cannot drift);
- reader pages carry no maintainer-facing text (file paths, "本页由…生成").

- every ``cite("…")`` / ``source_text("…")`` names a source and a section in the
  shape data/sources.yaml defines (data files are checked where they load).

"One question, one adopted rule" is checked on the data (generator/rules.py).
Pure functions over text; ``load`` and ``check_docs`` are the thin shells.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.context import Context
from generator.problems import Problem, problem

NAME = "content_checks"

_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^```.*?^```", re.S | re.M)
_CODE = re.compile(r"`[^`\n]+`")
_TITLE = re.compile(r"《([^》\n]{1,40})》")
_CITE_CALL = re.compile(r"""\b(?:cite|source_text)\(((?:\s*["'][^"']*["']\s*,?)+)\)""")
_STRING = re.compile(r"""["']([^"']*)["']""")
_LINKED = re.compile(r"\[《([^》\n]{1,40})》\]\(([^)\s]+)\)")

# Maintainer-facing text a reader must never see (outside HTML comments).
MAINTAINER_PATTERNS = (
    (re.compile(r"本页由.{0,60}生成"), "本页由…生成"),
    (re.compile(r"修改请改"), "修改请改…"),
    (re.compile(r"\b(?:data|forms)/[\w./*-]+\.(?:ya?ml|csv|json)"), "数据文件路径"),
    (re.compile(r"\bgenerator/[\w./-]*"), "生成器代码路径"),
    (re.compile(r"给开发者"), "给开发者"),
)

# Summary-table subjects that have an adopted value in data/indicators/standards.csv:
# (measure, words that name it in a cell, the unit a typed copy would carry).
SUMMARY_SUBJECTS = (
    ("lecture_min_people", ("讲座",), "人"),
    ("lecture_min_minutes", ("讲座",), "分钟"),
    ("group_min_members", ("小组",), "人"),
    ("group_min_sessions", ("小组",), "节"),
    ("group_min_attendance", ("出勤率",), "%"),
    ("large_activity_min_people", ("大型",), "人"),
    ("small_activity_min_people", ("中小型",), "人"),
    ("case_min_sessions", ("个案",), "节"),
)
SUMMARY_MARK = "<!-- summary-table"


def _blank(match: re.Match) -> str:
    """Keep line numbers and columns: replace a span by spaces and its newlines."""
    return "".join("\n" if ch == "\n" else " " for ch in match.group(0))


def reader_text(text: str, *, keep_macros: bool = False, keep_code: bool = False) -> str:
    """``text`` with comments (and macros / code) blanked out, same line numbers."""
    text = _COMMENT.sub(_blank, text)
    if not keep_macros:
        text = _MACRO.sub(_blank, text)
    if not keep_code:
        text = _FENCE.sub(_blank, text)
        text = _CODE.sub(_blank, text)
    return text


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def check_titles(rel: str, text: str, form_names: dict[str, str], documents: set[str]) -> list[Problem]:
    """Every 《…》 names a known form (linked to its page) or a known document."""
    problems = []
    plain = reader_text(text, keep_code=True)
    linked = {m.start(): m.group(2) for m in _LINKED.finditer(plain)}
    for m in _TITLE.finditer(plain):
        title, line = m.group(1), _line(plain, m.start())
        if not title.strip():
            continue  # 《{{ macro }}》: the macro writes a known name
        where = dict(file=f"handbook/{rel}", location=f"第 {line} 行", line=line)
        if title in form_names:
            target = linked.get(m.start() - 1, "")
            if f"forms/{form_names[title]}/" not in target:
                problems.append(problem("form-not-linked", **where, title=title, form_id=form_names[title]))
        elif title not in documents:
            problems.append(problem("unknown-title", **where, title=title))
    return problems


def check_citations(rel: str, text: str, sources) -> list[Problem]:
    """Every citation in a macro call names a known source, part and section."""
    problems = []
    plain = _COMMENT.sub(_blank, text)
    for call in _CITE_CALL.finditer(plain):
        for arg in _STRING.finditer(call.group(1)):
            reason = sources.check(arg.group(1))
            if reason:
                line = _line(plain, call.start())
                problems.append(problem("bad-citation", f"handbook/{rel}", f"第 {line} 行", line=line, cite=arg.group(1), reason=reason))
    return problems


def check_maintainer_text(rel: str, text: str, file: str | None = None) -> list[Problem]:
    """Reader pages show no file paths or "edit this file" notes (HTML comments may)."""
    if is_maintainer_page(rel, text):
        return []
    if text.startswith("---\n") and text.find("\n---", 4) != -1:
        end = text.find("\n---", 4) + 4
        text = "\n" * text.count("\n", 0, end) + text[end:]  # front matter is not shown
    plain = reader_text(text)
    # inline code still shows on the page: check it too (code blocks are examples)
    code = _code_only(_MACRO.sub(_blank, _COMMENT.sub(_blank, text)))
    problems = []
    for source in (plain, code):
        for pattern, label in MAINTAINER_PATTERNS:
            for m in pattern.finditer(source):
                line = _line(source, m.start())
                problems.append(problem("maintainer-text", file or f"handbook/{rel}", f"第 {line} 行", line=line, found=m.group(0), kind=label))
    return problems


def _code_only(text: str) -> str:
    """Only the inline code spans of ``text`` (elsewhere blank), same line numbers."""
    out = [ch if ch == "\n" else " " for ch in text]
    for m in _CODE.finditer(text):
        out[m.start():m.end()] = list(m.group(0))
    return "".join(out)


def is_maintainer_page(rel: str, text: str) -> bool:
    """Pages for maintainers may show paths: front matter ``audience: maintainer`` or a maintain*/ folder."""
    head = text[: text.find("\n---", 4)] if text.startswith("---\n") else ""
    return "audience: maintainer" in head or rel.split("/")[0].startswith("maintain")


def check_summary_tables(rel: str, text: str) -> list[Problem]:
    """In tables marked ``<!-- summary-table -->`` adopted numbers come from macros only."""
    problems = []
    lines = text.split("\n")
    inside = False
    for n, raw in enumerate(lines, 1):
        if raw.lstrip().startswith(SUMMARY_MARK):
            inside = True
            continue
        if inside and not raw.lstrip().startswith("|"):
            if raw.strip():
                inside = False
            continue
        if not inside:
            continue
        cells = [c for c in reader_text(raw).split("|")[1:-1]]
        head = cells[0] if cells else ""  # the row's subject, e.g. “讲座人数”
        for cell in cells:
            for part in re.split(r"[；;、，,]", cell):
                for measure, words, unit in SUMMARY_SUBJECTS:
                    if not any(w in part or w in head for w in words):
                        continue
                    typed = re.search(rf"[≥>＞]?\s*(\d+)\s*{re.escape(unit)}", part)
                    if typed:
                        problems.append(problem("typed-number", f"handbook/{rel}", f"第 {n} 行", line=n, found=typed.group(0).strip(), measure=measure))
    return problems


def load(ctx: Context) -> tuple[None, list[Problem]]:
    """Run the source checks over every handbook page (needs forms and sources loaded)."""
    forms = ctx.models.get("forms")
    sources = ctx.models.get("sources")
    if forms is None or sources is None:
        return None, []
    form_names: dict[str, str] = {}
    for form in forms:
        for name in (form.title, *form.aliases):
            form_names.setdefault(name, form.id)
    documents = sources.titles()
    problems: list[Problem] = []
    root = ctx.project.handbook
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        problems += check_titles(rel, text, form_names, documents)
        problems += check_maintainer_text(rel, text)
        problems += check_summary_tables(rel, text)
        problems += check_citations(rel, text, sources)
    return None, problems


def check_docs(docs: Path, written_by: dict[str, str]) -> list[Problem]:
    """Maintainer text on generated pages (handbook pages were checked from their source)."""
    problems = []
    for rel, by in sorted(written_by.items()):
        if not rel.endswith(".md") or by.startswith("handbook/"):
            continue
        text = (docs / rel).read_text(encoding="utf-8")
        found = check_maintainer_text(rel, text, file=f"{rel}（由 {by} 生成）")
        problems += found
    return problems
