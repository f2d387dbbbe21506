"""Every message the checker shows, in one place, shared with the browser.

The templates are written into ``checker-data.js`` so the browser formats the
very same strings: Python and JavaScript results are compared character by
character in the parity test. Placeholders are ``{name}``; values are inserted
as plain text (never as HTML).
"""

from __future__ import annotations

import re

ERROR = "error"
WARNING = "warning"

# code -> template. {label} already carries its quotes: “提交日期” or
# “每节程序”第 2 行的“日期”.
MESSAGES: dict[str, str] = {
    "damaged": "表格数据无法读取：{detail}。请重新导出，或重新填写。",
    "unknown-form": "没有编号为“{form}”的表格，无法检查。",
    "wrong-type": "{label}的内容不是{expected}，无法检查，请重新填写这一项。",
    "required": "{label}还没有填写，请填写。",
    "invalid-date": "{label}不是有效的日期（现在是“{value}”），请写成 2026-09-30，或 2026年9月30日、2026.9.30、9月30日。",
    "implausible-date": "{label}的年份是 {year} 年，不会是这张表要填的日期（现在是“{value}”），请检查，如 2026-09-30。",
    "invalid-time": "{label}不是有效的时间（现在是“{value}”），请写成 14:30，或 下午2点半。",
    "invalid-number": "{label}要填数字（现在是“{value}”），如 12 或 12.5。",
    "invalid-integer": "{label}要填整数（现在是“{value}”），如 12。",
    "wrong-unit": "{label}的单位是“{unit}”，不能写“{typed}”（现在是“{value}”），请只填数字，如 12。",
    "percent-fraction": "{label}填的是 {value}（单位 %），即不到 1%。如果指的是 {percent}%，请改填 {percent}；如果确实不到 1%，请写成 {value}%。",
    "invalid-phone": "{label}不是有效的电话号码（现在是“{value}”）：手机填 11 位数字，如 13800138000；座机要带区号，如 0769-22223333。",
    "invalid-archive-code": "{label}不是有效的服务档案编码：{detail}。正确写法如 GC-CAB-C01-201301-WM。",
    "archive-code-nature": "{label}的服务性质是“{nature}”（{nature_name}），本表一般用 {expected}，请确认没有抄错编码。",
    "too-small": "{label}不能小于 {min}{unit}（现在是 {value}{unit}）。",
    "too-large": "{label}不能大于 {max}{unit}（现在是 {value}{unit}），请核对。",
    "too-short": "{label}写得太短：至少 {min_length} 个字，现在 {length} 个字。",
    "too-long": "{label}太长：最多 {max_length} 个字，现在 {length} 个字，请删减。",
    "pattern": "{label}的格式不对：{pattern_message}",
    "not-an-option": "{label}只能从给出的选项中选择，“{value}”不是选项。",
    "too-few-rows": "{label}至少要填 {min_rows} 行，现在 {rows} 行。",
    "too-many-rows": "{label}最多填 {max_rows} 行，现在 {rows} 行。",
    "date-order": "{then_label}（{then}）{relation}{first_label}（{first}），请检查这两个日期。",
    "sum-mismatch": "{total_label}填的是 {total}，但{table_label}里“{column_label}”一列加起来是 {sum}，两者应相等，请核对。",
    "more-than-limit": "{label}（{value}）不能多于{limit_label}（{limit}），请核对这两项。",
    "date-in-future": "{label}（{value}）晚于今天（{today}）：这里记录的是已经发生的事，请检查日期。",
    "sum-fields-mismatch": "{total_label}填的是 {total}，但{parts_label}加起来是 {result}，两者应相等，请核对。",
    "product-mismatch": "{total_label}填的是 {total}，但{parts_label}相乘是 {result}，两者应相等，请核对。",
    "count-mismatch": "{label}填的是 {value}，但{table_label}填了 {rows} 行，两者应相等，请核对。",
    "required-if": "{when_label}选的是“{equals}”，所以{label}必须填写。",
    "below-standard": "{label}是 {value}{unit}，未达到{scope}标准：{comparison}{threshold}{unit}（来源：{source}）。{note}",
    "ratio-below-standard": "{numerator_label}占{denominator_label}的 {value}，未达到{scope}标准：{comparison}{threshold}（来源：{source}）。{note}",
    "deadline-missed": "{done_label}（{done}）已超过期限：按本手册采用的规则“{rule_text}”，最迟应在 {due} 完成（来源：{source}）。",
    "calendar-year-unknown": "{year} 年的法定节假日和调休安排还没有收录，无法按工作日核对“{rule_title}”，请对照当年国务院放假通知人工核对（维护人员：新建 data/calendar/{year}.yaml 即可收录）。",
    "deadline-provisional": "“{rule_title}”的期限 {due} 是按 {years} 年的暂定节假日推算的（只含法定假日，补休和调休上班日以国务院放假通知为准），通知公布后请再核对一次。",
}

# Default severities; a check in forms/*.yaml may override standard,
# ratio and deadline.
SEVERITY: dict[str, str] = {code: ERROR for code in MESSAGES}
SEVERITY.update({"archive-code-nature": WARNING, "calendar-year-unknown": WARNING, "percent-fraction": WARNING, "deadline-provisional": WARNING})

COMPARISON = {">=": "至少 ", ">": "多于 "}
DATE_RELATION = {True: "不能早于", False: "必须晚于"}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fmt(template: str, params: dict) -> str:
    """Fill ``{name}`` placeholders; unknown names stay as they are.

    Mirrors ``fmt`` in formchecker.js (one pass, no format specs), so a value
    containing braces is never expanded twice.
    """
    return _PLACEHOLDER.sub(lambda m: str(params[m.group(1)]) if m.group(1) in params else m.group(0), template)


def fmt_num(x: float) -> str:
    """12 -> ``12``, 12.5 -> ``12.5``, 1/3 -> ``0.33``: the same as numText() in JS."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.2f}".rstrip("0").rstrip(".")
