"""What every reader shares: the result type, the size limit, and safe decoding of bytes."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from viewer.model.dataset import Dataset
from viewer.model.errors import LoadError, Problem
from viewer.model.jsonpos import line_col

DEFAULT_MAX_BYTES = 2 * 1024**3
MAX_BYTES_ENV = "TIMELINE_VIEWER_MAX_BYTES"
# from this size a native JSON file is read on its columnar path, a file is read in the
# background in the window, and its load is cached (tables take one road at every size)
FAST_MIN_BYTES = 1024 * 1024


Progress = Callable[[float, str], None]  # (share done, what is being done); may raise Cancelled


@dataclass
class Loaded:
    """A dataset read from a file, with the warnings found on the way."""

    dataset: Dataset
    warnings: list[Problem] = field(default_factory=list)
    path: str = ""
    format: str = "native"


def starts_with(path: str | Path, magic: bytes) -> bool:
    """Whether a regular file starts with ``magic`` (False for anything else, which the
    readers then judge and name)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and os.read(fd, len(magic)) == magic
    except OSError:
        return False
    finally:
        os.close(fd)


def max_bytes() -> int:
    """The size limit for dataset files: $TIMELINE_VIEWER_MAX_BYTES, else 2 GiB."""
    value = os.environ.get(MAX_BYTES_ENV, "")
    try:
        return int(value) if value else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def read_limited(path: str | Path, limit: int | None = None) -> bytes:
    """Read a file's bytes, refusing one above the size limit; errors become LoadError.

    Only regular files are read: a FIFO would block and ``/dev/zero`` or ``/dev/urandom`` never
    end, so they are refused before a byte is read (opened non-blocking, checked with fstat).
    """
    file = str(path)
    limit = max_bytes() if limit is None else limit
    try:
        if Path(path).is_dir():
            raise LoadError.single(file, "is a folder; expected a dataset file")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb", buffering=0) as fh:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise LoadError.single(
                    file,
                    f"is a {_kind(info.st_mode)}, not a regular file; expected a dataset file",
                )
            if info.st_size > limit:
                raise LoadError.single(file, _too_big(info.st_size, limit))
            data = _read_at_most(fh, limit + 1, first=info.st_size + 1)
    except FileNotFoundError:
        raise LoadError.single(file, "no such file") from None
    except PermissionError:
        raise LoadError.single(file, "permission denied; expected a readable file") from None
    except IsADirectoryError:
        raise LoadError.single(file, "is a folder; expected a dataset file") from None
    except OSError as exc:
        raise LoadError.single(file, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise LoadError.single(
            file,
            f"the file grew above the limit of {_size(limit)} while it was read; expected a "
            f"file that does not change (raise the limit with {MAX_BYTES_ENV})",
        )
    return data


def _too_big(size: int, limit: int) -> str:
    return (
        f"the file is {_size(size)}, above the limit of {_size(limit)}; expected a smaller "
        f"file (raise the limit with {MAX_BYTES_ENV}=BYTES)"
    )


def _read_at_most(fh: BinaryIO, n: int, first: int) -> bytes:
    """Up to ``n`` bytes; ``first`` (the size fstat gave, + 1) sizes the first read, so a file
    is usually read in one piece without copies, and a file that lies about its size (procfs)
    is still read to its end, in chunks."""
    chunks: list[bytes] = []
    left = n
    size = max(first, 1)
    while left > 0:
        chunk = fh.read(min(left, size))
        size = _CHUNK
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


_CHUNK = 64 * 1024 * 1024


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _size(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def blank(text: str) -> bool:
    """``not text.strip()`` without copying the text (a whole file's, hundreds of MB)."""
    return not text or text.isspace()


def decode_text(data: bytes, file: str) -> str:
    """Decode a dataset file as UTF-8 (a byte-order mark is accepted and dropped)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    else:
        wide = _wide_encoding(data)
        if wide:
            raise LoadError.single(file, wide)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start].decode("utf-8", "replace")
        line, col = line_col(head, len(head))
        kind = "binary data" if b"\x00" in data[:4096] else "invalid UTF-8"
        raise LoadError(
            [
                Problem(
                    f"{kind} at byte {exc.start} (0x{data[exc.start]:02x}); expected UTF-8 text",
                    line=line,
                    col=col,
                    file=file,
                )
            ]
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        line, col = line_col(text, nul)
        raise LoadError(
            [
                Problem(
                    "NUL byte in the text; expected a text file, not binary data",
                    line=line,
                    col=col,
                    file=file,
                )
            ]
        )
    return text


def _wide_encoding(data: bytes) -> str:
    """The message if ``data`` is UTF-16 or UTF-32 (by its byte-order mark, else by its NUL bytes:
    ASCII text in UTF-16 has a NUL in every other byte, in UTF-32 three bytes in four)."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "is UTF-32 encoded (byte-order mark); expected UTF-8 (save it as UTF-8)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "is UTF-16 encoded (byte-order mark); expected UTF-8 (save it as UTF-8)"
    head = data[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return ""
    head = head[: len(head) // 4 * 4]
    quarters = [head[i::4].count(0) for i in range(4)]
    n = len(head) // 4
    if sum(1 for q in quarters if q >= 0.9 * n) == 3:
        return "looks like UTF-32; expected UTF-8 (three bytes in four are NUL: save it as UTF-8)"
    even, odd = quarters[0] + quarters[2], quarters[1] + quarters[3]
    if max(even, odd) >= 0.9 * 2 * n and min(even, odd) <= 0.1 * 2 * n:
        return "looks like UTF-16; expected UTF-8 (every other byte is NUL: save it as UTF-8)"
    return ""


@contextmanager
def no_memory_error(file: str) -> Iterator[None]:
    """Turn running out of memory while reading ``file`` into a LoadError (not a crash)."""
    try:
        yield
    except MemoryError:
        raise LoadError.single(
            file,
            "not enough memory to read it; expected a smaller file (or more free memory)",
        ) from None
