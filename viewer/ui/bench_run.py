"""The measuring half of `timeline-viewer bench`: one dataset, one process, a real window.

Run by :mod:`viewer.bench` in a subprocess per size (so peak RSS is per size). One frame is
``viewbox.setXRange(a, b, padding=0)`` then ``app.processEvents()``, which is exactly one
full paint of the events item (checked with ``EventsItem.paint_count``). ``peak_rss_mb`` is
the peak before the ScatterPlotItem baseline is built (which holds its own copy of every point);
``peak_rss_with_baseline_mb`` is the process's peak at the end.
"""

from __future__ import annotations

import gc
import os
import resource
import statistics
import sys
import time
from typing import Any

import numpy as np
import pyarrow as pa

WINDOW = (1600, 900)


def frame_ranges(t0: float, t1: float, centre: float, steps: int = 56) -> list[tuple[float, float]]:
    """Full span down to one hour about ``centre`` (with pans), then back out: 2*steps+1."""
    full = t1 - t0
    spans = np.geomspace(full, 3600.0, steps)
    out = []
    for k, span in enumerate(spans):
        c = centre + (span * 0.1 if k % 4 == 1 else -span * 0.1 if k % 4 == 3 else 0.0)
        c = min(max(c, t0 + span / 2), t1 - span / 2) if span < full else (t0 + t1) / 2
        out.append((c - span / 2, c + span / 2))
    back = [(a + (b - a) * 0.05, b + (b - a) * 0.05) for a, b in reversed(out)]
    return [*out, *back, (t0, t1)]


def _timed_frames(app, view_box, item, ranges) -> tuple[list[float], bool]:  # type: ignore[no-untyped-def]
    times = []
    exact = True
    for a, b in ranges:
        before = item.paint_count if item is not None else 0
        t = time.perf_counter()
        view_box.setXRange(a, b, padding=0)
        app.processEvents()
        times.append((time.perf_counter() - t) * 1000)
        if item is not None and item.paint_count != before + 1:
            exact = False
    return times, exact


def run(path: str) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    import pyqtgraph as pg

    from viewer.model.cache import cache_dir, cache_key, write_cache
    from viewer.model.cache_folder import list_entries
    from viewer.model.layout import pick
    from viewer.model.opening import open_dataset
    from viewer.ui.window import MainWindow

    def first_frame(opened) -> MainWindow:  # type: ignore[no-untyped-def]
        win = MainWindow()
        win.resize(*WINDOW)
        win.show()
        app.processEvents()
        item = win.timeline.items
        before = item.paint_count
        win.set_loaded(opened.loaded, index=opened.index)
        deadline = time.perf_counter() + 60
        while item.paint_count == before and time.perf_counter() < deadline:
            app.processEvents()
        return win

    # cold: the file to an index, then to the first painted frame (the cache is not used)
    t = time.perf_counter()
    opened = open_dataset(path, use_cache=False)
    load_s = time.perf_counter() - t
    win = first_frame(opened)
    first_frame_s = time.perf_counter() - t
    peak_rss_first_frame_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    write_cache(cache_key(path), opened.loaded, opened.index)
    win.close()
    win.deleteLater()
    del opened, win  # the window's Python side holds the dataset too
    app.processEvents()
    # processEvents leaves deferred deletes: without this the first window (and its
    # dataset) lived on through the cached open, doubling the peak
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    app.processEvents()
    gc.collect()
    pa.default_memory_pool().release_unused()  # as a new process would start

    # cached: a second open of the same file
    t = time.perf_counter()
    opened = open_dataset(path)
    cached_load_s = time.perf_counter() - t
    win = first_frame(opened)
    first_frame_cached_s = time.perf_counter() - t
    from_cache = opened.from_cache

    index = opened.index
    view_box = win.timeline.view_box
    item = win.timeline.items
    t0, t1 = win.timeline._full
    centre = float(np.median(index.event_start))
    ranges = frame_ranges(t0, t1, centre)
    _timed_frames(app, view_box, item, ranges[:3])  # warm up (fonts, caches)
    ours, exact = _timed_frames(app, view_box, item, ranges)

    # picking: random positions in random lanes at a one-day view
    rng = np.random.default_rng(0)
    picks = []
    for _ in range(2000):
        lane = int(rng.integers(index.n_lanes))
        row = int(rng.integers(int(index.lane_rows[lane])))
        tq = float(rng.uniform(t0, t1))
        tol = 7 * 86400.0 / WINDOW[0]
        s = time.perf_counter()
        pick(index, lane, row, tq, tol, (tq - 43200, tq + 43200))
        picks.append((time.perf_counter() - s) * 1000)
    win.close()
    app.processEvents()
    # the viewer's own peak; the baseline below holds its own copy of every point
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    result = {
        "events": int(index.n_events),
        "load_s": round(load_s, 3),
        "first_frame_s": round(first_frame_s, 3),
        "cached_load_s": round(cached_load_s, 3),
        "first_frame_cached_s": round(first_frame_cached_s, 3),
        "from_cache": bool(from_cache),
        "cache_mb": round(sum(e.size for e in list_entries(cache_dir())) / 1024**2, 1),
        "frames": len(ours),
        "one_paint_per_frame": exact,
        "frame_ms_median": round(statistics.median(ours), 2),
        "frame_ms_p95": round(sorted(ours)[int(0.95 * (len(ours) - 1))], 2),
        "baseline_frame_ms_median": None,
        "pick_ms": round(statistics.median(picks), 4),
        "pick_ms_max": round(max(picks), 4),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "peak_rss_first_frame_mb": round(peak_rss_first_frame_mb, 1),
    }
    if os.environ.get("TIMELINE_VIEWER_BENCH_NO_BASELINE"):
        result["baseline_skipped"] = "too many events for a ScatterPlotItem (minutes, GBs)"
        result["peak_rss_with_baseline_mb"] = None
        return result

    # baseline: pyqtgraph ScatterPlotItem, one per lane, shared brush, pxMode
    plot = pg.PlotWidget()
    plot.resize(*WINDOW)
    plot.show()
    lane_of = np.repeat(np.arange(index.n_lanes), np.diff(index.offsets))
    for lane in range(index.n_lanes):
        sl = index.lane_slice(lane)
        sp = pg.ScatterPlotItem(
            x=index.start[sl],
            y=lane_of[sl] + 0.5 + index.row[sl],
            pxMode=True,
            size=8,
            brush=pg.mkBrush(60, 110, 200),
            pen=None,
        )
        plot.addItem(sp)
    app.processEvents()
    vb = plot.getViewBox()
    vb.setYRange(0, float(index.lane_top[-1]), padding=0)
    _timed_frames(app, vb, None, ranges[:2])
    base, _ = _timed_frames(app, vb, None, ranges)
    plot.close()

    result["baseline_frame_ms_median"] = round(statistics.median(base), 2)
    result["peak_rss_with_baseline_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )
    return result
