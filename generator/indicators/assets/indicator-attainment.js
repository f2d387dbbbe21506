/**
 * 年度指标达标计算器 (indicator attainment calculator).
 *
 * A classic script (no ES modules: they are blocked on file://). It reads the
 * rules that the generator wrote from data/indicators/ into
 * window.INDICATOR_ATTAINMENT_RULES, exposes the pure core as
 * window.indicatorAttainment(input) — the same contract and the same exact
 * arithmetic as generator/indicators/attainment.py — and drives the form on
 * the calculator page. Nothing the user types leaves the browser, and user
 * input is only ever written with textContent.
 */
(function () {
  'use strict';

  /** @type {any} */
  var RULES = window.INDICATOR_ATTAINMENT_RULES;
  if (!RULES) {
    return;
  }

  /** User-facing text of the page widget, in one place. */
  var DEFAULTS = Object.freeze({
    text: Object.freeze({
      perPost: '每岗',
      team: '团队合计（{posts} 个岗位）',
      noMinimum: '无数量下限',
      met: '达标',
      notMet: '未达标',
      always: '不考核数量',
      rate: '{pct}%',
      groupTitle: '{name}：需要 {required}，实际 {actual}',
      groupMet: '折算后够量',
      groupNotMet: '折算后仍差 {short}',
      satisfactionMet: '满意率 {pct}%，达到 {min}% 的要求',
      satisfactionNotMet: '满意率 {pct}%，低于 {min}% 的要求',
      satisfactionMissing: '请填写服务对象满意率',
      strictExplain: '每一项都达到最低量，且满意率达标。',
      convertedExplain: '有的项目没有单独达标，但按折算标准换算后，服务量和督导培训量都够，不能折算的项目也都达标，满意率达标。注意：折算须合同允许并经三方协商确认。',
      notMetExplain: '逐项未全部达标，按折算也没有达标。看下面标红的项目和差额。',
      notMetNoConversion: '逐项未全部达标；合同不允许折算，所以不按折算判断。',
      allowMissing: '请先选择合同是否允许折算（看服务合同，或问项目督导）：折算后能否达标取决于它。',
      badPosts: '岗位数请填 1 到 {max} 之间的整数，如 1 或 3',
      requiredWorking: '需要的量 = ',
      actualWorking: '完成的量 = ',
      none: '（无）',
      badPercent: '满意率请填 0 到 100 之间的数字，如 86 或 86.5',
      badCount: '请填 0 或正整数',
      ratioHint: '满意率按百分数填写：填 {typed} 表示 {typed}%。如果想填 {pct}%，请改成 {pct}。'
    })
  });

  /**
   * Error thrown by indicatorAttainment for bad input; `problems` lists every message.
   * @param {string[]} problems
   */
  function AttainmentInputError(problems) {
    this.name = 'AttainmentInputError';
    this.problems = problems.slice();
    this.message = problems.join('\n');
  }
  AttainmentInputError.prototype = Object.create(Error.prototype);
  AttainmentInputError.prototype.constructor = AttainmentInputError;

  /** Python str.format for the shared message templates: {name}, {{ and }}. */
  function fmt(template, params) {
    return template.replace(/\{\{|\}\}|\{(\w+)\}/g, function (m, key) {
      if (m === '{{') { return '{'; }
      if (m === '}}') { return '}'; }
      return String(params[key]);
    });
  }

  function message(code, params) {
    return fmt(RULES.messages[code], params || {});
  }

  /** A value as JSON text (Python writes it the same way in attainment.show). */
  function show(value) {
    var text = JSON.stringify(value);
    return text === undefined ? String(value) : text;
  }

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  function isNumber(v) {
    return typeof v === 'number' && isFinite(v);
  }

  function isInteger(v) {
    return isNumber(v) && Math.floor(v) === v;
  }

  function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }

  function gcd(a, b) {
    while (b) { var t = a % b; a = b; b = t; }
    return a;
  }

  /**
   * Check the input exactly like attainment.parse_input (same order of problems).
   * @returns {{postType: string, posts: number, satisfaction: number, allow: boolean, counts: Object<string, number>}}
   */
  function parseInput(data) {
    if (!isObject(data)) {
      throw new AttainmentInputError([message('not_object')]);
    }
    var problems = [];
    Object.keys(data).forEach(function (key) {
      if (RULES.input_keys.indexOf(key) < 0) {
        problems.push(message('unknown_key', { key: key }));
      }
    });
    RULES.required_keys.forEach(function (key) {
      if (!has(data, key)) {
        problems.push(message('missing_key', { key: key }));
      }
    });
    var postType = data.post_type;
    if (has(data, 'post_type') && RULES.post_types.indexOf(postType) < 0) {
      problems.push(message('post_type', { choices: RULES.post_types.join('、'), value: show(postType) }));
    }
    var posts = has(data, 'posts') ? data.posts : 1;
    if (!isInteger(posts) || !(posts >= 1 && posts <= RULES.limits.posts)) {
      problems.push(message('posts', { max: RULES.limits.posts, value: show(posts) }));
    }
    var satisfaction = data.satisfaction;
    if (has(data, 'satisfaction') && (!isNumber(satisfaction) || !(satisfaction >= 0 && satisfaction <= 1))) {
      problems.push(message('satisfaction', { value: show(satisfaction) }));
    }
    var allow = has(data, 'allow_conversion') ? data.allow_conversion : true;
    if (typeof allow !== 'boolean') {
      problems.push(message('allow_conversion', { value: show(allow) }));
    }
    var countsIn = has(data, 'counts') ? data.counts : {};
    var counts = {};
    var names = {};
    var keys = RULES.items.map(function (item) { names[item.key] = item.name; return item.key; });
    if (!isObject(countsIn)) {
      problems.push(message('counts', { value: show(countsIn) }));
    } else {
      Object.keys(countsIn).forEach(function (key) {
        var value = countsIn[key];
        if (!has(names, key)) {
          problems.push(message('unknown_count', { key: key, keys: keys.join('、') }));
        } else if (!isInteger(value)) {
          problems.push(message('count_type', { key: key, name: names[key], value: show(value) }));
        } else if (value < 0) {
          problems.push(message('count_negative', { key: key, name: names[key], value: show(value) }));
        } else if (value > RULES.limits.count) {
          problems.push(message('count_max', { key: key, name: names[key], max: RULES.limits.count, value: show(value) }));
        } else {
          counts[key] = value;
        }
      });
    }
    if (problems.length) {
      throw new AttainmentInputError(problems);
    }
    return { postType: postType, posts: posts, satisfaction: satisfaction, allow: allow, counts: counts };
  }

  /** actual / minimum rounded half-up to 4 decimals, in exact integer arithmetic. */
  function roundedRate(actual, minimum) {
    var x = 2 * actual * 10000 + minimum;
    var y = 2 * minimum;
    var q = (x - (x % y)) / y;
    return q / 10000;
  }

  /**
   * The attainment contract of issue 8 (see generator/indicators/attainment.py).
   * @param {any} input
   * @returns {{items: Array, groups: Array, satisfaction_met: boolean, strict_met: boolean, converted_met: boolean, result: string}}
   * @throws {AttainmentInputError}
   */
  function indicatorAttainment(input) {
    var p = parseInput(input);
    // All volumes as integers over one common denominator: exact sums.
    var denominator = 1;
    RULES.items.forEach(function (item) {
      if (item.volume) {
        denominator = denominator / gcd(denominator, item.volume[1]) * item.volume[1];
      }
    });
    var required = {};
    var actualVolume = {};
    RULES.groups.forEach(function (g) { required[g] = 0; actualVolume[g] = 0; });
    var items = RULES.items.map(function (item) {
      var perPost = item.minimums[p.postType];
      var minimum = perPost === null ? null : perPost * p.posts;
      var actual = has(p.counts, item.key) ? p.counts[item.key] : 0;
      var met = minimum === null || actual >= minimum;
      if (item.group !== null) {
        var scaled = item.volume[0] * (denominator / item.volume[1]);
        actualVolume[item.group] += actual * scaled;
        if (minimum !== null) {
          required[item.group] += minimum * scaled;
        }
      }
      return { key: item.key, minimum: minimum, actual: actual, rate: minimum === null ? null : roundedRate(actual, minimum), met: met };
    });
    var groups = RULES.groups.map(function (g) {
      return { key: g, required_volume: required[g] / denominator, actual_volume: actualVolume[g] / denominator, met: actualVolume[g] >= required[g] };
    });
    var satisfactionMet = p.satisfaction >= RULES.satisfaction_min[0] / RULES.satisfaction_min[1];
    var strict = items.every(function (i) { return i.met; }) && satisfactionMet;
    var grouped = {};
    RULES.items.forEach(function (item) { if (item.group !== null) { grouped[item.key] = true; } });
    var converted = groups.every(function (g) { return g.met; }) &&
      items.every(function (i) { return grouped[i.key] || i.met; }) && satisfactionMet;
    converted = converted && (p.allow || strict);
    return {
      items: items,
      groups: groups,
      satisfaction_met: satisfactionMet,
      strict_met: strict,
      converted_met: converted,
      result: strict ? RULES.results.strict : converted ? RULES.results.converted : RULES.results.not_met
    };
  }

  window.indicatorAttainment = indicatorAttainment;
  window.IndicatorAttainmentInputError = AttainmentInputError;

  // ---------------------------------------------------------------- page widget

  var T = DEFAULTS.text;

  /** "86.5" (percent) -> 0.865 without binary rounding surprises; null if invalid. */
  function percentToRatio(text) {
    var m = /^\s*(\d{1,3})(?:\.(\d+))?\s*$/.exec(text);
    if (!m) { return null; }
    var whole = m[1];
    var frac = m[2] || '';
    var digits = (whole + frac).replace(/^0+(?=\d)/, '');
    var scale = frac.length + 2;
    var padded = digits.length > scale ? digits : new Array(scale - digits.length + 2).join('0') + digits;
    var ratio = Number(padded.slice(0, padded.length - scale) + '.' + padded.slice(padded.length - scale));
    return ratio >= 0 && ratio <= 1 ? ratio : null;
  }

  function ratioToPercent(ratio) {
    return String(Math.round(ratio * 1e8) / 1e6);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function number(n) {
    return String(Math.round(n * 10000) / 10000);
  }

  function volumeText(item) {
    return number(item.volume[0] / item.volume[1]);
  }

  /** @param {HTMLElement} $root */
  function Calculator($root) {
    this.$root = $root;
    this.$form = $root.querySelector('.js-ia-form');
    this.$postType = $root.querySelector('.js-ia-post-type');
    this.$posts = $root.querySelector('.js-ia-posts');
    this.$satisfaction = $root.querySelector('.js-ia-satisfaction');
    this.$allow = Array.prototype.slice.call($root.querySelectorAll('.js-ia-allow'));
    this.$linkProblem = $root.querySelector('.js-ia-link-problem');
    this.$errors = $root.querySelector('.js-ia-errors');
    this.$result = $root.querySelector('.js-ia-result');
    this.$counts = {};
    var self = this;
    RULES.items.forEach(function (item) {
      self.$counts[item.key] = $root.querySelector('.js-ia-count[name="' + item.key + '"]');
    });
  }

  Calculator.prototype.init = function () {
    var self = this;
    this.readHash();
    this.$form.addEventListener('input', function () { self.update(true); });
    this.$form.addEventListener('change', function () { self.update(true); });
    this.$form.addEventListener('submit', function (e) { e.preventDefault(); self.update(true); });
    this.$form.addEventListener('reset', function () { window.setTimeout(function () { self.update(true); }, 0); });
    var $print = this.$root.querySelector('.js-ia-print');
    if ($print) { $print.addEventListener('click', function () { window.print(); }); }
    window.addEventListener('hashchange', function () { self.readHash(); self.update(false); });
    this.$root.classList.add('ia--ready');
    this.update(false);
  };

  /** 合同允许折算: true, false, or null while nobody has chosen. */
  Calculator.prototype.allow = function () {
    var $on = this.$allow.filter(function ($r) { return $r.checked; })[0];
    return $on ? $on.value === 'yes' : null;
  };

  /**
   * Inputs live in the URL hash (never sent to a server), so a result can be
   * bookmarked; a cut or changed link restores what it can and says so.
   */
  Calculator.prototype.readHash = function () {
    var decoded = window.attainmentLink.decode(window.location.hash.replace(/^#/, ''), RULES.items);
    this.$linkProblem.textContent = decoded.message;
    this.$linkProblem.hidden = !decoded.message;
    var f = decoded.form;
    if (!f) { return; }
    if (has(f, 'post_type') && RULES.post_types.indexOf(f.post_type) >= 0) { this.$postType.value = f.post_type; }
    this.$posts.value = has(f, 'posts') ? f.posts : '1';
    this.$satisfaction.value = has(f, 'satisfaction') ? f.satisfaction : '';
    this.$allow.forEach(function ($r) {
      $r.checked = has(f, 'allow_conversion') && $r.value === (f.allow_conversion ? 'yes' : 'no');
    });
    var self = this;
    RULES.items.forEach(function (item) { self.$counts[item.key].value = has(f.counts, item.key) ? f.counts[item.key] : ''; });
  };

  Calculator.prototype.writeHash = function () {
    var self = this, counts = {};
    RULES.items.forEach(function (item) { counts[item.key] = self.$counts[item.key].value; });
    var hash = window.attainmentLink.encode({
      post_type: this.$postType.value, posts: this.$posts.value.trim(), satisfaction: this.$satisfaction.value.trim(),
      allow_conversion: this.allow(), counts: counts
    }, RULES.items);
    var url = window.location.pathname + window.location.search + '#' + hash;
    try { window.history.replaceState(null, '', url); } catch (e) { /* file:// in some browsers */ }
  };

  /** Build the contract input from the form; collect field errors in the user's words. */
  Calculator.prototype.readForm = function () {
    var errors = [];
    var postsText = this.$posts.value.trim();
    var posts = postsText === '' ? 1 : Number(postsText);
    var allow = this.allow();
    var input = {
      post_type: this.$postType.value,
      posts: isInteger(posts) && posts >= 1 && posts <= RULES.limits.posts ? posts : 1,
      allow_conversion: allow === true,
      counts: {}
    };
    this.$posts.removeAttribute('aria-invalid');
    if (input.posts !== posts) {
      this.$posts.setAttribute('aria-invalid', 'true');
      errors.push(fmt(T.badPosts, { max: RULES.limits.posts }));
    }
    if (allow === null) { errors.push(T.allowMissing); }
    var sat = this.$satisfaction.value.trim();
    if (sat === '') {
      errors.push(T.satisfactionMissing);
      input.satisfaction = 0;
    } else {
      var ratio = percentToRatio(sat);
      if (ratio === null) { errors.push(T.badPercent); input.satisfaction = 0; } else { input.satisfaction = ratio; }
    }
    var self = this;
    RULES.items.forEach(function (item) {
      var $input = self.$counts[item.key];
      var raw = $input.value.trim();
      $input.removeAttribute('aria-invalid');
      if (raw === '') { return; }
      if (!/^\d+$/.test(raw)) {
        $input.setAttribute('aria-invalid', 'true');
        errors.push(item.name + '：' + T.badCount);
        return;
      }
      input.counts[item.key] = Number(raw);
    });
    return { input: input, errors: errors };
  };

  Calculator.prototype.update = function (writeHash) {
    if (writeHash) { this.writeHash(); }
    var form = this.readForm();
    this.showMinimums(form.input);
    var result = null;
    var errors = form.errors.slice();
    try {
      result = indicatorAttainment(form.input);
    } catch (e) {
      if (e instanceof AttainmentInputError) { errors = errors.concat(e.problems.map(readable)); } else { throw e; }
    }
    this.showErrors(errors);
    this.$result.textContent = '';
    if (result && !errors.length) {
      this.render(form.input, result);
    }
  };

  /**
   * The contract's messages name keys for programmers ("counts.home_visit（探访）不能是负数");
   * on the page only the Chinese name stays ("探访不能是负数").
   */
  function readable(message) {
    return message.replace(/^[a-z_]+(\.[a-z_]+)?（([^）]+)）/, '$2');
  }

  Calculator.prototype.showErrors = function (errors) {
    this.$errors.textContent = '';
    this.$errors.hidden = !errors.length;
    if (!errors.length) { return; }
    var $list = el('ul');
    errors.forEach(function (msg) { $list.appendChild(el('li', '', msg)); });
    this.$errors.appendChild($list);
  };

  Calculator.prototype.showMinimums = function (input) {
    var posts = isInteger(input.posts) && input.posts >= 1 ? input.posts : 1;
    var postType = RULES.post_types.indexOf(input.post_type) >= 0 ? input.post_type : RULES.post_types[0];
    var $root = this.$root;
    RULES.items.forEach(function (item) {
      var $cell = $root.querySelector('.js-ia-min[data-item="' + item.key + '"]');
      if (!$cell) { return; }
      var per = item.minimums[postType];
      $cell.textContent = per === null ? T.noMinimum : (posts > 1 ? (per * posts) + '（' + per + '×' + posts + '）' : String(per));
    });
  };

  Calculator.prototype.render = function (input, result) {
    var $out = this.$result;
    var byKey = {};
    RULES.items.forEach(function (item) { byKey[item.key] = item; });

    var verdictClass = result.strict_met ? 'ia-verdict--met' : result.converted_met ? 'ia-verdict--converted' : 'ia-verdict--not-met';
    var $verdict = el('div', 'ia-verdict ' + verdictClass);
    $verdict.appendChild(el('p', 'ia-verdict__title', '结论：' + result.result));
    var explain = result.strict_met ? T.strictExplain : result.converted_met ? T.convertedExplain : (input.allow_conversion ? T.notMetExplain : T.notMetNoConversion);
    $verdict.appendChild(el('p', 'ia-verdict__text', explain));
    var postName = this.$postType.options[this.$postType.selectedIndex].text;
    $verdict.appendChild(el('p', 'ia-verdict__meta', postName + '；' + (input.posts > 1 ? fmt(T.team, { posts: input.posts }) : '单个岗位')));
    $out.appendChild($verdict);

    // Per item
    $out.appendChild(el('h3', '', '逐项对照'));
    var $wrap = el('div', 'ind-scroll');
    var $table = el('table', 'ind-table ia-items');
    var $head = el('tr');
    ['项目', '最低量', '完成量', '完成率', '结果', '折算（每 1 个）'].forEach(function (h) { $head.appendChild(el('th', '', h)); });
    var $thead = el('thead');
    $thead.appendChild($head);
    $table.appendChild($thead);
    var $body = el('tbody');
    result.items.forEach(function (row) {
      var item = byKey[row.key];
      var $tr = el('tr', row.met ? 'ia-row--met' : 'ia-row--not-met');
      $tr.setAttribute('data-item', row.key);
      $tr.appendChild(el('td', '', item.name));
      $tr.appendChild(el('td', '', row.minimum === null ? T.noMinimum : row.minimum));
      $tr.appendChild(el('td', '', row.actual));
      $tr.appendChild(el('td', '', row.rate === null ? '—' : fmt(T.rate, { pct: number(row.rate * 100) })));
      $tr.appendChild(el('td', 'ia-mark', row.minimum === null ? T.always : row.met ? '✔ ' + T.met : '✘ ' + T.notMet + '（差 ' + (row.minimum - row.actual) + '）'));
      $tr.appendChild(el('td', '', item.group === null ? '不折算' : volumeText(item)));
      $body.appendChild($tr);
    });
    $table.appendChild($body);
    $wrap.appendChild($table);
    $out.appendChild($wrap);

    // Conversion working
    $out.appendChild(el('h3', '', '折算过程'));
    result.groups.forEach(function (g) {
      var name = g.key === 'service' ? '服务量（以专业个案计）' : g.key === 'supervision' ? '督导培训量（以培训计）' : g.key;
      var $box = el('div', 'ia-group ' + (g.met ? 'ia-group--met' : 'ia-group--not-met'));
      $box.setAttribute('data-group', g.key);
      $box.appendChild(el('p', 'ia-group__title', fmt(T.groupTitle, { name: name, required: number(g.required_volume), actual: number(g.actual_volume) }) + ' — ' + (g.met ? T.groupMet : fmt(T.groupNotMet, { short: number(g.required_volume - g.actual_volume) }))));
      var req = [];
      var act = [];
      result.items.forEach(function (row) {
        var item = byKey[row.key];
        if (item.group !== g.key) { return; }
        if (row.minimum !== null) { req.push(row.minimum + '×' + volumeText(item)); }
        act.push(row.actual + '×' + volumeText(item));
      });
      $box.appendChild(el('p', 'ia-working', T.requiredWorking + (req.join(' + ') || T.none) + ' = ' + number(g.required_volume)));
      $box.appendChild(el('p', 'ia-working', T.actualWorking + (act.join(' + ') || T.none) + ' = ' + number(g.actual_volume)));
      $out.appendChild($box);
    });
    var loose = result.items.filter(function (row) { return byKey[row.key].group === null; });
    var looseNotMet = loose.filter(function (row) { return !row.met; }).map(function (row) { return byKey[row.key].name; });
    $out.appendChild(el('p', 'ia-loose', '不能折算、须单独达标的项目：' + loose.map(function (row) { return byKey[row.key].name; }).join('、') +
      (looseNotMet.length ? '。其中未达标：' + looseNotMet.join('、') : '。全部达标') + '。'));

    var typed = this.$satisfaction.value.trim();
    if (/^0?\.\d+$/.test(typed) || typed === '1') {
      // Someone typed the ratio (0.86) where the field asks for a percentage.
      $out.appendChild(el('p', 'ia-bad ia-ratio-hint', fmt(T.ratioHint, { typed: typed, pct: number(Number(typed) * 100) })));
    }
    var min = number(RULES.satisfaction_min[0] / RULES.satisfaction_min[1] * 100);
    $out.appendChild(el('p', 'ia-satisfaction ' + (result.satisfaction_met ? 'ia-ok' : 'ia-bad'),
      fmt(result.satisfaction_met ? T.satisfactionMet : T.satisfactionNotMet, { pct: ratioToPercent(input.satisfaction), min: min })));
  };

  function start() {
    var $roots = document.querySelectorAll('[data-module="indicator-attainment"]');
    Array.prototype.forEach.call($roots, function ($root) { new Calculator($root).init(); });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
