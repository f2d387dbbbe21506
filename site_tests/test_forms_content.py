"""Content checks on forms/*.yaml: every form the sources name exists and can be
found by each of its source names, definitions are complete enough to use, and the
filled-form cases in site_tests/cases/forms/ refer to real forms and fields."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FORMS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "forms").glob("*.yaml"))}
CASES = sorted((ROOT / "site_tests" / "cases" / "forms").glob("*.yaml"))

DOMAINS = ["儿童青少年", "老年人", "妇女", "家庭", "社区矫正", "学校", "农村", "企业", "残疾人", "医务", "其他"]

# The canonical ids agreed with the handbook, deadlines.yaml and the checker.
CANONICAL_IDS = """
case-file-cover case-consultation-record case-basic-info case-opening-record case-consent case-genogram case-plan
case-session-record case-service-log case-referral-out case-referral-in case-referral-reply case-feedback
case-closing-report case-closing-evaluation problem-assessment case-progress case-consultation-index case-file-index
group-file-cover group-plan activity-budget group-registration group-registration-summary group-sign-in group-roll
group-session-record group-feedback group-feedback-summary expense-statement group-evaluation group-file-index
activity-file-cover activity-plan outing-registration activity-registration-summary activity-sign-in activity-feedback
activity-feedback-summary activity-evaluation activity-file-index consult-record outreach-visit-record
consult-visit-summary archive-handover archive-access-log supervisor-selection-registration news-release
material-request complaint-record
""".split()

# Names exactly as the sources write them (004 附件一/二/三 and the forms named in 000, 001 and 003),
# ordered by length so no run of names repeats a source sentence.
SOURCE_NAMES = sorted({
    "日志", "月报", "周计划", "咨询表", "家访表", "探访表", "新闻稿", "转介表", "小组报告", "年度总结", "服务方案", "查阅记录", "活动报告", "督导记录",
    "移交清单", "结案报告", "财务报告", "预估报告", "个案家庭图", "个案结案表", "个案记录表", "个案转介表", "咨询记录表", "小组报名表", "小组点名表", "小组签到表",
    "小组签名表", "小组计划书", "小组记录表", "小组评估书", "小结记录表", "小节记录表", "接案信息表", "服务成效表", "服务申请表", "服务评估表", "活动报名表",
    "活动签到表", "活动计划书", "结案信息表", "领用申请表", "个人成长方案", "个案咨询索引", "个案档案索引", "个案结案报告", "个案评估报告", "个案附件清单", "半年工作总结",
    "参加者意见表", "小组档案索引", "小组财务报告", "小组附件清单", "活动档案索引", "活动财务报告", "活动附件清单", "自我检查报告", "下半年工作计划", "个案介入计划表",
    "个案会谈记录表", "个案咨询记录表", "个案基本信息表", "个案基本资料表", "个案开案记录表", "个案意见评估表", "个案服务成效表", "个案服务计划书", "个案服务记录表",
    "个案结束评估表", "个案转介回复函", "小组/活动报告", "小组个人报名表", "小组报名汇总表", "小组集会记录表", "服务数据统计表", "活动经费申请表", "社区活动签到表",
    "社区活动计划书", "社区活动评估书", "个案阶段性发展表", "小组/活动报名表", "小组/活动点名表", "小组/活动签到表", "小组/活动计划书", "小组/活动记录表", "服务需求评估报告",
    "个案服务日程记录表", "个案转介表（转入）", "个案转介表（转出）", "个案辅导知情同意书", "咨询/探访记录总表", "外展探访服务记录表", "小组/活动检讨报告", "小组/活动财务报告",
    "小组/活动财政预算", "接受个案服务同意书", "社区活动报名汇总表", "外出类活动个人报名表", "小组/活动集会记录表", "小组/社区活动计划书", "小组参加者意见反馈表",
    "小组参加者意见汇总表", "服务使用者问题评估表", "个案档案封面及存档清单", "小组/活动参与者意见表", "小组/活动参加者意见表", "小组档案封面及存档清单", "活动档案封面及存档清单",
    "社工活动经费支出决算表", "社工活动经费预算审批表", "个案接案信息及服务计划表", "小组/社区活动服务计划书", "社区活动参加者意见反馈表", "社区活动参加者意见汇总表",
    "社工活动经费支出预决算表", "小组/活动参加者意见反馈表", "小组/活动参加者意见汇总表", "社会工作督导人才选拔登记表", "东莞市社会工作督导助理选拔加分材料",
})


def _names() -> dict[str, str]:
    out: dict[str, str] = {}
    for fid, d in FORMS.items():
        for n in [d["title"], *d.get("aliases", [])]:
            assert n not in out, f"名称“{n}”同时用于 {out[n]} 和 {fid}"
            out[n] = fid
    return out


def test_canonical_ids_exist():
    missing = [i for i in CANONICAL_IDS if i not in FORMS]
    assert not missing, f"缺少表格：{missing}"


@pytest.mark.parametrize("name", SOURCE_NAMES)
def test_every_source_name_finds_a_form(name):
    assert name in _names(), f"来源里的表名“{name}”不是任何表格的名称或别名"


def test_each_name_belongs_to_one_form():
    _names()


@pytest.mark.parametrize("fid", sorted(FORMS))
def test_definition_is_usable(fid):
    d = FORMS[fid]
    assert d["id"] == fid
    assert 10 <= len(d["purpose"]) <= 160, "purpose 写一两句话"
    assert d.get("procedure", "").endswith(".md")
    assert d["sources"] and d.get("signers") is not None
    fields = [f for s in d["sections"] for f in s["fields"]]
    boxes = sum(len(f.get("columns", [])) or 1 for f in fields)
    assert boxes >= 6, "一张能用的表不止几个空格"
    for f in fields:
        if f["type"] in ("choice", "multichoice"):
            assert all(isinstance(o, str) for o in f.get("options", [])), "选项必须是字符串（小心 YAML 的 yes/no）"
        if f["type"] == "table":
            assert f.get("print_rows", 0) >= 3 and f.get("columns")
    if d.get("domain_field"):
        dom = next(f for f in fields if f["id"] == d["domain_field"])
        assert dom["options"] == DOMAINS
    if d["category"] in ("个案", "小组", "社区活动", "咨询与探访") and not fid.endswith(("-index", "-summary")):
        assert any(f["type"] == "archive_code" for f in fields), "归档的服务表格要有服务档案编码栏"


STAGES = {
    "个案": {"接案", "预估", "计划", "介入", "评估与结案", "转介", "归档"},
    "小组": {"计划与审批", "招募与报名", "开展与记录", "结束与报告", "归档"},
    "社区活动": {"计划与审批", "招募与报名", "开展与记录", "结束与报告", "归档"},
}


@pytest.mark.parametrize("fid", sorted(FORMS))
def test_stage_uses_the_category_vocabulary(fid):
    d = FORMS[fid]
    allowed = STAGES.get(d["category"])
    if allowed:
        assert d["stage"] in allowed


def test_sign_in_sheets_leave_room_to_handwrite():
    for fid in ("group-sign-in", "activity-sign-in"):
        table = next(f for s in FORMS[fid]["sections"] for f in s["fields"] if f["type"] == "table")
        assert table["print_rows"] >= 15
        assert {"name", "gender", "age", "phone", "sign"} <= {c["id"] for c in table["columns"]}


def test_closing_reason_lists_the_termination_conditions():
    reason = next(f for s in FORMS["case-closing-report"]["sections"] for f in s["fields"] if f["id"] == "closing_reason")
    opts = " ".join(reason["options"])
    for word in ("目标已达成", "无法建立", "本机构范围", "危险", "拒绝服务", "三个月", "死亡", "离开"):
        assert word in opts


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_file_refers_to_real_fields(path):
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert {"form", "description", "values", "expect"} <= set(case)
    d = FORMS[case["form"]]
    fields = {f["id"]: f for s in d["sections"] for f in s["fields"]}
    if isinstance(case["values"], dict):
        for key, value in case["values"].items():
            assert key in fields, f"{key} 不是 {case['form']} 的字段"
            if fields[key]["type"] == "table" and isinstance(value, list):
                cols = {c["id"] for c in fields[key]["columns"]}
                for row in value:
                    assert set(row) <= cols
    assert set(case["expect"]) == {"errors", "warnings"}
    for item in case["expect"]["errors"] + case["expect"]["warnings"]:
        field, code = item.rsplit(":", 1)
        assert code and (field == "" or field.split("[")[0] in fields)
