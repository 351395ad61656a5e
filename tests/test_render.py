"""Rendering helpers: headings break only between BudouX phrases, and stay escaped."""

from markupsafe import Markup

from xai_digest.render import phrases


def test_a_heading_breaks_only_between_phrases_and_is_escaped_every_time():
    title = "OpenAIが<script>大規模な計算資源契約を発表"
    first = phrases(title)
    again = phrases(title)  # remembered: the same safe markup, not a second escaping
    assert isinstance(first, Markup) and first == again
    assert "<script>" not in first and "&lt;script&gt;" in first
    chunks = str(first).split("<wbr>")
    assert len(chunks) > 2  # Japanese phrases, not one unbreakable line
    assert first.striptags() == title  # the breaks are the only tags: every character of the title is there
    assert phrases("") == "" and phrases(None) == ""
