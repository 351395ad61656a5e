"""Big JSON arrays written an entry at a time; articles.json entries reused from the current
site, so a big archive's rebuild encodes only what changed (at 10,000 articles the file is ~160 MB: encoding it all took seconds of a one-edit
build).

Next to ``data/articles.json`` the site keeps ``.xai-digest/articles.json``: each entry's key and
byte length, and the file's sha256.  An entry's key names everything its bytes depend on (the
record's content key — seed, overlay, project data, code — its slug and related links).  The
next build hashes the current file; when it is the one the index describes, an entry whose key
is unchanged is copied from it instead of encoded again.  The bytes are the same either way.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TypeVar

T = TypeVar("T", str, bytes)

ARTICLES = "data/articles.json"
INDEX = ".xai-digest/articles.json"


def json_array_chunks(items: Iterable[T]) -> Iterator[str | T]:
    """A compact JSON array of already-encoded items (text or UTF-8 bytes), in pieces: the bytes of
    ``dump_json(list, True)`` without the list ever being whole."""
    yield "["
    for index, item in enumerate(items):
        if index:
            yield ","
        yield item
    yield "]\n"


def entry_key(content_key: str, slug: str, related: list) -> str:
    """Everything an articles.json entry of a record with a content key shows, hashed."""
    text = json.dumps([content_key, slug, related], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class KeptEntries:
    """The current site's articles.json entries, by key; and the index of the file being written."""

    def __init__(self, site_dir: Path) -> None:
        self.source = site_dir / ARTICLES
        self.spans: dict[str, tuple[int, int]] = {}  # key → (byte offset, byte length) in ``source``
        self.written: list[list[str | int]] = []
        self._digest = hashlib.sha256()
        try:
            index = json.loads((site_dir / INDEX).read_text("utf-8"))
            if index["sha256"] != _file_digest(self.source):
                return  # not the file the index describes: encode everything
            offset = 1  # after "["
            for key, length in index["entries"]:
                if key:
                    self.spans[key] = (offset, length)
                offset += length + 1  # and its ","
        except (OSError, ValueError, KeyError, TypeError):
            self.spans = {}

    def chunks(self, entries: Iterable[tuple[str | None, Callable[[], str]]]) -> Iterator[bytes]:
        """The compact JSON array of the entries (UTF-8), in pieces: each entry copied when its key is
        kept, else made (an entry without a key is always made)."""
        for piece in json_array_chunks(self._entries(entries)):
            data = piece.encode("utf-8") if isinstance(piece, str) else piece
            self._digest.update(data)
            yield data

    def _entries(self, entries: Iterable[tuple[str | None, Callable[[], str]]]) -> Iterator[bytes]:
        try:
            kept = open(self.source, "rb") if self.spans else None
        except OSError:
            kept = None
        try:
            for key, make in entries:
                data = _read(kept, self.spans.get(key)) if key and kept is not None else None
                if data is None:
                    data = make().encode("utf-8")
                self.written.append([key or "", len(data)])
                yield data
        finally:
            if kept is not None:
                kept.close()

    def index_text(self) -> str:
        """The index of the file ``chunks`` made (once it is written)."""
        return json.dumps({"sha256": self._digest.hexdigest(), "entries": self.written}, separators=(",", ":")) + "\n"


def _read(file: BinaryIO, span: tuple[int, int] | None) -> bytes | None:
    """The bytes of one kept entry, or None."""
    if span is None:
        return None
    file.seek(span[0])
    data = file.read(span[1])
    return data if len(data) == span[1] else None


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
