"""What each page shows, computed from records and links before templating.

Templates only lay things out; the choices (which sentences the automatic
analysis quotes, which figures a sentence highlights, which entities get a
page) are made here, in plain functions that tests can call.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from xai_digest.analyze.sentences import INTRODUCES, split_sentences
from xai_digest.link import Links
from xai_digest.model import BODY_JOINER, Entity, Figure, Record, table_row_text
from xai_digest.pipeline import slugify
from xai_digest.parse.text import alternation, is_english
from xai_digest.yamlio import package_data

MAX_QUOTED = 3
MAX_OTHERS_SHOWN = 5
ENTITY_PAGE_MIN_ARTICLES = 2


@dataclass(slots=True)
class Segment:
    """A run of paragraph text; ``anchor`` set when it is a figure's sentence."""

    text: str
    anchor: str | None = None


@dataclass(frozen=True)
class BodyParagraph:
    text: str
    segments: list[Segment]


@dataclass(frozen=True)
class BodyTable:
    """A table of the body: its header and each row's cells as segments, figures marked."""

    header: list[str]
    rows: list[list[list[Segment]]]


@dataclass(slots=True)
class FigureRow:
    index: int
    figure: Figure
    anchor: str
    status: str | None = None  # corroborated | differing
    others: list[dict[str, Any]] = field(default_factory=list)  # the first few other articles
    other_count: int = 0  # all other articles that report it
    fact: dict[str, Any] | None = None


@dataclass
class AutoAnalysis:
    """影響分析 built only from sentences of the article and its linked articles."""

    event: list[str] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)
    background: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    opportunities: list[str] = field(default_factory=list)
    outlook: list[str] = field(default_factory=list)
    cross_checks: list[FigureRow] = field(default_factory=list)


def entity_slug(name: str) -> str:
    """ASCII names keep a readable slug; others get a short stable hash."""
    ascii_slug = slugify(name)
    if ascii_slug != "article" and name.isascii():
        return ascii_slug
    return "e-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def figure_rows(record: Record, links: Links) -> list[FigureRow]:
    rows = []
    for index, figure in enumerate(record.figures):
        row = FigureRow(index=index, figure=figure, anchor=f"fig-{index + 1}")
        fact = links.fact_index.get((record.source_file, index))
        if fact is not None:
            row.fact = fact
            row.status = fact["kind"]
            reports = links.reports_of(fact)
            row.other_count = len(reports) - 1  # one of them is this record's (the fact holds this figure)
            for member in reports:  # the first few other articles
                if len(row.others) >= MAX_OTHERS_SHOWN:
                    break
                if member["source_file"] != record.source_file:
                    row.others.append(member)
        rows.append(row)
    return rows


def paragraph_segments(record: Record, rows: list[FigureRow]) -> list[list[list[Segment]]]:
    """For each section, each paragraph as segments, each figure marked with its anchor."""
    offset = 0
    starts = []
    for section in record.sections:
        for paragraph in section.paragraphs:
            starts.append(offset)
            offset += len(paragraph) + len(BODY_JOINER)
    flat_index = 0
    marks_by_paragraph: dict[int, dict[int, tuple[int, int, str]]] = {}  # by the figure's start
    for row in rows:
        paragraph_index = max(0, bisect.bisect_right(starts, row.figure.start) - 1)  # the last paragraph starting at or before
        paragraph_start = starts[paragraph_index] if starts else 0
        local = row.figure.start - paragraph_start
        marks_by_paragraph.setdefault(paragraph_index, {})[local] = (local, row.figure.end - paragraph_start, row.anchor)
    result = []
    for section in record.sections:
        rendered = []
        for paragraph in section.paragraphs:
            rendered.append(_cut(paragraph, sorted(marks_by_paragraph.get(flat_index, {}).values())))
            flat_index += 1
        result.append(rendered)
    return result


def _cut(text: str, marks: list[tuple[int, int, str]]) -> list[Segment]:
    """``text`` as segments, each mark (start, end, anchor; in order) one of its own."""
    segments, cursor = [], 0
    for start, end, anchor in marks:
        if start < cursor:
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], anchor))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


@dataclass(frozen=True)
class _Cues:
    """The cue words of one heading (data/analysis.yaml): Japanese ones anywhere in a Japanese
    sentence, English ones as whole words in any case in an English sentence (``is_english``).
    Kept apart: one case-insensitive pattern with word edges searched ~10 times slower over every
    Japanese sentence than the plain list of Japanese words."""

    japanese: re.Pattern[str]
    english: re.Pattern[str]

    @classmethod
    def of(cls, cues: dict[str, list[str]]) -> "_Cues":
        japanese = alternation(cues.get("ja", [])) or "(?!)"
        english = alternation(cues.get("en", [])) or "(?!)"
        return cls(re.compile(japanese), re.compile(rf"\b(?:{english})\b", re.IGNORECASE))

    def search(self, sentence: str, english: bool) -> bool:
        return (self.english if english else self.japanese).search(sentence) is not None


_CUES = package_data("analysis.yaml")
_RISK, _OPPORTUNITY, _OUTLOOK, _BACKGROUND = (_Cues.of(_CUES[name]) for name in ("risks", "opportunities", "outlook", "background"))


def _sentences(text: str) -> list[str]:
    """The sentences of a paragraph, Japanese or English (not split inside 「…」)."""
    return [sentence.text for sentence in split_sentences(text)]


def _quotable(sentences: list[str]) -> list[tuple[str, bool]]:
    """The sentences a heading may quote — 12–220 characters, no question (本当に持続可能でしょうか？
    says no 成長) — each with whether it is English: decided once for the four headings."""
    return [(s, is_english(s)) for s in sentences if 12 <= len(s) <= 220 and not _is_question(s)]


def _sentences_with(candidates: list[tuple[str, bool]], cues: _Cues, exclude: set[str]) -> list[str]:
    """The first MAX_QUOTED of the quotable sentences, not quoted yet, that hold one of the cues."""
    found = []
    for sentence, english in candidates:
        if sentence not in exclude and cues.search(sentence, english):
            found.append(sentence)
            exclude.add(sentence)
            if len(found) >= MAX_QUOTED:
                return found
    return found


#: Units of counts that are not news when small (関係者2人, 大手4社, 3件の計画, 3回目): never a key figure.
MINOR_COUNT_UNITS = ("人", "社", "件", "回")


def figure_size(figure: Figure) -> float:
    """A figure's number, or a range's upper end."""
    return figure.value or figure.high or 0


def minor_count(figure: Figure) -> bool:
    return figure.unit in MINOR_COUNT_UNITS and figure_size(figure) < 10


def _is_question(sentence: str) -> bool:
    return sentence.rstrip("」』）) ").endswith(("？", "?"))


def body_blocks(record: Record, segments: list[list[list[Segment]]]) -> list[list[BodyParagraph | BodyTable]]:
    """Each section's paragraphs (as ``paragraph_segments`` marked them) and tables, in reading order:
    a table stands where its first row is, its rows being paragraphs of the record."""
    result = []
    for section, marked in zip(record.sections, segments):
        tables = {table.first: table for table in section.tables}
        rows = section.table_rows() if tables else set()
        blocks: list[BodyParagraph | BodyTable] = []
        for number, (text, parts) in enumerate(zip(section.paragraphs, marked)):
            table = tables.get(number)
            if table is not None:
                cells = [_cell_segments(table.header, row, marked[table.first + i]) for i, row in enumerate(table.rows)]
                blocks.append(BodyTable(table.header, cells))
            elif number not in rows:
                blocks.append(BodyParagraph(text, parts))
        result.append(blocks)
    return result


def _cell_segments(header: list[str], cells: list[str], row: list[Segment]) -> list[list[Segment]]:
    """A table row's cells as segments, cut where the row's paragraph (``row``) marks its figures."""
    marks, at = [], 0
    for segment in row:
        if segment.anchor:
            marks.append((at, at + len(segment.text), segment.anchor))
        at += len(segment.text)
    result = []
    for cell, start in zip(cells, table_row_text(header, cells)[1]):
        inside = [] if start is None else [(a - start, b - start, anchor) for a, b, anchor in marks if start <= a and b <= start + len(cell)]
        result.append(_cut(cell, inside))
    return result


def auto_analysis(record: Record, rows: list[FigureRow]) -> AutoAnalysis:
    """出来事 / 背景 / 展望, risks and opportunities: every line is a sentence of the article."""
    used: set[str] = set()
    analysis = AutoAnalysis()
    by_paragraph = [_sentences(paragraph) for paragraph in record.prose()]
    first = by_paragraph[0] if by_paragraph else _sentences(record.lead or "")
    opening = _opening_statement(first, _names_of_actors(record))
    if opening:
        # a sentence that only introduces (…次のように報じた。) brings the next one with it
        take = 2 if len(opening) > 1 and INTRODUCES.search(opening[0]) else 1
        for sentence in opening[:take]:
            analysis.event.append(sentence.strip())
            used.add(sentence.strip())
    analysis.actors = [
        {"name": e.name, "kind": e.kind} for e in listed_entities(record) if e.kind in ("organization", "person", "agency", "other")
    ][:8]
    analysis.figures = [row for row in rows if row.figure.subject and not minor_count(row.figure)][:5]
    candidates = _quotable([sentence.strip() for paragraph in by_paragraph for sentence in paragraph])
    analysis.background = _sentences_with(candidates, _BACKGROUND, used)
    analysis.risks = _sentences_with(candidates, _RISK, used)
    analysis.opportunities = _sentences_with(candidates, _OPPORTUNITY, used)
    analysis.outlook = _sentences_with(candidates, _OUTLOOK, used)
    analysis.cross_checks = first_row_per_fact(rows)
    return analysis


#: How far into the first paragraph the event is looked for.
EVENT_WITHIN_SENTENCES = 4


def listed_entities(record: Record) -> list[Entity]:
    """The names 登場する企業・人物 lists: all but unlisted names of no known kind (noise, mostly:
    AI, GPU), unless a figure is theirs (KDDIの投資：約1000億円 names KDDI, so the list does too)."""
    owners = {figure.subject for figure in record.figures}
    return [e for e in record.entities if e.kind != "other" or e.name in owners]


def _names_of_actors(record: Record) -> list[str]:
    """How the article writes the names of who or what acts in it (organisations, people, products …)."""
    return [m for e in record.entities if e.kind not in ("place", "outlet") for m in e.mentions]


def _opening_statement(sentences: list[str], names: list[str]) -> list[str]:
    """The first paragraph from the first sentence that says what happened: one that introduces it
    (…次のように報じた。) or names an actor and is no question (a column may open with
    またか、という感じですよね？); else from its start."""
    for index, sentence in enumerate(sentences[:EVENT_WITHIN_SENTENCES]):
        stripped = sentence.strip()
        if INTRODUCES.search(stripped) or (not _is_question(stripped) and any(name in stripped for name in names)):
            return sentences[index : index + 2]
    return sentences[:2]


def first_row_per_fact(rows: list[FigureRow]) -> list[FigureRow]:
    """The rows that other articles confirm or contradict, one per fact: an article that states a
    figure twice (or a pasted page that repeats it thousands of times) is checked, and its fact
    charted, once."""
    seen: set[int] = set()
    first = []
    for row in rows:
        if row.fact is not None and id(row.fact) not in seen:
            seen.add(id(row.fact))
            first.append(row)
    return first


def entities_with_pages(links: Links) -> dict[str, str]:
    """Entity name → slug, for entities in two or more articles (named, or the subject of a figure)."""
    return {page["name"]: entity_slug(page["name"]) for page in links.entities if len(page["articles"]) >= ENTITY_PAGE_MIN_ARTICLES}


def tag_slug(tag: str) -> str:
    return entity_slug(tag)
