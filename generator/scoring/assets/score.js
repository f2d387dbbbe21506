/**
 * 督导助理选拔总成绩：the browser twin of generator/scoring/inputs.py and core.py.
 *
 * Classic script (works from file://). Reads the rules and the input contract
 * from window.SUPERVISOR_SCORING (rules.js, generated from
 * data/scoring/supervisor_selection.yaml) and defines:
 *   window.supervisorScore(input)        -> result object, or {errors: [...]}
 *   window.supervisorScoreDetail(input)  -> {result, items, raw, capped} or {errors}
 * Arithmetic is exact decimal (decimal.js), rounding half-up only at the end,
 * so the numbers equal Python's Decimal results digit for digit.
 */
(function () {
  'use strict';

  var D = window.supervisorScoreDecimal;
  var dec = D.dec, fmt = D.fmt, round = D.round, add = D.add, cmp = D.cmp;
  var mulInt = D.mulInt, mulPercent = D.mulPercent, minDec = D.minDec, toJson = D.toJson;

  // ---- input validation: mirror of inputs.py -------------------------------

  function kind(v) {
    if (v === null || v === undefined) return '空值 null';
    if (typeof v === 'boolean') return '布尔值';
    if (typeof v === 'number') return isFinite(v) ? '数字' : '无效数字（NaN 或无穷大）';
    if (typeof v === 'string') return '文字';
    if (Array.isArray(v)) return '数组';
    return '对象';
  }
  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
  function get(obj, key) { return has(obj, key) ? obj[key] : undefined; }
  function isNumber(v) { return typeof v === 'number' && isFinite(v); }
  function choiceText(choices) {
    return choices.map(function (c) { return c[0] + '（' + c[1] + '）'; }).join('、');
  }
  function rangeText(f) {
    var lo = f.min, hi = f.max;
    if (lo != null && hi != null) return fmt(lo) + ' 到 ' + fmt(hi) + ' 之间';
    if (lo != null) return '不小于 ' + fmt(lo);
    return '不大于 ' + fmt(hi);
  }
  function expected(f) {
    var t = f.type;
    if (t === 'number') return (has(f, 'min') || has(f, 'max')) ? '数字（' + rangeText(f) + '）' : '数字';
    if (t === 'integer') return '整数（' + rangeText(f) + '）';
    if (t === 'enum' || t === 'level_or_null') return '可选值之一';
    if (t === 'string') return '文字';
    if (t === 'boolean') return 'true 或 false';
    return '数组（[…]）';
  }
  function checkNumber(path, f, v, errors) {
    if (!isNumber(v)) { errors.push(path + '：' + f.label + '应为' + expected(f) + '，实际是' + kind(v)); return false; }
    if (f.type === 'integer' && !Number.isInteger(v)) { errors.push(path + '：' + f.label + '应为整数，实际是 ' + fmt(v)); return false; }
    if ((f.min != null && cmp(v, f.min) < 0) || (f.max != null && cmp(v, f.max) > 0)) {
      errors.push(path + '：' + f.label + '超出范围（应为 ' + rangeText(f) + '），实际是 ' + fmt(v));
      return false;
    }
    return true;
  }
  function checkEnum(path, f, v, choices, errors) {
    if (typeof v !== 'string') {
      errors.push(path + '：' + f.label + '应为可选值之一（' + choiceText(choices) + '），实际是' + kind(v));
      return false;
    }
    if (!choices.some(function (c) { return c[0] === v; })) {
      errors.push(path + '：' + f.label + '的值“' + v + '”不是可选值；可选：' + choiceText(choices));
      return false;
    }
    return true;
  }
  function condLabel(fields, cond) {
    var f = fields.filter(function (x) { return x.name === cond[0]; })[0];
    var label = cond[1];
    (f.choices || []).forEach(function (c) { if (c[0] === cond[1]) label = c[1]; });
    return f.label + '是“' + cond[1] + '”（' + label + '）';
  }
  function checkEnumList(at, f, value, errors) {
    var ok = true;
    value.forEach(function (v, i) { if (!checkEnum(at + '[' + i + ']', f, v, f.choices, errors)) ok = false; });
    return ok;
  }
  function checkObject(path, fields, obj, errors) {
    var clean = {};
    var prefix = path ? path + '.' : '';
    fields.forEach(function (f) {
      var name = f.name, t = f.type, at = prefix + name;
      var value = get(obj, name);
      if (value === undefined) value = null;
      if (value === null && t !== 'level_or_null') {
        var cond = f.required_if;
        if (f.required || (cond && get(obj, cond[0]) === cond[1])) {
          if (cond && !f.required) errors.push(at + '：' + condLabel(fields, cond) + '时必须填写' + f.label);
          else errors.push(at + '：缺少必填项' + f.label + '（' + expected(f) + '）');
        }
        clean[name] = Array.isArray(f['default']) ? [] : (f['default'] === undefined ? null : f['default']);
        return;
      }
      if (t === 'number' || t === 'integer') {
        if (checkNumber(at, f, value, errors)) clean[name] = t === 'number' ? dec(value) : value;
      } else if (t === 'enum') {
        var choices = f.choices;
        if (f.choices_by) {
          var parent = get(obj, f.choices_by);
          choices = typeof parent === 'string' && has(f.choices_map, parent) ? f.choices_map[parent] : null;
          if (!choices) return;
        }
        if (checkEnum(at, f, value, choices, errors)) clean[name] = value;
      } else if (t === 'level_or_null') {
        if (value === null) clean[name] = [];
        else if (Array.isArray(value)) clean[name] = checkEnumList(at, f, value, errors) ? value.slice() : [];
        else if (checkEnum(at, f, value, f.choices, errors)) clean[name] = [value];
      } else if (t === 'enum_list') {
        if (!Array.isArray(value)) { errors.push(at + '：' + f.label + '应为数组（[…]），实际是' + kind(value)); return; }
        clean[name] = checkEnumList(at, f, value, errors) ? value.slice() : [];
      } else if (t === 'string') {
        if (typeof value !== 'string') { errors.push(at + '：' + f.label + '应为文字，实际是' + kind(value)); return; }
        clean[name] = value.trim();
      } else if (t === 'boolean') {
        if (typeof value !== 'boolean') { errors.push(at + '：' + f.label + '应为 true 或 false，实际是' + kind(value)); return; }
        clean[name] = value;
      } else if (t === 'list') {
        if (!Array.isArray(value)) { errors.push(at + '：' + f.label + '应为数组（[…]），实际是' + kind(value)); return; }
        var items = [];
        value.forEach(function (item, i) {
          var itemAt = at + '[' + i + ']';
          if (!item || typeof item !== 'object' || Array.isArray(item)) {
            errors.push(itemAt + '：' + f.label + '的每一项应为对象（{…}），实际是' + kind(item));
            return;
          }
          items.push(checkObject(itemAt, f.items, item, errors));
        });
        clean[name] = items;
      }
    });
    var known = fields.map(function (f) { return f.name; });
    Object.keys(obj).filter(function (k) { return known.indexOf(k) < 0; }).sort().forEach(function (k) {
      errors.push(prefix + k + '：不认识的字段；可用的字段：' + known.join('、'));
    });
    return clean;
  }
  function validate(spec, data) {
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      return { clean: {}, errors: ['input：输入应为一个 JSON 对象（{…}），实际是' + kind(data)] };
    }
    var errors = [];
    var clean = checkObject('', spec, data, errors);
    return { clean: clean, errors: errors };
  }

  // ---- scoring: mirror of core.py -------------------------------------------

  var GROUPS = ['political', 'education', 'service', 'research'];

  function Working() { this.items = []; this.raw = {}; this.capped = {}; this.notes = []; }
  function item(group, kindName, index, label, points) {
    return { group: group, kind: kindName, index: index, label: label, points: points, counted: true };
  }

  function threshold(value, bands) {
    for (var i = 0; i < bands.length; i++) {
      var b = bands[i];
      if (has(b, 'at_least') && cmp(value, b.at_least) >= 0) return [dec(b.points), '满 ' + fmt(b.at_least) + ' 年'];
      if (has(b, 'more_than') && cmp(value, b.more_than) > 0) return [dec(b.points), '多于 ' + fmt(b.more_than) + ' 年'];
    }
    return [dec(0), ''];
  }

  function dedupe(w, items, keys, what, same) {
    var order = [], groups = {};
    items.forEach(function (it, i) {
      var key = keys[i];
      if (key === null) return;
      var k = JSON.stringify(key);
      if (!has(groups, k)) { groups[k] = []; order.push([k, key]); }
      groups[k].push(it);
    });
    order.forEach(function (entry) {
      var members = groups[entry[0]];
      if (members.length < 2) return;
      var best = members[0];
      members.slice(1).forEach(function (m) { if (cmp(m.points, best.points) > 0) best = m; });
      members.forEach(function (m) { m.counted = m === best; });
      var numbers = members.map(function (m) { return String(m.index + 1); }).join('、');
      w.notes.push(what + '第 ' + numbers + ' 项是' + same(entry[1]) + '，只计最高的第 ' + (best.index + 1) + ' 项 ' + fmt(best.points) + ' 分，其余不重复计分。');
    });
  }

  function cap(w, group, label, raw, capValue) {
    w.raw[group] = raw;
    var capped = minDec(raw, capValue);
    w.capped[group] = capped;
    if (cmp(raw, capped) > 0) w.notes.push(label + '小计 ' + fmt(raw) + ' 分，超过 ' + fmt(capValue) + ' 分上限，按 ' + fmt(capValue) + ' 分计。');
    else w.notes.push(label + '小计 ' + fmt(raw) + ' 分（上限 ' + fmt(capValue) + ' 分）。');
    return capped;
  }

  function political(w, data, x) {
    var g = data.groups.political, rule = g.media_coverage, levels = data.levels;
    var raw = dec(0);
    if (x.media_coverage.length) {
      var best = x.media_coverage[0];
      x.media_coverage.forEach(function (lv) { if (cmp(rule.points[lv], rule.points[best]) > 0) best = lv; });
      raw = dec(rule.points[best]);
      w.items.push(item('political', 'media_coverage', -1, levels[best] + '主流媒体专题报道', raw));
      var distinct = x.media_coverage.filter(function (v, i, a) { return a.indexOf(v) === i; });
      var extra = distinct.length > 1 ? '；多项报道只按最高一项计分' : '';
      w.notes.push('思想政治：' + levels[best] + '主流媒体专题报道，计 ' + fmt(raw) + ' 分' + extra + '。');
    }
    cap(w, 'political', g.label, raw, g.cap);
  }

  function education(w, data, x) {
    var g = data.groups.education, rule = g.qualifications;
    var raw = dec(0);
    var chosen = x.qualifications.filter(function (v, i, a) { return a.indexOf(v) === i; });
    if (chosen.length) {
      var best = chosen[0];
      chosen.forEach(function (q) { if (cmp(rule.points[q], rule.points[best]) > 0) best = q; });
      raw = dec(rule.points[best]);
      var names = chosen.map(function (q) { return rule.labels[q]; }).join('、');
      w.items.push(item('education', 'qualifications', -1, rule.labels[best], raw));
      if (chosen.length > 1) w.notes.push('学历、学位：' + names + '，不累加，只取最高一项 ' + fmt(raw) + ' 分。');
      else w.notes.push('学历、学位：' + names + '，计 ' + fmt(raw) + ' 分。');
    }
    cap(w, 'education', g.label, raw, g.cap);
  }

  function service(w, data, x) {
    var g = data.groups.service, levels = data.levels, ranks = data.ranks;
    var parts = [];
    var ex = g.excellent_ratings, n = x.excellent_ratings;
    if (n) {
      var pts = minDec(mulInt(ex.points_each, n), ex.cap);
      parts.push(pts);
      w.items.push(item('service', 'excellent_ratings', -1, '年度考核优秀 ' + n + ' 次', pts));
      w.notes.push('年度考核优秀 ' + n + ' 次 × ' + fmt(ex.points_each) + ' 分 = ' + fmt(pts) + ' 分（上限 ' + fmt(ex.cap) + ' 分）。');
    }
    [['dongguan_years', '东莞服务年限'], ['outside_supervisor_years', '外地督导年限']].forEach(function (pair) {
      var key = pair[0], what = pair[1], years = x[key];
      if (cmp(years, 0) > 0) {
        var r = threshold(years, g[key].thresholds);
        parts.push(r[0]);
        if (cmp(r[0], 0) > 0) {
          w.items.push(item('service', key, -1, what + ' ' + fmt(years) + ' 年', r[0]));
          w.notes.push(what + ' ' + fmt(years) + ' 年，' + r[1] + '，计 ' + fmt(r[0]) + ' 分。');
        } else {
          var bands = g[key].thresholds, lowest = bands[bands.length - 1];
          var limit = has(lowest, 'at_least') ? lowest.at_least : lowest.more_than;
          w.notes.push(what + ' ' + fmt(years) + ' 年，不足 ' + fmt(limit) + ' 年，不加分。');
        }
      }
    });
    var aw = g.service_awards, items = [], keys = [];
    x.service_awards.forEach(function (a, i) {
      var base = dec(aw.points[a.level][a.rank - 1]);
      var role = aw.roles[a.role];
      var pts = mulPercent(base, role.percent);
      var where = '';
      if (a.project) where += '，项目“' + a.project + '”';
      if (a.year !== null) where += '，' + a.year + ' 年';
      var label = levels[a.level] + ranks[a.rank - 1] + '（' + role.label + '）';
      var it = item('service', 'service_awards', i, label + where, pts);
      items.push(it);
      keys.push(a.project && a.year !== null ? [a.project, a.year] : null);
      w.items.push(it);
      w.notes.push('服务成效奖第 ' + (i + 1) + ' 项：' + label + where + '，' + fmt(base) + ' 分 × ' + fmt(role.percent) + '% = ' + fmt(pts) + ' 分。');
    });
    dedupe(w, items, keys, '服务成效奖', function (k) { return '同一项目“' + k[0] + '”同一年度（' + k[1] + ' 年）的奖项'; });
    if (items.length) {
      var total = add.apply(null, items.filter(function (it) { return it.counted; }).map(function (it) { return it.points; }));
      var capped = minDec(total, aw.cap);
      if (cmp(total, capped) > 0) w.notes.push('服务成效奖合计 ' + fmt(total) + ' 分，超过 ' + fmt(aw.cap) + ' 分上限，按 ' + fmt(aw.cap) + ' 分计。');
      parts.push(capped);
    }
    cap(w, 'service', g.label, add.apply(null, parts), g.cap);
  }

  function research(w, data, x) {
    var g = data.groups.research, levels = data.levels, ranks = data.ranks;
    var parts = [];
    var rp = g.research_projects, items = [], keys = [];
    x.research_projects.forEach(function (p, i) {
      var lv = levels[p.level], host = dec(rp.host_points[p.level]);
      var where = p.project ? '（“' + p.project + '”）' : '';
      var pts, note, label;
      if (p.role === 'host') {
        pts = host;
        note = '课题第 ' + (i + 1) + ' 项：' + lv + '课题主持人' + where + '，计 ' + fmt(pts) + ' 分。';
        label = lv + '课题主持人';
      } else {
        var limit = rp.member_rank_limit[p.level], rank = p.member_rank;
        label = lv + '课题成员第 ' + rank + ' 名';
        if (rank <= limit) {
          pts = mulPercent(host, rp.member_percent);
          note = '课题第 ' + (i + 1) + ' 项：' + label + where + '（' + lv + '限前 ' + limit + ' 名），' + fmt(host) + ' 分 × ' + fmt(rp.member_percent) + '% = ' + fmt(pts) + ' 分。';
        } else {
          pts = dec(0);
          note = '课题第 ' + (i + 1) + ' 项：' + label + where + '，超出' + lv + '前 ' + limit + ' 名的限制，不计分。';
        }
      }
      var it = item('research', 'research_projects', i, label + where, pts);
      items.push(it);
      keys.push(p.project || null);
      w.items.push(it);
      w.notes.push(note);
    });
    dedupe(w, items, keys, '课题', function (k) { return '同一课题“' + k + '”'; });
    items.forEach(function (it) { if (it.counted) parts.push(it.points); });

    var pp = g.papers;
    x.papers.forEach(function (p, i) {
      var venue = pp.venues[p.venue], base = dec(venue.points), author = p.author;
      var percent = has(pp.author_percent, String(author)) ? pp.author_percent[String(author)] : 0;
      var pts = mulPercent(base, percent);
      var who = author === 1 ? '第一作者（或独立作者）' : '第 ' + author + ' 作者';
      var note;
      if (author === 1) note = '论文第 ' + (i + 1) + ' 项：' + venue.label + '，' + who + '，计 ' + fmt(pts) + ' 分。';
      else if (percent) note = '论文第 ' + (i + 1) + ' 项：' + venue.label + '，' + who + '，' + fmt(base) + ' 分 × ' + fmt(percent) + '% = ' + fmt(pts) + ' 分。';
      else note = '论文第 ' + (i + 1) + ' 项：' + venue.label + '，' + who + '，不计分。';
      w.items.push(item('research', 'papers', i, venue.label + '，' + who, pts));
      w.notes.push(note);
      parts.push(pts);
    });

    var bt = g.books.types;
    x.books.forEach(function (b, i) {
      var t = bt[b.type], role = t.roles[b.role], pts = dec(role.points);
      var label = t.label + '（' + role.label + '）';
      w.items.push(item('research', 'books', i, label, pts));
      w.notes.push('著作第 ' + (i + 1) + ' 项：' + label + '，计 ' + fmt(pts) + ' 分。');
      parts.push(pts);
    });

    var rep = g.reports;
    x.reports.forEach(function (r, i) {
      var size = r['long'] ? 'long' : 'short';
      var pts = dec(rep.points[size][r.level]);
      var label = levels[r.level] + '通讯报道（' + rep[size + '_label'] + '）';
      w.items.push(item('research', 'reports', i, label, pts));
      w.notes.push('通讯报道第 ' + (i + 1) + ' 项：' + label + '，计 ' + fmt(pts) + ' 分。');
      parts.push(pts);
    });

    var cp = g.competitions;
    x.competitions.forEach(function (c, i) {
      var base = dec(cp.points[c.level][c.rank - 1]);
      var label = levels[c.level] + '比赛' + ranks[c.rank - 1];
      var pts, note;
      if (c.team) {
        pts = mulPercent(base, cp.team_percent);
        label += '（团体）';
        note = '比赛获奖第 ' + (i + 1) + ' 项：' + label + '，' + fmt(base) + ' 分 × ' + fmt(cp.team_percent) + '% = ' + fmt(pts) + ' 分。';
      } else {
        pts = base;
        label += '（个人）';
        note = '比赛获奖第 ' + (i + 1) + ' 项：' + label + '，计 ' + fmt(pts) + ' 分。';
      }
      w.items.push(item('research', 'competitions', i, label, pts));
      w.notes.push(note);
      parts.push(pts);
    });
    cap(w, 'research', g.label, add.apply(null, parts), g.cap);
  }

  function evaluate(data, x) {
    var f = data.formula, w = new Working();
    var written = x.written, interview = x.interview;
    var passed = cmp(written, f.pass_mark) >= 0;
    if (passed) w.notes.push('笔试 ' + fmt(written) + ' 分，达到 ' + fmt(f.pass_mark) + ' 分及格线（含 ' + fmt(f.pass_mark) + ' 分），计入总成绩；面试不设及格线。');
    else w.notes.push('笔试 ' + fmt(written) + ' 分，低于 ' + fmt(f.pass_mark) + ' 分及格线，落选：不计总成绩（加分照列，供参考）。');
    political(w, data, x);
    education(w, data, x);
    service(w, data, x);
    research(w, data, x);
    var bonusTotal = add.apply(null, GROUPS.map(function (g) { return w.capped[g]; }));
    w.notes.push('加分合计：' + GROUPS.map(function (g) { return fmt(w.capped[g]); }).join(' + ') + ' = ' + fmt(bonusTotal) + ' 分。');
    var places = f.decimals, total = null, formula = null;
    if (passed) {
      var wp = mulPercent(written, f.written_percent), ip = mulPercent(interview, f.interview_percent);
      var exact = add(wp, ip, bonusTotal);
      total = round(exact, places);
      var text = '总成绩 = 笔试 ' + fmt(written) + ' × ' + fmt(f.written_percent) + '% + 面试 ' + fmt(interview) + ' × ' + fmt(f.interview_percent) + '%' +
        ' + 加分 ' + fmt(bonusTotal) + ' = ' + fmt(wp) + ' + ' + fmt(ip) + ' + ' + fmt(bonusTotal) + ' = ' + fmt(exact);
      if (cmp(exact, total) !== 0) text += '，四舍五入保留 ' + places + ' 位小数为 ' + fmt(total);
      w.notes.push(text + ' 分。');
      formula = { written_part: toJson(wp), interview_part: toJson(ip), exact: fmt(exact) };
    }
    var bonus = {};
    GROUPS.forEach(function (g) { bonus[g] = toJson(round(w.capped[g], places)); });
    bonus.total = toJson(round(bonusTotal, places));
    var result = { written_passed: passed, bonus: bonus, total: total === null ? null : toJson(total), notes: w.notes.slice() };
    return { result: result, working: w, formula: formula };
  }

  function rules() {
    var s = window.SUPERVISOR_SCORING;
    if (!s) throw new Error('缺少评分规则数据（rules.js 未加载）');
    return s;
  }

  /** Full working for the page: {result, items, raw, capped, formula} or {errors}. */
  function supervisorScoreDetail(input) {
    var s = rules();
    var v = validate(s.spec, input);
    if (v.errors.length) return { errors: v.errors };
    var r = evaluate(s.rules, v.clean);
    var w = r.working;
    var num = function (d) { return toJson(d); };
    var raw = {}, capped = {};
    GROUPS.forEach(function (g) { raw[g] = num(w.raw[g]); capped[g] = num(w.capped[g]); });
    return {
      result: r.result,
      formula: r.formula,
      raw: raw,
      capped: capped,
      items: w.items.map(function (it) {
        return { group: it.group, kind: it.kind, index: it.index, label: it.label, points: num(it.points), counted: it.counted };
      })
    };
  }

  /** The contract: same result object as `python -m generator score -`, or {errors: [...]}. */
  function supervisorScore(input) {
    var d = supervisorScoreDetail(input);
    return d.errors ? { errors: d.errors } : d.result;
  }

  window.supervisorScore = supervisorScore;
  window.supervisorScoreDetail = supervisorScoreDetail;
})();
