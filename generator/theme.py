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

from generator.page_scripts import loader_partial
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


# Our search engine (matching, ranking, highlighting; see the file's header)
# runs inside Material's worker in place of its lunr index.
SEARCH_ENGINE = (HERE / "search_engine.js").read_text(encoding="utf-8")

PATCHES = (
    Patch(
        glob="assets/javascripts/workers/search.*.min.js",
        old='addEventListener("message",t=>W(null,null,function*(){postMessage(yield Fe(t.data))}));})();',
        new='addEventListener("message",t=>W(null,null,function*(){postMessage(yield Fe(t.data))}));})();\n' + SEARCH_ENGINE,
        why="搜索引擎脚本",
    ),
    Patch(
        glob="assets/javascripts/workers/search.*.min.js",
        # The worker answers with our engine instead of its lunr index.
        old="de=new U(t.data),{type:1}",
        new="de=new SwSearch(t.data),{type:1}",
        why="搜索引擎替换",
    ),
    Patch(
        glob="assets/javascripts/workers/search.*.min.js",
        # query/segment: the inner loop stopped one character short, so a
        # dictionary word at the very end of a query was never recognised.
        old="for(let o=s+1;o<t.length;o++)t.slice(s,o)in e",
        new="for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e",
        why="segment() 末尾词",
    ),
    Patch(
        glob="assets/javascripts/workers/search.*.min.js",
        # Offline (file://) the worker runs in the iframe-worker shim and finds
        # lunr by cutting its own URL at the first "/worker": a copy unzipped
        # under D:\worker\ or .../workers/ looked for lunr outside the site
        # and search never started. Cut at the worker file's own folder.
        old='[i]=n.src.split("/worker");',
        new='i=n.src.replace(/\\/workers\\/[^/]*$/,"");',
        why="离线搜索：路径含 worker",
    ),
    Patch(
        glob="assets/javascripts/bundle.*.min.js",
        # Plain tables are wrapped for scrolling at build time (table_wrap.py):
        # wrap only those the build did not.
        old='M("table:not([class])",e).map(i=>ti(i))',
        new='M("table:not([class])",e).filter(i=>!i.parentElement.classList.contains("md-typeset__table")).map(i=>ti(i))',
        why="表格滚动框已在构建时加上",
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
            # The box may already have focus: the bundle starts on that focus.
            "function ks(){let q=\"[data-md-component=search-query]\",w=new Promise(r=>{"
            "let a=document.activeElement;a&&a.matches&&a.matches(q)&&r();document.addEventListener(\"focusin\",e=>{"
            "e.target&&e.target.matches&&e.target.matches(q)&&r()})});"
            "return H(()=>w).pipe(b(()=>location.protocol===\"file:\"?_t(`${new URL(\"search/search_index.js\",Or.base)}`)"
            ".pipe(m(()=>__index)):ze(new URL(\"search/search_index.json\",Or.base))),Z(1))}"
        ),
        why="搜索索引延迟加载",
    ),
    Patch(
        glob="assets/javascripts/bundle.*.min.js",
        # The bundle now starts late (partials/bundle-loader.html), after
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


# What starts Material's bundle: the reader's first touch, key, click or focus;
# a search deep link (?q=). On reading pages also mouse movement, scrolling or,
# failing all these, a few seconds after load. Inside a form or calculator
# ([data-module]) nothing starts it: no request is made while the reader types
# client data; it starts when they reach for the search box or the menu.
BUNDLE_TRIGGERS = ("pointerdown", "keydown", "touchstart", "focusin")
BUNDLE_READING_TRIGGERS = ("pointermove", "wheel", "scroll")
BUNDLE_FALLBACK_MS = 4000


def _bundle_loader(templates: Path, out: Path) -> list[Problem]:
    """partials/bundle-loader.html: start Material's bundle when it is needed.

    Pages are complete without it (menus are CSS toggles); it brings search,
    the table-of-contents highlight and the back-to-top button. Run at load it
    was 114 KB to fetch and the longest task on every page (about 45 ms here,
    four times that on a slow phone) before the reader did anything. Search
    works from the first keystroke: the bundle starts on the focus before it
    and then searches whatever was typed."""
    bundles = sorted(templates.glob("assets/javascripts/bundle.*.min.js"))
    if len(bundles) != 1:
        return [problem("theme-patch", "pyproject.toml", "bundle", asset="bundle.*.min.js", detail=f"找到 {len(bundles)} 个文件")]
    src = bundles[0].relative_to(templates).as_posix()
    names = lambda events: ",".join(f'"{e}"' for e in events)  # noqa: E731
    script = (
        # Until then the page is styled as with JavaScript (search box shown:
        # focusing it starts the bundle), except sidebars keep their natural
        # height (extra.css .sw-wait) as Material's script sizes them.
        "(function(){var done=0,ready=0,html=document.documentElement,tools=document.querySelector(\"[data-module]\"),"
        f"ev=[{names(BUNDLE_TRIGGERS)}].concat(tools?[]:[{names(BUNDLE_READING_TRIGGERS)}]);"
        "function go(e){if(done||e&&e.target&&e.target.closest&&e.target.closest(\"[data-module]\"))return;done=1;"
        "ev.forEach(function(t){removeEventListener(t,go,true)});"
        # Styles for what the bundle creates (css_purge.py), next to the main sheet.
        "var m=document.querySelector(\"link[data-sw-late]\");if(m){var c=document.createElement(\"link\");"
        "c.rel=\"stylesheet\";c.href=m.getAttribute(\"data-sw-late\");m.after(c)}"
        "var s=document.createElement(\"script\");s.onload=function(){ready=1;html.classList.remove(\"sw-wait\")};"
        f"s.src=\"{{{{ '{src}' | url }}}}\";document.body.appendChild(s)}}"
        "html.classList.replace(\"no-js\",\"sw-wait\");"
        "ev.forEach(function(t){addEventListener(t,go,{capture:true,passive:true})});"
        # On a phone the search icon opened an empty overlay with no cursor (the
        # bundle that focuses the box was still loading): a second tap was needed
        # before the keyboard came up. Until the bundle runs, the icon opens the
        # overlay and puts the cursor in the box itself, inside the tap.
        "addEventListener(\"click\",function(e){var l=!ready&&e.target.closest&&e.target.closest('label[for=\"__search\"]'),"
        "t=document.getElementById(\"__search\"),q=document.querySelector(\"[data-md-component=search-query]\");"
        "if(!l||!t||!q)return;e.preventDefault();t.checked=!t.checked;if(t.checked)q.focus()},true);"
        "if(/[?&]q=/.test(location.search))go();"
        f"else if(!tools)addEventListener(\"load\",function(){{setTimeout(go,{BUNDLE_FALLBACK_MS})}})}})()"
    )
    (out / "partials" / "bundle-loader.html").write_text(f"<script>{script}</script>\n", encoding="utf-8")
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
    (out / "partials" / "page-scripts.html").write_text(loader_partial(), encoding="utf-8")
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
