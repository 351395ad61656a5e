"""The state object the parse rules work on, in the manner of markdown-it's rule chain."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xai_digest.model import Caption, KeyPoint, Original, Report
from xai_digest.parse.reading_rules import ReadingRules


@dataclass(frozen=True)
class TableRow:
    """A body row of the ``table``-th table of the seed, with that table's header."""

    table: int
    header: tuple[str, ...]
    cells: tuple[str, ...]


@dataclass
class Line:
    """One line of the seed with its 1-based line number in the file."""

    number: int
    text: str
    row: TableRow | None = None  # a table's body row (the ``tables`` rule)


@dataclass
class Unit:
    """A paragraph-sized piece of the body: one line, or lines joined back together."""

    number: int
    text: str
    kind: str = "paragraph"  # paragraph | heading | caption | row (of a table: never joined or reclassified)
    row: TableRow | None = None


@dataclass
class ParseState:
    source_file: str
    rules: ReadingRules
    lines: list[Line]
    format: str = "plain"
    fields: dict[str, Any] = field(default_factory=dict)
    front_matter: dict[str, Any] = field(default_factory=dict)
    uses_blank_lines: bool = False
    units: list[Unit] = field(default_factory=list)
    key_points: list[KeyPoint] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    original: Original | None = None
    chrome_removed: list[str] = field(default_factory=list)
    site_hints: list[str] = field(default_factory=list)
    site_fallbacks: list[str] = field(default_factory=list)  # named by a copyright line: used when nothing else names the site
    cut_at: int | None = None  # the line where a ``cut`` chrome rule (a paywall) ended the article
    reports: list[Report] = field(default_factory=list)

    def warn(self, message: str, line: int | None = None) -> None:
        self.reports.append(Report(self.source_file, message, line))

    def remove_chrome(self, line: Line) -> None:
        if line.text.strip():
            self.chrome_removed.append(line.text.strip())
