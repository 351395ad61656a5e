"""Spans of the analysed text looked up by bisection — which one holds a position (table rows, cells,
interview answers), whether any covers a stretch (names found so far): a long page's every figure and
name would otherwise scan every span."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable


def span_holding(spans: list[tuple[int, int]]) -> Callable[[int, int], int | None]:
    """A lookup: the index in ``spans`` of the one holding ``start``–``end``, or None."""
    starts = [start for start, _ in spans]

    def holding(start: int, end: int) -> int | None:
        index = bisect.bisect_right(starts, start) - 1
        return index if index >= 0 and end <= spans[index][1] else None

    return holding


class Uncovered:
    """Whether a span overlaps none of the given spans, in O(log n): spans sorted by start,
    with the furthest end reached so far (spans may nest or overlap)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach = list(itertools.accumulate((e for _, e in spans), max))

    def __call__(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self.starts, end)  # the spans that start before ``end``
        return before == 0 or self.reach[before - 1] <= start
