/**
 * Exact decimal numbers for the supervisor score (browser twin of
 * generator/scoring/numbers.py): a value is {m: BigInt, s: scale}, read from a
 * number's shortest text (String(n), the same digits as Python's repr), so
 * 60.15 × 30% is exactly 18.045 and rounds half-up to 18.05.
 * Defines window.supervisorScoreDecimal = {dec, fmt, round, add, cmp, mulInt, mulPercent, minDec, toJson}.
 */
(function () {
  'use strict';

  var TEN = BigInt(10);
  var ZERO_BIG = BigInt(0);
  var TWO = BigInt(2);

  /** @typedef {{m: bigint, s: number}} Dec  value = m / 10^s */

  /** @param {number|string|Dec} v @returns {Dec} */
  function dec(v) {
    if (v && typeof v === 'object') return v;
    var t = String(v).toLowerCase();
    var exp = 0;
    var e = t.indexOf('e');
    if (e >= 0) { exp = parseInt(t.slice(e + 1), 10); t = t.slice(0, e); }
    var neg = t.charAt(0) === '-';
    if (neg || t.charAt(0) === '+') t = t.slice(1);
    var dot = t.indexOf('.');
    var scale = 0;
    if (dot >= 0) { scale = t.length - dot - 1; t = t.slice(0, dot) + t.slice(dot + 1); }
    scale -= exp;
    var m = BigInt(t || '0');
    if (neg) m = -m;
    if (scale < 0) { m = m * pow10(-scale); scale = 0; }
    return { m: m, s: scale };
  }
  function pow10(n) { var r = BigInt(1); for (var i = 0; i < n; i++) r *= TEN; return r; }
  function align(a, b) {
    var s = Math.max(a.s, b.s);
    return [a.m * pow10(s - a.s), b.m * pow10(s - b.s), s];
  }
  function add() {
    var total = { m: ZERO_BIG, s: 0 };
    for (var i = 0; i < arguments.length; i++) {
      var x = align(total, dec(arguments[i]));
      total = { m: x[0] + x[1], s: x[2] };
    }
    return total;
  }
  function cmp(a, b) { var x = align(dec(a), dec(b)); return x[0] < x[1] ? -1 : (x[0] > x[1] ? 1 : 0); }
  function mulInt(a, n) { a = dec(a); return { m: a.m * BigInt(n), s: a.s }; }
  function mulPercent(a, pct) { a = dec(a); var p = dec(pct); return { m: a.m * p.m, s: a.s + p.s + 2 }; }
  function minDec(a, b) { return cmp(a, b) <= 0 ? dec(a) : dec(b); }
  /** Half-up to `places` decimals (values here are never negative). */
  function round(a, places) {
    a = dec(a);
    if (a.s <= places) return a;
    var f = pow10(a.s - places);
    var neg = a.m < ZERO_BIG;
    var m = neg ? -a.m : a.m;
    var q = m / f;
    if ((m % f) * TWO >= f) q += BigInt(1);
    return { m: neg ? -q : q, s: places };
  }
  /** Plain text without trailing zeros or exponent: 1.5, 8, 0.0000001. */
  function fmt(v) {
    var a = dec(v);
    var neg = a.m < ZERO_BIG;
    var digits = (neg ? -a.m : a.m).toString();
    if (digits === '0') return '0';
    while (digits.length <= a.s) digits = '0' + digits;
    var intPart = digits.slice(0, digits.length - a.s);
    var frac = digits.slice(digits.length - a.s).replace(/0+$/, '');
    return (neg ? '-' : '') + intPart + (frac ? '.' + frac : '');
  }
  function toJson(v) { return Number(fmt(v)); }

  window.supervisorScoreDecimal = {
    dec: dec, fmt: fmt, round: round, add: add, cmp: cmp, mulInt: mulInt, mulPercent: mulPercent, minDec: minDec, toJson: toJson
  };
})();
