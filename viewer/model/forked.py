"""Work done in a forked child process, on the machine's other core, while this one goes on.

The child is a copy of this process made by ``fork()``: it has every module and object already
(nothing is imported or sent to it), runs one function, and ends with ``os._exit`` (no clean-up,
no buffers flushed twice). It writes the pickled result to a memory file the parent made before
the fork, its arrays as they are in memory, and says on a pipe where they are. The parent reads
the result when it needs it, without waiting for it to be copied through the pipe: a read of
the memory file is several times faster, and the child ends without waiting for a reader.
Where there is no memory file (an old kernel; no memory left for it), the result comes whole
through the pipe.

Anything that goes wrong in the child (an exception, a crash, no answer within the timeout)
gives None, and the caller does the work itself: the child can only save time, never change
what the parent gets.

Only on Linux: macOS's system libraries do not support a fork without exec. A child forked from
a process with other threads (the GUI's) runs only the given function, which must take no lock
that another thread could hold (pure Python, msgspec and numpy code that makes no threads); the
timeout covers the rest.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import select
import signal
import struct
import sys
import threading
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

AVAILABLE = sys.platform.startswith("linux") and hasattr(os, "fork")
_HEADER = struct.Struct("<Q")  # the length of the pickled result
_POLL_S = 0.05  # how often the parent calls ``poll`` while it waits
_PIPE_BYTES = 1 << 20
_ALIGN = 64  # the arrays of a result in a memory file start at multiples of this
_FORKING = threading.Lock()
# Python 3.12+ warns on every fork of a process with threads (the GUI has some) that the child
# may deadlock: this module's children run only their work, and their parent's wait is bounded
warnings.filterwarnings(
    "ignore",
    r"This process .* is multi-threaded, use of fork\(\) may lead to deadlocks",
    DeprecationWarning,
)


class Forked:
    """A function running in a child process; :meth:`result` waits for what it returned."""

    def __init__(self, pid: int, fd: int, memory: int = -1) -> None:
        self.pid, self.fd = pid, fd
        self.memory = memory  # the memory file the child writes its result to (-1: none)

    @classmethod
    def start(cls, work: Callable[[], Any]) -> Forked | None:
        """``work()`` in a child process; None where that is not possible (the caller then does
        the work itself)."""
        if not AVAILABLE or len(os.sched_getaffinity(0)) < 2:  # one core: no help to be had
            return None
        # one fork at a time: a child forked meanwhile would keep another's pipe open
        with _FORKING:
            try:
                r, w = os.pipe()
            except OSError:  # no file descriptor left: no help, the same result
                return None
            memory = _memory_file()
            try:
                pid = os.fork()
            except OSError:  # no memory or process left for a child
                for fd in (r, w, memory):
                    if fd >= 0:
                        os.close(fd)
                return None
            if pid == 0:  # the child (its work is checked through its result)
                code = 1
                try:
                    os.close(r)
                    _answer(w, memory, work())
                    code = 0
                finally:
                    os._exit(code)
            os.close(w)
        import fcntl  # Unix only, as fork is

        with contextlib.suppress(OSError):  # a bigger pipe: fewer reads of an answer sent whole
            fcntl.fcntl(r, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
        return cls(pid, r, memory)

    def result(self, timeout: float, poll: Callable[[], None] = lambda: None) -> Any | None:
        """What the child's work returned; None if the child failed or gave no full answer
        within ``timeout`` seconds. ``poll`` is called every few tens of milliseconds while
        waiting (it may raise, to cancel: the caller then closes this)."""
        deadline = time.monotonic() + timeout
        data = bytearray()
        polled = 0.0
        waiting = select.poll()  # not select(): no limit on the descriptor's number
        waiting.register(self.fd, select.POLLIN)
        while True:
            now = time.monotonic()
            if now - polled >= _POLL_S:
                poll()
                polled = now
            if now >= deadline:
                return None
            try:
                if not waiting.poll(1000 * min(_POLL_S, deadline - now)):
                    continue
                block = os.read(self.fd, 1 << 20)
            except OSError:
                return None
            if not block:  # the child closed the pipe: it ended
                break
            data += block
        if len(data) < _HEADER.size or len(data) != _HEADER.size + _HEADER.unpack_from(data)[0]:
            return None  # the child failed before or while writing
        try:
            how, *answer = pickle.loads(memoryview(data)[_HEADER.size :])
            return answer[0] if how == "whole" else self._read_back(*answer)
        except Exception:  # a broken answer is no answer: the caller does the work
            return None

    def _read_back(self, stream: int, arrays: list[tuple[int, int]]) -> Any:
        """The result the child wrote to the memory file: a pickle ``stream`` bytes long, then
        the arrays (offset, length) it refers to, each read into a buffer of its own."""
        size = os.fstat(self.memory).st_size
        if not all(a >= 0 and a + n <= size for a, n in arrays) or stream > size:
            return None
        buffers = [_read_at(self.memory, a, n) for a, n in arrays]
        return pickle.loads(_read_at(self.memory, 0, stream), buffers=buffers)

    def close(self) -> None:
        """End the child if it still runs, and reap it."""
        if self.pid == 0:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        os.close(self.fd)
        if self.memory >= 0:
            os.close(self.memory)
        self.pid, self.memory = 0, -1


class Meeting:
    """Items ``0 .. count - 1`` of work shared by this process and a child forked after this is
    made: this process takes them from the front, the child from the back, until they meet, so
    that the faster of the two takes more (the two cores are not always as fast).

    Each side writes only its own end, in memory the two share, and reads the other's. A side
    may see the other's end late, so both may take the items where they meet (never does an
    item go untaken): the caller keeps one of their two results."""

    def __init__(self, count: int) -> None:
        self._ends = shared_int64(2)
        self._ends[:] = (0, count)

    @property
    def front(self) -> int:
        """Items before this are taken from the front."""
        return int(self._ends[0])

    @property
    def back(self) -> int:
        """Items from this on are taken from the back."""
        return int(self._ends[1])

    def take_front(self) -> int | None:
        """The next item from the front, or None where the back has been reached."""
        item = int(self._ends[0])
        if item >= self._ends[1]:
            return None
        self._ends[0] = item + 1
        return item

    def take_back(self, reserve: int = 0) -> int | None:
        """The next item from the back, or None where the front has been reached (or is
        ``reserve`` items away: they are left to the front, which may be done sooner)."""
        item = int(self._ends[1]) - 1
        if item < self._ends[0] + reserve:
            return None
        self._ends[1] = item
        return item


def shared_int64(count: int) -> np.ndarray:
    """An array of ``count`` int64 in memory shared with children forked after this is made
    (each write is seen by the other processes)."""
    return np.frombuffer(mmap.mmap(-1, max(8, 8 * count)), np.int64)[:count]


def _memory_file() -> int:
    """A new file in memory for a child's result; -1 where none can be made."""
    try:
        return os.memfd_create("viewer-forked-result", os.MFD_CLOEXEC)
    except (AttributeError, OSError):  # no memfd_create (not Linux 3.17+), or no memory
        return -1


def _answer(pipe: int, memory: int, result: Any) -> None:
    """Give the parent ``result``: in the memory file with a note of where on the pipe, or
    whole through the pipe if there is no memory file or it cannot hold the result."""
    if memory >= 0:
        arrays: list[pickle.PickleBuffer] = []
        stream = pickle.dumps(result, protocol=5, buffer_callback=arrays.append)
        spans, at = [], len(stream)
        try:
            _write_all(memory, stream)
            for array in arrays:
                raw = array.raw()
                at = -(-at // _ALIGN) * _ALIGN
                os.lseek(memory, at, os.SEEK_SET)
                _write_all(memory, raw)
                spans.append((at, raw.nbytes))
                at += raw.nbytes
            os.ftruncate(memory, max(at, 1))
        except OSError:  # no memory left for the file: the pipe holds it all
            with contextlib.suppress(OSError):
                os.ftruncate(memory, 0)  # (what was written is freed)
        else:
            _message(pipe, ("in memory", len(stream), spans))
            return
    _message(pipe, ("whole", result))


def _read_at(fd: int, at: int, size: int) -> bytearray:
    """``size`` bytes of a file from offset ``at`` (the offset the child moved is not used)."""
    data = bytearray(size)
    view, done = memoryview(data), 0
    while done < size:
        got = os.preadv(fd, [view[done:]], at + done)
        if not got:
            raise EOFError("the memory file ends early")
        done += got
    return data


def _message(pipe: int, message: tuple[Any, ...]) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    _write_all(pipe, _HEADER.pack(len(data)))
    _write_all(pipe, data)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
