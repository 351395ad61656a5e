"""The analysis of one parsed record: figures, entities, quotes, sources,
keywords and reading time.

``Analyzer`` holds what is loaded once per process (the fugashi tagger, the
entity gazetteer, the measure cues) and fills a record in place.  The body is
analysed in its NFKC view and every offset is mapped back to the text as
written, so pages can link a figure to its sentence.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from xai_digest.analyze.entities import (COMPANY_ENDINGS, SUBJECT_KINDS, Gazetteer, Mention, MentionIndex, common_word, defined_short_forms,
                                         find_unlisted, lower_case_words, with_short_forms)
from xai_digest.analyze.figures import RawFigure, find_figures, unit_of
from xai_digest.analyze.numbers import read_number
from xai_digest.analyze.interviews import Interview, with_full_names
from xai_digest.analyze.keywords import keywords
from xai_digest.analyze.quotes import MIN_QUOTE_CHARS, FoundQuote, find_quotes
from xai_digest.analyze.reading import reading_minutes
from xai_digest.analyze.sentences import INTRODUCES, split_sentences
from xai_digest.analyze.tables import (Row as TableRow, bare_numbers, cell_window, row_at, row_date, row_subject, table_rows,
                                       with_company_cells, with_compared_columns, without_headings)
from xai_digest.analyze.tokens import tokenize
from xai_digest.model import BODY_JOINER, Entity, Figure, Quote, Record, Report, Sentence, Source
from xai_digest.parse.dates import ERA_ASIDE, ERA_NAMES, ERA_YEAR, MONTH_NAME, MONTH_NUMBER, month_span, western_year
from xai_digest.parse.text import LANGUAGE_NAMES, LIST_ITEM, UNIT_NOTE, alternation, foreign_body, is_english
from xai_digest.read import nfkc_with_offsets
from xai_digest.yamlio import package_data

#: After 2025年: 7〜9月(期) (months first to last), 10月8日, 3月期 (the fiscal year ending in March, or its
#: 第2四半期 / 上半期 / 下半期 / 中間期), 第4四半期, 上半期, 後半 (2025年後半 → 2025-H2).
_MONTH_DAY_PART = (r"(?:\s?(?P<qs>1[0-2]|[1-9])\s?[〜~\-]\s?(?P<qe>1[0-2]|[1-9])\s?月期?"
                   r"|\s?(?P<m>\d{1,2})\s?月(?:\s?(?P<d>\d{1,2})\s?日"
                   r"|(?P<fy>期)(?!間)(?:\s?第\s?(?P<fq>[1-4])\s?四半期|\s?(?P<fh>上|下)半期|\s?(?P<mid>中間期))?)?"
                   r"|\s?第\s?(?P<q>[1-4])\s?四半期|\s?(?P<h>上|下|前|後)半(?:期)?)?")
_DATE = re.compile(rf"(?P<y>(?:19|20)\d{{2}})\s?年(?!代|間){ERA_ASIDE}{_MONTH_DAY_PART}")
#: 令和7年度: a pattern of its own, searched only where a sentence has an era's name (one alternation
#: at the start of _DATE made every sentence's search five times slower).
_ERA_DATE = re.compile(rf"{ERA_YEAR}\s?年(?!代|間){_MONTH_DAY_PART}")
#: 26年3月期, 25年4〜9月期, 27年度, 25年10月: a business story's year written short (20xx), only before
#: a month or 度 (創業25年, 10年間 are durations).  No look-behind for the digit before it: a pattern that
#: starts with its digits is searched several times faster (``_short_year_dates`` checks that digit).
_SHORT_YEAR_DATE = re.compile(rf"(?P<yy>[0-4]\d)\s?年(?=度|\s?(?:1[0-2]|[1-9])\s?[月〜~\-]){_MONTH_DAY_PART}")
#: In English: December 2024, March 3, 2025, 3 March 2025 (the shapes parse.dates reads in datelines),
#: Q3 2025, the third quarter of 2025, the first half of 2025, H2 2025, in 2025, FY2025, by the end of 2026
#: (a bare year only after in/since/by/during/until/throughout/early/late/mid-/fiscal/FY/end of: not $2,025 or 2025 GPUs).  Found from the
#: year back: a Japanese sentence writes 2025年, so the words before a bare year are seldom read at all.
_QUARTER_WORDS = {"first": "1", "second": "2", "third": "3", "fourth": "4"}
_BARE_YEAR = re.compile(r"(?<![\d,.$])(?:19|20)\d{2}(?![\d年]|[,.]\d|\s年)")
_BEFORE_YEAR = re.compile(
    rf"(?:(?:(?P<d2>\d{{1,2}})\s+)?(?P<mon>{MONTH_NAME})\s+(?:(?P<d>\d{{1,2}}),?\s+)?"
    rf"|(?:Q(?P<q>[1-4])|(?P<qw>first|second|third|fourth)\s+quarter\s+of)\s+(?:fiscal\s+)?"
    rf"|(?P<hw>first|second)\s+half\s+of\s+|(?<![A-Za-z])H(?P<hn>[12])\s+"
    rf"|(?<![A-Za-z])(?:(?:[Ii]n|[Ss]ince|[Bb]y|[Dd]uring|[Uu]ntil|[Tt]hrough(?:out)?|[Ee]arly|[Ll]ate)\s+|[Mm]id-"
    rf"|[Ff]iscal\s+(?:[Yy]ear\s+)?|(?<![A-Za-z])FY\s?|(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+))$"
)
_URL = re.compile(r"https?://[^\s<>「」『』()（）\[\]]+")
_TOPIC = re.compile(r"^(?:\s?(?:氏|さん|社長|会長|CEO|社))?\s?(?:は|が|では|も)|^\s?の[^、。はがの\s]{1,8}(?:は|が)")
_OF_ENTITY = re.compile(r"^\s?の\s?$|^\s(?:from|by)\s$")  # 月額300ドルのGrok, $2 billion from Nvidia
#: …億ドルの評価額が付けられたOpenAI: a short passive clause from the figure to the entity it describes
#: (not an active one: AがN億ドルを出資したB is A's money).
#: Zephyrix raised $5 million from Sequoia: the money is the raiser's, ``from`` names who gave it.
_RAISED_BEFORE = re.compile(r"(?<![A-Za-z])(?:raised|raises|raising|secured|secures|received|receives|closed|closes|landed|lands)"
                            r"\s(?:[a-z\-]+\s){0,3}$")
_PASSIVE_TO_ENTITY = re.compile(r"^\s?[のをで][^、。「」\s]{0,12}(?:られ|され)(?:た|る|ている)\s?$")
_SAME = re.compile(r"同社(?:は|が)|同氏(?:は|が)")
#: 4社の合計は, 両社は, 各社の投資額は, 業界全体では: a sentence about several companies together.
_GROUP_TOPIC = re.compile(r"(?:\d+社|[二三四五六七八九十]社|各社|両社|全社|業界全体)(?:の[^、。はが]{0,8})?(?:は|が|では)")
#: A pronoun stands for the last entity of these kinds named before it (彼らは: a company, mostly).
_PRONOUN = re.compile(r"(彼ら|彼女|彼)(?:は|が)")
_PRONOUN_KINDS = {"彼ら": ("organization", "agency"), "彼女": ("person",), "彼": ("person",)}
_ATTRIBUTION = re.compile(r"^(?:\s?氏)?\s?(?:によると|によれば|が報じ|の報道|の見積もり|の調べ|の推計|の統計)")
#: OpenAIとの契約, NVIDIAとの間で, 米OpenAIへの投資で, Microsoftから50億ドル: the other party of a deal,
#: the one money goes to or comes from, not whose figure it is.
_COUNTERPARTY = re.compile(r"^\s?(?:との|へ|から)")
_UNIT_SUBJECT_KINDS = {"基": ("facility",)}
#: How many characters after a figure its measure's cue is looked for, in Japanese and in English.
_CUE_AFTER, _CUE_AFTER_EN = 16, 32
#: A measure and the narrower ones a cue beside it may name (funding raised as debt or as equity).
_KINDS_OF = {"funding": ("debt", "equity")}
#: NVIDIAの最新GPUを1万基導入, NVIDIA製GPU 1万基, NVIDIA H200 1万基, NvidiaとAMDのGPU: the maker
#: of the machines counted, not who counts them.
_HARDWARE_UNITS = {"基", "台", "個", "枚"}
_MAKER_OF = re.compile(r"^\s?(?:と\s?[A-Za-z\u30a0-\u30ff]{1,12}\s?)?(?:製|の[^、。]{0,8}?(?:GPU|チップ|半導体|アクセラレータ|サーバ|H100|H200|B200|GB200)"
                       r"|(?:GPU|H100|H200|B200|GB200|Blackwell|Hopper))")
MAX_ANALYZED_CHARS = 300_000


@dataclass
class Analyzer:
    gazetteer: Gazetteer
    measures: dict[str, list[str]]
    problems: list[Report] = field(default_factory=list)
    measure_units: dict[str, list[str]] = field(default_factory=dict)  # measure → the units it can describe

    def __post_init__(self) -> None:
        self.cue_measures = {cue: measure for measure, cues in self.measures.items() for cue in cues}
        # an English cue written as a table's heading or a sentence's first word: Raised, Valuation
        self.cue_measures.update({cue.capitalize(): measure for cue, measure in list(self.cue_measures.items())
                                  if cue.isascii() and cue[:1].islower() and cue.capitalize() not in self.cue_measures})
        self.cue_pattern = re.compile(alternation(self.cue_measures))

    @classmethod
    def for_project(cls, content_dir: Path) -> "Analyzer":
        gazetteer = Gazetteer.load(content_dir / "entities.yaml")
        measures = package_data("measures.yaml")
        return cls(gazetteer=gazetteer, measures=measures["measures"], problems=list(gazetteer.problems),
                   measure_units=measures.get("units", {}))

    def analyze(self, record: Record) -> list[str]:
        """Fill the analysis fields of ``record`` in place.

        Bodies longer than MAX_ANALYZED_CHARS are analysed up to that point
        only (and say so): it bounds time and memory on a pasted book.
        """
        notes = []
        language = foreign_body(record.prose())
        if language is not None:  # MeCab would read hanzi as Japanese words (正在孟 as a name), 亿 as no number
            notes.append(f"本文が{LANGUAGE_NAMES[language]}で書かれているようです。数値・企業・人物は日本語と英語の記事からだけ読み取ります。"
                         "訳文を seeds に置いてください")
            record.reading_minutes = reading_minutes(record.body_text())
            return notes
        body = record.body_text()
        if len(body) > MAX_ANALYZED_CHARS:
            notes.append(f"記事が {len(body):,} 文字あります。数値と企業・人物は最初の {MAX_ANALYZED_CHARS:,} 文字から読み取りました")
            body = body[:MAX_ANALYZED_CHARS]
        norm, offsets = nfkc_with_offsets(body)
        tokens = tokenize(norm)
        rows = table_rows(record, offsets) if any(s.tables for s in record.sections) else []
        mentions = self._mentions(norm, tokens)
        if rows:  # a column's heading in a row (Raised：…) is no name; a company column's cells are
            mentions = with_company_cells(norm, rows, without_headings(rows, mentions))
            mentions = with_compared_columns(norm, rows, mentions, lambda words: self.cue_pattern.search(words) is not None)
        mentions.sort(key=lambda m: m.start)
        mentions = with_full_names(mentions, self.gazetteer.entries)
        short_forms = defined_short_forms(norm, mentions, self.gazetteer.entries)
        mentions = with_short_forms(mentions, short_forms, norm)
        sentences = split_sentences(norm)
        ends = [s.end for s in sentences]
        record.reading_minutes = reading_minutes(body)
        row_of = row_at(rows)
        interview = Interview.read(norm, mentions)
        published = _published_day(record.date)
        record.figures = self._figures(norm, offsets, body, sentences, ends, mentions, row_of, interview, published,
                                       _listed_under(record), rows)
        found = find_quotes(norm, mentions)
        record.quotes = [
            Quote(text=q.text, speaker=q.speaker, sentence=_sentence_at(sentences, ends, q.start).text)
            for q in sorted(found + _answers_as_quotes(interview, sentences, ends, found), key=lambda q: q.start)
        ]
        side_mentions = with_short_forms(self._side_mentions(record, {m.name for m in mentions}), short_forms)
        record.entities = _entities(mentions + side_mentions)
        record.sources = self._sources(record, norm, sentences, ends, mentions)
        record.keywords = keywords(tokens, [(m.start, m.end, m.name) for m in mentions])
        record.events = _events(norm, [s for s in sentences if row_of(s.start) is None], mentions, record.figures, published)
        return notes

    # --- entities -------------------------------------------------------------

    def _mentions(self, text: str, tokens) -> list[Mention]:
        known = self.gazetteer.find(text)
        return known + find_unlisted(text, tokens, known, self.gazetteer)

    def _side_mentions(self, record: Record, in_body: set[str]) -> list[Mention]:
        """Entities named outside the body: title, lead, key points, captions, original text, URLs.
        A name nobody listed counts in the title only when the body names it too: an English headline
        capitalises every word (Orbital Compute Raises $600 Million Series C to Expand GPU Cloud Capacity)."""
        texts = [record.title or "", record.lead or "", record.impact_analysis or "", record.editor_comment or ""]
        texts += [f"{k.heading}\n{k.body}" for k in record.key_points] + [c.text for c in record.captions]
        japanese = "\n".join(texts)
        norm, _ = nfkc_with_offsets(japanese)
        known = self.gazetteer.find(norm)
        title_end = len(unicodedata.normalize("NFKC", record.title or ""))
        unlisted = find_unlisted(norm, [], known, self.gazetteer)  # proper nouns: the body's tokens suffice
        body = record.body_text()
        body_words = lower_case_words(body)
        mentions = known + [m for m in unlisted if m.name in in_body or m.start >= title_end and not common_word(m.name, body_words)]
        others = "\n".join([record.original.text if record.original else "", *record.references])
        mentions += self.gazetteer.find(others)
        for url in _URL.findall(body) + record.references:
            mentions += self.gazetteer.find(_domain(url))
        return mentions

    # --- figures --------------------------------------------------------------

    def _figures(
        self, norm: str, offsets: list[int], body: str, sentences: list[Sentence], ends: list[int], mentions: list[Mention],
        row_of: Callable[[int], TableRow | None], interview: Interview, published: dt.date | None,
        listed_under: Callable[[int], str | None], rows: list[TableRow],
    ) -> list[Figure]:
        figures = []
        index_of = MentionIndex(mentions)
        topics = _topics_by_sentence(norm, sentences, index_of)
        article_topic = next((topic for topic in topics if topic is not None), None)
        kinds = {m.name: m.kind for m in mentions}
        previous: tuple[RawFigure, str | None] | None = None
        raws = list(find_figures(norm))
        if rows and (in_unit := _numbers_in_unit(norm, rows)):  # a table's bare numbers in the unit it gives them
            raws = sorted(raws + in_unit, key=lambda raw: raw.start)
        for raw in raws:
            index = min(bisect.bisect_right(ends, raw.start), len(sentences) - 1)
            sentence = sentences[index]
            start, end = offsets[raw.start], offsets[raw.end]
            row = row_of(raw.start)
            named = row_subject(row, raw.start, index_of.between) if row is not None else None
            if named is not None:
                subject = self._family(named.name)
            elif row is not None and any(m.kind in SUBJECT_KINDS for m in index_of.within(row.start, row.end)):
                subject = None  # a name in another cell of the row is that cell's, not this figure's
            else:  # a table with no names in its rows is about the article's subject (xAIの調達の推移), the
                # first topic its text sets — not the last sentence's before the table (道内では…さくらインターネットが)
                subject = self._subject(norm, raw, sentence, index_of, topics[index] if row is None else article_topic)
            measure = self._measure(norm, raw, sentence, row)
            if measure is None and (lead_in := listed_under(start)):
                measure = self._heading_measure(lead_in, raw.unit)  # 認定事業者と助成額 / ・さくらインターネット　最大501億円
            if measure is None and previous is not None and _parallel_clause(norm, previous[0], raw):
                measure = previous[1]  # OpenAIの評価額は5000億ドル、Anthropicは1830億ドル
            previous = (raw, measure)
            if measure == "subsidy" and kinds.get(subject) == "agency" and kinds.get(topics[index]) not in (None, "agency"):
                subject = topics[index]  # 経済産業省は同社の計画を補助金の対象とし…: the company's subsidy, not the ministry's
            figures.append(
                Figure(
                    text=body[start:end],
                    unit=raw.unit,
                    value=raw.value,
                    low=raw.low,
                    high=raw.high,
                    qualifier=raw.qualifier,
                    per=raw.per,
                    subject=interview.subject(raw.start, subject),
                    date=(row_date(row, raw.start, sentence_dates(norm, sentence)) if row
                          else _figure_date(norm, raw, sentences, index, published)),
                    measure=measure,
                    sentence=body[offsets[sentence.start] : offsets[sentence.end]],
                    start=start,
                    end=end,
                    also=raw.also,
                    change=raw.change,
                )
            )
        return figures

    def _subject(self, text: str, raw: RawFigure, sentence: Sentence, index: MentionIndex, carried: str | None) -> str | None:
        """The entity a figure is about: see docs in README ("How figures get a subject")."""
        preferred = _UNIT_SUBJECT_KINDS.get(raw.unit)
        if preferred:
            chosen = index.last_before(raw.start, preferred, since=sentence.start) or next(
                (m for m in index.between(sentence.start, sentence.end) if m.kind in preferred), None
            ) or index.last_before(raw.start, preferred)
            if chosen:
                return self._family(chosen.name)
        following = index.first_from(raw.end, SUBJECT_KINDS)
        between = text[raw.end : following.start] if following is not None else ""
        if (following is not None and (_OF_ENTITY.match(between) or _PASSIVE_TO_ENTITY.match(between))
                and not _maker_of_counted(text, following, raw) and not _RAISED_BEFORE.search(text, max(0, raw.start - 40), raw.start)):
            return self._family(following.name)  # 月額300ドルのGrok: the figure belongs to what follows
        quoted_from = _open_quote_before(text, sentence.start, raw.start)
        if quoted_from is not None and not _SAME.search(text, quoted_from, raw.start):
            # inside 「…」 the figure is the quoted words': who said them is the source, not the subject
            in_quote = [m for m in index.between(quoted_from, raw.start) if m.end <= raw.start and m.kind in SUBJECT_KINDS]
            return self._family(in_quote[-1].name) if in_quote else None
        in_sentence = [m for m in index.between(sentence.start, raw.start)
                       if m.end <= raw.start and m.kind in SUBJECT_KINDS and not _named_aside(text, m, raw)]
        marked = [m for m in in_sentence if _marked(text, m)]
        same = [s for s in _SAME.finditer(text, sentence.start, raw.start)]
        since = max([m.start for m in marked[-1:]] + [s.start() + 1 for s in same[-1:]], default=sentence.start)
        antecedent = _pronoun_antecedent(text, since, raw.start, index)
        if antecedent is not None:
            return self._family(antecedent.name)
        if same and (not marked or same[-1].start() > marked[-1].start):
            return carried
        if marked or in_sentence:  # the last name marked with は/が, else the nearest one
            return self._family(_first_coordinated(text, (marked or in_sentence)[-1], in_sentence).name)
        if _GROUP_TOPIC.search(text, sentence.start, raw.start):
            return None  # 4社の合計は3000億ドルを超え: the companies' together, not the last one named
        return carried

    def _family(self, name: str) -> str:
        entry = self.gazetteer.entries.get(name)
        return entry.family if entry and entry.family else name

    def _measure(self, text: str, raw: RawFigure, sentence: Sentence, row: TableRow | None = None) -> str | None:
        """The measure whose cue word sits nearest the figure (data/measures.yaml).  In a table row:
        its cell with the column's heading (調達額：200億ドル, not the next cell's 評価額), else the row's
        first cell, the heading of a row of a table whose columns are companies (売上高｜Nvidia：300億ドル)."""
        if raw.unit == "W":
            return "power"
        listed = _ENUMERATED.match(text, raw.end)  # the cue may follow the next amount listed after this one
        listed_end = listed.end() if listed else None
        # the words after a figure that may say what it is: more of them in English ($13 billion in annualized revenue)
        after = _CUE_AFTER_EN if text[raw.end : raw.end + 1].isascii() else _CUE_AFTER
        start, end = max(sentence.start, raw.start - 40), min(sentence.end, (listed_end or raw.end) + after)
        if row is None:
            return self._nearest_cue(text, raw, start, end, listed_end)
        cell_start, cell_end = cell_window(row, raw.start, raw.end)
        measure = self._nearest_cue(text, raw, max(start, cell_start), min(end, cell_end), listed_end)
        first = row.cells[0] if row.cells else None
        if measure is None and first is not None and first.end <= cell_start:
            measure = self._nearest_cue(text, raw, first.start, first.end, listed_end)
        return measure

    def _heading_measure(self, heading: str, unit: str) -> str | None:
        """What the amounts of a list measure, from its section's heading: the last cue in it (its head
        noun: 認定事業者と助成額) whose measure can describe ``unit``."""
        fitting = [self.cue_measures[m.group(0)] for m in self.cue_pattern.finditer(unicodedata.normalize("NFKC", heading))
                   if unit in self.measure_units.get(self.cue_measures[m.group(0)], (unit,))]
        return fitting[-1] if fitting else None

    def _nearest_cue(self, text: str, raw: RawFigure, start: int, end: int, listed_end: int | None) -> str | None:
        """The measure of the cue nearest the figure between ``start`` and ``end`` (``listed_end``: where the
        next amount listed after the figure ends, if one is)."""
        best: tuple[int, str] | None = None
        seen: set[str] = set()
        for match in self.cue_pattern.finditer(text, start, end):
            position, cue = match.start(), match.group(0)
            if raw.unit not in self.measure_units.get(self.cue_measures[cue], (raw.unit,)):
                continue  # GPU beside an amount of money: not what the amount measures
            if position < raw.start:
                if _measured_its_own_clause(text, position + len(cue), raw.start):
                    continue  # 投資総額は約500億円で、同社の計算能力は従来の3倍: the cue measured 約500億円
                # a cue after the figure (約125億ドルの構造化債務) binds tighter than one before it
                distance = 2 * max(raw.start - (position + len(cue)), 0) + 1
            elif _CLAUSE_END.search(text, raw.end, position) and not _shares_cue(text, listed_end, position):
                continue  # 調達額は200億ドル、評価額は…: the next clause's cue measures the next figure
            else:
                distance = max(position - raw.end, 0)
            seen.add(self.cue_measures[cue])
            if best is None or distance < best[0]:
                best = (distance, self.cue_measures[cue])
        if best is None:
            return None
        # 負債で120億ドルを調達: raised, and how — the one kind of funding the clause also names is the
        # measure (負債と株式で: both, so funding)
        kinds = [kind for kind in _KINDS_OF.get(best[1], ()) if kind in seen]
        return kinds[0] if len(kinds) == 1 else best[1]

    # --- sources --------------------------------------------------------------

    def _sources(
        self, record: Record, text: str, sentences: list[Sentence], ends: list[int], mentions: list[Mention]
    ) -> list[Source]:
        sources: list[Source] = []
        seen: set[tuple[str, str | None, str]] = set()

        def add(name: str, url: str | None, sentence: str) -> None:
            key = (name, url, sentence)
            if key not in seen:
                seen.add(key)
                sources.append(Source(name=name, url=url, sentence=sentence))

        for mention in mentions:
            is_outlet = mention.kind == "outlet"
            if is_outlet or _ATTRIBUTION.match(text[mention.end : mention.end + 10]):
                add(mention.name, None, _sentence_at(sentences, ends, mention.start).text)
        for caption in record.captions:
            outlets = [m for m in self.gazetteer.find(caption.text) if m.kind == "outlet"]
            if outlets:
                caption.source = outlets[0].name
                add(outlets[0].name, None, caption.text)
        for match in _URL.finditer(text):
            add(self._url_name(match.group(0)), match.group(0), _sentence_at(sentences, ends, match.start()).text)
        for reference in record.references:  # an address, or a source named in words (IDC「…」): no link
            url = reference if _URL.match(reference) else None
            add(self._url_name(reference) if url else reference, url, "参考リンク")
        return sources

    def _url_name(self, url: str) -> str:
        domain = _domain(url)
        found = self.gazetteer.find(domain)
        return found[0].name if found else domain


#: 、Anthropicは: the clause after a figure names another subject and gives its figure at once.
_NEXT_SUBJECTS_FIGURE = re.compile(r"\s?[、,]\s?[^、。,\s]{1,24}?(?:は|が|も)\s?$")


def _parallel_clause(text: str, earlier: RawFigure, raw: RawFigure) -> bool:
    """OpenAIの評価額は5000億ドル、Anthropicは1830億ドルとされる: a figure in the clause right after another
    figure of its unit, with only its subject between them, measures what the first one does."""
    return earlier.unit == raw.unit and earlier.end < raw.start and _NEXT_SUBJECTS_FIGURE.match(text, earlier.end, raw.start) is not None


def _numbers_in_unit(text: str, rows: list[TableRow]) -> list[RawFigure]:
    """Figures of a table's cells that are numbers alone, in the unit its note or column heading gives them
    (（単位：億円） / KDDI｜2025年度：1,000 is 1000億円)."""
    figures = []
    for cell, unit_word, negative in bare_numbers(text, rows):
        unit = unit_of(unit_word)
        number = read_number(text[cell.start : cell.end].lstrip("▲△-− "))
        if unit is not None and number is not None:
            value = number * unit[1] * (-1 if negative else 1)
            figures.append(RawFigure(cell.start, cell.end, unit[0], value=int(value) if float(value).is_integer() else value))
    return figures


def _listed_under(record: Record) -> Callable[[int], str | None]:
    """The words that introduce the list item or table row holding a body offset (None elsewhere): its
    section's heading, or for a table in a section without one, the paragraph before the table (a unit note
    passed over) — they say what the items' amounts are (国内データセンター各社の投資計画をまとめた。)."""
    spans: list[tuple[int, int, str]] = []
    position = 0
    for section in record.sections:
        table_lead_ins = {row: section.heading or _paragraph_before(section.paragraphs, table.first)
                          for table in section.tables for row in range(table.first, table.first + len(table.rows))}
        for number, paragraph in enumerate(section.paragraphs):
            if number in table_lead_ins:
                lead_in = table_lead_ins[number]
            else:  # a list item's, or no paragraph's
                lead_in = section.heading if LIST_ITEM.match(paragraph) else None
            if lead_in:
                spans.append((position, position + len(paragraph), lead_in))
            position += len(paragraph) + len(BODY_JOINER)
    starts = [start for start, _, _ in spans]

    def heading_at(offset: int) -> str | None:
        index = bisect.bisect_right(starts, offset) - 1
        return spans[index][2] if index >= 0 and offset < spans[index][1] else None
    return heading_at


def _paragraph_before(paragraphs: list[str], first: int) -> str | None:
    """The paragraph before a table whose first row is paragraph ``first`` (a unit note passed over)."""
    before = [p for p in paragraphs[max(0, first - 2) : first] if not UNIT_NOTE.fullmatch(p.strip())]
    return before[-1] if before else None


def _domain(url: str) -> str:
    match = re.match(r"https?://(?:www\.)?([^/:?#]+)", url)
    return match.group(1) if match else url


def _entities(mentions: list[Mention]) -> list[Entity]:
    """One entity per canonical name, in order of first mention, with its surface forms.

    A lone first name (Kirsten) that starts a person's full name in the same
    article is that person.
    """
    people = [m.name for m in mentions if m.kind == "person" and " " in m.name]
    by_name: dict[str, Entity] = {}
    for mention in mentions:
        if mention.kind == "other" and " " not in mention.name:
            full = next((p for p in people if p.split(" ")[0] == mention.name), None)
            if full is not None:
                mention = Mention(full, "person", mention.surface, mention.start, mention.end)
        entity = by_name.setdefault(mention.name, Entity(name=mention.name, kind=mention.kind))
        if mention.surface not in entity.mentions:
            entity.mentions.append(mention.surface)
    return list(by_name.values())


def _sentence_at(sentences: list[Sentence], ends: list[int], position: int) -> Sentence:
    """The sentence holding ``position``; ``ends`` are the sentences' end offsets (computed once)."""
    if not sentences:
        return Sentence("", 0, 0)
    return sentences[min(bisect.bisect_right(ends, position), len(sentences) - 1)]


def _maker_of_counted(text: str, mention: Mention, raw: RawFigure) -> bool:
    """Whether the name makes the machines the figure counts (NVIDIA製GPU 1万基, 2万基のNvidiaとAMDのGPU)."""
    return raw.unit in _HARDWARE_UNITS and _MAKER_OF.match(text[mention.end : mention.end + 16]) is not None


def _named_aside(text: str, mention: Mention, raw: RawFigure) -> bool:
    """A name before the figure that the sentence names on the side, not as whose figure it is:
    the source (○○氏によると), the other party (OpenAIとの契約, OpenAIへの投資), what the next company
    is known for (ChatGPTを手がける), shares sold (エヌビディア株を売却), what is bought for the amount
    (アンペアを65億ドルで買収), an English name after a
    preposition (backed by Silver Lake), the maker of the machines counted (NVIDIA製GPU 1万基) or a name in
    brackets (（代表取締役社長：田中花子）)."""
    after = text[mention.end : mention.end + 16]
    return bool(_ATTRIBUTION.match(after) or _COUNTERPARTY.match(after) or _DESCRIBES_MAKER.match(after)
                or _OBJECT_OF.match(after) or _BOUGHT.match(text, mention.end, raw.end + 12)
                or _EN_NAMED_AFTER.search(text, max(0, mention.start - 6), mention.start) or _maker_of_counted(text, mention, raw)
                or _in_closed_brackets(text, mention.end, raw.start) and not _short_form_as_topic(text, mention))


def _short_form_as_topic(text: str, mention: Mention) -> bool:
    """米電力研究所（EPRI）は: a name alone in brackets, right before は/が, after a body's name, is the
    short form of that name, which is the sentence's topic (not a measure's: 受注残高（RPO）が, nor a
    title's: 最高財務責任者（CFO）は)."""
    return (text[mention.start - 1 : mention.start] == "(" and text[mention.end : mention.end + 1] == ")"
            and _TOPIC.match(text[mention.end + 1 : mention.end + 9]) is not None
            and _BODY_NAME_END.search(text, max(0, mention.start - 6), mention.start - 1) is not None)


#: How the name of an institution or a company ends (米電力研究所, 国際エネルギー機関, ソフトバンクグループ).
_BODY_NAME_END = re.compile(rf"(?:研究所|研究機構|庁|省|委員会|機構|機関|協会|センター|大学|財団|連盟|連合|公社|基金|協議会"
                            rf"|{alternation(COMPANY_ENDINGS)})$")


def _marked(text: str, mention: Mention) -> bool:
    """Whether ``mention`` is marked as its sentence's topic: with は/が, or as the short form in brackets
    of a name before it (米電力研究所（EPRI）は)."""
    return _is_topic(text, mention.end) or _short_form_as_topic(text, mention)


#: Vantage, which is backed by DigitalBridge and Silver Lake, said …; loans from JPMorgan; a deal with
#: OpenAI: an English name after a preposition or a second name after and is named on the side.
_EN_NAMED_AFTER = re.compile(r"(?<![A-Za-z])(?:by|from|with|to|for|of|and)\s$")
#: 「ChatGPT」を手がける米OpenAI: a product that describes the company named next, not a subject of its own.
_DESCRIBES_MAKER = re.compile(r"^[」』]?\s?を(?:手がける|手掛ける|開発する|運営する|提供する)")
#: エヌビディア株を売却し58億ドルを得た, OpenAI関連の評価益: the shares sold or what a gain is from, not
#: whose figure it is (エヌビディア株は5%上昇 is Nvidia's).
_OBJECT_OF = re.compile(r"^\s?(?:株式?を|関連の)")
#: アンペア・コンピューティングを65億ドルで買収: what is bought or sold for the amount is no owner of it (the
#: buyer, the sentence's topic, is); not OpenAIを5000億ドルと評価 (OpenAI's valuation).
_BOUGHT = re.compile(r"\s?を[^、。]{0,24}?(?:で|にて)\s?(?:買収|取得|購入|買い取|売却)")


#: xAIとソーシャルネットワークXの…, OpenAIとMicrosoftは: と joining two names, with at most a short
#: description of the second between them (not との, and no particle that starts a clause).
_COORDINATED = re.compile(r"\s?と(?!の)[^、。はがをにでと「」（）()]{0,15}")


def _first_coordinated(text: str, chosen: Mention, candidates: list[Mention]) -> Mention:
    """The first of two names joined by と (xAIとXの評価額 is about both; the first is named as the
    subject, as a reader would file it), else the chosen name itself."""
    earlier = [m for m in candidates if m.end <= chosen.start]
    if earlier and _COORDINATED.fullmatch(text, earlier[-1].end, chosen.start):
        return earlier[-1]
    return chosen


#: （本社：東京都港区、代表取締役：佐藤花子）: an aside right after a name, skipped to find its は/が.
_ASIDE = re.compile(r"\s?[（(][^（）()]{0,100}[）)]")


def _is_topic(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is marked with は/が (after an aside in brackets, if any):
    株式会社サンプルAI（本社：東京都港区…）は."""
    aside = _ASIDE.match(text, end)
    position = aside.end() if aside else end
    return _TOPIC.match(text[position : position + 8]) is not None


def _in_closed_brackets(text: str, start: int, end: int) -> bool:
    """Whether a name ending at ``start`` stands in brackets that close before ``end``: an aside
    (株式会社サクラAI（代表取締役社長：田中花子）は…1万基) is not what the sentence is about."""
    between = text[start:end]
    return between.count("）") + between.count(")") > between.count("（") + between.count("(")


def _pronoun_antecedent(text: str, start: int, end: int, index: MentionIndex) -> Mention | None:
    """What the last pronoun (彼らは, 彼は) in ``text[start:end]`` stands for: the last entity of its kind before it."""
    pronoun = None
    for pronoun in _PRONOUN.finditer(text, start, end):
        pass
    return index.last_before(pronoun.start(), _PRONOUN_KINDS[pronoun.group(1)]) if pronoun is not None else None


def _open_quote_before(text: str, start: int, position: int) -> int | None:
    """Where the 「…」 holding ``position`` opens, if it opens in ``text[start:position]``."""
    opening = text.rfind("「", start, position)
    if opening < 0 or text.find("」", opening, position) >= 0:
        return None
    return opening + 1


#: Where a clause ends: a cue beyond it measures something else.
_CLAUSE_END = re.compile(r"[、，,;；]")
#: Microsoftから最大50億ドル、Nvidiaから最大100億ドルの出資: amounts listed before the one cue they share
#: (no は/が/を between them: not 調達額は200億ドル、評価額は…).
_ENUMERATED = re.compile(r"[、,]\s?[^、。,はがを]{0,16}?\d[\d,.]*\s?[万億兆]*")


def _measured_its_own_clause(text: str, cue_end: int, figure_start: int) -> bool:
    """Whether a cue before a figure measured an amount of its own clause, and the figure's clause has a
    topic of its own (投資総額は約500億円で、同社の計算能力は従来の3倍) — not 売上高は100億円、前年比20%増,
    whose rise is the revenue's, nor 投資額について、同社は約500億円."""
    clause_end = _CLAUSE_END.search(text, cue_end, figure_start)
    if clause_end is None or not re.search(r"\d", text[cue_end : clause_end.start()]):
        return False
    last_clause = max(m.end() for m in _CLAUSE_END.finditer(text, clause_end.start(), figure_start))
    return _TOPIC_MARK.search(text, last_clause, figure_start) is not None


_TOPIC_MARK = re.compile(r"[はが]")


def _shares_cue(text: str, listed_end: int | None, position: int) -> bool:
    """Whether the cue at ``position`` follows, in the same clause, the next amount listed after a figure,
    which ends at ``listed_end`` (…50億ドル、Nvidiaから最大100億ドルの出資): it measures both."""
    return (listed_end is not None and 0 <= position - listed_end <= 8
            and not _CLAUSE_END.search(text, listed_end, position))


def _answers_as_quotes(interview: Interview, sentences: list[Sentence], ends: list[int],
                       quoted: list[FoundQuote]) -> list[FoundQuote]:
    """An interview's answers as what their speakers said: each answer's first sentence (the 発言 list
    was empty for a page that is all one person's words), unless a 「…」 quote is already there."""
    said = []
    for answer in interview.answers:
        sentence = _sentence_at(sentences, ends, answer.start)
        start, end = max(sentence.start, answer.start), min(sentence.end, answer.end)
        if any(q.start < end and start < q.end for q in quoted):
            continue
        words = sentence.text[start - sentence.start : end - sentence.start].strip().rstrip("。")
        if len(words) >= MIN_QUOTE_CHARS:
            said.append(FoundQuote(words, start, end, answer.speaker))
    return said


def _topics_by_sentence(text: str, sentences: list[Sentence], index: MentionIndex) -> list[str | None]:
    """The topic carried into each sentence: the last は/が-marked organisation or person before it
    (of two joined by と, the first: 東急不動産と国内通信大手のフォーシーズネット（4SN）は)."""
    topics: list[str | None] = []
    topic: str | None = None
    for sentence in sentences:
        topics.append(topic)
        named = [m for m in index.between(sentence.start, sentence.end) if m.kind in SUBJECT_KINDS]
        marked = [m for m in named if _marked(text, m)]
        organisations = [m for m in marked if m.kind != "person"]
        if organisations:
            topic = _first_coordinated(text, organisations[0], named).name
        elif marked and topic is None:
            topic = marked[0].name
        elif not marked and is_english(sentence.text):
            # English has no は/が: the first company a sentence names is what it is about
            companies = [m for m in named if m.kind != "person"]
            topic = companies[0].name if companies else topic
    return topics


def _events(text: str, sentences: list[Sentence], mentions: list[Mention], figures: list[Figure],
            published: dt.date | None = None) -> list[dict]:
    """Dated events: each sentence that states a date and names an entity or holds a figure (a table's
    rows are no sentences: the caller leaves them out).  With the day the article was ``published``, a
    day named without its year dates the sentence too (18日、…発表した; 11月18日に), as news writes it."""
    index = MentionIndex([m for m in mentions if m.kind != "outlet"])
    subjects_by_sentence: dict[str, list[str]] = {}  # a sentence with figures → whose figures they are
    for figure in figures:
        subjects = subjects_by_sentence.setdefault(unicodedata.normalize("NFKC", figure.sentence), [])
        if figure.subject is not None and figure.subject not in subjects:
            subjects.append(figure.subject)
    events: list[dict] = []
    item_event: dict | None = None  # the event of a list item that opens with its date (・2025年3月　…)
    for position, sentence in enumerate(sentences):
        dates = _dates_of(text, sentence, published)
        if published is not None:  # a day without its year, read against the publication
            dates = sorted(dates + _days_named(text, sentence, published))
        names = [m.name for m in index.between(sentence.start, sentence.end)]
        continues_item = not dates and item_event is not None and _item_opening(text, sentences, position) is not None
        if LIST_ITEM.match(sentence.text) or continues_item:  # and a list item's figures' subject
            names += subjects_by_sentence.get(sentence.text, [])  # (・2024年5月　シリーズBで60億ドルを調達: xAI's)
        names = list(dict.fromkeys(names))
        if continues_item and item_event is not None:
            item_event["text"] += sentence.text  # the item's next sentence: 統合後の評価額は1130億ドル
            item_event["entities"] += [name for name in names if name not in item_event["entities"]]
            continue
        item_event = None
        if not dates:
            continue
        if not names and sentence.text not in subjects_by_sentence:
            continue
        dated_item = len(dates) == 1 and _opens_item_with_date(sentence, dates)
        # not its list bullet, nor a dated item's date, which the timeline shows beside it (・2025年3月　Xと統合)
        shown = _after_opening_date(text, sentence, dates[0][0]) if dated_item else LIST_ITEM.sub("", sentence.text)
        for date in dict.fromkeys(iso for _, iso in dates):
            events.append({"date": date, "text": shown, "entities": names})
        if dated_item:
            item_event = events[-1]
    return events


def _after_opening_date(text: str, sentence: Sentence, date_at: int) -> str:
    """A dated list item's sentence without its bullet and the date it opens with."""
    date = _DATE.match(text, date_at) or _ERA_DATE.match(text, date_at) or _SHORT_YEAR_DATE.match(text, date_at)
    rest = text[date.end() : sentence.end].lstrip(" 　:：、,-–—") if date is not None else ""
    return rest or LIST_ITEM.sub("", sentence.text)


#: 11月18日, 18日、 18日に発表: a day without its year (a month's day without its month), as a news story
#: dates what it reports; not a count of days (30日以内, 3日間, 10日後, 5日連続, 17〜21日の週).
_DAY_OF_NEWS = re.compile(r"(?<![\d年月〜~\-.])(?:(?P<m>1[0-2]|[1-9])\s?月\s?)?(?P<d>3[01]|[12]\d|[1-9])\s?日"
                          r"(?=[、,]|に(?!わた)|の|は|まで|から|付|夜|朝|未明|午前|午後|(?:に)?(?:発表|公表|開催|開始|発売))")
#: How far after the day it was published an article may name a day of its month (…25日に発表する予定).
_DAYS_AHEAD = 7


def _published_day(date: str | None) -> dt.date | None:
    """The day an article was published (2025-11-18T19:30:00 → 2025-11-18), if its date gives one."""
    try:
        return dt.date.fromisoformat(date[:10]) if date and len(date) >= 10 else None
    except ValueError:
        return None


def _days_named(text: str, sentence: Sentence, published: dt.date) -> list[tuple[int, str]]:
    """(offset, ISO date) of each day a sentence names without a year, read against the day the article
    was published: a day of the month up to a week ahead is this month's, a later one last month's;
    a month more than half a year ahead is last year's (and one as far behind, next year's)."""
    days: list[tuple[int, str]] = []
    if text.find("日", sentence.start, sentence.end) < 0:  # most sentences: a search for the pattern cost ~5 times more
        return days
    for match in _DAY_OF_NEWS.finditer(text, sentence.start, sentence.end):
        day = int(match["d"])
        if match["m"]:
            month, year = int(match["m"]), published.year
            if month - published.month > 6:
                year -= 1
            elif published.month - month > 6:
                year += 1
        elif day <= published.day + _DAYS_AHEAD:
            year, month = published.year, published.month
        else:
            year, month = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
        try:
            days.append((match.start(), dt.date(year, month, day).isoformat()))
        except ValueError:  # 31日 of a 30-day month
            continue
    return days


#: Nvidiaの8〜10月期: a results quarter named without its year.
_YEARLESS_QUARTER = re.compile(r"(?P<qs>1[0-2]|[1-9])\s?[〜~\-]\s?(?P<qe>1[0-2]|[1-9])\s?月期")


def _dates_of(text: str, sentence: Sentence, published: dt.date | None) -> list[tuple[int, str]]:
    """The dates a sentence states (also by a year named from the article's: 今年10月, 来年3月), else the
    results period it names without a year (8〜10月期)."""
    stated = sentence_dates(text, sentence)
    if published is not None and (relative := _relative_year_dates(text, sentence, published)):
        stated = sorted(stated + relative)
    return stated or _yearless_quarters(text, sentence, published)


#: 今年10月, 来年3月末, 昨年12月1日, 今年度, 来年: a year named from the one the article is written in.
#: (not 翌年, the year after the one the sentence is about)
_RELATIVE_YEAR = re.compile(r"(?P<rel>[今来昨去本])年(?P<fy>度)?(?!間|代|比)(?:\s?(?P<m>1[0-2]|[1-9])\s?月(?:\s?(?P<d>3[01]|[12]\d|[1-9])\s?日)?"
                            r"|\s?(?P<h>上|下|前|後)半(?:期)?)?")
_YEARS_FROM_NOW = {"今": 0, "本": 0, "来": 1, "昨": -1, "去": -1}


def _relative_year_dates(text: str, sentence: Sentence, published: dt.date) -> list[tuple[int, str]]:
    """(offset, ISO date) of each date a sentence names by a year relative to the article's date (今年10月 →
    2025-10, 今年上半期 → 2025-H1; 今年度 → the fiscal year from April the article falls in)."""
    dates = []
    for match in _RELATIVE_YEAR.finditer(text, sentence.start, sentence.end):
        year = published.year + _YEARS_FROM_NOW[match["rel"]]
        if match["fy"]:
            dates.append((match.start(), str(year if published.month >= 4 else year - 1)))
        elif match["h"]:
            dates.append((match.start(), f"{year}-{_half(match['h'])}"))
        elif match["m"] is None:
            dates.append((match.start(), str(year)))
        elif match["d"] is None:
            dates.append((match.start(), f"{year}-{int(match['m']):02d}"))
        else:
            try:
                dates.append((match.start(), dt.date(year, int(match["m"]), int(match["d"])).isoformat()))
            except ValueError:
                continue
    return dates


def _yearless_quarters(text: str, sentence: Sentence, published: dt.date | None) -> list[tuple[int, str]]:
    """(offset, ISO interval) of each results period a sentence names without its year (8〜10月期), read
    as the latest one begun by the day the article was published: two quarters' revenue were both
    undated, so one fact that differed."""
    if published is None or text.find("月期", sentence.start, sentence.end) < 0:
        return []
    periods = []
    for match in _YEARLESS_QUARTER.finditer(text, sentence.start, sentence.end):
        if match.start() and text[match.start() - 1] in "0123456789年":
            continue  # 2025年8〜10月期 states its year
        first = int(match["qs"])
        periods.append((match.start(), month_span(published.year - (first > published.month), first, int(match["qe"]))))
    return periods


def _iso(match: re.Match[str]) -> str:
    year = str(western_year(match))
    if match["qs"]:  # 2025年7〜9月期 → 2025-Q3; Nvidia's 8〜10月期 → 2025-08/2025-10
        return month_span(int(year), int(match["qs"]), int(match["qe"]))
    if match["m"]:
        month = int(match["m"])
        if not 1 <= month <= 12:
            return year
        if match["fy"]:
            return _fiscal_period(int(year), month, match)
        if match["d"] and 1 <= int(match["d"]) <= 31:
            return f"{year}-{month:02d}-{int(match['d']):02d}"
        return f"{year}-{month:02d}"
    if match["q"]:
        return f"{year}-Q{match['q']}"
    if match["h"]:
        return f"{year}-{_half(match['h'])}"  # 上半期, 前半 (2025年前半)
    return year


def _half(word: str) -> str:
    """H1 for 上 / 前 (上半期, 前半), H2 for 下 / 後."""
    return "H1" if word in "上前" else "H2"


def _fiscal_period(year: int, last_month: int, match: re.Match[str]) -> str:
    """2026年3月期 is the year from April 2025 to March 2026 (not March 2026); 2026年3月期第2四半期 its
    second quarter (2025-Q3), 上半期 / 中間期 its first six months."""
    first, length = 0, 12  # months after the fiscal year's first
    if match["fq"]:
        first, length = 3 * (int(match["fq"]) - 1), 3
    elif match["fh"] or match["mid"]:
        first, length = (6 if match["fh"] == "下" else 0), 6
    start = year * 12 + last_month - 12 + first  # months since year 0, January = 0
    return month_span(start // 12, start % 12 + 1, (start + length - 1) % 12 + 1)


def _short_year_dates(text: str, sentence: Sentence) -> list[tuple[int, str]]:
    """(offset, ISO prefix) of each date with its year written short (26年3月期); not the end of 2026年."""
    return [(m.start(), _iso(m)) for m in _SHORT_YEAR_DATE.finditer(text, sentence.start, sentence.end)
            if not m.start() or text[m.start() - 1] not in "0123456789.,"]


def _english_dates(text: str, sentence: Sentence) -> list[tuple[int, str]]:
    """(offset, ISO prefix) of each English date in a sentence, read back from its year."""
    dates = []
    for year in _BARE_YEAR.finditer(text, sentence.start, sentence.end):
        before = _BEFORE_YEAR.search(text, max(sentence.start, year.start() - 32), year.start())
        if before is None or before["mon"] and before["mon"].islower():  # "may 2025" is no month: English writes May
            continue
        y = year.group()
        if before["mon"]:
            month = MONTH_NUMBER[before["mon"].rstrip(".").lower()[:3]]
            day = int(before["d"] or before["d2"] or 0)
            iso = f"{y}-{month:02d}" + (f"-{day:02d}" if 1 <= day <= 31 else "")
        elif before["q"] or before["qw"]:
            iso = f"{y}-Q{before['q'] or _QUARTER_WORDS[before['qw'].lower()]}"
        elif before["hw"]:
            iso = f"{y}-H{1 if before['hw'].lower() == 'first' else 2}"
        elif before["hn"]:
            iso = f"{y}-H{before['hn']}"
        else:
            iso = y
        dates.append((before.start(), iso))
    return dates


def sentence_dates(text: str, sentence: Sentence) -> list[tuple[int, str]]:
    """(offset, ISO prefix) of each date stated in a sentence: 2025年10月 → 2025-10, 26年3月期 → 2025-04/2026-03,
    December 2024 → 2024-12."""
    dates = [(m.start(), _iso(m)) for m in _DATE.finditer(text, sentence.start, sentence.end)]
    short = _short_year_dates(text, sentence)
    if short:
        dates = sorted(dates + short)
    if any(text.find(era, sentence.start, sentence.end) >= 0 for era in ERA_NAMES):
        dates = sorted(dates + [(m.start(), _iso(m)) for m in _ERA_DATE.finditer(text, sentence.start, sentence.end)])
    english = _english_dates(text, sentence)
    return sorted(dates + english) if english else dates


def _figure_date(text: str, raw: RawFigure, sentences: list[Sentence], index: int, published: dt.date | None) -> str | None:
    dates = _dates_of(text, sentences[index], published)
    before = [iso for position, iso in dates if position < raw.start]
    if before:
        return before[-1]
    if dates:
        return dates[0][1]
    if index > 0 and INTRODUCES.search(sentences[index - 1].text):
        previous = sentence_dates(text, sentences[index - 1])
        if previous:
            return previous[-1][1]
    return _item_date(text, sentences, index)


#: How many sentences back a list item's opening sentence is looked for.
_ITEM_SENTENCES = 4


def _item_opening(text: str, sentences: list[Sentence], index: int) -> int | None:
    """The index of the sentence that opens the list item sentence ``index`` goes on (the same line,
    after a bullet), if it does."""
    first = index
    while first > 0 and index - first < _ITEM_SENTENCES and "\n" not in text[sentences[first - 1].end : sentences[first].start]:
        first -= 1
    if first == index or LIST_ITEM.match(sentences[first].text) is None:
        return None
    return first


def _item_date(text: str, sentences: list[Sentence], index: int) -> str | None:
    """・2025年3月　X（旧Twitter）と統合。統合後の評価額は1130億ドル: a list item that opens with its date
    dates the sentences after its first."""
    first = _item_opening(text, sentences, index)
    if first is None:
        return None
    opening = sentences[first]
    dates = sentence_dates(text, opening)
    return dates[0][1] if _opens_item_with_date(opening, dates) else None


def _opens_item_with_date(sentence: Sentence, dates: list[tuple[int, str]]) -> bool:
    """Whether ``sentence`` is a list item whose first words are the first of its ``dates`` (・2025年3月　…)."""
    bullet = LIST_ITEM.match(sentence.text)
    return bullet is not None and bool(dates) and dates[0][0] - sentence.start <= bullet.end()


__all__ = ["Analyzer", "sentence_dates"]
