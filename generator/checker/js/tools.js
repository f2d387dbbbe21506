/**
 * tools.js — the 服务档案编码 and 办理时限计算 tool pages.
 * Starts from data-module="sw-archive-code" / "sw-deadlines"; all computing
 * is done by window.formChecker with the data of checker-data.js.
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
    uncovered: function (y) { return y + " 年的节假日安排尚未收录：请对照当年国务院放假通知，按工作日人工推算。"; },
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
          if (r.unit === "working_day") { explain(td, date, due.date); }
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

  function init() {
    if (!window.formChecker || !window.swCheckerData) { return; }
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="sw-archive-code"]'), archiveTool);
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="sw-deadlines"]'), deadlineTool);
  }
  function start() { if (window.formChecker) { window.formChecker.ready(init); } }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
