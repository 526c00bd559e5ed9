"""Work in a forked child: its result comes back whole, and any failure of the child gives None
(the caller then does the work) with the child ended and reaped."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

from viewer.model import forked
from viewer.model.forked import Forked

pytestmark = pytest.mark.skipif(not forked.AVAILABLE, reason="fork() only on Linux")


def assert_reaped(pid: int) -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def started(work) -> Forked:  # type: ignore[no-untyped-def]
    helper = Forked.start(work)
    assert helper is not None
    return helper


def test_the_result_comes_back_whole() -> None:
    big = np.arange(3_000_000)  # 24 MB: more than the pipe holds at once
    helper = started(lambda: {"numbers": big * 2, "text": "été\0x" * 1000})
    try:
        result = helper.result(30)
    finally:
        pid = helper.pid
        helper.close()
    assert result is not None
    assert np.array_equal(result["numbers"], big * 2)
    assert result["text"] == "été\0x" * 1000
    assert_reaped(pid)


def fail() -> None:
    raise ValueError("broken")


@pytest.mark.parametrize(
    "work",
    [fail, lambda: os._exit(3), lambda: os.kill(os.getpid(), 9), lambda: lambda: None],
    ids=["raises", "exits", "killed", "result not picklable"],
)
def test_a_failed_child_gives_none(work) -> None:  # type: ignore[no-untyped-def]
    helper = started(work)
    pid = helper.pid
    try:
        assert helper.result(30) is None
    finally:
        helper.close()
    assert_reaped(pid)


def test_a_child_that_does_not_answer_in_time_is_ended() -> None:
    helper = started(lambda: time.sleep(60))
    pid = helper.pid
    begun = time.monotonic()
    try:
        assert helper.result(0.3) is None
    finally:
        helper.close()
    assert time.monotonic() - begun < 10
    assert_reaped(pid)


def test_poll_is_called_while_waiting_and_may_cancel() -> None:
    helper = started(lambda: time.sleep(60))
    pid = helper.pid
    calls = []

    def poll() -> None:
        calls.append(time.monotonic())
        if len(calls) == 3:
            raise KeyboardInterrupt

    try:
        with pytest.raises(KeyboardInterrupt):
            helper.result(30, poll)
    finally:
        helper.close()
    assert len(calls) == 3
    assert_reaped(pid)


def test_no_child_where_fork_is_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "AVAILABLE", False)
    assert Forked.start(lambda: 1) is None


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.parametrize("call", ["fork", "pipe"])
def test_no_child_when_the_system_refuses_one(monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    def refuse(*_args: object) -> None:
        raise OSError(24, "Too many open files")

    before = open_fds()
    monkeypatch.setattr(os, call, refuse)
    assert Forked.start(lambda: 1) is None
    assert open_fds() == before


def test_a_pipe_numbered_beyond_select_limit_works() -> None:
    extra = []
    try:
        while len(extra) < 1100:  # the pipe gets a number above 1024, which select() refuses
            extra.append(os.open(os.devnull, os.O_RDONLY))
        helper = started(lambda: "answer")
        assert helper.fd > 1024
        try:
            assert helper.result(30) == "answer"
        finally:
            helper.close()
    finally:
        for fd in extra:
            os.close(fd)


def piped_bytes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the parent's reads of the pipe, from now on."""
    sizes: list[int] = []
    read = os.read

    def counted(fd: int, n: int) -> bytes:
        block = read(fd, n)
        sizes.append(len(block))
        return block

    monkeypatch.setattr(os, "read", counted)
    return sizes


def test_a_result_comes_through_memory_and_the_pipe_carries_a_note(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    big = np.arange(3_000_000)  # 24 MB
    before = open_fds()
    piped = piped_bytes(monkeypatch)
    helper = started(lambda: {"numbers": big * 2, "names": ["a", "b"], "empty": big[:0]})
    try:
        result = helper.result(30)
    finally:
        helper.close()
    assert result is not None
    assert result["names"] == ["a", "b"]
    assert np.array_equal(result["numbers"], big * 2)
    assert len(result["empty"]) == 0
    assert sum(piped) < 1000
    result["numbers"][0] = -1  # the caller's own memory
    assert open_fds() == before


@pytest.mark.parametrize("refused", ["memfd_create", "ftruncate"])
def test_without_a_memory_file_the_result_comes_through_the_pipe(
    monkeypatch: pytest.MonkeyPatch, refused: str
) -> None:
    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, refused, refuse)  # in the parent, or (ftruncate) in the child
    big = np.arange(1_000_000)
    before = open_fds()
    piped = piped_bytes(monkeypatch)
    helper = started(lambda: big + 1)
    try:
        result = helper.result(30)
    finally:
        helper.close()
    assert result is not None
    assert np.array_equal(result, big + 1)
    assert sum(piped) > big.nbytes
    assert open_fds() == before
