"""Drop the theme stylesheet's rules that no page of this site can match.

Material ships one 137 KB stylesheet for every feature it has (code blocks,
tabs, tooltips, blog, versions …). A phone has to download and parse all of
it before it can show any text. After the build we know every class and id
our pages use, so a rule whose selector names a class or id that appears
nowhere is dead weight. Kept on purpose:

- classes that JavaScript adds later: every ``md-*`` name in Material's
  bundle, and every word in our own scripts;
- anything inside ``:not()``, ``:is()``, ``:has()`` … (not required to match);
- at-rules other than @media/@supports (fonts, keyframes, @page) as they are.

Of what is left, the rules that can only match what Material's bundle
creates (search results, the header's shadow once scrolled, tooltips) move to
a second stylesheet, ``late.<hash>.min.css``, which the bundle loader adds
when the bundle starts (theme.py), right after the main one. The main
stylesheet, which every page waits for before showing text, lost a fifth.

The palette stylesheet is purged the same way on its colour attributes: a rule
for ``[data-md-color-primary=pink]`` goes when no page is pink. Last, a custom
property (``--md-admonition-icon--bug: url(…)``) that no remaining rule, page
or script refers to is dropped as well.
"""

from __future__ import annotations

import re
from pathlib import Path

import tinycss2

from generator.context import Context

NAME = "css_purge"
THEME_CSS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
# Material's JavaScript toggles these on <html>; they appear in no HTML file.
ALWAYS = {"js", "no-js", "focus-visible", "js-focus-visible"}
_ATTR = re.compile(r'\[[^\]]*\]')
_NAME = re.compile(r'[.#]((?:[A-Za-z0-9_-]|\\.)+)')
_CLASS_ATTR = re.compile(r'\b(?:class|id)="([^"]*)"')
_WORD = re.compile(r'[A-Za-z0-9_-]+')
# Colour attributes: set in the HTML (and by Material only from the same config).
_COLOR_ATTR = re.compile(r'\b(data-md-color-[a-z]+)="([^"]*)"')
_COLOR_SEL = re.compile(r'\[(data-md-color-[a-z]+)=["\']?([^"\'\]]*)["\']?\]')


def load(ctx: Context):
    return None, []


def used_names(site_dir: Path) -> set[str]:
    """Every class and id the built site uses or its scripts may add."""
    return page_names(site_dir) | theme_script_names(site_dir)


def page_names(site_dir: Path) -> set[str]:
    """Classes and ids in the pages as served, or added by our own scripts
    (which start with the page): what the first paint can need."""
    names = {"no-js"}
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for value in _CLASS_ATTR.findall(html):
            names.update(value.split())
        names.update(f"{attr}={value}" for attr, value in _COLOR_ATTR.findall(html))
    for script in site_dir.rglob("*.js"):
        if not _theme_script(script) and "search" not in script.parts:
            names.update(_WORD.findall(script.read_text(encoding="utf-8", errors="replace")))
    return names


def theme_script_names(site_dir: Path) -> set[str]:
    """Names Material's bundle may add once it runs."""
    names = set(ALWAYS)
    for script in site_dir.rglob("*.js"):
        if _theme_script(script):
            names.update(re.findall(r"md-[a-z0-9_-]+", script.read_text(encoding="utf-8", errors="replace")))
    return names


def _theme_script(script: Path) -> bool:
    return script.name.startswith("bundle.") or "workers" in script.parts or "lunr" in script.parts


def _without_arguments(selector: str) -> str:
    """Remove attribute selectors and the arguments of functional pseudo-classes."""
    selector = _ATTR.sub("", selector)
    out, depth = [], 0
    for ch in selector:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _selectors(prelude) -> list[str]:
    """Split a selector list on its top-level commas."""
    parts, depth, current = [], 0, []
    for ch in tinycss2.serialize(prelude):
        depth += ch in "([" 
        depth -= ch in ")]"
        if ch == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return parts


def _matches(selector: str, names: set[str]) -> bool:
    if not all(f"{attr}={value}" in names for attr, value in _COLOR_SEL.findall(_outside_functions(selector))):
        return False
    return all(n.replace("\\", "") in names for n in _NAME.findall(_without_arguments(selector)))


def _outside_functions(selector: str) -> str:
    out, depth = [], 0
    for ch in selector:
        depth += ch == "("
        if depth == 0:
            out.append(ch)
        depth -= ch == ")"
    return "".join(out)


def purge(css: str, names: set[str]) -> str:
    def keep_matching(rule) -> str | None:
        kept = [s for s in _selectors(rule.prelude) if _matches(s, names)]
        return ",".join(kept) + "{" + tinycss2.serialize(rule.content).strip() + "}" if kept else None

    return _rewrite(css, keep_matching)


def split(css: str, first: set[str], later: set[str]) -> tuple[str, str]:
    """``(main, late)``: the selectors that can match with ``first`` names, and
    those that need names only ``later`` brings (``later`` includes ``first``).
    @media and @supports wrappers are kept on both sides."""
    main = purge(css, first)

    def only_later(rule) -> str | None:
        kept = [s for s in _selectors(rule.prelude) if _matches(s, later) and not _matches(s, first)]
        return ",".join(kept) + "{" + tinycss2.serialize(rule.content).strip() + "}" if kept else None

    late = "".join(_rewrite_rules(
        [r for r in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True) if r.type != "at-rule" or r.lower_at_keyword in ("media", "supports")],
        only_later,
    ))
    return main, late


def _rewrite(css: str, rewrite_rule) -> str:
    """Apply ``rewrite_rule`` (rule -> text, or None to drop it) to every style
    rule, inside @media/@supports too; other at-rules stay as they are."""
    return "".join(_rewrite_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), rewrite_rule))


def _rewrite_rules(rules, rewrite_rule) -> list[str]:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            text = rewrite_rule(rule)
            if text:
                out.append(text)
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            inner = _rewrite_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), rewrite_rule)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            out.append(tinycss2.serialize([rule]))
    return out


_VAR_USE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
_PROPERTY = re.compile(r"--[A-Za-z0-9_-]+")


def drop_unused_properties(sheets: dict[str, str], elsewhere: set[str]) -> dict[str, str]:
    """Remove ``--x: …`` declarations nothing refers to, until none is left.

    ``elsewhere`` holds property names mentioned outside these sheets (our
    stylesheet, pages, scripts): those are always kept."""
    while True:
        used = set(elsewhere)
        for css in sheets.values():
            used.update(_VAR_USE.findall(css))
        pruned = {name: _drop_properties(css, used) for name, css in sheets.items()}
        if pruned == sheets:
            return sheets
        sheets = pruned


def _drop_properties(css: str, used: set[str]) -> str:
    def without_unused(rule) -> str | None:
        declarations = tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
        if any(d.type != "declaration" for d in declarations):  # nested rules: leave as they are
            return tinycss2.serialize([rule])
        kept = [
            f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}"
            for d in declarations
            if not d.name.startswith("--") or d.name in used
        ]
        return tinycss2.serialize(rule.prelude).strip() + "{" + ";".join(kept) + "}" if kept else None

    return _rewrite(css, without_unused)


def mentioned_properties(site_dir: Path, skip: set[Path]) -> set[str]:
    """Custom property names in every page, script and other stylesheet."""
    found: set[str] = set()
    for path in site_dir.rglob("*"):
        if path.suffix in (".html", ".js", ".css") and path not in skip and "search" not in path.parts:
            found.update(_PROPERTY.findall(path.read_text(encoding="utf-8", errors="replace")))
    return found


def postbuild(ctx: Context, site_dir: Path) -> None:
    first = page_names(site_dir)
    names = first | theme_script_names(site_dir)
    sheets = [s for pattern in THEME_CSS for s in site_dir.glob(pattern)]
    purged = {sheet: purge(sheet.read_text(encoding="utf-8"), names) for sheet in sheets}
    main = next(s for s in sheets if s.name.startswith("main."))
    purged[main], late_css = split(purged[main], first, names)
    late = main.with_name("late.00000000.min.css")
    purged[late] = late_css
    purged = drop_unused_properties(purged, mentioned_properties(site_dir, set(sheets)))
    for sheet, css in purged.items():
        sheet.write_text(css, encoding="utf-8")  # fingerprint.py drops the theme's stale source maps
    # fingerprint.py names it by content, as it does the main sheet.
    _point_pages_at(site_dir, main.name, late.name)


def _point_pages_at(site_dir: Path, main: str, late: str) -> None:
    """``<link … main.css data-sw-late="… late.css">``: where the bundle loader finds it."""
    link = re.compile(r'(<link rel="stylesheet" href="([^"]*)' + re.escape(main) + r'")')
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        new = link.sub(lambda m: f'{m.group(1)} data-sw-late="{m.group(2)}{late}"', html, count=1)
        if new != html:
            page.write_text(new, encoding="utf-8")
