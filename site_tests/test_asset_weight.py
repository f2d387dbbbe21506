"""What a page downloads: stylesheets purged and compacted, our scripts
minified, without changing what any page looks like or does."""

import tinycss2

from generator.css_purge import drop_unused_properties, purge, split
from generator.js_minify import ours, postbuild
from generator.stylesheets import compact


def test_purge_drops_rules_for_names_no_page_uses():
    css = ".md-typeset p{margin:0}.md-blog{color:red}.md-typeset .md-blog,.md-typeset a{color:blue}"
    out = purge(css, {"md-typeset"})
    assert out == ".md-typeset p{margin:0}.md-typeset a{color:blue}"


def test_purge_keeps_what_a_selector_only_mentions_in_arguments():
    css = ".md-typeset :not(.md-blog)>p{margin:0}@media screen{.md-typeset{color:red}.gone{color:red}}"
    assert purge(css, {"md-typeset"}) == ".md-typeset :not(.md-blog)>p{margin:0}@media screen{.md-typeset{color:red}}"


def test_rules_only_the_theme_script_can_match_wait_for_it():
    css = (
        ".md-header{top:0}.md-header--shadow{box-shadow:1px}.md-search-result__link,.md-nav{display:block}"
        "@media screen{.md-tooltip{opacity:0}.md-header{left:0}}@keyframes fade{to{opacity:1}}"
    )
    first = {"md-header", "md-nav"}
    later = first | {"md-header--shadow", "md-search-result__link", "md-tooltip"}
    main, late = split(css, first, later)
    assert main == ".md-header{top:0}.md-nav{display:block}@media screen{.md-header{left:0}}@keyframes fade{to{opacity:1}}"
    assert late == ".md-header--shadow{box-shadow:1px}.md-search-result__link{display:block}@media screen{.md-tooltip{opacity:0}}"


def test_the_late_stylesheet_arrives_with_the_theme_script(page, base_url, site_dir):
    late = next((site_dir / "assets/stylesheets").glob("late.*.min.css")).name
    main = next((site_dir / "assets/stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    assert ".md-search-result__link" not in main, "只有主题脚本才会生成的元素，样式不该挡在首次绘制之前"
    page.goto(base_url + "case/index.html")
    assert not page.evaluate("[...document.styleSheets].some(s => (s.href || '').includes('/late.'))")
    page.locator(".md-search__input").click()
    page.keyboard.type("结案")
    page.wait_for_function("() => document.querySelector('.md-search-result__link')")
    order = page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href.split('/').pop())")
    assert order.index(late) == order.index(next(n for n in order if n.startswith("main."))) + 1, order
    assert page.evaluate("getComputedStyle(document.querySelector('.md-search-result__link')).display") == "block"


def test_purge_drops_palette_colours_no_page_has():
    css = (
        "[data-md-color-primary=pink]{--c:pink}"
        '[data-md-color-primary="custom"]{--c:teal}'
        "[data-md-color-scheme=slate]{color-scheme:dark}"
        ":not([data-md-color-scheme=slate]) p{margin:0}"
    )
    names = {"data-md-color-primary=custom", "data-md-color-scheme=default"}
    assert purge(css, names) == '[data-md-color-primary="custom"]{--c:teal}:not([data-md-color-scheme=slate]) p{margin:0}'


def test_unused_custom_properties_go_until_none_is_left():
    sheets = {
        "main": ":root{--used:red;--chain:var(--deep);--deep:1px;--gone:url(x);--js:0}"
        "@media screen{:root{--gone2:blue}}.a{color:var(--used)}",
        "palette": ":root{--only-in-palette:2}",
    }
    out = drop_unused_properties(sheets, elsewhere={"--js"})
    assert out["main"] == ":root{--used:red;--js:0}.a{color:var(--used)}"
    assert out["palette"] == ""
    # A property another kept rule refers to stays, however deep the chain.
    out = drop_unused_properties({"m": ":root{--a:var(--b);--b:var(--c);--c:3px}.x{margin:var(--a)!important}"}, set())
    assert out["m"] == ":root{--a:var(--b);--b:var(--c);--c:3px}.x{margin:var(--a)!important}"


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


def test_minify_touches_only_our_scripts_and_keeps_them_working(tmp_path):
    (tmp_path / "assets/javascripts/workers").mkdir(parents=True)
    (tmp_path / "search").mkdir()
    ours_js = tmp_path / "assets/javascripts/tool.js"
    ours_js.write_text("""// a note
(function () {
  /* why */ var re = /a\\/b/g, s = "x  // not a comment";
  window.out = s.replace(re, "-");
})();
""", encoding="utf-8")
    for other in ("assets/javascripts/bundle.1.min.js", "assets/javascripts/workers/w.js", "search/search_index.js"):
        (tmp_path / other).write_text("// kept\n", encoding="utf-8")
    assert ours(tmp_path) == [ours_js]
    postbuild(None, tmp_path)
    text = ours_js.read_text(encoding="utf-8")
    assert "note" not in text and "why" not in text
    assert '/a\\/b/g' in text and '"x  // not a comment"' in text
    assert (tmp_path / "search/search_index.js").read_text(encoding="utf-8") == "// kept\n"


def test_pages_lose_only_whitespace_html_renders_as_one_space():
    from generator.html_squeeze import squeeze

    assert squeeze("<div>\n    <p>  a  b \n\n c</p>\n\n  </div>") == "<div>\n<p> a b\nc</p>\n</div>"
    # Attribute values, comments and code are copied as they are; script text may hold "<" and quotes.
    kept = '<a title="x  >  y"  href="z">t</a><!--  c  --><pre>  x\n\n  y</pre><code>a   b</code><script>if(a<b){x="  "}</script>'
    assert squeeze(kept) == kept
    assert squeeze('<script>a<"b</script>\n\n  <p>  z</p>') == '<script>a<"b</script>\n<p> z</p>'
    assert squeeze("<textarea>\n\n a</textarea>  <kbd>Ctrl  +  C</kbd>") == "<textarea>\n\n a</textarea> <kbd>Ctrl  +  C</kbd>"


def test_built_pages_carry_no_template_indentation(site_dir):
    page = (site_dir / "case/intake.html").read_text(encoding="utf-8")
    assert "\n  " not in page.split("<body", 1)[1].replace("<pre", "\0").split("\0")[0]
