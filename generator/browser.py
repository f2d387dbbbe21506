"""Find and launch the system Chromium for PDFs and tests.

Order: $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then a browser that
Playwright itself installed on the user's machine. We never run
``playwright install``: it cannot download here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Flags for a root, offline, headless run: without the background-networking
# ones Chromium tries to reach Google at start-up.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """Path of the Chromium to use, or None to let Playwright pick its own."""
    env = os.environ.get("CHROMIUM_PATH")
    if env and Path(env).exists():
        return env
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    found = shutil.which("chromium")
    return found


def launch(playwright, **kwargs):
    """Launch headless Chromium with our flags."""
    path = chromium_path()
    options = {"headless": True, "args": LAUNCH_ARGS}
    if path:
        options["executable_path"] = path
    options.update(kwargs)
    return playwright.chromium.launch(**options)
