"""What people type into number, date and time fields: the golden spellings
(site_tests/cases/spellings/golden.yaml) read the same in Python and in the
browser, and as the case says; the held-out set runs last, untuned.

Both sides interpret the one table data/input/spellings.yaml.
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from generator.checker import normalise as N
from generator.checker.core import default_shared
from site_tests.checker_cases import CASES

SPELLINGS = CASES / "spellings"


def load(name: str) -> list[dict]:
    data = yaml.safe_load((SPELLINGS / name).read_text(encoding="utf-8"))
    out = []
    for kind in ("number", "date", "time"):
        for case in data.get(kind) or []:
            out.append({"kind": kind, "today": data["today"], **case})
    return out


GOLDEN = load("golden.yaml")


def day(iso: str) -> int:
    return N.days(dt.date.fromisoformat(iso))


def read_py(case: dict) -> dict:
    sp = default_shared().spellings
    if case["kind"] == "number":
        r = N.number(case["typed"], sp, bool(case.get("integer")), case.get("unit", ""))
    elif case["kind"] == "date":
        r = N.date(case["typed"], sp, day(case.get("reference", case["today"])), day(case["today"]))
    else:
        r = N.time(case["typed"], sp)
    return {"text": r.text, "problem": r.problem, "note": r.note}


def expected(case: dict) -> dict:
    return {"text": case.get("expect"), "problem": case.get("problem"), "note": case.get("note")}


READ_JS = """cases => cases.map(c => {
  const s = window.formChecker.spellings;
  const r = c.kind === 'number' ? s.number(c.typed, !!c.integer, c.unit || '')
          : c.kind === 'date' ? s.date(c.typed, c.reference || c.today, c.today) : s.time(c.typed);
  return {text: r.text, problem: r.problem, note: r.note};
})"""


def read_js(page, base_url, cases: list[dict]) -> list[dict]:
    page.goto(f"{base_url}forms/group-plan/index.html")
    page.wait_for_function("() => window.formChecker && window.swCheckerData && window.swCheckerData.spellings")
    return page.evaluate(READ_JS, cases)


def test_every_kind_has_golden_cases():
    kinds = {c["kind"] for c in GOLDEN}
    assert kinds == {"number", "date", "time"}
    assert len(GOLDEN) >= 80


@pytest.mark.parametrize("case", GOLDEN, ids=lambda c: f"{c['kind']}:{c['typed']}")
def test_golden_spelling_in_python(case):
    assert read_py(case) == expected(case)


def test_golden_spellings_read_the_same_in_the_browser(page, base_url):
    got = read_js(page, base_url, GOLDEN)
    wrong = [(c["typed"], g, expected(c)) for c, g in zip(GOLDEN, got) if g != expected(c) or g != read_py(c)]
    assert not wrong, wrong


def test_zz_held_out_spellings_last(page, base_url):
    """Written before tuning and not tuned on: cases marked known_gap are
    documented misses; every other case must read right on both sides."""
    held = load("held_out.yaml")
    got = read_js(page, base_url, held)
    misses = []
    for c, g in zip(held, got):
        py = read_py(c)
        assert g == py, ("Python and browser differ", c["typed"], g, py)
        if py != expected(c) and not c.get("known_gap"):
            misses.append((c["kind"], c["typed"], py, expected(c)))
    assert not misses, misses
