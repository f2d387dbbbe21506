"""What a build step sees: the project, the settings, the models loaded so far."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.project import Project
from generator.settings import Settings


@dataclass
class Staging:
    """The docs dir being written. Paths are relative to the docs root."""

    root: Path
    written: dict[str, str] = field(default_factory=dict)

    def _target(self, rel: str, by: str) -> Path:
        if rel in self.written:
            raise ValueError(f"{rel} 已由 {self.written[rel]} 生成，{by} 不能再写一次")
        self.written[rel] = by
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write_text(self, rel: str, text: str, by: str = "generator") -> None:
        self._target(rel, by).write_text(text, encoding="utf-8")

    def write_bytes(self, rel: str, data: bytes, by: str = "generator") -> None:
        self._target(rel, by).write_bytes(data)

    def copy(self, rel: str, source: Path, by: str = "generator") -> None:
        shutil.copyfile(source, self._target(rel, by))

    def take(self, rel: str) -> str:
        """Read a written file and remove it (it is being merged into another)."""
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        path.unlink()
        self.written.pop(rel, None)
        return text


@dataclass(frozen=True)
class BuildOptions:
    """How much to build. ``fast`` skips slow downloads (PDF, DOCX, XLSX) for
    tests that only need pages; the real build always makes everything."""

    fast: bool = False


@dataclass
class Context:
    project: Project
    settings: Settings
    options: BuildOptions = field(default_factory=BuildOptions)
    models: dict[str, Any] = field(default_factory=dict)
