"""`timeline-viewer bench`: generated datasets of each size, measured in one process per size.

The parent generates the files (untimed) and runs ``timeline-viewer bench --child FILE`` for
each, offscreen, with a fresh cache and settings file; the child prints one JSON object. The
files are native JSON below :data:`PARQUET_FROM` events and Parquet from there (``--source``
chooses); the ScatterPlotItem baseline is skipped above :data:`BASELINE_MAX` events (building
it would take minutes and gigabytes), which the output says.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PARQUET_FROM = 2_000_000
BASELINE_MAX = 2_000_000
KEYS = (
    "events",
    "load_s",
    "first_frame_s",
    "first_frame_cached_s",
    "frame_ms_median",
    "frame_ms_p95",
    "baseline_frame_ms_median",
    "pick_ms",
    "peak_rss_mb",
)


def main(args: argparse.Namespace) -> int:
    if args.child:
        from viewer.ui.bench_run import run

        sys.stdout.write(json.dumps(run(args.child)) + "\n")
        return 0
    from viewer.model.generate import generate

    results = []
    with tempfile.TemporaryDirectory(prefix="tv-bench-") as tmp:
        for k, n in enumerate(args.events, 1):
            # on stderr, so that stdout stays the table or the JSON
            sys.stderr.write(f"bench: measuring {n:,} events ({k} of {len(args.events)})\n")
            sys.stderr.flush()
            source = args.source if args.source != "auto" else _auto_source(n)
            path = Path(tmp) / f"bench-{n}.{source}"
            generate(path, n, seed=0)
            env = dict(os.environ)
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
            env["TIMELINE_VIEWER_CACHE"] = str(Path(tmp) / f"cache-{n}")
            env["TIMELINE_VIEWER_SETTINGS"] = str(Path(tmp) / "settings.ini")
            # room for the entry of the largest size (the default bound is 2 GiB)
            env.setdefault("TIMELINE_VIEWER_CACHE_MAX_BYTES", str(16 * 1024**3))
            if n > BASELINE_MAX or args.no_baseline:
                env["TIMELINE_VIEWER_BENCH_NO_BASELINE"] = "1"
                sys.stderr.write(
                    f"bench: the ScatterPlotItem baseline is skipped at {n:,} events\n"
                )
            done = subprocess.run(
                [sys.executable, "-m", "viewer", "bench", "--child", str(path)],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            if done.returncode != 0:
                sys.stderr.write(done.stderr)
                return 1
            result = json.loads(done.stdout.strip().splitlines()[-1])
            result["source"] = source
            results.append(result)
            if args.json:
                sys.stdout.write(json.dumps(result) + "\n")
                sys.stdout.flush()
            path.unlink()
    if not args.json:
        sys.stdout.write(table(results))
    return 0


def _auto_source(n: int) -> str:
    return "parquet" if n >= PARQUET_FROM else "json"


def table(results: list[dict]) -> str:
    head = (
        "| events | from | load s | first frame s | first frame cached s | frame ms median | "
        "frame ms p95 | ScatterPlotItem ms median | baseline/ours | pick ms | peak RSS MB |\n"
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    rows = []
    for r in results:
        base = r["baseline_frame_ms_median"]
        ratio = f"{base / max(r['frame_ms_median'], 1e-9):.1f}" if base is not None else "-"
        base_text = f"{base:.1f}" if base is not None else "skipped"
        rows.append(
            f"| {r['events']:,} | {r.get('source', 'json')} | {r['load_s']:.2f} | "
            f"{r['first_frame_s']:.2f} | "
            f"{r['first_frame_cached_s']:.2f} | {r['frame_ms_median']:.1f} | "
            f"{r['frame_ms_p95']:.1f} | {base_text} | {ratio} | "
            f"{r['pick_ms']:.3f} | {r['peak_rss_mb']:.0f} |"
        )
    return head + "\n".join(rows) + "\n"
