"""The build steps, in order. Each is a module with some of these functions:

- ``load(ctx) -> (model, problems)``: read and validate its inputs (required);
- ``macros(ctx) -> dict``: functions handbook pages may call as ``{{ name(...) }}``;
- ``pages(ctx, out: Staging)``: write generated pages and assets;
- ``postbuild(ctx, site_dir)``: adjust the built site (optional, not needed for a plain ``mkdocs build``).

A step's model is available to later steps as ``ctx.models[NAME]``.
"""

STEPS = (
    "generator.sources",
    "generator.tables",
    "generator.rules",
    "generator.termination",
    "generator.archive_order",
    "generator.forms",
    "generator.calendar_years",
    "generator.scoring",
    "generator.indicators.step",
    "generator.glance",
    "generator.checker.step",
    "generator.search_terms",
    "generator.search_index",
    "generator.tasklists",
    "generator.upkeep",
    "generator.content_checks",
    "generator.notfound",
    "generator.table_wrap",
    "generator.css_purge",
    "generator.js_minify",
    "generator.handbook_pdf",
    "generator.html_squeeze",
    # After every step that edits the theme's hashed files: names follow content.
    "generator.fingerprint",
    # Last: compresses the files every step before it has finished changing.
    "generator.precompress",
)
