"""The input contract of the score calculator as data.

``input_spec(rules)`` describes every accepted field (type, range, choices,
defaults, conditions). Python (``inputs.py``) and the browser (``score.js``)
both interpret this one description, so they accept and reject exactly the
same inputs with the same messages, in the same order.
"""

from __future__ import annotations


def _choices(mapping: dict, label_of=lambda v: v) -> list[list[str]]:
    return [[str(k), str(label_of(v))] for k, v in mapping.items()]


_CACHE: dict[int, tuple[dict, list[dict]]] = {}


def input_spec(data: dict) -> list[dict]:
    """Field descriptions for the top-level input object, in checking order.

    Cached per rules object: scoring many candidates builds it once."""
    hit = _CACHE.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1]
    spec = _build(data)
    _CACHE[id(data)] = (data, spec)
    return spec


def _build(data: dict) -> list[dict]:
    levels = _choices(data["levels"])
    g = data["groups"]
    quals = g["education"]["qualifications"]["labels"]
    awards = g["service"]["service_awards"]
    research = g["research"]
    ranks = [[str(i + 1), label] for i, label in enumerate(data["ranks"])]
    books = research["books"]["types"]
    score_range = {"min": data["formula"]["score_min"], "max": data["formula"]["score_max"]}
    return [
        {"name": "written", "label": "笔试成绩", "type": "number", "required": True, **score_range},
        {"name": "interview", "label": "面试成绩", "type": "number", "required": True, **score_range},
        {"name": "media_coverage", "label": "主流媒体专题报道级别", "type": "level_or_null", "choices": levels, "default": None},
        {"name": "qualifications", "label": "证书或学历学位", "type": "enum_list", "choices": _choices(quals), "default": []},
        {"name": "excellent_ratings", "label": "年度考核优秀次数", "type": "integer", "min": 0,
         "max": g["service"]["excellent_ratings"]["max_count"], "default": 0},
        {"name": "dongguan_years", "label": "东莞服务年限", "type": "number", "min": 0, "default": 0},
        {"name": "outside_supervisor_years", "label": "外地督导年限", "type": "number", "min": 0, "default": 0},
        {"name": "service_awards", "label": "服务成效获奖", "type": "list", "default": [], "items": [
            {"name": "level", "label": "级别", "type": "enum", "required": True, "choices": levels},
            {"name": "rank", "label": "奖次", "type": "integer", "required": True, "min": 1, "max": 3, "choices": ranks},
            {"name": "role", "label": "角色", "type": "enum", "required": True,
             "choices": _choices(awards["roles"], lambda r: r["label"])},
            {"name": "project", "label": "项目名称", "type": "string", "default": ""},
            {"name": "year", "label": "获奖年度", "type": "integer", "min": 1949, "max": 2100, "default": None},
        ]},
        {"name": "research_projects", "label": "课题研究", "type": "list", "default": [], "items": [
            {"name": "level", "label": "级别", "type": "enum", "required": True, "choices": levels},
            {"name": "role", "label": "角色", "type": "enum", "required": True,
             "choices": _choices(research["research_projects"]["roles"])},
            {"name": "member_rank", "label": "成员排名", "type": "integer", "min": 1, "default": None,
             "required_if": ["role", "member"]},
            {"name": "project", "label": "课题名称", "type": "string", "default": ""},
        ]},
        {"name": "papers", "label": "论文", "type": "list", "default": [], "items": [
            {"name": "venue", "label": "发表刊物", "type": "enum", "required": True,
             "choices": _choices(research["papers"]["venues"], lambda v: v["label"])},
            {"name": "author", "label": "作者排名", "type": "integer", "min": 1, "default": 1},
        ]},
        {"name": "books", "label": "著作", "type": "list", "default": [], "items": [
            {"name": "type", "label": "著作类型", "type": "enum", "required": True,
             "choices": _choices(books, lambda t: t["label"])},
            {"name": "role", "label": "角色", "type": "enum", "required": True, "choices_by": "type",
             "choices_map": {t: _choices(v["roles"], lambda r: r["label"]) for t, v in books.items()}},
        ]},
        {"name": "reports", "label": "通讯报道", "type": "list", "default": [], "items": [
            {"name": "level", "label": "级别", "type": "enum", "required": True, "choices": levels},
            {"name": "long", "label": "500 字及以上", "type": "boolean", "default": False},
        ]},
        {"name": "competitions", "label": "比赛获奖", "type": "list", "default": [], "items": [
            {"name": "level", "label": "级别", "type": "enum", "required": True, "choices": levels},
            {"name": "rank", "label": "奖次", "type": "integer", "required": True, "min": 1, "max": 3, "choices": ranks},
            {"name": "team", "label": "团体奖", "type": "boolean", "default": False},
        ]},
    ]
