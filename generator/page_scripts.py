"""Scripts for forms, calculators and tools start after the page is painted.

A page names its scripts with :func:`script_list`; one small loader in every
page (``partials/page-scripts.html``, written by theme.py) fetches them, in
order, once the first frame is on screen. With ``defer`` they were fetched
alongside the stylesheets, so on a slow phone connection the form or
calculator (up to 115 KB of script) competed for the same bandwidth as the
text the reader came for and the first paint waited. Everything the scripts
add is hidden or empty until they run (the 检查 button, the drafts list,
the result panel), so nothing on screen moves when they start.

While they load, ``<html data-sw-scripts="loading">``; then ``"ready"``.
Tests wait for that instead of guessing a delay. Until then a calculator's or
tool's boxes and buttons are disabled, and so are a form's buttons that need
the script: someone (or a test) who starts typing at once is made to wait
for the script instead of typing into a page that cannot answer yet.
"""

from __future__ import annotations

import json

CLASS = "sw-scripts"
# Controls of calculators and tools (every module but a form). Their scripts
# must not disable these at start: the loader enables them after the scripts ran.
HELD = ",".join(
    f"[data-module]:not([data-module=sw-form]) {tag}" for tag in ("input", "select", "textarea", "button")
)

# They start once the browser reports the first contentful paint (a paint
# entry comes after the frame is on screen; a rAF callback comes before it).
# Where paint timing is missing, two frames later. A tab opened in the
# background paints nothing, so a timer starts them anyway.
LOADER = (
    "(function(){var html=document.documentElement,srcs=[],done=0;"
    f'[].forEach.call(document.querySelectorAll("script.{CLASS}"),function(s){{'
    "JSON.parse(s.textContent).forEach(function(src){if(srcs.indexOf(src)<0)srcs.push(src)})});"
    "if(!srcs.length)return;"
    'html.setAttribute("data-sw-scripts","loading");'
    # A calculator or tool does nothing until its script runs: its boxes and
    # buttons are disabled till then (forms stay fillable without JavaScript;
    # their script-only buttons are disabled in the page, webform.py).
    f'var held=document.querySelectorAll("{HELD}");'
    '[].forEach.call(held,function(e){if(!e.disabled){e.disabled=true;e.setAttribute("data-sw-held","")}});'
    "function ready(){[].forEach.call(document.querySelectorAll(\"[data-sw-held]\"),function(e){"
    'e.disabled=false;e.removeAttribute("data-sw-held")});html.setAttribute("data-sw-scripts","ready")}'
    "function go(){if(done)return;done=1;var left=srcs.length;"
    "srcs.forEach(function(src){var s=document.createElement(\"script\");s.src=src;s.async=false;"
    "s.onload=s.onerror=function(){if(!--left)ready()};"
    "document.body.appendChild(s)})}"
    "function later(){setTimeout(go,0)}"
    "try{new PerformanceObserver(function(list,obs){"
    'if(list.getEntriesByName("first-contentful-paint").length){obs.disconnect();later()}'
    '}).observe({type:"paint",buffered:true})}'
    "catch(e){requestAnimationFrame(function(){requestAnimationFrame(later)})}"
    "setTimeout(go,1500)})()"
)


def script_list(srcs) -> str:
    """The page's scripts, in the order they must run (URLs relative to the page).

    Example::

        script_list(["rules.js", "calculator.js"])
        # <script type="application/json" class="sw-scripts">["rules.js", "calculator.js"]</script>
    """
    return f'<script type="application/json" class="{CLASS}">{json.dumps(list(srcs))}</script>'


def loader_partial() -> str:
    return f"<script>{LOADER}</script>\n"
