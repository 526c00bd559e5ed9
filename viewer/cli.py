"""Command line: the GUI (`timeline-viewer [FILE]`) and batch commands that need no window.

Exit codes: 0 success, 1 invalid input (one `FILE:LINE:COL: path: message` line per problem on
stderr), 2 usage error. No command prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence

from .convert import add_convert_command
from .model.bundled import bundled_dataset
from .model.dataset import json_schema
from .model.errors import LoadError
from .model.formats.detect import load
from .model.listing import date_text, event_record, sorted_events
from .model.opening import quote_count


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def cmd_validate(args: argparse.Namespace) -> int:
    failed = False
    for file in args.files:
        try:
            loaded = load(file)
        except LoadError as exc:
            failed = True
            for p in exc.problems:
                _err(str(p))
            continue
        for w in loaded.warnings:
            _err(str(w))
        if not args.quiet:
            ds = loaded.dataset
            quotes = quote_count(loaded)
            counts = f"{len(ds.events)} events, {quotes} quotes, {len(ds.sources)} sources"
            _out(f"{file}: valid ({counts})")
    return 1 if failed else 0


def cmd_list(args: argparse.Namespace) -> int:
    file = args.file or bundled_dataset()
    try:
        loaded = load(file)
    except LoadError as exc:
        for p in exc.problems:
            _err(str(p))
        return 1
    ds = loaded.dataset
    events = sorted_events(ds)
    if args.format == "jsonl":
        for ev in events:
            _out(json.dumps(event_record(ds, ev), ensure_ascii=False))
        return 0
    rows = [(date_text(ev), ev.status, ev.kind, str(len(ev.quotes)), ev.title) for ev in events]
    header = ("date", "status", "lane", "quotes", "title")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for r in [header, *rows]:
        _out("  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4])
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    _out(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from .model.generate import generate

    generate(args.output, args.events, args.seed)
    return 0


def cmd_cache(args: argparse.Namespace) -> int:
    import time

    from .model.cache import cache_dir, clear_cache
    from .model.cache_folder import list_entries, max_cache_bytes

    root = cache_dir()
    if args.action == "clear":
        freed = clear_cache(root)
        _out(f"{root}: cleared ({freed / 1024**2:.1f} MB freed)")
        return 0
    entries = list_entries(root)
    for e in entries:
        used = time.strftime("%Y-%m-%d %H:%M", time.localtime(e.used))
        source = e.source or "(unknown: a damaged entry, rebuilt or removed when next met)"
        _out(f"{e.size / 1024**2:10.1f} MB  {used}  {e.events:>12,} events  {source}")
    total = sum(e.size for e in entries)
    limit = max_cache_bytes()
    _out(
        f"{len(entries)} entries, {total / 1024**2:.1f} MB of {limit / 1024**2:.0f} MB "
        f"(TIMELINE_VIEWER_CACHE_MAX_BYTES) in {root}"
    )
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import main as bench_main

    return bench_main(args)


def _command_parsers() -> tuple[
    argparse.ArgumentParser, dict[str, Callable[[argparse.Namespace], int]]
]:
    parser = argparse.ArgumentParser(prog="timeline-viewer", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check dataset files; one line per problem on stderr")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing for valid files")
    p = sub.add_parser("list", help="the events in time order")
    p.add_argument("file", nargs="?", metavar="FILE", help="a dataset (default: the bundled one)")
    p.add_argument("--format", choices=("jsonl", "table"), default="table")
    sub.add_parser("schema", help="print the JSON Schema of the dataset format")
    p = sub.add_parser("generate", help="write a synthetic dataset (benchmarks, tests)")
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="native JSON, or *.parquet"
    )
    p.add_argument("--events", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=0)
    p = sub.add_parser("cache", help="list the cache of big files' loads, or clear it")
    p.add_argument("action", nargs="?", choices=("list", "clear"), default="list")
    p = sub.add_parser("bench", help="measure loading, painting and picking at scale")
    p.add_argument("--events", type=int, nargs="+", default=[1000, 10_000, 100_000, 1_000_000])
    p.add_argument("--json", action="store_true", help="one JSON object per size")
    p.add_argument(
        "--source",
        choices=("auto", "json", "parquet"),
        default="auto",
        help="the file each size is read from (auto: Parquet from 2,000,000 events)",
    )
    p.add_argument("--no-baseline", action="store_true", help="skip the ScatterPlotItem baseline")
    p.add_argument("--child", metavar="FILE", help=argparse.SUPPRESS)
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "validate": cmd_validate,
        "list": cmd_list,
        "schema": cmd_schema,
        "generate": cmd_generate,
        "bench": cmd_bench,
        "cache": cmd_cache,
    }
    handlers["convert"] = add_convert_command(sub)
    from .ui.print_cli import add_parsers  # Qt is imported only when print/export run

    handlers.update(add_parsers(sub))
    return parser, handlers


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-viewer",
        description="Open the timeline viewer on FILE (default: the bundled Kalbajar dataset). "
        "Batch commands: validate, list, schema, convert, generate, bench, cache, print, "
        "export "
        "(timeline-viewer COMMAND --help).",
    )
    parser.add_argument("file", nargs="?", metavar="FILE")
    parser.add_argument("--screenshot", metavar="PATH", help="write a PNG of the window and exit")
    parser.add_argument("--select", metavar="EVENT_ID", help="the event to select")
    parser.add_argument("--size", metavar="WxH", type=_size, help="window size, e.g. 1600x900")
    return parser


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a size; expected WxH, e.g. 1600x900"
        ) from None
    if not (100 <= w <= 10000 and 100 <= h <= 10000):
        raise argparse.ArgumentTypeError(f"'{text}' is out of range; expected 100..10000 each way")
    return w, h


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, handlers = _command_parsers()
    try:
        if argv and argv[0] in handlers:
            args = parser.parse_args(argv)
            return handlers[args.command](args)
        args = _gui_parser().parse_args(argv)
        from .ui.app import run_gui

        return run_gui(args)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so in one line, keep the traceback for a report
        _err(f"timeline-viewer: internal error: {type(exc).__name__}: {exc}")
        if os.environ.get("TIMELINE_VIEWER_DEBUG"):
            traceback.print_exc()
        else:
            _err("(set TIMELINE_VIEWER_DEBUG=1 for details and please report it)")
        return 70


if __name__ == "__main__":
    sys.exit(main())
