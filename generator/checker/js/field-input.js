/**
 * field-input.js — on every form page, the typing side of the checker:
 *
 * - what is typed into a number, date, time or phone box is read with the
 *   spellings table (formChecker.normalise: the very reading the checker does,
 *   data/input/spellings.yaml) and, when the worker leaves the box, shown back
 *   the standard way: "２０２６年9月30日" → 2026-09-30, "第1节" → 1, "下午3点" → 15:00.
 *   What cannot be read stays as typed; 检查 then says why, with an example.
 * - date and time boxes are text boxes (any spelling, shown the same in every
 *   locale); beside each sits the browser's own picker (.js-picker, an
 *   <input type=date|time> without a name), which writes its choice into the box.
 * - on paper the form header carries 打印日期 as YYYY-MM-DD, never in the
 *   browser's locale.
 *
 * Needs window.formChecker and window.swForm. No network; values only ever
 * go through .value and textContent.
 */
(function () {
  "use strict";

  var TEXT = { printDate: "打印日期：" };
  var PICKERS_ON = "sw-form--pickers";

  function pad(n) { return n < 10 ? "0" + n : String(n); }
  /** Today as YYYY-MM-DD in this computer's time zone (not toLocaleDateString: that follows the locale). */
  function isoToday() { var d = new Date(); return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }

  /** [fieldId, columnId|null] for a control named FIELD or FIELD.ROW.COLUMN. */
  function fieldOf(el) {
    var parts = (el.getAttribute("name") || "").split(".");
    return parts.length === 3 ? [parts[0], parts[2]] : [parts[0], null];
  }

  /** The box a picker belongs to (the text input just before it). */
  function boxOf(picker) {
    var prev = picker.previousElementSibling;
    return prev && prev.tagName === "INPUT" ? prev : null;
  }

  function tidy(formEl, formId, el) {
    if (!el.getAttribute("name") || el.classList.contains("js-picker")) { return; }
    var at = fieldOf(el);
    var r = window.formChecker.normalise(formId, at[0], at[1], el.value, window.swForm.values(formEl));
    if (r.text !== null && r.text !== el.value) {
      el.value = r.text;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  /** Open the picker on the box's current answer (when it reads as one). */
  function syncPicker(formEl, formId, picker) {
    var box = boxOf(picker);
    if (!box) { return; }
    var at = fieldOf(box);
    var r = window.formChecker.normalise(formId, at[0], at[1], box.value, window.swForm.values(formEl));
    picker.value = r.text || "";
  }

  function limitYears(picker) {
    var sp = window.swCheckerData.spellings.date, y = new Date().getFullYear();
    picker.min = pad4(y - sp.years_back) + "-01-01";
    picker.max = pad4(y + sp.years_ahead) + "-12-31";
  }
  function pad4(n) { var s = String(n); while (s.length < 4) { s = "0" + s; } return s; }

  function setup(formEl) {
    var formId = formEl.getAttribute("data-form-id");
    if (formEl.getAttribute("data-sw-input-init") === "true" || !window.formChecker.rules(formId)) { return; }
    formEl.setAttribute("data-sw-input-init", "true");
    formEl.classList.add(PICKERS_ON);
    formEl.addEventListener("change", function (event) {
      var el = event.target;
      if (el.classList && el.classList.contains("js-picker")) {
        var box = boxOf(el);
        if (box && el.value) {
          box.value = el.value;
          box.dispatchEvent(new Event("input", { bubbles: true }));
        }
        return;
      }
      if (el.tagName === "INPUT" && (el.type === "text" || el.type === "tel")) { tidy(formEl, formId, el); }
    });
    // Before a picker opens (mouse, touch or focus): start from the box's date, within plausible years.
    function beforeOpen(event) {
      var el = event.target;
      if (!el.classList || !el.classList.contains("js-picker")) { return; }
      if (el.type === "date") { limitYears(el); }
      syncPicker(formEl, formId, el);
    }
    formEl.addEventListener("pointerdown", beforeOpen);
    formEl.addEventListener("focusin", beforeOpen);
    // 检查 and 下载已填写的 Word 文件 also tidy answers that never passed through
    // a box (a restored draft, an imported file): capture runs before
    // form-ui.js checks and before sw-form.js reads the values for Word.
    formEl.addEventListener("click", function (event) {
      if (!event.target.closest || !event.target.closest(".js-check, .js-word")) { return; }
      Array.prototype.forEach.call(formEl.querySelectorAll('input[type="text"][name], input[type="tel"][name]'), function (el) {
        tidy(formEl, formId, el);
      });
    }, true);
  }

  function printDate() {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-module="sw-form"] .sw-form-header'), function (header) {
      var p = header.querySelector(".sw-print-date");
      if (!p) {
        p = document.createElement("p");
        p.className = "sw-print-only sw-print-date";
        header.appendChild(p);
      }
      p.textContent = TEXT.printDate + isoToday();
    });
  }

  function init() {
    if (!window.formChecker || !window.swForm || !window.swCheckerData) { return; }
    Array.prototype.forEach.call(document.querySelectorAll('form[data-module="sw-form"][data-form-id]'), setup);
  }

  window.addEventListener("beforeprint", printDate);
  window.swFieldInput = { printDate: printDate, isoToday: isoToday, text: TEXT };
  function start() { if (window.formChecker) { window.formChecker.ready(init); } }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
