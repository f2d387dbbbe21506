"""督导助理选拔总成绩, Python side: golden cases, the CLI, messages for bad
input, and validation of the rules file (key path + line for every problem)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.scoring.core import score
from generator.scoring.inputs import ScoreInputError
from site_tests.supervisor_cases import contract_part, error_paths, load_cases, python_outcome

ROOT = Path(__file__).resolve().parent.parent
CASES = load_cases()
EXAMPLE = next(c for c in CASES if c["name"] == "issue example")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_case(case):
    kind, value = python_outcome(case)
    if "errors" in case:
        assert kind == "errors", f"bad input produced a score: {value}"
        assert error_paths(value) == sorted(case["errors"])
    else:
        assert kind == "result", value
        assert contract_part(value) == case["expect"]
        assert value["notes"] and all(isinstance(n, str) and n for n in value["notes"])


def test_issue_example_reproduces_exactly():
    result = score(EXAMPLE["input"])
    assert result["bonus"] == {"political": 8, "education": 3, "service": 18, "research": 20, "total": 49}
    assert result["total"] == 94.6
    assert result["written_passed"] is True


def test_notes_show_caps_and_dedupe_in_chinese():
    result = score({"written": 70, "interview": 70, "research_projects": [
        {"level": "national", "role": "host", "project": "R"}, {"level": "national", "role": "member", "member_rank": 1, "project": "R"},
        {"level": "province", "role": "host"}]})
    notes = "\n".join(result["notes"])
    assert "同一课题“R”" in notes and "只计最高的第 1 项 15 分" in notes
    assert "研究及宣传成果小计 25 分，超过 20 分上限，按 20 分计" in notes
    assert "总成绩 = 笔试 70 × 30% + 面试 70 × 30% + 加分 20 = 21 + 21 + 20 = 62 分。" in notes


def test_rounding_note_shows_exact_value():
    notes = score({"written": 60.15, "interview": 0})["notes"]
    assert notes[-1].endswith("= 18.045，四舍五入保留 2 位小数为 18.05 分。")


def test_failed_written_has_null_total_and_says_why():
    result = score({"written": 59.99, "interview": 100})
    assert result["total"] is None and result["written_passed"] is False
    assert "低于 60 分及格线" in result["notes"][0]


def test_bad_input_messages_name_field_and_explain():
    with pytest.raises(ScoreInputError) as exc:
        score({"written": "72", "interview": 101, "foo": 1, "research_projects": [{"level": "city", "role": "member"}],
               "papers": [{"venue": "x"}]})
    errors = exc.value.errors
    assert errors == [
        "written：笔试成绩应为数字（0 到 100 之间），实际是文字",
        "interview：面试成绩超出范围（应为 0 到 100 之间），实际是 101",
        "research_projects[0].member_rank：角色是“member”（课题组成员）时必须填写成员排名",
        errors[3],
        errors[4],
    ]
    assert errors[3].startswith("papers[0].venue：发表刊物的值“x”不是可选值；可选：core（")
    assert errors[4].startswith("foo：不认识的字段；可用的字段：written、interview")


def run_cli(stdin: str, *args: str):
    return subprocess.run([sys.executable, "-m", "generator", "score", *(args or ("-",))], input=stdin,
                          capture_output=True, text=True, cwd=ROOT)


def test_cli_scores_stdin_json():
    proc = run_cli(json.dumps(EXAMPLE["input"]))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert contract_part(result) == EXAMPLE["expect"]
    assert result == score(EXAMPLE["input"])


def test_cli_bad_input_exits_nonzero_with_message_on_stderr():
    proc = run_cli('{"interview": 80, "colour": "blue"}')
    assert proc.returncode != 0
    assert proc.stdout == ""
    assert "written：缺少必填项笔试成绩" in proc.stderr
    assert "colour：不认识的字段" in proc.stderr


def test_cli_rejects_broken_json():
    proc = run_cli("{written: 70")
    assert proc.returncode != 0 and proc.stdout == ""
    assert "不是有效的 JSON" in proc.stderr


def test_cli_rejects_nan():
    proc = run_cli('{"written": NaN, "interview": 70}')
    assert proc.returncode != 0 and "written：笔试成绩应为数字（0 到 100 之间），实际是无效数字" in proc.stderr


# ---- the rules file ---------------------------------------------------------------

def test_rules_file_problems_have_key_path_and_line(tmp_path):
    from generator.scoring.model import check_selection
    from generator.yamlsrc import parse_yaml

    text = (ROOT / "data/scoring/supervisor_selection.yaml").read_text(encoding="utf-8")
    broken = text.replace("city: [2, 1, 0.5]", "city: [2, 1, \"half\"]").replace("  team_percent: 50", "  team_percent: 150")
    broken = broken.replace("      member_percent: 30", "      member_percent: 30\n      member_bonus: 1")
    doc, problems = parse_yaml(broken, "data/scoring/supervisor_selection.yaml")
    assert not problems
    found = check_selection(doc, None)
    where = {p.location for p in found}
    lines = broken.splitlines()
    assert any("groups.research.competitions.points.city[2]" in w for w in where), where
    assert any("groups.research.competitions.team_percent" in w for w in where), where
    assert any("groups.research.research_projects.member_bonus" in w for w in where), where
    for p in found:
        assert p.line and p.line <= len(lines)
    team = next(p for p in found if "team_percent" in p.location)
    assert "team_percent: 150" in lines[team.line - 1]


def test_rules_bands_must_run_high_to_low():
    from generator.scoring.model import check_selection
    from generator.yamlsrc import parse_yaml

    text = (ROOT / "data/scoring/supervisor_selection.yaml").read_text(encoding="utf-8")
    broken = text.replace("        - {at_least: 3, points: 5}\n        - {at_least: 2, points: 3}",
                          "        - {at_least: 2, points: 3}\n        - {at_least: 3, points: 5}")
    doc, _ = parse_yaml(broken, "x.yaml")
    assert any("分档必须从高到低" in p.message for p in check_selection(doc, None))


def test_build_reports_every_rules_problem(tmp_path):
    from generator.build import load_all
    from site_tests.scratch import scratch_project

    project = scratch_project(tmp_path)
    path = project.data / "scoring/supervisor_selection.yaml"
    text = path.read_text(encoding="utf-8").replace("  pass_mark: 60", "  pass_mark: sixty")
    text = text.replace('cite: "001《督导人才选拔培养制度》附表2 一"', 'cite: "附表2 一"')
    path.write_text(text, encoding="utf-8")
    _ctx, problems = load_all(project)
    mine = [p for p in problems if p.file.endswith("supervisor_selection.yaml")]
    assert {p.code for p in mine} >= {"wrong-type", "bad-value"}
    assert any("formula.pass_mark" in p.location for p in mine)
    assert any("groups.political.cite" in p.location for p in mine)


def test_bonus_table_macro_renders_every_item():
    from generator.scoring.model import default_rules
    from generator.scoring.page import bonus_table_md

    md = bonus_table_md(default_rules().data, lambda c: c)
    for text in ("思想政治（上限 15 分）", "学历、学位（上限 5 分）", "社会工作服务（上限 50 分）", "研究及宣传成果（上限 20 分）",
                 "本项上限 20 分", "一/二/三等奖：国家级 9/6/4；省级 5/3/2；市级 3/2/1", "第 2 作者 30%", "国家级 8/4/2；省级 4/2/1；市级 2/1/0.5",
                 "满 3 年 10 分；满 1 年不足 3 年 6 分；多于 0 年不足 1 年 3 分", "笔试 × 30% + 面试 × 30% + 加分"):
        assert text in md, text


def test_example_in_rules_must_be_valid_input():
    from generator.scoring.model import check_selection
    from generator.yamlsrc import parse_yaml

    text = (ROOT / "data/scoring/supervisor_selection.yaml").read_text(encoding="utf-8")
    assert "  papers: [{venue: core, author: 1}]" in text
    doc, _ = parse_yaml(text.replace("  papers: [{venue: core, author: 1}]", "  papers: [{venue: blog, author: 1}]"), "x.yaml")
    found = check_selection(doc, None)
    assert [p.location.split("，")[-1] for p in found] == ["example.papers[0].venue"]
    assert score(yaml_example(text)) == score(EXAMPLE["input"]) | {"notes": score(yaml_example(text))["notes"]}


def yaml_example(text: str) -> dict:
    import yaml

    return yaml.safe_load(text)["example"]
