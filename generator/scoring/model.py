"""Load and validate data/scoring/*.yaml: the one source of the scoring rules.

Every problem names the file, the dotted key path and the line
(``groups.service.service_awards.points.city[2]``, 第 78 行), and all problems
are collected before the build fails.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Problem, suggest
from generator.yamlsrc import YamlDoc, load_yaml, parse_yaml

SELECTION = Path("scoring") / "supervisor_selection.yaml"
ELIGIBILITY = Path("scoring") / "supervisor_eligibility.yaml"
LEVELS = ("national", "province", "city")

# Shape of the selection rules. Leaves: "num" (≥ 0 number), "pct" (integer 0–100),
# "int", "str", "cite", "levels:num" (one number per level), "levels:3num"
# (first/second/third prize per level), "levels:int", "any" (not checked here).
_NUM_BY_LEVEL = "levels:num"
SCHEMA = {
    "version": "str", "title": "str", "source_cite": "cite",
    "formula": {"written_percent": "pct", "interview_percent": "pct", "pass_mark": "num", "score_min": "num",
                "score_max": "num", "decimals": "int", "cite": "cite", "pass_cite": "cite"},
    "levels": {"national": "str", "province": "str", "city": "str"},
    "groups": {
        "political": {"label": "str", "cap": "num", "cite": "cite",
                      "media_coverage": {"label": "str", "points": _NUM_BY_LEVEL, "rule": "str"}},
        "education": {"label": "str", "cap": "num", "cite": "cite",
                      "qualifications": {"label": "str", "rule": "str",
                                         "points": {"sw_certificate": "num", "master": "num", "phd": "num"},
                                         "labels": {"sw_certificate": "str", "master": "str", "phd": "str"}}},
        "service": {"label": "str", "cap": "num", "cite": "cite",
                    "excellent_ratings": {"label": "str", "points_each": "num", "max_count": "int", "cap": "num", "cite": "cite"},
                    "dongguan_years": {"label": "str", "cite": "cite", "thresholds": "thresholds"},
                    "outside_supervisor_years": {"label": "str", "cite": "cite", "thresholds": "thresholds"},
                    "service_awards": {"label": "str", "cap": "num", "cite": "cite", "points": "levels:3num", "rule": "str",
                                       "roles": {"lead": {"label": "str", "percent": "pct"},
                                                 "participant": {"label": "str", "percent": "pct"}}}},
        "research": {"label": "str", "cap": "num", "cite": "cite",
                     "research_projects": {"label": "str", "cite": "cite", "host_points": _NUM_BY_LEVEL,
                                           "roles": {"host": "str", "member": "str"}, "member_percent": "pct",
                                           "member_rank_limit": "levels:int", "rule": "str"},
                     "papers": {"label": "str", "cite": "cite", "author_cite": "cite", "small_rule": "str",
                                "venues": "venues", "author_percent": "author_percent"},
                     "books": {"label": "str", "cite": "cite", "types": "book_types"},
                     "reports": {"label": "str", "cite": "cite", "long_label": "str", "short_label": "str",
                                 "points": {"long": _NUM_BY_LEVEL, "short": _NUM_BY_LEVEL}},
                     "competitions": {"label": "str", "cite": "cite", "points": "levels:3num", "team_percent": "pct"}},
    },
    "ranks": "ranks",
    "readings": "readings",
    "example": "example",
}
VENUES = ("core", "national_small", "national_large", "other_small", "other_large",
          "newspaper_national", "newspaper_province", "newspaper_city")
BOOK_ROLES = {"monograph": ("first", "other"), "textbook_national": ("chief", "contributor"),
              "textbook_province": ("chief", "contributor"), "translation": ("first", "other")}


@dataclass(frozen=True)
class ScoringRules:
    """The validated selection rules (``data``) and eligibility rules (``eligibility``)."""

    data: dict
    eligibility: dict

    @property
    def version(self) -> str:
        return str(self.data["version"])


def _is_num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0


class _Checker:
    def __init__(self, doc: YamlDoc, sources):
        self.doc, self.sources, self.problems = doc, sources, []

    def wrong(self, path, expected, value):
        self.problems.append(self.doc.at("wrong-type", path, key=path.rsplit(".", 1)[-1], expected=expected,
                                         actual=type(value).__name__, value=value))

    def leaf(self, path: str, kind: str, v) -> None:
        if kind == "any":
            return
        if kind == "num" and not _is_num(v):
            self.wrong(path, "不小于 0 的数字", v)
        elif kind == "int" and not (isinstance(v, int) and not isinstance(v, bool) and v >= 0):
            self.wrong(path, "不小于 0 的整数", v)
        elif kind == "pct" and not (isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 100):
            self.wrong(path, "0–100 的整数（百分比）", v)
        elif kind == "str" and not (isinstance(v, (str, int, float)) and str(v).strip()):
            self.wrong(path, "非空文字", v)
        elif kind == "cite":
            reason = self.sources.check(v) if self.sources is not None else None
            if reason:
                self.problems.append(self.doc.at("bad-value", path, key="cite", value=v, detail=reason, hint=reason))
        elif kind.startswith("levels:"):
            inner = kind.split(":", 1)[1]
            self.mapping(path, {lv: ("3num" if inner == "3num" else inner) for lv in LEVELS}, v)
        elif kind == "3num":
            if not (isinstance(v, list) and len(v) == 3):
                self.wrong(path, "三个数字的列表 [一等奖, 二等奖, 三等奖]", v)
            else:
                for i, x in enumerate(v):
                    self.leaf(f"{path}[{i}]", "num", x)
        elif kind == "ranks":
            if not (isinstance(v, list) and len(v) == 3 and all(isinstance(x, str) for x in v)):
                self.wrong(path, "三个奖次名称的列表", v)
        elif kind == "thresholds":
            if not isinstance(v, list) or not v:
                self.wrong(path, "分档列表", v)
                return
            for i, band in enumerate(v):
                at = f"{path}[{i}]"
                if not isinstance(band, dict) or len([k for k in band if k in ("at_least", "more_than")]) != 1:
                    self.problems.append(self.doc.at("bad-value", at, key="thresholds", value=band,
                                                     detail="每档要有 at_least 或 more_than 之一和 points。",
                                                     hint="写成 {at_least: 3, points: 5}。"))
                    continue
                self.mapping(at, {"points": "num", ("at_least" if "at_least" in band else "more_than"): "num"}, band)
        elif kind == "venues":
            self.mapping(path, {k: {"label": "str", "points": "num"} for k in VENUES}, v)
        elif kind == "book_types":
            self.mapping(path, {t: {"label": "str", "roles": {r: {"label": "str", "points": "num"} for r in roles}}
                                for t, roles in BOOK_ROLES.items()}, v)
        elif kind == "author_percent":
            if not isinstance(v, dict) or not v:
                self.wrong(path, "作者名次到百分比的映射，如 {1: 100, 2: 30}", v)
                return
            for k, pct in v.items():
                if not (isinstance(k, int) and k >= 1):
                    self.wrong(f"{path}.{k}", "正整数作者名次", k)
                self.leaf(f"{path}.{k}", "pct", pct)
        elif kind == "example":
            pass  # checked against the input contract in check_selection, once the rules are known
        elif kind == "readings":
            if not isinstance(v, list):
                self.wrong(path, "口径说明列表", v)
                return
            for i, r in enumerate(v):
                self.mapping(f"{path}[{i}]", {"topic": "str", "text": "str", "cite": "cite"}, r)

    def mapping(self, path: str, shape: dict, v) -> None:
        if not isinstance(v, dict):
            self.wrong(path or "（顶层）", "映射（键: 值）", v)
            return
        prefix = f"{path}." if path else ""
        for key, kind in shape.items():
            if key not in v:
                self.problems.append(self.doc.at("missing-key", path, key=key, parent=path or "顶层"))
            elif isinstance(kind, dict):
                self.mapping(prefix + key, kind, v[key])
            else:
                self.leaf(prefix + key, kind, v[key])
        for key in v:
            if key not in shape:
                self.problems.append(self.doc.at("unknown-key", prefix + str(key), key=key,
                                                 suggestion=suggest(str(key), [str(k) for k in shape])))


def check_selection(doc: YamlDoc, sources) -> list[Problem]:
    """Every problem of the selection rules file."""
    c = _Checker(doc, sources)
    c.mapping("", SCHEMA, doc.data)
    data = doc.data if isinstance(doc.data, dict) else {}
    # Bands must run from high to low, or a 3-year candidate would stop at the 1-year band.
    for key in ("dongguan_years", "outside_supervisor_years"):
        bands = (((data.get("groups") or {}).get("service") or {}).get(key) or {}).get("thresholds")
        if isinstance(bands, list):
            limits = [b.get("at_least", b.get("more_than")) for b in bands if isinstance(b, dict)]
            if all(_is_num(x) for x in limits) and limits != sorted(limits, reverse=True):
                path = f"groups.service.{key}.thresholds"
                c.problems.append(doc.at("bad-value", path, key="thresholds", value=limits,
                                         detail="分档必须从高到低排列。", hint="把年限最高的一档写在最前面。"))
    if not c.problems and "example" in data:
        from generator.scoring.inputs import validate
        from generator.scoring.spec import input_spec

        _clean, errors = validate(input_spec(data), data["example"])
        for err in errors:
            path, _, message = err.partition("：")
            c.problems.append(doc.at("bad-value", f"example.{path}", key=path, value=data["example"],
                                     detail=message, hint="示例必须是计算器能接受的输入。"))
    return c.problems


ELIG_CHECKS = ("education", "qualification", "service_1y", "service_3y")


def check_eligibility(doc: YamlDoc, sources) -> list[Problem]:
    """Problems of the eligibility file: cites, checks and route structure."""
    c = _Checker(doc, sources)
    data = doc.data
    if not isinstance(data, dict):
        c.wrong("", "映射", data)
        return c.problems
    for key in ("version", "service_days", "qualification_reading", "education_options", "qualification_options", "routes"):
        if key not in data:
            c.problems.append(doc.at("missing-key", "", key=key, parent="顶层"))
    sd = data.get("service_days") or {}
    c.leaf("service_days.per_year", "num", sd.get("per_year"))
    c.leaf("service_days.cite", "cite", sd.get("cite"))
    for name, d in (sd.get("deductions") or {}).items():
        c.leaf(f"service_days.deductions.{name}.max_days", "num", (d or {}).get("max_days"))
    for i, o in enumerate((data.get("qualification_reading") or {}).get("others") or []):
        c.leaf(f"qualification_reading.others[{i}].cite", "cite", o.get("cite"))

    def conditions(path, items):
        for i, cond in enumerate(items or []):
            at = f"{path}[{i}]"
            c.mapping(at, {"id": "str", "label": "str", "check": "str", "cite": "cite"}, cond)
            check = str((cond or {}).get("check", ""))
            if check not in ELIG_CHECKS and not check.startswith("yes:"):
                c.problems.append(doc.at("bad-value", f"{at}.check", key="check", value=check,
                                         detail="不是已知的判断方法。",
                                         hint=f"用 {'、'.join(ELIG_CHECKS)}，或 yes:字段名（是 / 否题）。"))

    routes = data.get("routes") or {}
    for name, route in routes.items():
        c.leaf(f"routes.{name}.cite", "cite", (route or {}).get("cite"))
        conditions(f"routes.{name}.conditions", (route or {}).get("conditions"))
        if (route or {}).get("basic_from") and route["basic_from"] not in routes:
            c.problems.append(doc.at("unknown-reference", f"routes.{name}.basic_from", key="basic_from",
                                     kind="路线", value=route["basic_from"], suggestion=suggest(route["basic_from"], routes)))
        any_of = (route or {}).get("any_of")
        if any_of:
            c.leaf(f"routes.{name}.any_of.need", "int", any_of.get("need"))
            c.leaf(f"routes.{name}.any_of.cite", "cite", any_of.get("cite"))
            conditions(f"routes.{name}.any_of.conditions", any_of.get("conditions"))
    return c.problems


def load_rules(data_dir: Path, root: Path, sources=None) -> tuple[ScoringRules | None, list[Problem]]:
    """Both files, validated; ``(None, problems)`` when anything is wrong."""
    problems: list[Problem] = []
    sel, found = load_yaml(data_dir / SELECTION, root)
    problems += found
    elig, found = load_yaml(data_dir / ELIGIBILITY, root)
    problems += found
    if sel is not None:
        problems += check_selection(sel, sources)
    if elig is not None:
        problems += check_eligibility(elig, sources)
    if problems or sel is None or elig is None:
        return None, problems
    return ScoringRules(data=sel.data, eligibility=elig.data), []


@functools.lru_cache(maxsize=1)
def default_rules() -> ScoringRules:
    """The repository's rules, for the CLI and tests (no citation check)."""
    from generator.project import find_root

    here = Path(__file__).resolve()
    try:
        root = find_root()
    except SystemExit:
        root = here.parents[2]
    if not (root / "data" / SELECTION).is_file():
        root = here.parents[2]
    rules, problems = load_rules(root / "data", root)
    if rules is None:
        raise ValueError("\n".join(p.format() for p in problems))
    return rules


__all__ = ["ScoringRules", "load_rules", "default_rules", "check_selection", "parse_yaml"]
