/**
 * attainment-link.js — the 年度指标达标计算器 form as a short link
 * (window.attainmentLink), in the share-link.js format: short keys, the
 * defaults (1 post, empty counts, 折算 not yet chosen) left out, a checksum so
 * a cut or changed link says what it kept. Old links (full key names, no
 * checksum) still open.
 */
(function () {
  'use strict';

  var L = window.swShareLink;
  var TOP = { post_type: 'p', posts: 'n', satisfaction: 's', allow_conversion: 'a' };
  var ITEMS = {
    professional_case: 'pc', consultation: 'cn', home_visit: 'hv', file_opening: 'fo', therapeutic_group: 'tg',
    developmental_group: 'dg', large_activity: 'la', small_activity: 'sa', lecture_workshop: 'lw', outreach: 'or',
    newsletter: 'nl', volunteers_recruited: 'vr', volunteer_training: 'vt', volunteer_service: 'vs',
    supervision: 'su', training: 'tr'
  };
  var LABELS = { post_type: '岗位类型', posts: '岗位数', satisfaction: '满意率', allow_conversion: '是否允许折算' };
  var TEXT = {
    cut: function (kept, lost) {
      return '这个链接不完整（可能被聊天软件截断了）。' + (kept.length ? '已恢复：' + kept.join('、') + '。' : '没有能恢复的内容。') +
        '“' + lost + '”及其后的内容没有恢复，请核对后补填，或请对方重新发送完整的链接。';
    },
    end: '链接末尾的内容',
    changed: function (kept) { return '这个链接在传递中被改动过，恢复的内容（' + kept.join('、') + '）可能不对：请逐项核对，或请对方重新发送。'; }
  };

  function invert(table) {
    var out = {};
    Object.keys(table).forEach(function (k) { out[table[k]] = k; out[k] = k; });
    return out;
  }

  /**
   * @param {{post_type: string, posts: string, satisfaction: string, allow_conversion: (boolean|null), counts: Object<string, string>}} form
   *   the raw form values (text as typed)
   * @param {Array<{key: string}>} items  the rules' items, in page order
   * @returns {string} the hash without "#"
   */
  function encode(form, items) {
    var pairs = [['p', L.text(form.post_type)]];
    if (form.posts !== '' && form.posts !== '1') pairs.push(['n', L.text(form.posts)]);
    if (form.satisfaction !== '') pairs.push(['s', L.text(form.satisfaction)]);
    if (form.allow_conversion !== null) pairs.push(['a', form.allow_conversion ? '1' : '0']);
    items.forEach(function (item) {
      var v = form.counts[item.key];
      if (v !== undefined && v !== '') pairs.push([ITEMS[item.key] || item.key, L.text(v)]);
    });
    return L.pack(pairs);
  }

  /**
   * @returns {{form: (Object|null), message: string}} form holds only the values found
   */
  function decode(hash, items) {
    if (!hash) return { form: null, message: '' };
    var u = L.unpack(hash), top = invert(TOP), byShort = invert(ITEMS), names = {};
    items.forEach(function (item) { names[item.key] = item.name; });
    // Old links: full key names and no checksum.
    var old = u.status === 'cut' && /(^|&)post_type=/.test(hash);
    if (old) u = { pairs: u.pairs.concat(u.cutAt ? [hash.slice(hash.lastIndexOf('&') + 1).split('=')] : []), status: 'ok' };
    var form = { counts: {} }, kept = [], lost = null;
    u.pairs.forEach(function (p) {
      var key = top[p[0]] || byShort[p[0]], v = L.untext(p[1]);
      var label = LABELS[key] || names[key];
      if (!key || !label) return;
      if (v === null) { lost = lost || label; return; }
      if (key === 'allow_conversion') form.allow_conversion = v !== '0';
      else if (TOP[key]) form[key] = v;
      else form.counts[key] = v;
      kept.push(label);
    });
    var message = '';
    if (u.status === 'cut') {
      var cutKey = u.cutAt && (top[u.cutAt] || byShort[u.cutAt]);
      message = TEXT.cut(kept, lost || (cutKey && (LABELS[cutKey] || names[cutKey])) || TEXT.end);
    } else if (u.status === 'changed') {
      message = TEXT.changed(kept);
    } else if (lost) {
      message = TEXT.cut(kept, lost);
    }
    return { form: form, message: message };
  }

  window.attainmentLink = { encode: encode, decode: decode, text: TEXT };
})();
