"""A throw-away copy of the project's inputs, for tests that break them."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.project import Project

ROOT = Path(__file__).resolve().parent.parent


def scratch_project(tmp: Path) -> Project:
    for name in ("data", "forms", "handbook"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, tmp / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    return Project(tmp)
