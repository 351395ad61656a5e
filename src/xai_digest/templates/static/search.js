// Site search on pagefind's index (built by `xai-digest build` with pagefind_extended 1.6.0).
// Pagefind segments Japanese differently when indexing (Lindera) and querying (Intl.Segmenter),
// so a query can match pages that do not contain it (CloudCannon/pagefind#1237: サイバー finds
// サイドバー). We keep only results whose text really contains every term of the query.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var rootUrl = new URL(form.getAttribute("data-root") || "./", document.baseURI);
  var pagefind = null;
  var latest = 0;

  function normalize(text) { return (text || "").normalize("NFKC").toLowerCase(); }

  function load() {
    if (pagefind) return Promise.resolve(pagefind);
    return import(new URL("pagefind/pagefind.js", rootUrl).href).then(function (module) {
      pagefind = module;
      return pagefind.options({ baseUrl: rootUrl.pathname }).then(function () { return pagefind; });
    });
  }

  function excerpt(content, term) {
    var lower = normalize(content);
    var at = Math.max(0, lower.indexOf(term));
    var start = Math.max(0, at - 40);
    var fragment = document.createDocumentFragment();
    var text = (start > 0 ? "…" : "") + content.slice(start, at);
    fragment.appendChild(document.createTextNode(text));
    var mark = document.createElement("mark");
    mark.textContent = content.slice(at, at + term.length);
    fragment.appendChild(mark);
    fragment.appendChild(document.createTextNode(content.slice(at + term.length, at + term.length + 60) + "…"));
    return fragment;
  }

  function show(query, hits) {
    list.textContent = "";
    status.textContent = hits.length ? "「" + query + "」の検索結果: " + hits.length + "件" : "「" + query + "」に一致する記事は見つかりませんでした";
    hits.forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.url;
      link.textContent = (hit.meta && hit.meta.title) || hit.url;
      link.className = "search-result-link";
      var text = document.createElement("p");
      text.appendChild(excerpt(hit.content || "", hit.term));
      item.appendChild(link);
      item.appendChild(text);
      list.appendChild(item);
    });
  }

  function run() {
    var query = input.value.trim();
    var terms = normalize(query).split(/\s+/).filter(Boolean);
    var ticket = ++latest;
    if (!terms.length) { list.textContent = ""; status.textContent = ""; return; }
    load().then(function (pf) { return pf.debouncedSearch(query, {}, 200); }).then(function (search) {
      if (search === null || ticket !== latest) return null;
      return Promise.all(search.results.slice(0, 40).map(function (r) { return r.data(); }));
    }).then(function (items) {
      if (!items || ticket !== latest) return;
      var hits = items.filter(function (item) {
        var text = normalize(((item.meta && item.meta.title) || "") + " " + item.content);
        return terms.every(function (term) { return text.indexOf(term) !== -1; });
      }).slice(0, 10);
      hits.forEach(function (hit) { hit.term = terms[0]; });
      show(query, hits);
    }).catch(function () {
      status.textContent = "検索インデックスを読み込めませんでした";
    });
  }

  input.addEventListener("input", run);
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
})();
