/**
 * form-ui.js — on every form page: 检查 with a GOV.UK-style error summary,
 * drafts kept in this browser only, 导出/导入 as a JSON file.
 *
 * Needs window.swForm (sw-form.js: values/fill/clear) and window.formChecker.
 * Starts from form[data-module="sw-form"][data-form-id]; hooks are js- classes
 * made by the forms engine (js-check, js-export, js-import, js-clear-draft),
 * error slots #f-FIELD-error and the .sw-error-summary box.
 * Nothing here makes a network request; user text only ever goes through
 * textContent, never innerHTML.
 */
(function () {
  "use strict";

  var PREFIX = "sw-draft:";
  var FORMAT = "sw-form-data";
  var DAY_MS = 86400000;

  /** All user-facing text. */
  var TEXT = {
    errorTitle: function (n) { return "请先改正以下 " + n + " 个问题"; },
    warningTitle: function (n) { return "有 " + n + " 条提醒，请确认"; },
    warningsHeading: "提醒（可以保存，但请确认是否属实）",
    errorPrefix: "错误：",
    warningPrefix: "提醒：",
    titlePrefix: "错误：",
    allGood: "检查完成：没有发现问题。",
    draftNotice: function (days) {
      return "填写的内容自动保存在这台电脑的浏览器里，不会上传到任何地方；" + days +
        " 天不修改会自动删除。办公室电脑多人共用，填完并导出或打印后，请按“清除本机草稿”。";
    },
    saved: function (time) { return "　草稿已保存在本机（" + time + "）。"; },
    restored: function (time) { return "　已恢复本机草稿（" + time + " 保存）。"; },
    noStorage: "这个浏览器不允许保存草稿：关闭页面前请先导出或打印。",
    nothingToSave: "表格还是空的，没有需要保存的内容。",
    confirmClear: "确定清除这张表格在本机的草稿吗？已填写的内容会全部清空，无法恢复。",
    cleared: "　本机草稿已清除。",
    imported: function (name) { return "已导入“" + name + "”。"; },
    importBadJson: "导入失败：文件不是有效的 JSON，可能已经损坏。表格内容没有改动。",
    importNoValues: "导入失败：文件里没有表格数据（不是从本站导出的文件？）。表格内容没有改动。",
    importOtherForm: function (other, mine) { return "导入失败：这个文件是《" + other + "》的数据，不能导入《" + mine + "》。表格内容没有改动。"; },
    importDamaged: function (detail) { return "导入失败：文件里的数据不完整或已损坏（" + detail + "）。表格内容没有改动。"; },
    importUnreadable: "导入失败：无法读取这个文件。表格内容没有改动。"
  };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } }
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function stamp(ms) {
    var d = new Date(ms);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  // ---- drafts -------------------------------------------------------------

  var storage = (function () {
    try {
      var s = window.localStorage, probe = PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) { return null; }
  })();

  function maxAgeDays() { return window.swCheckerData.drafts.max_age_days; }

  /** Remove every draft (of any form) older than the setting, and unreadable ones. */
  function purgeExpired(now) {
    if (!storage) { return; }
    var limit = maxAgeDays() * DAY_MS, doomed = [];
    for (var i = 0; i < storage.length; i++) {
      var key = storage.key(i);
      if (key && key.indexOf(PREFIX) === 0) {
        var draft = null;
        try { draft = JSON.parse(storage.getItem(key)); } catch (e) { draft = null; }
        if (!isObject(draft) || typeof draft.saved !== "number" || now - draft.saved > limit) { doomed.push(key); }
      }
    }
    doomed.forEach(function (k) { storage.removeItem(k); });
  }

  function readDraft(formId) {
    if (!storage) { return null; }
    try {
      var d = JSON.parse(storage.getItem(PREFIX + formId));
      return isObject(d) && isObject(d.values) ? d : null;
    } catch (e) { return null; }
  }

  function isEmpty(values) {
    return Object.keys(values).every(function (k) {
      var v = values[k];
      return v === "" || v === null || v === undefined || (Array.isArray(v) && v.length === 0);
    });
  }

  // ---- error display ------------------------------------------------------

  /** Where a problem's field lives: the control to link/mark and the error slot. */
  function locate(formEl, field) {
    var m = /^([a-z][a-z0-9_]*)(?:\[(\d+)\](?:\.([a-z][a-z0-9_]*))?)?$/.exec(field || "");
    if (!m) { return null; }
    var control = null;
    if (m[3] !== undefined) { control = formEl.querySelector("#f-" + m[1] + "-" + m[2] + "-" + m[3]); }
    control = control || formEl.querySelector("#f-" + m[1]);
    return { id: m[1], control: control, slot: formEl.querySelector("#f-" + m[1] + "-error"), wrapper: formEl.querySelector('[data-field="' + m[1] + '"]') };
  }

  function controlsOf(loc) {
    if (!loc.control) { return []; }
    var name = loc.control.getAttribute("name");
    if (loc.control.type === "radio" || loc.control.type === "checkbox") {
      return Array.prototype.slice.call(loc.wrapper ? loc.wrapper.querySelectorAll('input[name="' + name + '"]') : [loc.control]);
    }
    return [loc.control];
  }

  /** Undo display(); the summary stays open when keepSummary (it is about to be refilled). */
  function resetDisplay(formEl, keepSummary) {
    Array.prototype.forEach.call(formEl.querySelectorAll("[data-sw-described]"), function (c) {
      var original = c.getAttribute("data-sw-described");
      if (original) { c.setAttribute("aria-describedby", original); } else { c.removeAttribute("aria-describedby"); }
      c.removeAttribute("data-sw-described");
      c.removeAttribute("aria-invalid");
    });
    Array.prototype.forEach.call(formEl.querySelectorAll(".sw-error-message"), function (slot) { clear(slot); slot.hidden = true; });
    Array.prototype.forEach.call(formEl.querySelectorAll(".sw-field--error, .sw-field--warning"), function (w) {
      w.classList.remove("sw-field--error", "sw-field--warning");
    });
    var summary = formEl.querySelector(".sw-error-summary");
    // Hiding the focused summary makes the browser move focus and lay out the
    // page again: skip it when the summary is refilled right away.
    if (summary && !keepSummary) { summary.hidden = true; summary.classList.remove("sw-error-summary--warnings"); }
    document.title = document.title.indexOf(TEXT.titlePrefix) === 0 ? document.title.slice(TEXT.titlePrefix.length) : document.title;
  }

  function focusTarget(loc) {
    // Like govuk-frontend: focus the control, scroll its label or legend into view.
    if (!loc || !loc.control) { return; }
    var label = loc.wrapper && loc.wrapper.querySelector("legend, .sw-label");
    loc.control.focus({ preventScroll: true });
    (label || loc.control).scrollIntoView({ block: "start" });
  }

  /** Problems sorted the way the fields appear on the page (stable), as GOV.UK lists them. */
  function inFormOrder(formEl, problems) {
    var rules = window.formChecker.rules(formEl.getAttribute("data-form-id"));
    var order = {};
    (rules ? rules.fields : []).forEach(function (f, i) { order[f.id] = i; });
    return problems.map(function (p, i) {
      var id = (p.field || "").split("[")[0];
      return { p: p, i: i, at: id === "" ? -1 : (id in order ? order[id] : 1e6) };
    }).sort(function (a, b) { return a.at - b.at || a.i - b.i; }).map(function (x) { return x.p; });
  }

  /**
   * Show problems from formChecker.check: summary at the top, messages next to
   * the fields, aria-invalid/aria-describedby, "错误：" in the page title.
   */
  function display(formEl, problems, status) {
    problems = inFormOrder(formEl, problems);
    resetDisplay(formEl, problems.length > 0);
    var errors = problems.filter(function (p) { return p.severity === "error"; });
    var warnings = problems.filter(function (p) { return p.severity !== "error"; });
    status.textContent = problems.length ? "" : TEXT.allGood;
    var summary = formEl.querySelector(".sw-error-summary");
    if (!problems.length || !summary) { return; }
    var title = summary.querySelector(".sw-error-summary__title");
    var list = summary.querySelector(".sw-error-summary__list");
    var wlist = summary.querySelector(".sw-error-summary__warnings");
    var wHead = summary.querySelector(".sw-error-summary__warnings-title");
    if (!wlist) {
      wHead = el("h3", TEXT.warningsHeading, "sw-error-summary__warnings-title");
      wlist = el("ul", null, "sw-error-summary__warnings");
      summary.appendChild(wHead);
      summary.appendChild(wlist);
    }
    clear(list);
    clear(wlist);
    title.textContent = errors.length ? TEXT.errorTitle(errors.length) : TEXT.warningTitle(warnings.length);
    summary.classList.toggle("sw-error-summary--warnings", !errors.length);
    list.hidden = !errors.length;
    wlist.hidden = wHead.hidden = !warnings.length;
    problems.forEach(function (p) {
      var isError = p.severity === "error";
      var loc = locate(formEl, p.field);
      var li = el("li", null, isError ? "sw-error-summary__item" : "sw-error-summary__item sw-error-summary__item--warning");
      // Not data-field: that marks the field wrappers, and sw-form.js / locate() would take this
      // <li> for the field (添加一行 then failed after a table error).
      li.setAttribute("data-problem-field", p.field);
      li.setAttribute("data-code", p.code);
      if (loc && loc.control) {
        var a = el("a", p.message);
        a.href = "#" + loc.control.id;
        a.addEventListener("click", function (event) { event.preventDefault(); focusTarget(loc); });
        li.appendChild(a);
      } else {
        li.textContent = p.message;
      }
      (isError ? list : wlist).appendChild(li);
      if (!loc) { return; }
      if (loc.slot) {
        var line = el("span", null, isError ? "sw-error-line" : "sw-error-line sw-warning-line");
        line.appendChild(el("span", isError ? TEXT.errorPrefix : TEXT.warningPrefix, "sw-visually-hidden"));
        line.appendChild(document.createTextNode(p.message));
        loc.slot.appendChild(line);
        loc.slot.hidden = false;
      }
      if (loc.wrapper) {
        if (isError) { loc.wrapper.classList.remove("sw-field--warning"); loc.wrapper.classList.add("sw-field--error"); }
        else if (!loc.wrapper.classList.contains("sw-field--error")) { loc.wrapper.classList.add("sw-field--warning"); }
      }
      controlsOf(loc).forEach(function (c) {
        if (!c.hasAttribute("data-sw-described")) { c.setAttribute("data-sw-described", c.getAttribute("aria-describedby") || ""); }
        var ids = (c.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
        if (loc.slot && ids.indexOf(loc.slot.id) < 0) { ids.push(loc.slot.id); }
        if (ids.length) { c.setAttribute("aria-describedby", ids.join(" ")); }
        if (isError) { c.setAttribute("aria-invalid", "true"); }
      });
    });
    if (errors.length) { document.title = TEXT.titlePrefix + document.title; }
    summary.hidden = false;
    summary.focus();
  }

  // ---- export / import ----------------------------------------------------

  function exportFile(formEl, formId) {
    var payload = {
      format: FORMAT,
      version: 1,
      form: formId,
      title: (window.formChecker.rules(formId) || {}).title || formId,
      exported: new Date().toISOString(),
      values: window.swForm.values(formEl)
    };
    var blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var a = el("a");
    var d = new Date();
    a.href = url;
    a.download = formId + "-" + d.getFullYear() + pad(d.getMonth() + 1) + pad(d.getDate()) + ".json";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 0);
  }

  /** Validate an imported file's text; returns {values} or {error}. */
  function parseImport(text, formId) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return { error: TEXT.importBadJson }; }
    if (!isObject(data) || !isObject(data.values)) { return { error: TEXT.importNoValues }; }
    if (data.form !== formId) {
      var other = window.formChecker.rules(String(data.form));
      var name = other ? other.title : window.formChecker.util.trim(String(data.form)).slice(0, 40);
      return { error: TEXT.importOtherForm(name, window.formChecker.rules(formId).title) };
    }
    var broken = window.formChecker.check(formId, data.values).filter(function (p) {
      return p.code === "wrong-type" || p.code === "damaged";
    });
    if (broken.length) { return { error: TEXT.importDamaged(broken[0].message) }; }
    return { values: data.values };
  }

  // ---- wiring -------------------------------------------------------------

  function setup(formEl) {
    var formId = formEl.getAttribute("data-form-id");
    if (!window.formChecker.rules(formId) || formEl.getAttribute("data-sw-checker-init") === "true") { return; }
    formEl.setAttribute("data-sw-checker-init", "true");
    var key = PREFIX + formId;
    var toolbar = formEl.querySelector(".sw-toolbar") || formEl;
    Array.prototype.forEach.call(formEl.querySelectorAll(".js-check, .js-export, .js-import, .js-clear-draft, .js-save-draft"), function (b) { b.hidden = false; });
    // The bottom bar repeats what the top status lines say, where the finger is.
    // Not a live region itself: the top ones already announce it.
    var barStatus = formEl.querySelector(".js-bar-status");
    function echo(text) { if (barStatus) { barStatus.textContent = text.replace(/^\u3000+/, ""); } }

    var notice = el("p", TEXT.draftNotice(maxAgeDays()), "sw-draft-notice no-print");
    // Draft saves report here, apart from check and import results, so an
    // autosave never overwrites what the 检查 button just said.
    var draftStatus = el("span", "", "sw-draft-status js-draft-status");
    notice.appendChild(draftStatus);
    var status = el("p", "", "sw-form-status no-print js-form-status");
    status.setAttribute("role", "status");
    var alertBox = el("p", "", "sw-import-error no-print js-import-error");
    alertBox.setAttribute("role", "alert");
    toolbar.parentNode.insertBefore(notice, toolbar);
    toolbar.parentNode.insertBefore(status, toolbar.nextSibling);
    toolbar.parentNode.insertBefore(alertBox, status.nextSibling);
    // Opened by the 导入 button; hidden itself so there is one control to tab to.
    var fileInput = el("input", null, "js-import-file");
    fileInput.type = "file";
    fileInput.accept = ".json,application/json";
    fileInput.hidden = true;
    fileInput.setAttribute("aria-label", "选择要导入的 JSON 文件");
    toolbar.appendChild(fileInput);

    var restoring = false, timer = null;
    /** @param {boolean} [manual] from the 保存草稿 button: always say so, even for an empty form */
    function save(manual) {
      timer = null;
      if (!storage) { if (manual) { echo(TEXT.noStorage); } return; }
      if (restoring) { return; }
      var values = window.swForm.values(formEl);
      try {
        if (isEmpty(values)) { storage.removeItem(key); if (manual) { echo(TEXT.nothingToSave); } return; }
        var now = Date.now();
        // The title lets the 本机草稿 list (drafts.js) name the form without its rules.
        storage.setItem(key, JSON.stringify({ form: formId, title: window.formChecker.rules(formId).title, saved: now, values: values }));
        draftStatus.textContent = TEXT.saved(stamp(now));
        if (manual) { echo(draftStatus.textContent); }
        changed();
      } catch (e) { draftStatus.textContent = TEXT.noStorage; echo(TEXT.noStorage); }
    }
    function changed() { document.dispatchEvent(new CustomEvent("sw-drafts-changed", { detail: { id: formId } })); }
    function schedule() {
      if (restoring) { return; }
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(function () { save(false); }, 300);
    }
    function fill(values) {
      if (timer) { clearTimeout(timer); timer = null; }
      restoring = true;
      try { window.swForm.fill(formEl, values); } finally { restoring = false; }
    }

    if (!storage) {
      notice.textContent = TEXT.noStorage;
    } else {
      purgeExpired(Date.now());
      var draft = readDraft(formId);
      if (draft) {
        fill(draft.values);
        draftStatus.textContent = TEXT.restored(stamp(draft.saved));
      }
    }
    formEl.addEventListener("input", schedule);
    formEl.addEventListener("change", schedule);
    window.addEventListener("pagehide", function () { if (timer) { clearTimeout(timer); save(); } });

    formEl.addEventListener("click", function (event) {
      var b = event.target.closest("button");
      if (!b || !formEl.contains(b)) { return; }
      if (b.classList.contains("js-check")) {
        alertBox.textContent = "";
        display(formEl, window.formChecker.check(formId, window.swForm.values(formEl)), status);
        echo(status.textContent);
      } else if (b.classList.contains("js-save-draft")) {
        if (timer) { clearTimeout(timer); }
        save(true);
      } else if (b.classList.contains("js-export")) {
        exportFile(formEl, formId);
      } else if (b.classList.contains("js-import")) {
        fileInput.value = "";
        fileInput.click();
      } else if (b.classList.contains("js-clear-draft")) {
        if (!window.confirm(TEXT.confirmClear)) { return; }
        if (storage) { storage.removeItem(key); }
        emptied();
        changed();
      }
    });

    /** The draft is gone: empty the form so nothing is left to save again. */
    function emptied() {
      if (timer) { clearTimeout(timer); timer = null; }
      fill({});
      resetDisplay(formEl);
      alertBox.textContent = "";
      status.textContent = "";
      draftStatus.textContent = TEXT.cleared;
      echo(TEXT.cleared);
    }
    // 删除 or 清除本机全部草稿 in the 本机草稿 list (drafts.js).
    document.addEventListener("sw-drafts-removed", function (event) {
      var d = event.detail || {};
      if (d.all || (d.ids || []).indexOf(formId) >= 0) { emptied(); }
    });

    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) { return; }
      var reader = new FileReader();
      reader.onload = function () {
        var result = parseImport(String(reader.result), formId);
        if (result.error) { status.textContent = ""; alertBox.textContent = result.error; return; }
        alertBox.textContent = "";
        fill(result.values);
        resetDisplay(formEl);
        save();
        status.textContent = TEXT.imported(file.name);
      };
      reader.onerror = function () { alertBox.textContent = TEXT.importUnreadable; };
      reader.readAsText(file);
    });
  }

  function init() {
    if (!window.formChecker || !window.swForm || !window.swCheckerData) { return; }
    Array.prototype.forEach.call(document.querySelectorAll('form[data-module="sw-form"][data-form-id]'), setup);
  }

  window.swFormUi = { display: display, parseImport: parseImport, purgeExpired: purgeExpired, text: TEXT };
  function start() { if (window.formChecker) { window.formChecker.ready(init); } }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
