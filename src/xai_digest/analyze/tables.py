"""Table rows in the analysed text: whose a row's figures are, which words measure them, their dates.

A table's rows are paragraphs of the record written ``名前｜見出し：値｜…`` (``model.table_row_text``);
the analyzer reads them as sentences, but a row is no sentence: a figure belongs to the row's name
(its first cell, or the cell under a 企業 column), is measured by its own column's heading (調達額,
評価額 — not the next cell's), and is dated only by its own cell, the first one or a date column
(発表日; not 稼働予定, which dates another fact).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from xai_digest.analyze.entities import SUBJECT_KINDS, Mention
from xai_digest.analyze.spans import Uncovered, span_holding
from xai_digest.model import BODY_JOINER, ROW_SEPARATOR, Record, table_row_text
from xai_digest.parse.text import UNIT_NOTE

#: Column headings whose cells name organisations (a company nobody listed is still one there).
ORGANISATION_HEADINGS = frozenset({"企業", "企業名", "会社", "会社名", "社名", "組織", "銘柄", "発行体", "company", "Company"})
#: Column headings whose dates date the whole row (not 稼働予定: another fact's date).
DATE_HEADINGS = frozenset({"日付", "年月日", "年月", "日時", "時期", "発表日", "発表時期", "date", "Date"})


@dataclass(frozen=True)
class Cell:
    """A non-empty cell's text (``start``–``end``), and where its part of the row begins (``label``: its
    column's heading written before it, 調達額：, or the text itself when none is)."""

    label: int
    start: int
    end: int
    heading: str

    @property
    def unit(self) -> str | None:
        """The unit its column's heading gives its numbers (売上高（億円）), if it gives one."""
        found = _HEADING_UNIT.search(self.heading)
        return found.group(1) if found else None


@dataclass(frozen=True)
class Row:
    """A table row's span in the analysed text and its non-empty cells (first cell first), and the unit a
    note beside its table gives the table's bare numbers (（単位：億円））."""

    start: int
    end: int
    cells: tuple[Cell, ...]
    unit: str | None = None

    def cell_at(self, position: int) -> Cell | None:
        return next((c for c in self.cells if c.start <= position < c.end), None)


#: 売上高（億円）: a column's heading that says its numbers' unit.
_HEADING_UNIT = re.compile(r"[（(]([^（）()\d]{1,8})[）)]$")


def row_at(rows: list[Row]) -> Callable[[int], Row | None]:
    """The row (if any) that a position of the analysed text is in."""
    holding = span_holding([(row.start, row.end) for row in rows])

    def at(position: int) -> Row | None:
        index = holding(position, position + 1)
        return None if index is None else rows[index]

    return at


def table_rows(record: Record, offsets: list[int]) -> list[Row]:
    """The record's table rows in the analysed (NFKC) text whose character ``i`` is the body's ``offsets[i]``."""
    rows: list[Row] = []
    at = 0

    def analysed(position: int) -> int:
        return bisect.bisect_left(offsets, position)

    for section in record.sections:
        starts = {table.first: table for table in section.tables}
        table, first, unit = None, 0, None
        for number, paragraph in enumerate(section.paragraphs):
            if number in starts:
                table, first = starts[number], number
                unit = _unit_note(section.paragraphs, number, number + len(table.rows))
            if table is not None and first <= number < first + len(table.rows):
                rows.append(_row(table.header, table.rows[number - first], at, at + len(paragraph), analysed, unit))
            at += len(paragraph) + len(BODY_JOINER)
    return rows


def _unit_note(paragraphs: list[str], first: int, after: int) -> str | None:
    """The unit a note right above or below a table (rows ``first`` to ``after``) gives its numbers."""
    for number in (first - 1, after):
        if 0 <= number < len(paragraphs) and (note := UNIT_NOTE.fullmatch(paragraphs[number].strip())):
            return note.group("unit")
    return None


def _row(header: list[str], cells: list[str], start: int, end: int, analysed: Callable[[int], int], unit: str | None) -> Row:
    """The row whose paragraph spans ``start``–``end`` of the body, in analysed-text positions."""
    spans, part = [], start  # a part of the row text begins after the separator that ends the one before
    for cell, at, heading in zip(cells, table_row_text(header, cells)[1], header):
        if at is not None:
            spans.append(Cell(analysed(part), analysed(start + at), analysed(start + at + len(cell)), heading))
            part = start + at + len(cell) + len(ROW_SEPARATOR)
    return Row(analysed(start), analysed(end), tuple(spans), unit)


#: 300, 1,200, ▲50, -12.5: a cell that is a number alone.
_BARE_NUMBER = re.compile(r"(?P<sign>[▲△\-−]\s?)?(?P<number>\d+(?:,\d{3})*(?:\.\d+)?)")


def bare_numbers(text: str, rows: list[Row]) -> Iterator[tuple[Cell, str, bool]]:
    """The cells of rows whose table gives its numbers a unit (a note, or their column's heading) that are a
    number alone, each with that unit and whether the number is negative (▲50)."""
    for row in rows:
        for cell in row.cells[1:]:
            unit = cell.unit or row.unit
            found = _BARE_NUMBER.fullmatch(text, cell.start, cell.end) if unit else None
            if found is not None:
                yield cell, unit, found.group("sign") is not None


def without_headings(rows: list[Row], mentions: list[Mention]) -> list[Mention]:
    """``mentions`` less the unlisted names (kind other) that are a row's column headings (Raised, Valuation)."""
    in_label = span_holding([(cell.label, cell.start) for row in rows for cell in row.cells if cell.label < cell.start])
    return [m for m in mentions if m.kind != "other" or in_label(m.start, m.end) is None]


def with_company_cells(text: str, rows: list[Row], mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with what a company column (企業, 社名, Company) says: a name found there of no
    known kind is an organisation, and a cell where nothing was found names one (サクラ計算機)."""
    cells = [cell for row in rows for cell in row.cells if cell.heading in ORGANISATION_HEADINGS and cell.end > cell.start]
    if not cells:
        return mentions
    in_cell = span_holding([(c.start, c.end) for c in cells])
    result = []
    for mention in mentions:
        inside = mention.kind == "other" and in_cell(mention.start, mention.end) is not None
        result.append(replace(mention, kind="organization") if inside else mention)
    unnamed = Uncovered([(m.start, m.end) for m in mentions])
    for cell in cells:
        name = text[cell.start : cell.end].strip()
        if name and unnamed(cell.start, cell.end):
            result.append(Mention(name, "organization", name, cell.start, cell.end))
    return result


#: Column headings of a comparison table that name no one: periods, sums and changes (前期, 今期, 合計,
#: 前年同期比, YoY) and a key–value table's (項目｜内容); not a company named …設計 or …比.
_NO_NAME_HEADING = re.compile(r"(?:前|今|来|当|昨|通|上|下|中間)?(?:期|年|年度|期末|四半期|月)|.*(?:年|期|月)比|比|計|差"
                              r"|.*(?:増減|合計|平均|差額|累計|小計|総計)|内容|詳細|概要|数値|値|金額|規模|備考|説明|項目"
                              r"|(?i:total|average|change|yoy|qoq|share|value|details?|amount|notes?)")
_DIGIT = re.compile(r"\d")


def with_compared_columns(text: str, rows: list[Row], mentions: list[Mention], measures: Callable[[str], bool]) -> list[Mention]:
    """``mentions`` with the names a comparison table's columns head: in a row whose first cell is what
    is measured (売上高｜サクラ計算機：300億円｜雲海データ：70億円), each other cell's heading names
    whose figure it is, listed or not — not a year or period (2025年, 今期), a sum, or a measure."""
    result, unnamed = list(mentions), Uncovered([(m.start, m.end) for m in mentions])
    for row in rows:
        first = row.cells[0] if row.cells else None
        if first is None or not measures(text[first.start : first.end]):
            continue
        for cell in row.cells[1:]:
            heading = text[cell.label : cell.start].rstrip(":：").strip()
            if (heading and not _DIGIT.search(heading) and not _NO_NAME_HEADING.fullmatch(heading) and not measures(heading)
                    and unnamed(cell.label, cell.label + len(heading))):
                result.append(Mention(heading, "other", heading, cell.label, cell.label + len(heading)))
    return result


def row_subject(row: Row, position: int, mentions_in: Callable[[int, int], list[Mention]]) -> Mention | None:
    """Whose the figure at ``position`` in a row is: a name in the row's first cell, else the one under
    a 企業 column, else the one its own column's heading names (a table whose columns are companies)."""
    first = row.cells[0] if row.cells else None
    spans = [(first.start, first.end)] if first is not None else []
    spans += [(c.start, c.end) for c in row.cells if c.heading in ORGANISATION_HEADINGS and c is not first]
    own = row.cell_at(position)
    if own is not None and own is not first:
        spans.append((own.label, own.start))
    for start, end in spans:
        named = next((m for m in mentions_in(start, end) if m.end <= end and m.kind in SUBJECT_KINDS), None)
        if named is not None:
            return named
    return None


def cell_window(row: Row, start: int, end: int) -> tuple[int, int]:
    """Where the words measuring a figure at ``start``–``end`` may be: its own cell, with its heading."""
    cell = row.cell_at(start)
    return (cell.label, cell.end) if cell is not None else (start, end)


def row_date(row: Row, figure_start: int, dates: list[tuple[int, str]]) -> str | None:
    """A row's figure's date: one in its own cell or its column's heading (2025年度：300), the row's first
    cell or a date column."""
    own = row.cell_at(figure_start)
    first = row.cells[0] if row.cells else None
    for position, iso in dates:
        cell = row.cell_at(position)
        if cell is not None and (cell is own or cell is first or cell.heading in DATE_HEADINGS):
            return iso
        if own is not None and own.label <= position < own.start:
            return iso
    return None
