"""Figures: numbers with a unit and a meaning, normalised.

``find_figures`` scans the NFKC view of the body (full-width digits, ％ and
， are already plain) and yields ``RawFigure`` spans with value or range,
unit, qualifier and rate.  Subject and date are attached by the analyzer,
which knows the entities and sentences.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from xai_digest.analyze.numbers import NUMBER_PATTERN, has_big_unit, last_place, leading_big_unit, read_number
from xai_digest.parse.text import alternation

#: Unit words → (unit, multiplier).  Longest first when compiled.
UNITS: dict[str, tuple[str, float]] = {
    "米ドル": ("USD", 1), "USドル": ("USD", 1), "ドル": ("USD", 1), "円": ("JPY", 1),
    "ユーロ": ("EUR", 1), "ポンド": ("GBP", 1), "人民元": ("CNY", 1), "元": ("CNY", 1), "ウォン": ("KRW", 1),
    # other dollars are their own currencies, not 米ドル (1兆台湾ドル is not $1 trillion)
    "台湾ドル": ("TWD", 1), "香港ドル": ("HKD", 1), "豪ドル": ("AUD", 1), "カナダドル": ("CAD", 1),
    "シンガポールドル": ("SGD", 1),
    "%": ("percent", 1), "パーセント": ("percent", 1), "割": ("percent", 10),  # 約3割増: 30 %
    "ギガワット": ("W", 1e9), "メガワット": ("W", 1e6), "キロワット": ("W", 1e3), "ワット": ("W", 1),
    "GW": ("W", 1e9), "MW": ("W", 1e6), "kW": ("W", 1e3),
    "人": ("人", 1), "名": ("人", 1), "基": ("基", 1), "社": ("社", 1), "回": ("回", 1), "件": ("件", 1),
    "倍": ("倍", 1), "時間": ("時間", 1), "日間": ("日間", 1), "台": ("台", 1), "個": ("個", 1), "枚": ("枚", 1),
    "カ国": ("カ国", 1), "か国": ("カ国", 1), "ヶ国": ("カ国", 1), "拠点": ("拠点", 1), "店舗": ("店舗", 1),
    "トークン": ("トークン", 1), "パラメータ": ("パラメータ", 1),
    "のGPU": ("基", 1),  # 20万のGPU: a machine translation's count of GPUs (200,000 GPUs), as 20万基
}
CURRENCIES = {"USD", "JPY", "EUR", "GBP", "CNY", "KRW", "TWD", "HKD", "AUD", "CAD", "SGD"}

PREFIX_QUALIFIERS = {
    "約": "approx", "およそ": "approx", "概ね": "approx", "ほぼ": "approx", "推定": "approx", "推計": "approx",
    "最大": "max", "最高": "max", "上限": "max", "最大で": "max",
    "最低": "min", "少なくとも": "min", "最低でも": "min",
    "わずか": "none",
}
SUFFIX_QUALIFIERS = {
    "以上": "min", "超": "min", "超え": "min", "を超える": "min", "を超え": "min", "強": "min", "余り": "min",
    "近く": "approx", "弱": "approx", "前後": "approx", "程度": "approx", "ほど": "approx",
    # 近づく's common forms whole, so that a figure's text does not stop mid-word (…ドルに近づ)
    "に近づく": "approx", "に近づいている": "approx", "に近づいた": "approx", "に近づき": "approx",
    "に近づ": "approx", "に迫る": "approx", "規模": "approx",
    "以下": "max", "未満": "max", "を上限": "max",
    "まで": "max",  # 負債で120億ドルまでを調達, 100億ドルまでの融資枠: up to (only before を/の: not 100万基まで増)
}
RATES = {
    "毎月": "month", "月額": "month", "月間": "month", "月あたり": "month", "1か月あたり": "month",
    "毎年": "year", "年間": "year", "月産": "month", "年産": "year", "年額": "year", "年率": "year", "1年あたり": "year",
    "毎日": "day", "日額": "day", "1日あたり": "day", "1時間あたり": "hour", "時間あたり": "hour",
}
SUFFIX_RATES = {"/月": "month", "/年": "year", "/日": "day", "/時間": "hour", "per month": "month", "a month": "month", "a year": "year",
                "an hour": "hour", "per hour": "hour"}
RANGE_JOINERS = r"(?:\s?(?:から|〜|~|-|–|—|ないし)\s?)"


#: 元 (yuan) is a unit only after 万, 億 or 兆 (100億元): 3元素, 2次元 are words.
_UNIT_RE = alternation(word for word in UNITS if word != "元") + "|(?<=[万億兆])元"
_PREFIX_RE = alternation(PREFIX_QUALIFIERS)
_RATE_RE = alternation(RATES)
_SUFFIX_RE = alternation(word for word in SUFFIX_QUALIFIERS if word != "まで") + "|まで(?=[をの])"
_SUFFIX_RATE_RE = alternation(SUFFIX_RATES)

FIGURE = re.compile(
    rf"(?P<rate>(?<![0-9])(?<![0-9] )(?:{_RATE_RE})\s?で?\s?)?(?P<q1>(?:{_PREFIX_RE})\s?)?(?P<neg>[▲△]\s?)?"
    rf"(?P<n1>{NUMBER_PATTERN})\s?(?P<u1>{_UNIT_RE})?"
    rf"(?:{RANGE_JOINERS}(?P<q2>(?:{_PREFIX_RE})\s?)?(?P<n2>{NUMBER_PATTERN})\s?(?P<u2>{_UNIT_RE}))?"
    rf"(?P<band>台(?!湾)(?P<half>前半|後半)?)?(?P<suffix>\s?(?:{_SUFFIX_RE}))?(?P<srate>\s?(?:{_SUFFIX_RATE_RE}))?"
)
#: A figure's number starts with one of these, at most LEAD_CHARS after the figure's own start
#: (its rate and qualifier words come first): the search may skip to there.
_NUMBER_START = re.compile(r"[\d〇一二三四五六七八九十百千]")
LEAD_CHARS = max(map(len, RATES)) + 3 + max(map(len, PREFIX_QUALIFIERS)) + 1 + 2  # (+ ▲ and a space)
#: 200億ドル（約3兆円）: the same amount in another currency; a note may follow it in the brackets
#: (4550億ドル（約67兆円、1ドル=147円で換算）), and is then read on as text of its own.
PAIRED = re.compile(rf"\s?\((?P<q>(?:{_PREFIX_RE})\s?)?(?P<n>{NUMBER_PATTERN})\s?(?P<u>{_UNIT_RE})(?P<close>\)|[、,;])")
_SUFFIX_AFTER_PAIR = re.compile(rf"\s?({_SUFFIX_RE})")
_CURRENCY_WORD = alternation(word for word, (unit, _) in UNITS.items() if unit in CURRENCIES)
#: 1ドル=147円, 1ドル147円換算, 1ユーロ＝160円 (NFKC makes ＝ plain): an exchange rate, not two amounts.
_RATE_AFTER = re.compile(rf"\s?=?\s?(?:{NUMBER_PATTERN})\s?(?:{_CURRENCY_WORD})")
_RATE_BEFORE = re.compile(rf"(?:^|[^\d,.])1\s?(?:{_CURRENCY_WORD})\s?=?\s?$")
_LATIN_BEFORE = re.compile(r"[A-Za-z][A-Za-z0-9.]*[\s\-]?$")
#: A number written with 万 / 億 / 兆 or grouped digits is never a product's version (Falcon 9, Grok 4).
_LARGE_NUMBER = re.compile(r"[万億兆]|\d,\d{3}")
_PHONE = re.compile(r"(?:\+\d[\d ]{6,}|\d{2,4}-\d{2,4}-\d{3,4})")
_NOT_AFTER_NUMBER = re.compile(r"^(?:年|月|日|時|分|秒|歳|代)")
#: テスト飛行1回あたりの費用, 1人当たり, 10億ドルの資本あたりのGPU密度: what a rate is counted per, not a
#: figure (not 100ドルあたりで推移, "around").
_DENOMINATOR_AFTER = re.compile(r"\s?(?:の[\u4e00-\u9fff\u30a0-\u30ffー]{1,4})?(?:あたり|当たり|につき)(?![でまからを])")
#: An amount right after a count of one: 1基4万ドル (40,000 dollars a unit).
_AMOUNT_NEXT = re.compile(r"\s?(?:約|およそ|最大)?\s?\d")
_CHANGE_AFTER = re.compile(r"^\s?(?:へ|まで増|に増|に拡|に達|に倍)")
#: 前年同期比359%増, 一時40%超上昇, 売上高が20%の減少, 時価総額を500億ドル近く失った, 前日比10%高, 600円安:
#: the figure is how much something rose or fell, not its level (増資 and 減損 are amounts of their own, 高値
#: and 安値 a price).
_RISE_OR_FALL = re.compile(r"\s?(?:の\s?)?(?:(?P<up>増加|増(?!資)|上昇|伸び|成長|拡大|アップ|高(?![値額官水])|高い)"
                           r"|(?P<down>減少|減(?!損)|削減|下落|低下|縮小|ダウン|安(?![値定全心保])|(?:を\s?)?(?:失|吹き飛|目減り)))")


@dataclass
class RawFigure:
    start: int
    end: int
    unit: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "none"
    per: str | None = None
    also: dict | None = None
    #: where the scan goes on: past the paired amount when a note follows it inside the brackets
    resume: int = 0
    change: str | None = None  # increase | decrease: the figure is a rise or a fall, not a level


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    return int(value) if float(value).is_integer() else round(value, 6)


def _scaled(number: int | float, scale: float) -> int | float:
    """number × unit multiplier, exact for whole numbers (400 メガワット → 400,000,000 W)."""
    if isinstance(number, int) and float(scale).is_integer():
        return number * int(scale)
    return number * scale


def find_figures(text: str) -> Iterator[RawFigure]:
    """Every figure in ``text`` (an NFKC string), left to right, without overlaps: Japanese ones
    (200億ドル) and English ones ($20 billion) of an English passage or article."""
    japanese = list(_japanese_figures(text))
    english: list[RawFigure] = []
    if _ENGLISH_HINT.search(text):
        taken = [(f.start, max(f.end, f.resume)) for f in japanese]
        english = [f for f in _english_figures(text)
                   if not any(f.start < end and start < f.end or text[end : f.start].strip() == "(" for start, end in taken)]
    for figure in sorted(japanese + english, key=lambda f: f.start):
        if figure.change is None and figure.unit != "倍":
            figure.change = _english_change_before(text, figure)
        yield figure


@functools.lru_cache(maxsize=64)
def unit_of(word: str) -> tuple[str, float] | None:
    """The unit and multiplier a unit written alone means (億円 → JPY × 10**8, 百万ドル → USD × 10**6, %, MW), as
    a table's note gives them (（単位：億円））; None if it is none."""
    found = list(_japanese_figures(unicodedata.normalize("NFKC", f"1{word}")))
    if len(found) != 1 or found[0].value is None or found[0].end != len(word) + 1 or found[0].qualifier != "none":
        return None
    return found[0].unit, found[0].value


def _japanese_figures(text: str) -> Iterator[RawFigure]:
    position = 0
    while True:
        match = FIGURE.search(text, _search_from(text, position))
        if match is None:
            return
        position = max(match.end(), match.start() + 1)
        figures = list(_figures_from_match(text, match))
        if not figures:
            position = match.start("n1") + len(match.group("n1")) if match.group("n1") else position
            continue
        figures[-1].change = _change_after(text, figures[-1])  # 10万基から100万基: only the second may be
        for figure in figures:
            position = max(position, figure.end, figure.resume)
            yield figure


def _change_after(text: str, figure: RawFigure) -> str | None:
    """increase / decrease when the words after ``figure`` say it rose or fell by that much."""
    if figure.unit == "倍":
        return None  # 2倍増 says what it became
    found = _RISE_OR_FALL.match(text, figure.end)
    if found is None:
        return None
    return "increase" if found.group("up") else "decrease"


def _search_from(text: str, position: int) -> int:
    """Where the search for the next figure may start: no figure starts more than LEAD_CHARS before
    a number, and trying every character of the text between numbers took most of the time."""
    number = _NUMBER_START.search(text, position)
    if number is None:
        return len(text)
    return max(position, number.start() - LEAD_CHARS)


def _figures_from_match(text: str, m: re.Match[str]) -> Iterator[RawFigure]:
    unit_word = m.group("u2") or m.group("u1")
    if not unit_word or _is_excluded(text, m):
        return
    unit, scale = UNITS[unit_word]
    first = read_number(m.group("n1"))
    if first is None:
        return
    first_scale = UNITS[m.group("u1")][1] if m.group("u1") else scale
    if m.group("n2") and not m.group("u1") and not has_big_unit(m.group("n1")):
        first *= leading_big_unit(m.group("n2"))  # 300〜400億円, 約2〜3兆円: the first shares the second's 億/兆
    if m.group("neg"):
        first = -first  # ▲120億円, △50億円: a loss in Japanese accounts
    qualifier = _qualifier(m)
    per = _rate(m)
    start = m.start()
    if m.group("n2"):
        second = read_number(m.group("n2"))
        if second is None:
            return
        low, high = _scaled(first, first_scale), _scaled(second, scale)
        if _CHANGE_AFTER.match(text[m.end("u2") :]) and m.group("u1") and not m.group("suffix"):
            # 10万基から100万基への拡張: a change from one value to another, not a range
            yield RawFigure(start, m.end("u1"), unit, value=_num(low), qualifier=qualifier, per=per)
            second_start = m.start("q2") if m.group("q2") else m.start("n2")
            yield RawFigure(second_start, m.end(), unit, value=_num(high), qualifier=_suffix_qualifier(m), per=per)
            return
        if low > high:
            low, high = high, low
        yield RawFigure(start, m.end(), unit, low=_num(low), high=_num(high), qualifier=qualifier, per=per)
        return
    if m.group("band") and unit != "台":  # 5兆ドル台: in the band from 5兆 to 6兆 (not at 5兆 exactly)
        low, width = _scaled(first, scale), last_place(m.group("n1")) * scale
        if m.group("half"):  # 5000億円台後半: its upper half, 5500億–6000億円
            width /= 2
            low += width if m.group("half") == "後半" else 0
        yield RawFigure(start, m.end(), unit, low=_num(low), high=_num(low + width), qualifier=qualifier, per=per)
        return
    figure = RawFigure(start, m.end(), unit, value=_num(_scaled(first, scale)), qualifier=qualifier, per=per)
    paired = PAIRED.match(text, m.end())
    if paired and unit in CURRENCIES:
        other_unit, other_scale = UNITS[paired.group("u")]
        other = read_number(paired.group("n"))
        if other is not None and other_unit in CURRENCIES and other_unit != unit:
            q = PREFIX_QUALIFIERS.get((paired.group("q") or "").strip(), "none")
            figure.also = {"value": _num(_scaled(other, other_scale)), "unit": other_unit, "qualifier": q}
            if paired.group("close") == ")":
                figure.end = paired.end()
                after = _SUFFIX_AFTER_PAIR.match(text, figure.end)
                if after is not None and figure.qualifier == "none":  # 10億ドル（約1500億円）規模, …（約45兆円）超
                    figure.qualifier, figure.end = SUFFIX_QUALIFIERS[after.group(1)], after.end()
            else:
                figure.resume = paired.start("close")
    yield figure


def _qualifier(m: re.Match[str]) -> str:
    prefix = (m.group("q1") or "").strip()
    if prefix:
        return PREFIX_QUALIFIERS[prefix]
    return _suffix_qualifier(m)


def _suffix_qualifier(m: re.Match[str]) -> str:
    suffix = (m.group("suffix") or "").strip()
    return SUFFIX_QUALIFIERS.get(suffix, "none") if suffix else "none"


def _rate(m: re.Match[str]) -> str | None:
    rate = (m.group("rate") or "").strip().rstrip("で").strip()
    if rate:
        return RATES[rate]
    srate = (m.group("srate") or "").strip()
    return SUFFIX_RATES.get(srate) if srate else None


def _is_excluded(text: str, m: re.Match[str]) -> bool:
    """Product names (Grok 4), phone numbers, player volume, dates, years."""
    n1_start = m.start("n1")
    before = text[max(0, n1_start - 24) : n1_start]
    unit_word = m.group("u2") or m.group("u1")
    unit = UNITS[unit_word][0]
    if (unit not in CURRENCIES and unit != "percent" and not m.group("q1") and _LATIN_BEFORE.search(before)
            and not _LARGE_NUMBER.search(m.group("n1"))):
        return True  # Falcon 9回, Grok 4人 … a product name, not a count (but GPU 1万基 is a count)
    if _PHONE.match(text, max(0, n1_start - 1)) or before.rstrip().endswith("+"):
        return True
    if re.search(r"(?:音量|Volume)\s?$", before):
        return True
    if unit in CURRENCIES and not m.group("n2") and _is_exchange_rate(text, m):
        return True
    if before[-1:] in ("数", "何", "幾") or before.rstrip()[-1:] in ("#", "第"):
        return True  # 数十億ドル is vague, 第2 is an ordinal
    after_number = text[m.end("n1") : m.end("n1") + 2]
    if not m.group("u1") and not m.group("n2") and _NOT_AFTER_NUMBER.match(after_number):
        return True
    if (unit not in CURRENCIES and unit not in ("percent", "W") and not m.group("n2") and m.group("n1") == "1"
            and _AMOUNT_NEXT.match(text, m.end())):
        return True  # 1基4万ドル前後, 1人1万円: what the next amount is per, not a count
    return bool(_DENOMINATOR_AFTER.match(text, m.end()))


def _is_exchange_rate(text: str, m: re.Match[str]) -> bool:
    """1ドル=147円: either side of a currency conversion note (a rate, not an amount of the story)."""
    if read_number(m.group("n1")) == 1 and _RATE_AFTER.match(text, m.end()):
        return True
    return bool(_RATE_BEFORE.search(text, max(0, m.start() - 12), m.start()))


# --- English: $20 billion, up to $2 billion, €1.7bn, 1.2 gigawatts, 12 percent a year -----------------

_EN_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_EN_SCALES = {"trillion": 10**12, "tn": 10**12, "T": 10**12, "billion": 10**9, "bn": 10**9, "B": 10**9,
              "million": 10**6, "mn": 10**6, "m": 10**6, "M": 10**6, "thousand": 10**3, "k": 10**3, "K": 10**3}
_EN_SIGNS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
#: unit words after a number → (unit, multiplier)
_EN_WORDS = {"dollars": ("USD", 1), "yen": ("JPY", 1), "euros": ("EUR", 1), "pounds": ("GBP", 1), "yuan": ("CNY", 1),
             "gigawatts": ("W", 10**9), "gigawatt": ("W", 10**9), "megawatts": ("W", 10**6), "megawatt": ("W", 10**6),
             "percent": ("percent", 1), "per cent": ("percent", 1),
             # counts, in the units their Japanese reports use (10万基 of GPUs, 800人 of jobs)
             "gpus": ("基", 1), "chips": ("個", 1), "jobs": ("人", 1), "employees": ("人", 1), "workers": ("人", 1),
             "users": ("人", 1), "subscribers": ("人", 1), "customers": ("社", 1)}
_EN_AMOUNT_WORDS = {"dollars", "yen", "euros", "pounds", "yuan", "percent", "per cent"}
_YEAR = re.compile(r"(?:19|20)\d\d")
_EN_PREFIXES = {"about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx", "nearly": "approx",
                "almost": "approx", "some": "approx", "an estimated": "approx", "close to": "approx",
                "up to": "max", "as much as": "max", "as many as": "max", "at most": "max", "less than": "max", "under": "max",
                "at least": "min", "more than": "min", "over": "min", "upwards of": "min", "in excess of": "min"}
_EN_RATES = {"a year": "year", "per year": "year", "annually": "year", "a month": "month", "per month": "month",
             "a day": "day", "per day": "day", "an hour": "hour", "per hour": "hour"}
_EN_SCALE_RE = r"(?:trillion|billion|million|thousand|tn|bn|mn|(?-i:[TBMKmk]))(?![A-Za-z])"
_EN_SIGN_RE = alternation(_EN_SIGNS)
ENGLISH_FIGURE = re.compile(
    rf"(?:(?P<sign>{_EN_SIGN_RE})\s?(?P<n1>{_EN_NUMBER})(?:\s?(?P<s1>{_EN_SCALE_RE}))?"
    rf"(?:\s?(?:-|–|to)\s?(?:{_EN_SIGN_RE})?\s?(?P<n2>{_EN_NUMBER})(?:\s?(?P<s2>{_EN_SCALE_RE}))?)?"
    rf"|(?<![\dA-Za-z.,])(?P<w1>{_EN_NUMBER})(?:\s(?P<ws>trillion|billion|million|thousand))?\s(?:(?P<adj>[A-Za-z][A-Za-z0-9\-]*)\s)??"
    rf"(?P<word>{alternation(_EN_WORDS)})\b)"
    rf"(?P<more>\s(?:or more|plus)|-plus)?(?:,?\s(?P<rate>{alternation(_EN_RATES)})\b)?",
    re.I,
)
_EN_PREFIX_BEFORE = re.compile(rf"(?i:(?<![A-Za-z])({alternation(_EN_PREFIXES)}))\s$")
#: 1.5x, 1.5 times last year's level, 3 times larger (not 3 times a year: a count of occasions).
_EN_MULTIPLE = re.compile(r"(?<![\d.,$€£¥])(?P<n>\d+(?:\.\d+)?)(?:x(?![A-Za-z0-9])|\s?times(?=\s(?:last|the|its|their|that|as|"
                          r"more|larger|higher|bigger|greater|faster|what|over)\b))")
_VERSION_BEFORE = re.compile(r"(?:[A-Za-z]-?|\d-)$")
#: A currency sign, or a number with a scale or unit word: without any, the English scan is skipped.
_ENGLISH_HINT = re.compile(rf"{_EN_SIGN_RE}|\d\s(?i:trillion|billion|million|thousand|(?:[a-z]+\s)?(?:{alternation(_EN_WORDS)}))"
                           r"|\dx(?![A-Za-z0-9])|\d\s?times\s")


_EN_RISE = r"rose|rising|grew|growing|increased|jumped|climbed|gained|surged|soared"
_EN_FALL = r"fell|falling|decreased|dropped|declined|lost|slumped|plunged|shrank"
#: shares fell 12 percent, grew by $2 billion, revenue up 150% (up/down only before a percentage:
#: set up a $5 billion fund is no rise): a rise or a fall, not a level.
_EN_CHANGE_BEFORE = re.compile(rf"(?<![A-Za-z])(?:(?P<up>{_EN_RISE}|up)|(?P<down>{_EN_FALL}|down))(?:\sby)?\s$", re.I)


def _english_change_before(text: str, figure: RawFigure) -> str | None:
    found = _EN_CHANGE_BEFORE.search(text, max(0, figure.start - 16), figure.start)
    if found is None or found.group(0).split()[0].lower() in ("up", "down") and figure.unit != "percent":
        return None
    return "increase" if found.group("up") else "decrease"


def _english_figures(text: str) -> Iterator[RawFigure]:
    amounts = [_english_figure(text, m) for m in ENGLISH_FIGURE.finditer(text)
               if not (m.group("w1") and _YEAR.fullmatch(m.group("w1")) and m.group("word").lower() not in _EN_AMOUNT_WORDS)]
    yield from _between_ranges(text, _paired_in_english(text, amounts))  # (by 2026 users will …: a year, not a count)
    for m in _EN_MULTIPLE.finditer(text):
        if m.group("n") == "1" or _VERSION_BEFORE.search(text, max(0, m.start() - 2), m.start()):
            continue  # GPT-4x is a name; 1x no multiple
        start, qualifier = _en_prefix(text, m.start())
        yield RawFigure(start, m.end(), "倍", value=_en_value(m.group("n"), 1), qualifier=qualifier)


def _paired_in_english(text: str, amounts: list[RawFigure]) -> list[RawFigure]:
    """1 trillion yen ($6.7 billion): the same amount in another currency, as 200億ドル（約3兆円） is, not a
    figure of its own."""
    result: list[RawFigure] = []
    for amount in amounts:
        before = result[-1] if result else None
        if (before is not None and before.value is not None and amount.value is not None and before.also is None
                and before.unit in CURRENCIES and amount.unit in CURRENCIES and amount.unit != before.unit
                and text[before.end : amount.start] in (" (", "(") and text[amount.end : amount.end + 1] == ")"):
            before.also = {"value": amount.value, "unit": amount.unit, "qualifier": amount.qualifier}
            before.end = amount.end + 1
            continue
        result.append(amount)
    return result


_BETWEEN_BEFORE = re.compile(r"(?i:between)\s$")


def _between_ranges(text: str, amounts: list[RawFigure]) -> Iterator[RawFigure]:
    """between $10 billion and $12 billion: one range, not two amounts."""
    index = 0
    while index < len(amounts):
        first = amounts[index]
        second = amounts[index + 1] if index + 1 < len(amounts) else None
        if (second is not None and first.unit == second.unit and first.value is not None and second.value is not None
                and text[first.end : second.start] == " and " and _BETWEEN_BEFORE.search(text, max(0, first.start - 8), first.start)):
            low, high = sorted((first.value, second.value))
            yield RawFigure(first.start, second.end, first.unit, low=low, high=high, qualifier=first.qualifier, per=second.per)
            index += 2
        else:
            yield first
            index += 1


def _english_figure(text: str, m: re.Match[str]) -> RawFigure:
    if m.group("sign"):
        unit, scale = _EN_SIGNS[m.group("sign")], _en_scale(m.group("s2") or m.group("s1"))
        first, second = m.group("n1"), m.group("n2")
        first_scale = _en_scale(m.group("s1")) if m.group("s1") else scale
    else:
        unit, multiplier = _EN_WORDS[m.group("word").lower()]
        scale = first_scale = _en_scale(m.group("ws")) * multiplier
        first, second = m.group("w1"), None
    start, qualifier = _en_prefix(text, m.start())
    qualifier = "min" if m.group("more") else qualifier
    per = _EN_RATES[m.group("rate").lower()] if m.group("rate") else None
    if second is None:
        return RawFigure(start, m.end(), unit, value=_en_value(first, first_scale), qualifier=qualifier, per=per)
    low, high = sorted((_en_value(first, first_scale), _en_value(second, scale)))
    return RawFigure(start, m.end(), unit, low=low, high=high, qualifier=qualifier, per=per)


def _en_prefix(text: str, start: int) -> tuple[int, str]:
    """Where a figure starting at ``start`` starts with the qualifier before it (about, up to), and that qualifier."""
    prefix = _EN_PREFIX_BEFORE.search(text, max(0, start - 16), start)
    return (prefix.start(1), _EN_PREFIXES[prefix.group(1).lower()]) if prefix else (start, "none")


def _en_scale(word: str | None) -> int:
    if not word:
        return 1
    return _EN_SCALES.get(word, _EN_SCALES.get(word.lower(), 1))


def _en_value(number: str, scale: int) -> int | float:
    """number × scale, exact (Decimal): $4.55 billion is 4,550,000,000, not 4549999999.999999."""
    value = Decimal(number.replace(",", "")) * scale
    return int(value) if value == value.to_integral_value() else float(value)
