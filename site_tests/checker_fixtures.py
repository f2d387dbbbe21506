"""A synthetic form with every field type and check kind, plus a small copy
of the standards table, so the checker is tested without depending on which
forms and standards exist in data/ today."""

from __future__ import annotations

from generator.checker.compile import Inputs, compile_form
from generator.rules import Rule

STANDARDS = [
    # measure, domain, value, unit, comparison, source, adopted, note
    {"measure": "group_min_members", "domain": "全部", "value": "8", "unit": "人", "comparison": ">=", "source": "002 儿童青少年 第一节四（二）", "adopted": "true", "note": ""},
    {"measure": "group_min_sessions", "domain": "全部", "value": "5", "unit": "节", "comparison": ">=", "source": "002 儿童青少年 第一节四（二）", "adopted": "true", "note": "社区矫正为4节。"},
    {"measure": "group_min_sessions", "domain": "社区矫正", "value": "4", "unit": "节", "comparison": ">=", "source": "002 矫正 第一节四（二）2", "adopted": "true", "note": ""},
    {"measure": "group_min_sessions", "domain": "社区矫正", "value": "6", "unit": "节", "comparison": ">=", "source": "002 矫正", "adopted": "false", "note": "not adopted: must be ignored"},
    {"measure": "group_min_attendance", "domain": "全部", "value": "0.6", "unit": "比例", "comparison": ">=", "source": "002 儿童青少年 第一节四（二）", "adopted": "true", "note": ""},
    {"measure": "large_activity_min_people", "domain": "全部", "value": "100", "unit": "人", "comparison": ">", "source": "002 儿童青少年", "adopted": "true", "note": ""},
]


def _rule(id, unit, amount, direction, title="计划书", text="开始前至少 14 天提交"):
    return Rule(id=id, topic="小组", title=title, event="group_start", amount=amount, unit=unit, direction=direction,
                text=text, who="", to="", forms=(), cites=("004 第三十五条",), why="", others=())


DEADLINES = {
    "plan_14": _rule("plan_14", "calendar_day", 14, "before"),
    "report_5wd": _rule("report_5wd", "working_day", 5, "after", "结束后报告", "结束后 5 个工作日内交报告"),
}

DEFINITION = {
    "id": "kitchen-sink",
    "title": "测试表",
    "category": "小组",
    "domain_field": "domain",
    "sections": [
        {"title": "一", "fields": [
            {"id": "name", "label": "名称", "type": "text", "required": True, "min_length": 2, "max_length": 10},
            {"id": "code", "label": "编号", "type": "text", "pattern": "[A-Z]{2}\\d{3}", "pattern_message": "两个大写字母加三位数字，如 AB123。"},
            {"id": "note", "label": "备注", "type": "textarea"},
            {"id": "domain", "label": "服务领域", "type": "choice", "options": ["儿童青少年", "社区矫正", "其他"]},
            {"id": "kinds", "label": "形式", "type": "multichoice", "options": ["讲座", "小组"]},
            {"id": "paid", "label": "是否收费", "type": "yesno"},
            {"id": "fee_note", "label": "收费说明", "type": "text"},
            {"id": "phone", "label": "联系电话", "type": "phone"},
            {"id": "start", "label": "开始日期", "type": "date", "required": True},
            {"id": "end", "label": "结束日期", "type": "date"},
            {"id": "submitted", "label": "提交日期", "type": "date"},
            {"id": "reported", "label": "报告日期", "type": "date"},
            {"id": "at", "label": "开始时间", "type": "time"},
            {"id": "members", "label": "组员人数", "type": "integer", "min": 1, "max": 100, "unit": "人"},
            {"id": "sessions_n", "label": "节数", "type": "integer"},
            {"id": "items_n", "label": "明细行数", "type": "integer"},
            {"id": "attended", "label": "出席人次", "type": "integer"},
            {"id": "expected", "label": "应出席人次", "type": "integer"},
            {"id": "total", "label": "合计", "type": "number", "min": 0, "unit": "元"},
            {"id": "present", "label": "出席人数", "type": "integer", "unit": "人"},
            {"id": "male", "label": "男", "type": "integer"},
            {"id": "female", "label": "女", "type": "integer"},
            {"id": "people", "label": "合计人数", "type": "integer", "unit": "人"},
            {"id": "rate", "label": "满意率", "type": "number", "unit": "%"},
            {"id": "end_at", "label": "结束时间", "type": "time"},
            {"id": "sign", "label": "签名", "type": "signature"},
            {"id": "rows", "label": "明细", "type": "table", "min_rows": 1, "max_rows": 3, "columns": [
                {"id": "item", "label": "项目", "type": "text", "required": True},
                {"id": "amount", "label": "金额", "type": "number", "min": 0},
                {"id": "day", "label": "日期", "type": "date"},
                {"id": "until", "label": "截止", "type": "date"},
                {"id": "qty", "label": "数量", "type": "number"},
                {"id": "price", "label": "单价", "type": "number"},
            ]},
        ]},
    ],
    "checks": [
        {"kind": "date_order", "first": "start", "then": "end", "allow_equal": True},
        {"kind": "sum", "total": "total", "table": "rows", "column": "amount"},
        {"kind": "count", "field": "items_n", "table": "rows"},
        {"kind": "required_if", "field": "fee_note", "when": "paid", "equals": "是"},
        {"kind": "standard", "measure": "group_min_members", "field": "members"},
        {"kind": "standard", "measure": "group_min_sessions", "field": "sessions_n", "severity": "warning"},
        {"kind": "ratio", "measure": "group_min_attendance", "numerator": "attended", "denominator": "expected"},
        {"kind": "deadline", "rule": "plan_14", "event_field": "start", "done_field": "submitted"},
        {"kind": "deadline", "rule": "report_5wd", "event_field": "end", "done_field": "reported", "severity": "warning"},
        {"kind": "at_most", "field": "present", "limit": "members"},
        {"kind": "not_future", "field": "reported"},
        {"kind": "not_future", "table": "rows", "field": "day", "severity": "warning"},
        {"kind": "sum_fields", "total": "people", "parts": "male + female"},
        {"kind": "product", "table": "rows", "total": "amount", "parts": "qty × price"},
        {"kind": "date_order", "table": "rows", "first": "day", "then": "until"},
        {"kind": "date_order", "first": "at", "then": "end_at"},
    ],
}

VALID = {
    "name": "成长小组", "code": "AB123", "domain": "儿童青少年", "kinds": ["讲座"], "paid": "否", "phone": "0769-22223333",
    "start": "2025-10-09", "end": "2025-10-30", "submitted": "2025-09-20", "reported": "2025-11-06", "at": "14:30",
    "members": "10", "sessions_n": "6", "items_n": 2, "attended": "16", "expected": "20", "total": "150.5",
    "rows": [{"item": "茶点", "amount": "100", "day": "2025-10-09"}, {"item": "文具", "amount": "50.5", "day": ""}],
    "archive_code": "GC-CAB-G01-202510-WM",
}


def inputs() -> Inputs:
    from generator.sources import Document, Sources

    docs = {c: Document(code=c, short=f"S{c}", title=f"文件{c}", org="", seed="") for c in ("000", "001", "002", "003", "004")}
    return Inputs(standards=STANDARDS, deadlines=DEADLINES, cite_text=Sources(docs).text,
                  nature_categories={"C": ["个案"], "G": ["小组"], "P": ["社区活动"], "F": [], "V": ["咨询与探访"], "I": ["咨询与探访"]})


def rules() -> dict:
    compiled, problems = compile_form(DEFINITION, inputs(), "forms/kitchen-sink.yaml")
    assert not problems, problems
    return compiled
