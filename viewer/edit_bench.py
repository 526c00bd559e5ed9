"""`timeline-viewer bench --edits`: how long an edit and its undo take on a generated dataset of
each size, up to what the timeline draws (the document changed and the lane index rebuilt), and
how long saving takes. Qt-free: the window adds its repaint of what is visible."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

KEYS = (
    "events",
    "update_ms",
    "undo_ms",
    "add_ms",
    "delete_ms",
    "index_ms",
    "edit_on_screen_ms",
    "save_s",
)
SAVE_MAX = 100_000  # larger documents are not saved by the bench (minutes of JSON)


def _ms(fn: Callable[[], Any], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def measure(path: Path, n: int, save_max: int = SAVE_MAX) -> dict[str, Any]:
    from viewer.model.dataset import Event, When
    from viewer.model.document import Document
    from viewer.model.edits import AddEvent, DeleteEvent, UpdateEvent
    from viewer.model.formats.detect import load
    from viewer.model.saving import save

    doc = Document.from_loaded(load(path))
    mid = doc.dataset.events[doc.n // 2].id
    counter = iter(range(10**9))

    def update() -> UpdateEvent:
        edit = UpdateEvent(mid, {"title": f"Edited {next(counter)}"})
        edit.apply(doc)
        return edit

    result: dict[str, Any] = {"events": n}
    result["update_ms"] = _ms(update)
    edits = [update() for _ in range(5)]
    result["undo_ms"] = _ms(lambda: edits.pop().revert(doc))

    def add() -> None:
        k = next(counter)
        ev = Event(id=f"bench-{k}", title="Added", when=When(start="2020-11-25", precision="day"))
        AddEvent(ev).apply(doc)

    result["add_ms"] = _ms(add)
    result["delete_ms"] = _ms(lambda: DeleteEvent(doc.dataset.events[doc.n // 3].id).apply(doc))
    result["index_ms"] = _ms(lambda: doc.table.index(doc.dataset, "kind"), repeat=3)

    def on_screen() -> None:
        update()
        doc.table.index(doc.dataset, "kind")

    result["edit_on_screen_ms"] = _ms(on_screen, repeat=3)
    if n <= save_max:
        with tempfile.TemporaryDirectory(prefix="tv-edit-bench-") as tmp:
            t = time.perf_counter()
            save(doc, Path(tmp) / "saved.json")
            result["save_s"] = time.perf_counter() - t
    else:
        result["save_s"] = None
    return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in result.items()}


def main(args: argparse.Namespace) -> int:
    from viewer.model.generate import generate

    sizes = args.events or [100_000, 1_000_000]
    results = []
    with tempfile.TemporaryDirectory(prefix="tv-edit-bench-") as tmp:
        for n in sizes:
            sys.stderr.write(f"bench --edits: {n:,} events\n")
            sys.stderr.flush()
            path = Path(tmp) / f"bench-{n}.json"
            generate(path, n, seed=0)
            result = measure(path, n)
            path.unlink()
            results.append(result)
            if args.json:
                sys.stdout.write(json.dumps(result) + "\n")
                sys.stdout.flush()
    if not args.json:
        sys.stdout.write(table(results))
    return 0


def table(results: list[dict[str, Any]]) -> str:
    rows = [KEYS, *[tuple("-" if r[k] is None else str(r[k]) for k in KEYS) for r in results]]
    widths = [max(len(row[c]) for row in rows) for c in range(len(KEYS))]
    return "".join(
        "  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) + "\n" for row in rows
    )
