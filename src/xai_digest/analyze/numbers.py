"""Reading Japanese numbers: 200億, 2億5,900万, 1.4兆, 三兆, 二十億, ４，０００, 3千万.

``read_number`` takes the text of a number as the figure regex found it (after
NFKC) and returns its value, or None when it is not a well-formed number.
"""

from __future__ import annotations

import re
from decimal import Decimal

KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "億": 10**8, "兆": 10**12}
KANJI_NUMERAL_CHARS = "".join(KANJI_DIGITS) + "".join(SMALL_UNITS)

#: One number as it appears in running text (NFKC): digits with commas and a
#: decimal point, or kanji numerals, each optionally followed by 兆/億/万, repeated.
NUMBER_PATTERN = (
    r"(?:(?:\d+(?:,\d{3})*(?:\.\d+)?[千百]?|[〇一二三四五六七八九十百千]+)\s?[兆億万]\s?)+"
    r"(?:\d+(?:,\d{3})*|[〇一二三四五六七八九十百千]+)?"
    r"|\d+(?:,\d{3})*(?:\.\d+)?[千百]?"
    r"|[一二三四五六七八九十百千]*[十百千][一二三四五六七八九]?"
)
#: One part of a number: its digits (3, 3千 as news writes 3000 before 万: 3千万ドル) or kanji, and its 兆/億/万.
_PART = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?[千百]?|[〇零一二三四五六七八九十百千]+)\s?([兆億万]?)")


def read_kanji_small(text: str) -> int | None:
    """A kanji numeral below 10,000: 三, 二十, 三百五十, 千二百."""
    total, digit = 0, None
    for ch in text:
        if ch in KANJI_DIGITS:
            if digit is not None:
                digit = digit * 10 + KANJI_DIGITS[ch]  # 二〇二五-style digit strings
            else:
                digit = KANJI_DIGITS[ch]
        elif ch in SMALL_UNITS:
            total += (digit if digit is not None else 1) * SMALL_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def read_number(text: str) -> int | float | None:
    """Value of a number like 2億5,900万 or 三兆; None if it is not one.

    Exact arithmetic (Decimal) so that 16-digit amounts read back exactly;
    whole numbers come back as int.
    """
    text = text.strip()
    if not text:
        return None
    total = Decimal(0)
    position = 0
    previous_big = None
    for match in _PART.finditer(text):
        if match.start() != position and text[position : match.start()].strip():
            return None
        position = match.end()
        raw, big = match.group(1), match.group(2)
        if raw[0].isdigit():
            small = SMALL_UNITS.get(raw[-1], 1)  # 3千 (of 3千万) is 3000
            value = Decimal(raw.rstrip("千百").replace(",", "")) * small
        else:
            small = read_kanji_small(raw)
            if small is None:
                return None
            value = Decimal(small)
        if big:
            scale = BIG_UNITS[big]
            if previous_big is not None and scale >= previous_big:
                return None  # 億 after 万 is not a number
            previous_big = scale
            value *= scale
        total += value
    if position != len(text):
        return None
    return int(total) if total == total.to_integral_value() else float(total)


def last_place(text: str) -> int | float:
    """One unit of the last place a number is written to (how wide 5兆ドル台 is): 5兆 → 1兆, 100億 → 100億,
    1兆5000億 → 1000億, 2.5兆 → 0.1兆, 20 → 1, 三十億 → 10億."""
    parts = _PART.findall(text.strip())
    if not parts:
        return 1
    raw, big = parts[-1]
    raw = raw.replace(",", "")
    if not raw[0].isdigit() or raw[-1] in SMALL_UNITS:  # 三十億, 2千億: the kanji's place
        width: int | float = SMALL_UNITS.get(raw[-1], 1)
    elif "." in raw:
        width = 10 ** -len(raw.split(".")[1])
    else:
        width = 10 ** (len(raw) - len(raw.rstrip("0"))) if raw.strip("0") else 1
    return width * BIG_UNITS.get(big, 1)


def leading_big_unit(text: str) -> int:
    """The first (largest) 万/億/兆 a number is written with (400億 → 10**8, 2兆5000億 → 10**12), else 1."""
    return next((BIG_UNITS[char] for char in text if char in BIG_UNITS), 1)


def has_big_unit(text: str) -> bool:
    return any(unit in text for unit in BIG_UNITS)
