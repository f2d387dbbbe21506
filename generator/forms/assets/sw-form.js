/**
 * sw-form.js — fillable forms: add/remove table rows, read and fill values,
 * print with the typed values. Classic script (works from file://), no
 * network, never innerHTML with user input.
 *
 * Public API (window.swForm):
 *   values(formEl) -> {[fieldId]: string | string[] | Array<Object<string,string>>}
 *     text-like fields: the typed string (date YYYY-MM-DD, time HH:MM, numbers as typed);
 *     choice / yesno: the chosen option ("是"/"否" for yesno) or "";
 *     multichoice: array of the ticked options; "其他" text goes to `<id>_other`;
 *     table: array of row objects {columnId: string}; rows left entirely empty are dropped.
 *     Signature fields are print-only and have no value.
 *   fill(formEl, values)  the inverse (drafts, import); unknown keys are ignored.
 *   addRow(formEl, fieldId) / clear(formEl) / init(root)
 *   word(formEl) -> Promise  下载已填写的 Word 文件: loads the scripts the
 *     .js-word button names (fflate, sw-word.js, the form's template) once, on
 *     the first click, then sw-word.js fills the template and saves the file.
 * Events: after rows change or fill() the form receives a bubbling "input" event
 * and a "swform:change" event, so autosave and checkers need only listen there.
 */
(function () {
  "use strict";

  /** User-facing texts in one place. */
  var TEXT = {
    rowNumberLabel: function (label, n) { return label + "（第 " + n + " 行）"; },
    maxRows: function (n) { return "最多 " + n + " 行"; },
    wordWorking: "正在生成 Word 文件……",
    wordDone: function (name) { return "已生成“" + name + "”：在这台电脑上生成，没有上传。可以在 Word 或 WPS 中继续修改、打印、签名。"; },
    wordFailed: "生成 Word 文件失败：请刷新页面再试；仍不行时，请下载空白 Word 文件手工填写，或按“打印”。"
  };

  /** @param {Element} formEl @returns {Element[]} the field wrappers of this form */
  function fieldsOf(formEl) {
    return Array.prototype.slice.call(formEl.querySelectorAll("[data-field]"));
  }

  function tableOf(wrapper) { return wrapper.querySelector("table.sw-table"); }
  function rowsOf(table) { return Array.prototype.slice.call(table.tBodies[0].rows); }

  /** Give every row's controls contiguous names FIELD.ROW.COL and ids. */
  function renumber(wrapper) {
    var field = wrapper.getAttribute("data-field");
    var table = tableOf(wrapper);
    var rows = rowsOf(table);
    rows.forEach(function (tr, r) {
      var num = tr.querySelector(".sw-rownum");
      if (num) { num.textContent = String(r + 1); }
      Array.prototype.forEach.call(tr.querySelectorAll("[data-col]"), function (el) {
        var col = el.getAttribute("data-col");
        el.setAttribute("name", field + "." + r + "." + col);
        el.setAttribute("id", "f-" + field + "-" + r + "-" + col);
        var cellLabel = el.closest("td").querySelector("label.sw-cell-label");
        if (cellLabel) { cellLabel.htmlFor = el.id; }
        var th = table.tHead.rows[0].cells[el.closest("td").cellIndex];
        el.setAttribute("aria-label", TEXT.rowNumberLabel(th ? th.childNodes[0].textContent : col, r + 1));
      });
    });
    var min = parseInt(table.getAttribute("data-min-rows") || "0", 10);
    var max = parseInt(table.getAttribute("data-max-rows") || "0", 10);
    Array.prototype.forEach.call(table.querySelectorAll(".js-remove-row"), function (b) {
      b.disabled = rows.length <= Math.max(min, 1);
    });
    var add = wrapper.querySelector(".js-add-row");
    if (add) {
      add.disabled = max > 0 && rows.length >= max;
      add.title = add.disabled ? TEXT.maxRows(max) : "";
    }
  }

  /** Append one empty row from the field's <template>; returns the new <tr>. */
  function appendRow(wrapper) {
    var table = tableOf(wrapper);
    var max = parseInt(table.getAttribute("data-max-rows") || "0", 10);
    if (max > 0 && rowsOf(table).length >= max) { return null; }
    var tpl = wrapper.querySelector("template.sw-row-template");
    var tr = tpl.content.firstElementChild.cloneNode(true);
    table.tBodies[0].appendChild(tr);
    renumber(wrapper);
    return tr;
  }

  function changed(formEl) {
    formEl.dispatchEvent(new Event("input", { bubbles: true }));
    formEl.dispatchEvent(new CustomEvent("swform:change", { bubbles: true }));
  }

  function wrapperFor(formEl, fieldId) {
    return fieldsOf(formEl).filter(function (w) { return w.getAttribute("data-field") === fieldId; })[0] || null;
  }

  /** @param {Element} formEl @param {string} fieldId */
  function addRow(formEl, fieldId) {
    var w = wrapperFor(formEl, fieldId);
    var tr = w && appendRow(w);
    if (tr) { changed(formEl); }
    return tr;
  }

  function rowIsEmpty(obj) {
    return Object.keys(obj).every(function (k) { return obj[k] === ""; });
  }

  /** @param {HTMLFormElement} formEl @returns {Object} the values, per the contract above */
  function values(formEl) {
    var out = {};
    fieldsOf(formEl).forEach(function (w) {
      var id = w.getAttribute("data-field");
      var type = w.getAttribute("data-type");
      if (type === "signature") { return; }
      if (type === "table") {
        out[id] = rowsOf(tableOf(w)).map(function (tr) {
          var row = {};
          Array.prototype.forEach.call(tr.querySelectorAll("[data-col]"), function (el) {
            row[el.getAttribute("data-col")] = el.value;
          });
          return row;
        }).filter(function (row) { return !rowIsEmpty(row); });
        return;
      }
      if (type === "multichoice" || type === "choice" || type === "yesno") {
        var ticked = Array.prototype.slice.call(w.querySelectorAll('input[name="' + id + '"]'))
          .filter(function (el) { return el.checked; }).map(function (el) { return el.value; });
        out[id] = type === "multichoice" ? ticked : (ticked[0] || "");
        var other = w.querySelector('input[name="' + id + '_other"]');
        if (other) { out[id + "_other"] = other.value; }
        return;
      }
      var control = w.querySelector('[name="' + id + '"]');
      if (control) { out[id] = control.value; }
    });
    return out;
  }

  function str(v) { return v === null || v === undefined ? "" : String(v); }

  /** @param {HTMLFormElement} formEl @param {Object} vals values as returned by values() */
  function fill(formEl, vals) {
    vals = vals || {};
    fieldsOf(formEl).forEach(function (w) {
      var id = w.getAttribute("data-field");
      var type = w.getAttribute("data-type");
      var v = vals[id];
      if (type === "signature") { return; }
      if (type === "table") {
        var table = tableOf(w);
        var rows = Array.isArray(v) ? v : [];
        var min = Math.max(parseInt(table.getAttribute("data-min-rows") || "0", 10), 1);
        var want = Math.max(rows.length, min);
        while (rowsOf(table).length > want) { table.tBodies[0].removeChild(rowsOf(table).pop()); }
        while (rowsOf(table).length < want) { if (!appendRow(w)) { break; } }
        renumber(w);
        rowsOf(table).forEach(function (tr, r) {
          var row = rows[r] || {};
          Array.prototype.forEach.call(tr.querySelectorAll("[data-col]"), function (el) {
            el.value = str(row[el.getAttribute("data-col")]);
          });
        });
        return;
      }
      if (type === "multichoice" || type === "choice" || type === "yesno") {
        var chosen = Array.isArray(v) ? v.map(str) : [str(v)];
        Array.prototype.forEach.call(w.querySelectorAll('input[name="' + id + '"]'), function (el) {
          el.checked = chosen.indexOf(el.value) !== -1;
        });
        var other = w.querySelector('input[name="' + id + '_other"]');
        if (other) { other.value = str(vals[id + "_other"]); }
        return;
      }
      var control = w.querySelector('[name="' + id + '"]');
      if (control) { control.value = str(v); }
    });
    changed(formEl);
  }

  /** Empty every field (rows back to the minimum). */
  function clear(formEl) { fill(formEl, {}); }

  // ---- print: typed values on paper, blank rows for handwriting -----------

  function beforePrint() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="sw-form"]'), function (formEl) {
      Array.prototype.forEach.call(formEl.querySelectorAll('input[type="date"], input[type="time"]'), function (el) {
        el.classList.toggle("sw-empty", el.value === "");
      });
      Array.prototype.forEach.call(formEl.querySelectorAll(".sw-field--textarea"), function (w) {
        var area = w.querySelector("textarea");
        var mirror = w.querySelector(".sw-print-value");
        if (area && mirror) { mirror.textContent = area.value; w.classList.toggle("sw-has-value", area.value !== ""); }
      });
      Array.prototype.forEach.call(formEl.querySelectorAll("table.sw-table"), function (table) {
        var want = parseInt(table.getAttribute("data-print-rows") || "0", 10);
        var have = rowsOf(table).length;
        var cols = table.tHead.rows[0].cells.length;
        for (var i = have; i < want; i++) {
          var tr = document.createElement("tr");
          tr.className = "sw-print-pad";
          for (var c = 0; c < cols; c++) { tr.appendChild(document.createElement("td")); }
          tr.cells[0].className = "sw-rownum";
          tr.cells[0].textContent = String(i + 1);
          tr.cells[cols - 1].className = "sw-row-actions no-print";
          table.tBodies[0].appendChild(tr);
        }
      });
    });
  }

  function afterPrint() {
    Array.prototype.forEach.call(document.querySelectorAll("tr.sw-print-pad"), function (tr) {
      tr.parentNode.removeChild(tr);
    });
  }

  // ---- 下载已填写的 Word 文件 (scripts loaded on first use) ---------------

  var loading = {};
  function loadScript(src) {
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = function () { delete loading[src]; reject(new Error(src)); };
        document.head.appendChild(script);
      });
    }
    return loading[src];
  }

  function today() {
    var d = new Date(), m = d.getMonth() + 1, day = d.getDate();
    return d.getFullYear() + (m < 10 ? "0" : "") + m + (day < 10 ? "0" : "") + day;
  }

  function wordStatus(formEl, button) {
    var status = formEl.querySelector(".js-word-status");
    if (!status) {
      status = document.createElement("p");
      status.className = "sw-form-status no-print js-word-status";
      status.setAttribute("role", "status");
      var bar = button.closest(".sw-toolbar") || button;
      bar.parentNode.insertBefore(status, bar.nextSibling);
    }
    return status;
  }

  /** @param {HTMLFormElement} formEl @returns {Promise<string>} the saved file's name */
  function word(formEl) {
    var button = formEl.querySelector(".js-word");
    var top = wordStatus(formEl, button);
    var bar = formEl.querySelector(".js-bar-status");
    // The bottom bar's 下载 says the same where the finger is (not announced twice: it is aria-hidden).
    var status = { set textContent(text) { top.textContent = text; if (bar) { bar.textContent = text; } } };
    var formId = formEl.getAttribute("data-form-id");
    var title = (formEl.querySelector(".sw-form-title") || {}).textContent || formId;
    // Characters Windows forbids in file names ("咨询/探访记录总表") become 、.
    var name = title.trim().replace(/[\\/:*?"<>|]/g, "、") + "-" + today() + ".docx";
    var scripts = (button.getAttribute("data-scripts") || "").split(" ").filter(Boolean);
    status.textContent = TEXT.wordWorking;
    button.disabled = true;
    return scripts.reduce(function (chain, src) { return chain.then(function () { return loadScript(src); }); }, Promise.resolve())
      .then(function () {
        window.swWord.download(formId, values(formEl), name);
        status.textContent = TEXT.wordDone(name);
        return name;
      })
      .catch(function (err) {
        status.textContent = TEXT.wordFailed;
        throw err;
      })
      .finally(function () { button.disabled = false; });
  }

  /** Wire every form under root once. */
  function init(root) {
    root = root || document;
    Array.prototype.forEach.call(root.querySelectorAll('[data-module="sw-form"]'), function (formEl) {
      if (formEl.getAttribute("data-sw-form-init") === "true") { return; }
      formEl.setAttribute("data-sw-form-init", "true");
      fieldsOf(formEl).forEach(function (w) { if (w.getAttribute("data-type") === "table") { renumber(w); } });
      Array.prototype.forEach.call(formEl.querySelectorAll(".js-word"), function (b) { b.hidden = false; });
      // Disabled in the page: they do nothing without this script (row buttons: renumber()).
      Array.prototype.forEach.call(formEl.querySelectorAll(".js-print"), function (b) { b.disabled = false; });
      formEl.addEventListener("click", function (event) {
        var target = event.target.closest("button");
        if (!target || !formEl.contains(target)) { return; }
        if (target.classList.contains("js-add-row")) {
          var tr = addRow(formEl, target.getAttribute("data-table"));
          var first = tr && tr.querySelector("[data-col]");
          if (first) { first.focus(); }
        } else if (target.classList.contains("js-remove-row")) {
          var w = target.closest("[data-field]");
          var row = target.closest("tr");
          var next = row.nextElementSibling || row.previousElementSibling;
          row.parentNode.removeChild(row);
          renumber(w);
          var focus = next && next.querySelector("[data-col]");
          (focus || w.querySelector(".js-add-row")).focus();
          changed(formEl);
        } else if (target.classList.contains("js-print")) {
          window.print();
        } else if (target.classList.contains("js-word")) {
          word(formEl).catch(function () { /* shown in the status line */ });
        }
      });
      formEl.addEventListener("submit", function (event) { event.preventDefault(); });
    });
  }

  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);

  window.swForm = { values: values, fill: fill, addRow: addRow, clear: clear, init: init, beforePrint: beforePrint, afterPrint: afterPrint, word: word, text: TEXT };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
