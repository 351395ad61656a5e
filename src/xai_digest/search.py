"""Japanese full-text search: a character-bigram index written as static JSON for ``static/search.js``.

Why not pagefind: its extended build (the one that segments Japanese) took ~15 s and 1.6 GB for
1,000 articles and 13.5 GB for 10,000 (benchmarks/RESULTS.md), rebuilt everything on any edit,
and segmented text one way when indexing and another when querying (CloudCannon/pagefind#1237:
サイバー found サイドバー).  Bigrams need no dictionary, so the browser splits a query exactly
as the build split the text; the script then keeps only documents whose text contains every
term, so a result is always a real substring match.

Layout under ``site/search/``:

- ``meta.json``: format version, shard count, documents per chunk, document count, and a digest
  of each documents chunk (equal meta, equal index; the next build patches only what changed).
- ``grams/<shard>.json``: ``{bigram: [id, gap, gap, …]}`` — ascending document ids as gaps.
- ``docs/<chunk>.json``: ``[[url, title, date, text], …]`` — what the script verifies and
  excerpts; ids are positions (articles newest first, then entity pages).
"""

from __future__ import annotations

import hashlib
import json
import operator
import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import Any

FORMAT = 1
SHARDS = 128
DOCS_PER_CHUNK = 50
FOLDER = "search"


@dataclass(frozen=True)
class SearchDoc:
    url: str  # relative to the site root, e.g. "articles/slug/"
    title: str
    text: str  # what a query must occur in (shown in excerpts)
    date: str = ""

    @property
    def searched(self) -> str:
        """What a query is matched against (search.js joins the same two fields)."""
        return self.title + "\n" + self.text


def normalize(text: str) -> str:
    """NFKC and lower case: ＯｐｅｎＡＩ and openai, ５０億 and 50億 match (search.js does the same).

    Japanese text is rarely NFKC already (one full-width （ or ？ is enough), and then ``unicodedata``
    normalizes the whole of it (~0.45 ms an article).  Each compatibility character is first replaced
    by its own NFKC form, which leaves the string's full decomposition, and so its NFKC, as it was;
    the text is then usually NFKC already, which ``unicodedata`` confirms in one quick pass.
    """
    return unicodedata.normalize("NFKC", _COMPATIBILITY.sub(_nfkc_of_match, text)).lower()


def _compatibility_forms() -> dict[str, str]:
    """Characters of the blocks Japanese text draws them from whose NFKC differs: full- and
    half-width forms, punctuation (… ‼), enclosed and squared forms (① ㈱ ㍻), CJK compatibility."""
    blocks = [(0x00A0, 0x0100), (0x2000, 0x2070), (0x2100, 0x2200), (0x2460, 0x2500), (0x3000, 0x3001),
              (0x3200, 0x3400), (0xF900, 0xFB00), (0xFE30, 0xFE70), (0xFF00, 0xFFF0)]
    forms = {}
    for low, high in blocks:
        for point in range(low, high):
            char = chr(point)
            if (form := unicodedata.normalize("NFKC", char)) != char:
                forms[char] = form
    return forms


_FORMS = _compatibility_forms()
_COMPATIBILITY = re.compile("[" + "".join(map(re.escape, sorted(_FORMS))) + "]")


def _nfkc_of_match(match: re.Match[str]) -> str:
    return _FORMS[match.group()]


def bigrams(text: str) -> set[str]:
    """Every pair of adjacent characters within a whitespace-free run of the normalized text."""
    grams: set[str] = set()
    for run in normalize(text).split():
        grams.update(map(operator.add, run, run[1:]))
    return grams


def shard_of(gram: str) -> int:
    """A stable hash over UTF-16 code units, so JavaScript computes the same shard."""
    value = 0
    units = gram.encode("utf-16-le")
    for i in range(0, len(units), 2):
        value = (value * 31 + int.from_bytes(units[i : i + 2], "little")) & 0xFFFFFFFF
    return value % SHARDS


def _gaps(ids: array | list[int]) -> list[int]:
    return [ids[0]] + [b - a for a, b in zip(ids, ids[1:])]


def _ids(gaps: list[int]) -> list[int]:
    return list(accumulate(gaps))


@dataclass
class IndexSource:
    """The documents and their ``meta.json``, made once per build: the meta decides whether the
    index is kept.  A chunk's ``docs/N.json`` text is made when needed, never all at once (a big
    archive's texts are ~100 MB): when the index is built, each chunk is made twice (for its
    digest here, then for the index), the price of never holding them all."""

    docs: Sequence[SearchDoc]  # a list, or documents made when read (render.SearchDocuments)
    meta: str

    @classmethod
    def of(cls, docs: Sequence[SearchDoc]) -> IndexSource:
        source = cls(docs, "")
        digests = [hashlib.sha256(source.chunk_text(n).encode("utf-8")).hexdigest()[:16] for n in range(source.chunk_count)]
        # equal meta texts mean equal indexes: the meta doubles as the record of what the index holds
        source.meta = _dump({"format": FORMAT, "shards": SHARDS, "chunk": DOCS_PER_CHUNK, "docs": len(docs), "chunks": digests})
        return source

    @property
    def chunk_count(self) -> int:
        return -(-len(self.docs) // DOCS_PER_CHUNK)

    def chunk_docs(self, number: int) -> list[SearchDoc]:
        return self.docs[number * DOCS_PER_CHUNK : (number + 1) * DOCS_PER_CHUNK]

    def chunk_text(self, number: int) -> str:
        return _dump([[d.url, d.title, d.date, d.text] for d in self.chunk_docs(number)])


def build_index(source: IndexSource) -> dict[str, str]:
    """The index files (path under ``search/`` → JSON text), document ids in list order."""
    return dict(index_files(source))


def index_files(source: IndexSource) -> Iterator[tuple[str, str]]:
    """``build_index``'s files one at a time, meta.json last: a shard's postings become JSON (and
    may be written and dropped) before the next one's, so a big archive's index is never whole in
    memory twice."""
    postings: defaultdict[str, array] = defaultdict(partial(array, "i"))
    for doc_id, doc in enumerate(source.docs):
        for gram in bigrams(doc.searched):
            postings[gram].append(doc_id)  # ids arrive ascending
    by_shard: list[list[str]] = [[] for _ in range(SHARDS)]
    for gram in sorted(postings):
        by_shard[shard_of(gram)].append(gram)
    for number, grams in enumerate(by_shard):
        yield f"grams/{number}.json", _dump({gram: _gaps(postings.pop(gram)) for gram in grams})
    for number in range(source.chunk_count):
        yield f"docs/{number}.json", source.chunk_text(number)
    yield "meta.json", source.meta


#: Above this many changed documents, building anew is about as cheap as patching.
PATCH_AT_MOST = 200


def patch_index(source: IndexSource, previous: Path, previous_meta: str) -> dict[str, str] | None:
    """The files that differ from the index in ``previous`` (whose meta.json is ``previous_meta``)
    when only documents' titles, dates or texts changed (same pages in the same order, so ids
    stay); None when it must be built anew.

    The result equals ``build_index`` file for file (a property test holds it to that).
    """
    try:
        old_meta, new_meta = json.loads(previous_meta), json.loads(source.meta)
        if any(old_meta.get(k) != new_meta[k] for k in ("format", "shards", "chunk", "docs")):
            return None
        changed_chunks = [n for n, (a, b) in enumerate(zip(old_meta["chunks"], new_meta["chunks"])) if a != b]
        old_rows = {n: json.loads((previous / "docs" / f"{n}.json").read_text("utf-8")) for n in changed_chunks}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    changed = []
    for number in changed_chunks:
        for offset, ((url, title, date, text), new) in enumerate(zip(old_rows[number], source.chunk_docs(number))):
            if url != new.url:
                return None  # pages were added, removed or reordered: every id after moves
            old = SearchDoc(url, title, text, date)
            if old.searched != new.searched:
                changed.append((number * DOCS_PER_CHUNK + offset, old, new))
    if len(changed) > PATCH_AT_MOST:
        return None
    added: dict[str, list[int]] = {}
    removed: dict[str, list[int]] = {}
    for doc_id, old, new in changed:
        before, after = bigrams(old.searched), bigrams(new.searched)
        for gram in after - before:
            added.setdefault(gram, []).append(doc_id)
        for gram in before - after:
            removed.setdefault(gram, []).append(doc_id)
    files = {"meta.json": source.meta}
    by_shard: dict[int, list[str]] = {}
    for gram in set(added) | set(removed):
        by_shard.setdefault(shard_of(gram), []).append(gram)
    for number, grams in by_shard.items():
        try:
            shard = json.loads((previous / "grams" / f"{number}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        for gram in grams:
            ids = set(_ids(shard.get(gram, []))) - set(removed.get(gram, ())) | set(added.get(gram, ()))
            shard[gram] = _gaps(sorted(ids)) if ids else None
        files[f"grams/{number}.json"] = _dump({g: shard[g] for g in sorted(shard) if shard[g] is not None})
    for number in changed_chunks:
        files[f"docs/{number}.json"] = source.chunk_text(number)
    return files


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_index(source: IndexSource, folder: Path) -> None:
    """Write the index into the empty ``folder``; meta.json last, so an index that failed half way
    is never taken for a whole one."""
    for relative, text in index_files(source):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write_index_from_chunks(folder: Path, meta: str, chunks: list[list[SearchDoc]]) -> None:
    """``write_index`` for documents that arrived a chunk at a time (``IndexSource.chunk_docs``)."""
    write_index(IndexSource([doc for chunk in chunks for doc in chunk], meta), folder)
