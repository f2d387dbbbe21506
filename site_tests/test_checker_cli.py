"""``python -m generator check FORM_ID FILE.json``: same results as the core,
exit code non-zero on errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FORM = "group-plan"
GOOD = yaml.safe_load((ROOT / "site_tests" / "cases" / "checker" / "group-plan-valid.yaml").read_text(encoding="utf-8"))["values"]

def run(tmp_path, content, *extra):
    path = tmp_path / "filled.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "generator", "check", *extra, FORM, str(path)], cwd=ROOT, capture_output=True, text=True)


def test_valid_form_exits_zero(tmp_path):
    result = run(tmp_path, GOOD)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "没有发现问题" in result.stdout or "0 个错误" in result.stdout


def test_errors_are_printed_and_exit_non_zero(tmp_path):
    result = run(tmp_path, {**GOOD, "end_date": "2025-10-01", "worker": ""})
    assert result.returncode == 1
    assert "date-order" in result.stdout and "required" in result.stdout and "负责社工" in result.stdout


def test_exported_file_and_json_output(tmp_path):
    result = run(tmp_path, {"format": "sw-form-data", "form": FORM, "values": {**GOOD, "budget_total": "90"}}, "--json")
    assert result.returncode == 1
    assert [p["code"] for p in json.loads(result.stdout)] == ["sum-mismatch"]


@pytest.mark.parametrize("content", ["{not json", json.dumps({"form": "case-plan", "values": {}})])
def test_damaged_or_foreign_file_is_an_error(tmp_path, content):
    result = run(tmp_path, content)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "damaged" in result.stdout


def test_unknown_form_exits_two(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{}", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "check", "no-such-form", str(path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "no-such-form" in result.stderr
