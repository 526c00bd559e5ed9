"""`timeline-viewer bench`: generated datasets of each size, measured in one process per size.

The parent generates the files (untimed) and runs ``timeline-viewer bench --child FILE`` for
each, offscreen, with a fresh cache and settings file; the child prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

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
    if args.make_into:
        make_input(Path(args.make_into), args.table, args.events[0])
        return 0
    if args.child:
        from viewer.ui.bench_run import run

        sys.stdout.write(json.dumps(run(args.child)) + "\n")
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="tv-bench-") as tmp:
        for k, n in enumerate(args.events, 1):
            # on stderr, so that stdout stays the table or the JSON
            sys.stderr.write(f"bench: measuring {n:,} events ({k} of {len(args.events)})\n")
            sys.stderr.flush()
            # in its own process: a child's peak RSS starts at its parent's (Linux keeps the
            # high-water mark across fork and exec), and generating a big file takes GBs
            path = Path(tmp) / input_name(args.table, n)
            made = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "viewer",
                    "bench",
                    "--table",
                    args.table,
                    "--events",
                    str(n),
                    "--make-into",
                    str(path),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if made.returncode != 0:
                sys.stderr.write(made.stderr)
                return 1
            env = dict(os.environ)
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
            env["TIMELINE_VIEWER_CACHE"] = str(Path(tmp) / f"cache-{n}")
            env["TIMELINE_VIEWER_SETTINGS"] = str(Path(tmp) / "settings.ini")
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
            results.append(result)
            if args.json:
                sys.stdout.write(json.dumps(result) + "\n")
                sys.stdout.flush()
            path.unlink()
    if not args.json:
        sys.stdout.write(table(results))
    return 0


TABLES = ("json", "acled", "gdelt", "gdelt-zip", "gdelt1")


def input_name(kind: str, n: int) -> str:
    ending = {"acled": ".csv", "gdelt": ".export.CSV", "gdelt1": ".export.CSV"}
    return f"bench-{n}" + ending.get(kind, ".export.CSV.zip" if kind == "gdelt-zip" else ".json")


def make_input(path: Path, kind: str, n: int) -> Path:
    """The file measured: the native JSON of generate, an ACLED-style CSV table (5,000
    locations) or a GDELT 2.0 export (plain or zipped; gdelt1: GDELT 1.0, 58 fields)."""
    from viewer.model.generate import generate
    from viewer.model.generate_tables import write_acled, write_gdelt

    if kind == "acled":
        return write_acled(path, n)
    if kind in ("gdelt", "gdelt1", "gdelt-zip"):
        width = 58 if kind == "gdelt1" else 61
        return write_gdelt(path, n, width, zipped=kind == "gdelt-zip")
    generate(path, n, seed=0)
    return path


def table(results: list[dict]) -> str:
    head = (
        "| events | load s | first frame s | first frame cached s | frame ms median | "
        "frame ms p95 | ScatterPlotItem ms median | baseline/ours | pick ms | peak RSS MB |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    rows = []
    for r in results:
        ratio = r["baseline_frame_ms_median"] / max(r["frame_ms_median"], 1e-9)
        rows.append(
            f"| {r['events']:,} | {r['load_s']:.2f} | {r['first_frame_s']:.2f} | "
            f"{r['first_frame_cached_s']:.2f} | {r['frame_ms_median']:.1f} | "
            f"{r['frame_ms_p95']:.1f} | {r['baseline_frame_ms_median']:.1f} | {ratio:.1f} | "
            f"{r['pick_ms']:.3f} | {r['peak_rss_mb']:.0f} |"
        )
    return head + "\n".join(rows) + "\n"
