"""The 404 page: works at any depth on a server and when opened from file://.

MkDocs renders 404.html with absolute links ("/assets/…", "/case/index.html")
because a server may show it at any address. Absolute links break when the
site is not at the server root and from file://. So after the build the links
are made relative, and a tiny inline script at the top of <head> sets <base>
to the site root, found from the address: the first path segment that is one
of the site's own top-level names starts the site. The search config gets the
same root, so the search box works there too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.context import Context

NAME = "notfound"
FILE = "404.html"


def load(ctx: Context) -> tuple[None, list]:
    return None, []


def root_script(top_level: list[str]) -> str:
    """Inline script: ``<base href>`` = the site root derived from ``location``."""
    names = json.dumps(sorted(top_level), ensure_ascii=False)
    return (
        "<script>(function(){var n=" + names + ",p=location.pathname.split('/'),r=null;"
        # from file:// the page is only ever opened directly, at the site root
        "if(location.protocol==='file:')r=p.slice(0,-1).join('/')+'/';"
        "else for(var i=0;i<p.length;i++){if(n.indexOf(decodeURIComponent(p[i]))>=0){r=p.slice(0,i).join('/')+'/';break}}"
        "if(r===null)r='/';"
        "window.__siteRoot=location.protocol+'//'+location.host+r;"
        "document.write('<base href=\"'+window.__siteRoot.replace(/\"/g,'%22')+'\">')})()</script>"
    )


def rewrite(html: str, top_level: list[str]) -> str:
    """Absolute site links become relative to a <base> set at load time."""
    html = re.sub(r'(\s(?:href|src|action)=")/(?!/)', r"\1", html)
    # the bundle loader's script URL and Material's storage scope
    html = html.replace('.src="/assets/', '.src="assets/')
    html = html.replace('__md_scope=new URL("/",location)', '__md_scope=new URL(".",document.baseURI)')
    html = html.replace('"base": "/"', '"base": "."')
    html = html.replace("<head>", "<head>" + root_script(top_level), 1)
    # Material reads its config when the bundle starts; give it the real root.
    fix = "<script>(function(){var c=document.getElementById('__config');if(c&&window.__siteRoot){var j=JSON.parse(c.textContent);j.base=window.__siteRoot;j.search=new URL(j.search.replace(/^\\//,''),window.__siteRoot).href;c.textContent=JSON.stringify(j)}})()</script>"
    # the last </body>: the file:// worker shim has one inside a string
    at = html.rfind("</body>")
    return html[:at] + fix + html[at:]


def postbuild(ctx: Context, site_dir: Path) -> None:
    page = site_dir / FILE
    if not page.is_file():
        return
    top_level = [p.name for p in site_dir.iterdir() if p.name != FILE]
    page.write_text(rewrite(page.read_text(encoding="utf-8"), top_level), encoding="utf-8")
