/**
 * 资格自查: browser twin of generator/scoring/eligibility.py.
 * window.supervisorEligibility(answers) -> {route: {label, cite, status, conditions, any_of?}}
 * Status of each condition: met / not_met / unknown (not answered).
 */
(function () {
  'use strict';
  var D = window.supervisorScoreDecimal;
  var MET = 'met', NOT_MET = 'not_met', UNKNOWN = 'unknown';

  function combine(statuses) {
    if (statuses.indexOf(NOT_MET) >= 0) return NOT_MET;
    if (statuses.length && statuses.every(function (s) { return s === MET; })) return MET;
    return UNKNOWN;
  }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function val(x, k) { return has(x, k) && x[k] !== undefined ? x[k] : null; }

  function deduction(rules, leave) {
    var total = D.dec(0);
    Object.keys(rules.service_days.deductions).forEach(function (kind) {
      var d = rules.service_days.deductions[kind];
      var days = (leave && leave[kind]) || 0;
      var capped = D.cmp(days, d.max_days) <= 0 ? D.dec(days) : D.dec(d.max_days);
      total = D.add(total, capped);
    });
    return total;
  }

  function service(rules, x, yearsNeeded) {
    var perYear = D.dec(rules.service_days.per_year);
    var years = val(x, 'service_years');
    var days = val(x, yearsNeeded === 1 ? 'days_last_year' : 'days_last_3_years');
    if (years === null || days === null) return [UNKNOWN, '请填写服务年限和服务天数'];
    var cut = deduction(rules, val(x, 'leave') || {});
    var required = D.add({ m: perYear.m * BigInt(yearsNeeded), s: perYear.s });
    var need = D.add(required, { m: -cut.m, s: cut.s });
    if (D.cmp(need, 0) < 0) need = D.dec(0);
    var period = yearsNeeded === 1 ? '最近一年' : '最近三年合计';
    var text = '服务 ' + D.fmt(years) + ' 年（要求满 ' + yearsNeeded + ' 年）；' + period + ' ' + D.fmt(days) + ' 天，要求 ' + D.fmt(required) + ' 天';
    if (D.cmp(cut, 0) !== 0) text += '，核减假期 ' + D.fmt(cut) + ' 天后要求 ' + D.fmt(need) + ' 天';
    var ok = D.cmp(years, yearsNeeded) >= 0 && D.cmp(days, need) >= 0;
    return [ok ? MET : NOT_MET, text];
  }

  function check(rules, cond, x) {
    var how = cond.check;
    if (how.indexOf('yes:') === 0) {
      var field = how.slice(4), value = val(x, field);
      if (value === null && field === 'has_sw_certificate' && val(x, 'qualification')) {
        value = x.qualification === 'intermediate' || x.qualification === 'senior';
      }
      if (value === null) return [UNKNOWN, '未填写'];
      return value ? [MET, '是'] : [NOT_MET, '否'];
    }
    if (how === 'education' || how === 'qualification') {
      var v = val(x, how);
      if (!v) return [UNKNOWN, '未填写'];
      var options = rules[how + '_options'];
      var label = has(options, v) ? options[v] : v;
      var bad = how === 'education' ? v === 'other' : v === 'none';
      return [bad ? NOT_MET : MET, label];
    }
    if (how === 'service_1y') return service(rules, x, 1);
    if (how === 'service_3y') return service(rules, x, 3);
    throw new Error('unknown check ' + how);
  }

  function conditions(rules, conds, x, skip) {
    return conds.filter(function (c) { return !skip || skip.indexOf(c.id) < 0; }).map(function (c) {
      var r = check(rules, c, x);
      return { id: c.id, label: c.label, status: r[0], detail: r[1], cite: c.cite };
    });
  }

  function supervisorEligibility(x) {
    var rules = window.SUPERVISOR_SCORING.eligibility;
    x = x || {};
    var result = {};
    Object.keys(rules.routes).forEach(function (name) {
      var route = rules.routes[name];
      var conds = route.basic_from
        ? conditions(rules, rules.routes[route.basic_from].conditions, x, route.basic_skip || [])
        : conditions(rules, route.conditions || [], x);
      var entry = { label: route.label, cite: route.cite, conditions: conds };
      var statuses = conds.map(function (c) { return c.status; });
      if (route.any_of) {
        var items = conditions(rules, route.any_of.conditions, x);
        var met = items.filter(function (c) { return c.status === MET; }).length;
        var unknown = items.filter(function (c) { return c.status === UNKNOWN; }).length;
        var need = route.any_of.need;
        var status = met >= need ? MET : (met + unknown < need ? NOT_MET : UNKNOWN);
        entry.any_of = { need: need, met: met, status: status, conditions: items, cite: route.any_of.cite };
        statuses.push(status);
      }
      entry.status = combine(statuses);
      result[name] = entry;
    });
    return result;
  }

  window.supervisorEligibility = supervisorEligibility;
})();
