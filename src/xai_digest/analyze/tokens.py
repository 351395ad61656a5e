"""fugashi + unidic-lite tokens, one tagger per process.

Only ``unidic-lite`` is a dependency: with the full ``unidic`` package
installed but its dictionary not downloaded, ``Tagger()`` fails to start.
"""

from __future__ import annotations

import re
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


#: One MeCab output line (unidic-lite's format): surface, pronunciation, kana, lemma, pos-pos-pos…
_LINE = re.compile(r"^([^\t\n]*)\t[^\t\n]*\t[^\t\n]*\t([^\t\n]*)\t([^\t\n]*)", re.M)


def tokenize(text: str) -> list[Token]:
    """The nouns of ``text`` (all that keywords and entity finding read), with character offsets.

    Reads MeCab's text output with one regular expression instead of creating a node object per
    token: the same fields at a fraction of the cost.  Offsets come from finding every token's
    surface after the previous one (only whitespace, which MeCab skips, lies between), so a noun's
    offsets are exact even though only nouns are kept.
    """
    tokens: list[Token] = []
    position = 0
    find = text.find
    for surface, lemma, pos in _LINE.findall(tagger().parse(text)):
        start = find(surface, position)
        if start < 0:  # MeCab changed or dropped something we did not expect
            start = position
        position = start + len(surface)
        if pos.startswith("名詞"):
            parts = pos.split("-")
            tokens.append(Token(surface, parts[0], parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else "",
                                surface if lemma in ("*", "") else lemma, start, position))
    return tokens
