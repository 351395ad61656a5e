"""Keywords: noun lemmas of the article (proper nouns as written), weighted by how rare they are.

Within one article we only know term frequency; ``link`` re-weights by the
corpus document frequency.  Here a noun counts more when it is a proper noun
or a long compound, and a stop list drops words every article uses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from xai_digest.analyze.entities import SENTENCE_START_WORDS
from xai_digest.analyze.figures import CURRENCIES, UNITS
from xai_digest.analyze.tokens import Token

MAX_KEYWORDS = 15
STOP_LEMMAS = {
    "こと", "もの", "よう", "ため", "これ", "それ", "ところ", "場合", "今回", "可能", "必要", "企業", "会社",
    "同社", "同氏", "年間", "現在", "以上", "以下", "最大", "最近", "一方", "問題", "ほか", "方法", "意味", "中",
    "全体", "結果", "状況", "部分", "形", "点", "方", "者", "的", "性", "化", "等", "達", "際", "上", "下", "後", "前",
    "令和", "平成", "年度",
} | SENTENCE_START_WORDS
#: ドル, ユーロ, メガワット (and ギガ of ギガワット, which MeCab splits): the words amounts are written in
#: (every article about money has ドル) say nothing of what the article is about.
AMOUNT_WORDS = {word for word, (unit, _) in UNITS.items() if unit in CURRENCIES or unit in ("W", "percent")} | {"ギガ", "メガ", "キロ", "テラ"}


def keywords(tokens: list[Token], names: Sequence[tuple[int, int, str]] = ()) -> list[str]:
    """The article's keywords.  A name found at ``names`` (start, end and the entity's name; sorted by
    start) counts as its entity's name, once per mention, however MeCab split it (ソフト and バンク of
    ソフトバンクグループ, ロン of イーロン・マスク, 花子 of 田中花子 are no words of the article)."""
    counts: Counter[str] = Counter()
    counted: set[int] = set()
    at = 0  # the first name not ending before the token: tokens and names are both in text order
    for token in tokens:
        if token.pos1 != "名詞" or token.pos2 == "数詞" or token.pos2 == "代名詞":
            continue
        while at < len(names) and names[at][1] <= token.start:
            at += 1
        if at < len(names) and names[at][0] <= token.start and token.end <= names[at][1]:
            if at not in counted:
                counted.add(at)
                counts[names[at][2]] += 2.0
            continue
        # a proper noun's lemma is its reading (大阪 → オオサカ, 孫 → ソン): keep how it is written
        word = token.surface if token.surface.isascii() or token.pos2 == "固有名詞" else token.lemma.split("-")[0]
        if len(word) < 2 or word in STOP_LEMMAS or word in AMOUNT_WORDS or word.isdigit() or word.isascii() and word.islower():
            # the, raised, billion: lowercase English words are common words (names are capitalised: xAI, Nvidia)
            continue
        weight = 2.0 if token.pos2 == "固有名詞" else 1.0
        counts[word] += weight
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [word for word, _ in ranked[:MAX_KEYWORDS]]
