"""load → validate → generate → mkdocs build → swap. Atomic at both ends.

The docs dir and the site are written into temporary folders next to their
final place and renamed into it only when everything succeeded, so a failed
build leaves the previous ``site/`` exactly as it was.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator import content_checks, handbook, settings, stylesheets, theme, upkeep
from generator.context import BuildOptions, Context, Staging
from generator.problems import Problem, ProblemsFound, errors, problem, report
from generator.project import Project
from generator.steps import STEPS


@dataclass
class Timings:
    """Seconds spent per phase, for bench/build_time.py."""

    phases: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, started: float) -> None:
        self.phases[name] = self.phases.get(name, 0.0) + time.perf_counter() - started


def step_modules():
    return [importlib.import_module(name) for name in STEPS]


def load_all(project: Project, options: BuildOptions | None = None) -> tuple[Context | None, list[Problem]]:
    """Load and validate settings, data and forms. Never stops at the first problem."""
    loaded, problems = settings.load(project)
    if loaded is None:
        return None, problems
    ctx = Context(project=project, settings=loaded, options=options or BuildOptions())
    for module in step_modules():
        model, found = module.load(ctx)
        problems += found
        ctx.models[module.NAME] = model
    return ctx, problems


def collect_macros(ctx: Context) -> dict:
    macros: dict = {}
    for module in step_modules():
        if hasattr(module, "macros") and ctx.models.get(module.NAME) is not None:
            macros.update(module.macros(ctx))
    return macros


def _replace_dir(new: Path, final: Path) -> None:
    """Put ``new`` at ``final``; the old one is removed only after the rename."""
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    new.rename(final)
    if old.exists():
        shutil.rmtree(old)


def _sync_dir(new: Path, final: Path) -> None:
    """Make ``final`` equal ``new`` touching only changed files, so that
    ``mkdocs serve`` watching ``final`` sees real edits and nothing else."""
    final.mkdir(parents=True, exist_ok=True)
    wanted = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    for path in sorted(final.rglob("*"), reverse=True):
        rel = path.relative_to(final)
        if path.is_file() and rel not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for rel in wanted:
        source, target = new / rel, final / rel
        data = source.read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def generate(project: Project, timings: Timings | None = None, options: BuildOptions | None = None) -> Context:
    """Validate inputs and write build/docs and build/theme. Raises ProblemsFound."""
    timings = timings or Timings()
    started = time.perf_counter()
    ctx, problems = load_all(project, options)
    timings.add("validate", started)
    if ctx is None or errors(problems):
        raise ProblemsFound(problems)

    started = time.perf_counter()
    project.build.mkdir(exist_ok=True)
    staging_root = Path(tempfile.mkdtemp(prefix="docs.", dir=project.build))
    theme_root = Path(tempfile.mkdtemp(prefix="theme.", dir=project.build))
    try:
        out = Staging(staging_root)
        for module in step_modules():
            if hasattr(module, "pages"):
                t = time.perf_counter()
                module.pages(ctx, out)
                timings.add(f"pages:{module.NAME}", t)
        problems += handbook.render(ctx, collect_macros(ctx), out)
        problems += upkeep.finish(ctx, out)  # review dates and change boxes need every page written
        problems += content_checks.check_docs(staging_root, out.written)
        stylesheets.bundle(out)
        problems += theme.write_theme(theme_root)
        if errors(problems):
            raise ProblemsFound(problems)
        _sync_dir(staging_root, project.docs)
        _sync_dir(theme_root, project.theme)
    finally:
        for leftover in (staging_root, theme_root):
            if leftover.exists():
                shutil.rmtree(leftover)
    timings.add("generate", started)
    warnings = [p for p in problems if p.severity != "error"]
    if warnings:
        print(report(warnings), file=sys.stderr)
    return ctx


def mkdocs_build(project: Project, site_dir: Path) -> subprocess.CompletedProcess:
    """A plain ``mkdocs build --strict``: nothing of ours runs inside MkDocs."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project.root,
        capture_output=True,
        text=True,
    )


def build(
    project: Project, site: Path | None = None, timings: Timings | None = None, options: BuildOptions | None = None
) -> Path:
    """The whole build. The site lands at ``site`` (default ``site/``) only on success."""
    timings = timings or Timings()
    final = (site or project.site).resolve()
    ctx = generate(project, timings, options)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=final.name + ".new.", dir=final.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read the site
    try:
        started = time.perf_counter()
        result = mkdocs_build(project, tmp)
        timings.add("mkdocs", started)
        if result.returncode != 0:
            lines = [l for l in result.stderr.splitlines() if "WARNING" in l or "ERROR" in l or "Error" in l]
            detail = "\n    ".join(lines[-20:]) or result.stderr[-2000:]
            raise ProblemsFound([problem("mkdocs-failed", "mkdocs.yml", "", detail=detail)])
        started = time.perf_counter()
        for module in step_modules():
            if hasattr(module, "postbuild"):
                module.postbuild(ctx, tmp)
        timings.add("postbuild", started)
        _replace_dir(tmp, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return final
