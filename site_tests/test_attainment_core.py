"""The attainment contract of issue 8 through Python and the CLI: golden cases
in site_tests/golden/attainment.yaml (the browser runs the same cases in
test_attainment_browser.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.indicators.attainment import AttainmentInputError, attainment, default_rules

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = yaml.safe_load((Path(__file__).parent / "golden" / "attainment.yaml").read_text(encoding="utf-8"))["cases"]
OK_CASES = [c for c in GOLDEN if "error" not in c]
BAD_CASES = [c for c in GOLDEN if "error" in c]


def check_expected(case: dict, result: dict) -> None:
    """Assert the fields a golden case pins down."""
    for key, value in (case.get("expect") or {}).items():
        assert result[key] == value, f"{case['name']}: {key}"
    items = {i["key"]: i for i in result["items"]}
    for key, fields in (case.get("expect_items") or {}).items():
        for field, value in fields.items():
            assert items[key][field] == value, f"{case['name']}: {key}.{field}"
    groups = {g["key"]: g for g in result["groups"]}
    for g in (case.get("expect") or {}).get("groups", []):
        assert groups[g["key"]] == g


@pytest.mark.parametrize("case", OK_CASES, ids=[c["name"] for c in OK_CASES])
def test_golden_case_python(case):
    check_expected(case, attainment(case["input"]))


@pytest.mark.parametrize("case", BAD_CASES, ids=[c["name"] for c in BAD_CASES])
def test_golden_bad_input_python(case):
    with pytest.raises(AttainmentInputError) as info:
        attainment(case["input"])
    for fragment in case["error"]:
        assert fragment in str(info.value), (case["name"], str(info.value))


def test_output_keys_and_item_order_follow_the_contract():
    result = attainment({"post_type": "community", "posts": 2, "satisfaction": 0.9})
    assert list(result) == ["items", "groups", "satisfaction_met", "strict_met", "converted_met", "result"]
    assert [i["key"] for i in result["items"]] == [
        "professional_case", "consultation", "home_visit", "file_opening", "therapeutic_group", "developmental_group",
        "large_activity", "small_activity", "lecture_workshop", "outreach", "newsletter", "volunteers_recruited",
        "volunteer_training", "volunteer_service", "supervision", "training",
    ]
    assert all(list(i) == ["key", "minimum", "actual", "rate", "met"] for i in result["items"])
    assert [g["key"] for g in result["groups"]] == ["service", "supervision"]
    assert all(list(g) == ["key", "required_volume", "actual_volume", "met"] for g in result["groups"])


def test_volumes_come_from_conversion_rules_in_the_data():
    volumes = {i.key: (None if i.volume is None else float(i.volume)) for i in default_rules().items}
    assert volumes == {
        "professional_case": 1, "consultation": 0.5, "home_visit": 0.5, "file_opening": 0.5,
        "therapeutic_group": 1, "developmental_group": 0.5, "large_activity": 0.5, "small_activity": 0.25,
        "lecture_workshop": 0.25, "outreach": None, "newsletter": None, "volunteers_recruited": None,
        "volunteer_training": None, "volunteer_service": None, "supervision": 0.5, "training": 1,
    }


def test_every_problem_is_reported_in_one_error():
    with pytest.raises(AttainmentInputError) as info:
        attainment({"post_type": "x", "posts": 0, "satisfaction": 2, "counts": {"bad": 1, "training": -2}})
    assert len(info.value.problems) == 5


def run_cli(payload: str):
    return subprocess.run([sys.executable, "-m", "generator", "attainment", "-"], input=payload, capture_output=True, text=True, cwd=ROOT)


def test_cli_reproduces_the_issue_example():
    case = GOLDEN[0]
    done = run_cli(json.dumps(case["input"]))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out == case["expect"]
    assert "折算后达标" in done.stdout  # readable Chinese, not \\u escapes


@pytest.mark.parametrize("payload, fragment", [
    ('{"post_type": "specialized", "posts": 1, "satisfaction": 0.9, "counts": {"home_visit": -3}}', "负数"),
    ('{"post_type": "specialized", "posts": 0, "satisfaction": 0.9}', "posts"),
    ('{"post_type": "specialized", "posts": 1, "satisfaction": 0.9, "color": 1}', "color"),
    ("{not json", "JSON"),
])
def test_cli_rejects_bad_input_on_stderr_with_nonzero_exit(payload, fragment):
    done = run_cli(payload)
    assert done.returncode != 0
    assert done.stdout == ""
    assert fragment in done.stderr
