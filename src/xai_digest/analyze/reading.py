"""Reading time that counts Japanese by characters and English by words.

Hugo applies one CJK rate to a whole mixed page (gohugoio/hugo #10031); we
count the two scripts separately: ~500 Japanese characters and ~212 English
words a minute.
"""

from __future__ import annotations

import re

JA_CHARS_PER_MINUTE = 500
EN_WORDS_PER_MINUTE = 212
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-.]*")
_JA_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f々〆ー]+")


def reading_minutes(text: str) -> int:
    """Whole minutes to read ``text``, at least 1 for any non-empty text."""
    ja = sum(map(len, _JA_RUN.findall(text)))  # runs, not a string per character
    en = len(_LATIN_WORD.findall(text))
    minutes = ja / JA_CHARS_PER_MINUTE + en / EN_WORDS_PER_MINUTE
    if minutes == 0:
        return 0
    return max(1, round(minutes))
