"""Markdown written by editors (content/pages/*.md, Markdown overlays), through markdown-it-py.

Raw HTML is off: markdown-it escapes it, and its link validation refuses
``javascript:`` and similar URLs, so the result is as safe as autoescaped text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

#: Letters written without spaces between words: Japanese kana and kanji, full-width punctuation.
_UNSPACED = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


def _softbreak(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """A line break inside a paragraph is a space in HTML; next to a Japanese letter it must be
    nothing (読み込み、\n要点 is 読み込み、要点, not 読み込み、 要点; AIの\nモデル, 英語の\nAI), as
    markdown-it-cjk-breaks does; between two Latin words it stays a space."""
    before = tokens[idx - 1].content[-1:] if idx > 0 else ""
    after = tokens[idx + 1].content[:1] if idx + 1 < len(tokens) else ""
    return "" if _UNSPACED.match(before) or _UNSPACED.match(after) else "\n"


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    md.add_render_rule("softbreak", _softbreak)
    return md


def render_markdown(text: str | None) -> Markup:
    """Markdown to HTML with raw HTML escaped (a Markup, ready for a template)."""
    return Markup(_parser().render(text or ""))
