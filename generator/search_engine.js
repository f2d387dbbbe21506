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
  var HINT = 0.6;

  function plain(html) {
    return html.replace(/<[^>]*>/g, " ").replace(/&amp;/g, "&")
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
    var parts = html.split(/(<[^>]*>)/);
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

    // The dictionary for cutting queries: the words jieba cut at build time
    // (config.sw.words), plus the phrase table's words.
    var dict = new Set(sw.words || []);
    var table = new Set();
    var self = this;
    [this.particles, this.fillers, Object.keys(this.synonyms), Object.keys(this.intents)].forEach(function (words) {
      words.forEach(function (w) { dict.add(normalise(w)); table.add(normalise(w)); });
    });
    this.table = table;
    this.docs = [];
    this.pages = new Map();
    (data.docs || []).forEach(function (doc) {
      // Other names (a form's aliases) are matched as title words.
      var title = plain(doc.title) + (doc.aliases ? "\u0003" + doc.aliases.join("\u0003") : "");
      var text = plain(doc.text || "");
      var path = doc.location.split("#")[0];
      var entry = {
        doc: doc,
        path: path,
        title: title.toLowerCase(),
        text: text.toLowerCase(),
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
    // One string holding every document (page first, then its sections),
    // so a word is found in the whole site with one indexOf scan.
    var ordered = [], starts = [], titleEnds = [], parts = [], docPage = [], offset = 0;
    this.pageList = [];
    this.pages.forEach(function (page) {
      if (!page.article) page.article = page.docs[0];
      page.title = page.article.title;
      page.first = ordered.length;
      [page.article].concat(page.docs.filter(function (d) { return d !== page.article; })).forEach(function (d) {
        ordered.push(d);
        starts.push(offset);
        titleEnds.push(offset + d.title.length + 1);
        parts.push("\u0001" + d.title + "\u0002" + d.text);
        offset += d.title.length + d.text.length + 2;
      });
      page.last = ordered.length;
      for (var k = page.first; k < page.last; k++) docPage.push(self.pageList.length);
      self.pageList.push(page);
    });
    this.docs = ordered;
    this.hay = parts.join("");
    this.starts = starts;
    this.titleEnds = titleEnds;
    this.docPage = docPage;
    this.cache = new Map();
    this.dict = dict;
    // Compile the hot paths now (the reader is still moving to the box),
    // not on the first real query.
    this.search("社工服务");
    this.cache.clear();
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
        // The phrase table's words (question words, everyday words) win ties
        // against jieba's cuts of running text (几天|交, not 几|天交).
        if (this.table.has(piece)) c = j === i + 1 ? 0.45 : 0.9;
        else if (j === i + 1) c = this.dict.has(piece) ? 1 : 1.6;
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
    // Only question words (怎么办, 谁负责): search for them as written.
    if (!groups.length) {
      words.forEach(function (w) {
        if (groups.some(function (g) { return g.label === w; })) return;
        groups.push({ label: w, alts: [w], weak: false });
      });
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

  /* Where ``word`` occurs: per document, 1 if in its title, and how many
   * times in its text. One scan of the whole corpus; cached while typing. */
  SwSearch.prototype.occurrences = function (word) {
    var hit = this.cache.get(word);
    if (hit) return hit;
    var n = this.docs.length, np = this.pageList.length;
    hit = {
      title: new Uint8Array(n), text: new Uint16Array(n), docs: [],
      // Per page: in its title, in a section heading, count in text.
      pageTitle: new Uint8Array(np), heading: new Uint8Array(np), tf: new Float32Array(np), pages: [],
    };
    var hay = this.hay, starts = this.starts, docPage = this.docPage;
    var i = hay.indexOf(word);
    var d = 0;
    while (i >= 0) {
      // Documents are in order: move to the one holding position i.
      if (i < starts[d] || (d + 1 < n && i >= starts[d + 1])) {
        var lo = 0, hi = n - 1;
        while (lo < hi) {
          var mid = (lo + hi + 1) >> 1;
          if (starts[mid] <= i) lo = mid; else hi = mid - 1;
        }
        d = lo;
      }
      if (!hit.title[d] && !hit.text[d]) hit.docs.push(d);
      if (i < this.titleEnds[d]) hit.title[d] = 1;
      else if (hit.text[d] < 60000) hit.text[d]++;
      i = hay.indexOf(word, i + word.length);
    }
    for (var j = 0; j < hit.docs.length; j++) {
      var k = hit.docs[j], p = docPage[k];
      if (!hit.pageTitle[p] && !hit.heading[p] && !hit.tf[p]) hit.pages.push(p);
      if (hit.title[k]) {
        if (k === this.pageList[p].first) hit.pageTitle[p] = 1; else hit.heading[p] = 1;
      }
      // A heading counts as two mentions; long repetitions saturate.
      hit.tf[p] += 2 * hit.title[k] + Math.min(hit.text[k], 10);
    }
    hit.any = hit.docs.length > 0;
    if (this.cache.size > 400) this.cache.clear();
    this.cache.set(word, hit);
    return hit;
  };

  SwSearch.prototype.search = function (query) {
    var self = this;
    var parsed = this.parse(query);
    var groups = parsed.groups;
    if (!groups.length) return { items: [] };
    var docs = this.docs;
    var pages = this.pageList;
    var total = pages.length;

    // Per group and page: in the page title, in a heading, count in text.
    groups.forEach(function (g) {
      var hits = g.alts.map(function (a) { return self.occurrences(a); });
      g.hits = hits;
      if (hits.length === 1) {
        g.pageTitle = hits[0].pageTitle;
        g.heading = hits[0].heading;
        g.tf = hits[0].tf;
        g.df = hits[0].pages.length;
      } else {
        g.pageTitle = new Uint8Array(total);
        g.heading = new Uint8Array(total);
        g.tf = new Float32Array(total);
        var df = 0;
        hits.forEach(function (h) {
          h.pages.forEach(function (p) {
            if (!g.pageTitle[p] && !g.heading[p] && !g.tf[p]) df++;
            g.pageTitle[p] |= h.pageTitle[p];
            g.heading[p] |= h.heading[p];
            g.tf[p] += h.tf[p];
          });
        });
        g.df = df;
      }
      g.weight = Math.log(1 + total / Math.max(g.df, 1)) * (g.weak ? 0.3 : 1);
    });
    // Words found nowhere cannot tell pages apart: they are shown as missing
    // but do not lower any page's share.
    var counted = groups.filter(function (g) { return !g.weak && g.df > 0; });
    var denom = counted.reduce(function (s, g) { return s + g.weight; }, 0);
    var namesForm = this.namesForm(parsed);
    var phrase = parsed.phrase.length > 1 && groups.length > 1 ? this.occurrences(parsed.phrase) : null;
    var hints = parsed.hints.map(function (h) { return self.occurrences(h); });

    var candidates = new Set();
    groups.forEach(function (g) { g.hits.forEach(function (h) { h.pages.forEach(function (p) { candidates.add(p); }); }); });
    var results = [];
    candidates.forEach(function (p) {
      var page = pages[p];
      var score = 0, share = 0;
      groups.forEach(function (g) {
        if (!g.pageTitle[p] && !g.heading[p] && !g.tf[p]) return;
        if (!g.weak && g.df > 0) share += g.weight;
        var tf = g.tf[p];
        score += g.weight * (2.5 * g.pageTitle[p] + 1.2 * g.heading[p] + tf / (tf + 2));
      });
      if (!score) return;
      // A title about the query beats a title listing it among many topics.
      var covered = 0;
      groups.forEach(function (g) {
        if (!g.pageTitle[p]) return;
        g.alts.forEach(function (a, h) { if (g.hits[h].title[page.first]) covered += a.length; });
      });
      if (covered) score += 6 * Math.min(1, covered / Math.max(page.title.length, 1));
      var coverage = denom ? share / denom : 1;
      var k;
      hints.forEach(function (h) {
        var n = h.tf[p];
        if (n) score += HINT * n / (n + 2);
      });
      if (phrase && phrase.any) {
        var inTitle = phrase.title[page.first], inHeading = 0, inText = 0;
        for (k = page.first; k < page.last; k++) {
          if (k > page.first && phrase.title[k]) inHeading = 1;
          if (phrase.text[k]) inText = 1;
        }
        score *= inTitle ? 1.6 : inHeading ? 1.35 : inText ? 1.15 : 1;
      }
      var factor = namesForm ? Math.max(page.factor, 0.9) : page.factor;
      results.push({ page: page, p: p, score: score * coverage * coverage * factor });
    });
    results.sort(function (a, b) { return b.score - a.score; });

    // Highlight every alternative that occurs (longest first); stray single
    // characters are not marked (they would light up half the page).
    var shown = [];
    groups.forEach(function (g) {
      if (!(g.weak && g.label.length === 1)) shown = shown.concat(g.alts);
    });
    shown.sort(function (a, b) { return b.length - a.length; });
    var re = shown.length ? new RegExp(shown.map(escapeRe).join("|"), "gi") : /$^/g;

    // Up to 50 pages; the first 20 (what a reader scrolls through) with
    // their best sections and highlighted lines, the rest by title only.
    var items = results.slice(0, 50).map(function (r, rank) {
      var page = r.page, p = r.p, best = r.score;
      // Terms are judged on the whole page: a word is "missing" only when
      // the page does not contain it anywhere.
      var terms = {};
      groups.forEach(function (g) {
        if (g.weak && g.label.length === 1) return;
        var any = false;
        g.alts.forEach(function (a, h) {
          for (var k = page.first; k < page.last; k++) {
            if (g.hits[h].title[k] || g.hits[h].text[k]) { terms[a] = true; any = true; return; }
          }
        });
        if (!any && !terms[g.label]) terms[g.label] = false;
      });
      function item(d, score) {
        return Object.assign({}, d.doc, {
          title: highlight(d.doc.title, re, 0),
          text: rank < 20 ? highlight(d.doc.text || "", re, 2) : "",
          score: score,
          terms: terms,
        });
      }
      var list = [item(docs[page.first], best)];
      var sections = [];
      for (var k = page.first + 1; k < (rank < 20 ? page.last : 0); k++) {
        var s = 0;
        groups.forEach(function (g) {
          var local = 0;
          g.hits.forEach(function (h) { local += 2 * h.title[k] + Math.min(h.text[k], 10); });
          if (local) s += g.weight * local / (local + 1);
        });
        if (s) sections.push([docs[k], s]);
      }
      sections.sort(function (a, b) { return b[1] - a[1]; });
      sections.slice(0, 4).forEach(function (pair, i) {
        // The best section outranks its page so Material shows it as the
        // teaser; the rest fold under "more".
        list.push(item(pair[0], i === 0 ? best * 2 : best * 0.5 * pair[1] / sections[0][1]));
      });
      list.sort(function (a, b) { return b.score - a.score; });
      return list;
    });
    return { items: items };
  };

  return SwSearch;
})();
