"""Build step ``checker``: compile every form's rules, write the browser assets.

Writes ``assets/javascripts/checker/checker-data.js`` (rules of every form,
message templates, the holiday calendar, archive code lists, deadline rules,
draft settings) next to the hand-written scripts in ``js/``, and the two tool
pages. The data file is the only place the browser learns a rule from.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from generator import archive_code
from generator.checker.compile import Inputs, compile_form
from generator.checker.core import Shared
from generator.checker.normalise import table_problems
from generator.checker.messages import COMPARISON, MESSAGES, SEVERITY
from generator.context import Context, Staging
from generator.problems import Problem
from generator.rules import DIRECTIONS, UNITS
from generator.yamlsrc import load_yaml

NAME = "checker"
HERE = Path(__file__).parent
JS_DIR = "assets/javascripts/checker"
SCRIPTS = ("formchecker.js", "form-ui.js", "field-input.js", "drafts.js", "tools.js")
CSS = "assets/stylesheets/checker.css"


@dataclass(frozen=True)
class Checker:
    """Compiled rules per form id plus the shared data both runtimes use."""

    forms: dict
    shared: Shared
    deadlines: dict
    draft_max_age_days: int

    def data(self) -> dict:
        """Everything ``window.swCheckerData`` holds (form rules are separate files)."""
        return {
            "version": 1,
            "messages": MESSAGES,
            "severity": SEVERITY,
            "comparison": COMPARISON,
            # data/input/spellings.yaml: how typed numbers, dates and times are read.
            "spellings": self.shared.spellings,
            "calendar": self.shared.calendar.to_json(),
            "codes": self.shared.codes.to_json(),
            "deadlines": self.deadlines,
            "drafts": {"max_age_days": self.draft_max_age_days},
            # Which rules/<id>.js files exist, so the browser never asks for a missing one.
            "forms": sorted(self.forms),
        }


def _option_lists(tables) -> dict:
    """Every data table usable as ``options_from``: its ``name`` (or first) column."""
    lists = {}
    for name, rows in tables.rows.items():
        if rows:
            column = "name" if "name" in rows[0] else next(iter(rows[0]))
            lists[name] = [r[column] for r in rows]
    return lists


def form_definitions(ctx: Context) -> list[tuple[str, dict]]:
    """(file, definition) for every form: the validated YAML mappings the forms
    step keeps (``Form.raw``), or, while that step has no model (broken
    forms, or a checkout without it), every parseable forms/*.yaml.
    """
    forms = ctx.models.get("forms")
    if forms is not None:
        return [(form.file, form.raw) for form in forms if form.raw]
    out = []
    for path in sorted(ctx.project.forms.glob("*.yaml")):
        doc, problems = load_yaml(path, ctx.project.root)
        if doc is None or problems or not isinstance(doc.data, dict) or "id" not in doc.data:
            continue
        out.append((doc.file, doc.data))
    return out


def deadline_data(rules, cite_text) -> dict:
    """Deadline rules for the calculator page, with readable sources."""
    data = rules.to_json()
    for item in data["rules"]:
        item["sources"] = [cite_text(c) for c in item["cites"]]
        item["span"] = rules.rules[item["id"]].span()
    data["units"] = UNITS
    data["directions"] = DIRECTIONS
    return data


def load(ctx: Context) -> tuple[Checker | None, list[Problem]]:
    tables = ctx.models.get("tables")
    rules = ctx.models.get("rules")
    sources = ctx.models.get("sources")
    if tables is None or rules is None or sources is None:
        return None, []
    needed = ("towns", "archive_areas", "archive_natures")
    if any(name not in tables.rows for name in needed):
        return None, []
    codes = archive_code.from_rows(*(tables.rows[n] for n in needed))
    spellings_file = ctx.project.data / "input" / "spellings.yaml"
    doc, found = load_yaml(spellings_file, ctx.project.root)
    if doc is None or found:
        return None, found
    found = table_problems(doc.data, doc.file)
    if found:
        return None, found
    # data/calendar/ year files over the library (generator/calendar_years.py).
    shared = Shared(ctx.models["calendar"], codes, doc.data)
    inputs = Inputs(
        standards=tables.rows.get("standards"),
        deadlines=rules.rules,
        cite_text=sources.text,
        option_lists=_option_lists(tables),
        nature_categories=codes.nature_categories,
    )
    problems: list[Problem] = []
    forms = {}
    for file, definition in form_definitions(ctx):
        compiled, found = compile_form(definition, inputs, file)
        problems += found
        forms[compiled["id"]] = compiled
    return Checker(forms, shared, deadline_data(rules, sources.text), ctx.settings.draft_max_age_days), problems


def _json(data) -> str:
    # Key order matters: code lists keep their table order (messages list them).
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


_RULES_ASSIGNMENT = re.compile(r"\]\s*=\s*")


def parse_rules_js(text: str) -> dict:
    """The rules in a built ``rules/<id>.js`` (as written here, or minified)."""
    return json.loads(text[_RULES_ASSIGNMENT.search(text).end() : text.rstrip().rindex(";")])


def pages(ctx: Context, out: Staging) -> None:
    checker: Checker = ctx.models[NAME]
    if checker is None:
        return
    banner = "/* Generated from forms/*.yaml and data/ by generator/checker/step.py: do not edit. */\n"
    out.write_text(f"{JS_DIR}/checker-data.js", f"{banner}window.swCheckerData = {_json(checker.data())};\n", by="generator/checker")
    # One file per form for formChecker.load(), plus all of them in one file that
    # form pages load, so formChecker.check(anyFormId, values) works on any form page.
    everything = "".join(
        f"(window.swCheckerRules = window.swCheckerRules || {{}})[{json.dumps(form_id)}] = {_json(rules)};\n"
        for form_id, rules in checker.forms.items()
    )
    out.write_text(f"{JS_DIR}/rules-all.js", banner + everything, by="generator/checker")
    for form_id, rules in checker.forms.items():
        out.write_text(
            f"{JS_DIR}/rules/{form_id}.js",
            f"{banner}(window.swCheckerRules = window.swCheckerRules || {{}})[{json.dumps(form_id)}] = {_json(rules)};\n",
            by="generator/checker",
        )
    for name in SCRIPTS:
        out.copy(f"{JS_DIR}/{name}", HERE / "js" / name, by="generator/checker")
    out.copy(CSS, HERE / "checker.css", by="generator/checker")
    from generator.checker import tool_pages

    tool_pages.write(ctx, checker, out)


def macros(ctx: Context) -> dict:
    from generator.checker import tool_pages

    checker: Checker = ctx.models[NAME]
    return {"archive_code_tables": lambda: tool_pages.archive_code_tables(ctx)}
