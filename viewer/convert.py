"""The `convert` command: any format read, written as native JSON, TimelineJS, CSV or Parquet.

The target is ``--to``, else inferred from the output name: ``*.csv`` -> csv; ``*.parquet`` ->
parquet; ``*.timeline3.json``, ``*.tljs.json`` or ``*.timelinejs.json`` -> timelinejs; other
``*.json`` -> native. What the target cannot hold is listed on stderr ("timelinejs cannot hold:
..."), never dropped silently. ``-o -`` writes to standard output (give ``--to``). The output is
written by :mod:`viewer.model.output` (atomic replace, never over the input). CSV text cells are
inert (see :mod:`viewer.model.formats.csv_cells`) unless ``--raw-cells``. Exit 0 on success, 1 on
bad input or an unwritable output, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from viewer.model.dataset import Dataset
from viewer.model.errors import LoadError
from viewer.model.formats.detect import load
from viewer.model.formats.events_csv import events_csv_text
from viewer.model.formats.generic_csv import ColumnOptions
from viewer.model.formats.native import dataset_to_json
from viewer.model.formats.parquet_write import write_parquet
from viewer.model.formats.timelinejs_writer import timelinejs_text
from viewer.model.output import STDOUT, OutputError, is_stdout, refuse_inputs, write_output
from viewer.model.terminal import visible

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


def render(ds: Dataset, target: str, raw_cells: bool = False) -> tuple[str, list[str]]:
    """The text of a dataset in a target format and what that format could not hold."""
    if target == "timelinejs":
        return timelinejs_text(ds)
    if target == "csv":
        return events_csv_text(ds, raw_cells)
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
        "input", metavar="IN", help="a dataset: native, TimelineJS, CSV tables, GDELT, Parquet"
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help="the file to write (replaced atomically; never IN itself); - for standard output",
    )
    p.add_argument(
        "--to",
        choices=TARGETS,
        help="target format (default: from OUT: .csv, .parquet, .timeline3.json/.tljs.json, .json)",
    )
    p.add_argument(
        "--raw-cells",
        action="store_true",
        help="CSV: write text cells as they are; by default a cell beginning with =, +, -, @, "
        "tab or CR gets a leading apostrophe so a spreadsheet shows text, not a formula "
        "(our reader removes it again)",
    )
    add_column_options(p)
    return cmd_convert


def _err(text: str) -> None:
    sys.stderr.write(visible(text) + "\n")


def cmd_convert(args: argparse.Namespace) -> int:
    target = target_for(args.output, args.to)
    if target is None and args.output == STDOUT:
        _err("-o -: give the format to write to standard output: --to native|timelinejs|csv")
        return 2
    if target is None:
        _err(
            f"{args.output}: cannot tell the target format from the name; expected a name "
            "ending in .json, .timeline3.json, .csv or .parquet, or "
            "--to native|timelinejs|csv|parquet"
        )
        return 2
    columns = ColumnOptions(args.date_col, args.title_col, args.lane_col, args.text_col)
    try:
        refuse_inputs(args.output, [args.input])
    except OutputError as exc:
        _err(str(exc))
        return 1
    try:
        loaded = load(args.input, columns)
    except LoadError as exc:
        for p in exc.problems:
            _err(str(p))
        return 1
    for w in loaded.warnings:
        _err(str(w))
    text, lost = ("", []) if target == "parquet" else render(loaded.dataset, target, args.raw_cells)
    if lost:
        _err(f"{args.output}: warning: {target} cannot hold: " + "; ".join(lost))
    try:
        if target == "parquet":
            write_parquet(loaded.dataset, loaded.columns, args.output)
        else:
            write_output(args.output, text)
    except OutputError as exc:
        _err(str(exc))
        return 1
    n = len(loaded.dataset.events)
    done = f"{args.output}: wrote {n} events as {target} (read {loaded.format})"
    if is_stdout(args.output):
        _err(done)  # standard output holds the dataset
    else:
        sys.stdout.write(visible(done) + "\n")
    return 0
