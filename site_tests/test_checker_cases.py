"""Every case file gives the expected errors and warnings in Python (the same
files run in the browser in test_checker_browser.py)."""

from __future__ import annotations

import pytest

from generator.build import load_all
from generator.checker.core import check
from generator.context import BuildOptions
from site_tests.checker_cases import cases, summary


@pytest.fixture(scope="module")
def checker(project):
    ctx, _problems = load_all(project, BuildOptions(fast=True))
    return ctx.models["checker"]


@pytest.mark.parametrize("case", [c for c in cases() if c["expect"] is not None], ids=lambda c: c["name"])
def test_case_gives_expected_problems(checker, case):
    if case["form"] not in checker.forms:
        pytest.skip(f"form {case['form']} not in this checkout")
    got = check(checker.forms[case["form"]], case["values"], checker.shared)
    errors, warnings = summary(got)
    assert errors == sorted(case["expect"].get("errors") or []), got
    assert warnings == sorted(case["expect"].get("warnings") or []), got
