"""The `convert` command: any format read, written as native JSON, TimelineJS, CSV or Parquet.

The target is ``--to``, else inferred from the output name: ``*.csv`` -> csv; ``*.parquet``
-> parquet; ``*.timeline3.json``, ``*.tljs.json`` or ``*.timelinejs.json`` -> timelinejs;
other ``*.json`` -> native. What the target cannot hold is listed on stderr ("timelinejs
cannot hold: ..."), never dropped silently. Exit 0 on success, 1 on bad input or an
unwritable output, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from viewer.model.dataset import Dataset
from viewer.model.errors import LoadError
from viewer.model.formats.detect import load
from viewer.model.formats.events_csv import events_csv_text
from viewer.model.formats.generic_csv import ColumnOptions
from viewer.model.formats.native import dataset_to_json
from viewer.model.formats.parquet_write import write_parquet
from viewer.model.formats.timelinejs_writer import timelinejs_text

TARGETS = ("native", "timelinejs", "csv", "parquet")
TIMELINEJS_SUFFIXES = (".timeline3.json", ".tljs.json", ".timelinejs.json")


def target_for(out: str, to: str | None) -> str | None:
    """The target format: ``to`` if given, else from the output name; None if it cannot tell."""
    if to:
        return to
    name = out.lower()
    if name.endswith((".csv", ".tsv")):
        return "csv"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    if name.endswith(TIMELINEJS_SUFFIXES):
        return "timelinejs"
    if name.endswith(".json"):
        return "native"
    return None


def render(ds: Dataset, target: str) -> tuple[str, list[str]]:
    """The text of a dataset in a target format and what that format could not hold."""
    if target == "timelinejs":
        return timelinejs_text(ds)
    if target == "csv":
        return events_csv_text(ds)
    return dataset_to_json(ds), []


def add_column_options(p: argparse.ArgumentParser) -> None:
    for role in ("date", "title", "lane", "text"):
        p.add_argument(
            f"--{role}-col",
            metavar="NAME",
            help=f"for a generic CSV table: the column holding the event {role}",
        )


def add_convert_command(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
) -> Callable[[argparse.Namespace], int]:
    """Register `convert` on the CLI's subparsers; return its handler."""
    p = sub.add_parser(
        "convert",
        help="convert between native JSON, TimelineJS JSON, CSV and Parquet",
        description=__doc__.splitlines()[0],
    )
    p.add_argument(
        "input", metavar="IN", help="a dataset: native, TimelineJS, Sheets/ACLED CSV, Parquet"
    )
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="the file to write")
    p.add_argument(
        "--to",
        choices=TARGETS,
        help="target format (default: from OUT: .csv, .parquet, .timeline3.json/.tljs.json, .json)",
    )
    add_column_options(p)
    return cmd_convert


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def cmd_convert(args: argparse.Namespace) -> int:
    target = target_for(args.output, args.to)
    if target is None:
        _err(
            f"{args.output}: cannot tell the target format from the name; expected a name "
            "ending in .json, .timeline3.json, .csv or .parquet, or "
            "--to native|timelinejs|csv|parquet"
        )
        return 2
    columns = ColumnOptions(args.date_col, args.title_col, args.lane_col, args.text_col)
    try:
        loaded = load(args.input, columns)
    except LoadError as exc:
        for p in exc.problems:
            _err(str(p))
        return 1
    for w in loaded.warnings:
        _err(str(w))
    text, lost = ("", []) if target == "parquet" else render(loaded.dataset, target)
    if lost:
        _err(f"{args.output}: warning: {target} cannot hold: " + "; ".join(lost))
    try:
        if target == "parquet":
            write_parquet(loaded.dataset, loaded.columns, args.output)
        else:
            _write(Path(args.output), text)
    except OSError as exc:
        _err(f"{args.output}: cannot write: {exc.strerror or exc}; expected a writable file path")
        return 1
    n = len(loaded.dataset.events)
    sys.stdout.write(f"{args.output}: wrote {n} events as {target} (read {loaded.format})\n")
    return 0


def _write(path: Path, text: str) -> None:
    """Write next to the target and rename, so a failed write leaves no half file."""
    if path.is_dir():
        raise IsADirectoryError(21, "is a folder")
    fd, tmp = tempfile.mkstemp(prefix=".convert-", dir=path.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
