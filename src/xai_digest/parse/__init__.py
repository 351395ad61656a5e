"""Stage 2 — parse: text to a Record with the document fields filled in.

``parse_text`` runs the rule chain of ``rules.RULES`` over a ParseState and
then assembles the record: sections, captions, lead, derived title, site and
truncation.  Analysis fields (figures, entities, …) are left empty for the
analyze stage.
"""

from __future__ import annotations

import hashlib
import re

from xai_digest.model import Caption, Record, Report, Section, Table
from xai_digest.parse.reading_rules import ReadingRules, load_rules
from xai_digest.parse.rules import DERIVED_TITLE_MAX_CHARS, RULES
from xai_digest.parse.state import Line, ParseState, TableRow
from xai_digest.parse.text import LIST_ITEM, ends_sentence

__all__ = ["parse_text", "load_rules", "ReadingRules"]

_FIRST_SENTENCE = re.compile(r".+?[。！？!?](?=\s|[^」』）)]|$)")


def parse_text(text: str, source_file: str, rules: ReadingRules) -> tuple[Record, list[Report]]:
    """Parse one seed's text; return its record and the problems found."""
    lines = [Line(number=i, text=t) for i, t in enumerate(text.split("\n"), start=1)]
    state = ParseState(source_file=source_file, rules=rules, lines=lines)
    for rule in RULES:
        rule(state)
    return build_record(state), state.reports


def build_record(state: ParseState) -> Record:
    """Assemble the parsed pieces into a Record."""
    sections = _sections(state)
    fields = state.fields
    record = Record(
        id=hashlib.sha1(state.source_file.encode("utf-8")).hexdigest()[:12],
        source_file=state.source_file,
        format=_format(state, sections),
        title=fields.get("title"),
        lead=fields.get("lead"),
        date=fields.get("date"),
        date_relative=fields.get("date_relative"),
        site=_site(state),
        author=fields.get("author"),
        category=fields.get("category"),
        tags=list(fields.get("tags", [])),
        key_points=state.key_points,
        impact_analysis=fields.get("impact_analysis"),
        editor_comment=fields.get("editor_comment"),
        sections=sections,
        captions=state.captions,
        original=state.original,
        references=state.references,
        chrome_removed=state.chrome_removed,
        slug=str(fields.get("slug") or ""),
    )
    paragraphs = record.prose()  # a table's rows are no lead, and an article may end with a table
    if not record.lead and paragraphs:
        record.lead = _ANSWER_LABEL.sub("", next((p for p in paragraphs if not _QUESTION.search(p)), paragraphs[0]))
    if not record.title:
        record.title, record.title_derived = derive_title(record, sections), True
        if record.title:
            state.warn("見出しの行がありません。リードから見出しを作りました")
    if state.cut_at is not None:
        record.truncated = True
        state.warn("ここから先は会員向けで、ページに続きがありません。本文はその手前までです", state.cut_at)
    elif paragraphs and _ends_mid_sentence(paragraphs[-1]):
        record.truncated = True
        state.warn("本文が文の途中で終わっています。記事が途中で切れているようです")
    if not record.paragraphs() and not record.key_points:
        state.warn("ページの飾りを取り除くと本文が残りません")
    return record


def _ends_mid_sentence(paragraph: str) -> bool:
    """The body's last paragraph stops where a sentence cannot (…不可欠な要素): a sign the page was cut
    off.  Not a short line, a list's item (・純利益：2兆9240億円) or a label and its value: an article
    may end with a box of its main figures or a contact line, which no 。 ends."""
    return (len(paragraph) > 20 and not ends_sentence(paragraph) and LIST_ITEM.match(paragraph) is None
            and _LABELLED_VALUE.match(paragraph) is None)


#: 売上収益：3兆7367億円（7％増）, 問い合わせ先: 広報部: a short label, a colon and what it labels.
_LABELLED_VALUE = re.compile(r"^[^。、：:]{1,20}[：:]\s*\S")


def _sections(state: ParseState) -> list[Section]:
    sections: list[Section] = []
    current = Section(heading=None)
    previous_row: TableRow | None = None
    for unit in state.units:
        if unit.kind == "heading":
            if current.heading is not None or current.paragraphs:
                sections.append(current)
            current = Section(heading=unit.text)
        elif unit.kind == "caption":
            state.captions.append(Caption(text=unit.text))
        else:
            if unit.row is not None:
                _add_row(current, unit.row, continues=previous_row is not None and previous_row.table == unit.row.table)
            current.paragraphs.append(unit.text)
        previous_row = unit.row
    if current.heading is not None or current.paragraphs:
        sections.append(current)
    return sections


def _add_row(section: Section, row: TableRow, continues: bool) -> None:
    """The row (about to be the section's next paragraph) in the section's last table when it
    ``continues`` the unit before it, else in a new one."""
    if not continues or not section.tables:
        section.tables.append(Table(first=len(section.paragraphs), header=list(row.header), rows=[]))
    section.tables[-1].rows.append(list(row.cells))


#: Q. xAIはいくら調達したのか？: a question (a Q&A page's, an interview's ――…？) is no lead; its answer is.
_QUESTION = re.compile(r"[?？]\s*$|^\s*(?:Q[.．:：]|――)")
#: A. 関係者によると…: the answer's label is no part of the lead.
_ANSWER_LABEL = re.compile(r"^\s*A[.．:：]\s*")


def derive_title(record: Record, sections: list[Section]) -> str | None:
    """A title for an article without one: the lead's first sentence, else the first heading."""
    source = record.lead or ""
    match = _FIRST_SENTENCE.match(source)
    sentence = (match.group(0) if match else source).strip().rstrip("。")
    if not sentence:
        sentence = next((s.heading for s in sections if s.heading), "") or ""
    if len(sentence) > DERIVED_TITLE_MAX_CHARS:
        sentence = sentence[: DERIVED_TITLE_MAX_CHARS - 1].rstrip("、, ") + "…"
    return sentence or None


def _site(state: ParseState) -> str | None:
    if state.fields.get("site"):
        return str(state.fields["site"])
    if state.site_hints:
        return state.site_hints[0]
    author = str(state.fields.get("author") or "")
    suffix = state.rules.site_from_author_suffix
    if author.endswith(suffix) and len(author) > len(suffix):
        return author[: -len(suffix)].strip()
    return state.site_fallbacks[0] if state.site_fallbacks else None


def _format(state: ParseState, sections: list[Section]) -> str:
    if state.format != "plain":
        return state.format
    if state.chrome_removed or state.fields.get("date_relative") or state.captions:
        return "web"
    if any(s.heading for s in sections) and any(u.text.startswith("#") for u in state.units):
        return "markdown"
    return "plain"
