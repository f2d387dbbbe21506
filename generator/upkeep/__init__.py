"""Build step ``generator.upkeep``: keeping the handbook current, visibly.

- ``load``: data/changes.yaml (the change record), data/reviews.yaml (review
  dates of generated pages) and the comparison with data/snapshot/adopted.json:
  a rule, setting, form or data file that differs from the last release with no
  change entry is a build problem;
- ``pages``: the 修订记录 page (``changes.md``), newest first;
- ``finish`` (called by ``generate`` after every page is written): review dates,
  待复核 notes and 最近修订 boxes on each page, and the maintainers' table of
  pages, their data files and review dates (``maintain/pages.md``).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass, field

from generator.context import Context, Staging
from generator.problems import Problem, problem
from generator.upkeep import pagemap, review
from generator.upkeep.changes import FILE as CHANGES_FILE
from generator.upkeep.changes import TARGET_KINDS, Change, Changes, parse_changes
from generator.upkeep.snapshot import FILE as SNAPSHOT_FILE
from generator.upkeep.snapshot import current_values, describe, read_snapshot, unrecorded
from generator.yamlsrc import load_yaml

NAME = "upkeep"
REVIEWS_FILE = "reviews.yaml"
PAGES_PAGE = "maintain/pages.md"


@dataclass
class Upkeep:
    changes: Changes
    patterns: dict[str, str] = field(default_factory=dict)
    reviews: list = field(default_factory=list)


def _reviews(ctx: Context) -> tuple[dict[str, str], list[Problem]]:
    path = ctx.project.data / REVIEWS_FILE
    if not path.is_file():
        return {}, []
    doc, problems = load_yaml(path, ctx.project.root)
    if doc is None:
        return {}, problems
    pages = (doc.data or {}).get("pages") if isinstance(doc.data, dict) else None
    if not isinstance(pages, dict):
        return {}, [doc.at("missing-key", "pages", key="pages", parent="文件顶层")]
    out = {}
    for pattern, date in pages.items():
        text = date.isoformat() if isinstance(date, dt.date) else str(date)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            problems.append(doc.at("bad-value", f"pages.{pattern}", key=pattern, value=text, detail="日期要写成 YYYY-MM-DD。", hint="如 2026-11-29。"))
            continue
        out[str(pattern)] = text
    return out, problems


def load(ctx: Context) -> tuple[Upkeep, list[Problem]]:
    project = ctx.project
    patterns, problems = _reviews(ctx)
    snapshot = read_snapshot(project)
    values, unreadable = current_values(project)
    known: dict[str, set[str]] = {kind: set() for kind in TARGET_KINDS}
    for target in list(values) + list(snapshot.values if snapshot else ()):
        kind, _, name = target.partition(":")
        known.setdefault(kind, set()).add(name)
    known["data"] |= {p.relative_to(project.root).as_posix() for p in project.data.rglob("*") if p.is_file()}
    path = project.data / CHANGES_FILE
    if not path.is_file():
        return Upkeep(Changes(()), patterns), problems + [problem("missing-key", f"data/{CHANGES_FILE}", "", key="changes", parent="data/changes.yaml（修订记录文件不存在）")]
    doc, found = load_yaml(path, project.root)
    problems += found
    if doc is None:
        return Upkeep(Changes(()), patterns), problems
    changes, found = parse_changes(doc, known, review.today())
    problems += found
    if snapshot is None:
        problems.append(problem("snapshot-missing", f"data/{SNAPSHOT_FILE.as_posix()}", "", severity="warning"))
    else:
        for target, old, new in unrecorded(values, snapshot, changes, unreadable):
            # Located in the change record, where the fix goes (the changed file may have its own problems).
            problems.append(problem(
                "change-unrecorded", f"data/{CHANGES_FILE}", target, target=target, change=describe(old, new),
            ))
    return Upkeep(changes, patterns), problems


def target_words(target: str, ctx: Context) -> str:
    """``rule:group_archive`` → 时限规则“小组或活动资料整理上传系统”."""
    kind, _, name = target.partition(":")
    if target == "site":
        return "全站"
    if kind == "rule" and ctx.models.get("rules") and name in ctx.models["rules"].rules:
        return f"时限规则“{ctx.models['rules'].rules[name].title}”"
    if kind == "form" and ctx.models.get("forms") and name in ctx.models["forms"].by_id:
        return f"表格《{ctx.models['forms'].by_id[name].title}》"
    if kind == "data":
        return f"数据“{data_title(ctx.project, name)}”"
    if kind == "setting":
        return f"机构设置“{SETTING_WORDS.get(name, name)}”"
    return f"{TARGET_KINDS.get(kind, kind)} {name}"


SETTING_WORDS = {
    "org_name": "机构名称", "org_short": "机构简称", "site_name": "站点名称", "city": "城市",
    "draft_max_age_days": "表格草稿保留天数", "approvers": "审批人", "judgements": "来源未规定情况的本机构做法",
}


def data_title(project, path: str) -> str:
    """A data file as readers know it: its data package title, or its heading comment."""
    import yaml

    rel = path.removeprefix("data/")
    try:
        package = yaml.safe_load((project.data / "datapackage.yaml").read_text(encoding="utf-8"))
        for resource in package.get("resources") or []:
            if resource.get("path") == rel and resource.get("title"):
                return resource["title"]
        first = (project.root / path).read_text(encoding="utf-8").splitlines()[0]
    except (OSError, IndexError, yaml.YAMLError):
        return rel.rsplit("/", 1)[-1]
    if first.startswith("#"):
        return re.split(r"[：（:。]", first.lstrip("# ").strip())[0]
    return rel.rsplit("/", 1)[-1]


def changes_page(entries: tuple[Change, ...], ctx: Context) -> str:
    lines = [
        "---", "title: 修订记录", "search:", "  boost: 0.5", "---", "",
        "# 修订记录",
        "",
        "本手册的规则、期限、表格和机构设置每一次改动都记在这里，最新的在最前面。"
        "改动所在的页面顶部也会显示“最近修订”框（改动后 90 天内）。",
        "",
    ]
    if not entries:
        lines.append("还没有修订记录。")
    for c in entries:
        lines += [f"## {c.date} {c.summary}", ""]
        lines.append(f"- **改动对象**：{'；'.join(target_words(t, ctx) for t in c.targets)}")
        if c.old:
            lines.append(f"- **原来**：{c.old}")
        if c.new:
            lines.append(f"- **现在**：{c.new}")
        lines.append(f"- **原因**：{c.why}")
        lines.append(f"- **批准**：{c.approved_by}")
        lines.append("")
    lines.append("维护人员如何记录改动，见[维护说明](maintain/index.md#record-a-change)。")
    return "\n".join(lines) + "\n"


def pages(ctx: Context, out: Staging) -> None:
    model: Upkeep = ctx.models[NAME]
    out.write_text(review.CHANGES_PAGE, changes_page(model.changes.entries, ctx), by=f"data/{CHANGES_FILE}")


def _handbook_sources(ctx: Context) -> dict[str, str]:
    root = ctx.project.handbook
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in root.rglob("*.md")}


def _macro_owner(ctx: Context) -> dict[str, str]:
    from generator.build import step_modules

    owner: dict[str, str] = {}
    for module in step_modules():
        if hasattr(module, "macros") and ctx.models.get(module.NAME) is not None:
            for name in module.macros(ctx):
                owner[name] = module.NAME
    return owner


def finish(ctx: Context, out: Staging) -> list[Problem]:
    """Annotate every written page; write the maintainers' page table. Returns warnings."""
    model: Upkeep = ctx.models.get(NAME) or Upkeep(Changes(()))
    day = review.today()
    recent_from = (day - dt.timedelta(days=review.RECENT_DAYS)).isoformat()
    sources = {p: by for p, by in out.written.items() if p.endswith(".md")}
    handbook = _handbook_sources(ctx)
    touched: dict[str, list[Change]] = {}
    for c in model.changes.entries:
        for t in c.targets:
            for page in pagemap.pages_for_target(t, sources, handbook, ctx.models.get("rules"), ctx.models.get("forms")):
                touched.setdefault(page, [])
                if c not in touched[page]:
                    touched[page].append(c)
    reviews = []
    for page in sorted(sources):
        if page == review.CHANGES_PAGE:
            entries = []
        elif page == "index.md":
            entries = list(model.changes.entries[: review.RECENT_MAX])
        else:
            entries = [c for c in touched.get(page, []) if c.date >= recent_from][: review.RECENT_MAX]
        path = out.root / page
        text, info = review.annotate_page(page, path.read_text(encoding="utf-8"), model.patterns, day, entries, home=page == "index.md")
        path.write_text(text, encoding="utf-8")
        reviews.append(info)
    model.reviews = reviews
    files = pagemap.files_of_pages(sources, handbook, _macro_owner(ctx))
    out.write_text(PAGES_PAGE, pages_table(reviews, files, day), by="generator/upkeep")
    return review.review_problems(reviews)


def pages_table(reviews, files: dict[str, list[str]], day: dt.date) -> str:
    """maintain/pages.md: pages due for review, then every page with its files and date."""
    due = [r for r in reviews if r.due]
    missing = [r for r in reviews if not r.reviewed]
    link = lambda page: f"[{page}]({posixpath.relpath(page, 'maintain')})"  # noqa: E731
    lines = [
        "---", "title: 页面、数据文件与审核日期", f'reviewed: "{day.isoformat()}"', "search:", "  exclude: true", "---", "",
        "# 页面、数据文件与审核日期（维护人员用）", "",
        f"本页在每次构建时生成（本次：{day.isoformat()}）。要改某一页上的内容，改右边列出的文件：`handbook/` 下是手写的页面，"
        "`data/` 和 `forms/` 下是数据（改一处，所有用到它的页面一起变）。",
        "",
        f"## 待复核的页面 {{#due}}", "",
    ]
    if due:
        lines += [f"超过 {review.REVIEW_MONTHS} 个月没有审核（{len(due)} 页）：", ""]
        lines += [f"- {link(r.page)}：上次审核 {r.reviewed}（日期写在 {'该页 front matter' if r.source == 'front matter' else 'data/reviews.yaml'}）" for r in due]
    else:
        lines.append(f"没有。所有页面都在 {review.REVIEW_MONTHS} 个月内审核过。")
    if missing:
        lines += ["", "没有审核日期的页面：" + "、".join(r.page for r in missing)]
    lines += ["", "## 每一页由哪些文件生成 {#files}", "", "| 页面 | 要改的文件 | 最后审核 |", "| --- | --- | --- |"]
    form_pages = [r for r in reviews if re.fullmatch(r"forms/[a-z0-9-]+/index\.md", r.page)]
    for r in reviews:
        if r in form_pages:
            continue
        names = "、".join(f"`{f}`" for f in files.get(r.page, [])) or "—"
        lines.append(f"| {link(r.page)} | {names} | {r.reviewed or '—'}{' **待复核**' if r.due else ''} |")
    if form_pages:
        dates = sorted({r.reviewed or "—" for r in form_pages})
        lines.append(f"| `forms/<编号>/index.md`（{len(form_pages)} 张表格，每张一页） | `forms/<编号>.yaml` | {'、'.join(dates)} |")
    return "\n".join(lines) + "\n"
