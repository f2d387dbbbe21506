/**
 * share-link.js — the URL-hash format both calculators share links with
 * (督导助理选拔评分 and 年度指标达标计算器).
 *
 * A link is short "key=value" pairs joined by "&", ending in a checksum pair
 * "z=xxxxxx" over everything before it. Chat apps cut long links and some
 * change them: without the checksum pair the link was cut (the last pair may
 * be half a value, so it is dropped and named); with a wrong checksum it was
 * changed. Either way the page restores what it can and says so, never
 * opening empty without a word.
 *
 * Values are the callers' own short strings; text() escapes free text so it
 * cannot contain the separators "&", "=", "." or "~". Classic script, no
 * network, file:// safe.
 */
(function () {
  'use strict';

  var CHECK = 'z';
  var CHECK_LENGTH = 6;

  /** FNV-1a over the UTF-16 code units, as 6 base-36 digits. */
  function checksum(s) {
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    var out = h.toString(36);
    while (out.length < CHECK_LENGTH) out = '0' + out;
    return out.slice(-CHECK_LENGTH);
  }

  /** Free text made safe inside a value: only [A-Za-z0-9_-] stay as they are. */
  function text(s) {
    return encodeURIComponent(String(s)).replace(/[.~!*'()]/g, function (c) {
      return '%' + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  /** text() undone; null when the escape was cut or changed. */
  function untext(s) {
    try { return decodeURIComponent(s); } catch (e) { return null; }
  }

  /** @param {Array<[string, string]>} pairs  @returns {string} the hash without "#" */
  function pack(pairs) {
    var body = pairs.map(function (p) { return p[0] + '=' + p[1]; }).join('&');
    return body + (body ? '&' : '') + CHECK + '=' + checksum(body);
  }

  /**
   * @param {string} hash without "#"
   * @returns {{pairs: Array<[string, string]>, status: string, cutAt: (string|null)}}
   *   status: "empty", "ok", "cut" (no checksum: the end is missing; cutAt is
   *   the key of the dropped half pair, if its key survived) or "changed".
   */
  function unpack(hash) {
    if (!hash) return { pairs: [], status: 'empty', cutAt: null };
    var parts = hash.split('&');
    var last = parts[parts.length - 1];
    var m = new RegExp('^' + CHECK + '=([0-9a-z]{' + CHECK_LENGTH + '})$').exec(last);
    var status = 'ok', cutAt = null;
    if (m) {
      parts.pop();
      if (checksum(parts.join('&')) !== m[1]) status = 'changed';
    } else {
      status = 'cut';
      var half = parts.pop();
      var eq = half.indexOf('=');
      cutAt = eq > 0 ? half.slice(0, eq) : null;
    }
    var pairs = [];
    parts.forEach(function (p) {
      var eq = p.indexOf('=');
      if (eq > 0) pairs.push([p.slice(0, eq), p.slice(eq + 1)]);
    });
    return { pairs: pairs, status: status, cutAt: cutAt };
  }

  window.swShareLink = { pack: pack, unpack: unpack, text: text, untext: untext, checksum: checksum };
})();
