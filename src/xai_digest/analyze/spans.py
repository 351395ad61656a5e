"""Spans of the analysed text that are sorted and apart (table rows, cells, interview answers), looked up
by bisection: a long page's every figure and name would otherwise scan every span."""

from __future__ import annotations

import bisect
from collections.abc import Callable


def span_holding(spans: list[tuple[int, int]]) -> Callable[[int, int], int | None]:
    """A lookup: the index in ``spans`` of the one holding ``start``–``end``, or None."""
    starts = [start for start, _ in spans]

    def holding(start: int, end: int) -> int | None:
        index = bisect.bisect_right(starts, start) - 1
        return index if index >= 0 and end <= spans[index][1] else None

    return holding
