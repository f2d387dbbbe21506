"""资格自查, Python side: golden statuses and the readings it adopts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.scoring.eligibility import eligibility
from generator.scoring.model import default_rules

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "supervisor_eligibility.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_eligibility_golden(case):
    result = eligibility(default_rules().eligibility, case["answers"])
    for route, status in case["expect"].items():
        assert result[route]["status"] == status, (route, result[route])
    if "any_of" in case:
        assert result["exceptional"]["any_of"]["status"] == case["any_of"]


def test_every_condition_carries_its_source():
    result = eligibility(default_rules().eligibility, {})
    for route in result.values():
        conds = route["conditions"] + route.get("any_of", {}).get("conditions", [])
        assert conds and all(c["cite"].startswith("001《") for c in conds)


def test_exceptional_route_skips_the_assistant_condition():
    result = eligibility(default_rules().eligibility, {"is_assistant": False})
    assert "is_assistant" not in [c["id"] for c in result["exceptional"]["conditions"]]
    assert result["trainee"]["status"] == "not_met"


def test_service_time_explains_deduction():
    result = eligibility(default_rules().eligibility, {"service_years": 2, "days_last_year": 150, "leave": {"maternity": 98}})
    cond = next(c for c in result["assistant"]["conditions"] if c["id"] == "service_time")
    assert cond["status"] == "met"
    assert "核减假期 98 天后要求 142 天" in cond["detail"]


def test_eligibility_file_problems_are_located():
    from generator.scoring.model import check_eligibility
    from generator.yamlsrc import parse_yaml

    text = (Path(__file__).resolve().parent.parent / "data/scoring/supervisor_eligibility.yaml").read_text(encoding="utf-8")
    broken = text.replace("check: service_1y", "check: service_one_year", 1).replace("basic_from: trainee", "basic_from: trainees")
    doc, _ = parse_yaml(broken, "data/scoring/supervisor_eligibility.yaml")
    found = check_eligibility(doc, None)
    lines = broken.splitlines()
    check = next(p for p in found if p.location.endswith(".check"))
    assert "service_one_year" in lines[check.line - 1]
    assert "routes.assistant.conditions[4].check" in check.location
    ref = next(p for p in found if p.code == "unknown-reference")
    assert "basic_from: trainees" in lines[ref.line - 1]
