"""Form definitions: the schema and the cross-checks reject broken files with
the file, the key path, the line and a fix; every real form in forms/ is valid."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.build import load_all
from generator.forms.formpages import form_page, index_page
from generator.forms.validate import load_schema, parse_form
from generator.problems import errors
from generator.project import Project

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((Path(__file__).parent / "data" / "forms_broken.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ctx():
    loaded, problems = load_all(Project(ROOT))
    assert loaded is not None and not errors(problems), [p.format() for p in errors(problems)]
    return loaded


def _parse(text: str, file: str, ctx):
    return parse_form(text, file, load_schema(ROOT / "forms"), ctx.models["rules"], ctx.models["sources"], None)


def test_base_case_is_valid(ctx):
    form, problems, _ = _parse(CASES["base"], "forms/sample-form.yaml", ctx)
    assert form is not None, [p.format() for p in problems]
    assert not problems


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["name"] for c in CASES["cases"]])
def test_broken_definition_is_rejected_with_location_and_fix(case, ctx):
    text = case.get("whole", CASES["base"])
    for old, new in case.get("replace", []):
        assert old in text, f"测试数据有误：基础表格里没有 {old!r}"
        text = text.replace(old, new, 1)
    file = case.get("file", "forms/sample-form.yaml")
    form, problems, _ = _parse(text, file, ctx)
    expect = case["expect"]
    assert form is None, "坏的定义不应通过"
    matching = [p for p in problems if p.code == expect["code"]]
    assert matching, [p.format() for p in problems]
    p = matching[0]
    assert p.file == file
    assert p.severity == "error"
    assert p.hint, "每个问题都要有修改方法"
    assert p.line is not None and p.location.startswith(f"第 {p.line} 行")
    if "path" in expect:
        assert any(q.location.endswith(expect["path"]) for q in matching), [q.location for q in matching]
        p = next(q for q in matching if q.location.endswith(expect["path"]))
    if "line" in expect:
        assert p.line == expect["line"], p.format()
    if "message" in expect:
        assert expect["message"] in p.message, p.format()
    if "hint" in expect:
        assert expect["hint"] in p.hint, p.format()


def test_every_problem_of_a_file_is_reported_not_only_the_first(ctx):
    text = CASES["base"].replace("category: 个案", "category: 未知").replace("purpose:", "purpse:").replace("then: end_date}", "then: x}")
    _form, problems, _ = _parse(text, "forms/sample-form.yaml", ctx)
    codes = {p.code for p in problems}
    assert {"bad-value", "unknown-key"} <= codes, [p.format() for p in problems]


def test_every_form_in_forms_dir_is_valid_and_named_after_its_file(ctx):
    forms = ctx.models["forms"]
    files = sorted(p.stem for p in (ROOT / "forms").glob("*.yaml"))
    assert sorted(forms.by_id) == files
    for form in forms:
        assert form.file == f"forms/{form.id}.yaml"
        assert form.title and form.purpose and form.sources


def test_titles_and_aliases_are_unique_across_forms(ctx):
    seen: dict[str, str] = {}
    for form in ctx.models["forms"]:
        for name in (form.title, *form.aliases):
            assert seen.setdefault(name, form.id) == form.id, f"{name} 同时属于 {seen[name]} 和 {form.id}"


def test_form_macro_contract(ctx):
    form = ctx.models["forms"].by_id["group-plan"]
    assert form.title == "小组计划书"
    assert "小组/活动计划书" in form.aliases
    assert ctx.models["forms"].find("小组/活动计划书") is form


def test_pages_show_aliases_and_every_form_in_the_index(ctx):
    forms = ctx.models["forms"]
    index = index_page(forms, ctx, downloads=True)
    for form in forms:
        assert f"forms/{form.id}/index.md" not in index  # relative links only
        assert f"({form.id}/index.md)" in index
        for alias in form.aliases:
            assert alias.replace("_", "&#95;") in index
        page = form_page(form, forms, ctx, procedure_exists=False, downloads=True)
        assert f'data-form-id="{form.id}"' in page
        for alias in form.aliases:
            assert alias.replace("_", "&#95;") in page
