"""Inline SVG charts, computed at build time (no script, no external request).

This module only computes geometry; ``templates/_charts.html`` draws it with
autoescaped labels, so a label from a seed cannot inject markup.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from xai_digest.parse.dates import japanese_date
from xai_digest.render.format import amount, figure_value

WIDTH = 640
ROW = 30
LABEL_WIDTH = 200
MAX_BARS = 12


FONT_SIZE = 12  # .chart-label in style.css, in viewBox units


def _char_width(char: str) -> float:
    """About how wide a character is drawn: full-width characters take a whole em, others about half."""
    return FONT_SIZE if unicodedata.east_asian_width(char) in ("W", "F") else FONT_SIZE * 0.6


def text_width(text: str) -> float:
    return sum(map(_char_width, text))


def fit_label(text: str, width: float) -> str:
    """``text`` cut with … to fit ``width`` units."""
    used = 0.0
    for index, char in enumerate(text):
        used += _char_width(char)
        if used > width:
            return text[: max(index - 1, 0)] + "…"
    return text


@dataclass
class Bar:
    label: str
    caption: str
    x: float
    width: float
    y: float
    href: str = ""
    is_range: bool = False

    @property
    def short_label(self) -> str:
        """The label cut to the label column (the full one is the bar's tooltip)."""
        return fit_label(self.label, LABEL_WIDTH - 16)

    @property
    def caption_place(self) -> str:
        """Where the value is written: "inside" a bar long enough for it (white on blue), else "right"
        of the bar where the chart has room, else "left" of it (a range ending at the chart's edge)."""
        needed = text_width(self.caption) + 12
        if self.width >= needed:
            return "inside"
        if self.x + self.width + needed <= WIDTH or self.x - needed < LABEL_WIDTH:
            return "right"
        return "left"


@dataclass
class BarChart:
    title: str
    bars: list[Bar] = field(default_factory=list)
    height: int = 0
    width: int = WIDTH
    label_width: int = LABEL_WIDTH


def fact_chart(fact: dict[str, Any], reports: list[dict[str, Any]], label_for: dict[str, str], href_for: dict[str, str],
               subject: str) -> BarChart:
    """One bar per article of a fact (``reports``: ``Links.reports_of``), the first MAX_BARS: how each source put
    the number.  ``subject``: how the site writes the fact's subject."""
    members = reports[:MAX_BARS]
    highs = [abs(float(m.get("high") or m.get("value") or 0)) for m in members]  # a loss (−120億円) by its size
    top = max(highs) or 1.0
    scale = (WIDTH - LABEL_WIDTH - 20) / top
    chart = BarChart(title=f"{subject}：記事ごとの数値")
    for index, member in enumerate(members):
        low = float(member.get("low") if member.get("low") is not None else 0)
        high = float(member.get("high") if member.get("high") is not None else member.get("value") or 0)
        is_range = member.get("low") is not None
        x = LABEL_WIDTH + (low * scale if is_range else 0)
        chart.bars.append(
            Bar(
                label=label_for.get(member["source_file"], member["source_file"]),
                caption=figure_value({**member, "unit": fact["unit"], "per": fact["per"]}),
                x=round(x, 1),
                width=round(max(2.0, abs(high - (low if is_range else 0)) * scale), 1),
                y=index * ROW + 8,
                href=href_for.get(member["source_file"], ""),
                is_range=is_range,
            )
        )
    chart.height = len(members) * ROW + 16
    return chart


@dataclass
class Point:
    cx: float
    cy: float
    label: str
    href: str


@dataclass
class TimeChart:
    title: str
    points: list[Point] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    width: int = WIDTH
    height: int = 220


def _months(date: str) -> int | None:
    """Where ``date`` falls, in months since year 0 (a year or quarter at its middle month; months from one
    to another, 2025-04/2026-03, at the month halfway between)."""
    if "/" in date:
        ends = [_months(end) for end in date.split("/", 1)]
        return None if None in ends else (ends[0] + ends[1]) // 2
    try:
        year = int(date[:4])
        rest = date[5:7] if len(date) >= 7 and date[4] == "-" else ""
        month = int(rest) if rest.isdigit() else {"Q1": 2, "Q2": 5, "Q3": 8, "Q4": 11, "H1": 3, "H2": 9}.get(rest, 6)
    except ValueError:
        return None
    return year * 12 + month - 1


def amounts_over_time(name: str, figures: list[dict[str, Any]], href_for: dict[str, str]) -> TimeChart | None:
    """Dollar amounts about an entity by the date the sentence (or article) gives (not rises and falls)."""
    dated = [f for f in figures
             if f.get("unit") == "USD" and f.get("date") and (f.get("value") or f.get("high")) and not f.get("change")]
    if len(dated) < 2:
        return None
    months = [_months(f["date"]) for f in dated]
    values = [float(f.get("value") or f.get("high")) for f in dated]
    pairs = [(m, v, f) for m, v, f in zip(months, values, dated) if m is not None and v > 0]
    if len(pairs) < 2:
        return None
    lo_m, hi_m = min(p[0] for p in pairs) - 2, max(p[0] for p in pairs) + 2  # breathing room at both ends
    lo_v, hi_v = math.log10(min(p[1] for p in pairs)), math.log10(max(p[1] for p in pairs))
    span_m, span_v = max(hi_m - lo_m, 1), max(hi_v - lo_v, 1)
    left, right, top, bottom = 70, WIDTH - 20, 16, 190
    chart = TimeChart(title=f"{name} に関する金額（米ドル）の推移")
    for month, value, figure in sorted(pairs, key=lambda p: (p[0], p[1])):
        cx = left + (month - lo_m) / span_m * (right - left)
        cy = bottom - (math.log10(value) - lo_v) / span_v * (bottom - top)
        label = f"{japanese_date(figure['date'])}：{figure['text']}"
        chart.points.append(Point(round(cx, 1), round(cy, 1), label, href_for.get(figure["source_file"], "")))
    for year in range((lo_m + 11) // 12, hi_m // 12 + 1):
        month = year * 12
        chart.ticks.append((round(left + (month - lo_m) / span_m * (right - left), 1), f"{year}年"))
    for value in sorted({min(p[1] for p in pairs), max(p[1] for p in pairs)}):
        cy = bottom - (math.log10(value) - lo_v) / span_v * (bottom - top)
        chart.y_ticks.append((round(cy, 1), amount(int(value), "USD")))
    return chart
