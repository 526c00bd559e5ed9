"""The one writer of every file the project writes: convert, generate, print, export, the cache.

- A regular file (or a new one) is replaced atomically: the bytes go to a temporary file in the
  target's folder, are flushed and fsynced, the temporary file is renamed over the target and the
  folder is fsynced. On any error the temporary file is removed and the old file is untouched. A
  symbolic link is followed: the file it names is replaced and the link stays.
- A target that exists and is not a regular file (a device, a FIFO, a terminal, ``/dev/stdout``
  and the other ``/dev`` and ``/proc`` names of open files) is written into, never replaced.
- ``-`` is standard output.
- Every failure raises :class:`OutputError`: one message naming the file and the reason.

:func:`refuse_inputs` is called before a command reads anything: a command never writes over one
of its own inputs, whatever the spelling of the path (links, ``./``, hard links).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Literal, overload

STDOUT = "-"
# the kernel's names of open files: a regular file reached through them is written into, since
# the shell opened it (with > or >>) and renaming over it would replace /dev/stdout itself
_OPEN_FILE_TREES = ("/dev/", "/proc/")

PathLike = str | os.PathLike[str]


class OutputError(Exception):
    """An output that could not be written; ``str()`` is the message for the user."""

    def __init__(self, path: PathLike, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        name = "standard output" if self.path == STDOUT else self.path
        super().__init__(f"{name}: cannot write: {reason}")


def reason_of(exc: OSError, path: PathLike) -> str:
    """A short reason for an OSError, in words a user reads."""
    folder = os.path.dirname(os.path.abspath(path))
    reasons = {
        errno.ENOSPC: "no space left on the disk",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the disk is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
        errno.EISDIR: "is a folder; expected a file name",
        errno.ENOENT: f"the folder {folder} does not exist",
        errno.ENOTDIR: f"{folder} is not a folder",
        errno.EPIPE: "the reader closed the pipe",
        errno.EFBIG: "the file is too large for the disk",
    }
    return reasons.get(exc.errno or 0) or exc.strerror or str(exc)


# --- never over an input -------------------------------------------------------------------


def same_file(a: PathLike, b: PathLike) -> bool:
    """True when two paths name one file: the same inode (links, other spellings) or the same
    resolved path (a file that does not exist yet)."""
    if str(a) == STDOUT or str(b) == STDOUT:
        return False
    try:
        sa, sb = os.stat(a), os.stat(b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def is_stdout(path: PathLike) -> bool:
    """True when ``path`` is standard output (``-``, /dev/stdout, the file it was sent to): a
    command then writes its messages to stderr."""
    if str(path) == STDOUT:
        return True
    try:
        a, b = os.stat(path), os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def refuse_inputs(output: PathLike, inputs: Iterable[PathLike | None]) -> None:
    """Raise OutputError when ``output`` is one of ``inputs`` (call it before reading them)."""
    for inp in inputs:
        if inp is not None and same_file(output, inp):
            also = "" if os.path.abspath(inp) == os.path.abspath(output) else f" ({inp})"
            raise OutputError(
                output,
                f"it is an input of this command{also}; nothing was read or written. "
                "Expected another output file",
            )


# --- the writer ----------------------------------------------------------------------------


def _umask() -> int:
    """The process's umask, read without changing it (other threads may be creating files)."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", "rb") as fh:
        for line in fh:
            if line.startswith(b"Umask:"):
                return int(line.split()[1], 8)
    return 0o022


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # some file systems cannot sync a folder
            os.fsync(fd)
    finally:
        os.close(fd)


def written_into(path: PathLike) -> bool:
    """True when ``path`` exists and is written into rather than replaced (not a regular file,
    or a kernel name of an open file such as /dev/stdout). Raises OutputError for a folder."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise OutputError(path, reason_of(exc, path)) from None
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(path, "is a folder; expected a file name")
    if not stat.S_ISREG(st.st_mode):
        return True
    spelled = os.path.abspath(path)
    return spelled.startswith(_OPEN_FILE_TREES)


@overload
def open_output(
    path: PathLike, mode: Literal["w"] = "w"
) -> contextlib.AbstractContextManager[IO[str]]: ...
@overload
def open_output(
    path: PathLike, mode: Literal["wb"]
) -> contextlib.AbstractContextManager[IO[bytes]]: ...
def open_output(path: PathLike, mode: str = "w") -> contextlib.AbstractContextManager[IO[Any]]:
    """A context manager yielding a file to write ``path`` through (text mode writes UTF-8
    with the newlines given). The target changes only when the block ends without an error;
    an error in the block or in writing raises OutputError (other exceptions pass unchanged)."""
    if mode not in ("w", "wb"):
        raise ValueError(f"mode {mode!r}; expected 'w' or 'wb'")
    return _open_output(path, mode == "wb")


@contextlib.contextmanager
def _open_output(path: PathLike, binary: bool) -> Iterator[IO[Any]]:
    if str(path) == STDOUT:
        with _stdout(binary) as fh:
            yield fh
        return
    if written_into(path):
        with _into(path, binary) as fh:
            yield fh
        return
    with _replacing(path, binary) as fh:
        yield fh


class _Utf8:
    """Text written as UTF-8 into a binary stream (which it never closes)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(text.encode("utf-8"))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()


@contextlib.contextmanager
def _stdout(binary: bool) -> Iterator[IO[Any]]:
    """Standard output; text is UTF-8 whatever the locale says, like the files we write."""
    sys.stdout.flush()
    fh: IO[Any] = sys.stdout.buffer if binary else _Utf8(sys.stdout.buffer)  # type: ignore[assignment]
    try:
        yield fh
        fh.flush()
    except BrokenPipeError:
        raise  # the reader went away: the CLI exits quietly, as `head` expects
    except OSError as exc:
        raise OutputError(STDOUT, reason_of(exc, STDOUT)) from None


@contextlib.contextmanager
def _into(path: PathLike, binary: bool) -> Iterator[IO[Any]]:
    """Write into an existing non-regular file: no truncation of a device, append to a
    regular file the shell opened for us (> has already truncated it, >> wants an append)."""
    try:
        st = os.stat(path)
        flags = os.O_WRONLY | (os.O_APPEND if stat.S_ISREG(st.st_mode) else 0)
        fd = os.open(path, flags)
    except OSError as exc:
        raise OutputError(path, reason_of(exc, path)) from None
    fh = os.fdopen(fd, "wb" if binary else "w", **({} if binary else _TEXT))
    try:
        yield fh
        fh.flush()
        with contextlib.suppress(OSError):  # a terminal or a pipe cannot be synced
            os.fsync(fd)
    except OSError as exc:
        _close_quietly(fh)
        raise OutputError(path, reason_of(exc, path)) from None
    except BaseException:
        _close_quietly(fh)
        raise
    try:
        fh.close()
    except OSError as exc:
        raise OutputError(path, reason_of(exc, path)) from None


_TEXT: dict[str, Any] = {"encoding": "utf-8", "newline": ""}


def _close_quietly(fh: IO[Any]) -> None:
    with contextlib.suppress(OSError, ValueError):
        fh.close()


def _temp_in_folder(path: PathLike) -> tuple[int, str, str]:
    """(fd, temporary path, real target) for replacing ``path``: the temporary file sits next
    to the file a link points at, so the rename stays on one file system."""
    real = os.path.realpath(path)
    folder, name = os.path.split(real)
    old: os.stat_result | None = None
    try:
        old = os.stat(real)
        mode = stat.S_IMODE(old.st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise OutputError(path, reason_of(exc, path)) from None
    if not os.path.isdir(folder):
        raise OutputError(path, reason_of(FileNotFoundError(errno.ENOENT, ""), path))
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name[:100]}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(path, reason_of(exc, path)) from None
    with contextlib.suppress(OSError):
        os.fchmod(fd, mode)  # the permissions the old file had, or a new file's
    if old is not None and os.geteuid() == 0:
        with contextlib.suppress(OSError):  # root writing a user's file: it stays theirs
            os.fchown(fd, old.st_uid, old.st_gid)
    return fd, tmp, real


@contextlib.contextmanager
def _replacing(path: PathLike, binary: bool) -> Iterator[IO[Any]]:
    fd, tmp, real = _temp_in_folder(path)
    fh = os.fdopen(fd, "wb" if binary else "w", **({} if binary else _TEXT))
    try:
        yield fh
        fh.flush()
        os.fsync(fd)
        fh.close()
        os.replace(tmp, real)
    except BaseException as exc:
        _close_quietly(fh)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(path, reason_of(exc, path)) from None
        raise
    _fsync_folder(os.path.dirname(real))


def write_output(path: PathLike, data: str | bytes) -> None:
    """Write text (UTF-8) or bytes to ``path`` as :func:`open_output` does."""
    if isinstance(data, bytes):
        with open_output(path, "wb") as fh:
            fh.write(data)
    else:
        with open_output(path, "w") as fh:
            fh.write(data)


def write_by_name(path: PathLike, produce: Callable[[str], None]) -> None:
    """For writers that want a file name (QPrinter, QSvgGenerator, QImage.save): ``produce``
    writes a temporary file whose name it gets; that file then becomes ``path`` as
    :func:`open_output` would write it. ``produce`` raises to abandon the output."""
    if str(path) == STDOUT or written_into(path):
        fd, tmp = tempfile.mkstemp(prefix=".timeline-viewer.", suffix=".tmp")
        os.close(fd)
        try:
            produce(tmp)
            with open(tmp, "rb") as src, open_output(path, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return
    fd, tmp, real = _temp_in_folder(path)
    os.close(fd)
    try:
        produce(tmp)
        fd = os.open(tmp, os.O_RDWR)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, real)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(path, reason_of(exc, path)) from None
        raise
    _fsync_folder(os.path.dirname(real))


def replace_folder(target: PathLike, fill: Callable[[Path], None]) -> None:
    """A folder of files written as one (the cache): ``fill`` writes into a temporary folder
    next to ``target`` (named ``*.tmp``); its files and the folder are fsynced, the old
    ``target`` is removed and the new one renamed into place. On error nothing is left."""
    target = Path(target)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f"{target.name}.", suffix=".tmp"))
    try:
        fill(tmp)
        for part in tmp.iterdir():
            fd = os.open(part, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_folder(str(tmp))
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _fsync_folder(str(target.parent))
