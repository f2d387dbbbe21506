"""Form definitions as frozen data: what ``forms/*.yaml`` says, typed.

Every later stage (web page, print HTML, PDF, DOCX, checker data) reads these
objects, never the raw YAML, so a form is described in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CATEGORIES = ("个案", "小组", "社区活动", "咨询与探访", "档案", "督导与人事", "行政")

# Field types that hold one line of typed text in the browser.
TEXT_LIKE = {"text", "date", "time", "number", "integer", "phone", "archive_code"}


@dataclass(frozen=True)
class Column:
    """One typed column of a repeating table."""

    id: str
    label: str
    type: str
    required: bool = False
    min: float | None = None
    max: float | None = None
    max_length: int | None = None
    pattern: str | None = None
    pattern_message: str | None = None
    options: tuple[str, ...] = ()
    unit: str = ""
    width: str = ""


@dataclass(frozen=True)
class Field:
    """One question of a form; ``columns`` only for ``type: table``."""

    id: str
    label: str
    type: str
    required: bool = False
    help: str = ""
    placeholder: str = ""
    unit: str = ""
    min: float | None = None
    max: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    pattern_message: str | None = None
    options: tuple[str, ...] = ()
    other_option: bool = False
    lines: int | None = None
    width: str = "full"
    min_rows: int | None = None
    max_rows: int | None = None
    print_rows: int | None = None
    columns: tuple[Column, ...] = ()
    options_from: str | None = None

    @property
    def start_rows(self) -> int:
        """Rows shown in the browser before the user adds any."""
        return max(self.min_rows or 0, 1)

    @property
    def blank_rows(self) -> int:
        """Rows left empty on the blank print for handwriting."""
        return self.print_rows or max(self.min_rows or 0, 5)

    @property
    def blank_lines(self) -> int:
        """Handwriting lines a blank textarea gets on paper."""
        return self.lines or 3


@dataclass(frozen=True)
class Section:
    title: str
    fields: tuple[Field, ...]
    help: str = ""


@dataclass(frozen=True)
class PrintHints:
    orientation: str = "portrait"
    archive_code: bool = True
    note: str = ""


@dataclass(frozen=True)
class Form:
    """One form. ``raw`` is the validated YAML mapping (for the checker's JSON)."""

    id: str
    title: str
    category: str
    stage: str
    purpose: str
    sources: tuple[str, ...]
    sections: tuple[Section, ...]
    file: str
    aliases: tuple[str, ...] = ()
    also_in: tuple[str, ...] = ()
    procedure: str | None = None
    deadlines: tuple[str, ...] = ()
    signers: tuple[str, ...] = ()
    domain_field: str | None = None
    print: PrintHints = field(default_factory=PrintHints)
    checks: tuple[dict[str, Any], ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(f for s in self.sections for f in s.fields)

    @property
    def categories(self) -> tuple[str, ...]:
        """Its own category first, then the ones it is also listed under."""
        return (self.category, *[c for c in self.also_in if c != self.category])

    def field(self, field_id: str) -> Field | None:
        return next((f for f in self.fields if f.id == field_id), None)

    def labels(self) -> list[str]:
        """Every label a printed copy shows: fields and table columns."""
        out: list[str] = []
        for f in self.fields:
            out.append(f.label)
            out.extend(c.label for c in f.columns)
        return out


@dataclass(frozen=True)
class Forms:
    """All forms; ``by_id`` is what the ``form()`` macro and other steps use."""

    by_id: dict[str, Form]

    def __iter__(self):
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def find(self, name: str) -> Form | None:
        """A form by id, title or alias."""
        if name in self.by_id:
            return self.by_id[name]
        return next((f for f in self.by_id.values() if name == f.title or name in f.aliases), None)
