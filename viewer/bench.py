"""`timeline-viewer bench`: generated datasets of each size, measured in one process per size.

The parent generates the files (untimed) and runs ``timeline-viewer bench --child FILE`` for
each, offscreen, with a fresh cache and settings file; the child prints one JSON object. The
files are native JSON below :data:`PARQUET_FROM` events and Parquet from there (``--source``
chooses); the ScatterPlotItem baseline is skipped above :data:`BASELINE_MAX` events (building
it would take minutes and gigabytes), which the output says.

each, offscreen, with a fresh cache and settings file; the child prints one JSON object.

``bench --startup``: the viewer on the bundled dataset and a bare pyqtgraph window, each started
as a new process, in turn, ``--runs`` times; each reports its first painted frame (defined in
:mod:`viewer.ui.startup`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
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


STARTUP_KEYS = (
    "runs",
    "size",
    "viewer_s_median",
    "viewer_s_min",
    "viewer_s_max",
    "bare_s_median",
    "bare_s_min",
    "bare_s_max",
    "ratio_median",
    "timeline_painted",
)
STARTUP_SIZE = "1600x1000"


def main(args: argparse.Namespace) -> int:
    if getattr(args, "startup", False):
        return startup_main(args)
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
            source = args.source if args.source != "auto" else _auto_source(n)
            name = f"bench-{n}.{source}" if args.table == "json" else input_name(args.table, n)
            path = Path(tmp) / name
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


TABLES = ("json", "acled", "events-csv", "sheet", "gdelt", "gdelt-zip", "gdelt1")


def input_name(kind: str, n: int) -> str:
    ending = {
        "acled": ".csv",
        "events-csv": ".csv",
        "sheet": ".csv",
        "gdelt": ".export.CSV",
        "gdelt1": ".export.CSV",
    }
    return f"bench-{n}" + ending.get(kind, ".export.CSV.zip" if kind == "gdelt-zip" else ".json")


def make_input(path: Path, kind: str, n: int) -> Path:
    """The file measured: the native JSON of generate, an ACLED-style CSV table (5,000
    locations), the viewer's own CSV, the TimelineJS Sheets template as CSV, or a GDELT 2.0
    export (plain or zipped; gdelt1: GDELT 1.0, 58 fields)."""
    from viewer.model.generate import generate
    from viewer.model.generate_tables import (
        write_acled,
        write_events_csv,
        write_gdelt,
        write_sheet,
    )

    if kind == "acled":
        return write_acled(path, n)
    if kind == "events-csv":
        return write_events_csv(path, n)
    if kind == "sheet":
        return write_sheet(path, n)
    if kind in ("gdelt", "gdelt1", "gdelt-zip"):
        width = 58 if kind == "gdelt1" else 61
        return write_gdelt(path, n, width, zipped=kind == "gdelt-zip")
    generate(path, n, seed=0)
    return path


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


# --- start-up -------------------------------------------------------------------------------------
def _first_paint(command: list[str], env: dict[str, str]) -> dict:
    """Start ``command`` with the start-up variable set to now; its report (first_paint_s ...)."""
    from viewer.ui.startup import STARTUP_ENV

    env = {**env, STARTUP_ENV: repr(time.time())}
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, check=False, timeout=120
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(
            f"{' '.join(command)} exited with {done.returncode}: {done.stderr.strip()[-400:]}"
        )
    return json.loads(lines[-1])


def startup(runs: int, size: str = STARTUP_SIZE) -> dict:
    """The viewer and the bare window started ``runs`` times each, in turn (A B A B ...)."""
    viewer = [sys.executable, "-m", "viewer", "--size", size]
    bare = [sys.executable, "-m", "viewer.ui.startup_bare", size]
    ours: list[float] = []
    base: list[float] = []
    ratios: list[float] = []
    painted = True
    with tempfile.TemporaryDirectory(prefix="tv-startup-") as tmp:
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["TIMELINE_VIEWER_CACHE"] = str(Path(tmp) / "cache")
        # as after an install (pip compiles every module): the first pair compiles into a
        # folder of our own and the measured runs read it, even where the environment says
        # PYTHONDONTWRITEBYTECODE or the source tree cannot be written
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        for k in range(runs + 1):  # the first pair warms the caches and is not counted
            a = _first_paint(viewer, {**env, "TIMELINE_VIEWER_SETTINGS": str(Path(tmp) / "s.ini")})
            b = _first_paint(bare, env)
            (Path(tmp) / "s.ini").unlink(missing_ok=True)  # every run starts as the first
            if k == 0:
                continue
            ours.append(a["first_paint_s"])
            base.append(b["first_paint_s"])
            ratios.append(a["first_paint_s"] / max(b["first_paint_s"], 1e-9))
            painted = painted and bool(a.get("timeline_painted"))
    return {
        "runs": runs,
        "size": size,
        "viewer_s_median": round(statistics.median(ours), 3),
        "viewer_s_min": round(min(ours), 3),
        "viewer_s_max": round(max(ours), 3),
        "bare_s_median": round(statistics.median(base), 3),
        "bare_s_min": round(min(base), 3),
        "bare_s_max": round(max(base), 3),
        # the median of the pair-by-pair ratios: a drift in the machine's speed moves both
        "ratio_median": round(statistics.median(ratios), 2),
        "timeline_painted": painted,
        "viewer_runs_s": ours,
        "bare_runs_s": base,
    }


def startup_main(args: argparse.Namespace) -> int:
    if not 1 <= args.runs <= 1000:
        sys.stderr.write(f"timeline-viewer bench: --runs {args.runs}: expected 1..1000\n")
        return 2
    sys.stderr.write(f"bench: starting the viewer and a bare window {args.runs} times each\n")
    sys.stderr.flush()
    try:
        result = startup(args.runs)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        sys.stderr.write(f"timeline-viewer bench: {exc}\n")
        return 1
    if args.json:
        sys.stdout.write(json.dumps(result) + "\n")
        return 0
    r = result
    sys.stdout.write(
        "| first painted window, s (median, min-max) | viewer | bare pyqtgraph window | "
        "viewer/bare |\n|---|---:|---:|---:|\n"
        f"| bundled dataset, {r['size']}, {r['runs']} runs | {r['viewer_s_median']:.3f} "
        f"({r['viewer_s_min']:.3f}-{r['viewer_s_max']:.3f}) | {r['bare_s_median']:.3f} "
        f"({r['bare_s_min']:.3f}-{r['bare_s_max']:.3f}) | {r['ratio_median']:.2f} |\n"
    )
    return 0
