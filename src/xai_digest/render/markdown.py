"""Markdown written by editors (content/pages/*.md, Markdown overlays), through markdown-it-py.

Raw HTML is off: markdown-it escapes it, and its link validation refuses
``javascript:`` and similar URLs, so the result is as safe as autoescaped text.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def render_markdown(text: str | None) -> Markup:
    """Markdown to HTML with raw HTML escaped (a Markup, ready for a template)."""
    return Markup(_parser().render(text or ""))
