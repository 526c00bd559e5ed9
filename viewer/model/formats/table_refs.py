"""Per-event references of a columnar table (actors, places, sources) from dictionary-encoded
columns: the few distinct values become records, ids made unique in linear time, and each row's
list is offsets and codes - no Python object per row."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .builder import slug, unique_id


def actor_refs(a1: pa.Array, a2: pa.Array) -> tuple[Any, Any, list[dict[str, Any]], Any, Any, Any]:
    """Per-event actor lists (Actor1Name, then Actor2Name unless empty or the same), the actor
    records, and each row's two names as codes (-1: none) into the last: the names."""
    n = len(a1)
    enc = pc.dictionary_encode(pa.chunked_array([a1, a2])).combine_chunks()
    names = enc.dictionary.to_pylist()
    idx = enc.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    empty = np.array([not x for x in names], bool)
    idx = np.where(empty[idx], -1, idx)
    c1, c2 = idx[:n], idx[n:]
    c2 = np.where(c2 == c1, -1, c2)
    both = np.stack([c1, c2], axis=1).ravel()
    keep = both >= 0
    used = np.zeros(len(names) + 1, bool)
    used[both[keep]] = True
    # records of the names in use, in order of first use
    order = np.flatnonzero(used[: len(names)])
    first = np.full(len(names), len(both), np.int64)
    np.minimum.at(first, both[keep], np.flatnonzero(keep))
    order = order[np.argsort(first[order], kind="stable")]
    remap = np.full(len(names), -1, np.int32)
    remap[order] = np.arange(len(order), dtype=np.int32)
    taken: set[str] = set()
    suffixes: dict[str, int] = {}
    records = [
        {"id": unique_id(slug(names[k], "actor"), taken, suffixes), "name": names[k]}
        for k in order.tolist()
    ]
    for r in records:
        r["kind"] = "group"
    off = np.zeros(n + 1, np.int64)
    np.cumsum(keep.reshape(n, 2).sum(axis=1), out=off[1:])
    return off, remap[both[keep]], records, c1, c2, enc.dictionary


def place_refs(
    name: pa.Array, lat: np.ndarray, lon: np.ndarray
) -> tuple[Any, Any, list[dict[str, Any]]]:
    """One place per (ActionGeo_FullName, lat, lon); ids unique in linear time."""
    n = len(name)
    key = pc.binary_join_element_wise(
        name, pc.cast(pa.array(lat), pa.string()), pc.cast(pa.array(lon), pa.string()), "\t"
    )
    enc = pc.dictionary_encode(key)
    codes = enc.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    has = pc.not_equal(name, "").to_numpy(zero_copy_only=False)
    first = np.full(len(enc.dictionary), n, np.int64)
    rows = np.flatnonzero(has)
    np.minimum.at(first, codes[rows], rows)
    order = np.flatnonzero(first < n)
    order = order[np.argsort(first[order], kind="stable")]
    remap = np.full(len(enc.dictionary), -1, np.int32)
    remap[order] = np.arange(len(order), dtype=np.int32)
    taken: set[str] = set()
    suffixes: dict[str, int] = {}
    records = []
    for k in order.tolist():
        r = int(first[k])
        nm = name[r].as_py()
        rec: dict[str, Any] = {"id": unique_id(slug(nm, "place"), taken, suffixes), "name": nm}
        if not (np.isnan(lat[r]) or np.isnan(lon[r])):
            rec.update(lat=float(lat[r]), lon=float(lon[r]))
        records.append(rec)
    off = np.zeros(n + 1, np.int64)
    np.cumsum(has, out=off[1:])
    return off, remap[codes[rows]], records


def source_refs(url: pa.Array) -> tuple[Any, Any, list[dict[str, Any]]]:
    """One source per distinct SOURCEURL (GDELT 1.0 sometimes names a source, such as "BBC
    Monitoring", instead of a URL: then that is its title and it has no URL)."""
    n = len(url)
    enc = pc.dictionary_encode(url)
    codes = enc.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    values = enc.dictionary.to_pylist()
    empty = np.array([not v for v in values], bool)
    has = ~empty[codes]
    remap = np.cumsum(~empty, dtype=np.int32) - 1
    records = []
    for _k, v in enumerate(values):
        if not v:
            continue
        rec: dict[str, Any] = {"id": f"src-{len(records) + 1}", "title": v}
        if v.startswith(("http://", "https://")):  # titled by its site; the URL in full
            rec.update(title=v.split("/", 3)[2] or v, url=v)
        records.append(rec)
    off = np.zeros(n + 1, np.int64)
    np.cumsum(has, out=off[1:])
    return off, remap[codes[has]], records


# --- lists of names in table cells (our CSV's "A; B" cells) ----------------------------------


def split_names(cells: pa.Array, override: dict[int, list[str]]) -> tuple[np.ndarray, pa.Array]:
    """Each row's names as (row of each name, names), in row order: a cell "A; B" split at
    ";" and trimmed (as ``str.strip``), empty names left out; ``override`` gives the names of
    some rows instead (cells written as JSON lists)."""
    from .arrow_cells import SPACE

    lists = pc.split_pattern(cells, ";")
    parent = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False).astype(np.int64)
    values = pc.utf8_trim(pc.list_flatten(lists), SPACE)
    keep = pc.not_equal(values, "").to_numpy(zero_copy_only=False)
    if override:
        keep &= ~np.isin(parent, np.fromiter(override, np.int64, len(override)))
    parent, values = parent[keep], values.filter(pa.array(keep))
    if override:
        rows = [r for r, names in sorted(override.items()) for _ in names]
        extra = [x for _, names in sorted(override.items()) for x in names]
        parent = np.concatenate([parent, np.array(rows, np.int64)])
        values = pa.concat_arrays([values, pa.array(extra, pa.string())])
        order = np.argsort(parent, kind="stable")
        parent, values = parent[order], values.take(pa.array(order))
    return parent, values


def first_use_codes(
    parts: list[tuple[np.ndarray, pa.Array]],
) -> tuple[list[np.ndarray], list[str]]:
    """Codes of names used by rows in several lists (``(row, name)`` pairs in row order, as
    :func:`split_names` gives them), numbered in order of first use: row by row, within a row
    the lists in the order given. Returns each list's codes and the names."""
    rows = np.concatenate([p for p, _ in parts]) if parts else np.zeros(0, np.int64)
    which = np.concatenate([np.full(len(p), k, np.int64) for k, (p, _) in enumerate(parts)])
    values = pa.concat_arrays([v.cast(pa.string()) for _, v in parts])
    order = np.lexsort((which, rows))  # stable within a list: its names stay in order
    enc = pc.dictionary_encode(values.take(pa.array(order)))
    codes = np.empty(len(order), np.int32)
    codes[order] = enc.indices.to_numpy(zero_copy_only=False)
    out, at = [], 0
    for p, _ in parts:
        out.append(codes[at : at + len(p)])
        at += len(p)
    return out, enc.dictionary.to_pylist()


def offsets_of(rows: np.ndarray, n: int) -> np.ndarray:
    """CSR offsets of lists whose items belong to ``rows`` (sorted)."""
    off = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=off[1:])
    return off


def named_records(names: list[str], kind: str, fields: dict[str, Any]) -> list[dict[str, Any]]:
    """Records of names in order, ids made from the names and unique in linear time."""
    taken: set[str] = set()
    suffixes: dict[str, int] = {}
    return [
        {"id": unique_id(slug(name, kind), taken, suffixes), "name": name, **fields}
        for name in names
    ]
