"""The bigram index: complete (every document containing a query is a candidate) and stable."""

from __future__ import annotations

import json

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from xai_digest import search
from xai_digest.search import IndexSource, SearchDoc, bigrams, build_index, normalize, shard_of


def candidates(files: dict[str, str], query: str) -> list[int]:
    """What search.js does before verifying: decode each bigram's posting gaps and intersect."""
    meta = json.loads(files["meta.json"])
    found: set[int] | None = None
    for gram in bigrams(query):
        gaps = json.loads(files[f"grams/{shard_of(gram) % meta['shards']}.json"]).get(gram, [])
        ids, total = set(), 0
        for gap in gaps:
            total += gap
            ids.add(total)
        found = ids if found is None else found & ids
    return sorted(found or set())


def matches(files: dict[str, str], query: str) -> list[int]:
    """Candidates whose stored text really contains the query (search.js's second step)."""
    meta = json.loads(files["meta.json"])
    hits = []
    for doc_id in candidates(files, query):
        url, title, date, text = json.loads(files[f"docs/{doc_id // meta['chunk']}.json"])[doc_id % meta["chunk"]]
        if normalize(query) in normalize(title + "\n" + text):
            hits.append(doc_id)
    return hits


def test_bigrams_stay_within_runs_and_normalize_width():
    assert bigrams("ＯｐｅｎＡＩ 出資") == {"op", "pe", "en", "na", "ai", "出資"}
    assert bigrams("株") == set()


#: Text drawn from the blocks ``normalize`` replaces ahead of NFKC, and from what combines with them.
_TRICKY = st.text(st.one_of(
    st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),  # full- and half-width forms (ｶﾞ)
    st.characters(min_codepoint=0x3040, max_codepoint=0x30FF),  # kana, with the combining voicing marks
    st.characters(min_codepoint=0x3200, max_codepoint=0x33FF),  # enclosed and squared (㈱ ㍻)
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),  # combining marks
    st.characters(min_codepoint=0x00A0, max_codepoint=0x2200),
    st.characters(),
))


@settings(max_examples=400)
@given(_TRICKY)
def test_normalize_is_nfkc_and_lower_case(text):
    import unicodedata

    assert normalize(text) == unicodedata.normalize("NFKC", text).lower()


def test_normalize_folds_compatibility_forms_in_context():
    # half-width ｶ + ﾞ become one ガ only when the whole string is composed, not character by character
    assert normalize("ｶﾞｰﾄﾞ（ＡＩ）…①㍻") == "ガード(ai)...1平成"


def test_shard_hash_is_over_utf16_units():
    # the JavaScript side multiplies by 31 over charCodeAt: "ab" = 97 * 31 + 98
    assert shard_of("ab") == (97 * 31 + 98) % search.SHARDS
    assert shard_of("😀a") == ((0xD83D * 31 + 0xDE00) * 31 + 97) % (2**32) % search.SHARDS


def test_similar_katakana_are_told_apart():
    files = build_index(IndexSource.of([SearchDoc("a/", "サイバー攻撃", "備えが急務"), SearchDoc("b/", "画面", "サイドバーを変更")]))
    assert matches(files, "サイバー") == [0]
    assert matches(files, "サイドバー") == [1]
    assert matches(files, "イバ") == [0]


def test_documents_are_chunked_in_order():
    docs = [SearchDoc(f"d{i}/", f"題{i}", "本文") for i in range(search.DOCS_PER_CHUNK + 3)]
    files = build_index(IndexSource.of(docs))
    assert json.loads(files["meta.json"])["docs"] == len(docs)
    assert json.loads(files["docs/1.json"])[2][0] == f"d{search.DOCS_PER_CHUNK + 2}/"


texts = st.text(alphabet="サイバードー資金調達AIai 　ＡＩ、", max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(texts, min_size=1, max_size=8), st.data())
def test_every_document_containing_the_query_is_found(bodies, data):
    docs = [SearchDoc(f"d{i}/", "", body) for i, body in enumerate(bodies)]
    source = normalize(data.draw(st.sampled_from(bodies)))
    start = data.draw(st.integers(0, len(source)))
    query = source[start : start + data.draw(st.integers(2, 6))].strip()
    assume(len(query) >= 2 and not any(c.isspace() for c in query))
    expected = [i for i, body in enumerate(bodies) if query in normalize("\n" + body)]
    assert matches(build_index(IndexSource.of(docs)), query) == expected


words = st.text(alphabet="サイバードー資金調達AIai 、", min_size=0, max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(words, min_size=1, max_size=2 * search.DOCS_PER_CHUNK + 5), st.data())
def test_a_patched_index_equals_one_built_anew(tmp_path_factory, texts, data):
    before = [SearchDoc(f"d{i}/", f"題{i}", text) for i, text in enumerate(texts)]
    folder = tmp_path_factory.mktemp("index")
    search.write_index(IndexSource.of(before), folder)
    edits = data.draw(st.dictionaries(st.integers(0, len(texts) - 1), words, max_size=4))
    after = [SearchDoc(d.url, d.title, edits.get(i, d.text)) for i, d in enumerate(before)]
    source = IndexSource.of(after)
    patch = search.patch_index(source, folder, (folder / "meta.json").read_text("utf-8"))
    assert patch is not None
    full = build_index(source)
    assert {name: full[name] for name in patch} == patch
    unchanged = set(full) - set(patch)
    assert all((folder / name).read_text("utf-8") == full[name] for name in unchanged)


def test_moved_or_added_pages_are_not_patched(tmp_path):
    docs = [SearchDoc("a/", "A", "本文"), SearchDoc("b/", "B", "本文")]
    search.write_index(IndexSource.of(docs), tmp_path)
    meta = (tmp_path / "meta.json").read_text("utf-8")
    swapped = [docs[1], docs[0]]
    assert search.patch_index(IndexSource.of(swapped), tmp_path, meta) is None
    grown = docs + [SearchDoc("c/", "C", "本文")]
    assert search.patch_index(IndexSource.of(grown), tmp_path, meta) is None
