"""The indicator tables as a typed model, with the checks a Table Schema cannot express.

Frictionless (generator/tables.py) has already checked types, enums and foreign
keys cell by cell. Here we check what spans rows: every post type has every
item, one adopted threshold per measure and domain, and conversion rules that
give each item one well-defined volume. Problems name file, row and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from generator.problems import Problem, problem

DIR = "data/indicators"
FILES = {
    "indicator_domains": f"{DIR}/domains.csv",
    "domain_indicators": f"{DIR}/domain_indicators.csv",
    "post_types": f"{DIR}/post_types.csv",
    "annual_items": f"{DIR}/annual_items.csv",
    "annual_indicators": f"{DIR}/annual_indicators.csv",
    "conversion_groups": f"{DIR}/conversion_groups.csv",
    "conversion_rules": f"{DIR}/conversion_rules.csv",
    "indicator_definitions": f"{DIR}/definitions.csv",
    "standards": f"{DIR}/standards.csv",
}
ALL_DOMAINS = "全部"
SATISFACTION_MEASURE = "annual_satisfaction_min"


@dataclass(frozen=True)
class Domain:
    name: str
    slug: str
    short: str
    chapter: str
    first_column: str
    source: str


@dataclass(frozen=True)
class DomainIndicator:
    domain: str
    seq: int
    target: str
    category: str
    indicator: str
    standard: str
    unit: str
    target_percent: int | None
    source: str
    note: str


@dataclass(frozen=True)
class PostType:
    key: str
    seq: int
    name: str
    scope: str
    source: str


@dataclass(frozen=True)
class AnnualIndicator:
    """One cell of the post-type table: per-post minimum (None = no number)."""

    post_type: str
    item: str
    minimum: int | None
    unit: str
    requirement: str
    note: str


@dataclass(frozen=True)
class AnnualItem:
    """An item of 001's table. ``volume`` is its worth in its group's base unit
    (derived from the conversion rules); None when it converts to nothing."""

    key: str
    seq: int
    category: str
    name: str
    unit: str
    group: str | None
    volume: Fraction | None


@dataclass(frozen=True)
class ConversionGroup:
    key: str
    seq: int
    name: str
    base_item: str
    unit_name: str
    source: str


@dataclass(frozen=True)
class ConversionRule:
    id: str
    rule: str
    from_item: str
    to_item: str
    rate: Fraction
    wording: str
    reading: str


@dataclass(frozen=True)
class Definition:
    key: str
    seq: int
    term: str
    items: tuple[str, ...]
    definition: str
    source: str
    note: str


@dataclass(frozen=True)
class Standard:
    measure: str
    domain: str
    value: Fraction
    unit: str
    comparison: str
    source: str
    adopted: bool
    note: str

    def value_text(self) -> str:
        """``8``, ``0.6`` -> ``60%`` for ratios, as a reader writes them."""
        if self.unit == "比例":
            return f"{_num(self.value * 100)}%"
        return f"{_num(self.value)}"

    def phrase(self) -> str:
        """``不少于 8 人`` / ``超过 100 人``."""
        word = "不少于" if self.comparison == ">=" else "超过"
        unit = "" if self.unit == "比例" else f" {self.unit}"
        return f"{word} {self.value_text()}{unit}"

    def short(self) -> str:
        """``≥8 人`` / ``>100 人`` / ``≥60%``: the compact form for summary tables."""
        sign = "≥" if self.comparison == ">=" else ">"
        unit = "" if self.unit == "比例" else f" {self.unit}"
        return f"{sign}{self.value_text()}{unit}"


def _num(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):g}"


@dataclass(frozen=True)
class Indicators:
    domains: tuple[Domain, ...]
    domain_rows: tuple[DomainIndicator, ...]
    post_types: tuple[PostType, ...]
    items: tuple[AnnualItem, ...]
    minimums: dict[tuple[str, str], AnnualIndicator]
    groups: tuple[ConversionGroup, ...]
    rules: tuple[ConversionRule, ...]
    definitions: tuple[Definition, ...]
    standards: tuple[Standard, ...]

    def domain(self, name: str) -> Domain:
        """By name (社区矫正), short name (矫正) or page slug (correction)."""
        for d in self.domains:
            if name in (d.name, d.short, d.slug):
                return d
        raise KeyError(f"没有领域“{name}”。可用的有：{'、'.join(d.name for d in self.domains)}。")

    def rows_of(self, domain: str) -> list[DomainIndicator]:
        name = self.domain(domain).name
        return [r for r in self.domain_rows if r.domain == name]

    def item(self, key: str) -> AnnualItem:
        return next(i for i in self.items if i.key == key)

    def post_type(self, key: str) -> PostType:
        return next(p for p in self.post_types if p.key == key)

    def adopted(self, measure: str, domain: str = ALL_DOMAINS) -> Standard:
        """The threshold the tools use: the domain's own adopted row, else 全部."""
        for wanted in (domain, ALL_DOMAINS):
            for s in self.standards:
                if s.measure == measure and s.domain == wanted and s.adopted:
                    return s
        raise KeyError(f"standards.csv 没有 {measure} 的采用值")

    @property
    def satisfaction_min(self) -> Fraction:
        return self.adopted(SATISFACTION_MEASURE).value


def _int(text: str) -> int | None:
    return int(text) if text not in ("", None) else None


def _dec(text: str) -> Fraction:
    return Fraction(text)


def build(rows: dict[str, list[dict]], sources=None) -> tuple[Indicators | None, list[Problem]]:
    """Typed model from the validated rows of the data package; collect every
    cross-row problem instead of stopping at the first."""
    problems: list[Problem] = []

    def at(resource: str, index: int, column: str, detail: str, hint: str) -> Problem:
        # index is 0-based over data rows; the header is line 1
        return problem("csv-cell", FILES[resource], f"第 {index + 2} 行，{column} 列", line=index + 2, detail=detail, hint=hint)

    domains = tuple(Domain(r["domain"], r["slug"], r["short"], r["chapter"], r["first_column"], r["source"]) for r in rows["indicator_domains"])
    domain_rows = tuple(
        DomainIndicator(
            r["domain"], int(r["seq"]), r["target"], r["category"], r["indicator"], r["standard"], r["unit"],
            _int(r["target_percent"]), r["source"], r["note"] or "",
        )
        for r in rows["domain_indicators"]
    )
    expected_seq: dict[str, int] = {}
    for i, r in enumerate(domain_rows):
        expected_seq[r.domain] = expected_seq.get(r.domain, 0) + 1
        if r.seq != expected_seq[r.domain]:
            problems.append(at("domain_indicators", i, "seq", f"{r.domain}的行号应为 {expected_seq[r.domain]}，实际是 {r.seq}。", "同一领域的行按来源表格顺序从 1 连续编号。"))

    post_types = tuple(sorted((PostType(r["key"], int(r["seq"]), r["name"], r["scope"], r["source"]) for r in rows["post_types"]), key=lambda p: p.seq))
    minimums: dict[tuple[str, str], AnnualIndicator] = {}
    units: dict[str, str] = {}
    for i, r in enumerate(rows["annual_indicators"]):
        cell = AnnualIndicator(r["post_type"], r["item"], _int(r["minimum"]), r["unit"], r["requirement"], r["note"] or "")
        minimums[(cell.post_type, cell.item)] = cell
        if units.setdefault(cell.item, cell.unit) != cell.unit:
            problems.append(at("annual_indicators", i, "unit", f"{cell.item} 的单位“{cell.unit}”与其他岗位类型的“{units[cell.item]}”不同。", "同一项目在各岗位类型下用同一单位。"))
        if cell.minimum is None and not cell.requirement:
            problems.append(at("annual_indicators", i, "requirement", "没有数量下限时要写明来源怎么规定。", "写“根据实际确定”之类的说明。"))
        if cell.minimum is not None and not cell.requirement.startswith(f"≥{cell.minimum}{cell.unit}/年"):
            problems.append(at("annual_indicators", i, "requirement", f"写法“{cell.requirement}”与最低量 {cell.minimum}{cell.unit} 不一致。", f"写成“≥{cell.minimum}{cell.unit}/年”，括号里可加来源的补充说明。"))
    raw_items = sorted(rows["annual_items"], key=lambda r: int(r["seq"]))
    for pt in post_types:
        for r in raw_items:
            if (pt.key, r["key"]) not in minimums:
                problems.append(problem("csv-structure", FILES["annual_indicators"], "", detail=f"缺少 {pt.key} × {r['key']} 这一行。", hint="每类岗位的每个项目都要有一行；没有数量下限时 minimum 留空。"))

    groups = tuple(sorted((ConversionGroup(r["key"], int(r["seq"]), r["name"], r["base_item"], r["unit_name"], r["source"]) for r in rows["conversion_groups"]), key=lambda g: g.seq))
    rules = tuple(ConversionRule(r["id"], r["rule"], r["from_item"], r["to_item"], _dec(r["rate"]), r["wording"], r["reading"] or "") for r in rows["conversion_rules"])
    volumes, membership, vol_problems = derive_volumes(groups, rules)
    problems += vol_problems

    items = tuple(
        AnnualItem(r["key"], int(r["seq"]), r["category"], r["name"], units.get(r["key"], ""), membership.get(r["key"]), volumes.get(r["key"]))
        for r in raw_items
    )
    definitions = tuple(
        sorted(
            (Definition(r["key"], int(r["seq"]), r["term"], tuple(r["items"].split()), r["definition"], r["source"], r["note"] or "") for r in rows["indicator_definitions"]),
            key=lambda d: d.seq,
        )
    )
    item_keys = {i.key for i in items}
    for i, d in enumerate(rows["indicator_definitions"]):
        for key in d["items"].split():
            if key not in item_keys:
                problems.append(at("indicator_definitions", i, "items", f"“{key}”不是 annual_items.csv 里的项目。", "写 annual_items.csv 的 key，多个用空格分开。"))

    standards = tuple(
        Standard(r["measure"], r["domain"], _dec(r["value"]), r["unit"], r["comparison"], r["source"], r["adopted"].strip().lower() == "true", r["note"] or "")
        for r in rows["standards"]
    )
    adopted: dict[tuple[str, str], int] = {}
    for i, s in enumerate(standards):
        if s.adopted:
            if (s.measure, s.domain) in adopted:
                problems.append(at("standards", i, "adopted", f"{s.measure} / {s.domain} 已在第 {adopted[(s.measure, s.domain)] + 2} 行采用过。", "同一指标、同一领域只能有一行 adopted=true，其余改为 false。"))
            else:
                adopted[(s.measure, s.domain)] = i
    for measure in sorted({s.measure for s in standards}):
        if (measure, ALL_DOMAINS) not in adopted:
            problems.append(problem("csv-structure", FILES["standards"], "", detail=f"{measure} 没有“全部”领域的采用行。", hint="加一行 domain=全部、adopted=true 的默认值，领域专属的行再覆盖它。"))
    if (SATISFACTION_MEASURE, ALL_DOMAINS) not in adopted:
        problems.append(problem("csv-structure", FILES["standards"], "", detail=f"缺少满意率门槛 {SATISFACTION_MEASURE}。", hint="加一行 annual_satisfaction_min,全部,0.8,比例,>=,…,true。"))

    if sources is not None:
        for resource, column in (("domain_indicators", "source"), ("post_types", "source"), ("conversion_groups", "source"), ("indicator_definitions", "source"), ("standards", "source"), ("indicator_domains", "source")):
            for i, r in enumerate(rows[resource]):
                reason = sources.check(r[column])
                if reason:
                    problems.append(at(resource, i, column, f"来源“{r[column]}”写法不对。", reason))

    if problems:
        return None, problems
    return Indicators(domains, domain_rows, post_types, items, minimums, groups, rules, definitions, standards), []


def derive_volumes(groups, rules) -> tuple[dict[str, Fraction], dict[str, str], list[Problem]]:
    """Each item's worth in its group's base unit, walking rules from the base item.

    ``1 from = rate × to`` gives ``volume(to) = volume(from) / rate``; a rule
    may be read either way, so the walk also goes from ``to`` back to ``from``.
    Two paths giving different volumes, or an item in two groups, is a problem.
    """
    problems: list[Problem] = []
    volumes: dict[str, Fraction] = {}
    membership: dict[str, str] = {}
    for g in groups:
        if g.base_item in membership:
            problems.append(problem("csv-structure", FILES["conversion_groups"], "", detail=f"{g.base_item} 同时属于 {membership[g.base_item]} 和 {g.key}。", hint="每个项目最多属于一个折算组。"))
            continue
        volumes[g.base_item] = Fraction(1)
        membership[g.base_item] = g.key
        queue = [g.base_item]
        while queue:
            current = queue.pop(0)
            for r in rules:
                for known, other, value in (
                    (r.from_item, r.to_item, lambda v, r=r: v / r.rate),
                    (r.to_item, r.from_item, lambda v, r=r: v * r.rate),
                ):
                    if known != current:
                        continue
                    new = value(volumes[current])
                    if other in volumes:
                        if volumes[other] != new or membership[other] != g.key:
                            problems.append(
                                problem("csv-structure", FILES["conversion_rules"], f"规则 {r.id}", detail=f"按不同规则折算，{other} 得到不同的折算量（{volumes[other]} 和 {new}）。", hint="检查折算率，使各条规则前后一致。")
                            )
                        continue
                    volumes[other] = new
                    membership[other] = g.key
                    queue.append(other)
    for r in rules:
        if r.from_item not in membership:
            problems.append(problem("csv-structure", FILES["conversion_rules"], f"规则 {r.id}", detail=f"{r.from_item} 不属于任何折算组。", hint="在 conversion_groups.csv 里为它所在的组指定基准项目。"))
    return volumes, membership, problems
