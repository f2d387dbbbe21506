"""Supervisor-selection scoring (督导助理选拔): rules as data, a pure scoring
core, the eligibility check, the generated calculator page and the CLI.

As a build step this package loads and validates data/scoring/*.yaml, offers
the ``bonus_table()`` macro and writes the calculator page with its scripts.
"""

from __future__ import annotations

from importlib import resources

from markupsafe import Markup

from generator.context import Context, Staging
from generator.problems import Problem

NAME = "scoring"
ASSETS = ("decimal.js", "score.js", "eligibility.js", "view.js", "link.js", "calculator.js")
# Used by both calculators (this one and generator/indicators): one copy under assets/.
SHARED_ASSETS = {"share-link.js": "assets/javascripts/share-link.js"}
# Merged into site.css (generator/stylesheets.py): one stylesheet less to wait
# for before the calculator page can show anything.
STYLESHEET = "supervisor-score.css"


def load(ctx: Context):
    """Validate both rule files; every problem with its key path and line."""
    from generator.scoring.model import load_rules

    rules, problems = load_rules(ctx.project.data, ctx.project.root, ctx.models.get("sources"))
    return rules, problems


def macros(ctx: Context) -> dict:
    from generator.scoring.page import bonus_table_md

    rules = ctx.models[NAME]
    source_text = ctx.models["sources"].text

    def bonus_table() -> Markup:
        """``{{ bonus_table() }}``: the 加分标准 table from the scoring rules."""
        return Markup(bonus_table_md(rules.data, source_text))

    return {"bonus_table": bonus_table}


def pages(ctx: Context, out: Staging) -> None:
    """The calculator page, its generated rules.js and the static scripts."""
    from generator.scoring.form_html import calculator_page
    from generator.scoring.page import ASSET_DIR, PAGE, rules_js

    rules = ctx.models[NAME]
    source_text = ctx.models["sources"].text
    by = "data/scoring/supervisor_selection.yaml"
    out.write_text(PAGE, calculator_page(rules, source_text, "", related_links(ctx)), by=by)
    out.write_text(f"{ASSET_DIR}/rules.js", rules_js(rules, source_text), by=by)
    folder = resources.files("generator.scoring") / "assets"
    for name in ASSETS:
        out.write_text(f"{ASSET_DIR}/{name}", (folder / name).read_text(encoding="utf-8"), by="generator/scoring/assets")
    for name, target in SHARED_ASSETS.items():
        out.write_text(target, (folder / name).read_text(encoding="utf-8"), by="generator/scoring/assets")
    out.write_text(f"assets/stylesheets/{STYLESHEET}", (folder / STYLESHEET).read_text(encoding="utf-8"), by="generator/scoring/assets")


def related_links(ctx: Context) -> list[tuple[str, str]]:
    """Links to the selection chapter and the two forms, only where they exist
    (the page is generated, so it cannot use the link() macro's fallback)."""
    links = []
    if (ctx.project.handbook / "supervision" / "selection.md").is_file():
        links.append(("督导人才选拔与培养（流程与条件）", "../../supervision/selection.md"))
    forms = ctx.models.get("forms")
    by_id = getattr(forms, "by_id", {}) if forms is not None else {}
    for form_id in ("supervisor-selection-registration", "supervisor-bonus-claim"):
        if form_id in by_id:
            links.append((f"《{by_id[form_id].title}》", f"../../forms/{form_id}/index.md"))
    return links


__all__ = ["NAME", "load", "macros", "pages", "Problem"]
