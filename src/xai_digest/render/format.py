"""Japanese display of numbers, units, dates and labels (Jinja filters)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from xai_digest.parse.dates import japanese_date
from xai_digest.parse.text import foreign_language, is_english
from xai_digest.yamlio import package_data

UNIT_NAMES = {"USD": "ドル", "JPY": "円", "EUR": "ユーロ", "GBP": "ポンド", "CNY": "人民元", "KRW": "ウォン", "TWD": "台湾ドル",
              "HKD": "香港ドル", "AUD": "豪ドル", "CAD": "カナダドル", "SGD": "シンガポールドル", "percent": "%"}
QUALIFIER_NAMES = {"approx": "約", "max": "最大", "min": "", "none": ""}
QUALIFIER_SUFFIX = {"min": "以上"}
PER_NAMES = {"month": "月あたり", "year": "年あたり", "day": "1日あたり", "hour": "1時間あたり"}
CHANGE_NAMES = {"increase": "増", "decrease": "減"}
#: What each measure is called on the site (data/measures.yaml, beside the cue words that find it).
MEASURE_NAMES: dict[str, str] = package_data("measures.yaml")["labels"]
KIND_NAMES = {
    "organization": "組織", "person": "人物", "product": "製品", "facility": "施設", "place": "地名",
    "outlet": "報道機関・情報源", "agency": "公的機関", "index": "株価指数", "other": "その他",
}
FORMAT_NAMES = {"front-matter": "ブログ記事（フロントマター付き）", "digest": "ダイジェストページ", "web": "ウェブページの抜粋",
                "markdown": "Markdown", "plain": "プレーンテキスト"}
_BIG = ((10**12, "兆"), (10**8, "億"), (10**4, "万"))


def ja_number(value: float | int) -> str:
    """20000000000 → 200億, 259000000 → 2億5,900万, 3.5 → 3.5, -12000000000 → −120億 (the minus sign: ▲120億円
    in a results table)."""
    if value < 0:
        return "−" + ja_number(-value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    value = int(value)
    for unit, name in _BIG:
        if value >= unit:
            major, rest = divmod(value, unit)
            return f"{major:,}{name}" + (ja_number(rest) if rest else "")
    return f"{value:,}"


def _watts(value: float) -> str:
    for unit, name in ((1e9, "GW"), (1e6, "MW"), (1e3, "kW")):
        if value >= unit:
            return f"{value / unit:,.4g}{name}"
    return f"{value:,.4g}W"


def amount(value: Any, unit: str) -> str:
    if value is None:
        return ""
    if unit == "W":
        return _watts(float(value))
    return f"{ja_number(value)}{UNIT_NAMES.get(unit, unit)}"


def figure_value(figure: Any) -> str:
    """A figure as a reader reads it: 約200億ドル, 150億〜160億ドル（年あたり）, 400MW以上, 359%増."""
    get = figure.get if isinstance(figure, dict) else lambda k, d=None: getattr(figure, k, d)
    unit = get("unit")
    if get("value") is not None:
        core = amount(get("value"), unit)
    else:
        core = f"{amount(get('low'), unit)}〜{amount(get('high'), unit)}"
    qualifier = get("qualifier", "none") or "none"
    text = f"{QUALIFIER_NAMES.get(qualifier, '')}{core}{QUALIFIER_SUFFIX.get(qualifier, '')}{CHANGE_NAMES.get(get('change'), '')}"
    per = get("per")
    return f"{text}（{PER_NAMES[per]}）" if per in PER_NAMES else text


def measure_name(measure: str | None) -> str:
    return MEASURE_NAMES.get(measure or "", "—")


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind)


def format_name(fmt: str) -> str:
    return FORMAT_NAMES.get(fmt, fmt)


def lang_attribute(text: str | None) -> Markup:
    """`` lang="en"`` for an English title or paragraph in the Japanese page (``zh``, ``ko`` for Chinese
    or Korean), so that screen readers and fonts read it as such (a Chinese 说 in a Japanese font is
    wrong); nothing for Japanese text.  Only ever these constants are returned."""
    if not text:
        return Markup("")
    if is_english(text):
        return Markup(' lang="en"')
    return _FOREIGN_LANG.get(foreign_language(text), Markup(""))


_FOREIGN_LANG = {"zh": Markup(' lang="zh"'), "ko": Markup(' lang="ko"')}


FILTERS = {
    "lang": lang_attribute,
    "ja_date": japanese_date,
    "ja_number": ja_number,
    "figure_value": figure_value,
    "measure_name": measure_name,
    "kind_name": kind_name,
    "format_name": format_name,
}


def atom_date(iso: str | None) -> str:
    """An RFC 3339 timestamp for Atom from a stated date (no clock involved)."""
    if not iso:
        return "1970-01-01T00:00:00Z"
    if "T" in iso:
        return iso
    parts = (iso.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


FILTERS["atom_date"] = atom_date
