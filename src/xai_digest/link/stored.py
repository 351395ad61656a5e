"""The last build's related lists, kept in the cache for the next ``build``.

Ranking related articles is most of linking (0.55 of 1.25 s at 10,000
articles, more at 1,000), and it reads nothing of a record but its link inputs
(``link_inputs``).  When every record's are the same as in the build that
stored the lists — a reworded paragraph, a fixed typo, an editor's comment or
impact analysis in an overlay — the next build takes the lists from the file.
The rest of linking (facts, timeline, entity pages) is cheaper to compute
again than to read back: at 10,000 articles its JSON is ~65 MB against the
related lists' 0.5 MB (2.6 MB with the records' digests).  ``serve`` keeps all its links in memory instead
(``LinkMemo``).

JSON, like the record cache: the file is data and can be deleted at any time;
a file from other code, or one that cannot be read, is ignored.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xai_digest.cache import code_version
from xai_digest.link import Links, link_digests, link_records
from xai_digest.model import Record

FILE = "related.json"


@dataclass
class StoredRelated:
    inputs: list[list[str]]  # [source_file, link digest] of every record, sorted (as JSON holds them)
    digests: dict[str, str]  # content key → link digest: an unchanged record is not hashed again
    related: dict[str, list[dict[str, Any]]]  # source_file → its related articles


def link_with_stored(records: list[Record], cache_dir: Path | None) -> Links:
    """Every link of ``records`` (filling ``record.related``); the related lists come from
    ``cache_dir`` when the records link exactly as the stored ones did, else they are ranked
    and stored for the next build."""
    if cache_dir is None:
        return link_records(records)
    path = cache_dir / FILE
    stored = load(path)
    pairs, by_key = link_digests(records, stored.digests if stored is not None else {})
    inputs = [list(pair) for pair in pairs]
    if stored is not None and stored.inputs == inputs:
        return link_records(records, related=stored.related)
    links = link_records(records)
    save(path, StoredRelated(inputs, by_key, {r.source_file: r.related for r in records}))
    return links


def save(path: Path, stored: StoredRelated) -> None:
    """Write ``stored`` atomically (a build that stops half-way leaves the previous file); a cache
    that cannot be written (read-only, full) only costs the next build the ranking."""
    text = json.dumps({"version": code_version(), "inputs": stored.inputs, "digests": stored.digests, "related": stored.related},
                      ensure_ascii=False, separators=(",", ":"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def load(path: Path) -> StoredRelated | None:
    """The stored lists, or None when there are none (or they are another code version's, or unreadable)."""
    try:
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("version") != code_version():
            return None
        stored = StoredRelated(data["inputs"], data["digests"], data["related"])
    except (OSError, ValueError, KeyError):
        return None
    if not (isinstance(stored.inputs, list) and isinstance(stored.digests, dict) and isinstance(stored.related, dict)):
        return None
    return stored
