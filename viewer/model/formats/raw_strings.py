"""JSON strings and arrays of strings read from their raw text with numpy: the kinds, statuses,
precisions and references of many events at once, matched to codes without a Python object
per value.

Only the plain form is read here: values joined by NUL with no backslash (no escape) anywhere;
:func:`scan` returns None otherwise and the caller decodes the values one at a time. A value of
another shape (a number, null, an object, a nested array) is marked not ok, never guessed at.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import msgspec
import numpy as np

_QUOTE, _OPEN, _CLOSE, _COMMA = 34, 91, 93, 44
SHORT = 16  # bytes of the strings matched in numpy (longer ones one at a time)
_MIX = 0x9E3779B97F4A7C15
_MASK64 = (1 << 64) - 1
_LOW = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], np.uint64)


@dataclass
class Tokens:
    """The strings of raw values: ``ok`` per value (absent, or of the expected shape),
    ``lengths`` per value (0 where not ok) and where each string of the ok values lies in
    ``buf`` (its bytes are the string's UTF-8, as there is no escape)."""

    buf: np.ndarray
    ok: np.ndarray
    present: np.ndarray
    lengths: np.ndarray
    start: np.ndarray
    stop: np.ndarray


def joined(values: Sequence[Any]) -> bytes:
    """Raw JSON values (msgspec.Raw, empty where absent) joined by commas: msgspec's encoding
    of their list without its brackets (the fastest join of many Raw values)."""
    return msgspec.json.encode(values)[1:-1]


def scan(text: bytes, m: int, arrays: bool) -> Tokens | None:
    """Tokens of ``m`` raw JSON values joined by :func:`joined` that should each be a string
    (``arrays`` False) or an array of strings; None if a value has an escape.

    Only the bytes outside strings are looked at (and the opening quotes): a comma outside
    any array or object separates two values.
    """
    if b"\\" in text or b"\0" in text:
        return None
    buf = np.frombuffer(text, np.uint8)
    q = np.flatnonzero(buf == _QUOTE)
    if len(q) % 2:
        return None
    opens, closes = q[0::2], q[1::2]
    # the bytes from the end of a string to the next opening quote (included), and the tail
    first = np.empty(len(opens) + 1, np.int64)
    first[0] = 0
    first[1:] = closes + 1
    size = np.empty(len(opens) + 1, np.int64)
    size[:-1] = opens + 1
    size[-1] = len(buf)
    size -= first
    at = np.cumsum(size) - size
    pos = np.repeat(first - at, size) + np.arange(int(size.sum()))
    tok = buf[pos]
    tok = tok[(tok != 32) & (tok != 10) & (tok != 13) & (tok != 9)]
    nest = np.zeros(len(tok), np.int8)
    nest[(tok == _OPEN) | (tok == 123)] = 1
    nest[(tok == _CLOSE) | (tok == 125)] = -1
    depth = np.cumsum(nest, dtype=np.int32)  # after each token
    tok[(tok == _COMMA) & (depth == 0)] = 0  # the separators of values
    seg = np.cumsum(tok == 0)  # the value of each token
    if (seg[-1] if len(seg) else 0) != max(m - 1, 0):
        return None
    prev = np.zeros_like(tok)
    prev[1:] = tok[:-1]
    nxt = np.zeros_like(tok)
    nxt[:-1] = tok[1:]
    if arrays:  # exactly "[" "]" or "[" string ("," string)* "]"
        is_s = tok == _QUOTE
        good = (
            (tok == 0)
            | ((tok == _OPEN) & (prev == 0) & ((nxt == _CLOSE) | (nxt == _QUOTE)))
            | ((tok == _CLOSE) & (nxt == 0) & ((prev == _OPEN) | (prev == _QUOTE)))
            | (is_s & ((prev == _OPEN) | (prev == _COMMA)) & ((nxt == _COMMA) | (nxt == _CLOSE)))
            | ((tok == _COMMA) & (prev == _QUOTE) & (nxt == _QUOTE))
        )
    else:  # exactly one string
        good = (tok == 0) | ((tok == _QUOTE) & (prev == 0) & (nxt == 0))
    ok = np.bincount(seg[~good], minlength=m) == 0
    present = np.bincount(seg[tok != 0], minlength=m) > 0
    str_seg = seg[tok == _QUOTE]
    keep = ok[str_seg]
    lengths = np.bincount(str_seg[keep], minlength=m).astype(np.int64)
    return Tokens(buf, ok, present, lengths, opens[keep] + 1, closes[keep])


def _word(buf: np.ndarray, at: np.ndarray, size: np.ndarray) -> np.ndarray:
    """The ``size`` (0 to 8) bytes of ``buf`` from ``at`` as little-endian integers."""
    words = np.zeros(len(buf) // 8 + 3, np.dtype("<u8"))
    words.view(np.uint8)[: len(buf)] = buf
    w = at >> 3
    r = ((at & 7) * 8).astype(np.uint64)
    key = (words[w] >> r) | ((words[w + 1] << (np.uint64(63) - r)) << np.uint64(1))
    return key & _LOW[size]


def _hash(k0: np.ndarray | int, k1: np.ndarray | int) -> np.ndarray | int:
    """One integer of the two words of a short string (the first word itself when it has no
    second one); a collision only sends strings to the slower exact path."""
    return k0 ^ ((k1 * _MIX) & _MASK64) if isinstance(k1, int) else k0 ^ (k1 * np.uint64(_MIX))


def _words(b: bytes) -> tuple[int, int] | None:
    """The two words of a short string (16 bytes at most, no NUL); None for others."""
    if len(b) > SHORT or b"\0" in b:
        return None
    return int.from_bytes(b[:8], "little"), int.from_bytes(b[8:], "little")


class KeyCodes:
    """Codes of byte strings (the UTF-8 of names): short ones also in sorted numpy arrays of
    their hashes, for lookups of many at once. ``new`` gives the code of a string not yet known
    (None: refuse it)."""

    def __init__(self, new: Callable[[bytes], int | None] = lambda _b: None) -> None:
        self.new = new
        self.known: dict[bytes, int] = {}
        self.by_hash: dict[int, tuple[int, int, int]] = {}  # hash: the words and the code
        self._arrays = [np.zeros(0, np.uint64)] * 3 + [np.zeros(0, np.int32)]

    def add(self, b: bytes, code: int) -> None:
        self.known[b] = code
        words = _words(b)
        if words is None:
            return
        h = int(_hash(*words))
        if h in self.by_hash:
            return  # a collision: the exact path finds it
        self.by_hash[h] = (*words, code)
        keys = sorted(self.by_hash)
        entries = [self.by_hash[k] for k in keys]
        self._arrays = [
            np.array(keys, np.uint64),
            np.array([e[0] for e in entries], np.uint64),
            np.array([e[1] for e in entries], np.uint64),
            np.array([e[2] for e in entries], np.int32),
        ]

    def code(self, b: bytes) -> int:
        """The code of one string; -1 if it is refused."""
        code = self.known.get(b, -1)
        if code < 0:
            new = self.new(b)
            if new is not None:
                self.add(b, new)
                code = new
        return code

    def codes(self, t: Tokens) -> np.ndarray:
        """The int32 codes of the strings of tokens; -1 for a refused one."""
        n = len(t.start)
        out = np.full(n, -1, np.int32)
        if n == 0:
            return out
        size = t.stop - t.start
        short = size <= SHORT
        k0 = _word(t.buf, t.start, np.minimum(size, 8))
        k1 = _word(t.buf, t.start + 8, np.clip(size - 8, 0, 8))
        h = _hash(k0, k1)
        miss = self._lookup(h, k0, k1, out, short)
        if miss.any():  # new names: each distinct one through ``code`` once
            rows = np.flatnonzero(miss)
            for i in rows[np.unique(h[rows], return_index=True)[1]].tolist():
                self.code(t.buf[t.start[i] : t.stop[i]].tobytes())
            miss = self._lookup(h, k0, k1, out, miss)
        for i in np.flatnonzero(miss | ~short).tolist():  # long ones and collisions
            out[i] = self.code(t.buf[t.start[i] : t.stop[i]].tobytes())
        return out

    def _lookup(
        self, h: np.ndarray, k0: np.ndarray, k1: np.ndarray, out: np.ndarray, rows: np.ndarray
    ) -> np.ndarray:
        """Fill ``out`` where ``rows`` hold known short strings; the rows that miss."""
        keys, w0, w1, codes = self._arrays
        if len(keys) == 0:
            return rows.copy()
        at = np.minimum(np.searchsorted(keys, h), len(keys) - 1)
        hit = rows & (keys[at] == h) & (w0[at] == k0) & (w1[at] == k1)
        out[hit] = codes[at[hit]]
        return rows & ~hit


_STR = msgspec.json.Decoder(str)
_STRS = msgspec.json.Decoder(tuple[str, ...])


def _decoded(values: Sequence[Any], arrays: bool) -> Tokens:
    """What :func:`scan` gives, for values with escapes: each value decoded by msgspec, and
    the strings re-encoded into a buffer of their own."""
    m = len(values)
    ok = np.ones(m, bool)
    present = np.zeros(m, bool)
    lengths = np.zeros(m, np.int64)
    strings: list[bytes] = []
    for k, v in enumerate(values):
        if not len(v):
            continue
        present[k] = True
        try:
            got = _STRS.decode(v) if arrays else (_STR.decode(v),)
        except (msgspec.DecodeError, UnicodeDecodeError):
            ok[k] = False
            continue
        lengths[k] = len(got)
        strings += [s.encode("utf-8", "surrogatepass") for s in got]
    sizes = np.fromiter(map(len, strings), np.int64, len(strings))
    stop = np.cumsum(sizes)
    buf = np.frombuffer(b"".join(strings), np.uint8)
    return Tokens(buf, ok, present, lengths, stop - sizes, stop)


def value_codes(
    text: bytes, m: int, values: Callable[[], Sequence[Any]], arrays: bool, table: KeyCodes
) -> tuple[Tokens, np.ndarray]:
    """The tokens of ``m`` raw values (read from their :func:`joined` text, or else the values
    decoded one at a time) and the codes of their strings."""
    t = scan(text, m, arrays)
    if t is None:
        t = _decoded(values(), arrays)
    return t, table.codes(t)
