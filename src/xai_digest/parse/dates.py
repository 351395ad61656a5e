"""Publication dates as the file states them, normalised to ISO 8601.

Only stated dates count: front matter values and datelines.  Nothing here
reads the clock, so relative dates (23日前) stay raw in ``date_relative``.
"""

from __future__ import annotations

import datetime as dt
import re

_ISO_LIKE = re.compile(
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
#: 令和7年 = 2025, 平成31年 = 2019 (元年 is the first): Japanese government papers date by era.
_ERA_BEFORE_FIRST_YEAR = {"令和": 2018, "平成": 1988}
ERA_NAMES = tuple(_ERA_BEFORE_FIRST_YEAR)
ERA_YEAR = rf"(?P<era>{'|'.join(ERA_NAMES)})\s?(?P<ey>元|\d{{1,2}})"
#: 2025年（令和7年）: the era year in brackets after the western one.
ERA_ASIDE = rf"(?:\s?[（(](?:{'|'.join(ERA_NAMES)})(?:元|\d{{1,2}})年?[）)])?"
_JA_DATE = re.compile(rf"(?:(?P<y>\d{{4}})|{ERA_YEAR})\s*年{ERA_ASIDE}\s*(?P<m>\d{{1,2}})\s*月(?:\s*(?P<d>\d{{1,2}})\s*日)?")


def western_year(match: re.Match[str]) -> int:
    """The year of a match of ``y`` (2025), ``yy`` (26年3月期: 2026) or ``era`` + ``ey`` (令和 7)."""
    groups = match.groupdict()
    if groups.get("y"):
        return int(groups["y"])
    if groups.get("yy"):
        return 2000 + int(groups["yy"])
    return _ERA_BEFORE_FIRST_YEAR[match["era"]] + (1 if match["ey"] == "元" else int(match["ey"]))


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: An English month's first three letters → its number.
MONTH_NUMBER = {name: number for number, name in enumerate(_MONTHS, start=1)}
MONTH_NAME = (r"(?i:january|february|march|april|may|june|july|august|september|october|november|december"
               r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?")
#: English datelines as blog platforms print them: Sep 3, 2025 / September 3, 2025 / 3 September 2025.
_EN_DATE = re.compile(rf"(?:(?P<mon>{MONTH_NAME})\s+(?P<d>\d{{1,2}}),?|(?P<d2>\d{{1,2}})\s+(?P<mon2>{MONTH_NAME}))\s+(?P<y>\d{{4}})")


class InvalidDate(ValueError):
    """The value looks like a date but is not a real one."""


def normalize_date(value: object) -> str | None:
    """Return an ISO date (or datetime) string, None for no date; raise InvalidDate."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    match = _ISO_LIKE.fullmatch(text)
    if match:
        return _iso_from_match(match, text)
    match = _JA_DATE.fullmatch(text)
    if match:
        return _ja_iso(match, text)
    raise InvalidDate(f"日付 {text!r} を読み取れません（2025-10-08 か 2025年10月8日 の形で書いてください）")


#: ``, November 5, 2025 --`` after ``TOKYO``: the date an English release's first paragraph opens with, after its city.
PRESS_DATE_AFTER_CITY = r",\s(?:[A-Z][A-Za-z .]{1,20},\s)?(?P<date>[A-Z][a-z]{2,8}\.?\s\d{1,2},\s\d{4})\s?(?:--|—|–|/)"


def find_dateline(text: str) -> str | None:
    """A date that opens or forms a dateline (``2025年10月8日``, ``2025-10-08 10:00``)."""
    found = split_dateline(text)
    return found[0] if found else None


#: A clock time after a dateline's date (``2025年10月8日 10:00``, ``at 9:02 a.m. ET``, ``08:00 AM Eastern
#: Standard Time`` as Business Wire writes it): part of the date line, not a byline — nor is a byline's first
#: letters its time zone (``8:30　AIウォッチ編集部``).
_CLOCK = re.compile(r"(?:at\s)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:(?i:am|pm|a\.m\.|p\.m\.)\s*)?(?:(?:[A-Z]{2,4}|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?(?![A-Za-z\u3040-\u30ff\u4e00-\u9fff])\s*"
                    r"|(?:Eastern|Central|Mountain|Pacific|Atlantic|Japan|Greenwich|British|Central European)\s(?:(?:Standard|Daylight|Summer|Mean)\s)?Time\s*)?")
#: What an English dateline may put before its date: Updated / Published, a clock time and its
#: separator (9:02 AM PST · November 12, 2025), a weekday (Wed, November 12, 2025).
#: 更新日時 2025年10月2日 14:10 JST, 公開日：2025/10/02: a label before a Japanese page's date.
_JA_LEAD = re.compile(r"(?:(?:更新|公開|配信|掲載|投稿)(?:日時|日)?[:：]?\s*)?")
_EN_LEAD = re.compile(
    r"(?:(?i:updated|published|posted)(?:\s(?i:on))?:?\s+)?"
    r"(?:\d{1,2}:\d{2}\s*(?:(?i:am|pm|a\.m\.|p\.m\.)\s*)?(?:[A-Z]{2,4}\s*)?[·•|,\-–]?\s*)?"
    r"(?:(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
)


def split_dateline(text: str) -> tuple[str, str] | None:
    """A dateline's ISO date and what follows it on the line (``2025年9月10日 テックウォッチ編集部``
    → ("2025-09-10", "テックウォッチ編集部")), separators and a clock time dropped; None if no date opens it."""
    stripped = text.strip().strip("【】[]()（）").strip()
    stripped = stripped[_JA_LEAD.match(stripped).end():]
    for pattern in (_ISO_LIKE, _JA_DATE, _EN_DATE):
        match = pattern.match(stripped, _EN_LEAD.match(stripped).end() if pattern is _EN_DATE else 0)
        if match and (len(stripped) - match.end() <= 2 or stripped[match.end() - 1].isspace()
                      or stripped[match.end()] in " 　–—-－,、/|（("):
            try:
                iso = (_iso_from_match(match, stripped) if pattern is _ISO_LIKE
                       else _ja_iso(match, stripped) if pattern is _JA_DATE else _en_iso(match, stripped))
            except InvalidDate:
                return None
            rest = stripped[match.end():].lstrip(" 　–—-－,、/|").strip()
            clock = _CLOCK.match(rest)
            return iso, rest[clock.end():] if clock else rest
    return None


def _iso_from_match(match: re.Match[str], text: str) -> str:
    y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
    try:
        if match["H"] is None:
            return dt.date(y, m, d).isoformat()
        tz = None
        if match["tz"]:
            raw = match["tz"]
            if raw == "Z":
                tz = dt.timezone.utc
            else:
                sign = -1 if raw[0] == "-" else 1
                digits = raw[1:].replace(":", "")
                tz = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        moment = dt.datetime(y, m, d, int(match["H"]), int(match["M"]), int(match["S"] or 0), tzinfo=tz)
        return moment.isoformat()
    except ValueError:
        raise InvalidDate(f"日付 {text!r} は存在しません") from None


def _ja_iso(match: re.Match[str], text: str) -> str:
    y, m = western_year(match), int(match["m"])
    try:
        if match["d"]:
            return dt.date(y, m, int(match["d"])).isoformat()
        dt.date(y, m, 1)
        return f"{y:04d}-{m:02d}"
    except ValueError:
        raise InvalidDate(f"日付 {text!r} は存在しません") from None


def _en_iso(match: re.Match[str], text: str) -> str:
    month = (match["mon"] or match["mon2"])[:3].lower()
    try:
        return dt.date(int(match["y"]), MONTH_NUMBER[month], int(match["d"] or match["d2"])).isoformat()
    except ValueError:
        raise InvalidDate(f"日付 {text!r} は存在しません") from None


def month_span(year: int, first: int, last: int) -> str:
    """Months ``first`` to ``last`` from ``year`` (into the next year when ``last`` < ``first``), by the
    shortest name records have: 2025, 2025-H1, 2025-Q3, 2025-10, else an ISO interval 2025-04/2026-03."""
    end_year = year + (last < first)
    if end_year == year:
        if (first, last) == (1, 12):
            return str(year)
        if last - first == 5 and first in (1, 7):
            return f"{year}-H{1 if first == 1 else 2}"
        if last - first == 2 and first % 3 == 1:
            return f"{year}-Q{(first + 2) // 3}"
        if first == last:
            return f"{year}-{first:02d}"
    return f"{year}-{first:02d}/{end_year}-{last:02d}"


#: The dates records hold: 2025, 2025-10, 2025-10-08 (from a timestamp's first 10 characters), 2024-Q4, 2025-H1,
#: and months from one to another, 2025-04/2026-03.
_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-H([12]))?")
_MONTH_INTERVAL = re.compile(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})")


def japanese_date(iso: str | None) -> str:
    """2025-10-08 → 2025年10月8日, 2025-10 → 2025年10月, 2025 → 2025年, 2024-Q4 → 2024年第4四半期,
    2025-H1 → 2025年上半期, 2025-04/2026-03 → 2026年3月期 (twelve months: a fiscal year), 2025-08/2025-10 →
    2025年8〜10月, for pages; anything else is shown as it is."""
    if not iso:
        return ""
    interval = _MONTH_INTERVAL.fullmatch(iso)
    if interval is not None:
        return _japanese_months(*map(int, interval.groups()))
    match = _ISO_PREFIX.fullmatch(iso[:10])
    if match is None:
        return iso
    year, month, day, quarter, half = match.groups()
    text = f"{int(year)}年"
    if month:
        text += f"{int(month)}月" + (f"{int(day)}日" if day else "")
    elif quarter:
        text += f"第{quarter}四半期"
    elif half:
        text += "上半期" if half == "1" else "下半期"
    return text


def _japanese_months(year: int, first: int, end_year: int, last: int) -> str:
    if end_year * 12 + last - (year * 12 + first) == 11:
        return f"{end_year}年{last}月期"
    return f"{year}年{first}〜{last}月" if end_year == year else f"{year}年{first}月〜{end_year}年{last}月"
