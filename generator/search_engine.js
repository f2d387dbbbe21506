/* Our search engine, appended to Material's search worker (generator/theme.py)
 * and used in place of its lunr index. Same messages, same result shape
 * (pages as lists of SearchItem: location, title, text, score, terms), so
 * Material's search box renders it unchanged.
 *
 * Why not lunr: lunr matched query pieces cut by a different rule than the
 * index (jieba at build time, greedy prefix matching in the browser), so
 * words present on a page were reported missing, and its scores let one
 * term repeated many times beat a page with every term. Here a term matches
 * where its characters occur, so matching, highlighting and the "缺少" marks
 * all use one rule; the query is cut with the index's own jieba words.
 *
 * Query → groups: the query is cut into words (fewest pieces, dictionary =
 * the index's words + the phrase table's words); question words and
 * particles are dropped (they state intent, not content); each remaining
 * word becomes a group of alternatives (the word plus its handbook terms
 * from data/search/synonyms.yaml). Pages are scored by the share of the
 * query's groups they contain (squared), then by where they contain them:
 * page title > section heading > body text, saturating per group.
 *
 * config.sw (written by generator/search_index.py) carries the phrase table.
 */
var SwSearch = (function () {
  "use strict";

  var HAN = /[\u3400-\u9fff]/;
  var MAX_WORD = 8;

  function plain(html) {
    return html.replace(/<[^>]*>/g, " ").replace(/\u200b/g, "").replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'");
  }

  function normalise(s) {
    return s.normalize("NFKC").toLowerCase();
  }

  function count(hay, word, cap) {
    var n = 0;
    var i = hay.indexOf(word);
    while (i >= 0 && n < cap) {
      n++;
      i = hay.indexOf(word, i + word.length);
    }
    return n;
  }

  function escapeRe(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* Highlight ``words`` in an HTML string, touching text between tags only.
   * ``blocks`` > 0 keeps only that many text blocks that contain a match
   * (Material shows the two best lines of a section the same way). */
  function highlight(html, re, blocks) {
    var parts = html.replace(/\u200b/g, "").split(/(<[^>]*>)/);
    if (!blocks) {
      return parts.map(function (p) { return p.charAt(0) === "<" ? p : p.replace(re, "<mark>$&</mark>"); }).join("");
    }
    var out = [];
    for (var i = 0; i < parts.length && out.length < blocks; i++) {
      var p = parts[i];
      if (p.charAt(0) === "<" || !p.trim()) continue;
      re.lastIndex = 0;
      if (re.test(p)) out.push(p.replace(re, "<mark>$&</mark>"));
    }
    if (!out.length) {
      for (var j = 0; j < parts.length; j++) {
        if (parts[j].charAt(0) !== "<" && parts[j].trim()) { out.push(parts[j]); break; }
      }
    }
    return out.join(" … ");
  }

  function SwSearch(data) {
    var config = data.config || {};
    var sw = config.sw || {};
    this.synonyms = sw.synonyms || {};
    this.particles = new Set(sw.particles || []);
    this.fillers = new Set(sw.fillers || []);
    this.intents = sw.intents || {};
    this.formWords = sw.form_words || [];
    this.demote = sw.demote || {};
    var separator = new RegExp(config.separator || "[\\s\\-]+", "g");

    // The dictionary for cutting queries: the words jieba cut at build time
    // (the index text separates them with U+200B), plus the phrase table.
    var dict = new Set();
    var self = this;
    [this.particles, this.fillers, Object.keys(this.synonyms), Object.keys(this.intents)].forEach(function (words) {
      words.forEach(function (w) { dict.add(normalise(w)); });
    });
    this.docs = [];
    this.pages = new Map();
    (data.docs || []).forEach(function (doc) {
      var title = plain(doc.title);
      var text = plain(doc.text || "");
      (doc.title + " " + (doc.text || "")).replace(/<[^>]*>/g, " ").split(separator).forEach(function (w) {
        if (w.length > 1 && w.length <= MAX_WORD && HAN.test(w)) dict.add(normalise(w));
      });
      var path = doc.location.split("#")[0];
      var entry = {
        doc: doc,
        path: path,
        title: normalise(title),
        text: normalise(text),
        article: doc.location.indexOf("#") < 0,
      };
      var page = self.pages.get(path);
      if (!page) {
        page = { path: path, article: null, docs: [], factor: self.pageFactor(path) };
        self.pages.set(path, page);
      }
      if (entry.article && !page.article) page.article = entry;
      page.docs.push(entry);
      self.docs.push(entry);
    });
    this.pages.forEach(function (page) {
      if (!page.article) page.article = page.docs[0];
      page.title = page.article.title;
      page.headings = page.docs.filter(function (d) { return d !== page.article; })
        .map(function (d) { return d.title; }).join("\n");
    });
    this.dict = dict;
  }

  /* Pages that answer few questions by themselves (form pages, the forms
   * list, the home page) rank lower unless the query names a form. */
  SwSearch.prototype.pageFactor = function (path) {
    var best = 1;
    for (var prefix in this.demote) {
      if (path.indexOf(prefix) === 0 && prefix.length >= 0) best = Math.min(best, this.demote[prefix]);
    }
    return best;
  };

  /* Cut a run of text into the fewest dictionary words (single characters
   * cost a little more than words, so known words win). */
  SwSearch.prototype.cut = function (run) {
    var n = run.length;
    var cost = new Array(n + 1).fill(Infinity);
    var back = new Array(n + 1).fill(0);
    cost[0] = 0;
    for (var i = 0; i < n; i++) {
      if (cost[i] === Infinity) continue;
      for (var j = i + 1; j <= Math.min(n, i + MAX_WORD); j++) {
        var piece = run.slice(i, j);
        var c;
        if (j === i + 1) c = this.dict.has(piece) ? 1 : 1.6;
        else if (this.dict.has(piece)) c = 1;
        else if (!HAN.test(piece) && /^[0-9a-z.]+$/.test(piece)) c = 1;
        else continue;
        if (cost[i] + c < cost[j]) {
          cost[j] = cost[i] + c;
          back[j] = i;
        }
      }
    }
    var words = [];
    for (var k = n; k > 0; k = back[k]) words.unshift(run.slice(back[k], k));
    return words;
  };

  /* The query as groups of alternatives, plus the intent hints it carries. */
  SwSearch.prototype.parse = function (query) {
    var self = this;
    var words = [];
    normalise(query).split(/[\s,，。、;；:：!！?？"“”'‘’()（）《》<>\[\]【】·…~]+/).forEach(function (chunk) {
      if (!chunk) return;
      // Keep ASCII runs (120, a4, yaml) whole; cut the rest.
      chunk.match(/[0-9a-z.]+|[^0-9a-z.]+/g).forEach(function (run) {
        if (/^[0-9a-z.]+$/.test(run)) words.push(run);
        else words = words.concat(self.cut(run));
      });
    });
    var groups = [];
    var hints = [];
    var seen = new Set();
    words.forEach(function (w) {
      if (self.intents[w]) hints = hints.concat(self.intents[w]);
      if (self.particles.has(w) || seen.has(w)) return;
      seen.add(w);
      var alts = [w].concat((self.synonyms[w] || []).map(normalise));
      groups.push({
        label: w,
        alts: alts.filter(function (a, i) { return alts.indexOf(a) === i; }),
        // Fillers (手续, 规定) and stray single characters help ranking but
        // a page need not contain them.
        weak: self.fillers.has(w) || (w.length === 1 && HAN.test(w)),
      });
    });
    // A query of only weak words: they are all it has.
    if (groups.length && groups.every(function (g) { return g.weak; })) {
      groups.forEach(function (g) { g.weak = false; });
    }
    var raw = words.filter(function (w) { return !self.particles.has(w); }).join("");
    return { groups: groups, hints: hints.map(normalise), phrase: raw };
  };

  SwSearch.prototype.namesForm = function (parsed) {
    var self = this;
    return parsed.groups.some(function (g) {
      return self.formWords.some(function (f) {
        return g.label.length > f.length ? g.label.slice(-f.length) === f : g.label === f;
      });
    });
  };

  SwSearch.prototype.search = function (query) {
    var parsed = this.parse(query);
    var groups = parsed.groups;
    if (!groups.length) return { items: [] };
    var pages = Array.from(this.pages.values());
    var total = pages.length;

    // Page frequency of each group → its weight (rare words count more).
    groups.forEach(function (g) {
      var df = 0;
      pages.forEach(function (page) {
        if (page.docs.some(function (d) {
          return g.alts.some(function (a) { return d.title.indexOf(a) >= 0 || d.text.indexOf(a) >= 0; });
        })) df++;
      });
      g.df = df;
      g.weight = Math.log(1 + total / Math.max(df, 1)) * (g.weak ? 0.3 : 1);
    });
    // Words found nowhere cannot tell pages apart: they are shown as missing
    // but do not lower any page's share.
    var counted = groups.filter(function (g) { return !g.weak && g.df > 0; });
    var denom = counted.reduce(function (s, g) { return s + g.weight; }, 0);
    var namesForm = this.namesForm(parsed);
    var phrase = parsed.phrase.length > 1 && groups.length > 1 ? parsed.phrase : "";

    var results = [];
    var self = this;
    pages.forEach(function (page) {
      var score = 0;
      var share = 0;
      var docScores = new Map();
      groups.forEach(function (g) {
        var inTitle = 0, inHeading = 0, tf = 0;
        page.docs.forEach(function (d) {
          var local = 0;
          g.alts.forEach(function (a) {
            if (d.title.indexOf(a) >= 0) {
              if (d === page.article) inTitle = 1; else inHeading = 1;
              local += 2;
            }
            local += count(d.text, a, 10);
          });
          if (d !== page.article) tf += local;
          else tf += count(d.text, g.alts[0], 10);
          if (local) docScores.set(d, (docScores.get(d) || 0) + g.weight * (local / (local + 1)));
        });
        var found = inTitle || inHeading || tf > 0;
        if (!found) return;
        if (!g.weak && g.df > 0) share += g.weight;
        score += g.weight * (2.5 * inTitle + 1.2 * inHeading + tf / (tf + 2));
      });
      if (!score) return;
      var coverage = denom ? share / denom : 1;
      parsed.hints.forEach(function (h) {
        var n = 0;
        page.docs.forEach(function (d) { n += count(d.text, h, 5); });
        if (n) score += 0.4 * n / (n + 2);
      });
      if (phrase) {
        if (page.title.indexOf(phrase) >= 0) score *= 1.6;
        else if (page.headings.indexOf(phrase) >= 0) score *= 1.35;
        else if (page.docs.some(function (d) { return d.text.indexOf(phrase) >= 0; })) score *= 1.15;
      }
      var factor = namesForm ? Math.max(page.factor, 0.9) : page.factor;
      results.push({ page: page, score: score * coverage * coverage * factor, docScores: docScores });
    });
    results.sort(function (a, b) { return b.score - a.score; });

    // Highlight every alternative that occurs, longest first.
    var alts = [];
    groups.forEach(function (g) { alts = alts.concat(g.alts); });
    alts.sort(function (a, b) { return b.length - a.length; });
    var re = new RegExp(alts.map(escapeRe).join("|"), "gi");

    var items = results.slice(0, 100).map(function (r) {
      var page = r.page;
      var best = r.score;
      var list = [];
      // Terms are judged on the whole page: a word is "missing" only when
      // the page does not contain it anywhere.
      var terms = {};
      groups.forEach(function (g) {
        var hit = g.alts.filter(function (a) {
          return page.docs.some(function (d) { return d.title.indexOf(a) >= 0 || d.text.indexOf(a) >= 0; });
        });
        if (hit.length) hit.forEach(function (a) { terms[a] = true; });
        else if (!terms[g.label]) terms[g.label] = false;
      });
      function item(d, score) {
        return Object.assign({}, d.doc, {
          title: highlight(plainTitle(d.doc.title), re, 0),
          text: highlight(d.doc.text || "", re, 2),
          score: score,
          terms: terms,
        });
      }
      list.push(item(page.article, best * (1 + (r.docScores.get(page.article) || 0) / 100)));
      var sections = [];
      r.docScores.forEach(function (s, d) { if (d !== page.article) sections.push([d, s]); });
      sections.sort(function (a, b) { return b[1] - a[1]; });
      sections.slice(0, 6).forEach(function (pair, i) {
        // The best section shares the page's score so Material shows it as a
        // teaser; the rest fold under "more".
        list.push(item(pair[0], i === 0 ? best * 2 : best * 0.5 * pair[1] / (sections[0][1] || 1)));
      });
      list.sort(function (a, b) { return b.score - a.score; });
      return list;
    });
    return { items: items };
  };

  function plainTitle(title) {
    return title.replace(/\u200b/g, "");
  }

  return SwSearch;
})();
