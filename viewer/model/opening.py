"""Opening a dataset for the viewer: the cache, the fast path for big files, and the columns the
window's table and search use without a Python object per event.

Qt-free: the UI runs :func:`open_dataset` in a worker thread and passes a progress callback.
The cache lives under $TIMELINE_VIEWER_CACHE, else $XDG_CACHE_HOME/timeline-viewer, else
~/.cache/timeline-viewer, never next to the dataset; an entry is keyed by the file's absolute
path, size, mtime and a hash of its first and last 64 KiB, so a changed file misses it.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

from viewer.model.dataset import Dataset, Event
from viewer.model.errors import Problem
from viewer.model.formats.columns import (
    ColumnarLoaded,
    Computed,
    EventColumns,
    LazyEvents,
)
from viewer.model.formats.common import Loaded, blank, decode_text, no_memory_error, read_limited
from viewer.model.formats.detect import load
from viewer.model.formats.string_columns import Strings

if TYPE_CHECKING:  # the big-file readers are imported by load_fast, when first used
    from viewer.model.formats.columnar import Progress
from viewer.model.index import EventIndex
from viewer.model.listing import date_text
from viewer.model.search import SearchIndex, fold

CACHE_ENV = "TIMELINE_VIEWER_CACHE"
SETTLE_MIN_EVENTS = 100_000
FAST_MIN_BYTES = 1024 * 1024  # below this the reference reader is fast enough (~0.5 s)
CACHE_VERSION = 1
STALE_PART_S = 3600.0  # a half-written cache entry older than this is left over, not in progress
STRING_COLUMNS = ("ids", "titles", "summaries", "start_text", "end_text")
OPTIONAL_STRING_COLUMNS = ("when_text",)  # cached only where a reader filled them
INDEX_ARRAYS = ("offsets", "start", "end", "period_end", "cummax_end", "event", "flags", "row")
INDEX_ARRAYS += ("lane_rows", "event_start", "event_end", "chrono")


@dataclass
class Opened:
    """A loaded dataset with the index of a lane mode and whether the cache served it."""

    loaded: Loaded
    index: EventIndex
    from_cache: bool = False
    # the cache write that open_dataset(cache_later=True) left to the caller (who shows the
    # dataset first, then writes it off the UI thread); None when there is nothing to write
    write_cache: Callable[[], None] | None = None


def cache_dir() -> Path:
    base = os.environ.get(CACHE_ENV)
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "timeline-viewer"


def cache_key(path: str | Path) -> str:
    p = Path(path).resolve()
    st = p.stat()
    h = hashlib.sha256(f"{CACHE_VERSION}|{p}|{st.st_size}|{st.st_mtime_ns}|".encode())
    with open(p, "rb") as fh:
        h.update(fh.read(65536))
        if st.st_size > 65536:
            fh.seek(max(65536, st.st_size - 65536))
            h.update(fh.read(65536))
    return h.hexdigest()[:32]


def open_dataset(
    path: str | Path,
    mode: str = "kind",
    progress: Progress | None = None,
    use_cache: bool = True,
    cache_later: bool = False,
) -> Opened:
    """Load ``path`` (cache, fast path or reference reader) and build the index of ``mode``;
    with ``cache_later`` the cache is not written here but left in ``Opened.write_cache``."""
    report = progress or (lambda _f, _m: None)
    size = os.stat(path).st_size if os.path.exists(path) else 0
    key = cache_key(path) if use_cache and size >= FAST_MIN_BYTES else None
    if key is not None:
        hit = read_cache(key, str(path), mode)
        if hit is not None:
            return hit
    loaded = load_fast(path, report) if size >= FAST_MIN_BYTES else load(path)
    cols = getattr(loaded, "columns", None)
    report(0.85, "Indexing")
    index = (
        cols.index(loaded.dataset, mode)
        if cols is not None
        else EventIndex.from_dataset(loaded.dataset, mode)
    )
    if cols is not None and cols.n >= SETTLE_MIN_EVENTS:
        # the first full pass of the garbage collector over the new columns costs 0.1-0.3 s
        # (later passes skip them): take it while loading rather than in a frame
        gc.collect()
    opened = Opened(loaded, index)
    if key is not None and cols is not None:
        # the folder as it is now: a write left for later goes where this open looked
        opened.write_cache = functools.partial(
            _write_cache_quietly, key, loaded, index, cache_dir()
        )
        if not cache_later:
            report(0.95, "Caching")
            opened.write_cache()
            opened.write_cache = None
    report(1.0, "Done")
    return opened


def _write_cache_quietly(key: str, loaded: Loaded, index: EventIndex, root: Path) -> None:
    with contextlib.suppress(OSError):  # a cache not written only costs time next open
        write_cache(key, loaded, index, root)


def load_fast(path: str | Path, report: Progress) -> Loaded:
    """A big file on a columnar path: native JSON, or an ACLED table; other files (other CSV
    tables, TimelineJS ...) through the reference readers."""
    from viewer.model.formats.acled import looks_like_acled
    from viewer.model.formats.acled_columnar import read_acled_columnar
    from viewer.model.formats.columnar import load_columnar
    from viewer.model.formats.csv_read import gc_paused
    from viewer.model.formats.csv_table import open_table
    from viewer.model.formats.events_csv import looks_like_events_csv
    from viewer.model.formats.sheets import looks_like_sheet

    with open(path, "rb") as fh:
        head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")) or not head:
        return load_columnar(path, report)
    file = str(path)
    with no_memory_error(file):
        report(0.0, "Reading")
        text = decode_text(read_limited(path), file)
        if not blank(text):
            table = open_table(text, file)
            del text
            if looks_like_acled(table) and not (
                looks_like_events_csv(table) or looks_like_sheet(table)
            ):
                with gc_paused():
                    return read_acled_columnar(table, report)
            del table
    return load(path)


def index_for(loaded: Loaded, mode: str) -> EventIndex:
    """The index of a lane mode (from the columns when the load was columnar)."""
    cols = getattr(loaded, "columns", None)
    if cols is not None:
        return cols.index(loaded.dataset, mode)
    return EventIndex.from_dataset(loaded.dataset, mode)


# --- the cache ----------------------------------------------------------------------------


def write_cache(key: str, loaded: Loaded, index: EventIndex, root: Path | None = None) -> None:
    """The cache of a load and its index under ``root`` (default: :func:`cache_dir`)."""
    cols = getattr(loaded, "columns", None)
    assert cols is not None
    root = cache_dir() if root is None else root
    root.mkdir(parents=True, exist_ok=True)
    _remove_stale_parts(root)
    arrays: dict[str, np.ndarray] = {}
    meta: dict[str, Any] = {"kinds": cols.kinds, "tags": cols.tags, "format": loaded.format}
    meta["basis_forms"] = cols.basis_forms
    for f in fields(EventColumns):
        value = getattr(cols, f.name)
        if isinstance(value, np.ndarray) and value.dtype != object:  # text: packed below
            arrays[f.name] = value
    for name in STRING_COLUMNS + OPTIONAL_STRING_COLUMNS:
        s = getattr(cols, name)
        if s is None:
            continue
        packed = s if isinstance(s, Strings) else Strings.pack(s)
        arrays[f"{name}_blob"], arrays[f"{name}_off"] = packed.blob, packed.offsets
    ds = loaded.dataset
    header = ds.model_copy(update={"events": []}).model_dump(mode="json")
    meta["header"] = header
    meta["complex"] = {
        str(i): ev.model_dump(mode="json", exclude_none=True) for i, ev in cols.complex.items()
    }
    meta["warnings"] = [
        [p.message, p.path, p.line, p.col, p.file, p.severity] for p in loaded.warnings
    ]
    arrays["meta"] = np.frombuffer(orjson.dumps(meta), np.uint8)
    _save(root / key, arrays)
    _write_index(key, index, root)


def _remove_stale_parts(root: Path) -> None:
    """Half-written entries that a crash or a killed process left (older than an hour)."""
    for part in root.glob("*.tmp"):
        with contextlib.suppress(OSError):
            if time.time() - part.stat().st_mtime > STALE_PART_S:
                shutil.rmtree(part, ignore_errors=True)


def _write_index(key: str, index: EventIndex, root: Path) -> None:
    arrays = {name: getattr(index, name) for name in INDEX_ARRAYS}
    arrays["lanes"] = np.frombuffer(orjson.dumps(index.lanes), np.uint8)
    _save(root / f"{key}-{index.mode}", arrays)


def _save(target: Path, arrays: dict[str, np.ndarray]) -> None:
    """One uncompressed .npy per array in a folder (so reading is a memory map), written to a
    temporary folder first and renamed into place."""
    tmp = Path(tempfile.mkdtemp(dir=target.parent, suffix=".tmp"))
    try:
        for name, value in arrays.items():
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(value), allow_pickle=False)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _load(folder: Path) -> dict[str, np.ndarray]:
    """The arrays of a cache entry, memory-mapped read-only (nothing is read until used)."""
    # np.asarray drops the memmap subclass (a Python-level __getitem__ on every slice) and
    # keeps the mapping
    return {
        p.stem: np.asarray(np.load(p, mmap_mode="r", allow_pickle=False))
        for p in folder.glob("*.npy")
    }


def read_cache(key: str, file: str, mode: str) -> Opened | None:
    """The cached load of ``key`` (and its index of ``mode``), or None."""
    path = cache_dir() / key
    if not path.is_dir():
        return None
    try:
        arrays = _load(path)
        meta = orjson.loads(arrays.pop("meta").tobytes())
        kw: dict[str, Any] = {}
        for f in fields(EventColumns):
            if f.name in arrays:
                kw[f.name] = arrays[f.name]
        for name in STRING_COLUMNS:
            kw[name] = Strings(arrays[f"{name}_blob"], arrays[f"{name}_off"])
        for name in OPTIONAL_STRING_COLUMNS:
            if f"{name}_blob" in arrays:
                kw[name] = Strings(arrays[f"{name}_blob"], arrays[f"{name}_off"])
        kw["kinds"], kw["tags"] = meta["kinds"], meta["tags"]
        kw["basis_forms"] = meta.get("basis_forms", [])
        kw["complex"] = {int(i): Event.model_validate(e) for i, e in meta["complex"].items()}
        cols = EventColumns(**kw)
        header = Dataset.model_validate(meta["header"])
        lazy = LazyEvents(cols, header)
        ds = header.model_copy(update={"events": lazy})
        lazy.header = ds
        warnings = [Problem(*w) for w in meta["warnings"]]
        loaded = ColumnarLoaded(ds, warnings, file, meta.get("format", "native"), cols)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # a damaged or old entry: load the file again
    index = _read_index(key, mode, cols)
    if index is None:
        index = cols.index(ds, mode)
        with contextlib.suppress(OSError):
            _write_index(key, index, cache_dir())
    return Opened(loaded, index, from_cache=True)


def _read_index(key: str, mode: str, cols: EventColumns) -> EventIndex | None:
    path = cache_dir() / f"{key}-{mode}"
    if not path.is_dir():
        return None
    try:
        arrays = _load(path)
        lanes = orjson.loads(arrays.pop("lanes").tobytes())
    except (OSError, ValueError, KeyError):
        return None
    return EventIndex(lanes=lanes, titles=cols.titles, mode=mode, **arrays)


def clear_cache() -> None:
    shutil.rmtree(cache_dir(), ignore_errors=True)


# --- what the window's table and search need ---------------------------------------------


def table_columns(loaded: Loaded) -> tuple[Sequence[str], Sequence[str], np.ndarray]:
    """Dates (computed when the table shows a row), statuses and quote counts per event."""
    ds = loaded.dataset
    events = ds.events
    dates = Computed(len(events), lambda i: date_text(events[i]))
    cols = getattr(loaded, "columns", None)
    if cols is not None:
        return dates, cols.statuses(), cols.n_quotes
    statuses = np.array([ev.status for ev in events], dtype=object)
    return dates, statuses, np.array([len(ev.quotes) for ev in events], np.int64)


class ColumnarSearch:
    """SearchIndex for a columnar load: the folded texts are built on the first query, from
    the columns (names, kinds and tags folded once each), not from Event objects."""

    def __init__(self, ds: Dataset, cols: EventColumns) -> None:
        self.ds, self.cols = ds, cols
        self._texts: list[str] | None = None

    @property
    def texts(self) -> list[str]:
        if self._texts is None:
            self._texts = self._build()
        return self._texts

    def _build(self) -> list[str]:
        c, ds = self.cols, self.ds
        actor_names = [" ".join([a.name, *a.aliases]) for a in ds.actors]
        place_names = [" ".join([p.name, *p.aliases]) for p in ds.places]

        def refs(off: np.ndarray, idx: np.ndarray, names: list[str]) -> list[str]:
            flat = [names[k] for k in idx.tolist()]
            o = off.tolist()
            return ["\n".join(flat[o[i] : o[i + 1]]) for i in range(len(o) - 1)]

        tags = [
            " ".join(c.tags[k] for k in c.tag_idx[a:b])
            for a, b in zip(c.tag_off[:-1].tolist(), c.tag_off[1:].tolist(), strict=True)
        ]
        kinds = [c.kinds[k] for k in c.kind.tolist()]
        texts = [
            "\n".join(parts)
            for parts in zip(
                c.titles,
                c.summaries,
                kinds,
                tags,
                refs(c.actor_off, c.actor_idx, actor_names),
                refs(c.place_off, c.place_idx, place_names),
                strict=True,
            )
        ]
        texts = [t.lower() if t.isascii() else fold(t) for t in texts]
        if c.complex:
            sub = SearchIndex(ds.model_copy(update={"events": list(c.complex.values())}))
            for i, t in zip(c.complex, sub.texts, strict=True):
                texts[i] = t
        return texts

    def matches(self, query: str) -> np.ndarray:
        words = fold(query).split()
        n = self.cols.n
        if not words:
            return np.ones(n, bool)
        texts = self.texts
        return np.fromiter((all(w in t for w in words) for t in texts), bool, count=n)


def search_index(loaded: Loaded) -> SearchIndex | ColumnarSearch:
    cols = getattr(loaded, "columns", None)
    if cols is not None:
        return ColumnarSearch(loaded.dataset, cols)
    return SearchIndex(loaded.dataset)


def row_of_id(ds: Dataset, event_id: str | None) -> int:
    """The row of an event id, or -1 (without validating every lazy event)."""
    if event_id is None:
        return -1
    events = ds.events
    if isinstance(events, LazyEvents):
        ids = events.columns.ids
        try:
            return list(ids).index(event_id)
        except ValueError:
            return -1
    return next((i for i, ev in enumerate(events) if ev.id == event_id), -1)
