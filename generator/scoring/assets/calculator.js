/**
 * 督导助理选拔评分 page: wires the form to window.supervisorScoreDetail and
 * window.supervisorEligibility, shows the working, keeps the inputs in the
 * URL hash and fills the print sheet.
 *
 * Classic script (file:// safe). User input only ever reaches the page through
 * textContent / value, never innerHTML.
 */
(function () {
  'use strict';

  var V = window.supervisorScoreView;
  var TEXT = V.TEXT, t = V.t, $$ = V.$$, el = V.el, clear = V.clear;

  /** '' → undefined; a number-looking text → Number; anything else stays text (the validator names it). */
  function parseNumber(raw) {
    // Full-width digits and point from a Chinese IME count as ordinary ones.
    var s = String(raw).trim().replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); })
      .replace(/．/g, '.');
    if (s === '') return undefined;
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
    return s;
  }

  function Calculator($module) {
    this.$module = $module;
    this.$form = $module.querySelector('.js-form');
    this.data = window.SUPERVISOR_SCORING;
    this.spec = {};
    var self = this;
    this.data.spec.forEach(function (f) { self.spec[f.name] = f; });
    this.$elig = document.querySelector('[data-module="supervisor-eligibility"]');
    this.$sheet = document.querySelector('.js-sheet');
    this.$shareName = $module.querySelector('.js-share-name');
    this.$linkProblem = $module.querySelector('.js-link-problem');
  }

  Calculator.prototype.init = function () {
    var self = this;
    $$(this.$module, '.js-list').forEach(function ($list) {
      $list.querySelector('.js-add').addEventListener('click', function () {
        var $row = self.addRow($list);
        var first = $row.querySelector('.js-item');
        if (first) first.focus();
        self.update();
      });
    });
    // The hash is written only once the user has typed something, so an
    // untouched page keeps a clean address.
    this.$form.addEventListener('input', function () { self.dirty = true; self.update(); });
    this.$form.addEventListener('change', function (e) { self.dirty = true; self.onChange(e.target); self.update(); });
    this.$form.addEventListener('click', function (e) {
      var target = e.target;
      if (target && target.classList && target.classList.contains('js-remove')) {
        var $row = target.closest('.js-row');
        $row.parentNode.removeChild($row);
        self.dirty = true;
        self.update();
      }
    });
    this.$module.querySelector('.js-print').addEventListener('click', function () { self.update(); window.print(); });
    this.$module.querySelector('.js-copy').addEventListener('click', function () { self.copyLink(); });
    this.$module.querySelector('.js-clear').addEventListener('click', function () { self.reset(); });
    this.$module.querySelector('.js-example').addEventListener('click', function () {
      self.dirty = true;
      self.restore({ input: self.data.rules.example, meta: { name: TEXT.exampleName } });
    });
    if (this.$elig) {
      var $ef = this.$elig.querySelector('.js-elig-form');
      $ef.addEventListener('input', function () { self.dirty = true; self.update(); });
      $ef.addEventListener('change', function () { self.dirty = true; self.update(); });
    }
    window.addEventListener('hashchange', function () {
      if (window.location.hash !== self.lastHash) { self.dirty = true; self.restore(self.readHash()); }
    });
    var initial = this.readHash();
    // A cut or damaged link opens what could be read and says what was lost.
    if (this.linkMessage) this.dirty = true;
    this.dirty = !!initial;
    if (initial) { this.restore(initial); return; }
    // A fresh page already shows empty fields: no reset (it re-laid out the
    // whole form before the first keystroke), just today's date and the result.
    var $date = this.$form.querySelector('[data-meta="date"]');
    if (!$date.value) $date.value = today();
    this.update();
  };

  Calculator.prototype.addRow = function ($list) {
    var $tpl = $list.querySelector('.js-row-template');
    var $row = $tpl.content.firstElementChild.cloneNode(true);
    $list.querySelector('.js-rows').appendChild($row);
    var $type = $row.querySelector('[data-item="type"]');
    if ($type) this.fillRoles($row);
    this.toggleMember($row);
    return $row;
  };

  /** Book roles depend on the book type (专著 第一作者 / 教材 主编 …). */
  Calculator.prototype.fillRoles = function ($row) {
    var $role = $row.querySelector('[data-choices-by]');
    if (!$role) return;
    var by = $role.getAttribute('data-choices-by');
    var parent = $row.querySelector('[data-item="' + by + '"]').value;
    var field = this.spec.books.items.filter(function (f) { return f.name === 'role'; })[0];
    var choices = field.choices_map[parent] || [];
    var keep = $role.value;
    clear($role);
    $role.appendChild(el('option', null, choices.length ? '请选择…' : '先选类型…')).value = '';
    choices.forEach(function (c) { var $o = el('option', null, c[1]); $o.value = c[0]; $role.appendChild($o); });
    if (choices.some(function (c) { return c[0] === keep; })) $role.value = keep;
  };

  Calculator.prototype.toggleMember = function ($row) {
    $$($row, '[data-show-if]').forEach(function ($cell) {
      var cond = $cell.getAttribute('data-show-if').split('=');
      var $src = $row.querySelector('[data-item="' + cond[0] + '"]');
      $cell.hidden = !$src || $src.value !== cond[1];
    });
  };

  Calculator.prototype.onChange = function (target) {
    var $row = target && target.closest ? target.closest('.js-row') : null;
    if (!$row) return;
    if (target.getAttribute('data-item') === 'type') this.fillRoles($row);
    if (target.getAttribute('data-item') === 'role') this.toggleMember($row);
  };

  /** The contract input object built from the form. */
  Calculator.prototype.collect = function () {
    var self = this, input = {};
    $$(this.$form, '.js-field').forEach(function ($f) {
      var name = $f.getAttribute('data-field'), type = self.spec[name].type, v;
      if (type === 'level_or_null') v = $f.value || undefined;
      else if (type === 'integer') v = $f.value === '' ? undefined : Number($f.value);
      else v = parseNumber($f.value);
      if (v !== undefined) input[name] = v;
    });
    input.qualifications = $$(this.$form, '.js-qual').filter(function ($c) { return $c.checked; }).map(function ($c) { return $c.value; });
    $$(this.$form, '.js-list').forEach(function ($list) {
      var name = $list.getAttribute('data-list');
      var fields = {};
      self.spec[name].items.forEach(function (f) { fields[f.name] = f; });
      input[name] = $$($list, '.js-row').map(function ($row) {
        var item = {};
        $$($row, '.js-item').forEach(function ($i) {
          var key = $i.getAttribute('data-item'), f = fields[key];
          var $cell = $i.closest('[data-show-if]');
          if ($cell && $cell.hidden) return;
          var v;
          if (f.type === 'boolean') v = $i.checked;
          else if (f.type === 'string') v = $i.value.trim() || undefined;
          else if (f.type === 'integer') v = parseNumber($i.value);
          else v = $i.value || undefined;
          if (v !== undefined) item[key] = v;
        });
        return item;
      });
    });
    return input;
  };

  Calculator.prototype.collectMeta = function () {
    var meta = {};
    $$(this.$form, '.js-meta').forEach(function ($m) { if ($m.value) meta[$m.getAttribute('data-meta')] = $m.value; });
    return meta;
  };

  Calculator.prototype.collectElig = function () {
    var answers = {};
    if (!this.$elig) return answers;
    $$(this.$elig, '.js-elig').forEach(function ($f) {
      var key = $f.getAttribute('data-elig'), raw = $f.value, v;
      if (raw === '') return;
      if (raw === 'yes') v = true;
      else if (raw === 'no') v = false;
      else if ($f.tagName === 'INPUT') v = parseNumber(raw);
      else v = raw;
      if (typeof v === 'string' && $f.tagName === 'INPUT') return; // not a number: leave it unknown
      var parts = key.split('.');
      if (parts.length === 2) { answers[parts[0]] = answers[parts[0]] || {}; answers[parts[0]][parts[1]] = v; }
      else answers[key] = v;
    });
    return answers;
  };

  // ---- URL hash: the whole form in a short link (link.js), so a result can be
  // bookmarked and reproduced; the name only when the supervisor ticks it.

  Calculator.prototype.readHash = function () {
    var decoded = window.supervisorLink.decode(window.location.hash.replace(/^#/, ''));
    this.linkMessage = decoded.message;
    if (this.$linkProblem) {
      this.$linkProblem.textContent = decoded.message;
      this.$linkProblem.hidden = !decoded.message;
    }
    if (this.$shareName && decoded.state) this.$shareName.checked = decoded.withName;
    return decoded.state;
  };

  Calculator.prototype.writeHash = function (state) {
    var hash = '#' + window.supervisorLink.encode(state, !!(this.$shareName && this.$shareName.checked));
    this.lastHash = hash;
    if (window.location.hash !== hash) {
      try { window.history.replaceState(null, '', hash); } catch (e) { window.location.hash = hash; }
    }
  };

  Calculator.prototype.restore = function (state) {
    var self = this;
    this.restoring = true;
    // The form reset would untick 链接里包含候选人姓名 that the link itself set.
    var withName = !!(state && this.$shareName && this.$shareName.checked);
    this.$form.reset();
    if (this.$shareName) this.$shareName.checked = withName;
    $$(this.$form, '.js-row').forEach(function ($r) { $r.parentNode.removeChild($r); });
    if (this.$elig) this.$elig.querySelector('.js-elig-form').reset();
    state = state || {};
    var input = state.input || {}, meta = state.meta || {}, elig = state.elig || {};
    $$(this.$form, '.js-meta').forEach(function ($m) {
      var k = $m.getAttribute('data-meta');
      if (meta[k] !== undefined) $m.value = String(meta[k]);
    });
    if (!meta.date) this.$form.querySelector('[data-meta="date"]').value = today();
    $$(this.$form, '.js-field').forEach(function ($f) {
      var v = input[$f.getAttribute('data-field')];
      if (v !== undefined && v !== null) $f.value = String(v);
    });
    $$(this.$form, '.js-qual').forEach(function ($c) { $c.checked = (input.qualifications || []).indexOf($c.value) >= 0; });
    $$(this.$form, '.js-list').forEach(function ($list) {
      var items = input[$list.getAttribute('data-list')];
      (Array.isArray(items) ? items : []).forEach(function (item) {
        var $row = self.addRow($list);
        var $type = $row.querySelector('[data-item="type"]');
        if ($type && item.type !== undefined) { $type.value = String(item.type); self.fillRoles($row); }
        $$($row, '.js-item').forEach(function ($i) {
          var v = item[$i.getAttribute('data-item')];
          if (v === undefined || v === null) return;
          if ($i.type === 'checkbox') $i.checked = !!v;
          else $i.value = String(v);
        });
        self.toggleMember($row);
      });
    });
    if (this.$elig) {
      $$(this.$elig, '.js-elig').forEach(function ($f) {
        var parts = $f.getAttribute('data-elig').split('.');
        var v = parts.length === 2 ? (elig[parts[0]] || {})[parts[1]] : elig[parts[0]];
        if (v === true) $f.value = 'yes';
        else if (v === false) $f.value = 'no';
        else if (v !== undefined && v !== null) $f.value = String(v);
      });
    }
    this.restoring = false;
    this.update();
  };

  Calculator.prototype.reset = function () {
    this.dirty = false;
    if (this.$linkProblem) { this.$linkProblem.textContent = ''; this.$linkProblem.hidden = true; }
    this.restore(null);
    try { window.history.replaceState(null, '', window.location.pathname + window.location.search); } catch (e) { /* file:// */ }
  };

  Calculator.prototype.copyLink = function () {
    var self = this, url = window.location.href;
    var $status = this.$module.querySelector('.js-status');
    var done = function () { $status.textContent = TEXT.copied; };
    var fail = function () { $status.textContent = TEXT.copyFailed; };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(done, fail);
    else fail();
    return self;
  };

  // ---- rendering -------------------------------------------------------------

  Calculator.prototype.update = function () {
    if (this.restoring) return;
    var input = this.collect(), meta = this.collectMeta(), elig = this.collectElig();
    if (this.dirty) this.writeHash({ input: input, meta: meta, elig: elig });
    var detail = window.supervisorScoreDetail(input);
    this.render(input, meta, detail);
    if (this.$elig) {
      var eligResult = window.supervisorEligibility(elig);
      this.renderElig(eligResult);
      if (this.$sheet) V.fillSheetElig(this.$sheet, eligResult, Object.keys(elig).length > 0);
    }
  };

  Calculator.prototype.render = function (input, meta, detail) {
    var $m = this.$module;
    var $errors = $m.querySelector('.js-errors'), $list = $m.querySelector('.js-error-list');
    clear($list);
    $$(this.$form, '[aria-invalid]').forEach(function ($f) { $f.removeAttribute('aria-invalid'); });
    $$(this.$form, '.ssc-row-points').forEach(function ($o) { $o.parentNode.removeChild($o); });
    var $verdict = $m.querySelector('.js-verdict'), $total = $m.querySelector('.js-total');
    var $formula = $m.querySelector('.js-formula'), $notes = $m.querySelector('.js-notes');
    var $subs = $m.querySelector('.js-subtotals');
    clear($notes); clear($subs);
    $m.querySelector('.js-subtotal-table').hidden = !!detail.errors;
    $m.querySelector('.js-working').hidden = !!detail.errors;
    $formula.textContent = '';
    $$(this.$form, '.js-subtotal').forEach(function ($o) { $o.textContent = ''; });
    $m.classList.remove('ssc--failed', 'ssc--passed');

    if (detail.errors) {
      var onlyMissing = input.written === undefined && input.interview === undefined &&
        detail.errors.every(function (e) { return /^(written|interview)：缺少/.test(e); });
      $errors.hidden = onlyMissing;
      var self = this;
      detail.errors.forEach(function (msg) {
        var $li = el('li');
        var path = msg.split('：')[0];
        var $target = self.fieldFor(path);
        msg = self.readable(path, msg);
        if ($target) {
          // Not before the user has typed a score: an untouched field is not "invalid".
          if (!onlyMissing) $target.setAttribute('aria-invalid', 'true');
          // A real link, so Enter works and screen readers announce it (a focusable <li> did neither).
          var $a = el('a', 'ssc-error-link', msg);
          $a.href = '#' + ($target.id || '');
          $a.addEventListener('click', function (event) { event.preventDefault(); $target.focus(); });
          $li.appendChild($a);
        } else {
          $li.textContent = msg;
        }
        $list.appendChild($li);
      });
      $verdict.textContent = onlyMissing ? TEXT.prompt : '请按上面的提示改正后再计算。';
      $total.textContent = '—';
      this.fillSheet(input, meta, null);
      return;
    }
    $errors.hidden = true;
    var r = detail.result, f = this.data.rules.formula;
    $m.classList.add(r.written_passed ? 'ssc--passed' : 'ssc--failed');
    $verdict.textContent = t(r.written_passed ? TEXT.passed : TEXT.failed, { w: input.written });
    $total.textContent = r.total === null ? TEXT.failedTotal : String(r.total);
    if (r.written_passed) {
      var text = t(TEXT.formula, { w: input.written, wp: f.written_percent, i: input.interview, ip: f.interview_percent,
        b: r.bonus.total, wv: detail.formula.written_part, iv: detail.formula.interview_part, t: r.total });
      if (detail.formula.exact !== String(r.total)) text += t(TEXT.rounded, { x: detail.formula.exact });
      $formula.textContent = text;
    } else {
      $formula.textContent = t(TEXT.failedFormula, { b: r.bonus.total });
    }
    var groups = this.data.rules.groups, self2 = this;
    ['political', 'education', 'service', 'research'].forEach(function (g) {
      var $tr = el('tr');
      $tr.appendChild(el('td', null, groups[g].label));
      $tr.appendChild(el('td', null, detail.raw[g]));
      $tr.appendChild(el('td', null, groups[g].cap));
      var $c = el('td', null, detail.capped[g] + (detail.raw[g] > detail.capped[g] ? '（' + TEXT.capped + '）' : ''));
      $tr.appendChild($c);
      $subs.appendChild($tr);
      var $o = self2.$form.querySelector('.js-subtotal[data-group="' + g + '"]');
      if ($o) $o.textContent = detail.capped[g] + ' 分' + (detail.raw[g] > detail.capped[g] ? '（' + TEXT.capped + '）' : '');
    });
    var $trTotal = el('tr', 'ssc-subtotal-sum');
    $trTotal.appendChild(el('th', null, '加分合计'));
    $trTotal.appendChild(el('td'));
    $trTotal.appendChild(el('td'));
    $trTotal.appendChild(el('td', null, r.bonus.total));
    $subs.appendChild($trTotal);
    r.notes.forEach(function (n) { $notes.appendChild(el('li', null, n)); });
    // Each repeatable row shows its own points and whether it counts.
    detail.items.forEach(function (it) {
      if (it.index < 0) return;
      var $rows = $$(self2.$form, '.js-list[data-list="' + it.kind + '"] .js-row');
      var $row = $rows[it.index];
      if (!$row) return;
      var $o = el('output', 'ssc-row-points' + (it.counted ? '' : ' ssc-row-points--off'),
        t(TEXT.points, { p: it.points }) + (it.counted ? '' : '，' + TEXT.notCounted));
      $row.insertBefore($o, $row.querySelector('.js-remove'));
    });
    this.fillSheet(input, meta, detail);
  };

  /**
   * The contract's message in the supervisor's words: "written：笔试成绩应为数字…"
   * shows as "笔试成绩应为数字…", "papers[1].author：…" as "论文第 2 条：…".
   * The contract keeps the keys: the CLI and the parity tests read them.
   */
  Calculator.prototype.readable = function (path, msg) {
    // 角色是“member”（课题组成员） → 角色是“课题组成员”: the code value is for the CLI.
    var rest = msg.slice(path.length + 1).replace(/“[a-z_]+”（([^）]+)）/g, '“$1”');
    var m = /^(\w+)\[(\d+)\]/.exec(path);
    if (m && this.spec[m[1]]) return this.spec[m[1]].label + '第 ' + (Number(m[2]) + 1) + ' 条：' + rest;
    return rest || msg;
  };

  /** The form control an error path points at: written, papers[1].author … */
  Calculator.prototype.fieldFor = function (path) {
    var m = /^(\w+)(?:\[(\d+)\](?:\.(\w+))?)?$/.exec(path);
    if (!m) return null;
    var $f = this.$form.querySelector('[data-field="' + m[1] + '"]');
    if ($f) return $f;
    if (m[1] === 'qualifications') return this.$form.querySelector('.js-qual');
    var $rows = $$(this.$form, '.js-list[data-list="' + m[1] + '"] .js-row');
    var $row = m[2] !== undefined ? $rows[Number(m[2])] : null;
    if (!$row) return null;
    return (m[3] && $row.querySelector('[data-item="' + m[3] + '"]')) || $row.querySelector('.js-item');
  };

  Calculator.prototype.fillSheet = function (input, meta, detail) {
    if (this.$sheet) V.fillSheet(this.$sheet, this.data, input, meta, detail);
  };

  Calculator.prototype.renderElig = function (result) {
    V.renderElig(this.$elig.querySelector('.js-elig-result'), this.data, result);
  };

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  function start() {
    $$(document, '[data-module="supervisor-score"]').forEach(function ($m) { new Calculator($m).init(); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
