"""Forked calls: a standby process forked early runs the call sent later, its pieces in order.
The build's long-lived heap: kept out of collections while it lives, collectable after."""

import gc
import json

import pytest

from xai_digest.forking import ForkedCall, ForkedError, long_lived_heap


def write_pieces(path, prefix, pieces):
    path.write_text(json.dumps([prefix, pieces]))


def fail(path, prefix, pieces):
    raise ValueError(f"bad piece {pieces[-1]}")


@pytest.mark.parametrize("parallel", [True, False])
def test_a_standby_runs_the_call_sent_later_with_every_piece_in_order(tmp_path, parallel):
    standby = ForkedCall.standby(parallel)
    assert (standby.process is not None) == parallel
    built_after_the_fork = [[n, "ピース" * n] for n in range(300)]  # sent, not inherited
    standby.start(write_pieces, (tmp_path / "out.json", "p"), iter(built_after_the_fork))
    standby.wait()
    assert json.loads((tmp_path / "out.json").read_text()) == ["p", built_after_the_fork]


@pytest.mark.parametrize("parallel", [True, False])
def test_a_failing_standby_call_raises_with_its_message(tmp_path, parallel):
    standby = ForkedCall.standby(parallel)
    standby.start(fail, (tmp_path / "out.json", "p"), ["a", "b"])
    with pytest.raises(ForkedError, match="ValueError: bad piece b"):
        standby.wait()


def paths_and_pid(prefix):
    import os

    return [f"{prefix}/{n}" for n in range(3)], os.getpid()


@pytest.mark.parametrize("parallel", [True, False])
def test_a_call_hands_back_what_the_function_returned(parallel):
    import os

    paths, pid = ForkedCall(paths_and_pid, ("data",), parallel).wait()
    assert paths == ["data/0", "data/1", "data/2"]
    assert (pid != os.getpid()) == parallel


def test_a_cancelled_standby_ends_its_process():
    standby = ForkedCall.standby()
    process = standby.process
    assert process is not None and process.is_alive()
    standby.cancel()
    assert not process.is_alive() and standby.process is None


def test_a_standby_that_died_is_reported_by_wait_not_by_start(tmp_path):
    standby = ForkedCall.standby()
    standby.process.kill()
    standby.process.join()
    standby.start(write_pieces, (tmp_path / "out.json", "p"), (["x" * 100_000] for _ in range(50)))  # no exception here
    with pytest.raises(ForkedError, match="ended without an answer"):
        standby.wait()


class Node:
    def __init__(self):
        self.me = self  # a reference cycle: only the collector frees it


def test_the_long_lived_heap_is_frozen_once_settled_and_collectable_after():
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with long_lived_heap() as heap:
        assert not gc.isenabled()  # while the model is loaded
        model = [Node() for _ in range(100)]
        heap.settle()
        assert gc.isenabled() and gc.get_freeze_count() >= 100
        del model
        assert gc.collect() == 0  # frozen: the collector does not even look at it
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert gc.collect() >= 100  # a long-running process (serve) gets it back


def test_the_collector_is_restored_when_the_build_fails_and_left_off_if_it_was_off():
    with pytest.raises(RuntimeError):
        with long_lived_heap() as heap:
            heap.settle()
            raise RuntimeError("render failed")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        with long_lived_heap() as heap:
            heap.settle()
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
