/**
 * link.js — the 督导助理选拔评分 state as a short link (window.supervisorLink).
 *
 * Short keys, values left out when they are the contract's default, list rows
 * as positional cells ("pa=core~other_small.2": two papers). The candidate's
 * name is in the link only when the supervisor ticks 链接里包含候选人姓名.
 * Old links (the whole state as JSON) still open. The field order and
 * defaults come from the input contract (window.SUPERVISOR_SCORING.spec), so a
 * new field works at once under its full name.
 */
(function () {
  'use strict';

  var L = window.swShareLink;
  var TOP = {
    written: 'w', interview: 'i', media_coverage: 'm', qualifications: 'q', excellent_ratings: 'e',
    dongguan_years: 'd', outside_supervisor_years: 'o', service_awards: 'sa', research_projects: 'rp',
    papers: 'pa', books: 'bk', reports: 'rt', competitions: 'cp'
  };
  var META = { name: 'n', date: 't' };
  var ELIG = {
    education: 'xe', qualification: 'xq', registration: 'xr', continuing_education: 'xc', service_years: 'xy',
    days_last_year: 'x1', days_last_3_years: 'x3', 'leave.maternity': 'xm', 'leave.injury': 'xi', 'leave.sick': 'xs',
    last_assessment_pass: 'xa', assessments_3y_pass: 'xb', is_assistant: 'xh', has_sw_certificate: 'xw',
    postgraduate: 'xp', outside_supervisor: 'xo', publications: 'xu'
  };
  var YES = '_1', NO = '_0';

  var TEXT = {
    metaLabels: { name: '候选人姓名', date: '评分日期' },
    elig: '资格自查',
    end: '链接末尾的内容',
    cut: function (kept, lost) {
      return '这个链接不完整（可能被聊天软件截断了）。' + (kept.length ? '已恢复：' + kept.join('、') + '。' : '没有能恢复的内容。') +
        (lost ? '“' + lost + '”及其后的内容没有恢复，' : '') + '请核对后补填，或请对方重新发送完整的链接。';
    },
    changed: function (kept) {
      return '这个链接在传递中被改动过，下面恢复的内容（' + kept.join('、') + '）可能不对：请逐项核对，或请对方重新发送。';
    },
    unreadable: '这个链接已损坏，读不出任何填写内容，所以计算器是空的。请对方重新发送完整的链接。'
  };

  function invert(table) {
    var out = {};
    Object.keys(table).forEach(function (k) { out[table[k]] = k; });
    return out;
  }
  function spec() { return window.SUPERVISOR_SCORING.spec; }
  function isDefault(f, v) { return f.default !== undefined && f.default !== null && v === f.default; }
  function cell(v) { return v === true ? YES : v === false ? NO : L.text(v); }

  function row(items, item) {
    var cells = items.map(function (f) {
      var v = item[f.name];
      return v === undefined || v === null || isDefault(f, v) ? '' : cell(v);
    });
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    return cells.join('.');
  }

  /** Flatten {leave: {sick: 3}} to [["leave.sick", 3]], in the table's order first. */
  function eligPairs(elig) {
    var flat = {};
    Object.keys(elig || {}).forEach(function (k) {
      var v = elig[k];
      if (v !== null && typeof v === 'object') Object.keys(v).forEach(function (s) { flat[k + '.' + s] = v[s]; });
      else flat[k] = v;
    });
    var known = Object.keys(ELIG).filter(function (k) { return k in flat; });
    var other = Object.keys(flat).filter(function (k) { return !(k in ELIG); }).sort();
    return known.concat(other).map(function (k) { return [ELIG[k] || 'x.' + k, cell(flat[k])]; });
  }

  /**
   * @param {{input: Object, meta: Object, elig: Object}} state
   * @param {boolean} withName  include the candidate's name
   * @returns {string} the hash without "#"
   */
  function encode(state, withName) {
    var input = state.input || {}, meta = state.meta || {}, pairs = [];
    if (withName && meta.name) pairs.push([META.name, L.text(meta.name)]);
    if (meta.date) pairs.push([META.date, L.text(meta.date)]);
    spec().forEach(function (f) {
      var v = input[f.name], k = TOP[f.name] || f.name;
      if (v === undefined || v === null) return;
      if (f.type === 'enum_list') { if (v.length) pairs.push([k, v.map(L.text).join('.')]); return; }
      if (f.type === 'list') {
        if (v.length) pairs.push([k, v.map(function (item) { return row(f.items, item); }).join('~')]);
        return;
      }
      if (!isDefault(f, v)) pairs.push([k, cell(v)]);
    });
    return L.pack(pairs.concat(eligPairs(state.elig)));
  }

  /** A cell back to a value of the field's type; undefined when unreadable. */
  function value(raw, type) {
    if (raw === YES) return true;
    if (raw === NO) return false;
    var s = L.untext(raw);
    if (s === null) return undefined;
    if (type !== 'string' && type !== 'enum' && type !== 'level_or_null' && /^[+-]?\d+(\.\d+)?$/.test(s)) return Number(s);
    return s;
  }

  function readRow(items, text) {
    var item = {};
    text.split('.').forEach(function (raw, i) {
      if (raw === '' || !items[i]) return;
      var v = value(raw, items[i].type);
      if (v !== undefined) item[items[i].name] = v;
    });
    return item;
  }

  /**
   * @param {string} hash without "#"
   * @returns {{state: (Object|null), message: string, withName: boolean}}
   *   message is "" for a whole link, else what was kept and what was lost.
   */
  function decode(hash) {
    if (!hash) return { state: null, message: '', withName: false };
    if (/^(%7B|\{)/i.test(hash)) {
      // Links from before (the whole state as JSON).
      try { return { state: JSON.parse(decodeURIComponent(hash)), message: '', withName: true }; }
      catch (e) { return { state: null, message: TEXT.unreadable, withName: false }; }
    }
    var u = L.unpack(hash), top = invert(TOP), meta = invert(META), elig = invert(ELIG), fields = {};
    spec().forEach(function (f) { fields[f.name] = f; });
    var state = { input: {}, meta: {}, elig: {} }, kept = [], lost = null, eligKept = false;
    function label(key) {
      if (meta[key]) return TEXT.metaLabels[meta[key]];
      var name = top[key] || key;
      if (fields[name]) return fields[name].label;
      return (elig[key] || key.indexOf('x.') === 0) ? TEXT.elig : null;
    }
    u.pairs.forEach(function (p) {
      var key = p[0], raw = p[1], v;
      if (meta[key]) {
        v = L.untext(raw);
        if (v === null) { lost = lost || label(key); return; }
        state.meta[meta[key]] = v;
        kept.push(label(key));
        return;
      }
      var f = fields[top[key] || key];
      if (f) {
        if (f.type === 'list') v = raw.split('~').map(function (r) { return readRow(f.items, r); });
        else if (f.type === 'enum_list') v = raw === '' ? [] : raw.split('.').map(L.untext);
        else v = value(raw, f.type);
        if (v === undefined || (Array.isArray(v) && v.indexOf(null) >= 0)) { lost = lost || f.label; return; }
        state.input[f.name] = v;
        kept.push(f.label);
        return;
      }
      var name = elig[key] || (key.indexOf('x.') === 0 ? key.slice(2) : null);
      if (!name) return;
      v = value(raw, 'number');
      if (v === undefined) { lost = lost || TEXT.elig; return; }
      var parts = name.split('.');
      if (parts.length === 2) { state.elig[parts[0]] = state.elig[parts[0]] || {}; state.elig[parts[0]][parts[1]] = v; }
      else state.elig[name] = v;
      if (!eligKept) { kept.push(TEXT.elig); eligKept = true; }
    });
    var withName = state.meta.name !== undefined, message = '';
    if (u.status === 'cut') message = TEXT.cut(kept, lost || (u.cutAt && label(u.cutAt)) || TEXT.end);
    else if (u.status === 'changed') message = TEXT.changed(kept);
    else if (lost) message = TEXT.cut(kept, lost);
    if (u.status === 'cut' && !kept.length && !u.pairs.length && !u.cutAt) message = TEXT.unreadable;
    return { state: state, message: message, withName: withName };
  }

  window.supervisorLink = { encode: encode, decode: decode, text: TEXT };
})();
