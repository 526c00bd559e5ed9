"""Vectorised checks and conversions of Parquet columns (Arrow arrays): dates parsed from the
string buffers, codes of known names, references as rows into the dataset's parts; no Python
object per row."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from viewer.model.table import NO_PRECISION

from .column_ops import ParsedDates, parse_table

DATE_BLOCK = 1 << 16


def strings(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    """One large_string array (the dictionary of a dictionary column decoded)."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    if pa.types.is_dictionary(column.type):
        column = column.dictionary_decode()
    return column.cast(pa.large_string())


def parse_column(column: pa.Array) -> ParsedDates:
    """The fixed ISO date forms of a string column, parsed from its Arrow buffers (no Python
    string per row); ``ok`` is False for a null, another form or a date that does not exist.

    Only the rows that are not null are parsed (an end date column is mostly null), a block
    at a time into the arrays of the result (no second copy of them)."""
    column = strings(column)
    n = len(column)
    out = ParsedDates(
        np.zeros(n, bool), np.full(n, NO_PRECISION, np.uint8), np.zeros(n), np.zeros(n)
    )
    rows = None
    if column.null_count:
        rows = np.flatnonzero(column.is_valid().to_numpy(zero_copy_only=False))
        column = column.filter(column.is_valid())
    bufs = column.buffers()
    offsets = np.frombuffer(bufs[1], np.int64)[column.offset : column.offset + len(column) + 1]
    data = np.frombuffer(bufs[2], np.uint8) if bufs[2] is not None else np.zeros(1, np.uint8)
    if len(data) == 0:
        data = np.zeros(1, np.uint8)
    first = offsets[:-1]
    lens = np.diff(offsets)
    for a in range(0, len(column), DATE_BLOCK):
        block = parse_table(first[a : a + DATE_BLOCK], lens[a : a + DATE_BLOCK], data)
        at = slice(a, a + DATE_BLOCK) if rows is None else rows[a : a + DATE_BLOCK]
        out.ok[at], out.precision[at] = block.ok, block.precision
        out.start[at], out.period_end[at] = block.start, block.period_end
    return out


def name_codes(column: pa.Array, names: tuple[str, ...]) -> np.ndarray:
    """uint8 codes of a column of known names; NO_PRECISION for null, 254 for another name."""
    lookup = pa.array(list(names), pa.large_string())
    if pa.types.is_dictionary(column.type):  # the few names, then their codes
        indices = column.indices
        codes = np.append(name_codes(column.dictionary, names), np.uint8(NO_PRECISION))
        out = codes[indices.fill_null(len(codes) - 1).to_numpy(zero_copy_only=False)]
        out[indices.is_null().to_numpy(zero_copy_only=False)] = NO_PRECISION
        return out
    values = strings(column)
    idx = pc.index_in(values, value_set=lookup)
    codes = idx.fill_null(254).to_numpy(zero_copy_only=False).astype(np.uint8)
    codes[values.is_null().to_numpy(zero_copy_only=False)] = NO_PRECISION
    return codes


def bools(arr: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Values (null as False) and where they are null."""
    return (
        arr.fill_null(False).to_numpy(zero_copy_only=False),
        arr.is_null().to_numpy(zero_copy_only=False),
    )


def large_list(column: pa.Array) -> pa.LargeListArray:
    if isinstance(column, pa.LargeListArray):
        return column
    return column.cast(pa.large_list(column.type.value_type))


def id_rows(column: pa.Array, ids: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Offsets and int32 rows of lists of ids into ``ids``, and per list whether it is fine
    (not null, every id known)."""
    lists = large_list(column)
    n = len(lists)
    offsets = lists.offsets.to_numpy()
    values = lists.values.slice(int(offsets[0]), int(offsets[-1] - offsets[0]))
    offsets = offsets - offsets[0]
    known = pa.array(ids, pa.large_string())
    if pa.types.is_dictionary(values.type):  # the few names, then their codes
        names = values.dictionary.cast(pa.large_string())
        rows = pc.index_in(names, value_set=known).take(values.indices)
    else:
        rows = pc.index_in(values.cast(pa.large_string()), value_set=known)
    bad_value = rows.is_null().to_numpy(zero_copy_only=False)
    codes = rows.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int32)
    ok = ~lists.is_null().to_numpy(zero_copy_only=False)
    if bad_value.any():
        owner = np.repeat(np.arange(n), np.diff(offsets))
        ok[owner[bad_value]] = False
    return offsets.astype(np.int64), codes, ok


def chunked_id_rows(
    column: pa.ChunkedArray | pa.Array, ids: list[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`id_rows` a piece at a time (a row group's dictionary of names is small: its
    rows are looked up once), joined."""
    if isinstance(column, pa.Array):
        return id_rows(column, ids)
    if column.num_chunks == 0:
        return id_rows(pa.array([], column.type), ids)
    parts = [id_rows(chunk, ids) for chunk in column.chunks]
    offsets = [parts[0][0]]
    for off, _, _ in parts[1:]:
        offsets.append(off[1:] + offsets[-1][-1])
    return (
        np.concatenate(offsets),
        np.concatenate([codes for _, codes, _ in parts]),
        np.concatenate([ok for _, _, ok in parts]),
    )


def ids_known(column: pa.ChunkedArray | pa.Array, ids: list[str]) -> np.ndarray:
    """Per list of ids: not null and every id known (the third part of :func:`id_rows`),
    from the few names of each piece's dictionary where it has one and no null."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    if not chunks:
        return np.zeros(0, bool)
    known = pa.array(ids, pa.large_string())
    out = []
    for chunk in chunks:
        values = chunk.values
        if pa.types.is_dictionary(values.type) and not values.null_count:
            names = values.dictionary.cast(pa.large_string())
            if not pc.index_in(names, value_set=known).null_count:
                out.append(~chunk.is_null().to_numpy(zero_copy_only=False))
                continue
        out.append(id_rows(chunk, ids)[2])
    return np.concatenate(out)


def lists_ok(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Per list: not null and no null item (the second part of :func:`tag_lists`)."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    if not chunks:
        return np.zeros(0, bool)
    return np.concatenate(
        [~c.is_null().to_numpy(zero_copy_only=False) & ~any_null(c.flatten(), c) for c in chunks]
    )


def tag_lists(column: pa.Array) -> tuple[pa.Array, np.ndarray]:
    lists = large_list(column)
    ok = ~lists.is_null().to_numpy(zero_copy_only=False)
    values = lists.flatten()
    ok &= ~any_null(values, lists)
    offsets = lists.offsets.to_numpy()
    offsets = offsets - offsets[0]
    if pa.types.is_dictionary(values.type):
        encoded = pa.DictionaryArray.from_arrays(
            values.indices.fill_null(0), values.dictionary.cast(pa.large_string())
        )
    else:
        encoded = values.cast(pa.large_string()).fill_null("").dictionary_encode()
    names = encoded.dictionary.cast(pa.large_string())
    tags = pa.LargeListArray.from_arrays(
        pa.array(offsets.astype(np.int64)),
        pa.DictionaryArray.from_arrays(encoded.indices.cast(pa.int32()), names),
    )
    return tags, ok


def any_null(values: pa.Array, lists: pa.LargeListArray) -> np.ndarray:
    """Per list: whether one of its items is null."""
    n = len(lists)
    if not values.null_count:
        return np.zeros(n, bool)
    owner = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False)
    out = np.zeros(n, bool)
    out[owner[values.is_null().to_numpy(zero_copy_only=False)]] = True
    return out


def empty_for_null(column: pa.Array) -> pa.Array:
    """A large_string column with "" for null: its buffers without the validity bitmap where
    null slots already have no characters (as writers leave them), else a copy."""
    if not column.null_count:
        return column
    n = len(column)
    bufs = column.buffers()
    offsets = np.frombuffer(bufs[1], np.int64)[column.offset : column.offset + n + 1]
    null = column.is_null().to_numpy(zero_copy_only=False)
    if np.diff(offsets)[null].any():
        return column.fill_null("")
    return pa.Array.from_buffers(
        pa.large_string(),
        n,
        [None, bufs[1], bufs[2] if bufs[2] is not None else pa.py_buffer(b"")],
        null_count=0,
        offset=column.offset,
    )


def lengths(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    return pc.utf8_length(strings(column)).fill_null(-1).to_numpy(zero_copy_only=False)
