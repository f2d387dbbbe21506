/**
 * formchecker.js — the form checker in the browser: a line-by-line port of
 * generator/checker/core.py (+ formats.py, archive_code.py, calendar_days.py,
 * calendar_deadlines.py). Rules, messages and the holiday calendar come from
 * checker-data.js (window.swCheckerData), generated from forms/*.yaml and data/.
 *
 * Public API (window.formChecker):
 *   check(formId, values) -> Array<{field, code, severity, message}>
 *   checkRules(rules, values) -> same, for compiled rules given directly
 *   archiveProblems(code) -> Array<string>   reasons a 服务档案编码 is invalid
 *   buildArchiveCode(town, area, nature, seq, year, month, initials) -> string
 *   dueDate(unit, amount, direction, isoDate) -> {date: "YYYY-MM-DD"} | {uncoveredYear: number}
 *   isWorkday(isoDate) -> boolean (throws a YearNotCoveredError outside the data)
 *
 *   ready(callback)    runs callback once the data of this page is loaded
 *   load(formIds, callback)  loads the rules of more forms (tests, tools)
 *
 * Classic script: no modules, works from file://. The data is split so a page
 * loads only what it needs: checker-data.js (messages, calendar, code lists,
 * deadline rules) and rules/<form-id>.js per form, both added as plain
 * <script> elements from this script's own folder (same site, never another host).
 */
(function () {
  "use strict";

  /** @type {any} the shared data; filled in by checker-data.js */
  var DATA = window.swCheckerData || null;
  var BASE = (function () {
    var src = document.currentScript && document.currentScript.src;
    return src ? src.slice(0, src.lastIndexOf("/") + 1) : "";
  })();
  var WHITESPACE = " \t\n\r\f\v\u00a0\u3000\ufeff";
  var DATE = /^(\d{4})[-\/.年](\d{1,2})[-\/.月](\d{1,2})日?$/;
  var TIME = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/;
  var NUMBER = /^[+-]?\d+(\.\d+)?$/;
  var INTEGER = /^[+-]?\d+$/;
  var MOBILE = /^(\+?86-?)?1[3-9]\d{9}$/;
  var LANDLINE = /^(\(0\d{2,3}\)|0\d{2,3}-?)\d{7,8}(-\d{1,6})?$/;
  var SHAPE = /^([A-Za-z]+)-([A-Za-z]+)-([A-Za-z])(\d+)-(\d+)-([A-Za-z]+)$/;
  var EXPECTED = { list: "列表", text: "文字", table: "表格（多行）", row: "一行数据", object: "表格数据" };
  var CITING = { "below-standard": 1, "ratio-below-standard": 1, "deadline-missed": 1 };
  var DAY_MS = 86400000;

  /** Error subclass for a year without holiday data. */
  function YearNotCoveredError(year) {
    this.name = "YearNotCoveredError";
    this.year = year;
    this.message = year + " 年的节假日安排未收录";
  }
  YearNotCoveredError.prototype = Object.create(Error.prototype);

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  // ---- formats.py ---------------------------------------------------------

  function trim(s) {
    var a = 0, b = s.length;
    while (a < b && WHITESPACE.indexOf(s.charAt(a)) >= 0) { a++; }
    while (b > a && WHITESPACE.indexOf(s.charAt(b - 1)) >= 0) { b--; }
    return s.slice(a, b);
  }
  function chars(s) { return Array.from(s); }
  function clip(s, n) {
    n = n || 30;
    var c = chars(s);
    return c.length <= n ? s : c.slice(0, n).join("") + "…";
  }
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  function daysFromYmd(y, m, d) { var t = new Date(0); t.setUTCFullYear(y, m - 1, d); return Math.round(t.getTime() / DAY_MS); }
  function ymd(days) {
    var t = new Date(days * DAY_MS);
    return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), wd: (t.getUTCDay() + 6) % 7 };
  }
  function pad(n, w) { var s = String(n); while (s.length < w) { s = "0" + s; } return s; }
  function iso(days) { var p = ymd(days); return pad(p.y, 4) + "-" + pad(p.m, 2) + "-" + pad(p.d, 2); }
  function parseDate(s) {
    var m = DATE.exec(s);
    if (!m) { return null; }
    var y = +m[1], mo = +m[2], d = +m[3];
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) { return null; }
    return daysFromYmd(y, mo, d);
  }
  function daysInMonth(y, m) { var t = new Date(0); t.setUTCFullYear(y, m, 0); return t.getUTCDate(); }
  function parseTime(s) { var m = TIME.exec(s); return m ? (+m[1]) * 60 + (+m[2]) : null; }
  function parseNumber(s, integer) { return (integer ? INTEGER : NUMBER).test(s) ? parseFloat(s) : null; }
  function isPhone(s) { var c = s.split(" ").join(""); return MOBILE.test(c) || MOBILE.test(c.split("-").join("")) || LANDLINE.test(c); }
  function yesNo(s) {
    var low = s.toLowerCase();
    if (low === "是" || low === "yes" || low === "true") { return "是"; }
    if (low === "否" || low === "no" || low === "false") { return "否"; }
    return null;
  }

  // ---- normalise.py: the spellings table (data/input/spellings.yaml) ------

  var rxCache = {};
  function rx(pattern) {
    if (!has(rxCache, pattern)) { rxCache[pattern] = new RegExp(pattern); }
    return rxCache[pattern];
  }
  function reading(text, value, problem, note, detail) {
    return { text: text, value: value, problem: problem || null, note: note || null, detail: detail || {} };
  }
  function bad(code, detail) { return reading(null, null, code, null, detail); }
  var foldTable = null;
  function fold(s, sp) {
    if (!foldTable) {
      foldTable = {};
      sp.fold.forEach(function (row) {
        var a = Array.from(row.from), b = Array.from(row.to);
        a.forEach(function (ch, i) { foldTable[ch] = b[i]; });
      });
    }
    return Array.from(s).map(function (ch) {
      if (WHITESPACE.indexOf(ch) >= 0) { return ""; }
      return has(foldTable, ch) ? foldTable[ch] : ch;
    }).join("");
  }
  function byLength(list) { return list.slice().sort(function (a, b) { return b.length - a.length; }); }
  function stripPrefix(s, prefixes) {
    var sorted = byLength(prefixes);
    for (var i = 0; i < sorted.length; i++) {
      var p = sorted[i];
      if (s.indexOf(p) === 0 && s.length > p.length) { return s.slice(p.length); }
    }
    return s;
  }
  function canonical(sign, whole, frac) {
    whole = whole.replace(/^0+/, "") || "0";
    frac = frac.replace(/0+$/, "");
    var t = whole + (frac ? "." + frac : "");
    return sign === "-" && t !== "0" ? "-" + t : t;
  }
  function normaliseNumber(s, sp, integer, unit) {
    var table = sp.number, badCode = integer ? "invalid-integer" : "invalid-number";
    var t = stripPrefix(fold(s, sp), table.prefixes);
    if (unit === "元") { t = stripPrefix(t, table.money_prefixes); }
    var m = /^([+-]?)(\d[\d.,]*)(.*)$/.exec(t);
    if (!m) { return bad(badCode); }
    var sign = m[1], digits = m[2], rest = m[3];
    if (rest) {
      var allowed = unit ? (has(table.unit_synonyms, unit) ? table.unit_synonyms[unit] : [unit]) : table.count_words;
      if (allowed.indexOf(rest) < 0) { return unit ? bad("wrong-unit", { typed: rest }) : bad(badCode); }
    }
    if (digits.indexOf(",") >= 0) {
      if (rx(table.thousands).test(digits)) { digits = digits.split(",").join(""); }
      else if (rx(table.decimal_comma).test(digits)) { digits = digits.replace(",", "."); }
      else { return bad(badCode); }
    }
    var p = /^(\d+)(?:\.(\d+))?$/.exec(digits);
    if (!p) { return bad(badCode); }
    var whole = p[1], frac = p[2] || "";
    if (integer && frac.replace(/0/g, "")) { return bad(badCode); }
    var text = canonical(sign, whole, integer ? "" : frac);
    var value = parseFloat(text);
    if (unit && unit === table.percent_unit && rest === "" && value > 0 && value < 1) {
      var parts = (value * 100).toFixed(6).split(".");
      return reading(text, value, null, "percent-fraction", { percent: canonical("", parts[0], parts[1]) });
    }
    return reading(text, value);
  }
  function validYmd(y, m, d) {
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) { return null; }
    return daysFromYmd(y, m, d);
  }
  function groupsOf(rule, m) {
    var g = {};
    rule.groups.forEach(function (name, i) { g[name] = parseInt(m[i + 1], 10); });
    return g;
  }
  function stripNotes(t, sp) {
    sp.date.strip.forEach(function (pattern) { t = t.replace(new RegExp(pattern, "g"), ""); });
    return t;
  }
  function fullDate(s, sp) {
    var t = stripNotes(fold(s, sp), sp), rules = sp.date.full;
    for (var i = 0; i < rules.length; i++) {
      var m = rx(rules[i].pattern).exec(t);
      if (m) { var g = groupsOf(rules[i], m); return validYmd(g.y, g.m, g.d); }
    }
    return null;
  }
  function normaliseDate(s, sp, reference, today) {
    var table = sp.date, t = stripNotes(fold(s, sp), sp), value = null, i, m, g;
    var found = false;
    for (i = 0; i < table.full.length && !found; i++) {
      m = rx(table.full[i].pattern).exec(t);
      if (m) {
        found = true;
        g = groupsOf(table.full[i], m);
        value = validYmd(g.y, g.m, g.d);
        if (value === null) { return bad("invalid-date"); }
      }
    }
    for (i = 0; i < table.no_year.length && !found; i++) {
      m = rx(table.no_year[i].pattern).exec(t);
      if (m) {
        found = true;
        g = groupsOf(table.no_year[i], m);
        var year = ymd(reference).y;
        [year - 1, year, year + 1].forEach(function (y) {
          var v = validYmd(y, g.m, g.d);
          if (v === null) { return; }
          if (value === null || Math.abs(v - reference) < Math.abs(value - reference) ||
              (Math.abs(v - reference) === Math.abs(value - reference) && v < value)) { value = v; }
        });
        if (value === null) { return bad("invalid-date"); }
      }
    }
    if (value === null) { return bad("invalid-date"); }
    var y = ymd(value).y, thisYear = ymd(today).y;
    if (y < thisYear - table.years_back || y > thisYear + table.years_ahead) { return bad("implausible-date", { year: y }); }
    return reading(iso(value), value);
  }
  function normaliseTime(s, sp) {
    var table = sp.time, t = fold(s, sp).toLowerCase(), add12 = null;
    for (var i = 0; i < table.periods.length && add12 === null; i++) {
      var words = byLength(table.periods[i].words);
      for (var j = 0; j < words.length; j++) {
        var w = words[j];
        if (t.length > w.length && (t.indexOf(w) === 0 || t.slice(-w.length) === w)) {
          t = t.indexOf(w) === 0 ? t.slice(w.length) : t.slice(0, -w.length);
          add12 = table.periods[i].add12_below;
          break;
        }
      }
    }
    for (var k = 0; k < table.patterns.length; k++) {
      var rule = table.patterns[k], m = rx(rule.pattern).exec(t);
      if (!m || (rule.with_period && add12 === null)) { continue; }
      var g = groupsOf(rule, m), h = g.h, mi = has(g, "mi") ? g.mi : (rule.minute || 0);
      if (add12 !== null) {
        if (h > 12) { return bad("invalid-time"); }
        if (h < add12) { h += 12; }
      }
      if (h > 23 || mi > 59) { return bad("invalid-time"); }
      return reading(pad(h, 2) + ":" + pad(mi, 2), h * 60 + mi);
    }
    return bad("invalid-time");
  }
  /** Mirrors core.read: a reading for number/date/time/phone/code answers, else null. */
  function readAnswer(spec, s, env) {
    var kind = spec.type, sp = DATA.spellings;
    if (kind === "number" || kind === "integer") { return normaliseNumber(s, sp, kind === "integer", spec.unit || ""); }
    if (kind === "date") { return normaliseDate(s, sp, env.reference, env.today); }
    if (kind === "time") { return normaliseTime(s, sp); }
    if (kind === "phone" || kind === "archive_code") { var f = fold(s, sp); return reading(f, f); }
    return null;
  }
  /** Mirrors core.reference_day: the form's first complete date, else today. */
  function referenceDay(rules, values, today) {
    if (!isObject(values)) { return today; }
    var sp = DATA.spellings;
    for (var i = 0; i < rules.fields.length; i++) {
      var f = rules.fields[i], raw = has(values, f.id) ? values[f.id] : null, found;
      if (f.type === "date" && typeof raw === "string") {
        found = fullDate(trim(raw), sp);
        if (found !== null) { return found; }
      }
      if (f.type === "table" && Array.isArray(raw)) {
        for (var c = 0; c < f.columns.length; c++) {
          if (f.columns[c].type !== "date") { continue; }
          for (var r = 0; r < raw.length; r++) {
            var cell = isObject(raw[r]) && has(raw[r], f.columns[c].id) ? raw[r][f.columns[c].id] : null;
            found = typeof cell === "string" ? fullDate(trim(cell), sp) : null;
            if (found !== null) { return found; }
          }
        }
      }
    }
    return today;
  }
  /** Today in this browser's time zone, as days since 1970-01-01 (never the locale's format). */
  function localToday() { var d = new Date(); return daysFromYmd(d.getFullYear(), d.getMonth() + 1, d.getDate()); }
  function makeEnv(rules, values, today) {
    var day = today ? parseIsoDay(today) : localToday();
    return { today: day, reference: referenceDay(rules, values, day) };
  }
  function parseIsoDay(s) { var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s); return m ? validYmd(+m[1], +m[2], +m[3]) : localToday(); }

  // ---- messages.py --------------------------------------------------------

  function fmt(template, params) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return has(params, name) ? String(params[name]) : all; });
  }
  function numText(x) {
    if (x === Math.trunc(x) && Math.abs(x) < 1e15) { return String(Math.trunc(x)); }
    return x.toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
  }

  // ---- calendar_days.py / calendar_deadlines.py --------------------------

  var cal = null;
  function calendar() {
    DATA = DATA || window.swCheckerData;
    if (!cal) {
      cal = { years: {}, holidays: {}, workdays: {} };
      DATA.calendar.years.forEach(function (y) { cal.years[y] = 1; });
      DATA.calendar.holidays.forEach(function (d) { cal.holidays[d] = 1; });
      DATA.calendar.workdays.forEach(function (d) { cal.workdays[d] = 1; });
    }
    return cal;
  }
  function isWorkdayDays(days) {
    var c = calendar(), p = ymd(days);
    if (!c.years[p.y]) { throw new YearNotCoveredError(p.y); }
    var key = iso(days);
    if (c.workdays[key]) { return true; }
    if (c.holidays[key]) { return false; }
    return p.wd < 5;
  }
  function addWorkingDays(days, n) {
    var step = n >= 0 ? 1 : -1, left = Math.abs(n);
    while (left) { days += step; if (isWorkdayDays(days)) { left--; } }
    return days;
  }
  function addMonths(days, n) {
    var p = ymd(days), m0 = p.m - 1 + n;
    var y = p.y + Math.floor(m0 / 12), m = ((m0 % 12) + 12) % 12 + 1;
    return daysFromYmd(y, m, Math.min(p.d, daysInMonth(y, m)));
  }
  function nextMonthDay(days, day) {
    var p = ymd(days), first = addMonths(daysFromYmd(p.y, p.m, 1), 1), q = ymd(first);
    return daysFromYmd(q.y, q.m, Math.min(day, daysInMonth(q.y, q.m)));
  }
  function nextQuarterFirstMonthDay(days, day) {
    var p = ymd(days), qf = daysFromYmd(p.y, Math.floor((p.m - 1) / 3) * 3 + 1, 1);
    var q = ymd(addMonths(qf, 3));
    return daysFromYmd(q.y, q.m, Math.min(day, daysInMonth(q.y, q.m)));
  }
  function dueDays(unit, amount, direction, days) {
    var sign = direction === "before" ? -1 : 1;
    if (unit === "calendar_day") { return days + sign * amount; }
    if (unit === "working_day") { return addWorkingDays(days, sign * amount); }
    if (unit === "month") { return addMonths(days, sign * amount); }
    if (unit === "next_month_day") { return nextMonthDay(days, amount); }
    if (unit === "next_quarter_first_month_day") { return nextQuarterFirstMonthDay(days, amount); }
    throw new Error("unknown unit " + unit);
  }

  // ---- archive_code.py ----------------------------------------------------

  function archiveProblems(code) {
    DATA = DATA || window.swCheckerData;
    var codes = DATA.codes, m = SHAPE.exec(code);
    if (!m) {
      return ["应有 5 段，用半角短横线“-”隔开（镇街-服务板块-性质和次序-年月-社工），现在是 " + code.split("-").length + " 段"];
    }
    var out = [];
    if (code !== code.toUpperCase()) { out.push("字母一律大写，应写成 " + code.toUpperCase()); }
    var town = m[1].toUpperCase(), area = m[2].toUpperCase(), nature = m[3].toUpperCase();
    var seq = m[4], yyyymm = m[5], initials = m[6].toUpperCase();
    if (!has(codes.towns, town)) { out.push("镇街编码“" + town + "”不在镇街编码表里"); }
    if (!has(codes.areas, area)) { out.push("服务板块编码“" + area + "”不在表里（可用 " + Object.keys(codes.areas).join("、") + "）"); }
    if (!has(codes.natures, nature)) { out.push("服务性质编码“" + nature + "”不在表里（可用 " + Object.keys(codes.natures).join("、") + "）"); }
    if ((seq.length !== 2 && seq.length !== 3) || parseInt(seq, 10) < 1) { out.push("次序“" + seq + "”应是两位数字，从 01 起按年编号"); }
    var month = yyyymm.length === 6 ? parseInt(yyyymm.slice(4, 6), 10) : 0;
    var year = parseInt(yyyymm.slice(0, 4), 10);
    if (yyyymm.length !== 6 || !(year >= 2000 && year <= 2099) || !(month >= 1 && month <= 12)) {
      out.push("服务年月“" + yyyymm + "”应是 6 位的年份加月份，如 201302 表示 2013 年 2 月");
    }
    if (initials.length < 2 || initials.length > 4) { out.push("社工编码“" + initials + "”应是姓名拼音首字母，2 到 4 个字母"); }
    return out;
  }
  function buildArchiveCode(town, area, nature, seq, year, month, initials) {
    return town + "-" + area + "-" + nature + pad(seq, 2) + "-" + pad(year, 4) + pad(month, 2) + "-" + String(initials).toUpperCase();
  }

  // ---- core.py ------------------------------------------------------------

  function problem(field, code, params, severity, template) {
    var message = fmt(DATA.messages[code], params);
    if (template) { message = fmt(template, params) + (CITING[code] ? message : ""); }
    return { field: field, code: code, severity: severity || DATA.severity[code], message: message };
  }
  function isBlank(v) {
    if (v === null || v === undefined) { return true; }
    if (typeof v === "string") { return trim(v) === ""; }
    if (Array.isArray(v)) { return v.length === 0; }
    return false;
  }
  function text(v) {
    if (v === null || v === undefined) { return ""; }
    if (typeof v === "boolean") { return v ? "是" : "否"; }
    if (typeof v === "number") { return isFinite(v) ? numText(v) : null; }
    if (typeof v === "string") { return trim(v); }
    return null;
  }
  function q(label) { return "“" + label + "”"; }
  function cellLabel(tableLabel, row, colLabel) { return "“" + tableLabel + "”第 " + (row + 1) + " 行的“" + colLabel + "”"; }
  function present(spec, key) { return has(spec, key) && spec[key] !== null && spec[key] !== undefined; }

  var patternCache = {};
  function fullMatch(pattern, s) {
    if (!has(patternCache, pattern)) {
      try { patternCache[pattern] = new RegExp("^(?:" + pattern + ")$", "u"); }
      catch (e) { patternCache[pattern] = new RegExp("^(?:" + pattern + ")$"); }
    }
    return patternCache[pattern].test(s);
  }

  /** Mirrors _check_scalar: at most one problem; returns the parsed value. */
  function checkScalar(spec, raw, key, label, env, rules, out) {
    var kind = spec.type;
    if (kind === "signature") { return null; }
    if (kind === "multichoice") {
      if (typeof raw === "string") { raw = trim(raw) ? [raw] : []; }
      if (raw === null || raw === undefined) { raw = []; }
      if (!Array.isArray(raw) || raw.some(function (x) { return typeof x !== "string"; })) {
        out.push(problem(key, "wrong-type", { label: label, expected: EXPECTED.list }));
        return null;
      }
      var items = raw.map(trim).filter(function (x) { return x; });
      if (!items.length) {
        if (spec.required) { out.push(problem(key, "required", { label: label })); }
        return [];
      }
      if (spec.options && !spec.other_option) {
        for (var i = 0; i < items.length; i++) {
          if (spec.options.indexOf(items[i]) < 0) {
            out.push(problem(key, "not-an-option", { label: label, value: clip(items[i]) }));
            return null;
          }
        }
      }
      return items;
    }
    if (typeof raw === "boolean" && kind !== "yesno") {
      out.push(problem(key, "wrong-type", { label: label, expected: EXPECTED.text }));
      return null;
    }
    var s = text(raw);
    if (s === null) {
      out.push(problem(key, "wrong-type", { label: label, expected: EXPECTED.text }));
      return null;
    }
    if (s === "") {
      if (spec.required) { out.push(problem(key, "required", { label: label })); }
      return null;
    }
    var value = clip(s);
    var parsed = s;
    var r = readAnswer(spec, s, env);
    if (r !== null) {
      if (r.problem) {
        out.push(problem(key, r.problem, Object.assign({ label: label, value: value, unit: spec.unit || "" }, r.detail)));
        return null;
      }
      parsed = r.value;
      s = r.text;
      if (r.note) { out.push(problem(key, r.note, Object.assign({ label: label, value: s }, r.detail))); }
    }
    if (kind === "number" || kind === "integer") {
      var unit = spec.unit || "";
      if (present(spec, "min") && parsed < spec.min) {
        out.push(problem(key, "too-small", { label: label, min: numText(spec.min), value: s, unit: unit }));
        return null;
      }
      if (present(spec, "max") && parsed > spec.max) {
        out.push(problem(key, "too-large", { label: label, max: numText(spec.max), value: s, unit: unit }));
        return null;
      }
    } else if (kind === "phone") {
      if (!isPhone(s)) { out.push(problem(key, "invalid-phone", { label: label, value: value })); return null; }
    } else if (kind === "archive_code") {
      var reasons = archiveProblems(s);
      if (reasons.length) {
        out.push(problem(key, "invalid-archive-code", { label: label, detail: reasons.join("；") }));
        return null;
      }
      var nature = SHAPE.exec(s)[3];
      var expected = rules.archive_natures || [];
      if (expected.length && expected.indexOf(nature) < 0) {
        out.push(problem(key, "archive-code-nature", {
          label: label,
          nature: nature,
          nature_name: DATA.codes.natures[nature] || "",
          expected: expected.map(function (n) { return n + "（" + (DATA.codes.natures[n] || "") + "）"; }).join("、")
        }));
      }
    } else if (kind === "yesno") {
      parsed = yesNo(s);
      if (parsed === null) { out.push(problem(key, "not-an-option", { label: label, value: value })); return null; }
    } else if (kind === "choice") {
      if (spec.options && !spec.other_option && spec.options.indexOf(s) < 0) {
        out.push(problem(key, "not-an-option", { label: label, value: value }));
        return null;
      }
    }
    if (kind === "text" || kind === "textarea" || kind === "choice" || kind === "phone") {
      var length = chars(s).length;
      if (present(spec, "min_length") && length < spec.min_length) {
        out.push(problem(key, "too-short", { label: label, min_length: spec.min_length, length: length }));
        return null;
      }
      if (present(spec, "max_length") && length > spec.max_length) {
        out.push(problem(key, "too-long", { label: label, max_length: spec.max_length, length: length }));
        return null;
      }
    }
    if (spec.pattern && ["text", "textarea", "phone", "choice", "date", "time", "number", "integer"].indexOf(kind) >= 0) {
      if (!fullMatch(spec.pattern, s)) {
        out.push(problem(key, "pattern", { label: label, pattern_message: spec.pattern_message || "请按说明的格式填写。" }));
        return null;
      }
    }
    return parsed;
  }

  function checkTable(spec, raw, env, rules, out) {
    var fid = spec.id, label = q(spec.label);
    if (raw === null || raw === undefined) { raw = []; }
    if (!Array.isArray(raw)) {
      out.push(problem(fid, "wrong-type", { label: label, expected: EXPECTED.table }));
      return null;
    }
    var rows = [];
    for (var i = 0; i < raw.length; i++) {
      var row = raw[i];
      if (!isObject(row)) {
        out.push(problem(fid + "[" + i + "]", "wrong-type", { label: label + "第 " + (i + 1) + " 行", expected: EXPECTED.row }));
        return null;
      }
      var blank = spec.columns.every(function (c) { return isBlank(has(row, c.id) ? row[c.id] : null); });
      if (!blank) { rows.push([i, row]); }
    }
    var count = rows.length;
    var minRows = spec.min_rows || (spec.required ? 1 : 0);
    if (count === 0 && spec.required) {
      out.push(problem(fid, "required", { label: label }));
    } else if (count < minRows) {
      out.push(problem(fid, "too-few-rows", { label: label, min_rows: minRows, rows: count }));
    } else if (present(spec, "max_rows") && count > spec.max_rows) {
      out.push(problem(fid, "too-many-rows", { label: label, max_rows: spec.max_rows, rows: count }));
    }
    return rows.map(function (pair) {
      var cells = { "#": pair[0] };
      spec.columns.forEach(function (col) {
        var key = fid + "[" + pair[0] + "]." + col.id;
        var v = has(pair[1], col.id) ? pair[1][col.id] : null;
        cells[col.id] = checkScalar(col, v, key, cellLabel(spec.label, pair[0], col.label), env, rules, out);
      });
      return cells;
    });
  }

  function threshold(c, domain) {
    var by = {};
    c.thresholds.forEach(function (t) { by[t.domain] = t; });
    return (has(by, domain) && by[domain]) || (has(by, "全部") && by["全部"]) || null;
  }
  function passes(value, t) { return t.comparison === ">=" ? value >= t.value : value > t.value; }
  function show(spec, parsed) {
    return spec.type === "time" ? pad(Math.floor(parsed / 60), 2) + ":" + pad(parsed % 60, 2) : iso(parsed);
  }
  function hasProblem(out, field) { return out.some(function (p) { return p.field === field; }); }
  function isNum(v) { return typeof v === "number"; }

  var SCOPED = ["date_order", "at_most", "not_future", "sum_fields", "product"];

  /** Mirrors _scopes: the form once, or each filled row of c.table. */
  function scopes(c, fields, parsed) {
    if (!c.table) {
      return [{ vals: parsed, key: function (n) { return n; }, label: function (n) { return q(fields[n].label); }, spec: function (n) { return fields[n]; } }];
    }
    var table = fields[c.table], cols = {};
    table.columns.forEach(function (col) { cols[col.id] = col; });
    var rows = parsed[c.table];
    return (Array.isArray(rows) ? rows : []).map(function (cells) {
      var i = cells["#"];
      return {
        vals: cells,
        key: function (n) { return table.id + "[" + i + "]." + n; },
        label: function (n) { return cellLabel(table.label, i, cols[n].label); },
        spec: function (n) { return cols[n]; }
      };
    });
  }

  function runScoped(c, sc, env, out) {
    var kind = c.kind, custom = c.message, sev = c.severity, v = sc.vals;
    var get = function (n) { return has(v, n) ? v[n] : null; };
    if (kind === "date_order") {
      var allowEqual = has(c, "allow_equal") ? !!c.allow_equal : true;
      var a = get(c.first), b = get(c.then);
      if (isNum(a) && isNum(b) && (b < a || (b === a && !allowEqual))) {
        out.push(problem(sc.key(c.then), "date-order", {
          first_label: sc.label(c.first), then_label: sc.label(c.then),
          first: show(sc.spec(c.first), a), then: show(sc.spec(c.then), b), relation: allowEqual ? "不能早于" : "必须晚于"
        }, sev, custom));
      }
    } else if (kind === "at_most") {
      var x = get(c.field), lim = get(c.limit);
      if (isNum(x) && isNum(lim) && x > lim + 1e-9) {
        out.push(problem(sc.key(c.field), "more-than-limit", {
          label: sc.label(c.field), value: numText(x), limit_label: sc.label(c.limit), limit: numText(lim)
        }, sev, custom));
      }
    } else if (kind === "not_future") {
      var d = get(c.field);
      if (isNum(d) && d > env.today) {
        out.push(problem(sc.key(c.field), "date-in-future", { label: sc.label(c.field), value: iso(d), today: iso(env.today) }, sev, custom));
      }
    } else if (kind === "sum_fields" || kind === "product") {
      var total = get(c.total), parts = c.part_ids.map(get), numbers = parts.filter(isNum);
      if (!isNum(total) || !numbers.length || (kind === "product" && numbers.length < parts.length)) { return; }
      var result = kind === "product" ? 1 : 0;
      numbers.forEach(function (n) { result = kind === "product" ? result * n : result + n; });
      if (Math.abs(result - total) > 0.005) {
        out.push(problem(sc.key(c.total), kind === "sum_fields" ? "sum-fields-mismatch" : "product-mismatch", {
          total_label: sc.label(c.total), total: numText(total),
          parts_label: c.part_ids.map(sc.label).join(parts.length === 2 ? "与" : "、"), result: numText(result)
        }, sev, custom));
      }
    }
  }

  function runCheck(c, fields, parsed, env, rules, out) {
    var kind = c.kind, custom = c.message, sev = c.severity;
    if (SCOPED.indexOf(kind) >= 0) {
      scopes(c, fields, parsed).forEach(function (sc) { runScoped(c, sc, env, out); });
    } else if (kind === "sum") {
      var total = parsed[c.total], rows = parsed[c.table];
      if (isNum(total) && Array.isArray(rows) && rows.length) {
        var s = 0;
        rows.forEach(function (cells) { var v = cells[c.column]; if (isNum(v)) { s += v; } });
        if (Math.abs(s - total) > 0.005) {
          var table = fields[c.table];
          var column = table.columns.filter(function (col) { return col.id === c.column; })[0];
          out.push(problem(c.total, "sum-mismatch", {
            total_label: q(fields[c.total].label), total: numText(total), table_label: q(table.label),
            column_label: column.label, sum: numText(s)
          }, sev, custom));
        }
      }
    } else if (kind === "count") {
      var n = parsed[c.field], trows = parsed[c.table];
      if (isNum(n) && Array.isArray(trows) && trows.length && n !== trows.length) {
        out.push(problem(c.field, "count-mismatch", {
          label: q(fields[c.field].label), value: numText(n), table_label: q(fields[c.table].label), rows: trows.length
        }, sev, custom));
      }
    } else if (kind === "required_if") {
      var when = parsed[c.when];
      var equals = typeof c.equals === "boolean" ? (c.equals ? "是" : "否") : pyStr(c.equals);
      if (fields[c.when].type === "yesno") { equals = yesNo(equals) || equals; }
      var hit = Array.isArray(when) ? when.indexOf(equals) >= 0 : when === equals;
      var target = parsed[c.field];
      var empty = target === null || target === undefined || (Array.isArray(target) && target.length === 0);
      if (hit && empty && !hasProblem(out, c.field)) {
        out.push(problem(c.field, "required-if", { when_label: q(fields[c.when].label), equals: equals, label: q(fields[c.field].label) }, sev, custom));
      }
    } else if (kind === "standard" || kind === "ratio") {
      var domain = rules.domain_field ? parsed[rules.domain_field] : null;
      var t = threshold(c, typeof domain === "string" ? domain : "");
      if (!t) { return; }
      var scope = t.domain !== "全部" ? t.domain + "领域的" : "本手册采用的";
      var note = t.note || "";
      if (kind === "standard") {
        var v = parsed[c.field];
        if (!isNum(v) || passes(v, t)) { return; }
        out.push(problem(c.field, "below-standard", {
          label: q(fields[c.field].label), value: numText(v), unit: t.unit || "", scope: scope,
          comparison: DATA.comparison[t.comparison], threshold: numText(t.value), source: t.source, note: note
        }, sev, custom));
      } else {
        var num = parsed[c.numerator], den = parsed[c.denominator];
        if (!isNum(num) || !isNum(den) || den <= 0) { return; }
        var ratio = num / den;
        if (passes(ratio, t)) { return; }
        out.push(problem(c.numerator, "ratio-below-standard", {
          numerator_label: q(fields[c.numerator].label), denominator_label: q(fields[c.denominator].label),
          value: numText(ratio * 100) + "%", scope: scope, comparison: DATA.comparison[t.comparison],
          threshold: numText(t.value * 100) + "%", source: t.source, note: note
        }, sev, custom));
      }
    } else if (kind === "deadline") {
      var ev = parsed[c.event_field], done = parsed[c.done_field];
      if (!isNum(ev) || !isNum(done)) { return; }
      var due;
      try {
        due = dueDays(c.unit, c.amount, c.direction, ev);
      } catch (e) {
        if (e instanceof YearNotCoveredError) {
          out.push(problem(c.done_field, "calendar-year-unknown", { year: e.year, rule_title: c.title }));
          return;
        }
        throw e;
      }
      if (c.unit === "working_day") {
        // A count through a 暂定 year may move when the State Council publishes its notice.
        var y0 = ymd(Math.min(ev, due)).y, y1 = ymd(Math.max(ev, due)).y, prov = [];
        Object.keys(DATA.calendar.provisional || {}).forEach(function (y) { if (+y >= y0 && +y <= y1) { prov.push(+y); } });
        prov.sort(function (a, b) { return a - b; });
        if (prov.length) {
          out.push(problem(c.done_field, "deadline-provisional", { rule_title: c.title, due: iso(due), years: prov.join("、") }));
        }
      }
      if (done > due) {
        out.push(problem(c.done_field, "deadline-missed", {
          done_label: q(fields[c.done_field].label), done: iso(done), rule_text: c.text, due: iso(due), source: c.source
        }, sev, custom));
      }
    }
  }

  /** Python's str() for the JSON scalars a YAML `equals:` can hold. */
  function pyStr(v) {
    if (v === null || v === undefined) { return "None"; }
    if (typeof v === "number") { return Number.isInteger(v) ? String(v) : String(v); }
    return String(v);
  }

  /**
   * Check values against compiled rules (one entry of swCheckerData.forms).
   * @param {any} rules @param {any} values
   * @returns {Array<{field: string, code: string, severity: string, message: string}>}
   */
  function checkRules(rules, values, today) {
    DATA = DATA || window.swCheckerData;
    if (!isObject(values)) {
      return [problem("", "damaged", { detail: "内容应是“字段: 值”的对象，实际是" + kindOf(values) })];
    }
    var env = makeEnv(rules, values, today);
    var out = [], fields = {}, parsed = {};
    rules.fields.forEach(function (f) { fields[f.id] = f; });
    rules.fields.forEach(function (f) {
      var raw = has(values, f.id) ? values[f.id] : null;
      parsed[f.id] = f.type === "table" ? checkTable(f, raw, env, rules, out) : checkScalar(f, raw, f.id, q(f.label), env, rules, out);
    });
    (rules.checks || []).forEach(function (c) { runCheck(c, fields, parsed, env, rules, out); });
    return out;
  }

  /**
   * The answer of one field written the standard way, as the page shows it
   * after the worker leaves the field. values: the whole form (for the year of
   * a date typed without one). Returns {text, problem, note}: text null when
   * the answer cannot be read (the checker then explains why).
   * @param {string} formId @param {string} fieldId @param {string|null} columnId
   * @param {string} typed @param {any} values @param {string=} today YYYY-MM-DD
   */
  function normalise(formId, fieldId, columnId, typed, values, today) {
    DATA = DATA || window.swCheckerData;
    var rules = rulesFor(formId), s = trim(String(typed));
    if (!rules || s === "") { return { text: null, problem: null, note: null }; }
    var spec = null;
    rules.fields.forEach(function (f) {
      if (f.id !== fieldId) { return; }
      spec = columnId ? (f.columns || []).filter(function (c) { return c.id === columnId; })[0] || null : f;
    });
    var r = spec ? readAnswer(spec, s, makeEnv(rules, values, today)) : null;
    return r ? { text: r.text, problem: r.problem, note: r.note } : { text: null, problem: null, note: null };
  }

  /** What a JSON value is, in words (same as _kind() in core.py). */
  function kindOf(v) {
    if (v === null || v === undefined) { return "空值"; }
    if (Array.isArray(v)) { return "列表"; }
    if (typeof v === "boolean") { return "真假值"; }
    if (typeof v === "number") { return "数字"; }
    if (typeof v === "string") { return "文字"; }
    return "对象";
  }

  /**
   * @param {string} formId @param {any} values
   * @returns {Array<{field: string, code: string, severity: string, message: string}>}
   */
  function check(formId, values, today) {
    DATA = DATA || window.swCheckerData;
    var rules = rulesFor(formId);
    if (!rules) { return [problem("", "unknown-form", { form: clip(String(formId)) })]; }
    return checkRules(rules, values, today);
  }

  function dueDate(unit, amount, direction, isoDate) {
    var days = parseDate(isoDate);
    if (days === null) { return { invalid: true }; }
    try {
      return { date: iso(dueDays(unit, amount, direction, days)) };
    } catch (e) {
      if (e instanceof YearNotCoveredError) { return { uncoveredYear: e.year }; }
      throw e;
    }
  }

  function rulesFor(formId) {
    if (!known(formId)) { fetchNow(formId); }
    return known(formId) ? window.swCheckerRules[formId] : null;
  }
  function known(formId) { return has(window.swCheckerRules || {}, formId); }

  // A caller asking for another form's rules gets an answer at once: over
  // HTTP that form's small rules file is read synchronously. file:// forbids
  // that, so there rules-all.js follows the first paint (until it has loaded
  // the caller gets unknown-form).
  var fetched = {};
  function fetchNow(formId) {
    var ids = (window.swCheckerData || {}).forms || [];
    if (fetched[formId] || ids.indexOf(formId) < 0 || !/^https?:$/.test(location.protocol)) { return; }
    fetched[formId] = true;
    try {
      var xhr = new XMLHttpRequest();
      xhr.open("GET", BASE + "rules/" + formId + ".js", false);
      xhr.send();
      if (xhr.status === 200) { (0, eval)(xhr.responseText); }
    } catch (e) { /* leave it to rules-all.js */ }
  }

  // ---- loading ------------------------------------------------------------

  var pending = 0, waiting = [], requested = {};
  function flush() {
    DATA = window.swCheckerData || null;
    if (pending || !DATA) { return; }
    var list = waiting;
    waiting = [];
    list.forEach(function (fn) { fn(); });
  }
  function addScript(name) {
    if (requested[name]) { return; }
    requested[name] = true;
    pending++;
    var s = document.createElement("script");
    s.src = BASE + name;
    s.async = false;
    s.onload = s.onerror = function () { pending--; flush(); };
    document.head.appendChild(s);
  }
  /** Load the shared data and the rules of formIds, then call callback. */
  function load(formIds, callback) {
    if (callback) { waiting.push(callback); }
    if (!window.swCheckerData) { addScript("checker-data.js"); }
    (formIds || []).forEach(function (id) {
      if (/^[a-z][a-z0-9-]*$/.test(id) && !known(id)) { addScript("rules/" + id + ".js"); }
    });
    flush();
  }
  function ready(callback) { waiting.push(callback); flush(); }

  // Only pages with a form or a tool load the data.
  (function autoload() {
    var ids = Array.prototype.map.call(document.querySelectorAll("form[data-form-id]"), function (f) {
      return f.getAttribute("data-form-id");
    });
    if (ids.length || document.querySelector('[data-module="sw-archive-code"], [data-module="sw-deadlines"]')) { load(ids); }
    // From file:// a form page also gets every other form's rules, so
    // check(anyFormId, values) works there; after the first paint, because the
    // page itself does not need them (175 KB the reader would wait for).
    if (ids.length && location.protocol === "file:") {
      requestAnimationFrame(function () { setTimeout(function () { addScript("rules-all.js"); }); });
    }
  })();

  window.formChecker = {
    check: check,
    checkRules: checkRules,
    normalise: normalise,
    spellings: {
      number: function (s, integer, unit) { DATA = DATA || window.swCheckerData; return normaliseNumber(s, DATA.spellings, !!integer, unit || ""); },
      date: function (s, reference, today) {
        DATA = DATA || window.swCheckerData;
        var t = today ? parseIsoDay(today) : localToday();
        return normaliseDate(s, DATA.spellings, reference ? parseIsoDay(reference) : t, t);
      },
      time: function (s) { DATA = DATA || window.swCheckerData; return normaliseTime(s, DATA.spellings); }
    },
    rules: rulesFor,
    load: load,
    ready: ready,
    archiveProblems: archiveProblems,
    buildArchiveCode: buildArchiveCode,
    dueDate: dueDate,
    isWorkday: function (isoDate) { return isWorkdayDays(parseDate(isoDate)); },
    YearNotCoveredError: YearNotCoveredError,
    util: { trim: trim, parseDate: parseDate, iso: iso, numText: numText, fmt: fmt, today: function () { return iso(localToday()); } }
  };
})();
