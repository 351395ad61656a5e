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


#: MeCab output of one line per token: pos1-3, lemma, byte offsets, surface (unknown words: lemma "*").
_FIELDS = r"%f[0]\t%f[1]\t%f[2]\t{lemma}\t%ps\t%pe\t%m\n"
_FORMAT = f'-O "" -F "{_FIELDS.format(lemma="%f[7]")}" -U "{_FIELDS.format(lemma="*")}" -E ""'


@lru_cache(maxsize=1)
def noun_tagger() -> fugashi.Tagger:
    return fugashi.Tagger(_FORMAT)


#: A noun's line of that output; the regular expression skips every other line in C.
_NOUN = re.compile(r"^名詞\t([^\t\n]*)\t([^\t\n]*)\t([^\t\n]*)\t(\d+)\t\d+\t([^\n]*)$", re.M)


def tokenize(text: str) -> list[Token]:
    """The nouns of ``text`` (all that keywords and entity finding read), with character offsets.

    MeCab prints only the fields we read, and one regular expression picks the noun lines: no
    node object per token and no Python step per non-noun.  MeCab gives byte offsets into the
    UTF-8 text; they become character offsets by decoding the bytes between consecutive nouns.
    """
    data = text.encode("utf-8")
    tokens: list[Token] = []
    char_at, byte_at = 0, 0
    for pos2, pos3, lemma, start_byte, surface in _NOUN.findall(noun_tagger().parse(text)):
        start_byte = int(start_byte)
        char_at += len(data[byte_at:start_byte].decode("utf-8"))
        byte_at = start_byte
        tokens.append(Token(surface, "名詞", "" if pos2 == "*" else pos2, "" if pos3 == "*" else pos3,
                            surface if lemma in ("*", "") else lemma, char_at, char_at + len(surface)))
    return tokens
