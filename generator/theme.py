"""Theme overrides written into build/theme (MkDocs ``custom_dir``).

Two fixes to Material's shipped JavaScript, applied by copying the hashed
asset into the override folder with one exact replacement each. The theme
version is pinned in pyproject.toml; if an expected snippet is missing the
build fails loudly instead of shipping an unpatched search.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import material

from generator.problems import Problem, problem

HERE = Path(__file__).parent
THEME_SRC = HERE / "theme"
VENDOR = HERE / "vendor"


@dataclass(frozen=True)
class Patch:
    glob: str
    old: str
    new: str
    why: str


PATCHES = (
    Patch(
        glob="assets/javascripts/workers/search.*.min.js",
        # query/segment: the inner loop stopped one character short, so a
        # dictionary word at the very end of a query was never recognised.
        old="for(let o=s+1;o<t.length;o++)t.slice(s,o)in e",
        new="for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e",
        why="segment() 末尾词",
    ),
    Patch(
        glob="assets/javascripts/bundle.*.min.js",
        # Search reacted to keyup only: a paste or an IME commit showed nothing
        # until another key was released. Listen to "input" as well.
        old='h(e,"keyup"),o).pipe(m(()=>e.value)',
        new='h(e,"keyup"),h(e,"input"),o).pipe(m(()=>e.value)',
        why="搜索框 input 事件",
    ),
    Patch(
        glob="assets/javascripts/bundle.*.min.js",
        # The search index was downloaded on every page load. Wait until the
        # reader focuses the search box (click, shortcut or ?q= deep link).
        old='function ks(){return location.protocol==="file:"?_t(`${new URL("search/search_index.js",Or.base)}`).pipe(m(()=>__index),Z(1)):ze(new URL("search/search_index.json",Or.base))}',
        new=(
            "function ks(){let w=new Promise(r=>{document.addEventListener(\"focusin\",e=>{"
            "e.target&&e.target.matches&&e.target.matches(\"[data-md-component=search-query]\")&&r()})});"
            "return H(()=>w).pipe(b(()=>location.protocol===\"file:\"?_t(`${new URL(\"search/search_index.js\",Or.base)}`)"
            ".pipe(m(()=>__index)):ze(new URL(\"search/search_index.json\",Or.base))),Z(1))}"
        ),
        why="搜索索引延迟加载",
    ),
    Patch(
        glob="assets/javascripts/bundle.*.min.js",
        # The bundle now starts after the first paint (main.html), usually after
        # DOMContentLoaded: start at once when the document is already parsed.
        old='function an(){let e=new It(1);return h(document,"DOMContentLoaded",{once:!0}).subscribe(()=>e.next(document)),e}',
        new=(
            'function an(){let e=new It(1);return document.readyState==="loading"?'
            'h(document,"DOMContentLoaded",{once:!0}).subscribe(()=>e.next(document)):e.next(document),e}'
        ),
        why="文档已解析时立即启动",
    ),
    Patch(
        glob="partials/toc.html",
        # axe landmark-unique: the table of contents appears twice (in the menu
        # for small screens and beside the page) under one name.
        old='<nav class="md-nav md-nav--secondary" aria-label="{{ title | e }}">',
        new='<nav class="md-nav md-nav--secondary" aria-label="{{ (title ~ \'（菜单）\') if nav_item is defined else title | e }}">',
        why="目录地标名称唯一",
    ),
    Patch(
        glob="partials/nav-item.html",
        # axe landmark-unique: a section with an index page is labelled by a
        # label that holds only an arrow icon, so its menu had no name.
        old='<nav class="md-nav" data-md-level="{{ level }}" aria-labelledby="{{ path }}_label" aria-expanded',
        new='<nav class="md-nav" data-md-level="{{ level }}" aria-label="{{ nav_item.title | e }}" aria-expanded',
        why="菜单分组名称",
    ),
    Patch(
        glob="partials/search.html",
        # axe aria-dialog-name: the search dialog had no accessible name.
        old='data-md-component="search" role="dialog">',
        new='data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
        why="搜索对话框名称",
    ),
)


def material_templates() -> Path:
    return Path(material.__file__).parent / "templates"


def _bundle_loader(templates: Path, out: Path) -> list[Problem]:
    """partials/bundle-loader.html: load Material's bundle after the first paint.

    The page is readable without it (menus are CSS toggles); waiting for 114 KB
    of script before showing text cost about a second on a slow phone."""
    bundles = sorted(templates.glob("assets/javascripts/bundle.*.min.js"))
    if len(bundles) != 1:
        return [problem("theme-patch", "pyproject.toml", "bundle", asset="bundle.*.min.js", detail=f"找到 {len(bundles)} 个文件")]
    src = bundles[0].relative_to(templates).as_posix()
    (out / "partials" / "bundle-loader.html").write_text(
        "<script>requestAnimationFrame(function(){setTimeout(function(){"
        'var s=document.createElement("script");'
        f's.src="{{{{ \'{src}\' | url }}}}";document.body.appendChild(s)}})}})</script>\n',
        encoding="utf-8",
    )
    return []


def write_theme(out: Path) -> list[Problem]:
    """Fill ``out`` with our template overrides, vendored scripts and patched assets."""
    problems: list[Problem] = []
    if THEME_SRC.is_dir():
        shutil.copytree(THEME_SRC, out, dirs_exist_ok=True)
    (out / "partials").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(VENDOR / "iframe-worker" / "shim.js", out / "partials" / "iframe-worker-shim.js")
    templates = material_templates()
    problems += _bundle_loader(templates, out)
    for patch in PATCHES:
        matches = sorted(templates.glob(patch.glob))
        if len(matches) != 1:
            problems.append(
                problem("theme-patch", "pyproject.toml", patch.glob, asset=patch.glob, detail=f"找到 {len(matches)} 个文件")
            )
            continue
        source = matches[0]
        text = source.read_text(encoding="utf-8")
        if text.count(patch.old) != 1:
            problems.append(problem("theme-patch", "pyproject.toml", patch.why, asset=source.name, detail=patch.old))
            continue
        target = out / source.relative_to(templates)
        if target.is_file():  # several patches to one asset apply in turn
            text = target.read_text(encoding="utf-8")
            if text.count(patch.old) != 1:
                problems.append(problem("theme-patch", "pyproject.toml", patch.why, asset=source.name, detail=patch.old))
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.replace(patch.old, patch.new), encoding="utf-8")
    return problems
