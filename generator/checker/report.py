"""Problems as the checker reports them: ``{field, code, severity, message}``
built from the message catalogue (messages.py), and the quoted labels the
messages name fields by. Shared by core.py and crossfield.py; mirrored by
``problem``, ``q`` and ``cellLabel`` in js/formchecker.js."""

from __future__ import annotations

from generator.checker.messages import MESSAGES, SEVERITY, fmt

# For these the generated text names the rule and its source, so a custom
# message from the form definition is put in front of it instead of replacing it.
CITING = {"below-standard", "ratio-below-standard", "deadline-missed"}


def problem(field: str, code: str, params: dict, severity: str | None = None, template: str | None = None) -> dict:
    message = fmt(MESSAGES[code], params)
    if template:
        message = fmt(template, params) + (message if code in CITING else "")
    return {
        "field": field,
        "code": code,
        "severity": severity or SEVERITY[code],
        "message": message,
    }


def quote(label: str) -> str:
    return f"“{label}”"


def cell_label(table_label: str, row: int, col_label: str) -> str:
    return f"“{table_label}”第 {row + 1} 行的“{col_label}”"


def has_problem(out: list, field: str) -> bool:
    return any(p["field"] == field for p in out)
