"""The plain data passed between pipeline stages.

A ``Record`` is the contract between read/parse/analyze/link/render and the
public JSON export (``site/data/articles.json``).  Field names follow
``docs/design.md``; everything here is plain data so a record can be cached,
compared and serialised without knowing which stage produced it.
"""

from __future__ import annotations

import functools
import json
import operator
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Report:
    """One problem found in an input file: shown as ``file:line: message``."""

    source_file: str
    message: str
    line: int | None = None
    level: str = "warning"  # "warning" (file still published) | "error" (file skipped)

    def __str__(self) -> str:
        where = f"{self.source_file}:{self.line}" if self.line else self.source_file
        return f"{where}: {self.message}"

    def logged(self) -> str:
        """As the terminal shows it: ``file:line: message``, ``[エラー]`` after it when the file was skipped."""
        return f"{self} [エラー]" if self.level == "error" else str(self)


@dataclass(slots=True)
class KeyPoint:
    heading: str
    body: str


@dataclass(slots=True)
class Table:
    """A table in the body (a Markdown pipe table, or rows of tab-separated cells as a browser copies
    a web page's table).  Its rows are also the section's paragraphs ``first`` to ``first + len(rows)``,
    each written ``名前｜見出し：値｜…`` so that analysis reads a value with its column's heading and
    its row's name; the page shows ``header`` and ``rows`` as a table."""

    first: int
    header: list[str]
    rows: list[list[str]]


@dataclass(slots=True)
class Section:
    heading: str | None
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def table_rows(self) -> set[int]:
        """The indexes of the paragraphs that are table rows."""
        return {t.first + i for t in self.tables for i in range(len(t.rows))}


@dataclass(slots=True)
class Caption:
    """A short line under an image; ``source`` names the outlet it cites, if any."""

    text: str
    source: str | None = None


@dataclass(slots=True)
class Original:
    language: str
    text: str


@dataclass(slots=True)
class Figure:
    text: str
    unit: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "none"  # approx | max | min | none
    per: str | None = None  # month | year | day | None
    subject: str | None = None
    date: str | None = None
    measure: str | None = None
    sentence: str = ""
    start: int = 0
    end: int = 0
    also: dict[str, Any] | None = None  # paired currency: 200億ドル（約3兆円）
    change: str | None = None  # increase | decrease: 359%増 is a rise, not a level


@dataclass(slots=True)
class Entity:
    name: str
    kind: str
    mentions: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    text: str
    speaker: str | None
    sentence: str


@dataclass(slots=True)
class Source:
    name: str
    url: str | None = None
    sentence: str = ""


@dataclass(slots=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass
class Record:
    id: str
    source_file: str
    format: str
    title: str | None
    title_derived: bool = False
    slug: str = ""
    lead: str | None = None
    date: str | None = None
    date_relative: str | None = None
    site: str | None = None
    author: str | None = None
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    reading_minutes: int = 0
    key_points: list[KeyPoint] = field(default_factory=list)
    impact_analysis: str | None = None
    editor_comment: str | None = None
    sections: list[Section] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    original: Original | None = None
    truncated: bool = False
    figures: list[Figure] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)  # dated sentences: {date, text, entities}
    chrome_removed: list[str] = field(default_factory=list)
    editor_fields: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    related: list[dict[str, Any]] = field(default_factory=list)

    def paragraphs(self) -> list[str]:
        """Every body paragraph in reading order (headings excluded)."""
        return [p for s in self.sections for p in s.paragraphs]

    def prose(self) -> list[str]:
        """The body paragraphs that are not table rows: what reads as sentences (the lead, 影響分析)."""
        prose: list[str] = []
        for section in self.sections:
            rows = section.table_rows() if section.tables else set()
            prose += [p for i, p in enumerate(section.paragraphs) if i not in rows]
        return prose

    def body_text(self) -> str:
        """The stored body text that figure and sentence offsets point into."""
        return BODY_JOINER.join(self.paragraphs())

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    def share_strings(self) -> None:
        """Make the short strings that recur across records (names, kinds, units, dates) one object
        each, and a sentence quoted by several figures, quotes, sources or events one object per
        record: 10,000 records loaded from JSON or from worker processes would otherwise hold a
        copy of every one of them."""
        intern = sys.intern
        for attr in ("format", "site", "author", "category", "date"):
            value = getattr(self, attr)
            if value is not None:
                setattr(self, attr, intern(value))
        self.tags = list(map(intern, self.tags))
        self.keywords = list(map(intern, self.keywords))
        for entity in self.entities:
            entity.name = intern(entity.name)
            entity.kind = intern(entity.kind)
            entity.mentions = list(map(intern, entity.mentions))
        sentences: dict[str, str] = {}
        same = sentences.setdefault
        for figure in self.figures:
            figure.text = intern(figure.text)
            figure.unit = intern(figure.unit)
            figure.qualifier = intern(figure.qualifier)
            if figure.per is not None:
                figure.per = intern(figure.per)
            if figure.subject is not None:
                figure.subject = intern(figure.subject)
            if figure.measure is not None:
                figure.measure = intern(figure.measure)
            if figure.date is not None:
                figure.date = intern(figure.date)
            figure.sentence = same(figure.sentence, figure.sentence)
        for quote in self.quotes:
            if quote.speaker is not None:
                quote.speaker = intern(quote.speaker)
            quote.sentence = same(quote.sentence, quote.sentence)
        for source in self.sources:
            source.name = intern(source.name)
            source.sentence = same(source.sentence, source.sentence)
        for event in self.events:
            if isinstance(event.get("date"), str):
                event["date"] = intern(event["date"])
            if isinstance(event.get("text"), str):
                event["text"] = same(event["text"], event["text"])
            event["entities"] = list(map(intern, event.get("entities", ())))

BODY_JOINER = "\n\n"
#: A table row as a paragraph: its cells between ROW_SEPARATOR, each after its column's heading and LABEL_SEPARATOR.
ROW_SEPARATOR, LABEL_SEPARATOR = "｜", "："


def table_row_text(header: list[str] | tuple[str, ...], cells: list[str] | tuple[str, ...]) -> tuple[str, list[int | None]]:
    """A table row as one paragraph (``名前｜見出し：値｜…``: the first cell alone, every other one after
    its column's heading, empty cells left out) and where each cell's text starts in it (None: empty)."""
    text, starts = "", []
    for index, cell in enumerate(cells):
        if not cell:
            starts.append(None)
            continue
        heading = header[index] if index < len(header) else ""
        if text:
            text += ROW_SEPARATOR
        if index and heading:
            text += heading + LABEL_SEPARATOR
        starts.append(len(text))
        text += cell
    return text, starts


def record_json(record: Record) -> str:
    """``json.dumps(record.to_dict())``, compact, without building the dicts first: the C encoder
    asks ``_fields`` for each dataclass (10× less Python work on a big archive's articles.json)."""
    return json.dumps(record, default=_fields, ensure_ascii=False, separators=(",", ":"))


def _fields(value: Any) -> dict[str, Any]:
    """A dataclass's fields in declaration order: a record's ``__dict__`` itself unless something
    else was attached to it (the pipeline notes a record's ``content_key``); the parts of a record
    have slots, read by one attrgetter per class."""
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is None:
        raise TypeError(f"{type(value).__name__} is not part of a record")
    own = getattr(value, "__dict__", None)
    if own is None:
        names, getter = _slot_getter(type(value))
        return dict(zip(names, getter(value)))
    if len(own) == len(fields):
        return own
    return {name: own[name] for name in fields}


@functools.cache
def _slot_getter(cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    names = tuple(cls.__dataclass_fields__)
    getter = operator.attrgetter(*names)
    return names, (getter if len(names) > 1 else lambda value: (getter(value),))


def _plain(value: Any) -> Any:
    """Dataclasses to plain dicts and lists (dataclasses.asdict, without its deep copies)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return {name: _plain(getattr(value, name)) for name in fields}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def record_from_dict(data: dict[str, Any]) -> Record:
    """Rebuild a Record from ``to_dict`` output (used by the cache)."""
    data = dict(data)
    data["key_points"] = [KeyPoint(**k) for k in data.get("key_points", [])]
    data["sections"] = [Section(s["heading"], s["paragraphs"], [Table(**t) for t in s.get("tables", [])])
                        for s in data.get("sections", [])]
    data["captions"] = [Caption(**c) for c in data.get("captions", [])]
    data["original"] = Original(**data["original"]) if data.get("original") else None
    data["figures"] = [Figure(**f) for f in data.get("figures", [])]
    data["entities"] = [Entity(**e) for e in data.get("entities", [])]
    data["quotes"] = [Quote(**q) for q in data.get("quotes", [])]
    data["sources"] = [Source(**s) for s in data.get("sources", [])]
    return Record(**data)
