"""The maintainer's guide (handbook/maintain/index.md) works as written: its
commands run against a throwaway copy of the project and the pages change.

Also the change record and review dates: an unrecorded change stops the build,
a recorded one shows in 最近修订, a page not reviewed for 12 months says 待复核.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "handbook" / "maintain" / "index.md").read_text(encoding="utf-8")


def run(root: Path, *args: str, today: str | None = None) -> subprocess.CompletedProcess:
    """``python -m generator …`` in the copy, as the guide tells a maintainer to type it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if today:
        env["SW_TODAY"] = today
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=root, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("project")
    for name in ("data", "forms", "handbook"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    if (ROOT / "build" / "cache").is_dir():  # warm form PDFs/Word files, as on the maintainer's PC
        shutil.copytree(ROOT / "build" / "cache", root / "build" / "cache")
    return root


def record(root: Path, target: str, summary: str, old: str, new: str) -> None:
    """Add a change entry at the top, the way the guide shows."""
    path = root / "data" / "changes.yaml"
    text = path.read_text(encoding="utf-8")
    entry = (
        f"  - date: 2026-12-01\n    target: {target}\n    summary: {summary}\n    old: {old}\n    new: {new}\n"
        "    why: 测试\n    approved_by: 质量主任\n\n"
    )
    path.write_text(text.replace("changes:\n", "changes:\n" + entry, 1), encoding="utf-8")


def test_guide_names_every_task_and_its_command():
    for heading in ("改一个办理期限", "用 Excel 或 WPS 改表格、加表格", "加下一年的节假日", "改机构名称等设置", "重新生成并发布", "记录一次修订", "定期复核页面"):
        assert heading in GUIDE
    for command in ("-m generator build", "-m generator snapshot", "-m generator form-to-xlsx", "-m generator form-from-xlsx"):
        assert command in GUIDE


def test_change_a_deadline_as_the_guide_says(copy):
    path = copy / "data" / "rules" / "deadlines.yaml"
    text = path.read_text(encoding="utf-8")
    assert "      amount: 14\n" in text and "开组前至少 14 天（两周）" in text
    path.write_text(text.replace("      amount: 14\n", "      amount: 10\n", 1).replace("开组前至少 14 天（两周）", "开组前至少 10 天", 1), encoding="utf-8")

    unrecorded = run(copy, "generate")
    assert unrecorded.returncode == 1
    assert "rule:group_plan_submit" in unrecorded.stderr and "amount：14 → 10" in unrecorded.stderr

    record(copy, "rule:group_plan_submit", 小组计划书提交期限缩短 := "小组计划书提交期限缩短", "开组前至少 14 天", "开组前至少 10 天")
    snap = run(copy, "snapshot")
    assert snap.returncode == 0 and "已更新 data/snapshot/adopted.json" in snap.stdout
    done = run(copy, "generate")
    assert done.returncode == 0, done.stderr
    docs = copy / "build" / "docs"
    assert "**10 天前**" in (docs / "rules" / "deadlines.md").read_text(encoding="utf-8")
    plan = (docs / "group" / "plan.md").read_text(encoding="utf-8")
    assert "最近修订" in plan and 小组计划书提交期限缩短 in plan
    changes = (docs / "changes.md").read_text(encoding="utf-8")
    assert changes.index("小组计划书提交期限缩短") < changes.index("手册首次发布")  # newest first


def test_edit_a_form_label_in_excel_as_the_guide_says(copy, tmp_path):
    out = tmp_path / "表格.xlsx"
    exported = run(copy, "form-to-xlsx", "case-follow-up", str(out))
    assert exported.returncode == 0 and "已导出" in exported.stdout
    wb = load_workbook(out)
    ws = wb["字段"]
    label_col = next(c.column for c in ws[1] if c.value == "名称")
    row = next(r for r in ws.iter_rows(min_row=2) if r[2].value != "分节")
    old_label = row[label_col - 1].value
    row[label_col - 1].value = "回访日期（电话或上门）"
    wb.save(out)

    imported = run(copy, "form-from-xlsx", str(out))
    assert imported.returncode == 0, imported.stderr
    assert "已写入 forms/case-follow-up.yaml" in imported.stdout
    data = yaml.safe_load((copy / "forms" / "case-follow-up.yaml").read_text(encoding="utf-8"))
    assert "回访日期（电话或上门）" in [f["label"] for s in data["sections"] for f in s["fields"]]

    record(copy, "form:case-follow-up", "个案跟进记录表改字段名称", old_label, "回访日期（电话或上门）")
    assert run(copy, "snapshot").returncode == 0
    done = run(copy, "generate")
    assert done.returncode == 0, done.stderr
    page = (copy / "build" / "docs" / "forms" / "case-follow-up" / "index.md").read_text(encoding="utf-8")
    assert "回访日期（电话或上门）" in page and "最近修订" in page


def test_change_the_organisation_name(copy):
    path = copy / "data" / "settings.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("site_name: 社工服务标准手册", "site_name: 阳光社工服务手册"), encoding="utf-8")
    record(copy, "setting:site_name", "站点名称更新", "社工服务标准手册", "阳光社工服务手册")
    assert run(copy, "snapshot").returncode == 0
    done = run(copy, "generate")
    assert done.returncode == 0, done.stderr
    assert "# 阳光社工服务手册" in (copy / "build" / "docs" / "index.md").read_text(encoding="utf-8")


def test_a_page_not_reviewed_for_a_year_says_so(copy):
    done = run(copy, "generate", today="2027-12-01")
    assert done.returncode == 0, done.stderr
    assert "review-due" in done.stderr and "case/intake.md" in done.stderr
    page = (copy / "build" / "docs" / "case" / "intake.md").read_text(encoding="utf-8")
    assert "待复核" in page and "review_due: true" in page
    listing = (copy / "build" / "docs" / "maintain" / "pages.md").read_text(encoding="utf-8")
    assert "case/intake.md" in listing.split("## 每一页")[0]
    fresh = run(copy, "generate", today="2027-01-01")
    assert "待复核" not in (copy / "build" / "docs" / "case" / "intake.md").read_text(encoding="utf-8")
    assert "review-due" not in fresh.stderr


def test_a_bad_change_entry_is_a_located_problem(copy):
    path = copy / "data" / "changes.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("changes:\n", "changes:\n  - date: 2026-12-01\n    target: rule:no_such_rule\n    summary: x\n    why: y\n\n", 1), encoding="utf-8")
    try:
        bad = run(copy, "generate")
        assert bad.returncode == 1
        assert "approved_by" in bad.stderr and "no_such_rule" in bad.stderr and "data/changes.yaml" in bad.stderr
    finally:
        path.write_text(good, encoding="utf-8")
