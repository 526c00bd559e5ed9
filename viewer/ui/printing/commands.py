"""The `print` and `export` batch commands: a PDF, PNG or SVG of a dataset without a window.

This module imports no Qt at the top level: viewer.cli registers the commands from it, and only
running one of them loads Qt (offscreen when there is no display).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from viewer.model.dates import DateError, end_instant, parse_date, start_instant
from viewer.model.errors import LoadError
from viewer.model.output import STDOUT, OutputError, refuse_inputs
from viewer.model.terminal import visible


def _date(text: str):  # type: ignore[no-untyped-def]
    try:
        return parse_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(f"'{text}': {exc}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= value <= 200:
        raise argparse.ArgumentTypeError(f"'{text}' is out of range; expected 1..200")
    return value


def _pixels(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of pixels") from None
    if not 200 <= value <= 20000:
        raise argparse.ArgumentTypeError(f"'{text}' is out of range; expected 200..20000")
    return value


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", metavar="FILE", help="a dataset (default: the bundled one)")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write, replaced whole when complete (never FILE itself)",
    )
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATE", help="partial ISO date")
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help="partial ISO date")


def add_parsers(sub) -> dict[str, Callable[[argparse.Namespace], int]]:  # type: ignore[no-untyped-def]
    """Add `print` and `export` to the command-line subparsers; return their handlers."""
    p = sub.add_parser(
        "print",
        help="write a PDF of the timeline and a chronology of events and quotes",
    )
    _add_common(p)
    p.add_argument(
        "--pages",
        type=_positive,
        metavar="N",
        help="time slices, one page each (default: one page when every label fits whole on it, "
        "else as few slices as the labels need)",
    )
    p.add_argument("--paper", choices=("A4", "Letter", "A3"), default="A4")
    p.add_argument("--portrait", action="store_true", help="portrait (default: landscape)")
    p.add_argument("--no-chronology", action="store_true", help="only the chart pages")
    p = sub.add_parser("export", help="write an image of the timeline (PNG or SVG)")
    _add_common(p)
    p.add_argument("--width", type=_pixels, default=1600, metavar="W")
    p.add_argument("--height", type=_pixels, default=900, metavar="H")
    return {"print": cmd_print, "export": cmd_export}


def _err(text: str) -> None:
    sys.stderr.write(visible(text) + "\n")


def _prepare(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """(dataset, index, time range) or an exit code."""
    from viewer.model.bundled import bundled_dataset
    from viewer.model.formats.detect import load

    if args.output == STDOUT:
        _err("timeline-viewer: -o -: PDF and images go to files; name one (or /dev/stdout)")
        return 2
    try:  # before anything is read: never write over the dataset
        refuse_inputs(args.output, [args.file or bundled_dataset()])
    except OutputError as exc:
        _err(str(exc))
        return 1
    t_range = None
    if args.date_from is not None or args.date_to is not None:
        if args.date_from is None or args.date_to is None:
            _err("timeline-viewer: --from and --to go together")
            return 2
        t0, t1 = start_instant(args.date_from), end_instant(args.date_to)
        if t1 <= t0:
            _err("timeline-viewer: --to must come after --from")
            return 2
        t_range = (t0, t1)
    try:
        loaded = load(args.file or bundled_dataset())
    except LoadError as exc:
        for p in exc.problems:
            _err(str(p))
        return 1
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication(sys.argv[:1])
    ds = loaded.dataset
    return ds, loaded.columns.index(ds), t_range, _app


def cmd_print(args: argparse.Namespace) -> int:
    prepared = _prepare(args)
    if isinstance(prepared, int):
        return prepared
    ds, index, t_range, _app = prepared
    from viewer.ui.printing.document import PrintError, export_pdf
    from viewer.ui.printing.options import PrintOptions

    options = PrintOptions(
        paper=args.paper,
        landscape=not args.portrait,
        scope="whole",
        pages=args.pages or 0,
        chronology=not args.no_chronology,
        filtered=False,
    )
    try:
        pages = export_pdf(args.output, ds, index, options, t_range)
    except PrintError as exc:
        _err(f"timeline-viewer: {exc}")
        return 1
    _err(f"{args.output}: {pages} page{'s' if pages != 1 else ''}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    suffix = Path(args.output).suffix.lower()
    if suffix not in (".png", ".svg"):
        _err(f"timeline-viewer: cannot tell the format of {args.output}; expected .png or .svg")
        return 2
    prepared = _prepare(args)
    if isinstance(prepared, int):
        return prepared
    ds, index, t_range, _app = prepared
    from viewer.ui.printing.document import PrintError, export_image

    try:
        export_image(args.output, ds, index, args.width, args.height, t_range)
    except PrintError as exc:
        _err(f"timeline-viewer: {exc}")
        return 1
    return 0
