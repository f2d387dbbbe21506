"""Problems as data: every validation issue has a code, a place and a fix.

The catalogue below is the one place where user-facing problem texts live, so
an editor sees the same wording from the build, the CLI and the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

ERROR = "error"
WARNING = "warning"

# code -> (title, message template, hint template)
CATALOGUE: dict[str, tuple[str, str, str]] = {
    "yaml-syntax": (
        "YAML 语法错误",
        "无法解析 YAML：{detail}",
        "检查这一行的缩进（用空格，不用 Tab）、冒号后的空格和引号是否成对。",
    ),
    "yaml-not-mapping": (
        "YAML 顶层结构错误",
        "文件顶层应是“键: 值”的映射，实际是 {actual}。",
        "参照同目录下其他文件的写法，把内容放在顶层键下面。",
    ),
    "missing-key": (
        "缺少必填项",
        "缺少必填项“{key}”。",
        "在 {parent} 下补上“{key}: …”。",
    ),
    "unknown-key": (
        "未知的键",
        "未知的键“{key}”。",
        "{suggestion}",
    ),
    "wrong-type": (
        "类型错误",
        "“{key}”应为{expected}，实际是{actual}：{value!r}。",
        "把“{key}”改成{expected}。",
    ),
    "bad-value": (
        "取值无效",
        "“{key}”的值 {value!r} 无效：{detail}",
        "{hint}",
    ),
    "unknown-reference": (
        "引用不存在",
        "“{key}”引用了不存在的 {kind}“{value}”。",
        "{suggestion}",
    ),
    "search-unknown-term": (
        "搜索说法指向的用词不在手册里",
        "“{word}”对应的手册用词“{term}”在手册、表格和数据里都找不到，搜索时不会多找到任何页面。",
        "改成手册里实际写的词{suggestion}，或删掉这个用词。",
    ),
    "search-duplicate": (
        "搜索说法重复",
        "说法“{word}”重复出现（另见 {other}）。",
        "把两处的手册用词合并到一行，删掉另一行。",
    ),
    "search-self": (
        "搜索说法指向自己",
        "说法“{word}”的手册用词里又写了“{word}”本身。",
        "删掉右边的“{word}”：输入的词本身总会被搜索。",
    ),
    "search-word-conflict": (
        "搜索说法也是问句词",
        "“{word}”既在 data/search/query.yaml 的 question_words（搜索时去掉）里，又在说法对照里。",
        "二选一：要它帮忙找页面，就从 question_words 删掉；否则删掉这条说法。",
    ),
    "duplicate-id": (
        "编号重复",
        "{kind}编号“{value}”重复出现（另见 {other}）。",
        "给其中一个改一个唯一的编号。",
    ),
    "csv-cell": (
        "表格单元格错误",
        "{detail}",
        "{hint}",
    ),
    "csv-structure": (
        "表格结构错误",
        "{detail}",
        "{hint}",
    ),
    "template-error": (
        "页面模板错误",
        "{detail}",
        "检查 {{{{ … }}}} 里的宏名和参数，宏的用法见 handbook/编写指南。",
    ),
    "missing-link": (
        "链接目标还不存在",
        "链接的页面或表格“{target}”不存在。",
        "确认路径拼写（相对 docs 根目录，如 case/closing.md 或表格编号）；目标页面要先在 handbook/ 或生成步骤中存在。",
    ),
    "mkdocs-failed": (
        "站点构建失败",
        "mkdocs build --strict 报告了问题：{detail}",
        "按上面的 WARNING/ERROR 行修改对应页面；旧的 site/ 保持不变。",
    ),
    "calendar-file-name": (
        "节假日文件名与年份不符",
        "文件里写的是 year: {year}，文件名却是 {name}.yaml。",
        "把文件改名为 data/calendar/{year}.yaml，或把 year 改成文件名里的年份。",
    ),
    "calendar-date": (
        "日期写法不对",
        "“{key}”的值“{value}”不是有效日期。",
        "按“年-月-日”写，如 2027-02-05；检查月份（1–12）和这个月有没有这一天。",
    ),
    "calendar-outside-year": (
        "日期不在这一年",
        "“{key}”的日期 {value} 不在 {year} 年内。",
        "这个文件只写 {year} 年的安排（元旦假期和调休可以从上一年 12 月最后几天开始）；检查年份是否写错，别的年份请写到 data/calendar/<年份>.yaml。",
    ),
    "calendar-range": (
        "放假起止日期不对",
        "从 {first} 到 {last}：{detail}。",
        "from 写放假第一天，to 写放假最后一天（两天都算放假），对照放假通知核对。",
    ),
    "calendar-overlap": (
        "两段假期重叠",
        "“{name}”和“{other}”（{where}）的日期有重叠。",
        "同一天只能属于一个假期：对照放假通知改正其中一段的起止日期；通知里连在一起放的（如国庆和中秋）写成一段，名称写“国庆节、中秋节”。",
    ),
    "calendar-workday-not-weekend": (
        "调休上班日不是周末",
        "{value} 是星期{weekday}，本来就是工作日，不用写进 workdays。",
        "workdays 只写放假通知里“某月某日（星期六/星期日）上班”的日子；检查日期是否抄错。",
    ),
    "calendar-workday-in-holiday": (
        "调休上班日落在假期里",
        "{value} 写成了调休上班，但它在“{name}”的放假日期之内。",
        "对照放假通知：要么这一天放假（从 workdays 删掉），要么改正“{name}”的起止日期。",
    ),
    "calendar-year-missing": (
        "缺少一年的节假日数据",
        "{year} 年的法定节假日和调休安排还没有收录（现有数据到 {last} 年）：按工作日计算的期限跨进 {year} 年时，网站不给日期，只提示人工核对。",
        "国务院公布 {year} 年放假安排后，新建 {file_path}：写上 year、source（通知标题、文号、日期）、status: 正式、holidays 和 workdays，格式照 data/calendar/ 里已有的文件。",
    ),
    "calendar-year-provisional": (
        "节假日数据是暂定的",
        "{year} 年的放假安排是暂定的（只有《全国年节及纪念日放假办法》规定的法定假日，没有补休和调休上班日），网站在每个依赖它的日期旁提示核对。",
        "国务院公布 {year} 年放假安排后，按通知改写 {file_path}（补上补休日和 workdays），并把 status 改为 正式。",
    ),
    "sheet-cell": (
        "表格单元格有误",
        "{detail}",
        "{hint}",
    ),
    "sheet-structure": (
        "工作簿结构有误",
        "{detail}",
        "{hint}",
    ),
    "sheet-missing-cell": (
        "必填的格子空着",
        "“{header}”没有填。",
        "{hint}",
    ),
    "change-unrecorded": (
        "改动没有记入修订记录",
        "{target} 与上次发布（data/snapshot/adopted.json）不同：{change}；data/changes.yaml 里没有这条改动的记录。",
        "在 data/changes.yaml 最前面加一条记录（date、target: {target}、summary、old、new、why、approved_by），再运行 python -m generator snapshot 更新快照。如果这不是有意的改动，把值改回去。",
    ),
    "snapshot-missing": (
        "没有采用值快照",
        "找不到 data/snapshot/adopted.json，无法检查改动是否都记入了修订记录。",
        "运行 python -m generator snapshot 生成快照，并提交到仓库。",
    ),
    "review-due": (
        "页面待复核",
        "{count} 个页面超过 {months} 个月没有审核，读者会看到“待复核”提示：{pages}。",
        "逐页核对内容，然后把审核日期改成今天：手写页面改 handbook/ 下该页开头的 reviewed:，生成的页面改 data/reviews.yaml。清单也在网站的“维护说明 → 页面、数据文件与审核日期”。",
    ),
    "review-missing": (
        "页面没有审核日期",
        "{page} 没有审核日期。",
        "手写页面在开头的 front matter 写 reviewed: \"YYYY-MM-DD\"；生成的页面在 data/reviews.yaml 的 pages 下加一行。",
    ),
    "form-not-linked": (
        "表格名没有链接",
        "页面写了《{title}》，这是表格“{form_id}”，却没有链到它的表格页。",
        "把《{title}》改成 {{{{ form(\"{form_id}\") }}}}，页面上会显示表格的正式名称并链到表格页。",
    ),
    "unknown-title": (
        "书名号里的名字不认识",
        "《{title}》既不是任何表格的名称或别名，也不是 data/sources.yaml 里的来源文件。",
        "是表格的话用 {{{{ form(\"表格编号\") }}}}，或在 forms/<编号>.yaml 的 aliases 里加上这个名字；是文件的话，加到 data/sources.yaml 的 parts 或 mentioned；只是强调的话，改用引号“”。",
    ),
    "bad-citation": (
        "来源引用写法不对",
        "引用“{cite}”不对：{reason}",
        "引用写成“编号 条款”，文件名、制度名和领域名只用 data/sources.yaml 里的写法（parts），条款按那里的 sections 写。",
    ),
    "typed-number": (
        "汇总表里手写了有采用值的数字",
        "汇总表里手写了“{found}”，这个数字在 data/indicators/standards.csv 有采用值（{measure}）。手写的数字改数据时不会跟着变。",
        "改成 {{{{ standard_short(\"{measure}\") }}}}（某个领域的值加上领域名，如 {{{{ standard_short(\"{measure}\", \"老年人\") }}}}）。",
    ),
    "maintainer-text": (
        "读者页面上有给维护人员看的话",
        "页面上出现了“{found}”（{kind}），读者看不懂也用不上。",
        "删掉，或写成 HTML 注释 <!-- … -->（只在源文件里可见）；怎样修改页面写在维护说明里。给维护人员的页面在 front matter 写 audience: maintainer。",
    ),
    "rule-overlap": (
        "同一个问题有两条采用的规则",
        "规则“{rule}”和“{others}”回答同一个问题（{question}），却没有说明各自管哪种情况。",
        "在 data/rules/deadlines.yaml 里给这几条规则写同一个 question，并各写一句 applies（这一条在什么情况下适用）；或者只留一条采用，另一条移到 others。",
    ),
    "theme-patch": (
        "主题补丁无法应用",
        "在 mkdocs-material 的 {asset} 中找不到要修补的代码：{detail}",
        "pyproject.toml 固定了 mkdocs-material 版本；升级主题时请同步更新 generator/theme.py 中的补丁。",
    ),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file.

    Args:
        code: Stable kebab-case key into ``CATALOGUE``.
        file: Path relative to the project root.
        location: ``line 12``, a dotted key path (``fields[3].type``) or ``row 4, column 日期``.
        message: Plain-Chinese statement of what is wrong.
        hint: How to fix it.
        severity: ``error`` fails the build, ``warning`` is only printed.
        line: 1-based line number where known, for editors that jump to it.
    """

    code: str
    file: str
    location: str
    message: str
    hint: str = ""
    severity: str = ERROR
    line: int | None = None

    def format(self) -> str:
        where = self.file
        if self.location:
            where += f"：{self.location}"
        label = "错误" if self.severity == ERROR else "警告"
        text = f"[{label} {self.code}] {where}\n    {self.message}"
        if self.hint:
            text += f"\n    修改方法：{self.hint}"
        return text

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "location": self.location,
            "line": self.line,
            "message": self.message,
            "hint": self.hint,
        }


def problem(code: str, file: str, location: str = "", *, severity: str = ERROR, line: int | None = None, **params) -> Problem:
    """Build a Problem from the catalogue, filling its templates with ``params``."""
    _title, message, hint = CATALOGUE[code]
    params = {k: v for k, v in params.items()}
    return Problem(
        code=code,
        file=file,
        location=location,
        message=message.format(**params),
        hint=hint.format(**params),
        severity=severity,
        line=line,
    )


class ProblemsFound(Exception):
    """Raised once, after every input was checked, when any error was found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} 个问题")


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


def report(problems: Iterable[Problem]) -> str:
    """Group problems by file, errors first, for the terminal."""
    problems = sorted(problems, key=lambda p: (p.file, p.severity != ERROR, p.line or 0, p.location))
    lines: list[str] = []
    current = None
    for p in problems:
        if p.file != current:
            current = p.file
            lines.append(f"\n{p.file}")
        lines.append("  " + p.format().replace("\n", "\n  "))
    n_err = len(errors(problems))
    n_warn = len(problems) - n_err
    lines.append(f"\n共 {n_err} 个错误，{n_warn} 个警告。")
    return "\n".join(lines)


def suggest(name: str, choices: Iterable[str]) -> str:
    """A 'did you mean' hint, the way click and pyxform offer the nearest valid name."""
    import difflib

    choices = list(choices)
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    if close:
        return f"是不是想写“{close[0]}”？可用的有：{'、'.join(choices)}。"
    return f"可用的有：{'、'.join(choices)}。" if choices else "删除这个键。"
