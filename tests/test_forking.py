"""Forked calls: a standby process forked early runs the call sent later, its pieces in order."""

import json

import pytest

from xai_digest.forking import ForkedCall, ForkedError


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
