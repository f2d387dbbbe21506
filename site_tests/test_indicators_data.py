"""The indicator tables in data/indicators/: rebuilt rows match source 002,
the annual indicators of 001 are complete, and a broken cell fails the build
with its file, row and column."""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

import pytest

from generator.indicators.flattened import parse
from generator.indicators.model import build
from generator.tables import validate

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED_002 = Path("/work/shared/seeds/002_91676cdc1320d87d.txt")

# Rows of each domain's 具体量化指标 table in source 002, counted by hand from
# the flattened text (four cells per row, merged cells empty).
ROWS_PER_DOMAIN = {"儿童青少年": 27, "老年人": 26, "妇女": 19, "家庭": 19, "社区矫正": 24, "学校": 22, "农村": 20, "企业": 27}


def rows(name: str) -> list[dict]:
    with open(DATA / "indicators" / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def model():
    tables, problems = validate(DATA, ROOT)
    assert not problems, [p.format() for p in problems]
    built, problems = build(tables.rows)
    assert not problems, [p.format() for p in problems]
    return built


def test_row_count_per_domain_matches_source_002():
    counts = Counter(r["domain"] for r in rows("domain_indicators.csv"))
    assert dict(counts) == ROWS_PER_DOMAIN


@pytest.mark.skipif(not SEED_002.is_file(), reason="source 002 not available here")
def test_rebuilt_rows_match_the_flattened_source_row_by_row():
    tables = {t.heading: t for t in parse(SEED_002.read_text(encoding="utf-8"))}
    assert list(tables) == list(ROWS_PER_DOMAIN)
    data = rows("domain_indicators.csv")
    domains = {r["domain"]: r for r in rows("domains.csv")}
    for domain, table in tables.items():
        mine = [(r["target"], r["category"], r["indicator"], r["standard"]) for r in data if r["domain"] == domain]
        assert mine == list(table.rows), domain
        assert table.header[0] == domains[domain]["first_column"]


def test_spot_checks_of_rebuilt_rows():
    data = {(r["domain"], int(r["seq"])): r for r in rows("domain_indicators.csv")}
    assert (data[("儿童青少年", 13)]["category"], data[("儿童青少年", 13)]["indicator"]) == ("治疗性小组/支持性小组/互助性小组", "小组个数")
    assert data[("儿童青少年", 11)]["standard"] == "90%" and data[("儿童青少年", 11)]["target_percent"] == "90"
    assert data[("社区矫正", 1)]["indicator"] == "重新犯罪率" and data[("社区矫正", 1)]["standard"] == "%（年度）"
    assert data[("学校", 11)]["target"] == "学生及家长" and data[("学校", 11)]["category"] == "家访、电话访问"
    assert data[("农村", 14)]["indicator"] == "互助组织人口覆盖率"
    assert data[("老年人", 1)]["category"] == "居家探访"


def test_annual_indicators_cover_every_post_type_and_item_without_zero_minimums(model):
    assert [p.key for p in model.post_types] == ["specialized", "community", "coordination"]
    assert len(model.items) == 16 and len(model.minimums) == 48
    nulls = sorted((pt, item) for (pt, item), cell in model.minimums.items() if cell.minimum is None)
    assert nulls == sorted([
        ("coordination", "therapeutic_group"), ("coordination", "newsletter"), ("coordination", "volunteers_recruited"),
        ("coordination", "volunteer_training"), ("coordination", "volunteer_service"),
    ])
    assert all(cell.minimum != 0 for cell in model.minimums.values())
    assert all(cell.requirement for cell in model.minimums.values() if cell.minimum is None)
    spec = {item: model.minimums[("specialized", item)].minimum for item in (i.key for i in model.items)}
    assert spec == {"professional_case": 30, "consultation": 50, "home_visit": 50, "file_opening": 50, "therapeutic_group": 3,
                    "developmental_group": 3, "large_activity": 3, "small_activity": 4, "lecture_workshop": 3, "outreach": 5,
                    "newsletter": 12, "volunteers_recruited": 15, "volunteer_training": 6, "volunteer_service": 80,
                    "supervision": 24, "training": 6}
    assert float(model.satisfaction_min) == 0.8


def test_conversion_rules_a_to_f_with_the_adopted_reading_of_rule_a(model):
    assert sorted({r.rule for r in model.rules}) == list("ABCDEF")
    rule_a = [r for r in model.rules if r.rule == "A"]
    assert {r.to_item for r in rule_a} == {"consultation", "home_visit", "file_opening"}
    assert all(r.from_item == "professional_case" and r.rate == 2 for r in rule_a)
    assert "1个专业个案" in rule_a[0].reading
    f = next(r for r in model.rules if r.rule == "F")
    assert (f.from_item, f.to_item, f.rate) == ("training", "supervision", 2)


def test_standards_have_the_agreed_columns_and_one_adopted_row_per_measure_and_domain(model):
    with open(DATA / "indicators" / "standards.csv", encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert header == ["measure", "domain", "value", "unit", "comparison", "source", "adopted", "note"]
    adopted = Counter((s.measure, s.domain) for s in model.standards if s.adopted)
    assert all(n == 1 for n in adopted.values())
    for measure in ("group_min_members", "group_min_sessions", "group_min_attendance", "lecture_min_people", "lecture_min_minutes",
                    "workshop_min_people", "large_activity_min_people", "small_activity_min_people", "case_min_sessions"):
        assert (measure, "全部") in adopted
    assert model.adopted("group_min_sessions", "社区矫正").value == 4
    assert model.adopted("group_min_sessions", "妇女").value == 5  # falls back to 全部
    assert float(model.adopted("group_min_attendance").value) == 0.6
    assert model.adopted("lecture_min_people").value == 30 and model.adopted("lecture_min_people", "儿童青少年").value == 20
    assert model.adopted("large_activity_min_people", "老年人").comparison == ">"


def broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "indicators" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def test_a_broken_cell_names_file_row_and_column(tmp_path):
    root = broken_copy(tmp_path, "annual_indicators.csv", "specialized,home_visit,50,", "specialized,home_visit,五十,")
    tables, problems = validate(root / "data", root)
    assert tables is None and len(problems) == 1
    p = problems[0]
    assert p.file == "data/indicators/annual_indicators.csv"
    assert "第 4 行" in p.location and "minimum" in p.location and "第 3 列" in p.location
    assert "五十" in p.message and "integer" in p.hint


def test_an_unknown_item_in_a_conversion_rule_names_the_column_and_suggests(tmp_path):
    root = broken_copy(tmp_path, "conversion_rules.csv", "B,B,therapeutic_group,", "B,B,therapy_group,")
    _tables, problems = validate(root / "data", root)
    assert len(problems) == 1
    p = problems[0]
    assert p.file == "data/indicators/conversion_rules.csv" and "第 5 行" in p.location and "from_item" in p.location
    assert "therapy_group" in p.message and "therapeutic_group" in p.hint


def test_a_value_outside_the_enum_is_reported(tmp_path):
    root = broken_copy(tmp_path, "standards.csv", "group_min_members,全部,8,人,>=", "group_min_members,全部,8,人,≥")
    _tables, problems = validate(root / "data", root)
    assert any(p.file == "data/indicators/standards.csv" and "comparison" in p.location and "第 2 行" in p.location for p in problems)


def test_two_adopted_rows_for_one_measure_and_domain_are_reported(tmp_path):
    root = broken_copy(tmp_path, "standards.csv", "lecture_min_people,企业,", "lecture_min_people,老年人,30,人,>=,001《服务手册》指标界定（3）,true,\nlecture_min_people,企业,")
    tables, problems = validate(root / "data", root)
    assert not problems
    _model, problems = build(tables.rows)
    assert any("adopted" in p.location and p.file.endswith("standards.csv") for p in problems)


def test_inconsistent_conversion_rates_are_reported(tmp_path):
    # A second path to developmental_group: via B it is worth 0.5, via C2 one third.
    root = broken_copy(tmp_path, "conversion_rules.csv", "D,D,", "C2,C,professional_case,developmental_group,3,x,\nD,D,")
    tables, _ = validate(root / "data", root)
    _model, problems = build(tables.rows)
    assert any("折算量" in p.message for p in problems)
