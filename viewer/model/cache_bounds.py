"""The structural check of an Arrow table read back from the cache: every offset of its string
and list columns, and every dictionary index, within the buffer it points into.

A memory-mapped table with garbage offsets could make a later read crash the process; this
check makes that impossible at a cost of one pass over the offsets (about 0.1 s at 1e7
events), where Arrow's full validation also decodes every string as UTF-8 (0.5 s). Text
that is not UTF-8 cannot crash a reader: it fails to decode (the manifest's sizes, times and
CRC-32s are what detect a damaged entry; this check is the last guard).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa


def check_bounds(table: pa.Table) -> None:
    """ValueError where an offset or an index of ``table`` lies outside its buffer."""
    table.validate()  # buffer sizes against lengths (no pass over the data)
    for name, column in zip(table.column_names, table.columns, strict=True):
        for chunk in column.chunks:
            try:
                _check(chunk)
            except ValueError as exc:
                raise ValueError(f"column {name!r}: {exc}") from None


def _offsets(arr: pa.Array, width: type) -> np.ndarray:
    buf = arr.buffers()[1]
    if buf is None:
        raise ValueError("no offsets")
    offsets = np.frombuffer(buf, width)
    if len(offsets) < arr.offset + len(arr) + 1:
        raise ValueError("offsets buffer too short")
    return offsets[arr.offset : arr.offset + len(arr) + 1]


def _within(offsets: np.ndarray, size: int) -> None:
    if offsets[0] < 0 or offsets[-1] > size or bool((offsets[1:] < offsets[:-1]).any()):
        raise ValueError("offsets out of bounds")


def _check(arr: pa.Array) -> None:
    t = arr.type
    if pa.types.is_dictionary(t):
        indices = arr.indices.to_numpy(zero_copy_only=False)
        if len(indices) and (indices.min() < 0 or indices.max() >= len(arr.dictionary)):
            raise ValueError("dictionary index out of bounds")
        _check(arr.dictionary)
    elif pa.types.is_string(t) or pa.types.is_large_string(t):
        offsets = _offsets(arr, np.int64 if pa.types.is_large_string(t) else np.int32)
        data = arr.buffers()[2]
        if len(arr):
            _within(offsets, data.size if data is not None else 0)
    elif pa.types.is_list(t) or pa.types.is_large_list(t):
        offsets = _offsets(arr, np.int64 if pa.types.is_large_list(t) else np.int32)
        values = arr.values  # the whole child array (not sliced by the offsets)
        if len(arr):
            _within(offsets, len(values))
        _check(values)
    elif not (pa.types.is_primitive(t) or pa.types.is_null(t)):
        arr.validate(full=True)  # a type the cache does not write: Arrow's own check
