"""Text columns of a million strings without a million Python objects: :class:`Strings` keeps
them as one UTF-8 blob and offsets (the cache's form) and decodes a string when asked for."""

from __future__ import annotations

import operator
from collections.abc import Iterator, Sequence
from typing import SupportsIndex, overload

import numpy as np

PACK_BLOCK = 1 << 16  # strings packed at a time


class _TextColumn(Sequence[str]):
    """Rows by index (negative from the end) or by slice."""

    def _item(self, i: int) -> str:  # i in range(len(self))
        raise NotImplementedError

    @overload
    def __getitem__(self, i: SupportsIndex) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        if isinstance(i, slice):
            return [self._item(k) for k in range(*i.indices(len(self)))]
        return self._item(_row(i, len(self)))


def _row(i: SupportsIndex, n: int) -> int:
    """``i`` as a row of ``range(n)``, counted from the end if negative; IndexError outside."""
    row = operator.index(i)
    if row < 0:
        row += n
    if not 0 <= row < n:
        raise IndexError(i)
    return row


class Strings(_TextColumn):
    """Strings stored as one UTF-8 blob and offsets (what the cache keeps); decoded on access."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray) -> None:
        self.blob, self.offsets = blob, offsets

    @classmethod
    def pack(cls, strings: Sequence[str]) -> Strings:
        if isinstance(strings, Strings):
            return strings
        if len(strings) > PACK_BLOCK:  # a block at a time: no single call holds the GIL long
            return cls.concat(
                [cls.pack(_listed(strings, a)) for a in range(0, len(strings), PACK_BLOCK)]
            )
        return cls.joined("\0".join(strings), strings)

    @classmethod
    def concat(cls, parts: Sequence[Strings]) -> Strings:
        """The strings of ``parts``, one after the other."""
        if not parts:
            return cls(np.zeros(0, np.uint8), np.zeros(1, np.int64))
        bases = np.cumsum([0] + [len(p.blob) for p in parts])
        return cls(
            np.concatenate([p.blob for p in parts]),
            np.concatenate(
                [p.offsets[:-1] + base for p, base in zip(parts, bases.tolist(), strict=False)]
                + [bases[-1:]]
            ),
        )

    @classmethod
    def joined(cls, joined: str, strings: Sequence[str]) -> Strings:
        """:meth:`pack` of ``strings`` given ``"\\0".join(strings)`` already."""
        n = len(strings)
        # all at once: the strings joined by NUL, encoded, and the NULs taken out again
        raw = np.frombuffer(joined.encode(), np.uint8)
        nul = raw == 0
        ends = np.flatnonzero(nul)
        if n and len(ends) == n - 1:  # no string holds a NUL of its own
            offsets = np.empty(n + 1, np.int64)
            offsets[0] = 0
            offsets[1:-1] = ends - np.arange(n - 1)
            offsets[-1] = len(raw) - (n - 1)
            return cls(raw[~nul] if n > 1 else raw, offsets)
        encoded = [s.encode() for s in strings]
        lengths = np.fromiter(map(len, encoded), np.int64, len(encoded))
        offsets = np.zeros(len(encoded) + 1, np.int64)
        np.cumsum(lengths, out=offsets[1:])
        return cls(np.frombuffer(b"".join(encoded), np.uint8), offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def _item(self, i: int) -> str:
        a, b = self.offsets[i], self.offsets[i + 1]
        return self.blob[a:b].tobytes().decode()

    def __iter__(self) -> Iterator[str]:
        text = self.blob.tobytes()
        o = self.offsets.tolist()
        return (text[o[k] : o[k + 1]].decode() for k in range(len(o) - 1))


def _listed(strings: Sequence[str], a: int) -> list[str]:
    """A block of strings as a list (which str.join walks fastest)."""
    block = strings[a : a + PACK_BLOCK]
    return block.tolist() if isinstance(block, np.ndarray) else list(block)
