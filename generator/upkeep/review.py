"""Per-page review dates, 待复核 notes and 最近修订 boxes, added to every page
after all pages are written (the last thing ``generate`` does before MkDocs).

A hand-written page keeps its own date in its front matter (``reviewed:``);
a generated page takes it from data/reviews.yaml (pattern → date). A page not
reviewed for 12 months gets a visible 待复核 note, and a warning names it for
the maintainers.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import posixpath
import re
from dataclasses import dataclass

from generator.problems import WARNING, Problem, problem

REVIEW_MONTHS = 12
RECENT_DAYS = 90  # a change shows in a page's 最近修订 box for this long
RECENT_MAX = 3
CHANGES_PAGE = "changes.md"


def today() -> dt.date:
    """The build's date; ``SW_TODAY=2027-12-01`` pins it (tests, reproducible builds)."""
    pinned = os.environ.get("SW_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def due_before(day: dt.date) -> dt.date:
    """Pages last reviewed before this date are due (12 months earlier, 29 Feb safe)."""
    try:
        return day.replace(year=day.year - REVIEW_MONTHS // 12)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def split_front_matter(text: str) -> tuple[list[str], str]:
    """Front matter lines (without the ``---`` fences) and the body."""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            close = text.find("\n", end + 1)
            return text[4:end].splitlines(), text[close + 1:] if close != -1 else ""
    return [], text


def front_value(lines: list[str], key: str) -> str | None:
    for line in lines:
        m = re.match(rf"{key}:\s*[\"']?([^\"'#]*?)[\"']?\s*(#.*)?$", line)
        if m:
            return m.group(1).strip()
    return None


def join_front_matter(lines: list[str], body: str) -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def insert_after_title(body: str, block: str) -> str:
    """Put ``block`` right after the page's first ``# `` heading (or at the top)."""
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: i + 1] + ["", block.rstrip("\n"), ""] + lines[i + 1:])
    return block + "\n" + body


@dataclass(frozen=True)
class PageReview:
    page: str
    reviewed: str | None
    due: bool
    source: str  # where the date comes from: the page's front matter or data/reviews.yaml


def review_date(page: str, lines: list[str], patterns: dict[str, str]) -> tuple[str | None, str]:
    own = front_value(lines, "reviewed")
    if own:
        return own, "front matter"
    for pattern, date in patterns.items():
        if fnmatch.fnmatch(page, pattern):
            return date, "data/reviews.yaml"
    return None, ""


def due_note(reviewed: str) -> str:
    return (
        '!!! warning "待复核"\n'
        f"    本页上次审核是 {reviewed}，已超过 {REVIEW_MONTHS} 个月。内容可能已经过时：办事前请向督导或质量主任核实。\n"
    )


def recent_box(page: str, entries, brief: bool = False) -> str:
    """The 最近修订 box; ``brief`` (the home page) lists summaries only."""
    link = posixpath.relpath(CHANGES_PAGE, posixpath.dirname(page) or ".")
    lines = ['!!! info "最近修订"']
    for c in entries:
        change = "" if brief else f"：{c.old} → {c.new}" if c.old and c.new else (f"：{c.new}" if c.new else "")
        lines.append(f"    - {c.date} {c.summary}{change}")
    lines.append(f"\n    [全部修订记录]({link})")
    return "\n".join(lines) + "\n"


def annotate_page(page: str, text: str, patterns: dict[str, str], day: dt.date, entries, home: bool = False) -> tuple[str, PageReview]:
    """One page with its review date, 待复核 note and 最近修订 box (at the end of
    the home page, below its entry points). Pure."""
    lines, body = split_front_matter(text)
    reviewed, source = review_date(page, lines, patterns)
    lines = [line for line in lines if not line.startswith("reviewed:")]
    if reviewed:
        lines = [f'reviewed: "{reviewed}"'] + lines
    due = bool(reviewed) and reviewed < due_before(day).isoformat()
    if due:
        lines.append("review_due: true")
        body = insert_after_title(body, due_note(reviewed))
    if entries and home:
        body = body.rstrip("\n") + "\n\n" + recent_box(page, entries, brief=True)
    elif entries:
        body = insert_after_title(body, recent_box(page, entries))
    return join_front_matter(lines, body), PageReview(page, reviewed, due, source)


def review_problems(reviews: list[PageReview]) -> list[Problem]:
    """One warning line for the maintainers listing the pages due for review
    (and one for pages with no date), not one per page."""
    out: list[Problem] = []
    due = [r for r in reviews if r.due]
    missing = [r for r in reviews if r.reviewed is None]
    if due:
        forms = [r for r in due if fnmatch.fnmatch(r.page, "forms/*/index.md")]
        named = [f"{r.page}（{r.reviewed}）" for r in due if r not in forms]
        if forms:
            named.append(f"forms/<编号>/index.md（{len(forms)} 张表格，{'、'.join(sorted({r.reviewed for r in forms}))}）")
        pages = "、".join(named)
        out.append(problem("review-due", "data/reviews.yaml" if all(r.source != "front matter" for r in due) else "handbook/", "", severity=WARNING, count=len(due), pages=pages, months=REVIEW_MONTHS))
    if missing:
        out.append(problem("review-missing", "data/reviews.yaml", "", severity=WARNING, page="、".join(r.page for r in missing)))
    return out
