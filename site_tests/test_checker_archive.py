"""服务档案编码: the code lists in data/ and the validator every form uses."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator import archive_code

DATA = Path(__file__).resolve().parent.parent / "data" / "tables"


def rows(name):
    with open(DATA / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


TABLES = archive_code.from_rows(rows("towns"), rows("archive_areas"), rows("archive_natures"))


def test_code_lists_are_complete():
    towns = rows("towns")
    assert len(towns) == 32 and sum(r["kind"] == "街道" for r in towns) == 4
    assert list(TABLES.areas) == ["REH", "EDU", "WMF", "CYL", "CMW", "CAB", "JUS", "CSC", "REC", "UNI"]
    assert list(TABLES.natures) == ["C", "G", "P", "F", "V", "I"]
    assert "Inquites" in next(r["note"] for r in rows("archive_natures") if r["code"] == "I")


def test_duplicate_initials_are_disambiguated():
    by_name = {r["name"]: r for r in rows("towns")}
    assert by_name["厚街"]["initials"] == by_name["黄江"]["initials"] == "HJ"
    assert by_name["虎门"]["initials"] == by_name["洪梅"]["initials"] == "HM"
    codes = [r["code"] for r in rows("towns")]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("code", ["GC-CAB-C01-201301-WM", "FG-CMW-G06-201304-WM", "CS-REC-P01-201302-WM", "LB-REH-I02-201302-WM", "HUJ-UNI-V12-202512-LXY"])
def test_source_examples_are_valid(code):
    assert archive_code.problems(code, TABLES) == []


@pytest.mark.parametrize(
    "code, fragment",
    [
        ("GC-CAB-C-01-201301-WM", "5 段"),
        ("GC–CAB–C01–201301–WM", "5 段"),
        ("gc-cab-c01-201301-wm", "大写"),
        ("XX-CAB-C01-201301-WM", "镇街编码“XX”"),
        ("GC-ABC-C01-201301-WM", "服务板块编码“ABC”"),
        ("GC-CAB-X01-201301-WM", "服务性质编码“X”"),
        ("GC-CAB-C00-201301-WM", "次序“00”"),
        ("GC-CAB-C1-201301-WM", "次序“1”"),
        ("GC-CAB-C01-201313-WM", "服务年月“201313”"),
        ("GC-CAB-C01-2013-WM", "服务年月“2013”"),
        ("GC-CAB-C01-201301-W", "社工编码“W”"),
    ],
)
def test_invalid_codes_say_what_is_wrong(code, fragment):
    reasons = archive_code.problems(code, TABLES)
    assert reasons and any(fragment in r for r in reasons), reasons


def test_build_round_trips():
    code = archive_code.build("GC", "CAB", "C", 1, 2013, 1, "wm")
    assert code == "GC-CAB-C01-201301-WM" and archive_code.problems(code, TABLES) == []
    assert archive_code.parts(code)["seq"] == "01"
