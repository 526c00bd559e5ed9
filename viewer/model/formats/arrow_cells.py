"""Cells of columnar tables as the reference readers read them: trimmed as ``str.strip``, UTF-8
checked in place, and dates (ISO days and the spelled forms of ACLED exports) parsed column-wise
as :func:`.cell_dates.parse_cell_date` reads them; a cell of another form is marked for the
reference code."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from viewer.model.dates import DAY, MONTHS
from viewer.model.table import PRECISIONS

from .column_ops import days_from_civil_np

SPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())  # what str.strip strips
_DAY, _MONTH = PRECISIONS.index("day"), PRECISIONS.index("month")


def utf8_valid(raw: bytes) -> bool:
    """Whether ``raw`` is valid UTF-8 (checked by Arrow in place)."""
    data = pa.py_buffer(raw)
    offsets = pa.py_buffer(np.array([0, len(raw)], np.int64).tobytes())
    try:
        pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, data]).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def iso_or_spelled(dates: pa.Array, tp_cells: pa.Array) -> tuple[Any, ...]:
    """Start, period end, precision, start text, time_precision and whether the row was read
    here, of ISO days (2020-11-25) and the spelled forms of ACLED exports (25 November 2020,
    25-Nov-2020, November 2020) with a time_precision of 1-3 (or none); other rows (not
    ``ok``) hold placeholders, for the reference code to read."""
    tp_ok = pc.is_in(tp_cells, pa.array(["", "1", "2", "3"])).to_numpy(zero_copy_only=False)
    tp_text = pc.if_else(pc.is_in(tp_cells, pa.array(["2", "3"])), tp_cells, "1")
    tp = pc.cast(tp_text, pa.uint8()).to_numpy()
    iso = pc.match_substring_regex(dates, r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    if pc.all(iso).as_py():
        y, m, d = (_ints(pc.utf8_slice_codeunits(dates, a, b)) for a, b in _ISO_PARTS)
        has_day = np.ones(len(dates), bool)
        read = np.ones(len(dates), bool)
        text = dates
    else:
        y, m, d, has_day, read = _spelled(dates, iso.to_numpy(zero_copy_only=False))
        text = None
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    dim = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(m, 0, 12)]
    dim = dim + ((m == 2) & leap)
    ok = read & tp_ok & (m >= 1) & (m <= 12) & (d >= 1) & (d <= dim) & (y >= 1)
    y, m, d = np.where(ok, y, 1), np.where(ok, m, 1), np.where(ok, d, 1)
    dim = np.where(ok, dim, 31)
    month = (tp == 3) | ~has_day
    day_start = days_from_civil_np(y, m, d) * DAY
    month_start = days_from_civil_np(y, m, np.ones_like(d)) * DAY
    start = np.where(month, month_start, day_start)
    period_end = np.where(month, month_start + dim * DAY, day_start + DAY)
    precision = np.where(month, _MONTH, _DAY).astype(np.uint8)
    if text is None:  # the ISO form of each date, as the reference writes it
        parts = [_padded(y, 4), _padded(m, 2), _padded(d, 2)]
        text = pc.binary_join_element_wise(*parts, "-")
    start_text = pc.if_else(pa.array(month), pc.utf8_slice_codeunits(text, 0, 7), text)
    return start, period_end, precision, start_text.cast(pa.large_string()), tp, ok


_ISO_PARTS = ((0, 4), (5, 7), (8, 10))
_MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, 1)} | {
    m[:3].lower(): i for i, m in enumerate(MONTHS, 1)
}  # as cell_dates reads month names
_SPELLED = r"^(?:(?P<d>[0-9]{1,2})[ \-/])?(?P<mon>[A-Za-z]{3,9})\.?[ \-/,]+(?P<y>[0-9]{4})$"


def _ints(cells: pa.Array) -> np.ndarray:
    return pc.cast(cells, pa.int64()).to_numpy(zero_copy_only=False)


def _padded(x: np.ndarray, width: int) -> pa.Array:
    return pc.utf8_lpad(pa.array(x).cast(pa.string()), width, "0")


def _spelled(dates: pa.Array, iso: np.ndarray) -> tuple[Any, Any, Any, np.ndarray, np.ndarray]:
    """Year, month, day, whether the day is given and whether the row was read, of ISO and
    spelled dates (as cell_dates.parse_cell_date reads them; other forms are not read)."""
    found = pc.extract_regex(dates, _SPELLED)
    spelled = found.is_valid().to_numpy(zero_copy_only=False)
    read = iso | spelled
    n = len(dates)
    y, m, d = np.ones(n, np.int64), np.ones(n, np.int64), np.ones(n, np.int64)
    has_day = np.ones(n, bool)
    if iso.any():
        keep = pa.array(iso)
        for out, (a, b) in zip((y, m, d), _ISO_PARTS, strict=True):
            out[iso] = _ints(pc.utf8_slice_codeunits(dates.filter(keep), a, b))
    if spelled.any():
        parts = found.filter(pa.array(spelled))
        y[spelled] = _ints(parts.field("y"))
        names = pc.dictionary_encode(pc.utf8_lower(parts.field("mon")))
        number = [_MONTH_NUMBER.get(x, 0) for x in names.dictionary.to_pylist()]
        # (0: not a month name, read by the reference, which says so)
        m[spelled] = np.array(number, np.int64)[names.indices.to_numpy(zero_copy_only=False)]
        day = parts.field("d")
        given = pc.not_equal(day, "").to_numpy(zero_copy_only=False)
        d[spelled] = np.where(given, _ints(pc.if_else(pa.array(given), day, "1")), 1)
        has_day[spelled] = given
    return y, m, d, has_day, read & (m >= 1)
