/**
 * drafts.js — 本机草稿: every form draft kept in this browser, on the forms
 * index and on every form page, with 打开 / 删除 for each and
 * 清除本机全部草稿 for a shared office computer.
 *
 * Starts from .js-drafts[data-max-age-days][data-forms-root] (written by
 * generator/forms/formpages.py with its heading, text and button; this script
 * fills its body). Drafts are
 * the localStorage items form-ui.js writes under "sw-draft:<form id>". The list
 * shows only the form's title and two times, never what a draft contains, so
 * opening it on a shared computer shows nobody's client data. Stored text only
 * ever reaches the page through textContent.
 *
 * Events: listens to "sw-drafts-changed" (form-ui.js saved or cleared a
 * draft) and the window "storage" event (another tab); fires
 * "sw-drafts-removed" {detail: {ids, all}} so an open form empties itself and
 * does not save its draft again.
 */
(function () {
  "use strict";

  var PREFIX = "sw-draft:";
  // Everything this site writes to browser storage starts with "sw-", apart
  // from Material's own settings, which sit under the site's path (__md_scope).
  var SITE_PREFIX = "sw-";
  var DAY_MS = 86400000;
  var FORM_ID = /^[a-z0-9][a-z0-9_-]*$/;

  /** All user-facing text this script writes (the box's heading, text and button are in the page). */
  var TEXT = {
    none: "这台电脑的浏览器里没有保存表格草稿。",
    count: function (n) { return "共 " + n + " 份草稿。"; },
    columns: ["表格", "保存时间", "到期自动删除", "操作"],
    caption: "这台电脑上保存的表格草稿",
    open: "打开",
    openLabel: function (title) { return "打开《" + title + "》的草稿"; },
    remove: "删除",
    removeLabel: function (title) { return "删除《" + title + "》的草稿"; },
    current: "（本页）",
    confirmRemove: function (title) { return "确定删除《" + title + "》在本机的草稿吗？已填写的内容会全部清空，无法恢复。"; },
    removed: function (title) { return "已删除《" + title + "》的草稿。"; },
    confirmClearAll: function (n) {
      return "确定清除这台电脑上本站保存的全部内容吗？" + (n ? "共 " + n + " 份表格草稿，" : "") +
        "所有表格的已填写内容都会清空，无法恢复。需要保留的请先导出或打印。";
    },
    clearedAll: function (n) { return n ? "已清除本机全部 " + n + " 份草稿和本站保存的其他内容。" : "已清除本站在这台电脑上保存的全部内容。"; },
    noStorage: "这个浏览器不允许本站保存内容，这台电脑上没有本站的草稿。",
    unknownForm: function (id) { return "表格 " + id; }
  };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  /** 2026-12-07 14:30 in local time, whatever the browser's locale. */
  function stamp(ms) {
    var d = new Date(ms);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  function store(name) {
    try { var s = window[name]; s.getItem(PREFIX); return s; } catch (e) { return null; }
  }

  function keys(s) {
    var out = [];
    for (var i = 0; s && i < s.length; i++) { out.push(s.key(i)); }
    return out;
  }

  /** The form's title: stored with the draft, else the checker's rules, else its id. */
  function titleOf(id, draft) {
    if (draft && typeof draft.title === "string" && draft.title) { return draft.title.slice(0, 80); }
    var rules = window.formChecker && window.formChecker.rules && window.formChecker.rules(id);
    return rules && rules.title ? rules.title : TEXT.unknownForm(id.slice(0, 40));
  }

  /**
   * Drafts in storage, newest first; expired or unreadable ones are deleted
   * on the way (as form-ui.js does when a form page opens).
   * @returns {{id: string, key: string, title: string, saved: number, expires: number}[]}
   */
  function list(s, now, maxDays) {
    var out = [], doomed = [];
    keys(s).forEach(function (key) {
      if (!key || key.indexOf(PREFIX) !== 0) { return; }
      var id = key.slice(PREFIX.length), draft = null;
      try { draft = JSON.parse(s.getItem(key)); } catch (e) { draft = null; }
      var ok = draft && typeof draft === "object" && typeof draft.saved === "number" && FORM_ID.test(id);
      var expires = ok ? draft.saved + maxDays * DAY_MS : 0;
      if (!ok || expires < now) { doomed.push(key); return; }
      out.push({ id: id, key: key, title: titleOf(id, draft), saved: draft.saved, expires: expires });
    });
    doomed.forEach(function (k) { s.removeItem(k); });
    return out.sort(function (a, b) { return b.saved - a.saved; });
  }

  /** Remove every draft and everything else this site keeps in this browser. */
  function clearEverything() {
    var scope = window.__md_scope && window.__md_scope.pathname ? window.__md_scope.pathname + "." : null;
    var drafts = 0;
    [store("localStorage"), store("sessionStorage")].forEach(function (s) {
      keys(s).forEach(function (key) {
        if (!key) { return; }
        if (key.indexOf(PREFIX) === 0) { drafts++; }
        if (key.indexOf(SITE_PREFIX) === 0 || (scope && key.indexOf(scope) === 0)) { s.removeItem(key); }
      });
    });
    return drafts;
  }

  function announce(ids, all) {
    document.dispatchEvent(new CustomEvent("sw-drafts-removed", { detail: { ids: ids, all: all } }));
  }

  function setup($root) {
    var s = store("localStorage");
    var maxDays = Number($root.getAttribute("data-max-age-days")) || 7;
    var root = $root.getAttribute("data-forms-root") || "./";
    var form = document.querySelector('form[data-module="sw-form"][data-form-id]');
    var here = form ? form.getAttribute("data-form-id") : null;

    // Heading, text and button are in the page (formpages.py): shown from the first paint.
    var $heading = $root.querySelector(".sw-drafts__title");
    var $body = $root.querySelector(".sw-drafts__body");
    var $clear = $root.querySelector(".js-drafts-clear");
    var $status = $root.querySelector(".sw-drafts__status");
    $root.hidden = false;

    function render() {
      while ($body.firstChild) { $body.removeChild($body.firstChild); }
      if (!s) { $body.appendChild(el("p", TEXT.noStorage)); return; }
      var items = list(s, Date.now(), maxDays);
      if (!items.length) { $body.appendChild(el("p", TEXT.none, "sw-drafts__none")); return; }
      $body.appendChild(el("p", TEXT.count(items.length)));
      var $table = el("table", null, "sw-drafts__table");
      $table.appendChild(el("caption", TEXT.caption, "sw-visually-hidden"));
      var $head = el("tr");
      TEXT.columns.forEach(function (c) { var th = el("th", c); th.scope = "col"; $head.appendChild(th); });
      $table.appendChild(el("thead")).appendChild($head);
      var $rows = $table.appendChild(el("tbody"));
      items.forEach(function (d) {
        var $tr = el("tr");
        $tr.setAttribute("data-draft", d.id);
        var $name = el("td");
        var $a = el("a", d.title);
        $a.href = root + d.id + "/index.html";
        $name.appendChild($a);
        if (d.id === here) { $name.appendChild(el("span", TEXT.current, "sw-drafts__here")); }
        $tr.appendChild($name);
        $tr.appendChild(el("td", stamp(d.saved)));
        $tr.appendChild(el("td", stamp(d.expires)));
        var $actions = el("td", null, "sw-drafts__actions");
        var $open = el("a", TEXT.open, "md-button sw-button");
        $open.href = $a.href;
        $open.setAttribute("aria-label", TEXT.openLabel(d.title));
        var $del = el("button", TEXT.remove, "md-button sw-button js-drafts-remove");
        $del.type = "button";
        $del.setAttribute("aria-label", TEXT.removeLabel(d.title));
        $del.addEventListener("click", function () {
          if (!window.confirm(TEXT.confirmRemove(d.title))) { return; }
          s.removeItem(d.key);
          announce([d.id], false);
          render();
          $status.textContent = TEXT.removed(d.title);
          $heading.focus();
        });
        $actions.appendChild($open);
        $actions.appendChild($del);
        $tr.appendChild($actions);
        $rows.appendChild($tr);
      });
      $body.appendChild($table);
    }

    $clear.addEventListener("click", function () {
      var n = s ? list(s, Date.now(), maxDays).length : 0;
      if (!window.confirm(TEXT.confirmClearAll(n))) { return; }
      // The open form empties first, so it has nothing left to save on leaving.
      announce([], true);
      var removed = clearEverything();
      render();
      $status.textContent = TEXT.clearedAll(removed);
      $heading.focus();
    });
    document.addEventListener("sw-drafts-changed", render);
    window.addEventListener("storage", function (e) { if (!e.key || e.key.indexOf(PREFIX) === 0) { render(); } });
    render();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".js-drafts"), function ($root) {
      if ($root.getAttribute("data-sw-init") === "true") { return; }
      $root.setAttribute("data-sw-init", "true");
      setup($root);
    });
  }

  window.swDrafts = { list: list, clearEverything: clearEverything, stamp: stamp, text: TEXT };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
