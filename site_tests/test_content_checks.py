"""Build-time content checks: each class of reader problem from issue 18 fails
the build with a code, a file, a line and a plain-Chinese fix."""

from __future__ import annotations

from generator.build import generate, load_all
from generator.context import BuildOptions
from generator.problems import CATALOGUE, ProblemsFound

import pytest

from site_tests.scratch import scratch_project


def _append(project, rel: str, text: str) -> int:
    """Append ``text`` to a handbook page; returns the 1-based line it starts on."""
    path = project.handbook / rel
    old = path.read_text(encoding="utf-8")
    path.write_text(old + "\n" + text + "\n", encoding="utf-8")
    return old.count("\n") + 2


def _found(project, code: str) -> list:
    _ctx, problems = load_all(project)
    return [p for p in problems if p.code == code]


def test_current_content_passes_every_check(tmp_path):
    _ctx, problems = load_all(scratch_project(tmp_path))
    assert not [p for p in problems if p.severity == "error"], [p.format() for p in problems]


def test_form_named_without_link_fails(tmp_path):
    project = scratch_project(tmp_path)
    line = _append(project, "case/intake.md", "结案时填《个案结案报告》。")
    found = _found(project, "form-not-linked")
    assert [(p.file, p.line) for p in found] == [("handbook/case/intake.md", line)]
    assert 'form("case-closing-report")' in found[0].hint


def test_unknown_title_in_book_marks_fails_but_known_sources_pass(tmp_path):
    project = scratch_project(tmp_path)
    _append(project, "case/intake.md", "见《承诺服务制度》和《服务跟踪制度》。另填《不存在的登记簿》。")
    found = _found(project, "unknown-title")
    assert [p.message for p in found] == [CATALOGUE["unknown-title"][1].format(title="不存在的登记簿")]
    assert "data/sources.yaml" in found[0].hint


def test_citation_under_a_second_name_fails(tmp_path):
    project = scratch_project(tmp_path)
    first = _append(project, "case/intake.md", '{{ cite("001《投诉处理制度》第一条") }}')
    line = _append(project, "case/intake.md", '{{ cite("002 社区矫正 第一节") }}')
    found = _found(project, "bad-citation")
    assert [(p.file, p.line) for p in found] == [("handbook/case/intake.md", first), ("handbook/case/intake.md", line)]
    assert "服务对象意见收集及投诉处理制度" in found[0].message and "矫正" in found[1].message
    with pytest.raises(ProblemsFound):
        generate(project, options=BuildOptions(fast=True))


def test_citation_without_section_fails_in_data(tmp_path):
    project = scratch_project(tmp_path)
    path = project.data / "rules" / "deadlines.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('cite: ["004 第三十六条"]', 'cite: ["004 三十六"]', 1), encoding="utf-8")
    _ctx, problems = load_all(project)
    found = [p for p in problems if p.file == "data/rules/deadlines.yaml" and "cite" in p.location]
    assert found and "第三十五条" in found[0].hint


def test_typed_number_in_summary_table_fails(tmp_path):
    project = scratch_project(tmp_path)
    line = _append(project, "standards/index.md", "<!-- summary-table -->\n| 事项 | 数字 |\n| --- | --- |\n| 讲座 | 每场 ≥20 人 |")
    found = _found(project, "typed-number")
    assert [(p.line, p.message.count("lecture_min_people")) for p in found] == [(line + 3, 1)]
    assert "standard_short" in found[0].hint


def test_maintainer_text_on_reader_page_fails_but_comment_passes(tmp_path):
    project = scratch_project(tmp_path)
    line = _append(project, "group/plan.md", "<!-- 本页由 data/rules/deadlines.yaml 生成 -->\n下表由 `data/rules/deadlines.yaml` 生成，修改请改该文件。")
    found = _found(project, "maintainer-text")
    assert found and {p.line for p in found} == {line + 1}
    assert all(p.file == "handbook/group/plan.md" for p in found)


def test_two_adopted_rules_for_one_question_must_say_which_applies(tmp_path):
    project = scratch_project(tmp_path)
    path = project.data / "rules" / "deadlines.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    applies: 督导批准开案以后（从开案那天算）\n", "", 1)
    path.write_text(text, encoding="utf-8")
    found = _found(project, "rule-overlap")
    assert found and "case_first_meeting" in found[0].message and "applies" in found[0].hint


def test_same_title_and_event_twice_is_one_question(tmp_path):
    project = scratch_project(tmp_path)
    path = project.data / "rules" / "deadlines.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    title: 每节小组记录\n", "    title: 小组计划书交督导审批\n    question: group_plan\n", 1) if False else text
    # a copy of the plan rule under a new id, same question, no applies
    start = text.index("  - id: group_plan_submit")
    end = text.index("  - id: activity_plan_submit")
    copy = text[start:end].replace("id: group_plan_submit", "id: group_plan_submit_again").replace("amount: 14", "amount: 5", 1)
    path.write_text(text[:end] + copy + text[end:], encoding="utf-8")
    found = _found(project, "rule-overlap")
    assert found and "group_plan_submit_again" in found[0].message
