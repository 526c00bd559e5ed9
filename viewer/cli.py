"""Command line: the GUI (`timeline-viewer [FILE]`) and batch commands that need no window.

Exit codes: 0 success, 1 invalid input or an output that cannot be written (one
`FILE:LINE:COL: path: message` line per problem on stderr), 2 usage error. No command prints a
traceback. Messages and tables show control characters and bidi overrides as escapes
(:mod:`viewer.model.terminal`); JSON Lines stay exact.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence

from .model.bundled import bundled_dataset
from .model.errors import LoadError
from .model.output import OutputError, refuse_inputs
from .model.terminal import cell, json_line, visible

# The viewer does no linear algebra: OpenBLAS starts a thread per core when numpy is imported,
# which doubles numpy's import time (about 55 ms of start-up here) for nothing. A value the user
# set is kept. Set before anything imports numpy.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# The window starts without these commands' modules (see docs/startup.md): each is imported
# when its command runs.
COMMANDS = (
    "validate",
    "list",
    "schema",
    "generate",
    "bench",
    "convert",
    "print",
    "export",
    "cache",
    "timex",
    "timex-eval",
    "import",
)


def _out(text: str) -> None:
    """A line of a table or a message on stdout (its cells already made visible)."""
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(visible(text) + "\n")


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors show the arguments' control characters as escapes."""

    def _print_message(self, message: str, file=None) -> None:  # type: ignore[no-untyped-def,override]
        super()._print_message(visible(message) if message else message, file)


def cmd_validate(args: argparse.Namespace) -> int:
    from .model.formats.detect import load
    from .model.opening import quote_count

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
            _out(visible(f"{file}: valid ({counts})"))
    return 1 if failed else 0


def cmd_list(args: argparse.Namespace) -> int:
    from .model.formats.detect import load
    from .model.listing import date_text, event_record, sorted_events

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
            _out(json_line(json.dumps(event_record(ds, ev), ensure_ascii=False)))
        return 0
    rows = [
        tuple(cell(c) for c in (date_text(ev), ev.status, ev.kind, str(len(ev.quotes)), ev.title))
        for ev in events
    ]
    header = ("date", "status", "lane", "quotes", "title")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for r in [header, *rows]:
        _out("  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4])
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .model.dataset import json_schema

    _out(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from .model.generate import generate

    try:
        generate(args.output, args.events, args.seed)
    except OutputError as exc:
        _err(str(exc))
        return 1
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
    if args.edits:
        from .edit_bench import main as edit_bench_main

        return edit_bench_main(args)
    from .bench import main as bench_main

    if args.events is None:
        args.events = [1000, 10_000, 100_000, 1_000_000]

    return bench_main(args)


def cmd_timex(args: argparse.Namespace) -> int:
    from .importer.commands import run_timex

    return run_timex(args)


def cmd_timex_eval(args: argparse.Namespace) -> int:
    from .importer.commands import run_timex_eval

    return run_timex_eval(args)


def cmd_import(args: argparse.Namespace) -> int:
    from .importer.import_command import run_import

    return run_import(args)


def _add_timex_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("timex", help="find temporal expressions (TimeML TIMEX3) in text files")
    p.add_argument("files", nargs="*", metavar="FILE", help="UTF-8 text files")
    p.add_argument(
        "--published",
        metavar="DATE",
        help="publication date YYYY-MM-DD that relative dates count from "
        "(in --batch: for lines without their own)",
    )
    p.add_argument("--batch", metavar="F", help='JSON Lines of {"id", "text", "published"}')
    p.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    p = sub.add_parser("timex-eval", help="score the tagger on TimeML files (TempEval-3 way)")
    p.add_argument("dir", metavar="DIR", help="a folder of .tml files")
    p.add_argument("--json", action="store_true", help="one JSON object of the figures")


def _command_parsers() -> tuple[
    argparse.ArgumentParser, dict[str, Callable[[argparse.Namespace], int]]
]:
    parser = _Parser(prog="timeline-viewer", description=__doc__.splitlines()[0])
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
    p.add_argument(
        "--events",
        type=int,
        nargs="+",
        help="sizes (default 1000 10000 100000 1000000; with --edits 100000 1000000)",
    )
    p.add_argument("--json", action="store_true", help="one JSON object per size")
    p.add_argument(
        "--table",
        choices=("json", "acled", "events-csv", "sheet", "gdelt", "gdelt-zip", "gdelt1"),
        default="json",
        help="what to measure: the native JSON (default), an ACLED-style CSV table, the "
        "viewer's own CSV, the TimelineJS Sheets template as CSV, a GDELT 2.0 export (plain or "
        "zipped) or a GDELT 1.0 export",
    )
    p.add_argument(
        "--source",
        choices=("auto", "json", "parquet"),
        default="auto",
        help="the file each size is read from (auto: Parquet from 2,000,000 events)",
    )
    p.add_argument("--no-baseline", action="store_true", help="skip the ScatterPlotItem baseline")
    p.add_argument(
        "--edits", action="store_true", help="measure edits, undo and saving instead (no window)"
    )
    p.add_argument("--child", metavar="FILE", help=argparse.SUPPRESS)
    p.add_argument(
        "--startup",
        action="store_true",
        help="time the first painted window on the bundled dataset against a bare pyqtgraph window",
    )
    p.add_argument("--runs", type=int, default=10, metavar="N", help="with --startup (default 10)")
    p.add_argument("--make-into", metavar="FILE", help=argparse.SUPPRESS)
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "validate": cmd_validate,
        "list": cmd_list,
        "schema": cmd_schema,
        "generate": cmd_generate,
        "bench": cmd_bench,
        "cache": cmd_cache,
    }
    from .convert import add_convert_command

    handlers["convert"] = add_convert_command(sub)
    _add_timex_parsers(sub)
    handlers |= {"timex": cmd_timex, "timex-eval": cmd_timex_eval}
    from .importer.import_command import add_import_parser  # argparse only: no import cost

    add_import_parser(sub)
    handlers["import"] = cmd_import
    from .ui.printing.commands import add_parsers  # Qt is imported only when print/export run

    handlers.update(add_parsers(sub))
    return parser, handlers


def _gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="timeline-viewer",
        description="Open the timeline viewer on FILE (default: the bundled Kalbajar dataset). "
        "Batch commands: validate, list, schema, convert, print, export, generate, bench, "
        "cache, timex, timex-eval, import "
        "(timeline-viewer COMMAND --help).",
    )
    parser.add_argument("file", nargs="?", metavar="FILE")
    parser.add_argument("--screenshot", metavar="PATH", help="write a PNG of the window and exit")
    parser.add_argument(
        "--select",
        metavar="EVENT_ID",
        help="the event to select (default: the first in time; '' for none: the summary)",
    )
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
    try:
        if argv and argv[0] in COMMANDS:
            parser, handlers = _command_parsers()
            args = parser.parse_args(argv)
            return handlers[args.command](args)
        args = _gui_parser().parse_args(argv)
        if args.screenshot:
            try:  # a picture never replaces the dataset it shows
                refuse_inputs(args.screenshot, [args.file])
            except OutputError as exc:
                _err(visible(f"timeline-viewer: {exc}"))
                return 1
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
