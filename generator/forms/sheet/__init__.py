"""A form as a spreadsheet, both ways (the XLSForm idea, in our users' Excel/WPS).

- ``export_form``: ``forms/<id>.yaml`` → XLSX (``form-to-xlsx``);
- ``import_form``: XLSX → checked with the build's rules → ``forms/<id>.yaml``
  (``form-from-xlsx``), written only when nothing is wrong.

The conversions themselves (``write.form_to_workbook``, ``read.read_workbook``,
``check.check_reading``, ``yamlout.dump_form``) are pure; this module does the IO.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.forms.sheet.check import check_reading
from generator.forms.sheet.read import read_workbook
from generator.forms.sheet.write import form_to_workbook
from generator.forms.validate import load_schema
from generator.forms.yamlout import dump_form
from generator.problems import ERROR, Problem, problem
from generator.project import Project

# Build steps whose models a form is checked against (rules, sources, the other forms).
_NEEDED_STEPS = ("generator.sources", "generator.tables", "generator.rules", "generator.termination", "generator.archive_order", "generator.forms")


def find_form(project: Project, ref: str) -> Path | None:
    """A form file from an id (``case-plan``) or a path (``forms/case-plan.yaml``)."""
    path = Path(ref)
    if path.suffix in (".yaml", ".yml") and path.is_file():
        return path
    candidate = project.forms / f"{ref}.yaml"
    return candidate if candidate.is_file() else None


def export_form(project: Project, ref: str, out: Path) -> Path:
    """Write the workbook of form ``ref`` to ``out``. Raises FileNotFoundError."""
    path = find_form(project, ref)
    if path is None:
        raise FileNotFoundError(ref)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    wb = form_to_workbook(data, load_schema(project.forms))
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


@dataclass(frozen=True)
class ImportResult:
    """What an import did: the file it wrote (or would write), and every problem."""

    target: Path | None
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    changed: bool = False
    data: dict | None = None

    @property
    def ok(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)


def _models(project: Project):
    """The loaded rules, sources and forms (the same loaders the build uses)."""
    from generator import settings
    from generator.context import Context

    loaded, _ = settings.load(project)
    if loaded is None:
        return None, None, None
    ctx = Context(project=project, settings=loaded)
    for name in _NEEDED_STEPS:
        module = importlib.import_module(name)
        ctx.models[module.NAME], _ = module.load(ctx)
    return ctx.models.get("rules"), ctx.models.get("sources"), ctx.models.get("forms")


def _id_taken(reading, project: Project, forms, name: str) -> list[Problem]:
    """An import under a changed id must not overwrite a different existing form."""
    fid = reading.data.get("id")
    if not isinstance(fid, str) or not reading.source or reading.source == fid or "id" not in reading.cells:
        return []
    if not (project.forms / f"{fid}.yaml").is_file():
        return []
    cell = reading.cells["id"]
    other = forms.by_id.get(fid) if forms is not None else None
    return [problem(
        "sheet-cell", name, cell.location(), line=cell.row,
        detail=f"表格编号“{fid}”已经是另一张表格{f'《{other.title}》' if other else ''}（forms/{fid}.yaml）的编号；这个工作簿是从“{reading.source}”导出的。",
        hint=f"新建表格请换一个没用过的编号；要修改那张表格，请用 form-to-xlsx 导出它再改；要改回原表，编号写回 {reading.source}。",
    )]


def import_form(project: Project, source: Path, write: bool = True) -> ImportResult:
    """Read, check and (only when there is no error) write ``forms/<id>.yaml``.

    Args:
        project: The checkout to write into.
        source: The XLSX file.
        write: ``False`` only checks.
    """
    from openpyxl import load_workbook

    name = source.name
    try:
        wb = load_workbook(source, data_only=True)
    except Exception as exc:  # a file Excel cannot save either: report, never crash
        return ImportResult(None, [problem("sheet-structure", name, "", detail=f"打不开这个文件：{type(exc).__name__}: {exc}", hint="确认它是 .xlsx 格式（在 Excel/WPS 里“另存为”Excel 工作簿 .xlsx）。")])
    schema = load_schema(project.forms)
    reading = read_workbook(wb, schema, name)
    rules, sources, forms = _models(project)
    found = check_reading(reading, schema, rules, sources, project.handbook, forms)
    found += _id_taken(reading, project, forms, name)
    if any(p.severity == ERROR for p in found):
        return ImportResult(None, found, data=reading.data)
    target = project.forms / f"{reading.data['id']}.yaml"
    old = target.read_text(encoding="utf-8") if target.is_file() else None
    text = dump_form(reading.data, old)
    # The written text must read back as exactly what was checked.
    assert yaml.safe_load(text) == reading.data, "YAML writer lost information"
    changed = text != old
    if write and changed:
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    return ImportResult(target, found, written=write and changed, changed=changed, data=reading.data)
