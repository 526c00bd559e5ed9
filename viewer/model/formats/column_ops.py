"""Vectorised helpers of the columnar readers: the fixed ISO date forms parsed with numpy (a
block at a time for long columns) and codes of values known to be among a few literals."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields

import numpy as np

from viewer.model.dates import DAY
from viewer.model.table import NO_PRECISION

# templates of the date forms the fast path accepts: d digit, s sign of an offset
_FORMS = {
    4: "dddd",
    7: "dddd-dd",
    10: "dddd-dd-dd",
    17: "dddd-dd-ddTdd:ddZ",
    20: "dddd-dd-ddTdd:dd:ddZ",
    22: "dddd-dd-ddTdd:dds00:00",
    25: "dddd-dd-ddTdd:dd:dds00:00",
}
_FORM_PRECISION = {4: 0, 7: 1, 10: 2, 17: 3, 20: 4, 22: 3, 25: 4}

BAD = 254  # a code that marks a value the fast path does not accept
DATE_BLOCK = 1 << 16  # dates parsed this many at a time (the parse's temporaries stay small)


def days_from_civil_np(y: np.ndarray, m: np.ndarray, d: np.ndarray) -> np.ndarray:
    y = y - (m <= 2)
    era = y // 400
    yoe = y - era * 400
    mp = (m + 9) % 12
    doy = (153 * mp + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _days_in_month(y: np.ndarray, m: np.ndarray) -> np.ndarray:
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    dim = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], np.int64)[m]
    return dim + ((m == 2) & leap)


@dataclass
class ParsedDates:
    ok: np.ndarray  # bool: a form the fast path accepts, and a date that exists
    precision: np.ndarray  # uint8 codes
    start: np.ndarray  # float64 epoch seconds of the start of the period
    period_end: np.ndarray  # float64 end of the period (exclusive)


def char_table(
    texts: Sequence[str], joined: str | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each text starts in one array of characters, its length, and that array (uint8,
    with '?' for any character beyond ASCII, which no date form has); ``joined`` is
    ``"\\0".join(texts)`` when the caller has it already."""
    if joined is None:
        joined = "\0".join(_listed(texts))
    chars = np.frombuffer(joined.encode("ascii", "replace"), np.uint8)
    ends = np.flatnonzero(chars == 0)
    if len(ends) == len(texts) - 1:
        ends = np.append(ends, len(chars))
        first = np.empty(len(texts), np.int64)
        first[0] = 0
        first[1:] = ends[:-1] + 1
        return first, ends - first, chars
    # a text holds NUL: lengths one at a time
    texts = _listed(texts)
    lens = np.fromiter(map(len, texts), np.int64, len(texts))
    chars = np.frombuffer("".join(texts).encode("ascii", "replace"), np.uint8)
    first = np.zeros(len(texts), np.int64)
    np.cumsum(lens[:-1], out=first[1:])
    return first, lens, np.append(chars, np.uint8(0))


def _listed(texts: Sequence[str]) -> Sequence[str]:
    """Texts to walk: str.join walks a list ten times faster than an object array."""
    return texts.tolist() if isinstance(texts, np.ndarray) else texts


def parse_dates(texts: Sequence[str]) -> ParsedDates:
    """Vectorised parse of the fixed ISO forms in ``_FORMS``; ``ok`` is False for the rest."""
    return parse_table(*char_table(texts))


def parse_table(first: np.ndarray, lens: np.ndarray, chars: np.ndarray) -> ParsedDates:
    """:func:`parse_dates` of the texts of a :func:`char_table` (or of a slice of its rows).

    The characters of the texts of one length are gathered into a matrix with one row per
    character position (so that each check and each digit is a contiguous row)."""
    n = len(first)
    ok = np.zeros(n, bool)
    prec = np.full(n, NO_PRECISION, np.uint8)
    start = np.zeros(n)
    pend = np.zeros(n)
    if n == 0:
        return ParsedDates(ok, prec, start, pend)
    for length, form in _FORMS.items():
        rows = np.flatnonzero(lens == length)
        if len(rows) == 0:
            continue
        # each text's characters copied as one row of a view of ``length`` bytes from every
        # position (one index per text), then turned to (position, text)
        windows = np.lib.stride_tricks.as_strided(
            chars, (len(chars) - length + 1, length), (chars.strides[0], chars.strides[0])
        )
        c = np.ascontiguousarray(windows[first[rows]].T)
        dig = c - np.uint8(48)  # a digit is below 10 (other bytes wrap above)
        digits = [k for k, ch in enumerate(form) if ch in "d0"]
        good = (dig[digits] <= 9).all(axis=0)
        for k, ch in enumerate(form):
            if ch == "s":
                good &= (c[k] == 43) | (c[k] == 45)
            elif ch not in "d0":
                good &= c[k] == ord(ch)
        dig = np.where(dig <= 9, dig, np.uint8(0))

        def num(a: int, b: int, dig: np.ndarray = dig) -> np.ndarray:
            out = dig[a].astype(np.int64)
            for k in range(a + 1, b):
                out *= 10
                out += dig[k]
            return out

        y = num(0, 4)
        m = num(5, 7) if length >= 7 else np.ones_like(y)
        d = num(8, 10) if length >= 10 else np.ones_like(y)
        good &= (m >= 1) & (m <= 12)
        mm = np.clip(m, 1, 12)
        good &= (d >= 1) & (d <= _days_in_month(y, mm))
        secs = np.zeros_like(y)
        offset = np.zeros_like(y)
        if length >= 17:
            hh, mi = num(11, 13), num(14, 16)
            ss = num(17, 19) if length in (20, 25) else np.zeros_like(y)
            good &= (hh <= 23) & (mi <= 59) & (ss <= 59)
            secs = hh * 3600 + mi * 60 + ss
            if length in (22, 25):
                o = length - 6
                oh, om = num(o + 1, o + 3), num(o + 4, o + 6)
                good &= (oh <= 14) & (om <= 59)
                sign = np.where(c[o] == 45, -1, 1)
                offset = sign * (oh * 60 + om)
        days = days_from_civil_np(y, mm, np.clip(d, 1, 31))
        t = days * 86400.0 + secs - offset * 60
        p = _FORM_PRECISION[length]
        if p == 0:
            pe = days_from_civil_np(y + 1, np.ones_like(y), np.ones_like(y)) * DAY
        elif p == 1:
            pe = t + _days_in_month(y, mm) * DAY
        else:
            pe = t + (DAY, 60.0, 1.0)[p - 2]
        idx = rows
        ok[idx] = good
        prec[idx] = p
        start[idx] = t
        pend[idx] = pe
    return ParsedDates(ok, prec, start, pend)


def parse_blocked(texts: Sequence[str], joined: str | None = None) -> ParsedDates:
    """parse_dates of a long column, a block at a time (``joined``: as for char_table)."""
    first, lens, chars = char_table(texts, joined)
    blocks = [
        parse_table(first[a : a + DATE_BLOCK], lens[a : a + DATE_BLOCK], chars)
        for a in range(0, max(len(texts), 1), DATE_BLOCK)
    ]
    return concat_dates(blocks)


def concat_dates(parts: list[ParsedDates]) -> ParsedDates:
    """Parsed dates one after the other."""
    if len(parts) == 1:
        return parts[0]
    return ParsedDates(
        *(np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(ParsedDates))
    )


def literal_coder(table: dict[str, int]) -> Callable[[Sequence[str]], np.ndarray]:
    """A function giving the uint8 codes of values that are all keys of ``table`` (known: a
    decoder checked them), told apart by their length and first character."""
    keys = {min(len(k), 63) * 256 + (ord(k[0]) if k else 0): code for k, code in table.items()}
    assert len(keys) == len(table)
    lut = np.full(256 * 64, BAD, np.uint8)
    lut[list(keys)] = list(keys.values())

    def codes(values: Sequence[str]) -> np.ndarray:
        first, lens, chars = char_table(values)
        if len(chars) == 0:
            return lut[np.zeros(len(values), np.int64)]
        head = np.where(lens > 0, chars[np.minimum(first, len(chars) - 1)], 0)
        return lut[np.minimum(lens, 63) * 256 + head]

    return codes
