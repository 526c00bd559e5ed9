"""The pyarrow road for big ACLED tables gives the reference reader's events, names, places and
sources on many small tables (with every oddity it handles itself), and hands any other table
to the road that gives the reference messages."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.model.test_acled_columnar import HEADER, acled_rows, write_acled
from viewer.model.formats import acled_columnar, common
from viewer.model.formats.acled import read_acled
from viewer.model.formats.columns import tabled
from viewer.model.formats.csv_table import open_table
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


def _reference(path: Path):  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8-sig")
    return tabled(read_acled(open_table(text, str(path))))


@pytest.mark.parametrize("seed", range(12))
def test_arrow_road_gives_the_reference_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rows = _clean(acled_rows(40 + 25 * seed, seed), seed, spelled=seed % 3 > 0)
    path = write_acled(tmp_path / f"t{seed}.csv", rows, blank_every=7 if seed % 2 else 0)
    ref = _reference(path)
    monkeypatch.setattr(common, "FAST_MIN_BYTES", 0)

    def no_fallback(*_a, **_k):  # type: ignore[no-untyped-def]
        raise AssertionError("the table left the arrow road")

    monkeypatch.setattr(acled_columnar, "read_acled_columnar", no_fallback)
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
def test_other_tables_get_the_reference_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, column: str, value: str, message: str
) -> None:
    rows = _clean(acled_rows(60, 3), 3)
    at = HEADER.index(column)
    rows[41][at] = value
    if column == "latitude":
        rows[41][HEADER.index("location")] = "Somewhere"
        rows[41][HEADER.index("longitude")] = "1.0"
    path = write_acled(tmp_path / "bad.csv", rows)
    with pytest.raises(Exception) as ref:  # noqa: PT011 - compared below
        _reference(path)
    monkeypatch.setattr(common, "FAST_MIN_BYTES", 0)
    with pytest.raises(Exception) as fast:  # noqa: PT011
        load(path)
    assert str(fast.value) == str(ref.value)
    assert message in str(fast.value)
    assert "row 43" in str(fast.value)
    # the line in the file: quoted notes hold newlines, so the line is past the row number
    text = path.read_text(encoding="utf-8")
    line = int(str(fast.value).split(":")[1])
    assert text.splitlines()[line - 1].startswith(rows[41][0])
