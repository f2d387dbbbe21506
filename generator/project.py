"""Where things live. One frozen object instead of paths scattered around."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """Paths of one checkout. ``root`` holds mkdocs.yml."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def forms(self) -> Path:
        return self.root / "forms"

    @property
    def handbook(self) -> Path:
        return self.root / "handbook"

    @property
    def build(self) -> Path:
        """Generated docs dir and theme overrides: gitignored, never hand-edited."""
        return self.root / "build"

    @property
    def docs(self) -> Path:
        return self.build / "docs"

    @property
    def theme(self) -> Path:
        return self.build / "theme"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def find_root(start: Path | None = None) -> Path:
    """The nearest folder upwards that has mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise SystemExit("找不到 mkdocs.yml：请在项目根目录下运行。")
