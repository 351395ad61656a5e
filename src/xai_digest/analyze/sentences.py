"""Sentence splitting for Japanese news text with English passages.

Splits after 。！？ (and . ! ? followed by a space) but never inside 「」 or
『』 quotes, however nested, and keeps closing brackets with their sentence.
"""

from __future__ import annotations

import re

from xai_digest.model import Sentence

#: A sentence that only introduces the next one (…次のように報じた。): what it announces follows it.
INTRODUCES = re.compile(r"(?:次のように|以下のように|[:：])\s*[^。]{0,12}[。:：]?$")

_OPEN = {"「": "」", "『": "』", "（": "）", "(": ")", "“": "”"}
_CLOSE = set(_OPEN.values())
_JA_END = "。！？!?"
_TRAILERS = "」』）)”’\"'"


_MARKS = re.compile("[" + re.escape("".join(_OPEN) + "".join(sorted(_CLOSE)) + _JA_END + ".") + "]|\n(?=\n)")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their offsets; paragraphs (blank lines) always split.

    Jumps from mark to mark (brackets, sentence ends, blank lines) rather
    than looking at every character.
    """
    sentences: list[Sentence] = []
    start = 0
    depth = 0
    resume = 0  # marks before this were swallowed as closing trailers
    n = len(text)
    for match in _MARKS.finditer(text):
        i = match.start()
        if i < resume:
            continue
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        boundary = False
        if ch == "\n":
            boundary, depth = True, 0
        elif depth == 0 and (ch in _JA_END or (ch == "." and (i + 1 == n or text[i + 1] in " \n") and _ends_word(text, i))):
            while i + 1 < n and text[i + 1] in _TRAILERS:
                i += 1
            boundary = True
        if boundary:
            _add(sentences, text, start, i + 1)
            start = resume = i + 1
    _add(sentences, text, start, n)
    return sentences


def _ends_word(text: str, i: int) -> bool:
    """A '.' ends a sentence unless it closes a short abbreviation like 'Mr.' or 'U.S.'."""
    j = i - 1
    while j >= 0 and text[j].isalpha():
        j -= 1
    word = text[j + 1 : i]
    return not (len(word) <= 2 and word[:1].isupper()) and word not in {"Inc", "Corp", "Ltd", "Co", "vs", "etc"}


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start] in " \n\t　":
        start += 1
    while end > start and text[end - 1] in " \n\t　":
        end -= 1
    if end > start:
        sentences.append(Sentence(text=text[start:end], start=start, end=end))
