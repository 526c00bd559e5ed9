"""The column-wise ACLED reader gives the row reader's events, names, places and sources on
many small tables - with the cells it reads column-wise and with every other form of cell,
which it reads by the reference code one row at a time - and the same messages."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.model.test_acled_columnar import HEADER, acled_rows, reference, write_acled
from viewer.model.errors import LoadError
from viewer.model.formats.detect import load
from viewer.model.listing import event_record


def _clean(rows: list[list[str]], seed: int, spelled: bool = False) -> list[list[str]]:
    """The rows with ISO dates (or, with ``spelled``, also the spelled forms of ACLED exports)
    and unique ids (cells this road takes itself), whitespace kept."""
    rnd = random.Random(seed)
    at = {h: k for k, h in enumerate(HEADER)}
    for i, row in enumerate(rows):
        date = row[at["event_date"]].strip()
        iso_day = len(date) == 10 and date[4] == "-"
        if not iso_day and (not spelled or (len(date) == 7 and date[4] == "-")):
            row[at["event_date"]] = f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        row[at["event_id_cnty"]] = rnd.choice(["", " ", "  "]) + f"ID{seed}-{i}"
        if i % 5 == 0:  # spaces str.strip takes away, beyond ASCII too
            row[at["actor1"]] += rnd.choice(["\xa0", "\u3000", "\x1f", " "])
    return rows


def _odd(rows: list[list[str]], seed: int) -> list[list[str]]:
    """The rows with cells of other forms here and there: dates with a time or of a year,
    coordinates in exponents or with a sign, fatalities in other digits, repeated ids."""
    rnd = random.Random(seed)
    at = {h: k for k, h in enumerate(HEADER)}
    for row in rows:
        if rnd.random() < 0.1:
            row[at["event_date"]] = rnd.choice(["2020-11-25T10:00", "2021", "2019-07"])
        if rnd.random() < 0.1 and row[at["location"]] and row[at["longitude"]]:
            row[at["latitude"]] = rnd.choice(["4.01e1", "+40.5", "40"])
        if rnd.random() < 0.05:
            row[at["fatalities"]] = rnd.choice(["\u00b2", "07"])
        if rnd.random() < 0.05:
            row[at["event_id_cnty"]] = "SAME"
    return rows


@pytest.mark.parametrize("seed", range(12))
def test_arrow_road_gives_the_reference_events(tmp_path: Path, seed: int) -> None:
    rows = _clean(acled_rows(40 + 25 * seed, seed), seed, spelled=seed % 3 > 0)
    if seed % 4 == 3:
        rows = _odd(rows, seed)
    path = write_acled(tmp_path / f"t{seed}.csv", rows, blank_every=7 if seed % 2 else 0)
    ref = reference(path)
    got = load(path)
    ds, rds = got.dataset, ref.dataset
    assert (ds.title, ds.credit) == (rds.title, rds.credit)
    assert ds.actors == rds.actors
    assert ds.places == rds.places
    assert ds.sources == rds.sources
    assert len(ds.events) == len(rds.events)
    for i, ev in enumerate(rds.events):
        assert ds.events[i] == ev, i
        assert event_record(ds, ds.events[i]) == event_record(rds, ev)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("event_date", "2020-13-01", "event_date"),
        ("time_precision", "4", "expected 1, 2 or 3"),
        ("latitude", "north", "expected a number"),
        ("fatalities", "many", "expected a whole number"),
    ],
)
def test_bad_cells_get_the_reference_messages(
    tmp_path: Path, column: str, value: str, message: str
) -> None:
    rows = _clean(acled_rows(60, 3), 3)
    at = HEADER.index(column)
    rows[41][at] = value
    if column == "latitude":
        rows[41][HEADER.index("location")] = "Somewhere"
        rows[41][HEADER.index("longitude")] = "1.0"
    path = write_acled(tmp_path / "bad.csv", rows)
    with pytest.raises(LoadError) as ref:
        reference(path)
    with pytest.raises(LoadError) as fast:
        load(path)
    (p,), (r,) = fast.value.problems, ref.value.problems
    assert (p.message, p.path) == (r.message, r.path)
    # the line and column of the cell itself (the row reader gave the row's first line: a
    # cell after a multi-line note is on a later one)
    assert p.line >= r.line
    assert message in str(fast.value)
    assert "row 43" in str(fast.value)
    # the line in the file: quoted notes hold newlines, so the line is past the row number
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[r.line - 1].startswith(rows[41][0])
    assert lines[p.line - 1][p.col - 1 :].lstrip('"').startswith(value)
