"""Forked workers that inherit the parent's objects instead of receiving pickles.

Rendering and the link check need the whole site model (records, links, compiled templates);
pickling it for every worker would cost more than the work.  A forked child starts with it.
``fork_map`` splits work over workers and returns small results (lists of paths, reports) in
part order, so the output does not depend on which worker finished first; ``ForkedCall`` runs
one function beside the parent (the search index beside the rendering).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_TASK: tuple[Callable[[Any, int, int], Any], Any, int] | None = None


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def worker_count(jobs: int | None, items: int, per_worker: int) -> int:
    """How many workers ``items`` deserve: ``jobs`` (None: every core), but at least ``per_worker``
    items each, since below that a worker costs more than it saves; 1 means do it in-process."""
    return max(1, min(jobs or os.cpu_count() or 1, items // per_worker))


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


class ForkedError(RuntimeError):
    """What the forked function raised, as ``Type: message``."""


class ForkedCall:
    """``function(*args)`` in a forked process while the parent goes on; ``wait`` joins it and
    raises ForkedError if it failed.  Without fork (or with ``parallel=False``) it runs inline,
    failing the same way."""

    def __init__(self, function: Callable[..., None], args: tuple[Any, ...], parallel: bool = True) -> None:
        self.process: multiprocessing.process.BaseProcess | None = None
        self.error: str | None = None
        if parallel and can_fork():
            context = multiprocessing.get_context("fork")
            self.receiver, sender = context.Pipe(duplex=False)
            self.process = context.Process(target=_call_in_child, args=(function, args, sender), daemon=True)
            self.process.start()
            sender.close()
        else:
            self.error = _attempt(function, args)

    def wait(self) -> None:
        if self.process is not None:
            try:
                self.error = self.receiver.recv()
            except EOFError:
                self.error = "the forked process ended without an answer"
            self.process.join()
            self.process = None
        if self.error:
            raise ForkedError(self.error)

    def cancel(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.join()
            self.process = None


def _attempt(function: Callable[..., None], args: tuple[Any, ...]) -> str | None:
    try:
        function(*args)
    except Exception as exc:  # the caller reports it; the rest of its work goes on
        return f"{type(exc).__name__}: {exc}"
    return None


def _call_in_child(function: Callable[..., None], args: tuple[Any, ...], sender: Any) -> None:
    sender.send(_attempt(function, args))
    sender.close()
