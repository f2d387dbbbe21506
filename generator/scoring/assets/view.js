/**
 * 督导助理选拔评分 page, the read-only parts: user-facing text, the printable
 * result sheet and the eligibility cards. Everything is built with
 * createElement / textContent (user input never goes through innerHTML).
 * Defines window.supervisorScoreView for calculator.js.
 */
(function () {
  'use strict';

  /** User-facing text in one place. */
  var TEXT = Object.freeze({
    prompt: '请先填写笔试和面试成绩。',
    passed: '笔试 {w} 分，达到 60 分及格线：计算总成绩。',
    failed: '笔试 {w} 分，不足 60 分：落选，不计总成绩（加分仅供参考）。',
    failedTotal: '落选',
    failedFormula: '笔试不足 60 分，不计算总成绩；加分合计 {b} 分，仅供参考。',
    formula: '笔试 {w} × {wp}% + 面试 {i} × {ip}% + 加分 {b} = {wv} + {iv} + {b} = {t}',
    rounded: '（精确值 {x}，四舍五入保留 2 位小数）',
    capped: '已封顶',
    counted: '计入',
    notCounted: '不计（重复或超限）',
    points: '{p} 分',
    copied: '链接已复制，可以粘贴保存。',
    copyFailed: '无法自动复制：请直接复制地址栏中的链接。',
    met: '符合',
    not_met: '不符合',
    unknown: '待确认',
    anyOf: '以下四项中具备任意 {n} 项（目前符合 {m} 项）',
    sheetRule: '评分规则版本 {v}；来源：{s}。本结果单由《社工服务标准手册》督导助理选拔评分计算器生成。',
    noItems: '（未申报加分项目）',
    exampleName: '示例候选人'
  });

  var GROUP_LABEL = { political: '思想政治', education: '学历、学位', service: '社会工作服务', research: '研究及宣传成果' };

  function t(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values && values[k] !== undefined ? String(values[k]) : ''; });
  }
  function $$(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  /** Fill the printable result sheet `$s` (hidden on screen). */
  function fillSheet($s, data, input, meta, detail) {
    if (!$s) return;
    var set = function (cls, text) { $s.querySelector(cls).textContent = text; };
    set('.js-sheet-name', meta.name || '');
    set('.js-sheet-date', meta.date || '');
    set('.js-sheet-written', input.written !== undefined ? String(input.written) : '');
    set('.js-sheet-interview', input.interview !== undefined ? String(input.interview) : '');
    var $items = $s.querySelector('.js-sheet-items'), $notes = $s.querySelector('.js-sheet-notes');
    var $groups = $s.querySelector('.js-sheet-groups');
    clear($items); clear($notes); clear($groups);
    if (!detail) { set('.js-sheet-total', '输入有误，未计算'); return; }
    var r = detail.result;
    set('.js-sheet-total', r.total === null ? '落选（笔试不足 60 分），加分 ' + r.bonus.total + ' 分' :
      r.total + ' 分（笔试 ' + detail.formula.written_part + ' + 面试 ' + detail.formula.interview_part + ' + 加分 ' + r.bonus.total + '）');
    if (!detail.items.length) {
      var $tr0 = el('tr'); var $td0 = el('td', null, TEXT.noItems); $td0.colSpan = 4; $tr0.appendChild($td0); $items.appendChild($tr0);
    }
    detail.items.forEach(function (it) {
      var $tr = el('tr');
      $tr.appendChild(el('td', null, GROUP_LABEL[it.group]));
      $tr.appendChild(el('td', null, it.label));
      $tr.appendChild(el('td', null, it.points));
      $tr.appendChild(el('td', null, it.counted ? TEXT.counted : TEXT.notCounted));
      $items.appendChild($tr);
    });
    var rules = data.rules;
    ['political', 'education', 'service', 'research'].forEach(function (g) {
      var $tr = el('tr');
      $tr.appendChild(el('td', null, GROUP_LABEL[g]));
      $tr.appendChild(el('td', null, detail.raw[g]));
      $tr.appendChild(el('td', null, rules.groups[g].cap));
      $tr.appendChild(el('td', null, detail.capped[g] + (detail.raw[g] > detail.capped[g] ? '（' + TEXT.capped + '）' : '')));
      $groups.appendChild($tr);
    });
    var $sum = el('tr');
    $sum.appendChild(el('th', null, '加分合计'));
    $sum.appendChild(el('td')); $sum.appendChild(el('td'));
    $sum.appendChild(el('td', null, r.bonus.total));
    $groups.appendChild($sum);
    r.notes.forEach(function (n) { $notes.appendChild(el('li', null, n)); });
    var cites = data.cite_text;
    set('.js-sheet-rule', t(TEXT.sheetRule, { v: data.version, s: cites[rules.formula.cite] + '；' + cites[rules.source_cite] }));
  }

  /** One card per route: each condition met / not met / unknown, with its source. */
  function renderElig($out, data, result) {
    var cites = data.cite_text;
    clear($out);
    Object.keys(result).forEach(function (name) {
      var route = result[name];
      var $card = el('section', 'ssc-route ssc-route--' + route.status);
      var $h = el('h3', null, route.label + '：');
      $h.appendChild(el('span', 'ssc-badge ssc-badge--' + route.status, TEXT[route.status]));
      $card.appendChild($h);
      var $ul = el('ul', 'ssc-conds');
      var addCond = function (c) {
        var $li = el('li', 'ssc-cond ssc-cond--' + c.status);
        $li.appendChild(el('span', 'ssc-badge ssc-badge--' + c.status, TEXT[c.status]));
        $li.appendChild(el('span', 'ssc-cond-label', ' ' + c.label));
        if (c.detail && c.detail !== '是' && c.detail !== '否' && c.detail !== '未填写') $li.appendChild(el('small', 'ssc-cond-detail', '（' + c.detail + '）'));
        $li.appendChild(el('span', 'cite', '来源：' + (cites[c.cite] || c.cite)));
        $ul.appendChild($li);
      };
      route.conditions.forEach(addCond);
      $card.appendChild($ul);
      if (route.any_of) {
        var $p = el('p', null, t(TEXT.anyOf, { n: route.any_of.need, m: route.any_of.met }) + '：');
        $p.appendChild(el('span', 'ssc-badge ssc-badge--' + route.any_of.status, TEXT[route.any_of.status]));
        $card.appendChild($p);
        var $ul2 = el('ul', 'ssc-conds');
        $ul = $ul2;
        route.any_of.conditions.forEach(addCond);
        $card.appendChild($ul2);
      }
      $out.appendChild($card);
    });
  }

  /** The eligibility summary on the print sheet, only when something was answered. */
  function fillSheetElig($s, result, answered) {
    var $box = $s.querySelector('.js-sheet-elig'), $list = $s.querySelector('.js-sheet-elig-list');
    clear($list);
    $box.hidden = !answered;
    if (!answered) return;
    Object.keys(result).forEach(function (name) {
      var route = result[name];
      var conds = route.conditions.concat(route.any_of ? route.any_of.conditions : []);
      var open = conds.filter(function (c) { return c.status !== 'met'; }).map(function (c) { return TEXT[c.status] + '：' + c.label; });
      $list.appendChild(el('li', null, route.label + '：' + TEXT[route.status] + (open.length ? '（' + open.join('；') + '）' : '')));
    });
  }

  window.supervisorScoreView = {
    fillSheetElig: fillSheetElig,
    TEXT: TEXT, GROUP_LABEL: GROUP_LABEL, t: t, $$: $$, el: el, clear: clear, fillSheet: fillSheet, renderElig: renderElig
  };
})();
