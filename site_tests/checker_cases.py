"""Filled-form case files for the checker: site_tests/cases/checker/*.yaml (ours)
and any under site_tests/cases/forms/ (written with the form definitions).

A case file has ``form``, ``values`` and optionally ``expect: {errors: [...],
warnings: [...]}`` with ``field:code`` items; a ``raw`` string instead of
``values`` is a damaged file that is parsed as JSON first.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

CASES = Path(__file__).resolve().parent / "cases"


def case_files() -> list[Path]:
    files = sorted((CASES / "checker").glob("*.yaml"))
    forms = CASES / "forms"
    if forms.is_dir():
        files += sorted(p for p in forms.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))
    return files


def load_case(path: Path) -> dict | None:
    """The case as {name, form, values, expect}; None for a file that is not a case."""
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("form"), str):
        return None
    if "values" not in data and "raw" not in data:
        return None
    values = data.get("values")
    if "raw" in data:
        try:
            values = json.loads(data["raw"])
        except ValueError:
            return None
    return {"name": path.relative_to(CASES).as_posix(), "form": data["form"], "values": values, "expect": data.get("expect")}


def cases() -> list[dict]:
    return [c for c in (load_case(p) for p in case_files()) if c is not None]


def summary(problems: list[dict]) -> tuple[list[str], list[str]]:
    errors = sorted(f"{p['field']}:{p['code']}" for p in problems if p["severity"] == "error")
    warnings = sorted(f"{p['field']}:{p['code']}" for p in problems if p["severity"] != "error")
    return errors, warnings
