// Site search over the bigram index that `xai-digest build` writes to search/ (see search.py).
// A query is split into terms at spaces; each term of two or more characters is split into
// character bigrams exactly as the build split the text, so no dictionary is needed. Documents
// holding every bigram are candidates; a result is shown only if its text really contains every
// term, so サイバー never finds サイドバー.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var rootUrl = new URL(form.getAttribute("data-root") || "./", document.baseURI);
  var LIMIT = 20;
  var cache = {};
  var meta = null;
  var latest = 0;
  var timer = null;

  function normalize(text) { return (text || "").normalize("NFKC").toLowerCase(); }

  function fetchJson(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL("search/" + path, rootUrl).href).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
    }
    return cache[path];
  }

  function loadMeta() {
    if (meta) return Promise.resolve(meta);
    return fetchJson("meta.json").then(function (data) { meta = data; return meta; });
  }

  // The same hash as search.shard_of: over UTF-16 code units, kept to 32 bits.
  function shardOf(gram) {
    var value = 0;
    for (var i = 0; i < gram.length; i++) value = (Math.imul(value, 31) + gram.charCodeAt(i)) >>> 0;
    return value % meta.shards;
  }

  // Bigrams of a term, as Array.from counts characters (not UTF-16 units) like Python does.
  function bigrams(term) {
    var chars = Array.from(term);
    var grams = [];
    for (var i = 0; i + 1 < chars.length; i++) {
      var gram = chars[i] + chars[i + 1];
      if (grams.indexOf(gram) === -1) grams.push(gram);
    }
    return grams;
  }

  function postings(gram) {
    return fetchJson("grams/" + shardOf(gram) + ".json").then(function (shard) {
      var gaps = shard[gram] || [];
      var ids = [];
      var id = 0;
      for (var i = 0; i < gaps.length; i++) { id += gaps[i]; ids.push(id); }
      return ids;
    });
  }

  function intersect(a, b) {
    var out = [];
    for (var i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }

  function candidates(terms) {
    var grams = [];
    terms.forEach(function (term) { bigrams(term).forEach(function (g) { if (grams.indexOf(g) === -1) grams.push(g); }); });
    if (!grams.length) return Promise.resolve(null); // only one-character terms: nothing to look up
    return Promise.all(grams.map(postings)).then(function (lists) {
      lists.sort(function (a, b) { return a.length - b.length; });
      return lists.reduce(intersect);
    });
  }

  function docAt(id) {
    return fetchJson("docs/" + Math.floor(id / meta.chunk) + ".json").then(function (chunk) {
      var row = chunk[id % meta.chunk];
      return { url: row[0], title: row[1], date: row[2], text: row[3] };
    });
  }

  // Check candidates in order (newest articles first) until LIMIT + 1 real matches are found.
  function verify(ids, terms) {
    var hits = [];
    function next(index) {
      if (index >= ids.length || hits.length > LIMIT) return Promise.resolve(hits);
      var batch = ids.slice(index, index + LIMIT);
      return Promise.all(batch.map(docAt)).then(function (docs) {
        docs.forEach(function (doc) {
          var text = normalize(doc.title + "\n" + doc.text);
          if (terms.every(function (term) { return text.indexOf(term) !== -1; })) hits.push(doc);
        });
        return next(index + batch.length);
      });
    }
    return next(0);
  }

  // Where ``term`` occurs in ``content`` as [start, end) of the original text: NFKC can change
  // lengths (… becomes ...), so normalize character by character and keep each one's offset.
  function locate(content, term) {
    var normalized = "";
    var origin = [];
    for (var i = 0; i < content.length;) {
      var ch = String.fromCodePoint(content.codePointAt(i));
      var piece = normalize(ch);
      for (var k = 0; k < piece.length; k++) origin.push(i);
      normalized += piece;
      i += ch.length;
    }
    origin.push(content.length);
    var at = normalized.indexOf(term);
    if (at === -1) return null;
    var last = origin[at + term.length - 1];
    return [origin[at], last + String.fromCodePoint(content.codePointAt(last)).length];
  }

  function excerpt(doc, term) {
    var content = doc.text;
    var span = locate(content, term);
    var fragment = document.createDocumentFragment();
    if (span === null) { fragment.appendChild(document.createTextNode(content.slice(0, 100) + "…")); return fragment; }
    var start = Math.max(0, span[0] - 40);
    fragment.appendChild(document.createTextNode((start > 0 ? "…" : "") + content.slice(start, span[0])));
    var mark = document.createElement("mark");
    mark.textContent = content.slice(span[0], span[1]);
    fragment.appendChild(mark);
    fragment.appendChild(document.createTextNode(content.slice(span[1], span[1] + 60) + "…"));
    return fragment;
  }

  function show(query, hits, terms) {
    list.textContent = "";
    var more = hits.length > LIMIT;
    hits = hits.slice(0, LIMIT);
    status.textContent = hits.length
      ? "「" + query + "」の検索結果：" + hits.length + (more ? "件以上（新しい順に" + LIMIT + "件を表示）" : "件")
      : "「" + query + "」に一致する記事は見つかりませんでした";
    hits.forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = new URL(hit.url, rootUrl).href;
      link.textContent = hit.title;
      link.className = "search-result-link";
      item.appendChild(link);
      if (hit.date) {
        var date = document.createElement("span");
        date.className = "search-result-date";
        date.textContent = hit.date;
        item.appendChild(date);
      }
      var text = document.createElement("p");
      text.appendChild(excerpt(hit, terms[0]));
      item.appendChild(text);
      list.appendChild(item);
    });
  }

  function run() {
    var query = input.value.trim();
    var terms = normalize(query).split(/\s+/).filter(Boolean);
    var ticket = ++latest;
    if (!terms.length) { list.textContent = ""; status.textContent = ""; return; }
    loadMeta().then(function () { return candidates(terms); }).then(function (ids) {
      if (ticket !== latest) return null;
      if (ids === null) { list.textContent = ""; status.textContent = "2文字以上で検索してください"; return null; }
      return verify(ids, terms);
    }).then(function (hits) {
      if (hits && ticket === latest) show(query, hits, terms);
    }).catch(function () {
      if (ticket === latest) status.textContent = "検索インデックスを読み込めませんでした";
    });
  }

  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
  form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); run(); });
})();
