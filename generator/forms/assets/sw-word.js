/**
 * sw-word.js — 下载已填写的 Word 文件: fill the form's own Word template with
 * the typed values, in this browser. Loaded by sw-form.js on the button's
 * click, together with fflate (zip) and the form's template script.
 *
 * The browser twin of generator/forms/wordfill.py: read that module's
 * docstring for the contract; every function here has the same name there
 * without the leading underscore rules, and the parity test runs both over
 * every form's worked example. Pure string work on the XML: no network, no
 * DOM except the download link.
 *
 * Public API (window.swWord):
 *   fillXml(xml, spec, values) -> string      the filled word/document.xml
 *   fillDocx(bytes, spec, values) -> Uint8Array  the filled .docx (needs window.fflate)
 *   fieldText(spec, value, other) / cellText(spec, value)
 */
(function () {
  "use strict";

  var W = "\u3000";
  var TICKED = "\u2611", UNTICKED = "\u2610";
  var DOCUMENT = "word/document.xml";
  var OTHER_BLANK = "其他：＿＿＿＿";
  var T = /<w:t(?: [^>]*)?>⟦([ft]):([^⟧<]*)⟧<\/w:t>/g;
  // Lone surrogates (\p{Cs} under the u flag) and characters XML 1.0 forbids.
  var BAD_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|\p{Cs}/gu;
  var DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
  var COMPACT = { number: 1, integer: 1, phone: 1, time: 1, date: 1, archive_code: 1 };

  function own(obj, key) { return obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key); }
  function get(obj, key) { return own(obj, key) ? obj[key] : undefined; }
  function repeat(s, n) { var out = ""; for (var i = 0; i < n; i++) { out += s; } return out; }

  function text(v) {
    if (v === null || v === undefined || typeof v === "object" || typeof v === "function") { return ""; }
    return String(v).replace(/\r\n/g, "\n").replace(/\r/g, "\n").replace(BAD_XML, "").trim();
  }

  function compact(s) { return s.normalize("NFKC").trim(); }

  function pad(n, width) { var s = String(n); while (s.length < width) { s = "0" + s; } return s; }

  function date(s, iso) {
    var m = DATE.exec(compact(s));
    if (!m) { return s; }
    var y = parseInt(m[1], 10), mo = parseInt(m[2], 10), d = parseInt(m[3], 10);
    if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31)) { return s; }
    return iso ? pad(y, 4) + "-" + pad(mo, 2) + "-" + pad(d, 2) : y + "年" + mo + "月" + d + "日";
  }

  function ticks(options, value, other, otherText, sep) {
    var chosen = (Array.isArray(value) ? value : [value]).map(text).filter(function (x) { return x !== ""; });
    var parts = options.map(function (o) { return (chosen.indexOf(o) !== -1 ? TICKED : UNTICKED) + o; });
    chosen.forEach(function (x) { if (options.indexOf(x) === -1) { parts.push(TICKED + x); } });
    if (other) { parts.push(otherText ? TICKED + "其他：" + otherText : UNTICKED + OTHER_BLANK); }
    return parts.join(sep);
  }

  function empty(type, unit) {
    if (type === "date") { return repeat(W, 3) + "年" + repeat(W, 2) + "月" + repeat(W, 2) + "日"; }
    if (type === "time") { return repeat(W, 2) + "时" + repeat(W, 2) + "分"; }
    return unit ? repeat(W, 4) + unit : "";
  }

  /** What a field's cell says for value (other: its 其他 text). */
  function fieldText(spec, value, other) {
    var t = spec.type;
    if (t === "choice" || t === "multichoice" || t === "yesno") { return ticks(spec.options, value, spec.other, text(other), W); }
    var s = text(value);
    if (t === "textarea") {
      var lines = s ? s.split("\n") : [];
      while (lines.length < spec.lines) { lines.push(""); }
      return lines.join("\n");
    }
    if (!s) { return empty(t, spec.unit); }
    if (t === "date") { return date(s, false); }
    if (COMPACT[t]) { s = compact(s); }
    return spec.unit ? s + spec.unit : s;
  }

  /** What a table cell says for value. */
  function cellText(spec, value) {
    var t = spec.type;
    if (t === "signature") { return ""; }
    if (spec.ticks) { return ticks(spec.options, value, false, "", " "); }
    var s = text(value);
    if (t === "date") { return date(s, true); }
    return COMPACT[t] ? compact(s) : s;
  }

  function escape(s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }

  function runs(s) {
    return s.split("\n").map(function (line) { return '<w:t xml:space="preserve">' + escape(line) + "</w:t>"; }).join("<w:br/>");
  }

  function rowsOf(v) {
    return (Array.isArray(v) ? v : []).filter(function (r) {
      return r !== null && typeof r === "object" && !Array.isArray(r) &&
        Object.keys(r).some(function (k) { return text(r[k]) !== ""; });
    });
  }

  /** The template's word/document.xml with every marker replaced. */
  function fillXml(xml, spec, values) {
    values = values !== null && typeof values === "object" && !Array.isArray(values) ? values : {};
    Object.keys(spec.tables).forEach(function (tableId) {
      var table = spec.tables[tableId];
      var at = xml.indexOf("⟦t:" + tableId + ":");
      if (at < 0) { return; }
      var start = Math.max(xml.lastIndexOf("<w:tr>", at), xml.lastIndexOf("<w:tr ", at));
      var end = xml.indexOf("</w:tr>", at) + "</w:tr>".length;
      var template = xml.slice(start, end);
      var rows = rowsOf(get(values, tableId));
      var out = [];
      for (var n = 0; n < Math.max(rows.length, table.rows); n++) {
        var row = n < rows.length ? rows[n] : {};
        out.push(template.replace(T, function (m, kind, name) {
          var key = name.slice(name.indexOf(":") + 1);
          if (key === "#") { return runs(String(n + 1)); }
          var column = get(table.columns, key);
          return runs(column ? cellText(column, get(row, key)) : "");
        }));
      }
      xml = xml.slice(0, start) + out.join("") + xml.slice(end);
    });
    return xml.replace(T, function (m, kind, id) {
      var field = get(spec.fields, id);
      if (kind !== "f" || !field) { return runs(""); }
      return runs(fieldText(field, get(values, id), get(values, id + "_other")));
    });
  }

  /** The filled .docx: the template's parts in their order, document.xml filled. */
  function fillDocx(bytes, spec, values) {
    var fflate = window.fflate;
    var parts = fflate.unzipSync(bytes);
    parts[DOCUMENT] = fflate.strToU8(fillXml(fflate.strFromU8(parts[DOCUMENT]), spec, values));
    return fflate.zipSync(parts, { level: 6 });
  }

  function base64Bytes(b64) {
    var bin = atob(b64), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out;
  }

  /** Fill the form's template (window.swWordTemplates[formId]) and save it as fileName. */
  function download(formId, values, fileName) {
    var tpl = window.swWordTemplates[formId];
    var bytes = fillDocx(base64Bytes(tpl.docx), tpl.spec, values);
    var blob = new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    return bytes.length;
  }

  window.swWord = { fillXml: fillXml, fillDocx: fillDocx, fieldText: fieldText, cellText: cellText, download: download };
})();
