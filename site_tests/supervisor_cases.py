"""Shared loader for the supervisor-score golden cases (site_tests/cases/)."""

from __future__ import annotations

from pathlib import Path

import yaml

CASES_FILE = Path(__file__).resolve().parent / "cases" / "supervisor_score.yaml"
PAGE = "calculators/supervisor-selection/index.html"


def load_cases() -> list[dict]:
    return yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["cases"]


def python_outcome(case: dict):
    """``("result", dict)`` or ``("errors", [messages])`` from the Python core."""
    from generator.scoring.core import score
    from generator.scoring.inputs import ScoreInputError

    try:
        return "result", score(case["input"])
    except ScoreInputError as exc:
        return "errors", exc.errors


def error_paths(errors: list[str]) -> list[str]:
    return sorted(e.split("：", 1)[0] for e in errors)


def contract_part(result: dict) -> dict:
    return {k: result[k] for k in ("written_passed", "bonus", "total")}
