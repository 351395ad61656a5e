"""fugashi + unidic-lite tokens, one tagger per process.

Only ``unidic-lite`` is a dependency: with the full ``unidic`` package
installed but its dictionary not downloaded, ``Tagger()`` fails to start.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import fugashi


@dataclass(frozen=True)
class Token:
    surface: str
    pos1: str
    pos2: str
    pos3: str
    lemma: str
    start: int
    end: int


@lru_cache(maxsize=1)
def tagger() -> fugashi.Tagger:
    return fugashi.Tagger()


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with character offsets (whitespace is skipped by MeCab)."""
    tokens: list[Token] = []
    position = 0
    for word in tagger()(text):
        surface = word.surface
        start = text.find(surface, position)
        if start < 0:
            start = position
        end = start + len(surface)
        position = end
        feature = word.feature
        lemma = getattr(feature, "lemma", None) or surface
        tokens.append(Token(surface, feature.pos1 or "", feature.pos2 or "", feature.pos3 or "", lemma, start, end))
    return tokens
