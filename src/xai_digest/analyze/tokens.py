"""fugashi + unidic-lite tokens, one tagger per process.

Only ``unidic-lite`` is a dependency: with the full ``unidic`` package
installed but its dictionary not downloaded, ``Tagger()`` fails to start.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import fugashi


class Token(NamedTuple):
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
    """Tokens of ``text`` with character offsets (whitespace is skipped by MeCab).

    Reads MeCab's text output (one ``surface\\tpron\\tkana\\tlemma\\tpos-pos-pos…``
    line a token, unidic-lite's format) instead of creating a node object per
    token: the same fields at half the cost.  Offsets come from finding each
    surface after the previous one; only whitespace lies between.
    """
    tokens: list[Token] = []
    position = 0
    for line in tagger().parse(text).split("\n"):
        if not line or line == "EOS":
            continue
        fields = line.split("\t")
        surface = fields[0]
        start = text.find(surface, position)
        if start < 0:  # MeCab changed or dropped something we did not expect
            start = position
        position = start + len(surface)
        pos = fields[4].split("-") if len(fields) > 4 else [""]
        lemma = fields[3] if len(fields) > 3 else ""
        tokens.append(Token(surface, pos[0], pos[1] if len(pos) > 1 else "", pos[2] if len(pos) > 2 else "",
                            surface if lemma in ("*", "") else lemma, start, position))
    return tokens
