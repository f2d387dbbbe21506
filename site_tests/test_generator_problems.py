"""The generator reports broken inputs with file, place and a fix, and a failed
build leaves the previous site untouched."""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator.build import build, generate, load_all
from generator.context import BuildOptions
from generator.problems import ProblemsFound, errors

from site_tests.scratch import scratch_project

FAST = BuildOptions(fast=True)


def test_broken_yaml_names_file_and_line(tmp_path):
    project = scratch_project(tmp_path)
    path = project.data / "rules" / "deadlines.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    bad_line = next(i for i, l in enumerate(lines) if l.startswith("  - id: group_report")) + 1
    lines[bad_line] = "    topic: [小组"  # unclosed flow sequence
    path.write_text("\n".join(lines), encoding="utf-8")
    _ctx, problems = load_all(project)
    found = [p for p in errors(problems) if p.file == "data/rules/deadlines.yaml"]
    assert found, problems
    assert found[0].code == "yaml-syntax"
    assert found[0].line is not None and abs(found[0].line - (bad_line + 1)) <= 2
    assert "第" in found[0].location and found[0].hint


def test_invalid_rule_value_names_key_path(tmp_path):
    project = scratch_project(tmp_path)
    path = project.data / "rules" / "deadlines.yaml"
    text = path.read_text(encoding="utf-8").replace("unit: working_day", "unit: workday", 1)
    path.write_text(text, encoding="utf-8")
    _ctx, problems = load_all(project)
    found = [p for p in problems if p.code == "bad-value" and "unit" in p.location]
    assert found, problems
    assert "working_day" in found[0].hint  # suggests the nearest valid unit


def test_broken_csv_names_file_row_and_column(tmp_path):
    project = scratch_project(tmp_path)
    path = project.data / "tables" / "towns.csv"
    text = path.read_text(encoding="utf-8").replace("茶山,镇,CS,CS,", "茶山,乡,CS,CS,")
    path.write_text(text, encoding="utf-8")
    _ctx, problems = load_all(project)
    found = [p for p in errors(problems) if p.file == "data/tables/towns.csv"]
    assert len(found) == 1, problems
    assert "第 33 行" in found[0].location and "kind" in found[0].location
    assert "乡" in found[0].message and found[0].hint


def test_all_problems_collected_before_failing(tmp_path):
    project = scratch_project(tmp_path)
    towns = project.data / "tables" / "towns.csv"
    towns.write_text(towns.read_text(encoding="utf-8").replace("茶山,镇", "茶山,乡"), encoding="utf-8")
    rules = project.data / "rules" / "deadlines.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("direction: before", "direction: earlier", 1), encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        generate(project, options=FAST)
    files = {p.file for p in caught.value.problems}
    assert {"data/tables/towns.csv", "data/rules/deadlines.yaml"} <= files


def test_failed_build_keeps_previous_site(tmp_path):
    project = scratch_project(tmp_path / "proj")
    site = tmp_path / "site"
    build(project, site, options=FAST)
    before = (site / "index.html").read_bytes()
    (project.handbook / "start" / "sources.md").write_text("# 坏页面\n\n{{ rule('no_such_rule') }}\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        build(project, site, options=FAST)
    assert any(p.file == "handbook/start/sources.md" and p.code == "template-error" for p in caught.value.problems)
    assert (site / "index.html").read_bytes() == before
    assert not list(tmp_path.glob("site.new.*"))


def test_failed_mkdocs_build_keeps_previous_site(tmp_path):
    project = scratch_project(tmp_path / "proj")
    site = tmp_path / "site"
    build(project, site, options=FAST)
    before = sorted(p.name for p in site.rglob("*"))
    # A link to a page that does not exist is a warning, and --strict fails on it.
    page = project.handbook / "start" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[坏链接](no-such-page.md)\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        build(project, site, options=FAST)
    assert caught.value.problems[0].code == "mkdocs-failed"
    assert sorted(p.name for p in site.rglob("*")) == before


def test_plain_mkdocs_build_works_after_generate(tmp_path):
    project = scratch_project(tmp_path / "proj")
    generate(project, options=FAST)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "plain")],
        cwd=project.root, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plain" / "index.html").is_file()


def test_cli_build_exits_non_zero_with_report(tmp_path):
    project = scratch_project(tmp_path / "proj")
    towns = project.data / "tables" / "towns.csv"
    towns.write_text(towns.read_text(encoding="utf-8").replace("茶山,镇", "茶山,乡"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project.root), "build", "--site-dir", str(tmp_path / "s")],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "data/tables/towns.csv" in result.stderr and "修改方法" in result.stderr
    assert not (tmp_path / "s").exists()
