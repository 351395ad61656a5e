"""Fingerprints: a hash of everything a page shows, so an unchanged page is not rendered again.

Hashing a page's inputs costs far less than rendering it.  The inputs are
built from *cards* — the fields of a record that other pages show (title,
site, date, lead, slug …) — and from the link data the page lays out, so
rewording a paragraph re-renders that article's page and nothing else.  The renderer keeps the
fingerprints in the site (``.xai-digest/pages.json``) and hard-links a page
whose fingerprint is unchanged.  ``tests/test_incremental.py`` checks after
every kind of edit that this gives the same bytes as a clean build.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Callable, Iterable
from typing import Any

from xai_digest.link import Links
from xai_digest.model import Record
from xai_digest.render import charts, pages


#: The record fields that index, tag, entity, timeline, facts and feed pages and related lists show.
CARD_FIELDS = ("slug", "title", "site", "author", "date", "date_relative", "reading_minutes", "lead")
#: The figure fields a key-figure line on the index shows.
KEY_FIGURE_FIELDS = ("text", "value", "low", "high", "unit", "qualifier", "per", "subject", "also", "change")


def digest(value: Any) -> str:
    """A hash of plain data (lists, dicts, strings, numbers, None; never self-referential).

    Pickle is three times faster than JSON here and exact.  Its memo is off
    (``fast``): with it, a string object shared twice would pickle differently
    from two equal strings, and an incremental build's fingerprints would
    differ from a clean build's.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return hashlib.sha256(buffer.getbuffer()).hexdigest()


def shown_related(record: Record) -> tuple[tuple[str, str], ...]:
    """What an article page shows of its related links: which articles and why (not the score)."""
    return tuple((link["source_file"], tuple(link["shared"])) for link in record.related)


def record_digest(record: Record) -> str:
    """The record's content: its content key when it has one (same seed, overlay and code), else a hash."""
    return getattr(record, "content_key", None) or digest(record.to_dict())


class Fingerprints:
    """Page fingerprints for one build: ``salt`` covers templates, settings, content pages and code.

    ``kept`` (serve) carries expensive parts from build to build.  Each is
    keyed by everything it reads — content keys, and the identity of fact
    objects, which linking reuses for unchanged facts (the entry holds the
    fact, so its id cannot be recycled).  ``used`` names this build's entries.
    """

    def __init__(self, salt: str, by_file: dict[str, Record], links: Links,
                 entity_slugs: dict[str, str], tag_slugs: dict[str, str], kept: dict[Any, Any] | None = None) -> None:
        self.salt = salt
        self.across_builds = kept is not None  # (serve) else entries only one page uses are not kept
        self.kept = kept if kept is not None else {}
        self.used: set[Any] = set()
        self.by_file = by_file
        self.links = links
        self.entity_slugs = entity_slugs
        self.tag_slugs = tag_slugs
        self._cards: dict[str, str] = {}
        self._names: str | None = None
        self._changed_cards: set[str] | None = None

    def of(self, *parts: Any) -> str:
        return digest([self.salt, *parts])

    def remember(self, key: tuple[Any, ...], compute: Callable[[], Any], one_page: bool = False) -> Any:
        """``compute()`` once per key (``key`` must name everything ``compute`` reads).  ``one_page``:
        only that page asks for it, so it is worth keeping only for a later build (a big archive's
        ten thousand such entries would otherwise stay in memory for nothing)."""
        if one_page and not self.across_builds:
            return compute()
        self.used.add(key)
        if key not in self.kept:
            self.kept[key] = compute()
        return self.kept[key]

    def card(self, source_file: str) -> str:
        """What pages other than its own show of an article: the fields of CARD_FIELDS."""
        if source_file not in self._cards:
            record = self.by_file.get(source_file)
            self._cards[source_file] = digest([getattr(record, name) for name in CARD_FIELDS]) if record else "-"
        return self._cards[source_file]

    def cards(self, files: Iterable[str]) -> list[str]:
        return [self.card(f) for f in sorted(set(files))]

    def names(self) -> str:
        """Which entities and tags have pages: decides the links on timeline, facts and entity list."""
        if self._names is None:
            self._names = digest([sorted(self.entity_slugs.items()), sorted(self.tag_slugs.items())])
        return self._names

    def fact(self, fact: dict[str, Any]) -> str:
        return self.remember(("fact", id(fact)), lambda: (digest(fact), fact))[0]

    def facts_of(self, record: Record) -> tuple[dict[str, Any] | None, ...]:
        return tuple(self.links.fact_index.get((record.source_file, i)) for i in range(len(record.figures)))

    def changed_cards(self) -> set[str]:
        """Articles whose card differs from the previous build's (all of them without ``kept``)."""
        if self._changed_cards is None:
            previous = self.kept.get(("cards",), {})
            current = {name: self.card(name) for name in self.by_file}
            self._changed_cards = {n for n in current.keys() | previous.keys() if current.get(n) != previous.get(n)}
            self.kept[("cards",)] = current
        self.used.add(("cards",))
        return self._changed_cards

    def article(self, record: Record, rows: Callable[[], list[pages.FigureRow]]) -> str:
        """Its record and what it says of other articles: statuses, labels, related titles, entity pages.

        Fast path (serve): same links object, same record and no card it shows changed → the
        previous build's fingerprint, without recomputing its parts.
        """
        if not self.across_builds:
            return self._article(record, rows)[0]
        fast = ("article-fast", self.salt, id(self.links), record_digest(record), record.slug)
        hit = self.kept.get(fast)
        if hit is not None and hit[2] is self.links and self.changed_cards().isdisjoint(hit[1]):
            self.used.add(fast)
            return hit[0]
        fingerprint, files = self._article(record, rows)
        self.kept[fast] = (fingerprint, frozenset(files), self.links)
        self.used.add(fast)
        return fingerprint

    def _article(self, record: Record, rows: Callable[[], list[pages.FigureRow]]) -> tuple[str, list[str]]:
        names = {e.name for e in record.entities} | {f.subject for f in record.figures if f.subject}
        names |= {q.speaker for q in record.quotes if q.speaker}
        facts = self.facts_of(record)
        content = record_digest(record)
        linked_names = tuple(sorted((n, self.entity_slugs.get(n)) for n in names))
        key = ("article", content, record.slug, shown_related(record), tuple(map(id, facts)), linked_names)
        own, files, _ = self.remember(key, lambda: (*self._article_links(record, rows()), facts), one_page=True)
        return self.of("article", content, record.slug, linked_names, own, self.cards(files)), files

    def _article_links(self, record: Record, rows: list[pages.FigureRow]) -> tuple[str, list[str]]:
        """The part of an article's fingerprint that its record and the links decide, and the files it names."""
        others = [(r.status, r.other_count, [(m["source_file"], m["text"], m.get("figure_index")) for m in r.others]) for r in rows]
        files = {m["source_file"] for r in rows if r.fact for m in self.links.reports_of(r.fact)[: charts.MAX_BARS]}
        files |= {m["source_file"] for r in rows for m in r.others}
        files |= {link["source_file"] for link in record.related}
        facts = sorted({self.fact(r.fact) for r in rows if r.fact})
        own = digest([shown_related(record), others, facts, sorted((t, self.tag_slugs.get(t)) for t in record.tags)])
        return own, sorted(files)

    def index_page(self, number: int, total: int, chunk: list[Record], key_figures: dict[str, list[pages.FigureRow]]) -> str:
        cards = [
            (self.card(r.source_file),
             [(row.status, row.other_count, [getattr(row.figure, n) for n in KEY_FIGURE_FIELDS]) for row in key_figures[r.source_file]])
            for r in chunk
        ]
        return self.of("index", number, total, cards)

    def entity(self, page: dict[str, Any], mentions: list[str]) -> str:
        def from_links() -> tuple[str, list[str], dict[str, Any]]:
            files = set(page["articles"]) | {e["source_file"] for e in page["events"]}  # (articles include the figures')
            return digest(page), sorted(files), page

        own, files, _ = self.remember(("entity", id(page)), from_links, one_page=True)
        return self.of("entity", own, mentions, self.cards(files))

    def timeline(self) -> str:
        events = self.links.timeline
        own, files, _ = self.remember(("timeline", id(events)), lambda: (digest(events), sorted({e["source_file"] for e in events}), events))
        return self.of("timeline", self.names(), own, self.cards(files))

    def facts_page(self, chunk: list[dict[str, Any]], number: int, total: int, totals: dict[str, int]) -> str:
        files = {m["source_file"] for fact in chunk for m in fact["members"]}
        return self.of("facts", number, total, sorted(totals.items()), self.names(), [self.fact(f) for f in chunk], self.cards(files))

    def entity_list(self, listed: list[dict[str, Any]]) -> str:
        return self.of("entities", self.names(), [(p["name"], p["kind"], len(p["articles"]), len(p["figures"])) for p in listed])

    def records_page(self, kind: str, key: Any, records: list[Record]) -> str:
        """A page that lists articles by card only (tag pages, the feed)."""
        return self.of(kind, key, [self.card(r.source_file) for r in records])
