"""Forked workers that inherit the parent's objects instead of receiving pickles.

Rendering and the link check need the whole site model (records, links, compiled templates);
pickling it for every worker would cost more than the work.  A forked child starts with it.
``fork_map`` splits work over workers and returns small results (lists of paths, reports) in
part order, so the output does not depend on which worker finished first; ``ForkedCall`` runs
one function beside the parent (the search index and the data files beside the rendering) and
returns its small result.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

_TASK: tuple[Callable[[Any, int, int], Any], Any, int] | None = None
_END = "xai-digest: end of pieces"
_CALL: tuple[tuple[Callable[..., Any], tuple[Any, ...]] | None, Any, Any] | None = None


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
    returns what the function returned (pickled back: keep it small), or raises ForkedError if
    it failed.  Without fork (or with ``parallel=False``) it runs inline, failing the same way.

    ``ForkedCall.standby()`` forks first and sends the call later (``start``, arguments pickled):
    forked while the parent is small, the process does not carry what the parent builds in
    between (a big archive's records); a standby never started is ended by ``cancel``.
    """

    def __init__(self, function: Callable[..., Any] | None = None, args: tuple[Any, ...] = (), parallel: bool = True) -> None:
        self.process: multiprocessing.process.BaseProcess | None = None
        self.requests: Any = None
        self.error: str | None = None
        self.result: Any = None
        if function is None:
            return
        if parallel and can_fork():
            self._fork((function, args))
        else:
            self.error, self.result = _attempt(function, args)

    @classmethod
    def standby(cls, parallel: bool = True) -> ForkedCall:
        call = cls()
        if parallel and can_fork():
            call._fork(None)
        return call

    def start(self, function: Callable[..., Any], args: tuple[Any, ...], pieces: Iterable[Any] = ()) -> None:
        """Run ``function(*args, [*pieces])`` in the standby process (inline when there is none).
        The pieces travel one at a time, so a big argument is never pickled whole."""
        if self.process is None:
            self.error, self.result = _attempt(function, (*args, list(pieces)))
            return
        try:
            self.requests.send((function, args))
            for piece in pieces:
                self.requests.send(piece)
            self.requests.send(_END)
        except OSError:
            pass  # the process is gone: ``wait`` says so
        finally:
            self.requests.close()

    def _fork(self, call: tuple[Callable[..., Any], tuple[Any, ...]] | None) -> None:
        global _CALL
        context = multiprocessing.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=False)
        requests, self.requests = context.Pipe(duplex=False) if call is None else (None, None)
        # the child inherits the call through a global: the Process object here would otherwise keep
        # ``args`` (a big archive's search documents) alive in the parent until ``wait``
        _CALL = (call, requests, sender)
        try:
            self.process = context.Process(target=_call_in_child, daemon=True)
            self.process.start()
        finally:
            _CALL = None
        sender.close()
        if requests is not None:
            requests.close()

    def wait(self) -> Any:
        if self.process is not None:
            try:
                self.error, self.result = self.receiver.recv()
            except EOFError:
                self.error = "the forked process ended without an answer"
            self.process.join()
            self.process = None
        if self.error:
            raise ForkedError(self.error)
        return self.result

    def cancel(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.join()
            self.process = None


class _Heap:
    """What ``long_lived_heap`` hands the build: ``settle`` once the model is built."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def settle(self) -> None:
        """The model is built: freeze what is alive and let the collector run for what comes after."""
        gc.freeze()
        if self.enabled:
            gc.enable()


@contextmanager
def long_lived_heap() -> Iterator[_Heap]:
    """Keep the cyclic garbage collector off the build's model (records, links).

    The collector finds nothing in it (records and links hold no reference cycles) yet would scan
    it again at every full collection: ~2.5 s of a one-edit build of 10,000 articles.  It is paused
    until ``settle``, which leaves everything alive then out of later collections (``gc.freeze``);
    that also keeps forked workers from touching, and so copying, the memory pages holding it.
    At the end everything is collectable again (``serve`` builds many times in one process).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield _Heap(enabled)
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def release_freed_memory() -> None:
    """Free what only reference cycles still hold (the renderer's closures) and hand the memory back
    to the system (glibc's ``malloc_trim``; nothing where there is no glibc), so that processes
    forked afterwards do not start with it."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _attempt(function: Callable[..., Any], args: tuple[Any, ...]) -> tuple[str | None, Any]:
    """(None, what ``function`` returned), or (what it raised, None)."""
    try:
        return None, function(*args)
    except Exception as exc:  # the caller reports it; the rest of its work goes on
        return f"{type(exc).__name__}: {exc}", None


def _call_in_child() -> None:
    assert _CALL is not None, "ForkedCall sets the call before it forks"
    call, requests, sender = _CALL
    if call is None:  # a standby: the call and its pieces come through the pipe, or nothing (cancelled)
        try:
            function, args = requests.recv()
            pieces = list(iter(requests.recv, _END))
        except EOFError:
            return
        call = (function, (*args, pieces))
    sender.send(_attempt(*call))
    sender.close()
