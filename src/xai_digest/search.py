"""Japanese full-text search: a character-bigram index written as static JSON for ``static/search.js``.

Why not pagefind: its extended build (the one that segments Japanese) took ~15 s and 1.6 GB for
1,000 articles and 13.5 GB for 10,000 (benchmarks/RESULTS.md), rebuilt everything on any edit,
and segmented text one way when indexing and another when querying (CloudCannon/pagefind#1237:
サイバー found サイドバー).  Bigrams need no dictionary, so the browser splits a query exactly
as the build split the text; the script then keeps only documents whose text contains every
term, so a result is always a real substring match.

Layout under ``site/search/``:

- ``meta.json``: format version, shard count, documents per chunk, document count.
- ``grams/<shard>.json``: ``{bigram: [id, gap, gap, …]}`` — ascending document ids as gaps.
- ``docs/<chunk>.json``: ``[[url, title, date, text], …]`` — what the script verifies and
  excerpts; ids are positions (articles newest first, then entity pages).
"""

from __future__ import annotations

import json
import multiprocessing
import operator
import unicodedata
from array import array
from dataclasses import dataclass
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


def normalize(text: str) -> str:
    """NFKC and lower case: ＯｐｅｎＡＩ and openai, ５０億 and 50億 match (search.js does the same)."""
    return unicodedata.normalize("NFKC", text).lower()


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


def _gaps(ids: array) -> list[int]:
    return [ids[0]] + [b - a for a, b in zip(ids, ids[1:])]


def build_index(docs: list[SearchDoc]) -> dict[str, str]:
    """The index files (path under ``search/`` → JSON text) for ``docs``, ids in list order."""
    postings: dict[str, array] = {}
    for doc_id, doc in enumerate(docs):
        for gram in bigrams(doc.title + "\n" + doc.text):
            ids = postings.get(gram)
            if ids is None:
                ids = postings[gram] = array("i")
            ids.append(doc_id)  # ids arrive ascending
    shards: list[dict[str, list[int]]] = [{} for _ in range(SHARDS)]
    for gram in sorted(postings):
        shards[shard_of(gram)][gram] = _gaps(postings.pop(gram))
    files = {"meta.json": _dump({"format": FORMAT, "shards": SHARDS, "chunk": DOCS_PER_CHUNK, "docs": len(docs)})}
    for number, shard in enumerate(shards):
        files[f"grams/{number}.json"] = _dump(shard)
    for start in range(0, len(docs), DOCS_PER_CHUNK):
        chunk = [[d.url, d.title, d.date, d.text] for d in docs[start : start + DOCS_PER_CHUNK]]
        files[f"docs/{start // DOCS_PER_CHUNK}.json"] = _dump(chunk)
    return files


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


class SearchIndexError(RuntimeError):
    """The index could not be written."""


def write_index(docs: list[SearchDoc], folder: Path) -> None:
    """Write the index for ``docs`` into the empty ``folder``."""
    for relative, text in build_index(docs).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


class IndexJob:
    """Writes the index in a forked process, so it costs no time beside the (one-core) rendering.

    The child needs only the documents, which it shares with the parent by forking; it writes
    into its own folder of the staged site and sends back ``None`` or what went wrong.  Without
    fork (or with ``parallel=False``) it runs inline.
    """

    def __init__(self, docs: list[SearchDoc], folder: Path, parallel: bool = True) -> None:
        self.process: multiprocessing.process.BaseProcess | None = None
        self.error: str | None = None
        if parallel and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self.receiver, sender = context.Pipe(duplex=False)
            self.process = context.Process(target=_index_in_child, args=(docs, folder, sender), daemon=True)
            self.process.start()
            sender.close()
        else:
            self.error = _attempt(docs, folder)

    def wait(self) -> None:
        """Raise SearchIndexError if the index could not be written."""
        if self.process is not None:
            try:
                self.error = self.receiver.recv()
            except EOFError:
                self.error = "the indexing process ended without an answer"
            self.process.join()
            self.process = None
        if self.error:
            raise SearchIndexError(self.error)

    def cancel(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.join()
            self.process = None


def _attempt(docs: list[SearchDoc], folder: Path) -> str | None:
    try:
        write_index(docs, folder)
    except Exception as exc:  # reported as the build's error, with the rest of the site published
        return f"{type(exc).__name__}: {exc}"
    return None


def _index_in_child(docs: list[SearchDoc], folder: Path, sender: Any) -> None:
    sender.send(_attempt(docs, folder))
    sender.close()
