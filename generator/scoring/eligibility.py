"""资格自查: which 督导助理 / 见习督导 conditions a candidate meets.

Pure function over data/scoring/supervisor_eligibility.yaml. Each condition is
``met`` / ``not_met`` / ``unknown`` (not answered), with its source; a route is
met only when every condition is met. ``eligibility.js`` mirrors this module.
"""

from __future__ import annotations

from generator.scoring.numbers import dec, fmt

MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"
YES_NO_FIELDS = ("continuing_education", "registration", "last_assessment_pass", "is_assistant",
                 "assessments_3y_pass", "has_sw_certificate", "postgraduate", "outside_supervisor", "publications")


def combine(statuses: list[str]) -> str:
    """All met → met; any not met → not met; otherwise unknown."""
    if any(s == NOT_MET for s in statuses):
        return NOT_MET
    if statuses and all(s == MET for s in statuses):
        return MET
    return UNKNOWN


def deduction(rules: dict, leave: dict) -> tuple:
    """Deductible leave days, each kind up to its limit (产假、工伤 365 天, 病假 183 天)."""
    total = dec(0)
    for kind, d in rules["service_days"]["deductions"].items():
        days = leave.get(kind) or 0
        total += min(dec(days), dec(d["max_days"]))
    return total


def _service(rules: dict, x: dict, years_needed: int) -> tuple[str, str]:
    per_year = dec(rules["service_days"]["per_year"])
    years = x.get("service_years")
    days = x.get("days_last_year" if years_needed == 1 else "days_last_3_years")
    if years is None or days is None:
        return UNKNOWN, "请填写服务年限和服务天数"
    years, days = dec(years), dec(days)
    cut = deduction(rules, x.get("leave") or {})
    need = max(per_year * years_needed - cut, dec(0))
    period = "最近一年" if years_needed == 1 else "最近三年合计"
    text = f"服务 {fmt(years)} 年（要求满 {years_needed} 年）；{period} {fmt(days)} 天，要求 {fmt(per_year * years_needed)} 天"
    if cut:
        text += f"，核减假期 {fmt(cut)} 天后要求 {fmt(need)} 天"
    ok = years >= years_needed and days >= need
    return (MET if ok else NOT_MET), text


def check(rules: dict, cond: dict, x: dict) -> tuple[str, str]:
    """Status and a short explanation of one condition."""
    how = cond["check"]
    if how.startswith("yes:"):
        field = how[4:]
        value = x.get(field)
        if value is None and field == "has_sw_certificate" and x.get("qualification"):
            value = x["qualification"] in ("intermediate", "senior")
        if value is None:
            return UNKNOWN, "未填写"
        return (MET, "是") if value else (NOT_MET, "否")
    if how == "education":
        value = x.get("education")
        if not value:
            return UNKNOWN, "未填写"
        label = rules["education_options"].get(value, value)
        return (NOT_MET if value == "other" else MET), label
    if how == "qualification":
        value = x.get("qualification")
        if not value:
            return UNKNOWN, "未填写"
        label = rules["qualification_options"].get(value, value)
        return (NOT_MET if value == "none" else MET), label
    if how == "service_1y":
        return _service(rules, x, 1)
    if how == "service_3y":
        return _service(rules, x, 3)
    raise ValueError(f"unknown check {how}")


def _conditions(rules: dict, conds: list[dict], x: dict, skip=()) -> list[dict]:
    out = []
    for cond in conds:
        if cond["id"] in skip:
            continue
        status, detail = check(rules, cond, x)
        out.append({"id": cond["id"], "label": cond["label"], "status": status, "detail": detail, "cite": cond["cite"]})
    return out


def eligibility(rules: dict, x: dict) -> dict:
    """``{route: {status, conditions, [any_of]}}`` for every route in the rules."""
    result = {}
    routes = rules["routes"]
    for name, route in routes.items():
        if route.get("basic_from"):
            conds = _conditions(rules, routes[route["basic_from"]]["conditions"], x, route.get("basic_skip") or ())
        else:
            conds = _conditions(rules, route.get("conditions") or [], x)
        entry = {"label": route["label"], "cite": route["cite"], "conditions": conds}
        statuses = [c["status"] for c in conds]
        if route.get("any_of"):
            any_of = route["any_of"]
            items = _conditions(rules, any_of["conditions"], x)
            met = sum(1 for c in items if c["status"] == MET)
            unknown = sum(1 for c in items if c["status"] == UNKNOWN)
            need = any_of["need"]
            status = MET if met >= need else (NOT_MET if met + unknown < need else UNKNOWN)
            entry["any_of"] = {"need": need, "met": met, "status": status, "conditions": items, "cite": any_of["cite"]}
            statuses.append(status)
        entry["status"] = combine(statuses)
        result[name] = entry
    return result
