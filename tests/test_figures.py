"""Figure extraction and the number reader, including property tests."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xai_digest.analyze.figures import find_figures
from xai_digest.analyze.numbers import read_number

DIGITS = "〇一二三四五六七八九"


def kanji_below_10000(n: int) -> str:
    """An independent writer of kanji numerals (一千 is written 千, as in 千二百)."""
    out = ""
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            out += ("" if digit == 1 else DIGITS[digit]) + unit
    return out + (DIGITS[n] if n else "")


def to_kanji(n: int) -> str:
    if n == 0:
        return "〇"
    parts = []
    for value, unit in ((10**12, "兆"), (10**8, "億"), (10**4, "万"), (1, "")):
        chunk, n = divmod(n, value)
        if chunk:
            parts.append(kanji_below_10000(chunk) + unit)
    return "".join(parts)


def to_mixed(n: int, commas: bool) -> str:
    """200億, 2億5,900万: Arabic digit groups with 兆/億/万."""
    parts = []
    for value, unit in ((10**12, "兆"), (10**8, "億"), (10**4, "万"), (1, "")):
        chunk, n = divmod(n, value)
        if chunk:
            parts.append((f"{chunk:,}" if commas else str(chunk)) + unit)
    return "".join(parts) or "0"


@settings(max_examples=300)
@given(st.integers(min_value=1, max_value=10**16 - 1))
def test_kanji_numerals_read_back(n):
    assert read_number(to_kanji(n)) == n


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=10**16 - 1), st.booleans())
def test_arabic_with_big_units_and_commas_read_back(n, commas):
    assert read_number(to_mixed(n, commas)) == n


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=10**12))
def test_plain_and_fullwidth_digits_with_commas(n):
    text = f"{n:,}"
    assert read_number(text) == n
    fullwidth = text.translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    assert read_number(unicodedata.normalize("NFKC", fullwidth)) == n


def figures(text):
    return list(find_figures(unicodedata.normalize("NFKC", text)))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("xAIは200億ドルを調達", dict(value=20_000_000_000, unit="USD")),
        ("約3兆円の投資", dict(value=3_000_000_000_000, unit="JPY", qualifier="approx")),
        ("ユーザーは2億5,900万人", dict(value=259_000_000, unit="人")),
        ("三兆円", dict(value=3_000_000_000_000, unit="JPY")),
        ("二十億ドル", dict(value=2_000_000_000, unit="USD")),
        ("１２０億ドル", dict(value=12_000_000_000, unit="USD")),
        ("最大12％", dict(value=12, unit="percent", qualifier="max")),
        ("400 メガワット以上", dict(value=400_000_000, unit="W", qualifier="min")),
        ("毎月約10億ドルを費やす", dict(value=1_000_000_000, unit="USD", qualifier="approx", per="month")),
        ("年間150億ドルから160億ドル", dict(low=15_000_000_000, high=16_000_000_000, unit="USD", per="year")),
        ("3から6ドル", dict(low=3, high=6, unit="USD")),
        ("500 億ドル近く", dict(value=50_000_000_000, unit="USD", qualifier="approx")),
        ("30 万社以上", dict(value=300_000, unit="社", qualifier="min")),
        ("1.4兆ドル", dict(value=1_400_000_000_000, unit="USD")),
        ("月額300ドル", dict(value=300, unit="USD", per="month")),
        ("2 GW", dict(value=2_000_000_000, unit="W")),
        ("3800億元を投資", dict(value=380_000_000_000, unit="CNY")),  # yuan after 万/億/兆
        ("約450兆ウォン", dict(value=450_000_000_000_000, unit="KRW", qualifier="approx")),
        ("1兆台湾ドル", dict(value=1_000_000_000_000, unit="TWD")),  # not US dollars
        ("50億香港ドル", dict(value=5_000_000_000, unit="HKD")),
        ("売上高は約3割増えた", dict(value=30, unit="percent", qualifier="approx", change="increase")),  # 割: tens of percent
        # 台 after an amount: the band from it to one more of its last written place (not the amount exactly)
        ("時価総額は5兆ドル台に乗せた", dict(value=None, low=5_000_000_000_000, high=6_000_000_000_000, unit="USD")),
        ("株価は1万円台を回復", dict(value=None, low=10_000, high=20_000, unit="JPY")),
        ("100億ドル台の投資", dict(value=None, low=10_000_000_000, high=20_000_000_000, unit="USD")),
        ("1兆5000億円台", dict(value=None, low=1_500_000_000_000, high=1_600_000_000_000, unit="JPY")),
        ("三十億円台", dict(value=None, low=3_000_000_000, high=4_000_000_000, unit="JPY")),
        ("利益率は20%台", dict(value=None, low=20, high=30, unit="percent")),
        ("営業利益は5000億円台後半", dict(value=None, low=550_000_000_000, high=600_000_000_000, unit="JPY")),  # its upper half
        ("株価は1万円台前半", dict(value=None, low=10_000, high=15_000, unit="JPY")),
        ("サーバー1万台を出荷", dict(value=10_000, unit="台")),  # the counter
        # up to: 負債で120億ドルまでを調達 (まで only before を/の: 2030年まで is no figure, 100万基まで増 a change)
        ("負債で120億ドルまでを調達", dict(value=12_000_000_000, unit="USD", qualifier="max")),
        ("100億ドルまでの融資枠", dict(value=10_000_000_000, unit="USD", qualifier="max")),
        ("100億ドルまで増えた", dict(value=10_000_000_000, unit="USD", qualifier="none")),
        ("約20万のGPUを持つ", dict(value=200_000, unit="基", qualifier="approx")),  # a machine translation's count
        # a range whose first number leaves out the 億/兆 the second has (it was 300円 to 400億円)
        ("投資額は300〜400億円になる", dict(low=30_000_000_000, high=40_000_000_000, unit="JPY")),
        ("約2〜3兆円", dict(low=2_000_000_000_000, high=3_000_000_000_000, qualifier="approx")),
        ("1〜2兆5000億円", dict(low=1_000_000_000_000, high=2_500_000_000_000)),
        ("3〜4万人", dict(low=30_000, high=40_000, unit="人")), ("50〜60%", dict(low=50, high=60)),
        # ▲ / △: a negative amount in Japanese accounts (営業損益は▲120億円)
        ("営業損益は▲120億円", dict(value=-12_000_000_000, unit="JPY")), ("純損益は△50億円", dict(value=-5_000_000_000)),
        # digits before 千/百, as news writes 3000万 (it was 千万: 1000万)
        ("3千万ドルを調達", dict(value=30_000_000, unit="USD")), ("5百万ドル", dict(value=5_000_000)),
        # per hour, and a count of one before the amount it is per (1基4万ドル: not a figure 1基)
        ("レンタル料金は1時間あたり2ドル", dict(value=2, unit="USD", per="hour")), ("B200は1基4万ドル前後", dict(value=40_000, unit="USD")),
        # a qualifier after the amount in another currency: 10億ドル（約1500億円）規模 (it was lost)
        ("10億ドル（約1500億円）規模", dict(value=1_000_000_000, qualifier="approx")),
        ("3000億ドル（約45兆円）超", dict(value=300_000_000_000, qualifier="min")),
        ("1千億円", dict(value=100_000_000_000)), ("3千人", dict(value=3_000, unit="人")),
        ("2千億円台", dict(low=200_000_000_000, high=300_000_000_000)),
        ("2000億ドル台湾向け", dict(value=200_000_000_000, unit="USD")),  # 台湾 is no band
    ],
)
def test_figure_shapes(text, expected):
    found = figures(text)
    assert len(found) == 1, found
    for key, value in expected.items():
        assert getattr(found[0], key) == value, (key, found[0])


@pytest.mark.parametrize("verb", ["に近づいている", "に近づく", "に近づいた"])
def test_approaching_keeps_the_whole_verb_in_the_text(verb):
    (figure,) = figures(f"支出は1.4兆ドル{verb}。")
    assert figure.qualifier == "approx"
    assert figure.value == 1_400_000_000_000
    assert f"支出は1.4兆ドル{verb}。"[figure.start : figure.end] == f"1.4兆ドル{verb}"  # not …ドルに近づ


def test_paired_currency_gives_both():
    (figure,) = figures("200億ドル（約3兆円）もの資金")
    assert figure.value == 20_000_000_000 and figure.unit == "USD"
    assert figure.also == {"value": 3_000_000_000_000, "unit": "JPY", "qualifier": "approx"}


def test_paired_currency_may_be_followed_by_a_note():
    text = "4550億ドル（約67兆円、前年の2倍）"
    paired, other = figures(text)
    assert text[paired.start : paired.end] == "4550億ドル"  # no half-open bracket in the figure's text
    assert paired.also == {"value": 67_000_000_000_000, "unit": "JPY", "qualifier": "approx"}
    assert (other.value, other.unit) == (2, "倍")  # the note is still read


@pytest.mark.parametrize("text", ["※1ドル=147円で換算", "1ドル＝150円換算", "1ドル150円換算", "1ユーロ = 160円", "為替は1 ドル=147 円"])
def test_an_exchange_rate_is_no_figure(text):
    assert figures(text) == []


def test_an_amount_beside_an_exchange_rate_is_kept():
    found = figures("4550億ドル（約67兆円、※1ドル=147円で換算）。1ドル=150円換算で約4.5兆円、21ドル=3000円")
    assert [(f.value, f.unit) for f in found] == [
        (455_000_000_000, "USD"), (4_500_000_000_000, "JPY"), (21, "USD"), (3000, "JPY")]


def test_change_is_two_figures_not_a_range():
    found = figures("10万基から100万基への拡張")
    assert [(f.value, f.unit) for f in found] == [(100_000, "基"), (1_000_000, "基")]


@pytest.mark.parametrize(
    "text",
    ["Grok 4言語モデル", "Falcon 9打ち上げ", "Gemini 2.5 Pro", "Starship Block 2", "Colossus 1 データセンター",
     "+49 89 89 674 804", "音量 90%", "2025年", "数十億ドル", "数兆ドル規模", "第2四半期", "31 分 2 秒", "10月に",
     "3元素", "2次元", "10元の硬貨",  # 元 is yuan only after 万, 億, 兆
     "Nvidia H100 GPUs"],  # the 100 of H100 is no count of GPUs
)
def test_not_figures(text):
    assert figures(text) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789,.億万兆千百十一二三ドル円%約最大以上から〜 人基「」。xAIGrok")), max_size=60))
def test_figure_scanner_never_raises_and_spans_are_inside(text):
    norm = unicodedata.normalize("NFKC", text)
    for figure in find_figures(norm):
        assert 0 <= figure.start < figure.end <= len(norm)
        assert figure.value is not None or (figure.low is not None and figure.high is not None)


pieces = st.sampled_from([
    "約", "最大で", "少なくとも", "ほぼ", "年間", "毎月", "1か月あたり", "年率", "で", " ", "から", "〜", "ないし",
    "125", "1,200", "3.5", "二十", "三", "一方", "統一", "億", "兆", "万", "ドル", "円", "%", "人", "基", "GW",
    "以上", "超", "程度", "規模", "/月", "を記録した。", "OpenAIは", "データセンターを", "2025年", "\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=40))
def test_skipping_to_the_next_number_finds_what_trying_every_position_finds(parts):
    """The scan skips to LEAD_CHARS before the next number; trying every position gives the same figures."""
    import xai_digest.analyze.figures as module

    text = unicodedata.normalize("NFKC", "".join(parts))
    skipping = list(find_figures(text))
    original = module._search_from
    module._search_from = lambda text, position: position
    try:
        assert skipping == list(find_figures(text))
    finally:
        module._search_from = original


@pytest.mark.parametrize("text, found", [
    ("GPU 1万基を搭載", ["1万基"]),
    ("NVIDIA H200 10,000基", ["10,000基"]),
    ("Falcon 9回目の打ち上げ", []),  # a product and its version, not a count
    ("Grok 4人", []),
])
def test_a_large_count_after_a_product_name_is_a_figure_a_version_is_not(text, found):
    assert [text[f.start:f.end] for f in find_figures(text)] == found


@pytest.mark.parametrize("text, found", [
    ("テスト飛行1回あたりの費用は約9,000万ドルから1億ドル", ["約9,000万ドルから1億ドル"]),
    ("100万トークンあたり3ドルから6ドルの手数料", ["3ドルから6ドル"]),
    ("1人当たり100ドルを支給", ["100ドル"]),
    ("GPU1基につき3万ドル", ["3万ドル"]),
    ("指標は10億ドルの資本あたりのGPU密度です", []),
    ("株価は100ドルあたりで推移した", ["100ドル"]),  # あたり as "around": the level itself
])
def test_what_a_rate_is_counted_per_is_no_figure(text, found):
    """1回 in 1回あたりの費用 is what the cost is counted per: read as a figure it had a row of its own in
    the figures table, and 10億ドル in 10億ドルの資本あたり could agree with another article's 10億ドル."""
    assert [text[f.start:f.end] for f in find_figures(text)] == found


@pytest.mark.parametrize("text, found", [
    ("capex of $35 billion, roughly 1.5 times last year's level", [("$35 billion", "USD", "none"), ("roughly 1.5 times", "倍", "approx")]),
    ("The new GPU is 3x faster", [("3x", "倍", "none")]),
    ("about 2.5x the compute of Colossus", [("about 2.5x", "倍", "approx")]),
    ("prices rose 3 times a year", []),  # occasions, not a multiple
    ("the GPT-4x model", []), ("one H100 1x node", []),
])
def test_an_english_multiple_is_a_figure_in_倍(text, found):
    assert [(text[f.start:f.end], f.unit, f.qualifier) for f in find_figures(text)] == found


@pytest.mark.parametrize(
    "text, change",
    [("前年同期比359%増の", "increase"), ("株価は一時40%超上昇した", "increase"), ("売上高が20%の減少", "decrease"),
     ("20%減少した", "decrease"), ("10〜20%増", "increase"), ("GPUを10万基増やす", "increase"),
     ("シェアは20%で", None), ("100億円増資", None), ("10億ドル減損", None), ("2倍に増加", None), ("2倍増", None),
     ("時価総額を500億ドル近く失った", "decrease"), ("時価総額が3兆円吹き飛んだ", "decrease"),  # a loss of value, not a level
     ("従業員を1万人削減する", "decrease"),
     # a market report's move: 前日比10%高, 600円安 (高値 and 安値 are prices, 高額 an amount)
     ("一時前日比10%高の", "increase"), ("前日比600円安の", "decrease"), ("終値は2万円高値圏", None), ("1万円安値", None),
     ("100万円高額", None)],
)
def test_a_rise_or_fall_is_marked_as_a_change_not_a_level(text, change):
    (figure,) = figures(text)
    assert figure.change == change


def test_only_the_amount_that_rose_is_a_change():
    rise, level = figures("売上高は10億ドル増の50億ドル")
    assert (rise.value, rise.change) == (1_000_000_000, "increase")
    assert (level.value, level.change) == (5_000_000_000, None)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("xAI has raised $20 billion.", {"value": 20_000_000_000, "unit": "USD", "qualifier": "none"}),
        ("including up to $2 billion from Nvidia", {"value": 2_000_000_000, "unit": "USD", "qualifier": "max"}),
        ("at about $200 billion.", {"value": 200_000_000_000, "unit": "USD", "qualifier": "approx"}),
        ("more than $4.55 billion", {"value": 4_550_000_000, "unit": "USD", "qualifier": "min"}),  # exact, not 4549999999.99
        ("a €1.7bn round", {"value": 1_700_000_000, "unit": "EUR"}),
        ("US$500M a year", {"value": 500_000_000, "unit": "USD", "per": "year"}),
        ("$15-16 billion", {"low": 15_000_000_000, "high": 16_000_000_000, "unit": "USD"}),
        ("$15 billion to $16 billion", {"low": 15_000_000_000, "high": 16_000_000_000, "unit": "USD"}),
        ("will draw 1.2 gigawatts", {"value": 1_200_000_000, "unit": "W"}),
        ("12 percent annually", {"value": 12, "unit": "percent", "per": "year"}),
        ("20 billion yen or more", {"value": 20_000_000_000, "unit": "JPY", "qualifier": "min"}),
        ("$100 billion-plus in spending", {"value": 100_000_000_000, "unit": "USD", "qualifier": "min"}),
        ("more than 200,000 Nvidia GPUs", {"value": 200_000, "unit": "基", "qualifier": "min"}),  # as 20万基 is written
        ("about 800 permanent jobs", {"value": 800, "unit": "人", "qualifier": "approx"}),
        ("1.2 million users", {"value": 1_200_000, "unit": "人"}),
        ("about 50 million H100 GPUs", {"value": 50_000_000, "unit": "基", "qualifier": "approx"}),  # a model's name between
        ("between $10 billion and $12 billion", {"value": None, "low": 10_000_000_000, "high": 12_000_000_000}),  # one range
    ],
)
def test_english_figures(text, expected):
    (figure,) = figures(text)
    for key, value in expected.items():
        assert getattr(figure, key) == value, (key, figure)


@pytest.mark.parametrize("text, also", [
    ("SoftBank will invest 1 trillion yen ($6.7 billion) in data centers.", {"value": 6_700_000_000, "unit": "USD", "qualifier": "none"}),
    ("Sakura plans to spend ¥100 billion ($670 million).", {"value": 670_000_000, "unit": "USD", "qualifier": "none"}),
])
def test_an_english_amount_with_its_conversion_in_brackets_is_one_figure(text, also):
    """1 trillion yen ($6.7 billion) was two figures of one fact, each of its own currency."""
    (figure,) = figures(text)
    assert figure.also == also and text[figure.start : figure.end].endswith(")")


def test_an_english_amount_in_brackets_after_the_japanese_one_is_not_counted_twice():
    (figure,) = figures("200億ドル（$20 billion）を調達")
    assert figure.value == 20_000_000_000


def test_japanese_text_without_english_amounts_is_read_as_before():
    assert [f.value for f in figures("xAIは200億ドルを調達し、Nvidiaは最大20億ドルを出資する。")] == [20_000_000_000, 2_000_000_000]


@pytest.mark.parametrize("text, change", [
    ("revenue up 150% from 2024", "increase"), ("shares fell 12 percent", "decrease"), ("grew by $2 billion", "increase"),
    ("down 3%", "decrease"), ("set up a $5 billion fund", None), ("backed by $2 billion", None), ("raised $5 billion", None)])
def test_an_english_rise_or_fall(text, change):
    (figure,) = figures(text)
    assert figure.change == change


@pytest.mark.parametrize("text", ["by 2026 users will pay", "in 2026 GPUs arrive"])
def test_a_year_before_a_count_word_is_no_count(text):
    assert [f for f in figures(text) if f.unit in ("人", "基")] == []
