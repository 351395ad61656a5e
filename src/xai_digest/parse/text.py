"""Small facts about lines of text that several parse rules share."""

from __future__ import annotations

import re
import unicodedata

SENTENCE_END = "。．.！!？?…"
CLOSERS = "」』）)】\"'”’*"
TITLE_MAX_CHARS = 140
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
LIST_ITEM = re.compile(r"^\s*(\d+[.)．]\s+|[-*+]\s+|[・•]\s*)")  # ・ needs no space after it
#: 1. 認定の概要, 1．背景, (2) 今後の予定: a numbered line (a section's heading or a list's item).
_NUMBER_LABEL = r"(?:(?P<n>\d{1,2})[.)．]|[(（](?P<m>\d{1,2})[)）])"
NUMBERED_LINE = re.compile(rf"^\s*{_NUMBER_LABEL}\s*")
#: The marks Japanese pages set before a heading (■新クラスタの概要).
HEADING_MARKS = "■□●◆◇▼▶"
#: Where a line that starts something of its own begins: a heading's mark, a subtitle's 〜, a numbered or
#: bracketed label, a note.
OWN_LINE_START = re.compile(rf"^(?:[{HEADING_MARKS}【※＊*〜～―]|{_NUMBER_LABEL}|[^\s、。]{{1,10}}[:：])")
#: （単位：億円）, 単位：百万ドル: a note beside a table that its numbers are written in a unit.
UNIT_NOTE = re.compile(r"[（(]?\s*(?:単位|(?i:unit))\s*[:：]\s*(?P<unit>[^（）()\s]{1,10})\s*[）)]?")


def alternation(words) -> str:
    """A regex alternative of ``words``, escaped, longest first (so 重工業 is tried before 重工)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


#: Kana and kanji (and half-width kana): text holding any is Japanese, whatever else it holds.
JAPANESE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def capitalised(word: str) -> bool:
    """One English word written with a capital first letter only: ``New``, ``Whitfield`` (not AI, DeepMind)."""
    return word.isalpha() and word[:1].isupper() and word[1:].islower()


def is_english(text: str) -> bool:
    """Latin letters and no Japanese script: an English title, paragraph, sentence or quote, curly
    quotes and dashes included (Anthropic’s — which ``str.isascii`` is not)."""
    return _LATIN_LETTER.search(text) is not None and JAPANESE_SCRIPT.search(text) is None


_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
#: Simplified Chinese characters that Japanese does not write (这 们 说 亿 发 …), and the Chinese comma
#: (not between digits: 1，000億円).
_CHINESE_MARK = re.compile(r"[这们说亿发为对进时个资报导术务获开关经产网电动实现还从让应该过东长门问间两]|(?<!\d)，|，(?!\d)")


def foreign_language(text: str) -> str | None:
    """``zh`` or ``ko`` for a paragraph written in Chinese or Korean (None for Japanese, English and the
    rest): Korean has hangul; Chinese has no kana and a character or comma Japanese does not use — a
    kanji-only Japanese heading (業績概要) is neither."""
    if _KANA.search(text) is not None:
        return None
    if _HANGUL.search(text) is not None:
        return "ko"
    return "zh" if _CHINESE_MARK.search(text) is not None else None


LANGUAGE_NAMES = {"zh": "中国語", "ko": "韓国語"}


def foreign_body(paragraphs: list[str]) -> str | None:
    """``zh`` or ``ko`` when most of ``paragraphs`` (by characters) are Chinese or Korean: an article the
    analysis does not read and the site marks as that language."""
    counts: dict[str | None, int] = {}
    for paragraph in paragraphs:
        language = foreign_language(paragraph)
        counts[language] = counts.get(language, 0) + len(paragraph)
    language = max(counts, key=lambda k: counts[k], default=None)
    return language if language is not None and counts[language] * 2 > sum(counts.values()) else None


def ends_sentence(text: str) -> bool:
    """True when the text ends like a finished sentence (closing quotes allowed)."""
    stripped = text.rstrip().rstrip(CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] in SENTENCE_END


def normalized(text: str) -> str:
    """A key for comparing lines: NFKC, no spaces (``split`` drops what ``\\s`` matches, faster)."""
    return "".join(unicodedata.normalize("NFKC", text).split())
