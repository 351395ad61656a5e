"""A parallel map over forked workers that inherit the parent's objects instead of receiving pickles.

Rendering and the link check need the whole site model (records, links, compiled templates);
pickling it for every worker would cost more than the work.  A forked child starts with it.
Results (small: lists of paths, reports) come back by pickle, in part order, so the output does
not depend on which worker finished first.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_TASK: tuple[Callable[[Any, int, int], Any], Any, int] | None = None


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def fork_map(function: Callable[[Any, int, int], T], shared: Any, workers: int, parts: int) -> list[T]:
    """``[function(shared, part, parts) for part in range(parts)]``, computed by ``workers`` forked processes."""
    global _TASK
    _TASK = (function, shared, parts)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run_part, range(parts), chunksize=1)
    finally:
        _TASK = None


def _run_part(part: int) -> Any:
    assert _TASK is not None, "fork_map's task is set before the workers fork"
    function, shared, parts = _TASK
    return function(shared, part, parts)
