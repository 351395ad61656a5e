"""Small facts about lines of text that several parse rules share."""

from __future__ import annotations

import re
import unicodedata

SENTENCE_END = "。．.！!？?…"
CLOSERS = "」』）)】\"'”’*"
TITLE_MAX_CHARS = 140
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
LIST_ITEM = re.compile(r"^\s*(\d+[.)．]\s+|[-*+]\s+|[・•]\s*)")  # ・ needs no space after it


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


def ends_sentence(text: str) -> bool:
    """True when the text ends like a finished sentence (closing quotes allowed)."""
    stripped = text.rstrip().rstrip(CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] in SENTENCE_END


def normalized(text: str) -> str:
    """A key for comparing lines: NFKC, no spaces (``split`` drops what ``\\s`` matches, faster)."""
    return "".join(unicodedata.normalize("NFKC", text).split())
