/**
 * tools.js — the 服务档案编码 and 办理时限计算 tool pages.
 * Starts from data-module="sw-archive-code" / "sw-deadlines" / "sw-day-count";
 * all computing is done by window.formChecker with the data of checker-data.js,
 * and countDays() mirrors generator/calendar_deadlines.py count_days (parity
 * tests: site_tests/test_day_count.py).
 * Output is built with createElement/textContent only.
 */
(function () {
  "use strict";

  var TEXT = {
    generated: "生成的编码：",
    needInitials: "请填写社工编码（姓名拼音首字母，2 到 4 个字母）。",
    needMonth: "请选择服务年月。",
    valid: "编码有效：",
    invalid: "编码无效：",
    empty: "请先输入要校验的编码。",
    needDate: "请填写有效的事件日期（年-月-日）。",
    noRules: "这个事件没有对应的办理时限。",
    uncovered: function (y) {
      return y + " 年的节假日安排还没有收录，无法按工作日推算：请对照当年国务院放假通知人工推算。" +
        "（维护人员：通知公布后新建 data/calendar/" + y + ".yaml，网站即可推算。）";
    },
    provisional: function (years) {
      return "⚠ " + years.join("、") + " 年的节假日是暂定数据：只有法定假日本身，国务院放假通知公布后，" +
        "补休和调休上班日可能改变这个日期，请对照通知核对。";
    },
    countNeedDate: "请填写起算日期（年-月-日，如 2026-12-28）。",
    countNeedN: "请填写要数的天数：0 到 366 之间的整数，如 5。",
    countSummary: function (start, n, unit, before) {
      return "从 " + start + " 起" + (before ? "往前" : "往后") + "数 " + n + " 个" + (unit === "working_day" ? "工作日" : "自然日") +
        "（起算日当天不算，从" + (before ? "前" : "后") + "一天数起）。";
    },
    countNone: "中间没有跳过的休息日。",
    countSkipped: function (n) { return "跳过的休息日（" + n + " 天）："; },
    countMadeUp: function (n) { return "算作工作日的调休上班日（" + n + " 天）："; },
    countMadeUpItem: function (why) { return why + "，按工作日计算"; },
    countCalendar: "自然日连续数，周末和节假日都算在内。",
    countEndOff: function (why) { return "注意：这一天是" + why + "，不上班。规则要求在期限内办完的，请提前到前一个工作日办好。"; },
    weekend: "周末",
    run: function (first, last, n, whys) {
      return first + (n > 1 ? " 至 " + last : "") + (n > 1 ? "（" + n + " 天）" : "") + "：" + whys;
    },
    columns: ["事项", "最迟日期", "期限", "本手册采用的规则", "来源"],
    skipped: "跳过的假日：",
    madeUp: "计入的调休上班日：",
    before: "事件前",
    after: "事件后",
    weekday: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
  };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } }

  function archiveTool($root) {
    var fc = window.formChecker, data = window.swCheckerData;
    var $build = $root.querySelector(".js-archive-build"), $result = $root.querySelector(".js-archive-result");
    var $check = $root.querySelector(".js-archive-check"), $verdict = $root.querySelector(".js-archive-verdict");
    $build.addEventListener("submit", function (event) {
      event.preventDefault();
      clear($result);
      var initials = $root.querySelector("#ac-initials").value.trim();
      var month = $root.querySelector("#ac-month").value.trim();
      var m = /^(\d{4})-(\d{2})$/.exec(month);
      if (!/^[A-Za-z]{2,4}$/.test(initials)) { $result.appendChild(el("span", TEXT.needInitials, "sw-tool__bad")); return; }
      if (!m) { $result.appendChild(el("span", TEXT.needMonth, "sw-tool__bad")); return; }
      var code = fc.buildArchiveCode(
        $root.querySelector("#ac-town").value, $root.querySelector("#ac-area").value,
        $root.querySelector("#ac-nature").value, parseInt($root.querySelector("#ac-seq").value || "1", 10),
        +m[1], +m[2], initials);
      $result.appendChild(document.createTextNode(TEXT.generated));
      $result.appendChild(el("code", code, "js-archive-code"));
      $root.querySelector("#ac-code").value = code;
    });
    $check.addEventListener("submit", function (event) {
      event.preventDefault();
      clear($verdict);
      var code = fc.util.trim($root.querySelector("#ac-code").value);
      if (!code) { $verdict.appendChild(el("p", TEXT.empty, "sw-tool__bad")); return; }
      var problems = fc.archiveProblems(code);
      if (!problems.length) {
        var p = describe(code, data);
        $verdict.appendChild(el("p", TEXT.valid + code, "sw-tool__ok"));
        $verdict.appendChild(el("p", p));
        return;
      }
      $verdict.appendChild(el("p", TEXT.invalid, "sw-tool__bad"));
      var ul = el("ul");
      problems.forEach(function (t) { ul.appendChild(el("li", t)); });
      $verdict.appendChild(ul);
    });
  }

  /** "莞城 · 民政局（医务） · 个案第 1 个 · 2013 年 1 月 · 社工 WM" */
  function describe(code, data) {
    var m = /^([A-Z]+)-([A-Z]+)-([A-Z])(\d+)-(\d{4})(\d{2})-([A-Z]+)$/.exec(code);
    if (!m) { return ""; }
    return [data.codes.towns[m[1]], data.codes.areas[m[2]], data.codes.natures[m[3]] + "第 " + parseInt(m[4], 10) + " 个",
      m[5] + " 年 " + parseInt(m[6], 10) + " 月", "社工 " + m[7]].join(" · ");
  }

  // ---- free count (calendar_deadlines.py count_days) ---------------------

  var nameOf = null;
  /** ISO date -> holiday name (checker-data.js groups the days by name). */
  function holidayNames() {
    if (!nameOf) {
      var names = window.swCheckerData.calendar.names;
      nameOf = {};
      Object.keys(names).forEach(function (n) { names[n].forEach(function (d) { nameOf[d] = n; }); });
    }
    return nameOf;
  }
  function weekdayIndex(days) { return ((days % 7) + 10) % 7; }
  function dayOffReason(days) {
    var wd = weekdayIndex(days);
    return holidayNames()[window.formChecker.util.iso(days)] || (wd >= 5 ? TEXT.weekday[wd] : "节假日");
  }
  function workday(days) {
    try { return window.formChecker.isWorkday(window.formChecker.util.iso(days)); }
    catch (e) { if (e instanceof window.formChecker.YearNotCoveredError) { return null; } throw e; }
  }
  function provisionalOf(years) {
    var prov = window.swCheckerData.calendar.provisional || {};
    return Object.keys(years).map(Number).filter(function (y) { return prov[String(y)] !== undefined; }).sort();
  }

  /**
   * Count n working days ("working_day") or calendar days ("calendar_day") from
   * startIso, backwards when n < 0. Same result as count_days(...).to_json(),
   * or {uncoveredYear} when a working-day count needs a year without data.
   */
  function countDays(startIso, n, unit) {
    var fc = window.formChecker, start = fc.util.parseDate(startIso), end, note = "";
    if (unit === "calendar_day") {
      end = start + n;
      if (workday(end) === false) { note = dayOffReason(end); }
      var y = {};
      if (note) { y[fc.util.iso(end).slice(0, 4)] = 1; }
      return { end: fc.util.iso(end), skipped: [], madeUp: [], endNote: note, provisional: provisionalOf(y) };
    }
    var due = fc.dueDate("working_day", Math.abs(n), n < 0 ? "before" : "after", startIso);
    if (!due.date) { return { uncoveredYear: due.uncoveredYear }; }
    end = fc.util.parseDate(due.date);
    var step = n < 0 ? -1 : 1, skipped = [], madeUp = [], years = {};
    for (var d = start; d !== end;) {
      d += step;
      var iso = fc.util.iso(d);
      years[iso.slice(0, 4)] = 1;
      if (!workday(d)) { skipped.push([iso, dayOffReason(d)]); }
      else if (weekdayIndex(d) >= 5) { madeUp.push([iso, holidayNames()[iso] || "调休上班"]); }
    }
    return { end: due.date, skipped: skipped, madeUp: madeUp, endNote: "", provisional: provisionalOf(years) };
  }

  /** Adjacent days off as runs: "2027-01-01 至 2027-01-03（3 天）：元旦、周末". */
  function runs(days) {
    var fc = window.formChecker, sorted = days.slice().sort(function (a, b) { return a[0] < b[0] ? -1 : 1; }), out = [];
    sorted.forEach(function (x) {
      var last = out[out.length - 1], n = fc.util.parseDate(x[0]);
      var why = x[1] === TEXT.weekday[5] || x[1] === TEXT.weekday[6] ? TEXT.weekend : x[1];
      if (last && n === last.end + 1) { last.end = n; last.n++; if (last.whys.indexOf(why) < 0) { last.whys.push(why); } }
      else { out.push({ start: n, end: n, n: 1, whys: [why] }); }
    });
    return out.map(function (r) {
      return TEXT.run(withWeekday(fc.util.iso(r.start)), withWeekday(fc.util.iso(r.end)), r.n, r.whys.join("、"));
    });
  }
  function withWeekday(isoDate) {
    return isoDate + "（" + TEXT.weekday[weekdayIndex(window.formChecker.util.parseDate(isoDate))] + "）";
  }
  function readCount(text) {
    // Full-width digits and a trailing 天/个工作日 as an IME types them.
    var s = String(text).replace(/[\uff10-\uff19]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
      .replace(/\s+/g, "").replace(/(个)?(工作日|自然日|天|日)$/, "");
    return /^\d{1,3}$/.test(s) && +s <= 366 ? +s : null;
  }

  function dayCountTool($root) {
    var $form = $root.querySelector(".js-count-form"), $out = $root.querySelector(".js-count-result");
    var $error = $root.querySelector(".js-count-error");
    $form.addEventListener("submit", function (event) {
      event.preventDefault();
      clear($out);
      $error.textContent = "";
      var date = $root.querySelector("#dc-date").value;
      var n = readCount($root.querySelector("#dc-n").value);
      var unit = ($root.querySelector('input[name="dc-unit"]:checked') || {}).value || "working_day";
      var before = ($root.querySelector('input[name="dc-direction"]:checked') || {}).value === "before";
      if (window.formChecker.util.parseDate(date) === null) { $error.textContent = TEXT.countNeedDate; $root.querySelector("#dc-date").focus(); return; }
      if (n === null) { $error.textContent = TEXT.countNeedN; $root.querySelector("#dc-n").focus(); return; }
      var r = countDays(date, before ? -n : n, unit);
      if (r.uncoveredYear) { $out.appendChild(el("p", TEXT.uncovered(r.uncoveredYear), "sw-tool__bad js-count-unknown")); return; }
      var $answer = el("p", null, "sw-tool__answer");
      $answer.appendChild(el("strong", r.end, "js-count-end"));
      $answer.appendChild(document.createTextNode("（" + TEXT.weekday[weekdayIndex(window.formChecker.util.parseDate(r.end))] + "）"));
      $out.appendChild($answer);
      $out.appendChild(el("p", TEXT.countSummary(withWeekday(date), n, unit, before)));
      if (unit === "calendar_day") {
        $out.appendChild(el("p", TEXT.countCalendar));
        if (r.endNote) { $out.appendChild(el("p", TEXT.countEndOff(r.endNote), "sw-tool__bad js-count-end-off")); }
      } else if (!r.skipped.length) {
        $out.appendChild(el("p", TEXT.countNone, "js-count-skipped"));
      } else {
        $out.appendChild(el("p", TEXT.countSkipped(r.skipped.length)));
        var $ul = el("ul", null, "js-count-skipped");
        runs(r.skipped).forEach(function (line) { $ul.appendChild(el("li", line)); });
        $out.appendChild($ul);
      }
      if (r.madeUp.length) {
        $out.appendChild(el("p", TEXT.countMadeUp(r.madeUp.length)));
        var $made = el("ul", null, "js-count-made-up");
        r.madeUp.forEach(function (x) { $made.appendChild(el("li", withWeekday(x[0]) + "：" + TEXT.countMadeUpItem(x[1]))); });
        $out.appendChild($made);
      }
      if (r.provisional.length) { $out.appendChild(el("p", TEXT.provisional(r.provisional), "sw-tool__caution js-provisional")); }
    });
  }

  function deadlineTool($root) {
    var fc = window.formChecker, data = window.swCheckerData.deadlines;
    var $form = $root.querySelector(".js-deadline-form"), $out = $root.querySelector(".js-deadline-result");
    var $error = $root.querySelector(".js-deadline-error");
    function weekday(isoDate) {
      var d = fc.util.parseDate(isoDate);
      return TEXT.weekday[((d % 7) + 10) % 7];
    }
    /** Name the holidays skipped and the make-up workdays counted between two dates. */
    function explain(td, fromIso, toIso) {
      var cal = window.swCheckerData.calendar, a = fc.util.parseDate(fromIso), b = fc.util.parseDate(toIso);
      var lo = Math.min(a, b), hi = Math.max(a, b), off = {}, on = [];
      var holidays = {}, workdays = {}, names = {};
      cal.holidays.forEach(function (d) { holidays[d] = 1; });
      cal.workdays.forEach(function (d) { workdays[d] = 1; });
      Object.keys(cal.names).forEach(function (n) { cal.names[n].forEach(function (d) { names[d] = n; }); });
      for (var d = lo + 1; d < hi; d++) {
        var iso = fc.util.iso(d);
        if (holidays[iso]) { var name = names[iso] || ""; off[name] = (off[name] || []).concat(iso.slice(5)); }
        if (workdays[iso]) { on.push(iso.slice(5) + (names[iso] ? "（" + names[iso] + "）" : "")); }
      }
      var names = Object.keys(off);
      if (names.length) {
        td.appendChild(el("br"));
        td.appendChild(el("small", TEXT.skipped + names.map(function (n) {
          var days = off[n];
          return (n || "假日") + " " + days[0] + (days.length > 1 ? "–" + days[days.length - 1] : "");
        }).join("；"), "js-skipped"));
      }
      if (on.length) {
        td.appendChild(el("br"));
        td.appendChild(el("small", TEXT.madeUp + on.join("、"), "js-made-up"));
      }
    }
    $form.addEventListener("submit", function (event) {
      event.preventDefault();
      clear($out);
      $error.textContent = "";
      var eventId = $root.querySelector("#dl-event").value;
      var date = $root.querySelector("#dl-date").value;
      if (fc.util.parseDate(date) === null) { $error.textContent = TEXT.needDate; return; }
      var rules = data.rules.filter(function (r) { return r.event === eventId; });
      if (!rules.length) { $out.appendChild(el("p", TEXT.noRules)); return; }
      var table = el("table", null, "sw-deadline-table"), head = el("tr");
      TEXT.columns.forEach(function (c) { head.appendChild(el("th", c)); });
      table.appendChild(el("thead")).appendChild(head);
      var body = el("tbody");
      rules.forEach(function (r) {
        var due = fc.dueDate(r.unit, r.amount, r.direction, date);
        var tr = el("tr");
        tr.setAttribute("data-rule", r.id);
        tr.appendChild(el("td", r.title));
        var td = el("td");
        if (due.date) {
          td.appendChild(el("strong", due.date, "js-due"));
          td.appendChild(document.createTextNode("（" + weekday(due.date) + "）"));
          if (r.unit === "working_day") {
            explain(td, date, due.date);
            var counted = countDays(date, r.direction === "before" ? -r.amount : r.amount, "working_day");
            if (counted.provisional && counted.provisional.length) {
              td.appendChild(el("br"));
              td.appendChild(el("small", TEXT.provisional(counted.provisional), "sw-tool__caution js-provisional"));
            }
          }
        } else {
          td.appendChild(el("span", TEXT.uncovered(due.uncoveredYear), "sw-tool__bad js-due-unknown"));
        }
        tr.appendChild(td);
        tr.appendChild(el("td", r.span));
        tr.appendChild(el("td", r.text));
        tr.appendChild(el("td", r.sources.join("；")));
        body.appendChild(tr);
      });
      table.appendChild(body);
      $out.appendChild(table);
    });
  }

  /**
   * A date or month box draws its value in the browser's locale (12/07/2026 in
   * an English browser). On paper each box is replaced by its value as
   * YYYY-MM-DD (.value is that whatever the locale), kept in a print-only span.
   */
  function printableDates() {
    Array.prototype.forEach.call(document.querySelectorAll('.sw-tool input[type="date"], .sw-tool input[type="month"]'), function ($box) {
      var $copy = document.createElement("span");
      $copy.className = "sw-print-value";
      $box.parentNode.insertBefore($copy, $box.nextSibling);
      function sync() { $copy.textContent = $box.value; }
      $box.addEventListener("input", sync);
      $box.addEventListener("change", sync);
      sync();
    });
  }

  function init() {
    if (!window.formChecker || !window.swCheckerData) { return; }
    printableDates();
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="sw-archive-code"]'), archiveTool);
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="sw-deadlines"]'), deadlineTool);
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="sw-day-count"]'), dayCountTool);
  }
  window.swTools = { countDays: countDays, readCount: readCount };
  function start() { if (window.formChecker) { window.formChecker.ready(init); } }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
