"""Tokens: the fast text-output reading agrees with fugashi's node objects (nouns, as tokenize keeps)."""

from functools import lru_cache

import fugashi
from hypothesis import given, settings
from hypothesis import strategies as st

from xai_digest.analyze.tokens import Token, tokenize


@lru_cache(maxsize=1)
def tagger() -> fugashi.Tagger:
    """MeCab with unidic-lite's own output, for node objects."""
    return fugashi.Tagger()


def tokens_from_nodes(text: str) -> list[Token]:
    """The straightforward reading through fugashi's node objects, nouns kept, as a reference."""
    tokens, position = [], 0
    for word in tagger()(text):
        start = text.find(word.surface, position)
        start = position if start < 0 else start
        position = start + len(word.surface)
        fields = word.feature_raw.split(",")
        pos = [("" if f == "*" else f) for f in (fields + ["", "", ""])[:3]]
        lemma = fields[7] if len(fields) > 7 else ""
        if pos[0] == "名詞":
            tokens.append(Token(word.surface, pos[0], pos[1], pos[2], word.surface if lemma in ("*", "") else lemma, start, position))
    return tokens


SAMPLES = [
    "Anthropic は水曜日、500 億ドルの投資を発表しました。",
    "「計算資源の確保が最優先だ」と同社のCEOは述べた。  Grok 4 と Falcon 9。",
    "xyzzyqq　全角スペース\tタブ\n改行、約3兆円（200億ドル）を超える。",
    "Nvidia's H100 GPUs cost $25,000 each; U.S. export rules apply.",
    "絵文字😀のあとのOpenAIと☃記号、Qwxzyk社（未知語）とｘＡＩ。",  # 4-byte characters before nouns
]


def test_tokens_match_the_node_reading_on_samples():
    for text in SAMPLES:
        assert tokenize(text) == tokens_from_nodes(text), text


def test_offsets_point_at_the_surfaces():
    for text in SAMPLES:
        for token in tokenize(text):
            assert text[token.start : token.end] == token.surface


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("あいうアイウ漢字日本語AIabc 0123456789、。「」（）億ドル-,\t\n　😀é")), max_size=80))
def test_tokens_match_the_node_reading_on_any_text(text):
    assert tokenize(text) == tokens_from_nodes(text)
