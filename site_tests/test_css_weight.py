"""The stylesheets that block the first paint: purged and compacted without
changing what any page looks like."""

import tinycss2

from generator.css_purge import purge
from generator.stylesheets import compact


def test_purge_drops_rules_for_names_no_page_uses():
    css = ".md-typeset p{margin:0}.md-blog{color:red}.md-typeset .md-blog,.md-typeset a{color:blue}"
    out = purge(css, {"md-typeset"})
    assert out == ".md-typeset p{margin:0}.md-typeset a{color:blue}"


def test_purge_keeps_what_a_selector_only_mentions_in_arguments():
    css = ".md-typeset :not(.md-blog)>p{margin:0}@media screen{.md-typeset{color:red}.gone{color:red}}"
    assert purge(css, {"md-typeset"}) == ".md-typeset :not(.md-blog)>p{margin:0}@media screen{.md-typeset{color:red}}"


def test_purge_drops_palette_colours_no_page_has():
    css = (
        "[data-md-color-primary=pink]{--c:pink}"
        '[data-md-color-primary="custom"]{--c:teal}'
        "[data-md-color-scheme=slate]{color-scheme:dark}"
        ":not([data-md-color-scheme=slate]) p{margin:0}"
    )
    names = {"data-md-color-primary=custom", "data-md-color-scheme=default"}
    assert purge(css, names) == '[data-md-color-primary="custom"]{--c:teal}:not([data-md-color-scheme=slate]) p{margin:0}'


def test_compact_keeps_every_rule_and_value():
    css = """/* a note */
.a  >  .b ,  .c {
  margin : 0 auto ;
  width: calc( 100% - 2px );
  content: "two  spaces";
}
@media screen and (max-width: 600px) {
  .a:hover  .b { color: red }
}
"""
    out = compact(css)
    assert "note" not in out and "\n" not in out
    assert '"two  spaces"' in out and "100% - 2px" in out and "screen and (max-width" in out
    assert ".a:hover .b" in out
    before = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    after = tinycss2.parse_stylesheet(out, skip_comments=True, skip_whitespace=True)
    assert len(before) == len(after) == 2
