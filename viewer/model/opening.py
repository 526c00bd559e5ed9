"""Opening a dataset for the viewer and the commands: the cache, the one loader, the index of a
lane mode, and what the window's list and search read from the event table.

Qt-free: the UI runs :func:`open_dataset` in a worker thread and passes a progress callback.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from viewer.model.cache import CACHE_ENV, cache_dir, cache_key, read_cache, write_cache
from viewer.model.dataset import Dataset
from viewer.model.formats import common
from viewer.model.formats.columns import ColumnarLoaded, Computed, LazyEvents
from viewer.model.formats.common import Progress
from viewer.model.formats.detect import load
from viewer.model.index import EventIndex
from viewer.model.listing import date_text
from viewer.model.search import EventSearch

__all__ = ["CACHE_ENV", "Opened", "cache_dir", "open_dataset"]
SETTLE_MIN_EVENTS = 100_000


@dataclass
class Opened:
    """A loaded dataset with the index of a lane mode and whether the cache served it."""

    loaded: ColumnarLoaded
    index: EventIndex
    from_cache: bool = False
    # the cache write that open_dataset(cache_later=True) left to the caller (who shows the
    # dataset first, then writes it off the UI thread); None when there is nothing to write
    write_cache: Callable[[], None] | None = None


def open_dataset(
    path: str | Path,
    mode: str = "kind",
    progress: Progress | None = None,
    use_cache: bool = True,
    cache_later: bool = False,
) -> Opened:
    """Load ``path`` (from the cache, else through :func:`~viewer.model.formats.detect.load`)
    and build the index of ``mode``; with ``cache_later`` the cache is not written here but
    left in ``Opened.write_cache``."""
    report = progress or (lambda _f, _m: None)
    key = _cache_key_of(path) if use_cache else None
    if key is not None:
        hit = read_cache(key, str(path), mode)
        if hit is not None:
            return Opened(*hit, from_cache=True)
    loaded = load(path, progress=report)
    if loaded.columns.n >= SETTLE_MIN_EVENTS:
        # what Arrow's allocator kept of the reading's temporaries goes back to the system
        # before the index is built (the peak of a 1e7-event open is 0.8 GB lower)
        pa.default_memory_pool().release_unused()
    report(0.85, "Indexing")
    index = index_for(loaded, mode)
    if loaded.columns.n >= SETTLE_MIN_EVENTS:
        # the first full pass of the garbage collector over the new columns costs 0.1-0.3 s
        # (later passes skip them): take it while loading rather than in a frame
        gc.collect()
    opened = Opened(loaded, index)
    if key is not None:
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


def _cache_key_of(path: str | Path) -> str | None:
    """The cache key of a big regular file; None for a small one or one that cannot be
    read (the loader then says why)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size < common.FAST_MIN_BYTES:
            return None
        return cache_key(path)
    except OSError:
        return None


def _write_cache_quietly(key: str, loaded: ColumnarLoaded, index: EventIndex, root: Path) -> None:
    with contextlib.suppress(OSError):  # a cache not written only costs time next open
        write_cache(key, loaded, index, root)


def index_for(loaded: ColumnarLoaded, mode: str) -> EventIndex:
    """The index of a lane mode, from the event table."""
    return loaded.columns.index(loaded.dataset, mode)


def quote_count(loaded: ColumnarLoaded) -> int:
    """How many quotes the events have."""
    return int(loaded.columns.n_quotes.sum())


def table_columns(loaded: ColumnarLoaded) -> tuple[Sequence[str], Sequence[str], np.ndarray]:
    """Dates (computed when the list shows a row), statuses and quote counts per event."""
    events = loaded.dataset.events
    dates = Computed(len(events), lambda i: date_text(events[i]))
    return dates, loaded.columns.statuses(), loaded.columns.n_quotes


def statuses_present(loaded: ColumnarLoaded) -> list[str]:
    """The statuses the events have, sorted (counted from their codes, no object per event)."""
    from viewer.model.table import STATUSES

    counts = np.bincount(loaded.columns.status, minlength=len(STATUSES))
    return sorted(name for name, k in zip(STATUSES, counts.tolist(), strict=False) if k)


def search_index(loaded: ColumnarLoaded) -> EventSearch:
    return EventSearch(loaded.dataset, loaded.columns)


def row_of_id(ds: Dataset, event_id: str | None) -> int:
    """The row of an event id, or -1 (without validating every lazy event)."""
    if event_id is None:
        return -1
    events = ds.events
    if isinstance(events, LazyEvents):
        return events.row_of(event_id)
    return next((i for i, ev in enumerate(events) if ev.id == event_id), -1)
