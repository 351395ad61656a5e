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
from xai_digest.model import Entity, Figure, Record
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
    """For each section, each paragraph as segments, figure sentences marked with anchors.

    A sentence holding several figures gets the anchor of the first; the
    others link to the same place.
    """
    offset = 0
    starts = []
    paragraphs = record.paragraphs()
    for section in record.sections:
        for paragraph in section.paragraphs:
            starts.append(offset)
            offset += len(paragraph) + 2
    flat_index = 0
    marks_by_paragraph: dict[int, dict[int, tuple[int, int, str]]] = {}  # by sentence start
    for row in rows:
        position = row.figure.start
        paragraph_index = max(0, bisect.bisect_right(starts, position) - 1)  # the last paragraph starting at or before
        paragraph_start = starts[paragraph_index] if starts else 0
        paragraph = paragraphs[paragraph_index] if starts else ""
        local = position - paragraph_start
        sentence_start = paragraph.rfind(row.figure.sentence, 0, local + 1)
        if sentence_start < 0 or sentence_start + len(row.figure.sentence) < local:
            sentence_start, sentence_end = local, row.figure.end - paragraph_start
        else:
            sentence_end = sentence_start + len(row.figure.sentence)
        marks = marks_by_paragraph.setdefault(paragraph_index, {})
        existing = marks.get(sentence_start)
        if existing is not None:
            row.anchor = existing[2]
        else:
            marks[sentence_start] = (sentence_start, sentence_end, row.anchor)
    result = []
    for section in record.sections:
        rendered = []
        for paragraph in section.paragraphs:
            segments, cursor = [], 0
            for start, end, anchor in sorted(marks_by_paragraph.get(flat_index, {}).values()):
                if start < cursor:
                    continue
                if start > cursor:
                    segments.append(Segment(paragraph[cursor:start]))
                segments.append(Segment(paragraph[start:end], anchor))
                cursor = end
            if cursor < len(paragraph):
                segments.append(Segment(paragraph[cursor:]))
            rendered.append(segments)
            flat_index += 1
        result.append(rendered)
    return result


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


def _is_question(sentence: str) -> bool:
    return sentence.rstrip("」』）) ").endswith(("？", "?"))


def auto_analysis(record: Record, rows: list[FigureRow]) -> AutoAnalysis:
    """出来事 / 背景 / 展望, risks and opportunities: every line is a sentence of the article."""
    used: set[str] = set()
    analysis = AutoAnalysis()
    by_paragraph = [_sentences(paragraph) for paragraph in record.paragraphs()]
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
    analysis.figures = [row for row in rows if row.figure.subject][:5]
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
