"""What every reader shares: the result type, the size limit, and safe decoding of bytes."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from viewer.model.dataset import Dataset
from viewer.model.errors import LoadError, Problem
from viewer.model.jsonpos import line_col

DEFAULT_MAX_BYTES = 2 * 1024**3
MAX_BYTES_ENV = "TIMELINE_VIEWER_MAX_BYTES"


@dataclass
class Loaded:
    """A dataset read from a file, with the warnings found on the way."""

    dataset: Dataset
    warnings: list[Problem] = field(default_factory=list)
    path: str = ""
    format: str = "native"


def max_bytes() -> int:
    """The size limit for dataset files: $TIMELINE_VIEWER_MAX_BYTES, else 2 GiB."""
    value = os.environ.get(MAX_BYTES_ENV, "")
    try:
        return int(value) if value else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def read_limited(path: str | Path, limit: int | None = None) -> bytes:
    """Read a file's bytes, refusing one above the size limit; errors become LoadError."""
    file = str(path)
    limit = max_bytes() if limit is None else limit
    try:
        size = os.stat(path).st_size
        if Path(path).is_dir():
            raise LoadError.single(file, "is a folder; expected a dataset file")
        if size > limit:
            raise LoadError.single(
                file,
                f"the file is {_size(size)}, above the limit of {_size(limit)}; expected a smaller "
                f"file (raise the limit with {MAX_BYTES_ENV})",
            )
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise LoadError.single(file, "no such file") from None
    except PermissionError:
        raise LoadError.single(file, "permission denied; expected a readable file") from None
    except IsADirectoryError:
        raise LoadError.single(file, "is a folder; expected a dataset file") from None
    except OSError as exc:
        raise LoadError.single(file, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise LoadError.single(file, f"the file grew above the limit of {_size(limit)} while read")
    return data


def _size(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def decode_text(data: bytes, file: str) -> str:
    """Decode a dataset file as UTF-8 (a byte-order mark is accepted and dropped)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError.single(file, "is UTF-16 encoded; expected UTF-8 (save it as UTF-8)")
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
